use grantsmith_core::IpcError;
use grantsmith_core::apps::{ApiSummary, list_apis as list};
use grantsmith_core::change::RunReview;
use grantsmith_core::wizard::{Plan, RunView, ScopeSpec, SpecCheck, WizardDraft, WizardSpec, spec};
use tauri::State;
use tauri::ipc::Channel;

use crate::state::AppState;

/// Streams each step's progress to the webview.
pub(crate) fn forward(channel: &Channel<RunView>) -> impl Fn(&RunView) + Send + Sync + '_ {
    move |v: &RunView| {
        let _ = channel.send(v.clone());
    }
}

#[tauri::command]
pub fn wizard_check(spec: WizardSpec) -> SpecCheck {
    spec::check(&spec)
}

/// Async so a long paste is parsed off the window's main thread (a sync command runs on it).
#[tauri::command]
pub async fn wizard_parse_scopes(text: String) -> Result<Vec<ScopeSpec>, IpcError> {
    Ok(spec::parse_scope_lines(&text)?)
}

#[tauri::command]
pub async fn list_apis(state: State<'_, AppState>) -> Result<Vec<ApiSummary>, IpcError> {
    let client = state.tenants()?.active_client().await?;
    Ok(list(&client).await?)
}

#[tauri::command]
pub async fn wizard_plan(state: State<'_, AppState>, spec: WizardSpec) -> Result<Plan, IpcError> {
    state.engine()?.plan_setup(&spec).await
}

/// Applies a reviewed plan on the tenant it was reviewed for; `confirm` is what the user
/// typed (core decides whether it suffices). Progress streams through `on_update`.
#[tauri::command]
pub async fn wizard_apply(
    state: State<'_, AppState>,
    spec: WizardSpec,
    reviewed: Plan,
    confirm: Option<String>,
    on_update: Channel<RunView>,
) -> Result<RunView, IpcError> {
    let send = forward(&on_update);
    state.engine()?.apply_setup(spec, &reviewed, confirm.as_deref(), &send).await
}

/// A stopped run re-planned against its own tenant, before Resume or Undo.
#[tauri::command]
pub async fn run_review(state: State<'_, AppState>, run_id: String) -> Result<RunReview, IpcError> {
    state.engine()?.review_run(&run_id).await
}

#[tauri::command]
pub async fn wizard_resume(
    state: State<'_, AppState>,
    run_id: String,
    accepted: Vec<String>,
    confirm: Option<String>,
    on_update: Channel<RunView>,
) -> Result<RunView, IpcError> {
    let send = forward(&on_update);
    state.engine()?.resume(&run_id, &accepted, confirm.as_deref(), &send).await
}

#[tauri::command]
pub async fn wizard_undo(
    state: State<'_, AppState>,
    run_id: String,
    confirm: Option<String>,
    on_update: Channel<RunView>,
) -> Result<RunView, IpcError> {
    let send = forward(&on_update);
    state.engine()?.undo(&run_id, confirm.as_deref(), &send).await
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

#[tauri::command]
pub fn wizard_draft(state: State<'_, AppState>) -> Result<WizardDraft, IpcError> {
    let profile = state.tenants()?.active_id()?;
    Ok(state.store()?.draft(&profile)?.map_or_else(WizardDraft::blank, |(spec, step)| WizardDraft { spec, step }))
}

#[tauri::command]
pub fn wizard_save_draft(state: State<'_, AppState>, spec: WizardSpec, step: u32) -> Result<(), IpcError> {
    let profile = state.tenants()?.active_id()?;
    Ok(state.store()?.save_draft(&profile, &spec, step)?)
}

/// Forgets the draft and answers with the blank one to start again from.
#[tauri::command]
pub fn wizard_clear_draft(state: State<'_, AppState>) -> Result<WizardDraft, IpcError> {
    let profile = state.tenants()?.active_id()?;
    state.store()?.clear_draft(&profile)?;
    Ok(WizardDraft::blank())
}
