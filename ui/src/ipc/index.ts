// The only module that imports @tauri-apps/*: one typed wrapper per Rust command.
import { invoke } from "@tauri-apps/api/core";
import type { AppInfo } from "../bindings/AppInfo";
import type { ColorScheme } from "../bindings/ColorScheme";
import { CommandError, toIpcError } from "./errors";

export { CommandError } from "./errors";

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (e) {
    throw new CommandError(toIpcError(e));
  }
}

export const appInfo = () => call<AppInfo>("app_info");
export const getColorScheme = () => call<ColorScheme>("get_color_scheme");
export const setColorScheme = (scheme: ColorScheme) => call<void>("set_color_scheme", { scheme });
