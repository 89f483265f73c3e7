//! A tenant's applications as a promotion last listed them, kept for a few minutes: every
//! edit of the promote dialog's mapping asks for a new comparison, and listing a tenant's
//! applications is one request per hundred (5,000 applications: 50 requests, 25 s at a free
//! tenant's 2 requests a second).
//!
//! Owns the kept listings and their age. Deliberately not here: when a kept listing is good
//! enough — the engine lists live for a dialog's first comparison and for every apply, so a
//! change made elsewhere meanwhile is seen before anything is written.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use grantsmith_auth0::types::{Client, Progress};
use grantsmith_auth0::{Auth0Client, Auth0Error};

/// How long a listing answers the comparisons that follow it.
const KEEP: Duration = Duration::from_secs(300);

/// When a tenant's applications were listed, and what they were.
type Listed = (Instant, Arc<Vec<Client>>);

/// By profile id.
#[derive(Default)]
pub struct AppListings(Mutex<HashMap<String, Listed>>);

impl AppListings {
    /// The applications of `profile_id`'s tenant: a listing kept within `KEEP`, unless
    /// `fresh` asks to list them now (reporting `progress` after each page).
    pub async fn get(
        &self,
        profile_id: &str,
        client: &Auth0Client,
        fresh: bool,
        progress: &mut (dyn FnMut(Progress) + Send),
    ) -> Result<Arc<Vec<Client>>, Auth0Error> {
        if let Some((at, apps)) = self.lock().get(profile_id)
            && !fresh
            && at.elapsed() < KEEP
        {
            return Ok(apps.clone());
        }
        let apps = Arc::new(client.list_client_summaries(None, progress).await?);
        self.lock().insert(profile_id.to_string(), (Instant::now(), apps.clone()));
        Ok(apps)
    }

    fn lock(&self) -> MutexGuard<'_, HashMap<String, Listed>> {
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }
}
