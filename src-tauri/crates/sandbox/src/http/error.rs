//! Auth0's two error shapes: the Management API's
//! `{statusCode, error, message, errorCode?}` and the Authentication API's OAuth
//! `{error, error_description}`.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use crate::tenant::StoreError;

/// A Management API error.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
    pub error_code: Option<&'static str>,
    /// 401s also carry `attributes.error` (contract §2.0).
    pub attributes: bool,
}

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>, error_code: Option<&'static str>) -> Self {
        Self { status, message: message.into(), error_code, attributes: false }
    }

    pub fn bad_body(message: impl Into<String>) -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            format!("Payload validation error: {}", message.into()),
            Some("invalid_body"),
        )
    }

    pub fn bad_query(message: impl Into<String>) -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            format!("Query validation error: {}", message.into()),
            Some("invalid_query_string"),
        )
    }

    pub fn unauthorized(message: &str) -> Self {
        Self { attributes: true, ..Self::new(StatusCode::UNAUTHORIZED, message, None) }
    }

    pub fn insufficient_scope(any_of: &[&str]) -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            format!("Insufficient scope, expected any of: {}", any_of.join(",")),
            Some("insufficient_scope"),
        )
    }

    pub fn not_found(message: &str, code: &'static str) -> Self {
        Self::new(StatusCode::NOT_FOUND, message, Some(code))
    }

    pub fn conflict(message: impl Into<String>, code: &'static str) -> Self {
        Self::new(StatusCode::CONFLICT, message, Some(code))
    }

    pub fn body(&self) -> Value {
        let mut v = json!({
            "statusCode": self.status.as_u16(),
            "error": self.status.canonical_reason().unwrap_or("Error"),
            "message": self.message,
        });
        if let Some(code) = self.error_code {
            v["errorCode"] = code.into();
        }
        if self.attributes {
            v["attributes"] = json!({ "error": self.message });
        }
        v
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        super::json_response(self.status, &self.body())
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> Self {
        tracing::error!(error = %e, "tenant store failed");
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "Internal error in the sandbox tenant store", None)
    }
}

/// An Authentication API (OAuth) error.
#[derive(Debug)]
pub struct OAuthError {
    pub status: StatusCode,
    pub error: &'static str,
    pub description: String,
    pub error_uri: Option<&'static str>,
}

impl OAuthError {
    pub fn new(status: StatusCode, error: &'static str, description: impl Into<String>) -> Self {
        Self { status, error, description: description.into(), error_uri: None }
    }
}

impl IntoResponse for OAuthError {
    fn into_response(self) -> Response {
        let mut v = json!({ "error": self.error, "error_description": self.description });
        if let Some(uri) = self.error_uri {
            v["error_uri"] = uri.into();
        }
        super::json_response(self.status, &v)
    }
}

impl From<StoreError> for OAuthError {
    fn from(e: StoreError) -> Self {
        tracing::error!(error = %e, "tenant store failed");
        OAuthError::new(StatusCode::INTERNAL_SERVER_ERROR, "server_error", "Internal error in the sandbox tenant store")
    }
}
