//! App state managed by Tauri: the store (or why it could not be opened), the keychain,
//! and the tenant profiles.
//!
//! A database that cannot be opened does not stop the window from starting: the error is
//! kept and every command that needs the store returns it, so the UI can show it in words.

use std::path::PathBuf;
use std::sync::Arc;

use grantsmith_auth0::ClientOptions;
use grantsmith_core::change::Engine;
use grantsmith_core::tenants::{ExternalSandbox, Tenants};
use grantsmith_core::token::TokenCache;
use grantsmith_core::{Channel, IpcError, KeychainStore, Store};

pub struct AppState {
    ready: Result<Ready, IpcError>,
    /// See `Engine::settle_secs`; `GRANTSMITH_SETTLE_SECS` shortens it (tests, fast links).
    settle_secs: i64,
    pub keychain: Arc<KeychainStore>,
    /// Test tokens and JWKS, in memory only.
    pub tokens: TokenCache,
    /// The desktop's UI font family (`desktop_font`), read once at start.
    pub ui_font: Option<String>,
}

struct Ready {
    store: Arc<Store>,
    tenants: Tenants,
}

impl AppState {
    pub fn open(data_dir: PathBuf) -> Self {
        let keychain = Arc::new(KeychainStore::new(Channel::current()));
        let ready = match Store::open(&data_dir) {
            Ok(store) => {
                let store = Arc::new(store);
                let tenants = Tenants::new(
                    store.clone(),
                    keychain.clone(),
                    Some(data_dir.join("sandbox.db")),
                    ExternalSandbox::from_env(),
                    ClientOptions::default(),
                );
                Ok(Ready { store, tenants })
            }
            Err(e) => {
                tracing::error!(error = %e, "could not open the database");
                Err(IpcError::from(e))
            }
        };
        let settle_secs = std::env::var("GRANTSMITH_SETTLE_SECS")
            .ok()
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(grantsmith_core::change::engine::SETTLE_SECS);
        Self { ready, keychain, tokens: TokenCache::default(), settle_secs, ui_font: None }
    }

    pub fn store(&self) -> Result<&Store, IpcError> {
        self.ready.as_ref().map(|r| &*r.store).map_err(Clone::clone)
    }

    pub fn tenants(&self) -> Result<&Tenants, IpcError> {
        self.ready.as_ref().map(|r| &r.tenants).map_err(Clone::clone)
    }

    /// The change engine: every write to a tenant goes through it.
    pub fn engine(&self) -> Result<Engine<'_>, IpcError> {
        let mut engine = Engine::new(self.tenants()?);
        engine.settle_secs = self.settle_secs;
        engine.tokens = Some(&self.tokens);
        Ok(engine)
    }
}

/// `GRANTSMITH_DATA_DIR` overrides the platform's app data folder (tests use a temp dir).
pub fn data_dir(platform_default: Option<PathBuf>) -> PathBuf {
    std::env::var_os("GRANTSMITH_DATA_DIR")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or(platform_default)
        .unwrap_or_else(|| PathBuf::from(".grantsmith"))
}
