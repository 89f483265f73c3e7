use grantsmith_core::IpcError;
use grantsmith_core::apps::{AppSummary, list_applications as list};
use tauri::State;

use crate::state::AppState;

#[tauri::command]
pub async fn list_applications(state: State<'_, AppState>) -> Result<Vec<AppSummary>, IpcError> {
    let client = state.tenants()?.active_client().await?;
    Ok(list(&client).await?)
}
