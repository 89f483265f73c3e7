//! From a day-two `ChangeRequest` and the tenant as it is now, the exact operations, what
//! they take away, and what blocks them — before anything is written.
//!
//! Read-only. Rules of input (scope values, unknown scopes, a system API's fixed scopes)
//! are refused here with the field they concern. The engine binds the plan to its tenant
//! and policy; `apply` executes it.
//!
//! - `grants`: the access matrix's toggles and a single grant's deletion;
//! - `scopes`: the scope editor (with propagation to grants);
//! - `application`: rotation, rename/describe, Client Credentials, deletion;
//! - `restore`: a recorded setup applied again after a drift check.

mod application;
mod grants;
mod restore;
mod scopes;

use std::collections::HashSet;

use grantsmith_auth0::types::{ClientGrant, ResourceServer};
use grantsmith_auth0::{Auth0Client, Auth0Error};

use super::set::{ChangePlan, ChangeRequest, ChangeStep, Op};
use crate::carry::Setup;
use crate::error::{ErrorKind, IpcError, from_auth0};
use crate::protected::{OwnClientUse, not_own_client};

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
/// left for the engine to fill in). `record` is the recorded setup a `Reapply` puts back.
/// The management application `client` speaks as is never rotated or deleted (`protected`).
pub async fn plan(
    client: &Auth0Client,
    request: &ChangeRequest,
    name: AppName<'_>,
    record: Option<&Setup>,
) -> Result<ChangePlan, IpcError> {
    let own = client.client_id();
    match request {
        ChangeRequest::RotateSecret { client_id } => not_own_client(client_id, own, OwnClientUse::Rotate)?,
        ChangeRequest::DeleteApplication { client_id } => not_own_client(client_id, own, OwnClientUse::Delete)?,
        _ => {}
    }
    let (steps, affects) = match request {
        ChangeRequest::Access { audience, toggles } => grants::access(client, audience, toggles, name).await?,
        ChangeRequest::Scopes { audience, add, describe, remove, extend_to } => {
            scopes::scopes(client, audience, scopes::Edit { add, describe, remove, extend_to }, name).await?
        }
        ChangeRequest::RotateSecret { client_id } => application::rotate(client, client_id).await?,
        ChangeRequest::DeleteGrant { grant_id } => grants::delete_grant(client, grant_id, name).await?,
        ChangeRequest::EditApplication { client_id, name, description } => {
            application::edit(client, client_id, name, description).await?
        }
        ChangeRequest::EnableClientCredentials { client_id } => {
            application::enable_client_credentials(client, client_id).await?
        }
        ChangeRequest::DeleteApplication { client_id } => application::delete(client, client_id).await?,
        ChangeRequest::Reapply { client_id, audience } => match record {
            Some(record) => restore::reapply(client, record, name).await?,
            None => {
                return Err(IpcError::new(
                    ErrorKind::NotFound,
                    format!(
                        "No setup of {client_id} and {audience} is recorded on this tenant: export or promote it first."
                    ),
                ));
            }
        },
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
        (count(&|o| matches!(o, Op::UpdateApi { .. })) > 0).then(|| "changes the API's settings".to_string()),
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
