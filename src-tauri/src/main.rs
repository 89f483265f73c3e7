//! The Grantsmith desktop shell: opens the window, holds app state, and registers the
//! commands. Owns nothing else; everything with logic lives in grantsmith-core.

// No console window on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod confirmation;
mod contract;
mod desktop;
mod desktop_fonts;
#[cfg(test)]
mod hostile_page;
#[cfg(test)]
mod mock_page;
mod navigation;
mod painting;
mod security;
mod state;
mod window;

use tauri::Manager;

fn main() {
    commands::app::STARTED.get_or_init(std::time::Instant::now);
    let painting = painting::choose();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("GRANTSMITH_LOG").unwrap_or_else(|_| "info".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    if let Some(choice) = painting {
        tracing::info!("{choice}");
    }

    let mut builder = tauri::Builder::default();
    // One app per data folder: a second launch focuses the first window instead of
    // opening a second executor on the same journal. A custom GRANTSMITH_DATA_DIR is
    // another folder, so it may run beside the default one (the run lease still keeps
    // two processes on one folder from executing the same run).
    if std::env::var_os("GRANTSMITH_DATA_DIR").is_none() {
        builder = builder.plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            if let Some(window) = app.get_webview_window(window::MAIN) {
                let _ = window.unminimize();
                let _ = window.set_focus();
            }
        }));
    }
    let app = builder
        .plugin(tauri_plugin_clipboard_manager::init())
        .plugin(tauri_plugin_dialog::init())
        .setup(|app| {
            let channel = grantsmith_core::Channel::current();
            let data_dir = state::data_dir(app.path().app_data_dir().ok().map(|d| channel.data_folder(d)));
            // Read before the store's thread starts: it may be migrating the file meanwhile.
            let scheme = grantsmith_core::settings::ColorScheme::saved_in(&data_dir);
            let state = state::AppState::open(data_dir, desktop::ui_font());
            state.set_person(Box::new(confirmation::NativeDialog(app.handle().clone())));
            app.manage(state);
            window::build_main(app, scheme)?;
            Ok(())
        })
        .invoke_handler(commands::handler())
        .build(tauri::generate_context!())
        .expect("error while building Grantsmith");
    app.run(|handle, event| {
        if let tauri::RunEvent::Exit = event
            && let Ok(tenants) = handle.state::<state::AppState>().tenants()
        {
            // Stop the embedded sandbox cleanly (its state is already committed).
            tauri::async_runtime::block_on(tenants.shutdown());
        }
    });
}
