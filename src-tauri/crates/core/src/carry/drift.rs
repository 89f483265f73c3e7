//! Drift: a recorded setup (exported or promoted earlier) compared field by field with the
//! tenant as it is now, and "accept the tenant's state" (the record replaced by it).
//! Putting the record back is a change set (`ChangeRequest::Reapply`) through the engine.

use serde::Serialize;
use ts_rs::TS;

use super::record::{RecordOrigin, SetupRecord};
use super::{Setup, read};
use crate::error::{ErrorKind, IpcError};
use crate::tenants::Tenants;
use crate::wizard::ScopeSpec;

/// One field that differs from the record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DriftField {
    /// e.g. "API token lifetime (s)", "Scope read:orders".
    pub label: String,
    /// As recorded; "—" when the record did not have it.
    pub recorded: String,
    /// On the tenant now; "—" when it is gone.
    pub now: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DriftReport {
    pub record: SetupRecord,
    /// Empty: the tenant is as recorded.
    pub fields: Vec<DriftField>,
}

const NONE: &str = "—";

fn scope_words(s: &ScopeSpec) -> String {
    if s.description.is_empty() { "present".into() } else { format!("present — {}", s.description) }
}

/// Field by field, what `now` has that differs from `recorded`.
pub fn differences(recorded: &Setup, now: &Setup) -> Vec<DriftField> {
    let mut out = Vec::new();
    let mut field = |label: &str, r: String, n: String| {
        if r != n {
            out.push(DriftField { label: label.into(), recorded: r, now: n });
        }
    };
    field("Application name", recorded.app.name.clone(), now.app.name.clone());
    field("Application description", recorded.app.description.clone(), now.app.description.clone());
    field("Grant types", recorded.app.grant_types.join(", "), now.app.grant_types.join(", "));
    field("API name", recorded.api.name.clone(), now.api.name.clone());
    field("Signing algorithm", recorded.api.signing_alg.clone(), now.api.signing_alg.clone());
    field("Token lifetime (s)", recorded.api.token_lifetime.to_string(), now.api.token_lifetime.to_string());
    let find = |list: &[ScopeSpec], v: &str| list.iter().find(|s| s.value == v).map(scope_words);
    for s in &recorded.api.scopes {
        field(&format!("Scope {}", s.value), scope_words(s), find(&now.api.scopes, &s.value).unwrap_or(NONE.into()));
    }
    for s in now.api.scopes.iter().filter(|s| !recorded.api.scopes.iter().any(|r| r.value == s.value)) {
        field(&format!("Scope {}", s.value), NONE.into(), scope_words(s));
    }
    let grant = |s: &Setup| match &s.grant {
        None => "no grant".to_string(),
        Some(g) if g.scopes.is_empty() => "granted, no scopes".to_string(),
        Some(g) => {
            let mut v = g.scopes.clone();
            v.sort();
            v.join(", ")
        }
    };
    field("Access (grant scopes)", grant(recorded), grant(now));
    out
}

fn no_record(client_id: &str, audience: &str) -> IpcError {
    IpcError::new(
        ErrorKind::NotFound,
        format!(
            "Nothing is recorded for {client_id} and {audience} on this tenant: export or promote the setup first."
        ),
    )
}

/// Re-reads the tenant and compares it with the record.
pub async fn check(
    tenants: &Tenants,
    profile_id: &str,
    client_id: &str,
    audience: &str,
) -> Result<DriftReport, IpcError> {
    let record =
        tenants.store().setup_record(profile_id, client_id, audience)?.ok_or_else(|| no_record(client_id, audience))?;
    let client = tenants.client_for(profile_id).await?;
    let now = read(&client, client_id, audience).await?;
    Ok(DriftReport { fields: differences(&record.setup, &now), record })
}

/// The tenant's state becomes the record (what later drift checks compare with).
pub async fn accept(
    tenants: &Tenants,
    profile_id: &str,
    client_id: &str,
    audience: &str,
) -> Result<DriftReport, IpcError> {
    tenants.store().setup_record(profile_id, client_id, audience)?.ok_or_else(|| no_record(client_id, audience))?;
    let client = tenants.client_for(profile_id).await?;
    let now = read(&client, client_id, audience).await?;
    tenants.store().record_setup(profile_id, &now, RecordOrigin::Accept)?;
    check(tenants, profile_id, client_id, audience).await
}
