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
    Ok(AppInfo::collect(&version, state.store()?, keychain)?)
}
