//! From a day-two `ChangeRequest` and the tenant as it is now, the exact operations, what
//! they take away, and what blocks them — before anything is written.
//!
//! Read-only. Rules of input (scope values, unknown scopes, a system API's fixed scopes)
//! are refused here with the field they concern. The engine binds the plan to its tenant
//! and policy; `apply` executes it.

use std::collections::HashSet;

use grantsmith_auth0::types::{Client, ClientGrant, ResourceServer};
use grantsmith_auth0::{Auth0Client, Auth0Error};

use super::set::{ChangePlan, ChangeRequest, ChangeStep, Op, Toggle};
use crate::error::{ErrorKind, IpcError, from_auth0};
use crate::rule::Rule;
use crate::wizard::ScopeSpec;
use crate::wizard::spec::{MAX_SCOPE_DESCRIPTION, MAX_SCOPES, application_issues, scope_problem};

/// Names of applications by client id (from the index; the id itself when unknown).
pub type AppName<'a> = &'a (dyn Fn(&str) -> String + Sync);

fn list(v: &[String]) -> String {
    if v.is_empty() { "no scopes".into() } else { v.join(", ") }
}

fn api_name(api: &ResourceServer) -> String {
    api.name.clone().unwrap_or_else(|| api.identifier.clone())
}

fn gone(what: &str, id: &str) -> IpcError {
    IpcError::new(ErrorKind::NotFound, format!("The {what} {id} no longer exists on this tenant (deleted elsewhere?)."))
}

async fn api_of(client: &Auth0Client, audience: &str) -> Result<ResourceServer, IpcError> {
    match client.get_resource_server(audience.trim()).await {
        Err(Auth0Error::NotFound { .. }) => Err(gone("API", audience)),
        r => r.map_err(from_auth0),
    }
}

async fn grants_of(client: &Auth0Client, audience: &str) -> Result<Vec<ClientGrant>, IpcError> {
    let all = client.list_client_grants(None, Some(audience), &mut |_| {}).await.map_err(from_auth0)?;
    Ok(all.into_iter().filter(|g| g.subject_type.as_deref().unwrap_or("client") == "client").collect())
}

/// The plan for `request` on the tenant `client` speaks to (profile and confirmation are
/// left for the engine to fill in).
pub async fn plan(client: &Auth0Client, request: &ChangeRequest, name: AppName<'_>) -> Result<ChangePlan, IpcError> {
    let (steps, affects) = match request {
        ChangeRequest::Access { audience, toggles } => access(client, audience, toggles, name).await?,
        ChangeRequest::Scopes { audience, add, describe, remove, extend_to } => {
            scopes(client, audience, Edit { add, describe, remove, extend_to }, name).await?
        }
        ChangeRequest::RotateSecret { client_id } => rotate(client, client_id).await?,
        ChangeRequest::DeleteGrant { grant_id } => delete_grant(client, grant_id, name).await?,
        ChangeRequest::EditApplication { client_id, name, description } => {
            edit_application(client, client_id, name, description).await?
        }
        ChangeRequest::EnableClientCredentials { client_id } => enable_client_credentials(client, client_id).await?,
        ChangeRequest::DeleteApplication { client_id } => delete_application(client, client_id).await?,
    };
    let granted = client.granted_scopes().await.map_err(from_auth0)?;
    let blockers: Vec<String> = steps
        .iter()
        .map(|s| s.op.permission())
        .collect::<HashSet<_>>()
        .into_iter()
        .filter(|p| !granted.iter().any(|g| g == p))
        .map(|p| {
            format!(
                "This change needs the Management API permission {p}, which Grantsmith's management application lacks."
            )
        })
        .collect();
    Ok(ChangePlan {
        request: request.clone(),
        summary: summarize(&steps),
        can_apply: blockers.is_empty() && !steps.is_empty(),
        steps,
        affects,
        blockers,
        profile_id: String::new(),
        confirm_tenant: None,
    })
}

type Planned = (Vec<ChangeStep>, Vec<String>);

fn step(op: Op, title: String, detail: String) -> ChangeStep {
    ChangeStep { effect: op.effect(), op, title, detail }
}

/// A grant's scopes changed from `have` to `want` (or created, or deleted when empty).
fn grant_step(
    api: &ResourceServer,
    client_id: &str,
    grant: Option<&ClientGrant>,
    want: Vec<String>,
    name: AppName<'_>,
) -> Option<(ChangeStep, Option<String>)> {
    let app = name(client_id);
    let on = api_name(api);
    let audience = api.identifier.clone();
    match grant {
        None if want.is_empty() => None,
        None => Some((
            step(
                Op::CreateGrant { client_id: client_id.into(), audience, scopes: want.clone() },
                format!("Authorize {app} for {on}"),
                format!("scopes: {}", list(&want)),
            ),
            None,
        )),
        Some(g) if want.is_empty() => Some((
            step(
                Op::DeleteGrant { grant_id: g.id.clone(), client_id: client_id.into(), audience },
                format!("Delete {app}'s grant for {on}"),
                format!("it holds: {}", list(&g.scope)),
            ),
            Some(format!("{app} can no longer get tokens for {on} (its grant is deleted).")),
        )),
        Some(g) => {
            let added: Vec<String> = want.iter().filter(|s| !g.scope.contains(s)).cloned().collect();
            let removed: Vec<String> = g.scope.iter().filter(|s| !want.contains(s)).cloned().collect();
            if added.is_empty() && removed.is_empty() {
                return None;
            }
            let detail = added
                .iter()
                .map(|s| format!("+ {s}"))
                .chain(removed.iter().map(|s| format!("− {s}")))
                .collect::<Vec<_>>()
                .join("  ");
            let affects = (!removed.is_empty()).then(|| format!("{app} loses {} on {on}.", removed.join(", ")));
            Some((
                step(
                    Op::UpdateGrant { grant_id: g.id.clone(), client_id: client_id.into(), audience, added, removed },
                    format!("Change {app}'s scopes on {on}"),
                    detail,
                ),
                affects,
            ))
        }
    }
}

async fn access(
    client: &Auth0Client,
    audience: &str,
    toggles: &[Toggle],
    name: AppName<'_>,
) -> Result<Planned, IpcError> {
    let api = api_of(client, audience).await?;
    let defined: Vec<&str> = api.scopes.iter().map(|s| s.value.as_str()).collect();
    if let Some(t) = toggles.iter().find(|t| t.granted && !defined.contains(&t.scope.as_str())) {
        return Err(IpcError::validation(
            "toggles",
            Rule::Unknown,
            format!("{} is not a scope of {}; add it to the API first.", t.scope, api_name(&api)),
        ));
    }
    let grants = grants_of(client, &api.identifier).await?;
    let mut clients: Vec<&str> = Vec::new();
    for t in toggles {
        if !clients.contains(&t.client_id.as_str()) {
            clients.push(&t.client_id);
        }
    }
    let (mut steps, mut affects) = (Vec::new(), Vec::new());
    for c in clients {
        let grant = grants.iter().find(|g| g.client_id == c);
        let mut want: Vec<String> = grant.map(|g| g.scope.clone()).unwrap_or_default();
        // The last toggle of a cell counts (a cell clicked twice is back where it was).
        for t in toggles.iter().filter(|t| t.client_id == c) {
            want.retain(|s| s != &t.scope);
            if t.granted {
                want.push(t.scope.clone());
            }
        }
        if grant.is_none() && !want.is_empty() && matches!(client.get_client(c).await, Err(Auth0Error::NotFound { .. }))
        {
            return Err(gone("application", c));
        }
        if let Some((s, a)) = grant_step(&api, c, grant, want, name) {
            steps.push(s);
            affects.extend(a);
        }
    }
    Ok((steps, affects))
}

struct Edit<'a> {
    add: &'a [ScopeSpec],
    describe: &'a [ScopeSpec],
    remove: &'a [String],
    extend_to: &'a [String],
}

fn check_edit(api: &ResourceServer, e: &Edit<'_>) -> Result<(), IpcError> {
    if api.is_system {
        return Err(IpcError::validation(
            "scopes",
            Rule::Unknown,
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
async fn scopes(client: &Auth0Client, audience: &str, e: Edit<'_>, name: AppName<'_>) -> Result<Planned, IpcError> {
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

async fn app_of(client: &Auth0Client, client_id: &str) -> Result<(Client, String), IpcError> {
    let app = match client.get_client(client_id.trim()).await {
        Err(Auth0Error::NotFound { .. }) => return Err(gone("application", client_id)),
        r => r.map_err(from_auth0)?,
    };
    let name = app.name.clone().unwrap_or_else(|| app.client_id.clone());
    Ok((app, name))
}

async fn rotate(client: &Auth0Client, client_id: &str) -> Result<Planned, IpcError> {
    let (app, name) = app_of(client, client_id).await?;
    Ok((
        vec![step(
            Op::RotateSecret { client_id: app.client_id.clone() },
            format!("Rotate the client secret of {name}"),
            "a new secret is generated; the old one stops working at once".into(),
        )],
        vec![format!(
            "The current secret of {name} stops working at once: every service still using it gets 401 until it has the new one."
        )],
    ))
}

async fn delete_grant(client: &Auth0Client, grant_id: &str, name: AppName<'_>) -> Result<Planned, IpcError> {
    let g = match client.get_client_grant(grant_id.trim()).await {
        // Already gone: nothing to do, and the review says so.
        Err(Auth0Error::NotFound { .. }) => return Ok((vec![], vec![])),
        r => r.map_err(from_auth0)?,
    };
    let app = name(&g.client_id);
    let on = match client.get_resource_server(&g.audience).await {
        Ok(api) => api_name(&api),
        Err(Auth0Error::NotFound { .. }) => format!("{} (an API that no longer exists)", g.audience),
        Err(e) => return Err(from_auth0(e)),
    };
    Ok((
        vec![step(
            Op::DeleteGrant { grant_id: g.id.clone(), client_id: g.client_id.clone(), audience: g.audience.clone() },
            format!("Delete {app}'s grant for {on}"),
            format!("it holds: {}", list(&g.scope)),
        )],
        vec![format!("{app} can no longer get tokens for {on}.")],
    ))
}

async fn edit_application(
    client: &Auth0Client,
    client_id: &str,
    name: &str,
    description: &str,
) -> Result<Planned, IpcError> {
    if let Some(issue) = application_issues("", name, description).into_iter().next() {
        return Err(issue.into());
    }
    let (app, old) = app_of(client, client_id).await?;
    let (name, description) = (name.trim().to_string(), description.trim().to_string());
    if old == name && app.description.as_deref().unwrap_or("") == description {
        return Ok((vec![], vec![]));
    }
    let detail = if old == name { "new description".into() } else { format!("“{old}” → “{name}”") };
    Ok((
        vec![step(
            Op::UpdateApplication { client_id: app.client_id.clone(), name: name.clone(), description },
            format!("Rename or describe {old}"),
            detail,
        )],
        vec![],
    ))
}

async fn enable_client_credentials(client: &Auth0Client, client_id: &str) -> Result<Planned, IpcError> {
    let (app, name) = app_of(client, client_id).await?;
    if app.grant_types.iter().any(|g| g == "client_credentials") {
        return Ok((vec![], vec![]));
    }
    Ok((
        vec![step(
            Op::EnableClientCredentials { client_id: app.client_id.clone() },
            format!("Enable Client Credentials for {name}"),
            format!("grant types: {} + client_credentials", app.grant_types.join(", ")),
        )],
        vec![],
    ))
}

async fn delete_application(client: &Auth0Client, client_id: &str) -> Result<Planned, IpcError> {
    let (app, name) = match app_of(client, client_id).await {
        Ok(found) => found,
        // Already gone: nothing to do, and the review says so.
        Err(e) if e.kind == ErrorKind::NotFound => return Ok((vec![], vec![])),
        Err(e) => return Err(e),
    };
    let grants = client.list_client_grants(Some(&app.client_id), None, &mut |_| {}).await.map_err(from_auth0)?;
    let mut affects =
        vec![format!("{name} is deleted: its secret stops working and its tokens can no longer be renewed.")];
    affects.extend(
        grants.iter().map(|g| format!("Its grant for {} goes with it (scopes: {}).", g.audience, list(&g.scope))),
    );
    Ok((
        vec![step(
            Op::DeleteApplication { client_id: app.client_id.clone() },
            format!("Delete the application {name}"),
            format!("{} grant{} go with it", grants.len(), if grants.len() == 1 { "" } else { "s" }),
        )],
        affects,
    ))
}

fn summarize(steps: &[ChangeStep]) -> String {
    if steps.is_empty() {
        return "Nothing to change: the tenant already is as asked (or it was changed elsewhere).".into();
    }
    let count = |f: &dyn Fn(&Op) -> bool| steps.iter().filter(|s| f(&s.op)).count();
    let grants = |n: usize, verb: &str| (n > 0).then(|| format!("{verb} {n} grant{}", if n == 1 { "" } else { "s" }));
    let parts: Vec<String> = [
        grants(count(&|o| matches!(o, Op::CreateGrant { .. })), "creates"),
        grants(count(&|o| matches!(o, Op::UpdateGrant { .. })), "changes"),
        grants(count(&|o| matches!(o, Op::DeleteGrant { .. })), "deletes"),
        (count(&|o| matches!(o, Op::UpdateScopes { .. })) > 0).then(|| "changes the API's scopes".to_string()),
        (count(&|o| matches!(o, Op::RotateSecret { .. })) > 0).then(|| "rotates a client secret".to_string()),
        (count(&|o| matches!(o, Op::UpdateApplication { .. })) > 0)
            .then(|| "renames or describes the application".to_string()),
        (count(&|o| matches!(o, Op::EnableClientCredentials { .. })) > 0)
            .then(|| "enables Client Credentials".to_string()),
        (count(&|o| matches!(o, Op::DeleteApplication { .. })) > 0).then(|| "deletes the application".to_string()),
    ]
    .into_iter()
    .flatten()
    .collect();
    let text = parts.join(", ");
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}
