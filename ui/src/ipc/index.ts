// The only module that imports @tauri-apps/*: one typed wrapper per Rust command.
import { Channel, invoke } from "@tauri-apps/api/core";
import { writeText } from "@tauri-apps/plugin-clipboard-manager";
import type { Fix } from "../bindings/Fix";
import type { Snippet } from "../bindings/Snippet";
import type { TokenAsk } from "../bindings/TokenAsk";
import type { TokenReport } from "../bindings/TokenReport";
import type { ApiSummary } from "../bindings/ApiSummary";
import type { Plan } from "../bindings/Plan";
import type { RunReview } from "../bindings/RunReview";
import type { RunView } from "../bindings/RunView";
import type { ScopeSpec } from "../bindings/ScopeSpec";
import type { SpecCheck } from "../bindings/SpecCheck";
import type { WizardDraft } from "../bindings/WizardDraft";
import type { WizardSpec } from "../bindings/WizardSpec";
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

export const listApis = () => call<ApiSummary[]>("list_apis");
export const wizardCheck = (spec: WizardSpec) => call<SpecCheck>("wizard_check", { spec });
export const wizardParseScopes = (text: string) => call<ScopeSpec[]>("wizard_parse_scopes", { text });
export const wizardPlan = (spec: WizardSpec) => call<Plan>("wizard_plan", { spec });
export const wizardDraft = () => call<WizardDraft | null>("wizard_draft");
export const wizardSaveDraft = (spec: WizardSpec, step: number) => call<void>("wizard_save_draft", { spec, step });
export const wizardClearDraft = () => call<void>("wizard_clear_draft");
export const wizardUnfinished = () => call<RunView | null>("wizard_unfinished");
export const wizardRuns = () => call<RunView[]>("wizard_runs");

function progress(onUpdate: (run: RunView) => void): Channel<RunView> {
  const channel = new Channel<RunView>();
  channel.onmessage = onUpdate;
  return channel;
}

export const wizardApply = (spec: WizardSpec, reviewed: Plan, confirm: string | null, onUpdate: (run: RunView) => void) =>
  call<RunView>("wizard_apply", { spec, reviewed, confirm, onUpdate: progress(onUpdate) });
export const runReview = (runId: string) => call<RunReview>("run_review", { runId });
export const wizardResume = (runId: string, accepted: string[], confirm: string | null, onUpdate: (run: RunView) => void) =>
  call<RunView>("wizard_resume", { runId, accepted, confirm, onUpdate: progress(onUpdate) });
export const wizardUndo = (runId: string, confirm: string | null, onUpdate: (run: RunView) => void) =>
  call<RunView>("wizard_undo", { runId, confirm, onUpdate: progress(onUpdate) });

export const testToken = (ask: TokenAsk) => call<TokenReport>("test_token", { ask });
export const inspectToken = (token: string) => call<TokenReport>("inspect_token", { token });
export const planTokenFix = (fix: Fix) => call<Plan>("plan_token_fix", { fix });
export const applyTokenFix = (fix: Fix, reviewed: Plan, confirm: string | null) =>
  call<RunView>("apply_token_fix", { fix, reviewed, confirm, onUpdate: progress(() => {}) });

/** Copies through the Tauri clipboard plugin (the webview's clipboard API is not relied on). */
export async function copyText(text: string): Promise<void> {
  try {
    await writeText(text);
  } catch (e) {
    throw new CommandError(toIpcError(e));
  }
}
export const quickstart = (clientId: string, audience: string) => call<Snippet[]>("quickstart", { clientId, audience });
