//! The sandbox's HTTP surface: routes, and the layer every request passes through
//! (latency, injected faults, Management API rate limit, request log).

pub mod auth;
pub mod body;
pub mod client_fields;
pub mod client_grants;
pub mod clients;
mod control;
pub mod error;
pub mod list;
pub(crate) mod oauth;
pub mod resource_servers;
pub mod validate;

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::Value;

use crate::control::{FaultAction, RequestRecord};
use crate::server::ConnectionKill;
use crate::state::Shared;
use error::{ApiError, OAuthError};

pub fn router(shared: Arc<Shared>) -> Router {
    let mut r = Router::new()
        .route("/oauth/token", post(oauth::token))
        .route("/.well-known/jwks.json", get(oauth::jwks))
        .route("/.well-known/openid-configuration", get(oauth::discovery))
        .route("/api/v2/clients", get(clients::list).post(clients::create))
        .route("/api/v2/clients/{id}", get(clients::get).patch(clients::update).delete(clients::delete))
        .route("/api/v2/clients/{id}/rotate-secret", post(clients::rotate_secret))
        .route("/api/v2/resource-servers", get(resource_servers::list).post(resource_servers::create))
        .route(
            "/api/v2/resource-servers/{id}",
            get(resource_servers::get).patch(resource_servers::update).delete(resource_servers::delete),
        )
        .route("/api/v2/client-grants", get(client_grants::list).post(client_grants::create))
        .route(
            "/api/v2/client-grants/{id}",
            get(client_grants::get).patch(client_grants::update).delete(client_grants::delete),
        );
    if shared.control {
        r = r.merge(control::routes(shared.clone()));
    }
    r.fallback(|| async { ApiError::new(StatusCode::NOT_FOUND, "Not Found", None) })
        .method_not_allowed_fallback(|| async {
            ApiError::new(StatusCode::METHOD_NOT_ALLOWED, "Method Not Allowed", None)
        })
        .layer(middleware::from_fn_with_state(shared.clone(), pipeline))
        .with_state(shared)
}

pub fn json_response(status: StatusCode, body: &Value) -> Response {
    let mut r = (status, body.to_string()).into_response();
    r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json; charset=utf-8"));
    r
}

pub fn no_content() -> Response {
    StatusCode::NO_CONTENT.into_response()
}

/// An error in the shape the path's API uses.
fn shaped_error(path: &str, status: StatusCode, message: &str) -> Response {
    if path.starts_with("/api/v2/") {
        ApiError::new(status, message, None).into_response()
    } else {
        let code = if status.is_server_error() { "temporarily_unavailable" } else { "invalid_request" };
        OAuthError::new(status, code, message).into_response()
    }
}

async fn pipeline(State(s): State<Arc<Shared>>, req: Request, next: Next) -> Response {
    let started = Instant::now();
    let time_ms = s.clock.now_millis();
    let method = req.method().to_string();
    let path = req.uri().path().to_string();
    if path.starts_with("/__sandbox/") {
        return next.run(req).await;
    }
    let _in_flight = s.log.arrive();
    let kill = req.extensions().get::<ConnectionKill>().cloned();
    let record = |status: Option<u16>| RequestRecord {
        method: method.clone(),
        path: path.clone(),
        status,
        time_ms,
        duration_ms: started.elapsed().as_millis() as u64,
    };

    if !s.latency.is_zero() {
        tokio::time::sleep(s.latency).await;
    }
    let fault = s.faults.take(&method, &path);
    if let Some(ms) = fault.as_ref().and_then(|f| f.delay_ms) {
        // A client that gives up during the delay drops this future: log the request then
        // (status none), so a test can see the fault fired.
        let mut abandoned = Abandoned { log: &s.log, record: Some(record(None)), started };
        tokio::time::sleep(Duration::from_millis(ms)).await;
        abandoned.record = None;
    }
    if let Some(status) = fault.as_ref().and_then(|f| f.status) {
        let status = StatusCode::from_u16(status).unwrap_or(StatusCode::SERVICE_UNAVAILABLE);
        s.log.push(record(Some(status.as_u16())));
        return shaped_error(&path, status, "Injected fault (sandbox)");
    }
    let action = fault.and_then(|f| f.action);
    if action == Some(FaultAction::Drop) {
        s.log.push(record(None));
        return drop_connection(kill).await;
    }

    let decision = path.starts_with("/api/v2/").then(|| s.limiter.as_ref().map(|l| l.check(s.clock.now()))).flatten();
    let mut response = match &decision {
        Some(d) if !d.allowed => {
            ApiError::new(StatusCode::TOO_MANY_REQUESTS, "Global limit has been reached", Some("too_many_requests"))
                .into_response()
        }
        _ => next.run(req).await,
    };
    if let Some(d) = decision {
        let h = response.headers_mut();
        h.insert("x-ratelimit-limit", d.limit.into());
        h.insert("x-ratelimit-remaining", d.remaining.into());
        h.insert("x-ratelimit-reset", d.reset.into());
    }
    if action == Some(FaultAction::DropAfterCommit) {
        s.log.push(record(None));
        return drop_connection(kill).await;
    }
    s.log.push(record(Some(response.status().as_u16())));
    response
}

/// Logs its request when dropped before the handling finished.
struct Abandoned<'a> {
    log: &'a crate::control::RequestLog,
    record: Option<RequestRecord>,
    started: Instant,
}

impl Drop for Abandoned<'_> {
    fn drop(&mut self) {
        if let Some(mut r) = self.record.take() {
            r.duration_ms = self.started.elapsed().as_millis() as u64;
            self.log.push(r);
        }
    }
}

/// Closes the client's connection without a response (the server loop drops it).
async fn drop_connection(kill: Option<ConnectionKill>) -> Response {
    match kill {
        Some(k) => {
            k.fire();
            std::future::pending().await
        }
        // Only reachable when the router is driven without our server loop.
        None => shaped_error("/", StatusCode::BAD_GATEWAY, "Injected connection drop"),
    }
}
