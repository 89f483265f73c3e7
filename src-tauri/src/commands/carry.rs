//! Carrying a setup out of the tenant: export as code, and saving it where the user picks.

use std::path::PathBuf;

use grantsmith_core::carry::drift::{self, DriftReport};
use grantsmith_core::carry::promote::PromoteAsk;
use grantsmith_core::carry::{self, Export, ExportFormat};
use grantsmith_core::change::promotion::PromotePreview;
use grantsmith_core::document::{self, Document};
use grantsmith_core::index::IndexProgress;
use grantsmith_core::wizard::{Plan, RunView};
use grantsmith_core::{ErrorKind, IpcError};
use tauri::ipc::Channel;
use tauri::{AppHandle, Runtime, State};
use tauri_plugin_dialog::DialogExt;

use crate::state::AppState;

/// The setup of `client_id` and the API `audience` on the active tenant as Terraform or
/// deploy-cli YAML (recorded, for a later drift check). Never a secret.
#[tauri::command]
pub async fn export_setup(
    state: State<'_, AppState>,
    client_id: String,
    audience: String,
    format: ExportFormat,
) -> Result<Export, IpcError> {
    let tenants = state.tenants()?;
    carry::export_from(tenants, &tenants.active_id()?, &client_id, &audience, format).await
}

/// The recorded setup (exported or promoted earlier) compared with the tenant now.
#[tauri::command]
pub async fn drift_check(
    state: State<'_, AppState>,
    client_id: String,
    audience: String,
) -> Result<DriftReport, IpcError> {
    let tenants = state.tenants()?;
    drift::check(tenants, &tenants.active_id()?, &client_id, &audience).await
}

/// The tenant's state becomes the record.
#[tauri::command]
pub async fn drift_accept(
    state: State<'_, AppState>,
    client_id: String,
    audience: String,
) -> Result<DriftReport, IpcError> {
    let tenants = state.tenants()?;
    drift::accept(tenants, &tenants.active_id()?, &client_id, &audience).await
}

/// The setup on the active tenant compared with what `ask.target` has, and (with a valid
/// mapping) the plan to carry it there; streams how far the target's applications are read.
#[tauri::command]
pub async fn promote_preview(
    state: State<'_, AppState>,
    ask: PromoteAsk,
    on_update: Channel<IndexProgress>,
) -> Result<PromotePreview, IpcError> {
    let send = |p: IndexProgress| {
        let _ = on_update.send(p);
    };
    state.engine()?.preview_promotion(&ask, &send).await
}

/// Applies a reviewed promotion on its target tenant, streaming the run.
#[tauri::command]
pub async fn promote_apply(
    state: State<'_, AppState>,
    ask: PromoteAsk,
    reviewed: Plan,
    confirm: Option<String>,
    on_update: Channel<RunView>,
) -> Result<RunView, IpcError> {
    state.engine()?.apply_promotion(&ask, &reviewed, confirm.as_deref(), &super::wizard::forward(&on_update)).await
}

/// Saves `document` (a setup's export or the journal, rendered here) to a file the user
/// picks in the system's save dialog; answers its path, or nothing when the dialog was
/// cancelled. Debug builds only: `GRANTSMITH_SAVE_DIR` skips the dialog and saves there
/// under the document's own bare file name (the end-to-end tests cannot drive a file chooser).
#[tauri::command]
pub async fn save_export<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    document: Document,
) -> Result<Option<String>, IpcError> {
    let tenants = state.tenants()?;
    let rendered = document::render(tenants, &tenants.active_id()?, &document).await?;
    let path = match save_dir_override() {
        Some(dir) => Some(dir.join(&rendered.file_name)),
        None => {
            let (tx, rx) = tokio::sync::oneshot::channel();
            app.dialog().file().set_file_name(&rendered.file_name).save_file(move |p| {
                let _ = tx.send(p);
            });
            rx.await.ok().flatten().and_then(|p| p.into_path().ok())
        }
    };
    let Some(path) = path else { return Ok(None) };
    std::fs::write(&path, rendered.text)
        .map_err(|e| IpcError::new(ErrorKind::Internal, format!("Could not save {}: {e}", path.display())))?;
    Ok(Some(path.display().to_string()))
}

#[cfg(debug_assertions)]
fn save_dir_override() -> Option<PathBuf> {
    std::env::var_os("GRANTSMITH_SAVE_DIR").map(PathBuf::from)
}

/// A release build always asks the person where to save.
#[cfg(not(debug_assertions))]
fn save_dir_override() -> Option<PathBuf> {
    None
}
