use grantsmith_core::IpcError;
use grantsmith_core::app_info::{AppInfo, KeychainStatus};
use tauri::State;

use crate::state::AppState;

#[tauri::command]
pub async fn app_info<R: tauri::Runtime>(
    app: tauri::AppHandle<R>,
    state: State<'_, AppState>,
) -> Result<AppInfo, IpcError> {
    let version = app.package_info().version.to_string();
    let keychain = super::profiles::off_main_thread(|| KeychainStatus::probe(&state.keychain));
    Ok(AppInfo::collect(&version, state.store()?, keychain, state.ui_font.clone())?)
}

/// When the process started (set first thing in `main`), for `first_painted`.
pub static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

/// The UI painted its first screen. With `GRANTSMITH_REPORT_FIRST_PAINT` set, says so on
/// stderr with the time since start (the bench and the installed-package check read it);
/// otherwise does nothing.
#[tauri::command]
pub fn first_painted() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    if std::env::var_os("GRANTSMITH_REPORT_FIRST_PAINT").is_some() {
        ONCE.call_once(|| {
            let ms = STARTED.get().map_or(0, |t| t.elapsed().as_millis());
            eprintln!("grantsmith: first screen painted after {ms} ms");
        });
    }
}
