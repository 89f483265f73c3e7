//! App state managed by Tauri: the store (or why it could not be opened) and the keychain.
//!
//! A database that cannot be opened does not stop the window from starting: the error is
//! kept and every command that needs the store returns it, so the UI can show it in words.

use std::path::PathBuf;

use grantsmith_core::{Channel, IpcError, KeychainStore, Store};

pub struct AppState {
    store: Result<Store, IpcError>,
    pub keychain: KeychainStore,
}

impl AppState {
    pub fn open(data_dir: PathBuf) -> Self {
        let store = Store::open(&data_dir).map_err(|e| {
            tracing::error!(error = %e, "could not open the database");
            IpcError::from(e)
        });
        Self { store, keychain: KeychainStore::new(Channel::current()) }
    }

    pub fn store(&self) -> Result<&Store, IpcError> {
        self.store.as_ref().map_err(Clone::clone)
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
