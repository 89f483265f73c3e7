//! `/__sandbox/*`: the control endpoints, mounted only with `--control` (never in the app's
//! embedded tenant).

use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::routing::{get, post};
use serde_json::json;

use super::error::ApiError;
use super::{body, json_response, no_content};
use crate::control::Fault;
use crate::state::Shared;

pub fn routes() -> Router<Arc<Shared>> {
    Router::new()
        .route("/__sandbox/faults", post(add_fault).delete(clear_faults))
        .route("/__sandbox/requests", get(requests).delete(clear_requests))
        .route("/__sandbox/reset", post(reset))
}

async fn add_fault(State(s): State<Arc<Shared>>, headers: HeaderMap, req: Body) -> Result<Response, ApiError> {
    let body = body::json_object(&headers, req).await?;
    let fault: Fault =
        serde_json::from_value(serde_json::Value::Object(body)).map_err(|e| ApiError::bad_body(format!("'{e}'.")))?;
    fault.validate().map_err(|e| ApiError::bad_body(format!("'{e}'.")))?;
    s.faults.add(fault);
    Ok(no_content())
}

async fn clear_faults(State(s): State<Arc<Shared>>) -> Response {
    s.faults.clear();
    no_content()
}

async fn requests(State(s): State<Arc<Shared>>) -> Response {
    json_response(StatusCode::OK, &json!(s.log.snapshot()))
}

async fn clear_requests(State(s): State<Arc<Shared>>) -> Response {
    s.log.clear();
    no_content()
}

async fn reset(State(s): State<Arc<Shared>>) -> Result<Response, ApiError> {
    s.reset()?;
    s.faults.clear();
    Ok(no_content())
}
