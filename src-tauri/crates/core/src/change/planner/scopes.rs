//! Planning an API's scope edit, with its propagation to the grants that hold the scopes.

use std::collections::HashSet;

use grantsmith_auth0::types::{ClientGrant, ResourceServer};
use grantsmith_auth0::{Auth0Client, Auth0Error};

use super::{AppName, Planned, api_name, api_of, gone, grant_step, grants_of, list, step};
use crate::change::set::Op;
use crate::error::IpcError;
use crate::rule::Rule;
use crate::wizard::ScopeSpec;
use crate::wizard::spec::{MAX_SCOPE_DESCRIPTION, MAX_SCOPES, scope_problem};

pub(super) struct Edit<'a> {
    pub(super) add: &'a [ScopeSpec],
    pub(super) describe: &'a [ScopeSpec],
    pub(super) remove: &'a [String],
    pub(super) extend_to: &'a [String],
}

fn check_edit(api: &ResourceServer, e: &Edit<'_>) -> Result<(), IpcError> {
    if api.is_system {
        return Err(IpcError::validation(
            "scopes",
            Rule::Protected,
            format!("The scopes of {} are defined by Auth0 and cannot be changed.", api_name(api)),
        ));
    }
    let defined = |v: &str| api.scopes.iter().any(|s| s.value == v);
    let mut seen = HashSet::new();
    for (i, s) in e.add.iter().enumerate() {
        let v = s.value.trim();
        let field = format!("add[{i}].value");
        if let Some((code, message)) = scope_problem(v) {
            return Err(IpcError::validation(field, code, message));
        }
        if defined(v) || !seen.insert(v) {
            return Err(IpcError::validation(field, Rule::Duplicate, format!("{v} is already a scope of this API.")));
        }
    }
    for (i, s) in e.add.iter().chain(e.describe).enumerate() {
        if let Some((code, message)) = crate::text::hidden_problem("Scope descriptions", &s.description) {
            return Err(IpcError::validation(format!("scopes[{i}].description"), code, message));
        }
        if s.description.trim().chars().count() > MAX_SCOPE_DESCRIPTION {
            return Err(IpcError::validation(
                format!("scopes[{i}].description"),
                Rule::TooLong,
                format!("Scope descriptions can be at most {MAX_SCOPE_DESCRIPTION} characters."),
            ));
        }
    }
    for v in e.remove.iter().map(String::as_str).chain(e.describe.iter().map(|s| s.value.as_str())) {
        if !defined(v.trim()) {
            return Err(IpcError::validation(
                "remove",
                Rule::Unknown,
                format!("{v} is not a scope of {}.", api_name(api)),
            ));
        }
    }
    let count = api.scopes.len() + e.add.len() - e.remove.len().min(api.scopes.len());
    if count > MAX_SCOPES {
        return Err(IpcError::validation(
            "add",
            Rule::TooMany,
            format!("An API can have at most {MAX_SCOPES} scopes; this one would have {count}."),
        ));
    }
    if !e.extend_to.is_empty() && e.add.is_empty() {
        return Err(IpcError::validation("extend_to", Rule::Required, "Add a scope to give it to applications."));
    }
    Ok(())
}

/// Removed scopes leave the grants that hold them first, then the API changes, then the
/// added scopes reach the chosen grants — so no grant ever holds a scope its API lacks.
pub(super) async fn scopes(
    client: &Auth0Client,
    audience: &str,
    e: Edit<'_>,
    name: AppName<'_>,
) -> Result<Planned, IpcError> {
    let api = api_of(client, audience).await?;
    check_edit(&api, &e)?;
    let grants = grants_of(client, &api.identifier).await?;
    let remove: Vec<String> = e.remove.iter().map(|s| s.trim().to_string()).collect();
    let (mut steps, mut affects) = (Vec::new(), Vec::new());
    for g in &grants {
        if g.scope.iter().any(|s| remove.contains(s)) {
            let want = g.scope.iter().filter(|s| !remove.contains(s)).cloned().collect::<Vec<_>>();
            // Taking the last scope keeps the grant (empty); deleting it is a separate choice.
            let held: Vec<String> = g.scope.iter().filter(|s| remove.contains(s)).cloned().collect();
            let app = name(&g.client_id);
            steps.push(step(
                Op::UpdateGrant {
                    grant_id: g.id.clone(),
                    client_id: g.client_id.clone(),
                    audience: api.identifier.clone(),
                    added: vec![],
                    removed: held.clone(),
                },
                format!("Take {} from {app}", held.join(", ")),
                format!("it keeps: {}", list(&want)),
            ));
            affects.push(format!("{app} loses {} on {}.", held.join(", "), api_name(&api)));
        }
    }
    let add: Vec<ScopeSpec> = e
        .add
        .iter()
        .map(|s| ScopeSpec { value: s.value.trim().into(), description: s.description.trim().into() })
        .collect();
    if !add.is_empty() || !remove.is_empty() || !e.describe.is_empty() {
        let detail = add
            .iter()
            .map(|s| format!("+ {}", s.value))
            .chain(remove.iter().map(|s| format!("− {s}")))
            .chain(e.describe.iter().map(|s| format!("✎ {}", s.value.trim())))
            .collect::<Vec<_>>()
            .join("  ");
        steps.push(step(
            Op::UpdateScopes {
                api_id: api.id.clone(),
                audience: api.identifier.clone(),
                added: add.clone(),
                described: e.describe.to_vec(),
                removed: remove.clone(),
            },
            format!("Change the scopes of {}", api_name(&api)),
            detail,
        ));
        for s in &remove {
            affects.push(format!("{s} is removed from {}: tokens no longer carry it.", api_name(&api)));
        }
    }
    let values: Vec<String> = add.iter().map(|s| s.value.clone()).collect();
    for c in e.extend_to {
        let grant = grants.iter().find(|g| &g.client_id == c);
        if grant.is_none() && matches!(client.get_client(c).await, Err(Auth0Error::NotFound { .. })) {
            return Err(gone("application", c));
        }
        let mut want =
            grant.map(|g| g.scope.iter().filter(|s| !remove.contains(s)).cloned().collect()).unwrap_or_else(Vec::new);
        want.extend(values.iter().filter(|v| !want.contains(v)).cloned().collect::<Vec<_>>());
        // Compared with the grant as it will be after the removals above.
        let after = grant.map(|g| ClientGrant {
            scope: g.scope.iter().filter(|s| !remove.contains(s)).cloned().collect(),
            ..g.clone()
        });
        if let Some((s, _)) = grant_step(&api, c, after.as_ref(), want, name) {
            steps.push(s);
        }
    }
    Ok((steps, affects))
}
