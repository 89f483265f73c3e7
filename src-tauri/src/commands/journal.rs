//! History's journal: every change Grantsmith made on the active tenant, and its export.

use grantsmith_core::IpcError;
use grantsmith_core::journal::{self, JournalEntry, JournalExport, JournalFilter};
use tauri::State;

use crate::state::AppState;

/// The active tenant's journal, newest first, narrowed by `filter`.
#[tauri::command]
pub fn journal(state: State<'_, AppState>, filter: JournalFilter) -> Result<Vec<JournalEntry>, IpcError> {
    let profile = state.tenants()?.active_id()?;
    Ok(state.store()?.journal(&profile, &filter)?)
}

/// The same entries as JSON lines, to copy or save.
#[tauri::command]
pub fn journal_export(state: State<'_, AppState>, filter: JournalFilter) -> Result<JournalExport, IpcError> {
    let tenants = state.tenants()?;
    journal::export(tenants, &tenants.active_id()?, &filter)
}
