//! What a promote dialog read from the tenants, kept for a few minutes: every edit of the
//! dialog's mapping asks for a new comparison, and the reads it starts from do not change
//! with the mapping — the target's applications (one request per hundred: 5,000
//! applications are 50 requests, 25 s at a free tenant's 2 requests a second) and the setup
//! on the source tenant (its application, API and grant: 3 requests).
//!
//! Owns the kept reads and their age. Deliberately not here: when a kept read is good enough
//! — the engine reads afresh for a dialog's first comparison and for every apply, so a change
//! made elsewhere meanwhile is seen before anything is written.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use grantsmith_auth0::types::Client;

use super::Setup;

/// How long a read answers the comparisons that follow it.
const KEEP: Duration = Duration::from_secs(300);

/// Reads of one kind, by key, with when they were made.
pub struct Kept<T>(Mutex<HashMap<String, (Instant, Arc<T>)>>);

impl<T> Default for Kept<T> {
    fn default() -> Self {
        Self(Mutex::default())
    }
}

impl<T> Kept<T> {
    /// The value kept under `key` within `KEEP`, unless `fresh` asks to `read` it now.
    pub async fn get<E>(&self, key: &str, fresh: bool, read: impl Future<Output = Result<T, E>>) -> Result<Arc<T>, E> {
        if let Some((at, value)) = self.lock().get(key)
            && !fresh
            && at.elapsed() < KEEP
        {
            return Ok(value.clone());
        }
        let value = Arc::new(read.await?);
        self.lock().insert(key.to_string(), (Instant::now(), value.clone()));
        Ok(value)
    }

    fn lock(&self) -> MutexGuard<'_, HashMap<String, (Instant, Arc<T>)>> {
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// What promote dialogs read.
#[derive(Default)]
pub struct PromoteReads {
    /// A target tenant's applications, by its profile id.
    pub target_apps: Kept<Vec<Client>>,
    /// A setup on the source tenant, by `source_key`.
    pub sources: Kept<Setup>,
}

/// The key of a setup read on a source tenant.
pub fn source_key(profile_id: &str, client_id: &str, audience: &str) -> String {
    format!("{profile_id}\n{client_id}\n{audience}")
}
