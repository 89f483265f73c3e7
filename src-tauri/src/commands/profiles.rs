use grantsmith_core::IpcError;
use grantsmith_core::profiles::{ConnectionReport, InputCheck, PermissionCheck, Profile, ProfileInput};
use grantsmith_core::tenants::ProfilesView;
use tauri::State;

use crate::state::AppState;

/// Keychain calls block (a locked keychain may prompt): run them on a worker thread that
/// tokio may block, never on the window's main thread.
pub(crate) fn off_main_thread<T>(f: impl FnOnce() -> T) -> T {
    tokio::task::block_in_place(f)
}

#[tauri::command]
pub fn list_profiles(state: State<'_, AppState>) -> Result<ProfilesView, IpcError> {
    Ok(state.tenants()?.view()?)
}

#[tauri::command]
pub fn switch_profile(state: State<'_, AppState>, id: String) -> Result<ProfilesView, IpcError> {
    Ok(state.tenants()?.switch(&id)?)
}

#[tauri::command]
pub fn check_profile_input(
    state: State<'_, AppState>,
    input: ProfileInput,
    editing: Option<String>,
) -> Result<InputCheck, IpcError> {
    Ok(state.tenants()?.check_input(&input, editing.as_deref()))
}

#[tauri::command]
pub async fn add_profile(state: State<'_, AppState>, input: ProfileInput) -> Result<Profile, IpcError> {
    off_main_thread(|| Ok(state.tenants()?.add(&input)?))
}

#[tauri::command]
pub async fn update_profile(state: State<'_, AppState>, id: String, input: ProfileInput) -> Result<Profile, IpcError> {
    off_main_thread(|| Ok(state.tenants()?.update(&id, &input)?))
}

#[tauri::command]
pub async fn remove_profile(state: State<'_, AppState>, id: String) -> Result<ProfilesView, IpcError> {
    off_main_thread(|| Ok(state.tenants()?.remove(&id)?))
}

#[tauri::command]
pub async fn test_profile_connection(state: State<'_, AppState>, id: String) -> Result<ConnectionReport, IpcError> {
    Ok(state.tenants()?.test_profile(&id).await?)
}

#[tauri::command]
pub async fn test_new_connection(
    state: State<'_, AppState>,
    input: ProfileInput,
    editing: Option<String>,
) -> Result<ConnectionReport, IpcError> {
    state.tenants()?.test_input(&input, editing.as_deref(), state.person()).await
}

#[tauri::command]
pub async fn reset_sandbox(state: State<'_, AppState>) -> Result<(), IpcError> {
    Ok(state.tenants()?.reset_sandbox().await?)
}

#[tauri::command]
pub fn permission_guide() -> Vec<PermissionCheck> {
    grantsmith_core::profiles::permissions::guide()
}
