import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { mockIPC } from "@tauri-apps/api/mocks";
import { describe, expect, it } from "vitest";
import type { InputCheck } from "../../bindings/InputCheck";
import { NavigationProvider } from "../../app/navigation";
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
});
