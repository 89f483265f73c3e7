//! Promoting a setup to another tenant: what the target already has (found by the mapped
//! application name and API identifier), a side-by-side comparison, and the setup spec
//! that carries it — parts the target has are reused, never duplicated; nothing the target
//! has is taken away (its extra scopes and grant scopes stay).
//!
//! Pure reading and deciding. The engine plans and applies the spec on the target like any
//! setup (review, production confirmation, retry safety); the application gets its own new
//! secret there, never a copied one.

use std::sync::Arc;

use grantsmith_auth0::types::{Client, ClientGrant, ResourceServer};
use grantsmith_auth0::{Auth0Client, Auth0Error};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::Setup;
use crate::error::{IpcError, from_auth0};
use crate::rule::{FieldIssue, Rule};
use crate::wizard::spec::{SigningAlg, check};
use crate::wizard::{ApiChoice, AppChoice, ScopeSpec, WizardSpec};

/// The values that differ between tenants, as the admin maps them for the target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PromoteMapping {
    pub app_name: String,
    pub api_name: String,
    pub identifier: String,
}

impl PromoteMapping {
    /// The source's own values: what the target gets unless the admin maps them.
    pub fn same_as(source: &Setup) -> Self {
        PromoteMapping {
            app_name: source.app.name.clone(),
            api_name: source.api.name.clone(),
            identifier: source.api.identifier.clone(),
        }
    }
}

/// What the admin asks: this setup on the active tenant, to `target`, mapped so.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PromoteAsk {
    pub client_id: String,
    pub audience: String,
    /// The target profile's id.
    pub target: String,
    /// `None`: the source's own values — a dialog's first ask, for which the target's
    /// applications are listed afresh (`Engine::preview_promotion`).
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mapping: Option<PromoteMapping>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DiffState {
    /// The target has it as the source does.
    Same,
    /// The target lacks it: promotion creates or adds it.
    Added,
    /// The target has it differently and promotion changes it.
    Changed,
    /// The target has it differently and keeps its own (shown, not overwritten).
    Kept,
}

/// One line of the side-by-side comparison.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DiffRow {
    /// e.g. "API identifier", "Scope read:orders".
    pub label: String,
    pub source: String,
    /// What the target has now; absent when it has nothing there.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// What the target will have.
    pub result: String,
    pub state: DiffState,
}

/// What the target has of the setup, found by the mapped values.
pub struct Found {
    /// Applications with the mapped name.
    pub apps: Vec<Client>,
    pub api: Option<ResourceServer>,
    pub grant: Option<ClientGrant>,
}

/// What the target has: the applications of `listing` (the target's, listed beside the API's
/// lookup) with the mapped name, the API with the mapped identifier, the grant between them.
pub async fn find(
    target: &Auth0Client,
    mapping: &PromoteMapping,
    listing: impl Future<Output = Result<Arc<Vec<Client>>, Auth0Error>>,
) -> Result<Found, IpcError> {
    let name = mapping.app_name.trim();
    let (apps, api) = tokio::join!(listing, async {
        match target.get_resource_server(mapping.identifier.trim()).await {
            Err(Auth0Error::NotFound { .. }) => Ok(None),
            r => r.map(Some),
        }
    });
    let apps: Vec<Client> =
        apps.map_err(from_auth0)?.iter().filter(|c| c.name.as_deref().map(str::trim) == Some(name)).cloned().collect();
    let api = api.map_err(from_auth0)?;
    let grant = match (apps.as_slice(), &api) {
        ([app], Some(api)) => target
            .list_client_grants(Some(&app.client_id), Some(&api.identifier), &mut |_| {})
            .await
            .map_err(from_auth0)?
            .into_iter()
            .find(|g| g.subject_type.as_deref().unwrap_or("client") == "client"),
        _ => None,
    };
    Ok(Found { apps, api, grant })
}

fn row(label: &str, source: &str, target: Option<&str>, result: &str, state: DiffState) -> DiffRow {
    DiffRow {
        label: label.into(),
        source: source.into(),
        target: target.map(str::to_string),
        result: result.into(),
        state,
    }
}

/// `state` for a value the target keeps if it has one.
fn kept(source: &str, target: Option<&str>) -> (String, DiffState) {
    match target {
        None => (source.into(), DiffState::Added),
        Some(t) if t == source => (t.into(), DiffState::Same),
        Some(t) => (t.into(), DiffState::Kept),
    }
}

/// The comparison, the spec that carries the setup, and what is wrong with the mapping
/// (by field: `app_name`, `api_name`, `identifier`).
pub fn compare(
    source: &Setup,
    mapping: &PromoteMapping,
    found: &Found,
    target_name: &str,
) -> (Vec<DiffRow>, WizardSpec, Vec<FieldIssue>) {
    let mut rows = Vec::new();
    let mut issues = Vec::new();
    let app = found.apps.first().filter(|_| found.apps.len() == 1);
    if found.apps.len() > 1 {
        issues.push(FieldIssue::new(
            "app_name",
            Rule::Duplicate,
            format!(
                "{} applications on {target_name} are named “{}”: Grantsmith cannot tell which one to reuse. Map to another name, or rename one there.",
                found.apps.len(),
                mapping.app_name.trim()
            ),
        ));
    }
    let app_state = if app.is_some() { DiffState::Same } else { DiffState::Added };
    rows.push(row(
        "Application",
        &source.app.name,
        app.and(Some(mapping.app_name.trim())),
        mapping.app_name.trim(),
        app_state,
    ));
    let cc = |c: &Client| c.grant_types.iter().any(|g| g == "client_credentials");
    if let Some(app) = app.filter(|a| !cc(a)) {
        rows.push(row(
            "Client Credentials grant",
            "enabled",
            Some(&format!("not enabled ({})", app.grant_types.join(", "))),
            "enabled",
            DiffState::Changed,
        ));
    }

    let api = found.api.as_ref();
    rows.push(row(
        "API identifier",
        &source.api.identifier,
        api.map(|a| a.identifier.as_str()),
        mapping.identifier.trim(),
        if api.is_some() { DiffState::Same } else { DiffState::Added },
    ));
    let target_name_of = api.map(|a| a.name.clone().unwrap_or_else(|| a.identifier.clone()));
    let (result, state) = kept(mapping.api_name.trim(), target_name_of.as_deref());
    rows.push(row("API name", &source.api.name, target_name_of.as_deref(), &result, state));
    let (result, state) = kept(&source.api.signing_alg, api.and_then(|a| a.signing_alg.as_deref()));
    rows.push(row(
        "Signing algorithm",
        &source.api.signing_alg,
        api.and_then(|a| a.signing_alg.as_deref()),
        &result,
        state,
    ));
    let lifetime = api.and_then(|a| a.token_lifetime).map(|l| l.to_string());
    let (result, state) = kept(&source.api.token_lifetime.to_string(), lifetime.as_deref());
    rows.push(row("Token lifetime (s)", &source.api.token_lifetime.to_string(), lifetime.as_deref(), &result, state));

    // Scopes: the source's, plus what the target's API has besides (never taken away).
    let target_scopes: Vec<ScopeSpec> =
        api.map(|a| a.scopes.iter().cloned().map(ScopeSpec::from).collect()).unwrap_or_default();
    let mut scopes = target_scopes.clone();
    for s in &source.api.scopes {
        let there = target_scopes.iter().find(|t| t.value == s.value);
        let state = if there.is_some() { DiffState::Same } else { DiffState::Added };
        let shown = |v: &ScopeSpec| {
            if v.description.is_empty() { v.value.clone() } else { format!("{} — {}", v.value, v.description) }
        };
        rows.push(row(
            &format!("Scope {}", s.value),
            &shown(s),
            there.map(shown).as_deref(),
            &shown(there.unwrap_or(s)),
            state,
        ));
        if there.is_none() {
            scopes.push(s.clone());
        }
    }

    let source_grant = source.grant.as_ref().map(|g| g.scopes.clone()).unwrap_or_default();
    let target_grant = found.grant.as_ref().map(|g| g.scope.clone());
    let mut grant_scopes = target_grant.clone().unwrap_or_default();
    grant_scopes.retain(|s| scopes.iter().any(|x| &x.value == s));
    for s in &source_grant {
        if !grant_scopes.contains(s) {
            grant_scopes.push(s.clone());
        }
    }
    let state = match &target_grant {
        None => DiffState::Added,
        Some(t) if grant_scopes.iter().all(|s| t.contains(s)) => DiffState::Same,
        Some(_) => DiffState::Changed,
    };
    let words = |v: &[String]| if v.is_empty() { "no scopes".to_string() } else { v.join(", ") };
    rows.push(row(
        "Access (grant scopes)",
        &words(&source_grant),
        target_grant.as_deref().map(words).as_deref(),
        &words(&grant_scopes),
        state,
    ));

    let spec = WizardSpec {
        app: match app {
            Some(a) => AppChoice::Existing { client_id: a.client_id.clone() },
            None => {
                AppChoice::New { name: mapping.app_name.trim().into(), description: source.app.description.clone() }
            }
        },
        api: match api {
            Some(a) => ApiChoice::Existing { identifier: a.identifier.clone() },
            None => ApiChoice::New {
                name: mapping.api_name.trim().into(),
                identifier: mapping.identifier.trim().into(),
                signing_alg: if source.api.signing_alg == "HS256" { SigningAlg::HS256 } else { SigningAlg::RS256 },
                token_lifetime: source.api.token_lifetime,
            },
        },
        scopes,
        grant_scopes,
    };
    // The setup's own rules, said against the mapping's fields.
    for issue in check(&spec).issues {
        let field = match issue.field.as_str() {
            "app.name" => "app_name",
            "api.name" => "api_name",
            "api.identifier" => "identifier",
            other => other,
        };
        issues.push(FieldIssue { field: field.into(), ..issue });
    }
    (rows, spec, issues)
}
