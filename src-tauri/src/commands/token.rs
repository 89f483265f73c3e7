use grantsmith_core::IpcError;
use grantsmith_core::error::from_auth0;
use grantsmith_core::quickstart::{QuickstartInput, Snippet, render};
use grantsmith_core::token::doctor::Fix;
use grantsmith_core::token::{TokenAsk, TokenReport};
use grantsmith_core::wizard::{Plan, RunView};
use tauri::State;
use tauri::ipc::Channel;

use crate::state::AppState;

fn now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
}

/// Gets (or reuses) a test token for an application and API on the active tenant, and
/// verifies it (journaled; never for the profile's own management application). The token
/// itself is returned because the user asked for it.
#[tauri::command]
pub async fn test_token(state: State<'_, AppState>, ask: TokenAsk) -> Result<TokenReport, IpcError> {
    state.engine()?.test_token(&state.tokens, &ask, now()).await
}

/// Checks a pasted token against the active tenant.
#[tauri::command]
pub async fn inspect_token(state: State<'_, AppState>, token: String) -> Result<TokenReport, IpcError> {
    let tenants = state.tenants()?;
    let id = tenants.active_id()?;
    let client = tenants.client_for(&id).await?;
    let issuers = tenants.issuers(&id).await?;
    state.tokens.inspect(&client, &issuers, &token, now()).await
}

/// What a doctor's fix would change, for the user to review.
#[tauri::command]
pub async fn plan_token_fix(state: State<'_, AppState>, fix: Fix) -> Result<Plan, IpcError> {
    state.engine()?.plan_fix(&fix).await
}

/// Applies a doctor's fix the user reviewed (a journaled change like any setup).
#[tauri::command]
pub async fn apply_token_fix(
    state: State<'_, AppState>,
    fix: Fix,
    reviewed: Plan,
    confirm: Option<String>,
    on_update: Channel<RunView>,
) -> Result<RunView, IpcError> {
    let send = super::wizard::forward(&on_update);
    state.engine()?.apply_fix(&fix, &reviewed, confirm.as_deref(), &send).await
}

/// Quickstart code for an application and API on the active tenant, pre-filled with its
/// issuer, the client id, the audience and the API's signing algorithm. No secret.
#[tauri::command]
pub async fn quickstart(
    state: State<'_, AppState>,
    client_id: String,
    audience: String,
) -> Result<Vec<Snippet>, IpcError> {
    let tenants = state.tenants()?;
    let id = tenants.active_id()?;
    let client = tenants.client_for(&id).await?;
    let api = client.get_resource_server(&audience).await.map_err(from_auth0)?;
    let issuers = tenants.issuers(&id).await?;
    let input = QuickstartInput {
        // Tokens name the custom domain when one is set; the last issuer is that one.
        issuer: issuers.last().cloned().unwrap_or_default(),
        client_id,
        audience: api.identifier.clone(),
        signing_alg: api.signing_alg.clone().unwrap_or_else(|| "RS256".into()),
        example_scope: api.scopes.first().map(|s| s.value.clone()),
    };
    Ok(render(&input))
}
