use grantsmith_core::IpcError;
use grantsmith_core::settings::ColorScheme;
use tauri::{Runtime, State, WebviewWindow};

use crate::state::AppState;

#[tauri::command]
pub fn get_color_scheme(state: State<'_, AppState>) -> Result<ColorScheme, IpcError> {
    Ok(state.store()?.color_scheme()?)
}

#[tauri::command]
pub fn set_color_scheme<R: Runtime>(
    state: State<'_, AppState>,
    window: WebviewWindow<R>,
    scheme: ColorScheme,
) -> Result<(), IpcError> {
    state.store()?.set_color_scheme(scheme)?;
    crate::window::follow_scheme(&window, scheme);
    Ok(())
}
