use grantsmith_core::IpcError;
use grantsmith_core::index;
use grantsmith_core::pages::{self, ApiDetail, AppDetail};
use tauri::State;

use crate::state::AppState;

/// The application page: the application and the APIs it is authorized for, read live.
#[tauri::command]
pub async fn app_detail(state: State<'_, AppState>, client_id: String) -> Result<AppDetail, IpcError> {
    let client = state.tenants()?.active_client().await?;
    pages::application(&client, &client_id).await
}

/// The API page: its scopes and the applications authorized for it, read live.
#[tauri::command]
pub async fn api_detail(state: State<'_, AppState>, audience: String) -> Result<ApiDetail, IpcError> {
    let tenants = state.tenants()?;
    let profile = tenants.active_id()?;
    let client = tenants.client_for(&profile).await?;
    pages::api(&client, &audience, &index::app_names(tenants.store(), &profile)).await
}
