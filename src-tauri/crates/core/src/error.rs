//! The error shape that crosses IPC: `{ kind, message, field?, code? }`, and the one place
//! where core's errors become it.
//!
//! `kind` is a closed set generated into TypeScript, so the UI can react to it (highlight a
//! field, name a missing permission, offer "keep for this session only"). Modules keep their
//! own error enums (`TenantError`, `IndexError`, `PlanError`, `PolicyError`, `LeaseError`, `NotAJwt`,
//! `StoreError`, `SecretError`, the auth0 crate's `Auth0Error`) and callers match on those;
//! the `From` impls here decide kind, field and rule code. The engine and the executor,
//! which combine all of them for the shell, speak `IpcError` directly.

use serde::Serialize;
use ts_rs::TS;

use crate::change::lease::LeaseError;
use crate::change::policy::{CONFIRM_FIELD, PolicyError};
use crate::index::IndexError;
use crate::rule::{FieldIssue, Rule};
use crate::tenants::TenantError;
use crate::token::verify::NotAJwt;
use crate::wizard::plan::PlanError;
use crate::{SecretError, StoreError};

/// What went wrong, in terms the UI can act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// Input broke a rule; `field` names the input.
    Validation,
    NotFound,
    Conflict,
    /// The tenant refused the credentials.
    Unauthorized,
    /// The management client lacks a Management API permission (named in the message).
    MissingScope,
    /// The Authentication API refused a token (no grant, scope not granted, unknown API).
    AccessDenied,
    RateLimited,
    Network,
    Server,
    /// The local database could not be opened, read or migrated.
    Storage,
    /// No OS keychain is reachable; the UI offers "keep for this session only".
    KeychainUnavailable,
    /// The person said no in Grantsmith's native confirmation dialog (or it could not be shown).
    Cancelled,
    Internal,
}

/// An error as the webview receives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct IpcError {
    pub kind: ErrorKind,
    /// Written for an admin: what happened, why, what to do.
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub field: Option<String>,
    /// For validation errors of ours: which rule `field` broke.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub code: Option<Rule>,
}

impl IpcError {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Self { kind, message: message.into(), field: None, code: None }
    }

    pub fn validation(field: impl Into<String>, code: Rule, message: impl Into<String>) -> Self {
        FieldIssue::new(field, code, message).into()
    }
}

impl From<FieldIssue> for IpcError {
    fn from(i: FieldIssue) -> Self {
        Self { kind: ErrorKind::Validation, message: i.message, field: Some(i.field), code: Some(i.code) }
    }
}

impl std::fmt::Display for IpcError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// Auth0's errors in words for an admin, keeping Auth0's own message.
pub fn from_auth0(e: grantsmith_auth0::Auth0Error) -> IpcError {
    use grantsmith_auth0::Auth0Error as A;
    match e {
        A::Unauthorized { message } => IpcError::new(
            ErrorKind::Unauthorized,
            format!(
                "The tenant refused the credentials ({message}). Check the client ID and secret in Auth0 Dashboard → Applications → your management application → Settings; if the secret was rotated, enter the new one."
            ),
        ),
        A::MissingScope { scopes, message } => IpcError::new(
            ErrorKind::MissingScope,
            format!(
                "Grantsmith's management application lacks the Management API permission {} ({message}). Grant it in Auth0 Dashboard → Applications → APIs → Auth0 Management API → Machine to Machine Applications.",
                if scopes.is_empty() { "needed".to_string() } else { scopes.join(" or ") }
            ),
        ),
        A::AccessDenied { message, .. } if message.contains("/api/v2/") => IpcError::new(
            ErrorKind::MissingScope,
            format!(
                "This application is not authorized for the Auth0 Management API ({message}). In Auth0 Dashboard → Applications → APIs → Auth0 Management API → Machine to Machine Applications, authorize it and grant the permissions listed here."
            ),
        ),
        A::AccessDenied { message, .. } => IpcError::new(ErrorKind::AccessDenied, message),
        A::NotFound { message } => IpcError::new(ErrorKind::NotFound, message),
        A::Conflict { message } => IpcError::new(ErrorKind::Conflict, message),
        // Auth0's own rule: its words and field, no code of ours.
        A::Validation { field, message } => IpcError { kind: ErrorKind::Validation, message, field, code: None },
        A::RateLimited { message } => IpcError::new(
            ErrorKind::RateLimited,
            format!(
                "Auth0 is rate limiting this tenant ({message}). Grantsmith waited and retried; try again in a minute."
            ),
        ),
        A::Network { message, .. } => IpcError::new(ErrorKind::Network, message),
        A::Server { status, message } => IpcError::new(
            ErrorKind::Server,
            format!("Auth0 had a problem (HTTP {status}): {message}. Try again shortly."),
        ),
        A::Protocol { message } => IpcError::new(ErrorKind::Server, message),
    }
}

impl From<PolicyError> for IpcError {
    fn from(e: PolicyError) -> Self {
        match e {
            PolicyError::NotConfirmed { .. } => IpcError::validation(CONFIRM_FIELD, Rule::Mismatch, e.to_string()),
            PolicyError::OtherChange => IpcError::new(ErrorKind::Internal, e.to_string()),
        }
    }
}

impl From<LeaseError> for IpcError {
    fn from(e: LeaseError) -> Self {
        match e {
            LeaseError::Held { .. } => IpcError::new(ErrorKind::Conflict, e.to_string()),
            LeaseError::Store(s) => s.into(),
        }
    }
}

impl From<grantsmith_auth0::Auth0Error> for IpcError {
    fn from(e: grantsmith_auth0::Auth0Error) -> Self {
        from_auth0(e)
    }
}

impl From<PlanError> for IpcError {
    fn from(e: PlanError) -> Self {
        match e {
            PlanError::Invalid(issue) => issue.into(),
            PlanError::Gone { .. } => IpcError::new(ErrorKind::NotFound, e.to_string()),
            PlanError::Auth0(e) => from_auth0(e),
        }
    }
}

impl From<TenantError> for IpcError {
    fn from(e: TenantError) -> Self {
        use TenantError as T;
        match e {
            T::Invalid(issue) => issue.into(),
            T::UnknownProfile(_) => IpcError::new(ErrorKind::NotFound, e.to_string()),
            T::SandboxFixed(_) | T::SandboxExternal => IpcError::new(ErrorKind::Validation, e.to_string()),
            T::SandboxStart(_) | T::SandboxReset(_) => IpcError::new(ErrorKind::Internal, e.to_string()),
            T::Secret(e) => e.into(),
            T::Store(e) => e.into(),
            T::Auth0(e) => from_auth0(e),
        }
    }
}

impl From<IndexError> for IpcError {
    fn from(e: IndexError) -> Self {
        match e {
            IndexError::Auth0(e) => from_auth0(e),
            IndexError::Store(e) => e.into(),
        }
    }
}

impl From<NotAJwt> for IpcError {
    fn from(e: NotAJwt) -> Self {
        IpcError::validation("token", Rule::Mismatch, e.to_string())
    }
}

impl From<StoreError> for IpcError {
    fn from(e: StoreError) -> Self {
        IpcError::new(ErrorKind::Storage, e.to_string())
    }
}

impl From<SecretError> for IpcError {
    fn from(e: SecretError) -> Self {
        let kind = match e {
            SecretError::Unavailable { .. } => ErrorKind::KeychainUnavailable,
            SecretError::Rejected { .. } => ErrorKind::Internal,
        };
        IpcError::new(kind, e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serializes_kind_in_snake_case_and_omits_absent_field() {
        let json = serde_json::to_value(IpcError::new(ErrorKind::MissingScope, "m")).unwrap();
        assert_eq!(json, serde_json::json!({"kind": "missing_scope", "message": "m"}));
    }

    #[test]
    fn validation_error_names_its_field() {
        let json = serde_json::to_value(IpcError::validation("domain", Rule::InvalidUrl, "bad")).unwrap();
        assert_eq!(json["field"], "domain");
        assert_eq!(json["code"], "invalid_url");
        assert_eq!(json["kind"], "validation");
    }
}
