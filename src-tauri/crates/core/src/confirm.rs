//! The person's last word: a question Rust asks outside the page — the app's native dialog —
//! before a secret leaves Rust or a production tenant is written. A script in the page can
//! click any button and type any tenant name; it cannot answer this. The page's own review
//! (what will change, the typed name on production) stays; this comes after it.
//!
//! Owns the questions' words and the `Person` who answers them; the shell supplies the
//! native dialog, tests a person who says yes or no. Which actions ask is the engine's
//! (`change::engine`, `change::disclose`) and the tenants' (`tenants`, connection tests).

use std::future::Future;
use std::pin::Pin;

use crate::error::{ErrorKind, IpcError};

/// One question: a short title that names the tenant, the details, and the word on the
/// button that says yes ("Reveal", "Apply"); the other button always cancels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    pub title: String,
    pub message: String,
    pub yes: String,
}

/// Whoever answers: `true` only for an explicit yes.
pub trait Person: Send + Sync {
    fn confirm<'a>(&'a self, question: &'a Question) -> Pin<Box<dyn Future<Output = bool> + Send + 'a>>;
}

/// The tenant a question is about, as a person recognises it: its profile's name and where
/// it is.
pub struct Tenant<'a> {
    pub name: &'a str,
    pub domain: &'a str,
}

impl std::fmt::Display for Tenant<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({})", self.name, self.domain)
    }
}

impl Question {
    /// A write on a production tenant: `what` it does, in the review's words.
    pub fn production(tenant: Tenant<'_>, what: &[String]) -> Self {
        Question {
            title: format!("Confirm: change the production tenant {}", tenant.name),
            message: format!(
                "Grantsmith is about to change the production tenant {tenant}:\n\n{}\n\nApply it?",
                what.join("\n")
            ),
            yes: "Apply".into(),
        }
    }

    /// An application's secret rotated (the old one stops working at once).
    pub fn rotation(tenant: Tenant<'_>, what: &[String]) -> Self {
        Question {
            title: format!("Confirm: rotate a client secret on {}", tenant.name),
            message: format!(
                "On {tenant}:\n\n{}\n\nThe current secret stops working at once, and the new one is shown once.",
                what.join("\n")
            ),
            yes: "Rotate".into(),
        }
    }

    /// An application's current secret shown in the window.
    pub fn reveal(tenant: Tenant<'_>, app: &str) -> Self {
        Question {
            title: format!("Confirm: reveal a client secret of {}", tenant.name),
            message: format!(
                "Show the client secret of “{app}” on {tenant} in Grantsmith's window? The journal records that it \
                 was shown (never the secret)."
            ),
            yes: "Reveal".into(),
        }
    }

    /// A management secret about to be sent to a host that is not Auth0's (`why` says how).
    pub fn unusual_host(host: &str, why: &str) -> Self {
        Question {
            title: format!("Confirm: send the client secret to {host}"),
            message: format!(
                "{why}\n\nTesting the connection sends this tenant's management client secret to {host}. Send it only \
                 if you know this host is your Auth0 tenant."
            ),
            yes: "Send".into(),
        }
    }
}

/// Asks `person`; an error in words unless they said yes. No person (a window that cannot
/// show a native dialog, or code that did not bring one) is a no.
pub async fn ask(person: Option<&dyn Person>, question: &Question) -> Result<(), IpcError> {
    let Some(person) = person else {
        return Err(IpcError::new(
            ErrorKind::Cancelled,
            format!(
                "{}: this needs your confirmation in Grantsmith's own dialog, which could not be shown. Nothing was done.",
                question.title
            ),
        ));
    };
    if person.confirm(question).await {
        Ok(())
    } else {
        Err(IpcError::new(ErrorKind::Cancelled, "Cancelled in the confirmation dialog. Nothing was done."))
    }
}
