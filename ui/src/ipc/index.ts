// The only module that imports @tauri-apps/*: one typed wrapper per Rust command.
import { invoke } from "@tauri-apps/api/core";
import type { AppInfo } from "../bindings/AppInfo";
import type { AppSummary } from "../bindings/AppSummary";
import type { ColorScheme } from "../bindings/ColorScheme";
import type { ConnectionReport } from "../bindings/ConnectionReport";
import type { InputCheck } from "../bindings/InputCheck";
import type { PermissionCheck } from "../bindings/PermissionCheck";
import type { Profile } from "../bindings/Profile";
import type { ProfileInput } from "../bindings/ProfileInput";
import type { ProfilesView } from "../bindings/ProfilesView";
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

export const listProfiles = () => call<ProfilesView>("list_profiles");
export const switchProfile = (id: string) => call<ProfilesView>("switch_profile", { id });
export const checkProfileInput = (input: ProfileInput, editing?: string) =>
  call<InputCheck>("check_profile_input", { input, editing: editing ?? null });
export const addProfile = (input: ProfileInput) => call<Profile>("add_profile", { input });
export const updateProfile = (id: string, input: ProfileInput) => call<Profile>("update_profile", { id, input });
export const removeProfile = (id: string) => call<ProfilesView>("remove_profile", { id });
export const testProfileConnection = (id: string) => call<ConnectionReport>("test_profile_connection", { id });
export const testNewConnection = (input: ProfileInput, editing?: string) =>
  call<ConnectionReport>("test_new_connection", { input, editing: editing ?? null });
export const permissionGuide = () => call<PermissionCheck[]>("permission_guide");
export const resetSandbox = () => call<void>("reset_sandbox");
export const listApplications = () => call<AppSummary[]>("list_applications");
