use grantsmith_core::IpcError;
use grantsmith_core::settings::ColorScheme;
use tauri::State;

use crate::state::AppState;

#[tauri::command]
pub fn get_color_scheme(state: State<'_, AppState>) -> Result<ColorScheme, IpcError> {
    Ok(state.store()?.color_scheme()?)
}

#[tauri::command]
pub fn set_color_scheme(state: State<'_, AppState>, scheme: ColorScheme) -> Result<(), IpcError> {
    Ok(state.store()?.set_color_scheme(scheme)?)
}
