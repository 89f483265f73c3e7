//! Auth0's errors mapped to kinds the app can act on. Auth0's own message is always kept
//! for display.

use serde_json::Value;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Auth0Error {
    /// The tenant refused the credentials (wrong client id or secret), or the management
    /// token was not accepted.
    #[error("{message}")]
    Unauthorized { message: String },
    /// The management client lacks a Management API permission.
    #[error("{message}")]
    MissingScope { scopes: Vec<String>, message: String },
    /// The Authentication API refused a token (no grant, scope not granted, unknown
    /// audience, grant type not allowed): `error` is Auth0's OAuth error code.
    #[error("{message}")]
    AccessDenied { error: String, message: String },
    #[error("{message}")]
    NotFound { message: String },
    #[error("{message}")]
    Conflict { message: String },
    /// Auth0 refused the input; `field` when its message names one.
    #[error("{message}")]
    Validation { field: Option<String>, message: String },
    /// Still rate limited after the allowed retries.
    #[error("{message}")]
    RateLimited { message: String },
    /// No answer. `maybe_applied` is true when the request may have reached Auth0 (the
    /// caller must check before re-creating anything).
    #[error("{message}")]
    Network { message: String, maybe_applied: bool },
    /// Auth0 answered 5xx (after retries for idempotent calls).
    #[error("{message}")]
    Server { status: u16, message: String },
    /// An answer that does not follow the contract.
    #[error("{message}")]
    Protocol { message: String },
}

impl Auth0Error {
    /// Maps a Management API error response (`{statusCode, error, message, errorCode}`).
    pub(crate) fn from_management(status: u16, body: &Value) -> Self {
        let auth0 = body["message"].as_str().or_else(|| body["error"].as_str()).unwrap_or("").to_string();
        let code = body["errorCode"].as_str().unwrap_or("");
        let message = if auth0.is_empty() { format!("Auth0 answered HTTP {status}") } else { auth0.clone() };
        match status {
            401 => Auth0Error::Unauthorized { message: format!("The management token was not accepted: {message}") },
            403 if code == "insufficient_scope" || auth0.starts_with("Insufficient scope") => {
                let scopes = auth0
                    .split_once("expected any of:")
                    .map(|(_, s)| s.split(',').map(|x| x.trim().to_string()).filter(|x| !x.is_empty()).collect())
                    .unwrap_or_default();
                Auth0Error::MissingScope { scopes, message }
            }
            403 => Auth0Error::AccessDenied { error: code.to_string(), message },
            404 => Auth0Error::NotFound { message },
            409 => Auth0Error::Conflict { message },
            400 | 413 | 415 | 422 => Auth0Error::Validation { field: field_of(&auth0), message },
            429 => Auth0Error::RateLimited { message },
            s if s >= 500 => Auth0Error::Server { status: s, message },
            _ => Auth0Error::Protocol { message: format!("Unexpected HTTP {status} from Auth0: {message}") },
        }
    }

    /// Maps an Authentication API error response (`{error, error_description}`).
    pub(crate) fn from_oauth(status: u16, body: &Value) -> Self {
        let error = body["error"].as_str().or_else(|| body["code"].as_str()).unwrap_or("").to_string();
        let description = body["error_description"].as_str().or_else(|| body["description"].as_str()).unwrap_or("");
        let message = if description.is_empty() {
            format!("Auth0 answered HTTP {status} ({error})")
        } else {
            description.to_string()
        };
        match status {
            401 => Auth0Error::Unauthorized { message },
            403 => Auth0Error::AccessDenied { error, message },
            429 => Auth0Error::RateLimited { message },
            400 => Auth0Error::Validation { field: None, message },
            s if s >= 500 => Auth0Error::Server { status: s, message },
            _ => Auth0Error::Protocol { message: format!("Unexpected HTTP {status} from Auth0: {message}") },
        }
    }
}

/// The property a "Payload validation error: '…' on property X." message names.
fn field_of(message: &str) -> Option<String> {
    let rest = message.split(" on property ").nth(1)?;
    let field: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
    if field.is_empty() { None } else { Some(field) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn insufficient_scope_names_the_permission() {
        let e = Auth0Error::from_management(
            403,
            &json!({"statusCode":403,"error":"Forbidden","message":"Insufficient scope, expected any of: create:client_grants","errorCode":"insufficient_scope"}),
        );
        assert_eq!(
            e,
            Auth0Error::MissingScope {
                scopes: vec!["create:client_grants".into()],
                message: "Insufficient scope, expected any of: create:client_grants".into()
            }
        );
    }

    #[test]
    fn validation_names_the_field() {
        let e = Auth0Error::from_management(
            400,
            &json!({"statusCode":400,"message":"Payload validation error: 'String is too long (201 chars), maximum 200' on property name.","errorCode":"invalid_body"}),
        );
        assert!(matches!(e, Auth0Error::Validation { field: Some(ref f), .. } if f == "name"), "{e:?}");
    }
}
