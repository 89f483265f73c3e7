import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { mockIPC } from "@tauri-apps/api/mocks";
import { describe, expect, it } from "vitest";
import type { InputCheck } from "../../bindings/InputCheck";
import { NavigationProvider } from "../../app/navigation";
import { render } from "@testing-library/react";
import MantineLayer from "../../app/MantineLayer";
import { newQueryClient, Providers } from "../../app/Providers";
import { renderWithProviders } from "../../test/render";
import { ProfileForm } from "./ProfileForm";

const VALID: InputCheck = { issues: [], warnings: [] };

describe("ProfileForm", () => {
  it("keeps Test connection usable while a change is being re-checked", async () => {
    // The first check answers at once; later ones wait until the test answers them.
    let checks = 0;
    const waiting: Array<(answer: InputCheck) => void> = [];
    const tested: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "check_profile_input") {
        checks++;
        return checks === 1 ? VALID : new Promise<InputCheck>((answer) => waiting.push(answer));
      }
      if (cmd === "test_new_connection") tested.push(args);
      if (cmd === "permission_guide") return [];
      return null;
    });
    renderWithProviders(
      <NavigationProvider>
        <ProfileForm />
      </NavigationProvider>,
    );
    const button = () => screen.getByTestId("profile-test") as HTMLButtonElement;
    await waitFor(() => expect(button().disabled).toBe(false));

    await userEvent.click(screen.getByTestId("env-staging"));
    // Past the 200 ms debounce: the new input's check is asked and not answered yet.
    await waitFor(() => expect(checks).toBe(2), { timeout: 1000 });
    expect(button().disabled).toBe(false);
    await userEvent.click(button());
    await waitFor(() => expect(tested).toHaveLength(1));
    expect(tested[0]).toMatchObject({ input: { environment: "staging" } });
    waiting.forEach((answer) => answer(VALID));
  });

  it("never puts a typed secret in a query key nor sends it to be checked", async () => {
    const checked: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "check_profile_input") {
        checked.push(args);
        return VALID;
      }
      if (cmd === "permission_guide") return [];
      return null;
    });
    const client = newQueryClient();
    render(
      <Providers client={client}>
        <MantineLayer>
          <NavigationProvider>
            <ProfileForm />
          </NavigationProvider>
        </MantineLayer>
      </Providers>,
    );
    await userEvent.type(screen.getByTestId("profile-client-secret"), "s3cr3t-value");
    await waitFor(() => expect(JSON.stringify(checked)).toContain("(typed)"), { timeout: 1000 });
    const keys = JSON.stringify(
      client
        .getQueryCache()
        .getAll()
        .map((q) => q.queryKey),
    );
    expect(keys).not.toMatch(/s3c|cr3t/);
    expect(JSON.stringify(checked)).not.toMatch(/s3c|cr3t/);
  });
});
