import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { mockIPC } from "@tauri-apps/api/mocks";
import { describe, expect, it } from "vitest";
import type { IndexProgress } from "../../bindings/IndexProgress";
import type { Profile } from "../../bindings/Profile";
import type { ProfilesView } from "../../bindings/ProfilesView";
import { renderWithProviders } from "../../test/render";
import { PromoteDialog } from "./PromoteDialog";

const profile = (id: string, name: string, environment: Profile["environment"]): Profile => ({
  id,
  kind: "auth0",
  name,
  domain: `${id}.eu.auth0.com`,
  environment,
  client_id: "abcdefgh12345678",
  secret_storage: "keychain",
  note: "",
  same_tenant_as: [],
  needs_secret: false,
});

const TWO: ProfilesView = {
  active_id: "p_dev",
  profiles: [profile("p_dev", "Dev", "development"), profile("p_big", "Big Prod", "production")],
};

describe("PromoteDialog", () => {
  it("says how far the target is read while it compares (a large tenant takes a while)", async () => {
    let answer: (() => void) | undefined;
    let report: ((update: IndexProgress) => void) | undefined;
    mockIPC((cmd, args) => {
      if (cmd === "list_profiles") return TWO;
      // The comparison reports and answers only when the test says so.
      if (cmd === "promote_preview") {
        report = (args as { onUpdate: { onmessage: (update: IndexProgress) => void } }).onUpdate.onmessage;
        return new Promise((_, fail) => (answer = () => fail({ kind: "network", message: "Offline." })));
      }
      return null;
    });
    renderWithProviders(<PromoteDialog clientId="c1" audience="https://api.dev.example.com" opened onClose={() => {}} />);
    expect(screen.queryByTestId("promote-comparing")).toBeNull();
    await screen.findByRole("option", { name: "Big Prod (production)" });
    await userEvent.selectOptions(screen.getByTestId("promote-target"), "p_big");
    const comparing = await screen.findByTestId("promote-comparing");
    expect(comparing.textContent).toContain("Comparing with Big Prod: reading its applications");
    act(() => report!({ list: "applications", done: 1200, total: 5001 }));
    expect(comparing.textContent).toContain("read 1200 of 5001 applications");
    expect(Number(within(comparing).getByRole("progressbar").getAttribute("aria-valuenow"))).toBeCloseTo(24, 0);
    answer!();
    await waitFor(() => expect(screen.queryByTestId("promote-comparing")).toBeNull());
    await screen.findByText("Offline.");
  });
});
