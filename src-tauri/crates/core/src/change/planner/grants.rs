//! Planning grant changes: the access matrix's toggles for one API, and one grant deleted.

use grantsmith_auth0::{Auth0Client, Auth0Error};

use super::{AppName, Planned, api_name, api_of, gone, grant_step, grants_of, list, step};
use crate::change::set::{Op, Toggle};
use crate::error::{IpcError, from_auth0};
use crate::rule::Rule;

pub(super) async fn access(
    client: &Auth0Client,
    audience: &str,
    toggles: &[Toggle],
    name: AppName<'_>,
) -> Result<Planned, IpcError> {
    let api = api_of(client, audience).await?;
    crate::protected::grantable(&api, "audience")?;
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

pub(super) async fn delete_grant(client: &Auth0Client, grant_id: &str, name: AppName<'_>) -> Result<Planned, IpcError> {
    let g = match client.get_client_grant(grant_id.trim()).await {
        // Already gone: nothing to do, and the review says so.
        Err(Auth0Error::NotFound { .. }) => return Ok((vec![], vec![])),
        r => r.map_err(from_auth0)?,
    };
    let app = name(&g.client_id);
    let on = match client.get_resource_server(&g.audience).await {
        Ok(api) => {
            crate::protected::grantable(&api, "grant_id")?;
            api_name(&api)
        }
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
