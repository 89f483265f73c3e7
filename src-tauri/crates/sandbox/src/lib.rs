//! grantsmith-sandbox: the Sandbox tenant, a local Auth0-compatible server.
//!
//! A library (the app embeds it; tests start it in-process on 127.0.0.1:0) and a binary.
//! It implements the parts of Auth0's Authentication API and Management API v2 that
//! Grantsmith uses, from `shared/reference/auth0-wire-contract.md`; where the contract is
//! UNCONFIRMED the choice made is listed in this crate's README.
//!
//! Shares no types with grantsmith-auth0 on purpose: both implement the wire contract
//! independently, so a misunderstanding on one side cannot hide in the other.

mod clock;
mod control;
mod http;
mod ids;
mod keys;
mod objects;
mod server;
mod state;
mod tenant;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use serde_json::{Value, json};
use tokio::net::TcpListener;
use tokio::sync::watch;

pub use control::{Fault, FaultAction, RequestRecord};
pub use state::MANAGEMENT_SCOPES;

use state::{Knobs, Shared};

/// How many realistic objects to create on first start (scale tests).
#[derive(Debug, Clone, Copy, Default)]
pub struct Seed {
    pub clients: usize,
    pub apis: usize,
    pub grants: usize,
}

#[derive(Debug, Clone)]
pub struct SandboxConfig {
    /// Port 0 picks a free port.
    pub listen: SocketAddr,
    /// Allow a non-loopback `listen` address.
    pub allow_remote: bool,
    /// SQLite file holding the whole tenant; in memory when `None`.
    pub data: Option<PathBuf>,
    /// Mount the `/__sandbox/*` control endpoints.
    pub control: bool,
    /// Delay every response by this much.
    pub latency: Duration,
    /// Management API requests per second (`DEFAULT_MGMT_RATE_LIMIT` unless set);
    /// unlimited, and without rate-limit headers, when `None`.
    pub mgmt_rate_limit: Option<u32>,
    pub seed: Seed,
}

/// Like a real tenant, the sandbox limits its Management API by default and says so in
/// `x-ratelimit-*` headers on every answer (clients pace themselves by them). 50 per second
/// is the sustained limit of Auth0's larger plans (contract §3); see the decisions table.
pub const DEFAULT_MGMT_RATE_LIMIT: u32 = 50;

impl Default for SandboxConfig {
    fn default() -> Self {
        Self {
            listen: SocketAddr::from(([127, 0, 0, 1], 0)),
            allow_remote: false,
            data: None,
            control: false,
            latency: Duration::ZERO,
            mgmt_rate_limit: Some(DEFAULT_MGMT_RATE_LIMIT),
            seed: Seed::default(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(
        "refusing to listen on {0}: the sandbox's management client holds every permission, so it \
         only listens on loopback unless --allow-remote is given"
    )]
    NotLoopback(SocketAddr),
    #[error("could not listen on {addr}: {source}")]
    Bind { addr: SocketAddr, source: std::io::Error },
    #[error("could not open the tenant: {0}")]
    Boot(#[from] state::BootError),
    #[error("could not open the tenant: {0}")]
    Store(#[from] tenant::StoreError),
}

/// A running Sandbox tenant. Stops on `shutdown` or when dropped.
pub struct Sandbox {
    shared: Arc<Shared>,
    addr: SocketAddr,
    stop: watch::Sender<bool>,
    task: Option<tokio::task::JoinHandle<()>>,
}

impl Sandbox {
    pub async fn start(config: SandboxConfig) -> Result<Sandbox, StartError> {
        if !config.listen.ip().is_loopback() && !config.allow_remote {
            return Err(StartError::NotLoopback(config.listen));
        }
        let listener = TcpListener::bind(config.listen)
            .await
            .map_err(|source| StartError::Bind { addr: config.listen, source })?;
        let addr = listener.local_addr().map_err(|source| StartError::Bind { addr: config.listen, source })?;
        let issuer = format!("http://{addr}/");
        let knobs = Knobs { control: config.control, latency: config.latency, mgmt_rate_limit: config.mgmt_rate_limit };
        let (data, seed) = (config.data.clone(), config.seed);
        // Key generation and SQLite work are blocking; keep them off the async workers.
        let shared = tokio::task::spawn_blocking(move || -> Result<Shared, StartError> {
            let store = tenant::TenantStore::open(data.as_deref())?;
            let shared = Shared::boot(store, issuer, knobs)?;
            if shared.store.meta("seeded")?.is_none() && (seed.clients + seed.apis + seed.grants) > 0 {
                shared.seed(&seed)?;
                shared.store.set_meta("seeded", "true")?;
            }
            Ok(shared)
        })
        .await
        .expect("sandbox boot task panicked")?;
        let shared = Arc::new(shared);
        let (stop, stopped) = watch::channel(false);
        let task = tokio::spawn(server::serve(listener, http::router(shared.clone()), stopped));
        Ok(Sandbox { shared, addr, stop, task: Some(task) })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT`
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// `http://127.0.0.1:PORT/` — with the trailing slash, as in the `iss` claim.
    pub fn issuer(&self) -> &str {
        &self.shared.issuer
    }

    pub fn management_audience(&self) -> &str {
        &self.shared.management_audience
    }

    pub fn management_client_id(&self) -> &str {
        &self.shared.management_client_id
    }

    pub fn management_client_secret(&self) -> String {
        self.shared.management_client_secret().unwrap_or_default()
    }

    /// A Management API token for the management client, issued in process (for tests and
    /// benchmarks that call the API over HTTP without asking `/oauth/token` first).
    pub fn management_token(&self) -> Result<String, String> {
        http::oauth::management_token(&self.shared)
    }

    /// The line the binary prints on stdout when ready.
    pub fn ready_line(&self) -> Value {
        json!({
            "base_url": self.base_url(),
            "issuer": self.issuer(),
            "management_audience": self.management_audience(),
            "management_client_id": self.management_client_id(),
            "management_client_secret": self.management_client_secret(),
        })
    }

    /// The next requests matching the fault fail as it says.
    pub fn add_fault(&self, fault: Fault) -> Result<(), String> {
        fault.validate()?;
        self.shared.faults.add(fault);
        Ok(())
    }

    /// How many more requests the faults added will fail: 0 once each has fired (its
    /// request arrived), which a test can wait for instead of a fixed sleep.
    pub fn pending_faults(&self) -> u32 {
        self.shared.faults.pending()
    }

    pub fn clear_faults(&self) {
        self.shared.faults.clear();
    }

    /// Every request served so far (oldest first), for counting round trips.
    pub fn requests(&self) -> Vec<RequestRecord> {
        self.shared.log.snapshot()
    }

    /// Waits until no request is being served (a slow one a client gave up on included),
    /// at most `within`; whether it got there. Tests wait for this instead of sleeping.
    pub async fn settled(&self, within: std::time::Duration) -> bool {
        let deadline = std::time::Instant::now() + within;
        while self.shared.log.in_flight() > 0 {
            if std::time::Instant::now() >= deadline {
                return false;
            }
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        }
        true
    }

    pub fn clear_requests(&self) {
        self.shared.log.clear();
    }

    /// Empties the tenant except the management client (and the system API).
    pub fn reset(&self) -> Result<(), String> {
        self.shared.faults.clear();
        self.shared.reset().map_err(|e| e.to_string())
    }

    /// Moves the tenant's clock forward (tokens expire without waiting).
    pub fn advance_clock(&self, by: Duration) {
        self.shared.clock.advance(by.as_secs() as i64);
    }

    /// Stops accepting, closes connections, and waits for the server task.
    pub async fn shutdown(mut self) {
        let _ = self.stop.send(true);
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        let _ = self.stop.send(true);
    }
}
