use grantsmith_core::apps::{ApiSummary, list_apis as list};
use grantsmith_core::profiles::Environment;
use grantsmith_core::wizard::{Plan, RunView, ScopeSpec, SpecCheck, WizardDraft, WizardSpec, plan, run, spec};
use grantsmith_core::{ErrorKind, IpcError};
use tauri::State;
use tauri::ipc::Channel;

use crate::state::AppState;

/// Streams each step's progress to the webview.
fn forward(channel: &Channel<RunView>) -> impl Fn(&RunView) + Send + Sync + '_ {
    move |v: &RunView| {
        let _ = channel.send(v.clone());
    }
}

#[tauri::command]
pub fn wizard_check(spec: WizardSpec) -> SpecCheck {
    spec::check(&spec)
}

#[tauri::command]
pub fn wizard_parse_scopes(text: String) -> Vec<ScopeSpec> {
    spec::parse_scope_lines(&text)
}

#[tauri::command]
pub async fn list_apis(state: State<'_, AppState>) -> Result<Vec<ApiSummary>, IpcError> {
    let client = state.tenants()?.active_client().await?;
    list(&client).await
}

#[tauri::command]
pub async fn wizard_plan(state: State<'_, AppState>, spec: WizardSpec) -> Result<Plan, IpcError> {
    let client = state.tenants()?.active_client().await?;
    Ok(plan::plan(&client, &spec).await?.0)
}

/// Applies a reviewed plan on the active tenant. On production the tenant's name must be
/// typed (`confirm`). Progress streams through `on_update`.
#[tauri::command]
pub async fn wizard_apply(
    state: State<'_, AppState>,
    spec: WizardSpec,
    reviewed: Plan,
    confirm: Option<String>,
    on_update: Channel<RunView>,
) -> Result<RunView, IpcError> {
    let tenants = state.tenants()?;
    let view = tenants.view()?;
    let profile = view.profiles.iter().find(|p| p.id == view.active_id).cloned();
    let Some(profile) = profile else { return Err(IpcError::new(ErrorKind::NotFound, "No active tenant.")) };
    if profile.environment == Environment::Production
        && confirm.as_deref().map(str::trim) != Some(profile.name.as_str())
    {
        return Err(IpcError::validation(
            "confirm_tenant",
            format!("This is a production tenant. Type its name, {}, to confirm.", profile.name),
        ));
    }
    let client = tenants.active_client().await?;
    let send = forward(&on_update);
    run::start(state.store()?, &client, &profile.id, spec, &reviewed, &send).await
}

#[tauri::command]
pub async fn wizard_resume(
    state: State<'_, AppState>,
    run_id: String,
    on_update: Channel<RunView>,
) -> Result<RunView, IpcError> {
    let client = state.tenants()?.active_client().await?;
    let send = forward(&on_update);
    run::resume(state.store()?, &client, &run_id, &send).await
}

#[tauri::command]
pub async fn wizard_undo(
    state: State<'_, AppState>,
    run_id: String,
    on_update: Channel<RunView>,
) -> Result<RunView, IpcError> {
    let client = state.tenants()?.active_client().await?;
    let send = forward(&on_update);
    run::undo(state.store()?, &client, &run_id, &send).await
}

/// The active tenant's newest run that did not finish (offered for resume on start).
#[tauri::command]
pub fn wizard_unfinished(state: State<'_, AppState>) -> Result<Option<RunView>, IpcError> {
    let store = state.store()?;
    let profile = state.tenants()?.active_id()?;
    match store.unfinished_run(&profile)? {
        Some(id) => Ok(store.run(&id)?),
        None => Ok(None),
    }
}

/// The active tenant's runs, newest first.
#[tauri::command]
pub fn wizard_runs(state: State<'_, AppState>) -> Result<Vec<RunView>, IpcError> {
    let store = state.store()?;
    let profile = state.tenants()?.active_id()?;
    let mut out = Vec::new();
    for id in store.runs(&profile)? {
        out.extend(store.run(&id)?);
    }
    Ok(out)
}

#[tauri::command]
pub fn wizard_draft(state: State<'_, AppState>) -> Result<Option<WizardDraft>, IpcError> {
    let profile = state.tenants()?.active_id()?;
    Ok(state.store()?.draft(&profile)?.map(|(spec, step)| WizardDraft { spec, step }))
}

#[tauri::command]
pub fn wizard_save_draft(state: State<'_, AppState>, spec: WizardSpec, step: u32) -> Result<(), IpcError> {
    let profile = state.tenants()?.active_id()?;
    Ok(state.store()?.save_draft(&profile, &spec, step)?)
}

#[tauri::command]
pub fn wizard_clear_draft(state: State<'_, AppState>) -> Result<(), IpcError> {
    let profile = state.tenants()?.active_id()?;
    Ok(state.store()?.clear_draft(&profile)?)
}
