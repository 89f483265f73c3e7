//! Planning changes to one application: rotation, rename/describe, Client Credentials,
//! deletion (with the grants that go with it).

use grantsmith_auth0::types::Client;
use grantsmith_auth0::{Auth0Client, Auth0Error};

use super::{Planned, gone, list, step};
use crate::change::set::Op;
use crate::error::{ErrorKind, IpcError, from_auth0};
use crate::wizard::spec::application_issues;

async fn app_of(client: &Auth0Client, client_id: &str) -> Result<(Client, String), IpcError> {
    let app = match client.get_client(client_id.trim()).await {
        Err(Auth0Error::NotFound { .. }) => return Err(gone("application", client_id)),
        r => r.map_err(from_auth0)?,
    };
    let name = app.name.clone().unwrap_or_else(|| app.client_id.clone());
    Ok((app, name))
}

pub(super) async fn rotate(client: &Auth0Client, client_id: &str) -> Result<Planned, IpcError> {
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

pub(super) async fn edit(
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

pub(super) async fn enable_client_credentials(client: &Auth0Client, client_id: &str) -> Result<Planned, IpcError> {
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

pub(super) async fn delete(client: &Auth0Client, client_id: &str) -> Result<Planned, IpcError> {
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
