/// Every command the app registers (`commands::all_commands!`). Declaring them in an app
/// manifest makes Tauri generate `allow-<command>` permissions and refuse any command that
/// `capabilities/main.json` does not grant.
const COMMANDS: &[&str] = &[
    "app_info",
    "get_color_scheme",
    "set_color_scheme",
    "list_profiles",
    "switch_profile",
    "check_profile_input",
    "add_profile",
    "update_profile",
    "remove_profile",
    "test_profile_connection",
    "test_new_connection",
    "reset_sandbox",
    "permission_guide",
    "list_applications",
    "test_token",
    "inspect_token",
    "plan_token_fix",
    "apply_token_fix",
    "quickstart",
    "wizard_check",
    "wizard_parse_scopes",
    "list_apis",
    "wizard_plan",
    "wizard_apply",
    "run_review",
    "wizard_resume",
    "wizard_undo",
    "wizard_unfinished",
    "wizard_runs",
    "wizard_draft",
    "wizard_save_draft",
    "wizard_clear_draft",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build script failed");
}
