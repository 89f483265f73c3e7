//! A page on Tauri's mock runtime for the shell's tests: the app's own commands, handler
//! and capability (ACL included) behind a `main` window, called the way a script in the
//! page calls them — through the real IPC path, from the app's origin.

use serde_json::Value;
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{INVOKE_KEY, MockRuntime, get_ipc_response, mock_builder};
use tauri::webview::{InvokeRequest, WebviewWindow};
use tauri::{Manager, WebviewWindowBuilder};

use crate::commands::handler;
use crate::state::AppState;

/// The main window of an app whose data lives in `data_dir` (its built-in Sandbox included).
pub fn window(data_dir: &std::path::Path) -> WebviewWindow<MockRuntime> {
    let app = mock_builder()
        .plugin(tauri_plugin_dialog::init())
        .invoke_handler(handler())
        .build(tauri::generate_context!())
        .expect("the app builds on the mock runtime");
    app.manage(AppState::open(data_dir.to_path_buf(), None));
    WebviewWindowBuilder::new(&app, "main", Default::default()).build().expect("the main window")
}

/// Calls `command` with `args` as the page would; the answer, or the rejection (an
/// `IpcError`'s JSON, or Tauri's own words as a string).
pub fn invoke(window: &WebviewWindow<MockRuntime>, command: &str, args: Value) -> Result<Value, Value> {
    let request = InvokeRequest {
        cmd: command.into(),
        callback: CallbackFn(0),
        error: CallbackFn(1),
        url: "tauri://localhost".parse().unwrap(),
        body: InvokeBody::Json(args),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    };
    get_ipc_response(window, request).map(|r| r.deserialize::<Value>().unwrap_or(Value::Null))
}
