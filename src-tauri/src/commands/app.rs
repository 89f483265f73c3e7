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
    let keychain = state
        .take_start_probe()
        .unwrap_or_else(|| super::profiles::off_main_thread(|| KeychainStatus::probe(&state.keychain)));
    let fonts = state.fonts().cloned();
    Ok(AppInfo::collect(&version, state.store()?, keychain, fonts)?)
}

/// When the process started (set first thing in `main`), for `first_painted`.
pub static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

/// The UI painted its first screen, `page_ms` after the page's navigation started (its own
/// clock). With `GRANTSMITH_REPORT_FIRST_PAINT` set, says so on stderr with the time since
/// the process started (the bench and the installed-package check read it; the page's part
/// tells the page's work from the shell's and WebKit's start); otherwise does nothing.
#[tauri::command]
pub fn first_painted(page_ms: f64) {
    static ONCE: std::sync::Once = std::sync::Once::new();
    if std::env::var_os("GRANTSMITH_REPORT_FIRST_PAINT").is_some() {
        ONCE.call_once(|| {
            let ms = STARTED.get().map_or(0, |t| t.elapsed().as_millis());
            eprintln!("grantsmith: first screen painted after {ms} ms (page {page_ms:.0} ms)");
        });
    }
}
