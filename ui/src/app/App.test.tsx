import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { mockIPC } from "@tauri-apps/api/mocks";
import { Profiler } from "react";
import { beforeAll, describe, expect, it } from "vitest";
import type { AppInfo } from "../bindings/AppInfo";
import type { ProfilesView } from "../bindings/ProfilesView";
import type { WizardDraft } from "../bindings/WizardDraft";
import { PROFILES_KEY } from "../features/profiles/useProfiles";
import { App } from "./App";
import { newQueryClient, Providers } from "./Providers";
import { readStartup } from "./startup";
import { preloadMantine } from "./withMantine";

const PROFILES: ProfilesView = {
  active_id: "sandbox",
  profiles: [
    {
      id: "sandbox",
      kind: "sandbox",
      name: "Sandbox",
      domain: "http://127.0.0.1:4010",
      environment: "development",
      client_id: "",
      secret_storage: "none",
      note: "Local sandbox",
      same_tenant_as: [],
      needs_secret: false,
    },
    {
      id: "p_prod",
      kind: "auth0",
      name: "Acme Prod",
      domain: "acme.eu.auth0.com",
      environment: "production",
      client_id: "abcdefgh12345678",
      secret_storage: "keychain",
      note: "",
      same_tenant_as: [],
      needs_secret: false,
    },
  ],
};

/** A fake backend: the commands the frame calls on start, plus `extra`. */
function backend(extra: Record<string, (args: unknown) => unknown> = {}) {
  let active = PROFILES.active_id;
  mockIPC((cmd, args) => {
    if (cmd in extra) return extra[cmd]!(args);
    switch (cmd) {
      case "app_info":
        return INFO;
      case "get_color_scheme":
        return "auto";
      case "list_profiles":
        return { ...PROFILES, active_id: active };
      case "wizard_draft":
        return BLANK_DRAFT;
      case "switch_profile":
        active = (args as { id: string }).id;
        return { ...PROFILES, active_id: active };
      default:
        return null;
    }
  });
}

/** Rust's blank setup, for the screens that open the wizard. */
const BLANK_DRAFT: WizardDraft = {
  spec: {
    app: { mode: "new", name: "", description: "" },
    api: { mode: "new", name: "", identifier: "", signing_alg: "RS256", token_lifetime: 86400 },
    scopes: [],
    grant_scopes: [],
  },
  step: 0,
};

const INFO: AppInfo = {
  version: "9.9.9",
  data_dir: "/data",
  database: "/data/grantsmith.db",
  schema_version: 1,
  keychain: { available: false, service: "dev.grantsmith.desktop.test", problem: "no Secret Service" },
};

/** As the window mounts it (`main.tsx`): Mantine comes with the screens that use it. */
function renderApp() {
  return render(
    <Providers>
      <App />
    </Providers>,
  );
}

describe("App", () => {
  // Mantine's chunk, loaded once for the file: under Vitest's transform its first load takes
  // seconds, longer than a test waits for a screen.
  beforeAll(async () => void (await preloadMantine()), 60_000);

  it("shows the first screen without Mantine, and brings Mantine in with the next", async () => {
    backend();
    renderApp();
    expect(await screen.findByText("v9.9.9")).toBeTruthy();
    // Mantine's provider injects its styles where it is mounted: not under Home.
    expect(document.querySelector("style[data-mantine-styles]")).toBeNull();
    await userEvent.click(screen.getByTestId("nav-history"));
    expect(await screen.findByRole("heading", { name: "History" })).toBeTruthy();
    expect(document.querySelector("style[data-mantine-styles]")).not.toBeNull();
  });

  it("shows the frame with the version and installation details from Rust", async () => {
    backend();
    renderApp();
    expect(await screen.findByText("v9.9.9")).toBeTruthy();
    expect(screen.getByTestId("app-database").textContent).toBe("/data/grantsmith.db");
    expect(screen.getByTestId("keychain-status").textContent).toContain("no Secret Service");
    expect(screen.getByTestId("home-start-wizard")).toBeTruthy();
  });

  it("replaces the frame with an explanation when the database cannot be opened", async () => {
    const storage = { kind: "storage", message: "The file x is not a readable Grantsmith database" };
    backend({
      app_info: () => {
        throw storage;
      },
      list_profiles: () => {
        throw storage;
      },
    });
    renderApp();
    const error = await screen.findByTestId("startup-error");
    expect(error.textContent).toContain("not a readable Grantsmith database");
    expect(screen.queryByTestId("main-pane")).toBeNull();
  });

  it("does not render the frame again when the tenants are read again unchanged", async () => {
    // Every screen that mounts asks for the tenants again; an unchanged answer must not
    // re-render the whole frame (it once did, through a spread query result).
    backend();
    const client = newQueryClient();
    let commits = 0;
    render(
      <Providers client={client}>
        <Profiler id="app" onRender={() => commits++}>
          <App />
        </Profiler>
      </Providers>,
    );
    await screen.findByTestId("active-tenant-name");
    await waitFor(() => expect(client.isFetching()).toBe(0));
    await new Promise((done) => setTimeout(done, 100));
    const settled = commits;
    await client.refetchQueries({ queryKey: PROFILES_KEY });
    await new Promise((done) => setTimeout(done, 50));
    expect(commits).toBe(settled);
  });

  it("asks Rust for what the start already read only once (the keychain is probed once)", async () => {
    const asked: string[] = [];
    backend({ app_info: () => (asked.push("app_info"), INFO), get_color_scheme: () => (asked.push("get_color_scheme"), "auto") });
    const client = newQueryClient();
    await readStartup(client);
    render(
      <Providers client={client}>
        <App />
      </Providers>,
    );
    expect(await screen.findByText("v9.9.9")).toBeTruthy();
    await new Promise((done) => setTimeout(done, 100));
    expect(asked).toEqual(["app_info", "get_color_scheme"]);
  });

  it("navigates between areas and marks the current one", async () => {
    backend();
    renderApp();
    await userEvent.click(screen.getByTestId("nav-history"));
    expect(await screen.findByRole("heading", { name: "History" })).toBeTruthy();
    expect(screen.getByTestId("nav-history").getAttribute("aria-current")).toBe("page");
    expect(screen.getByTestId("nav-wizard").getAttribute("aria-current")).toBeNull();
  });

  it("keeps the current screen on show while the next one's code loads", async () => {
    backend();
    renderApp();
    await screen.findByText("v9.9.9");
    // APIs is opened nowhere else in this file: its code is not loaded yet.
    await userEvent.click(screen.getByTestId("nav-apis"));
    expect(screen.queryByLabelText("Opening")).toBeNull();
    expect(screen.getByRole("heading", { name: "Set up machine-to-machine access" })).toBeTruthy();
    expect(screen.getByTestId("main-pane").getAttribute("aria-busy")).toBe("true");
    expect(await screen.findByRole("heading", { name: "APIs" })).toBeTruthy();
    expect(screen.getByTestId("main-pane").getAttribute("aria-busy")).toBeNull();
    expect(screen.getByTestId("nav-apis").getAttribute("aria-current")).toBe("page");
  });

  it("saves the chosen theme through Rust before applying it", async () => {
    const saved: unknown[] = [];
    backend({
      set_color_scheme: (args) => saved.push((args as { scheme: string }).scheme),
      get_color_scheme: () => "light",
    });
    renderApp();
    await waitFor(() => expect(screen.getByTestId("theme-light").getAttribute("aria-checked")).toBe("true"));
    await userEvent.click(screen.getByTestId("theme-dark"));
    await waitFor(() => expect(screen.getByTestId("theme-dark").getAttribute("aria-checked")).toBe("true"));
    expect(saved).toEqual(["dark"]);
    expect(document.documentElement.getAttribute("data-mantine-color-scheme")).toBe("dark");
  });

  it("shows the active tenant and switches in one click, with a production band", async () => {
    backend();
    renderApp();
    expect((await screen.findByTestId("active-tenant-name")).textContent).toBe("Sandbox");
    expect(screen.queryByTestId("production-banner")).toBeNull();
    await userEvent.click(screen.getByTestId("tenant-p_prod"));
    await waitFor(() => expect(screen.getByTestId("active-tenant-name").textContent).toBe("Acme Prod"));
    expect(screen.getByTestId("production-banner").textContent).toContain("PRODUCTION");
    expect(screen.getByTestId("tenant-p_prod").getAttribute("aria-current")).toBe("true");
  });

  it("opens the palette with Ctrl+K and switches tenant from it", async () => {
    backend();
    renderApp();
    await screen.findByTestId("active-tenant-name");
    await userEvent.keyboard("{Control>}k{/Control}");
    const input = await screen.findByTestId("palette-input");
    await userEvent.type(input, "acme{Enter}");
    await waitFor(() => expect(screen.getByTestId("active-tenant-name").textContent).toBe("Acme Prod"));
  });

  it("gives the focus back when the palette closes, the first time too (it mounts open)", async () => {
    backend();
    renderApp();
    await screen.findByTestId("active-tenant-name");
    screen.getByTestId("nav-apps").focus();
    await userEvent.keyboard("{Control>}k{/Control}");
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId("palette-input")));
    await userEvent.keyboard("{Escape}");
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId("nav-apps")));
  });

  it("offers a setup that did not finish on Home, and opens it", async () => {
    backend({ wizard_unfinished: () => ({ id: "run-1" }) });
    renderApp();
    const alert = await screen.findByTestId("home-unfinished");
    expect(alert.textContent).toContain("resumed without creating duplicates");
    await userEvent.click(within(alert).getByRole("button", { name: "Open it" }));
    await waitFor(() => expect(screen.getByTestId("nav-wizard").getAttribute("aria-current")).toBe("page"));
  });
});
