//! Tauri commands, one module per domain. Each is a thin adapter: take state and a DTO,
//! call grantsmith-core, return its result or an `IpcError`.

pub mod app;
pub mod apps;
pub mod profiles;
pub mod settings;
pub mod token;
pub mod wizard;

/// Every command, as `build.rs` declares them and `capabilities/main.json` grants them.
#[macro_export]
macro_rules! all_commands {
    () => {
        tauri::generate_handler![
            commands::app::app_info,
            commands::settings::get_color_scheme,
            commands::settings::set_color_scheme,
            commands::profiles::list_profiles,
            commands::profiles::switch_profile,
            commands::profiles::check_profile_input,
            commands::profiles::add_profile,
            commands::profiles::update_profile,
            commands::profiles::remove_profile,
            commands::profiles::test_profile_connection,
            commands::profiles::test_new_connection,
            commands::profiles::reset_sandbox,
            commands::profiles::permission_guide,
            commands::apps::list_applications,
            commands::token::test_token,
            commands::token::inspect_token,
            commands::token::plan_token_fix,
            commands::token::apply_token_fix,
            commands::token::quickstart,
            commands::wizard::wizard_check,
            commands::wizard::wizard_parse_scopes,
            commands::wizard::list_apis,
            commands::wizard::wizard_plan,
            commands::wizard::wizard_apply,
            commands::wizard::run_review,
            commands::wizard::wizard_resume,
            commands::wizard::wizard_undo,
            commands::wizard::wizard_unfinished,
            commands::wizard::wizard_runs,
            commands::wizard::wizard_draft,
            commands::wizard::wizard_save_draft,
            commands::wizard::wizard_clear_draft,
        ]
    };
}
