//! The Grantsmith desktop shell: opens the window, holds app state, and registers the
//! commands. Owns nothing else; everything with logic lives in grantsmith-core.

// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod state;

use tauri::Manager;

fn main() {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("GRANTSMITH_LOG").unwrap_or_else(|_| "info".into()),
        )
        .with_writer(std::io::stderr)
        .init();

    tauri::Builder::default()
        .setup(|app| {
            let data_dir = state::data_dir(app.path().app_data_dir().ok());
            app.manage(state::AppState::open(data_dir));
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::app::app_info,
            commands::settings::get_color_scheme,
            commands::settings::set_color_scheme,
        ])
        .run(tauri::generate_context!())
        .expect("error while running Grantsmith");
}
