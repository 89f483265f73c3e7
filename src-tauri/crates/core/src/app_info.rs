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
    /// The desktop's fonts where the shell can read them (Linux); absent elsewhere, where the
    /// window's `system-ui` is the desktop's font and cheap to resolve.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub fonts: Option<DesktopFonts>,
}

/// The desktop's UI font (GTK's setting, on Linux), for the window to name and weigh as the
/// desktop draws it.
///
/// Why: WebKitGTK resolves each font a page uses (family, size and weight) through
/// fontconfig, ~4 ms apiece on a cold start, and `system-ui` costs more than a named,
/// installed family. Naming the family, and asking semibold text in the weight of the face
/// that draws it anyway, leaves the first screen fewer fonts to resolve and the same pixels.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct DesktopFonts {
    pub family: String,
    /// The CSS weight to ask for semibold (600) text: the weight of the face fontconfig draws
    /// it with when that face is bolder (700 where the family has regular and bold only), so
    /// that semibold and bold text of a size are one font; otherwise 600.
    pub semibold: u16,
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
        fonts: Option<DesktopFonts>,
    ) -> Result<Self, StoreError> {
        let database = store.path().map_or(":memory:".into(), |p| p.display().to_string());
        let data_dir = store.path().and_then(|p| p.parent()).map_or(String::new(), |p| p.display().to_string());
        let schema_version = store.schema_version()?;
        Ok(Self { version: version.into(), data_dir, database, schema_version, keychain, fonts })
    }
}
