//! A broken input rule as data: the field, a machine code the UI acts on (highlight, show
//! only once touched, …), and the words for the admin. Owns the codes and the issue shape;
//! each module decides its own rules and words.

use serde::Serialize;
use ts_rs::TS;

/// Which kind of rule an input broke. The UI branches on this, never on the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// Empty, or nothing picked.
    Required,
    TooLong,
    TooShort,
    /// More items than Auth0 allows.
    TooMany,
    /// A number outside its allowed range.
    OutOfRange,
    /// Spaces, control characters or characters Auth0 refuses.
    InvalidCharacters,
    InvalidUrl,
    /// `http://` to anything but this computer.
    InsecureUrl,
    /// Listed twice.
    Duplicate,
    /// Names something that does not exist (on the tenant, or in the list it must be from).
    Unknown,
    /// The tenant's own keys: a system API (the Management API) or the profile's own
    /// management application, never the target of a change, a reveal or a test token.
    Protected,
    /// Not what was asked for: the typed tenant name, a token's shape.
    Mismatch,
    /// Must be entered again (a stored secret is never sent to a changed host).
    Reenter,
    /// Not a broken rule: advice shown beside the field (warnings only).
    Advice,
}

/// One broken rule, naming the field (`api.identifier`, `scopes[2].value`, `client_id`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FieldIssue {
    pub field: String,
    pub code: Rule,
    pub message: String,
}

impl FieldIssue {
    pub fn new(field: impl Into<String>, code: Rule, message: impl Into<String>) -> Self {
        Self { field: field.into(), code, message: message.into() }
    }
}

/// The rule a tenant URL broke (the words are the auth0 crate's).
pub fn of_url(e: &grantsmith_auth0::TenantUrlError) -> Rule {
    use grantsmith_auth0::TenantUrlError as E;
    match e {
        E::Empty => Rule::Required,
        E::InsecureRemote => Rule::InsecureUrl,
        E::Invalid(_) | E::HasPath(_) | E::Scheme(_) => Rule::InvalidUrl,
    }
}
