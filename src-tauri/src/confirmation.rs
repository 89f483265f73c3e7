//! The native confirmation dialog: core's `Person`, answered by the person at the computer
//! in a window of the system's own (GTK on Linux), not in the page. The page can neither
//! see nor press its buttons.
//!
//! Owns the dialog's look: a warning, the question's title and words, the yes button named
//! for what it does, Cancel. What is asked, and when, is core's (`confirm`).

use std::future::Future;
use std::pin::Pin;

use grantsmith_core::confirm::{Person, Question};
use tauri::{AppHandle, Runtime};
use tauri_plugin_dialog::{DialogExt, MessageDialogButtons, MessageDialogKind};

pub struct NativeDialog<R: Runtime>(pub AppHandle<R>);

/// The yes button's label. On Linux its first letter is its mnemonic (Alt+letter), as GTK
/// dialog buttons take them: a keyboard user answers without the mouse.
fn yes_label(yes: &str) -> String {
    if cfg!(target_os = "linux") { format!("_{yes}") } else { yes.to_string() }
}

impl<R: Runtime> Person for NativeDialog<R> {
    fn confirm<'a>(&'a self, question: &'a Question) -> Pin<Box<dyn Future<Output = bool> + Send + 'a>> {
        let (tx, rx) = tokio::sync::oneshot::channel();
        self.0
            .dialog()
            .message(&question.message)
            .title(&question.title)
            .kind(MessageDialogKind::Warning)
            .buttons(MessageDialogButtons::OkCancelCustom(yes_label(&question.yes), "Cancel".into()))
            .show(move |yes| {
                let _ = tx.send(yes);
            });
        Box::pin(async move {
            let yes = rx.await.unwrap_or(false);
            tracing::info!(question = %question.title, yes, "native confirmation answered");
            yes
        })
    }
}
