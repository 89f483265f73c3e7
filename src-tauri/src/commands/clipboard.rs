//! Copying a secret the person asked to copy (a revealed or rotated client secret): marked
//! for clipboard managers to keep out of their history where the platform has a way
//! (`x-kde-passwordManagerHint` on Linux, the concealed type on macOS, Windows' history and
//! cloud exclusions), and cleared after `CLEAR_AFTER` if the clipboard still holds it —
//! something copied since is left alone. Plain text (curl, code) goes through the clipboard
//! plugin from the page.

use std::time::Duration;

use grantsmith_core::{ErrorKind, IpcError};

/// How long a copied secret stays on the clipboard.
const CLEAR_AFTER: Duration = Duration::from_secs(30);

/// `CLEAR_AFTER`, or `GRANTSMITH_CLIPBOARD_CLEAR_SECS` in debug builds (the end-to-end test
/// watches the clearing without waiting half a minute).
fn clear_after() -> Duration {
    #[cfg(debug_assertions)]
    if let Some(secs) = std::env::var("GRANTSMITH_CLIPBOARD_CLEAR_SECS").ok().and_then(|v| v.parse().ok()) {
        return Duration::from_secs(secs);
    }
    CLEAR_AFTER
}

fn failed(e: arboard::Error) -> IpcError {
    IpcError::new(ErrorKind::Internal, format!("Could not copy: {e}"))
}

fn set_sensitive(clipboard: &mut arboard::Clipboard, text: &str) -> Result<(), arboard::Error> {
    let set = clipboard.set();
    #[cfg(any(target_os = "linux", target_os = "macos"))]
    let set = {
        #[cfg(target_os = "macos")]
        use arboard::SetExtApple;
        #[cfg(target_os = "linux")]
        use arboard::SetExtLinux;
        set.exclude_from_history()
    };
    #[cfg(target_os = "windows")]
    let set = {
        use arboard::SetExtWindows;
        set.exclude_from_history().exclude_from_cloud()
    };
    set.text(text)
}

/// Copies `text` as a secret and clears it after `clear_after()` if it is still there.
#[tauri::command]
pub async fn copy_secret(text: String) -> Result<(), IpcError> {
    let copied = text.clone();
    tokio::task::spawn_blocking(move || {
        let mut clipboard = arboard::Clipboard::new().map_err(failed)?;
        set_sensitive(&mut clipboard, &copied).map_err(failed)
    })
    .await
    .map_err(|e| IpcError::new(ErrorKind::Internal, format!("Could not copy: {e}")))??;
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(clear_after()).await;
        let _ = tokio::task::spawn_blocking(move || {
            let mut clipboard = arboard::Clipboard::new()?;
            if clipboard.get_text().is_ok_and(|now| now == text) {
                clipboard.clear()?;
                tracing::info!("a copied secret was cleared from the clipboard");
            }
            Ok::<_, arboard::Error>(())
        })
        .await;
    });
    Ok(())
}
