import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { mockIPC } from "@tauri-apps/api/mocks";
import { describe, expect, it } from "vitest";
import type { AppInfo } from "../bindings/AppInfo";
import { renderWithProviders } from "../test/render";
import { App } from "./App";

const INFO: AppInfo = {
  version: "9.9.9",
  data_dir: "/data",
  database: "/data/grantsmith.db",
  schema_version: 1,
  keychain: { available: false, service: "dev.grantsmith.app.test", problem: "no Secret Service" },
};

describe("App", () => {
  it("shows the frame with the version and installation details from Rust", async () => {
    mockIPC((cmd) => (cmd === "app_info" ? INFO : cmd === "get_color_scheme" ? "auto" : null));
    renderWithProviders(<App />);
    expect(await screen.findByText("v9.9.9")).toBeTruthy();
    expect(screen.getByTestId("app-database").textContent).toBe("/data/grantsmith.db");
    expect(screen.getByTestId("keychain-status").textContent).toContain("no Secret Service");
    expect(screen.getByTestId("nav-setup").getAttribute("aria-current")).toBe("page");
  });

  it("replaces the frame with an explanation when the database cannot be opened", async () => {
    mockIPC((cmd) => {
      if (cmd === "app_info") throw { kind: "storage", message: "The file x is not a readable Grantsmith database" };
      return "auto";
    });
    renderWithProviders(<App />);
    const error = await screen.findByTestId("startup-error");
    expect(error.textContent).toContain("not a readable Grantsmith database");
    expect(screen.queryByTestId("main-pane")).toBeNull();
  });

  it("navigates between areas and marks the current one", async () => {
    mockIPC((cmd) => (cmd === "app_info" ? INFO : "auto"));
    renderWithProviders(<App />);
    await userEvent.click(screen.getByTestId("nav-apis"));
    expect(screen.getByTestId("area-apis-empty")).toBeTruthy();
    expect(screen.getByTestId("nav-apis").getAttribute("aria-current")).toBe("page");
    expect(screen.getByTestId("nav-setup").getAttribute("aria-current")).toBeNull();
  });

  it("saves the chosen theme through Rust before applying it", async () => {
    const saved: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "set_color_scheme") saved.push((args as { scheme: string }).scheme);
      return cmd === "app_info" ? INFO : cmd === "get_color_scheme" ? "light" : null;
    });
    renderWithProviders(<App />);
    await waitFor(() => expect(screen.getByTestId("theme-light").getAttribute("aria-checked")).toBe("true"));
    await userEvent.click(screen.getByTestId("theme-dark"));
    await waitFor(() => expect(screen.getByTestId("theme-dark").getAttribute("aria-checked")).toBe("true"));
    expect(saved).toEqual(["dark"]);
  });
});
