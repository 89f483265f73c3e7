use grantsmith_core::IpcError;
use grantsmith_core::index::{self, AppPage, IndexProgress, IndexStatus, IndexedApi};
use tauri::State;
use tauri::ipc::Channel;

use crate::state::AppState;

/// What the active profile's index holds, and whether Grantsmith changed the tenant since.
#[tauri::command]
pub fn index_status(state: State<'_, AppState>) -> Result<IndexStatus, IpcError> {
    let profile = state.tenants()?.active_id()?;
    Ok(index::status(state.store()?, &profile)?)
}

/// Reads the active profile's tenant again, page by page, streaming progress.
#[tauri::command]
pub async fn index_refresh(
    state: State<'_, AppState>,
    on_update: Channel<IndexProgress>,
) -> Result<IndexStatus, IpcError> {
    let tenants = state.tenants()?;
    let profile = tenants.active_id()?;
    let client = tenants.client_for(&profile).await?;
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64);
    let send = |p: IndexProgress| {
        let _ = on_update.send(p);
    };
    Ok(index::build(state.store()?, &client, &profile, now, &send).await?)
}

/// The active profile's indexed applications matching `search` (of `app_type` when given),
/// in natural order.
#[tauri::command]
pub fn index_applications(
    state: State<'_, AppState>,
    search: String,
    app_type: Option<String>,
    offset: u32,
    limit: u32,
) -> Result<AppPage, IpcError> {
    let profile = state.tenants()?.active_id()?;
    Ok(index::applications(state.store()?, &profile, &search, app_type.as_deref(), offset, limit)?)
}

/// The active profile's indexed APIs matching `search` (name, identifier or a scope).
#[tauri::command]
pub fn index_apis(state: State<'_, AppState>, search: String) -> Result<Vec<IndexedApi>, IpcError> {
    let profile = state.tenants()?.active_id()?;
    Ok(index::apis(state.store()?, &profile, &search)?)
}
