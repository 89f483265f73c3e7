//! `/__sandbox/*`: the control endpoints, mounted only with `--control` (never in the app's
//! embedded tenant). They reset the tenant and inject faults, so a web page in a browser on
//! the same computer must not reach them: each request needs a Management API token of this
//! tenant (a page cannot send one without a CORS preflight, which is never allowed) and a
//! loopback `Host` (a DNS-rebound name is refused).

use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::json;

use super::error::ApiError;
use super::{body, json_response, no_content};
use crate::control::Fault;
use crate::state::Shared;

pub fn routes(shared: Arc<Shared>) -> Router<Arc<Shared>> {
    Router::new()
        .route("/__sandbox/faults", post(add_fault).delete(clear_faults))
        .route("/__sandbox/requests", get(requests).delete(clear_requests))
        .route("/__sandbox/reset", post(reset))
        .route_layer(middleware::from_fn_with_state(shared, guard))
}

/// `localhost`, `127.0.0.1` or `[::1]`, with or without a port.
fn loopback_host(headers: &HeaderMap) -> bool {
    let Some(host) = headers.get(header::HOST).and_then(|h| h.to_str().ok()) else { return false };
    let name = match host.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or_default(),
        None => host.rsplit_once(':').map_or(host, |(name, _)| name),
    };
    matches!(name, "localhost" | "127.0.0.1" | "::1")
}

async fn guard(State(s): State<Arc<Shared>>, req: Request, next: Next) -> Response {
    if !loopback_host(req.headers()) {
        return ApiError::new(StatusCode::FORBIDDEN, "The control endpoints answer only a loopback Host.", None)
            .into_response();
    }
    match super::auth::authenticate(&s, req.headers()) {
        Ok(_) => next.run(req).await,
        Err(e) => e.into_response(),
    }
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
