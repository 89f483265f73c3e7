//! What the app reports about itself: version, where its data lives, whether the keychain
//! answers. Shown in the UI's status area; also the first IPC round trip the e2e suite checks.

use serde::Serialize;
use ts_rs::TS;

use crate::{KeychainStore, SecretError, Store, StoreError};

#[derive(Debug, Clone, Serialize, TS)]
pub struct AppInfo {
    pub version: String,
    /// The folder holding the database (never secrets).
    pub data_dir: String,
    /// Full path of the SQLite file, or ":memory:".
    pub database: String,
    pub schema_version: u32,
    pub keychain: KeychainStatus,
    /// The desktop's UI font family where the shell can read it (Linux: GTK's font setting),
    /// for the window to name directly: WebKitGTK finds a named, installed family at once,
    /// while `system-ui` is resolved again for every size and weight.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub ui_font: Option<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct KeychainStatus {
    pub available: bool,
    /// The keychain service name this build uses (distinct per build channel).
    pub service: String,
    /// Why it is unavailable, in words for an admin.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub problem: Option<String>,
}

impl KeychainStatus {
    pub fn probe(keychain: &KeychainStore) -> Self {
        let problem = keychain.probe().err().map(|e: SecretError| e.to_string());
        Self { available: problem.is_none(), service: keychain.service().into(), problem }
    }
}

impl AppInfo {
    pub fn collect(
        version: &str,
        store: &Store,
        keychain: KeychainStatus,
        ui_font: Option<String>,
    ) -> Result<Self, StoreError> {
        let database = store.path().map_or(":memory:".into(), |p| p.display().to_string());
        let data_dir = store.path().and_then(|p| p.parent()).map_or(String::new(), |p| p.display().to_string());
        let schema_version = store.schema_version()?;
        Ok(Self { version: version.into(), data_dir, database, schema_version, keychain, ui_font })
    }
}
