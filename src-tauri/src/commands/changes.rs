use grantsmith_core::IpcError;
use grantsmith_core::change::set::{ChangeOutcome, ChangePlan, ChangeRequest, ChangeView};
use tauri::State;
use tauri::ipc::Channel;

use crate::state::AppState;

/// What a day-two change (access matrix, scope edit, grant deletion, rotation) would do on
/// the active tenant, for the user to review.
#[tauri::command]
pub async fn plan_change(state: State<'_, AppState>, request: ChangeRequest) -> Result<ChangePlan, IpcError> {
    state.engine()?.plan_change(&request).await
}

/// Applies a reviewed change set on the tenant it was reviewed for, streaming each step.
/// A rotated secret comes back once in the answer and is kept nowhere.
#[tauri::command]
pub async fn apply_change(
    state: State<'_, AppState>,
    reviewed: ChangePlan,
    confirm: Option<String>,
    on_update: Channel<ChangeView>,
) -> Result<ChangeOutcome, IpcError> {
    let send = |v: &ChangeView| {
        let _ = on_update.send(v.clone());
    };
    state.engine()?.apply_change(&reviewed, confirm.as_deref(), &state.tokens, &send).await
}

/// An application's current secret, shown because the user asked (journaled, not the value).
#[tauri::command]
pub async fn reveal_secret(state: State<'_, AppState>, client_id: String) -> Result<String, IpcError> {
    state.engine()?.reveal_secret(&client_id).await
}
