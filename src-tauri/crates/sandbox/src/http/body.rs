//! Reading request bodies: size-limited, content type checked, JSON objects only, every
//! failure answered in Auth0's error shape (never a panic, never axum's plain-text errors).

use axum::body::{Body, to_bytes};
use axum::http::{HeaderMap, StatusCode, header};
use serde_json::{Map, Value};

use super::error::ApiError;

/// The largest body the sandbox reads. 1,000 scopes of maximal length fit (~800 KB).
pub const MAX_BODY: usize = 2 * 1024 * 1024;

pub async fn read_bytes(body: Body) -> Result<axum::body::Bytes, ApiError> {
    to_bytes(body, MAX_BODY).await.map_err(|_| {
        ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("Request body is larger than the limit of {MAX_BODY} bytes"),
            Some("payload_too_large"),
        )
    })
}

pub fn content_type(headers: &HeaderMap) -> String {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.split(';').next().unwrap_or_default().trim().to_ascii_lowercase())
        .unwrap_or_default()
}

/// A Management API body: must be a JSON object.
pub async fn json_object(headers: &HeaderMap, body: Body) -> Result<Map<String, Value>, ApiError> {
    let bytes = read_bytes(body).await?;
    let ct = content_type(headers);
    if ct != "application/json" {
        return Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            format!("Unsupported content type \"{ct}\": send the body as application/json"),
            Some("unsupported_media_type"),
        ));
    }
    match serde_json::from_slice::<Value>(&bytes) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err(ApiError::bad_body("'Expected type object but found another type'.")),
        Err(_) => {
            Err(ApiError::new(StatusCode::BAD_REQUEST, "Invalid request payload JSON format", Some("invalid_body")))
        }
    }
}
