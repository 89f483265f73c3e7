import { mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, describe, expect, it, vi } from "vitest";
import { PROFILES_KEY, tenantKey } from "../features/profiles/useProfiles";
import { newQueryClient } from "./Providers";
import { APP_INFO_KEY, COLOR_SCHEME_KEY, readStartup, UNFINISHED } from "./startup";

const VIEW = {
  active_id: "sandbox",
  profiles: [{ id: "sandbox", kind: "sandbox", name: "Sandbox", environment: "development" }],
};
const UNFINISHED_RUN = { run_id: "r1", held: false };

describe("readStartup", () => {
  afterEach(() => vi.useRealTimers());

  it("puts what the first screen reads in the cache, under the keys its screens ask for", async () => {
    mockIPC(
      (cmd) => ({ app_info: { version: "1.2.3" }, list_profiles: VIEW, get_color_scheme: "dark", wizard_unfinished: UNFINISHED_RUN })[cmd],
    );
    const client = newQueryClient();
    expect(await readStartup(client)).toBe("dark");
    expect(client.getQueryData(APP_INFO_KEY)).toEqual({ version: "1.2.3" });
    expect(client.getQueryData(PROFILES_KEY)).toEqual(VIEW);
    expect(client.getQueryData(COLOR_SCHEME_KEY)).toBe("dark");
    expect(client.getQueryData(tenantKey("sandbox", UNFINISHED))).toEqual(UNFINISHED_RUN);
  });

  it("applies the desktop's fonts that app_info read before the first render", async () => {
    mockIPC(
      (cmd) =>
        ({
          app_info: { version: "1", fonts: { family: "DejaVu Sans", semibold: 700 } },
          list_profiles: VIEW,
          get_color_scheme: "auto",
          wizard_unfinished: null,
        })[cmd],
    );
    await readStartup(newQueryClient());
    const root = document.documentElement.style;
    expect(root.getPropertyValue("--mantine-font-family")).toBe('"DejaVu Sans", sans-serif');
    expect(root.getPropertyValue("--mantine-font-weight-medium")).toBe("700");
    root.cssText = "";
  });

  it("leaves a failed read to the screen and follows the system theme when the saved one is unreadable", async () => {
    mockIPC((cmd) => {
      if (cmd === "app_info" || cmd === "get_color_scheme") throw { kind: "storage", message: "no database" };
      return { list_profiles: VIEW, wizard_unfinished: null }[cmd];
    });
    const client = newQueryClient();
    expect(await readStartup(client)).toBe("auto");
    expect(client.getQueryData(APP_INFO_KEY)).toBeUndefined();
    expect(client.getQueryData(PROFILES_KEY)).toEqual(VIEW);
  });

  it("does not keep the window blank when a read never answers, and keeps what came later", async () => {
    vi.useFakeTimers();
    let answer: (info: unknown) => void = () => {};
    mockIPC((cmd) =>
      cmd === "app_info"
        ? new Promise((done) => (answer = done))
        : { list_profiles: VIEW, get_color_scheme: "light", wizard_unfinished: null }[cmd],
    );
    const client = newQueryClient();
    const read = readStartup(client);
    await vi.advanceTimersByTimeAsync(1500);
    expect(await read).toBe("light");
    expect(client.getQueryData(APP_INFO_KEY)).toBeUndefined();
    answer({ version: "late" });
    await vi.waitFor(() => expect(client.getQueryData(APP_INFO_KEY)).toEqual({ version: "late" }));
  });
});
