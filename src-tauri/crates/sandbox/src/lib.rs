//! grantsmith-sandbox: the Sandbox tenant, a local Auth0-compatible server.
//!
//! A library (the app embeds it; tests start it in-process on 127.0.0.1:0) and a binary.
//! Shares no types with grantsmith-auth0 on purpose: both implement the wire contract
//! independently, so a misunderstanding on one side cannot hide in the other.

use std::net::SocketAddr;

use axum::{Json, Router, extract::State, routing::get};
use serde_json::{Value, json};
use tokio::net::TcpListener;
use tokio::sync::oneshot;

/// A sandbox serving on a local port until `shutdown` (or drop).
pub struct RunningSandbox {
    addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<()>>,
}

#[derive(Clone)]
struct Shared {
    issuer: String,
}

impl RunningSandbox {
    /// Binds `addr` (port 0 picks a free port) and starts serving.
    pub async fn start(addr: SocketAddr) -> std::io::Result<Self> {
        let listener = TcpListener::bind(addr).await?;
        let addr = listener.local_addr()?;
        let shared = Shared {
            issuer: format!("http://{addr}/"),
        };
        let app = Router::new()
            .route("/.well-known/openid-configuration", get(discovery))
            .with_state(shared);
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(async move {
            let serve = axum::serve(listener, app).with_graceful_shutdown(async {
                let _ = stopped.await;
            });
            if let Err(e) = serve.await {
                tracing::error!(error = %e, "sandbox server stopped with an error");
            }
        });
        Ok(Self {
            addr,
            stop: Some(stop),
            task: Some(task),
        })
    }

    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn issuer(&self) -> String {
        format!("http://{}/", self.addr)
    }

    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for RunningSandbox {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

async fn discovery(State(s): State<Shared>) -> Json<Value> {
    Json(json!({
        "issuer": s.issuer,
        "token_endpoint": format!("{}oauth/token", s.issuer),
        "jwks_uri": format!("{}.well-known/jwks.json", s.issuer),
        "grant_types_supported": ["client_credentials"],
    }))
}
