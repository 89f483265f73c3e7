//! Executing one operation of a day-two change set against the tenant.
//!
//! Each operation applies its *difference* to the object as it is at that moment, so a
//! retry repeats nothing and scopes someone else added meanwhile are kept: a grant that
//! already exists is extended instead of created twice, a grant or scope already gone is
//! done (and said so). Rotation is the exception by nature: every call makes a new secret.
//! What the result means for the local index is `Indexed`; the engine records it.

use grantsmith_auth0::types::{Client, ClientGrant, ClientUpdate, NewClientGrant, ResourceServerUpdate, Scope};
use grantsmith_auth0::{Auth0Client, Auth0Error, Sensitive};

use super::set::Op;

/// What an operation changed, for the local index (refreshed without a re-read).
pub enum Indexed {
    App(Client),
    /// The application and (as Auth0 deletes them with it) its grants.
    AppGone {
        client_id: String,
    },
    Grant(ClientGrant),
    GrantGone {
        grant_id: String,
    },
    ApiScopes {
        api_id: String,
        scopes: Vec<String>,
    },
    Nothing,
}

pub struct Applied {
    pub object_id: Option<String>,
    /// Said to the user when the tenant was already as asked.
    pub note: Option<String>,
    pub indexed: Indexed,
    /// A rotated secret: handed back once, never stored.
    pub secret: Option<Sensitive<String>>,
}

impl Applied {
    fn done(object_id: &str, indexed: Indexed) -> Self {
        Applied { object_id: Some(object_id.into()), note: None, indexed, secret: None }
    }

    fn noted(object_id: &str, note: &str, indexed: Indexed) -> Self {
        Applied { note: Some(note.into()), ..Self::done(object_id, indexed) }
    }
}

/// Whether a read found the object (a 404 is an answer, not an error).
fn exists<T>(read: Result<T, Auth0Error>) -> Result<bool, Auth0Error> {
    match read {
        Ok(_) => Ok(true),
        Err(Auth0Error::NotFound { .. }) => Ok(false),
        Err(e) => Err(e),
    }
}

/// A deletion's result: one already made elsewhere is done, and said so.
fn deletion(id: &str, existed: bool, indexed: Indexed) -> Applied {
    if existed { Applied::done(id, indexed) } else { Applied::noted(id, "already deleted elsewhere", indexed) }
}

/// `have` with `removed` taken out and `added` appended (in their order, once).
fn changed(have: &[String], added: &[String], removed: &[String]) -> Vec<String> {
    let mut out: Vec<String> = have.iter().filter(|s| !removed.contains(s)).cloned().collect();
    for s in added {
        if !out.contains(s) {
            out.push(s.clone());
        }
    }
    out
}

async fn grant_for(client: &Auth0Client, client_id: &str, audience: &str) -> Result<Option<ClientGrant>, Auth0Error> {
    Ok(client.list_client_grants(Some(client_id), Some(audience), &mut |_| {}).await?.into_iter().next())
}

async fn update_grant(
    client: &Auth0Client,
    g: ClientGrant,
    added: &[String],
    removed: &[String],
) -> Result<Applied, Auth0Error> {
    let want = changed(&g.scope, added, removed);
    if want == g.scope {
        return Ok(Applied::noted(&g.id.clone(), "already so on the tenant", Indexed::Grant(g)));
    }
    let updated = client.update_client_grant_scopes(&g.id, &want).await?;
    Ok(Applied::done(&updated.id.clone(), Indexed::Grant(updated)))
}

pub async fn apply(client: &Auth0Client, op: &Op) -> Result<Applied, Auth0Error> {
    match op {
        Op::CreateGrant { client_id, audience, scopes } => {
            if let Some(g) = grant_for(client, client_id, audience).await? {
                // Created meanwhile (by us on a lost answer, or by someone else): extend it.
                return update_grant(client, g, scopes, &[]).await;
            }
            let new =
                NewClientGrant { client_id: client_id.clone(), audience: audience.clone(), scope: scopes.clone() };
            match client.create_client_grant(&new).await {
                Ok(g) => Ok(Applied::done(&g.id.clone(), Indexed::Grant(g))),
                Err(Auth0Error::Conflict { .. }) => match grant_for(client, client_id, audience).await? {
                    Some(g) => update_grant(client, g, scopes, &[]).await,
                    None => Err(Auth0Error::Conflict {
                        message: "Auth0 reports a grant for this application and API, but none can be read.".into(),
                    }),
                },
                Err(e) => Err(e),
            }
        }
        Op::UpdateGrant { grant_id, added, removed, .. } => match client.get_client_grant(grant_id).await {
            Ok(g) => update_grant(client, g, added, removed).await,
            Err(Auth0Error::NotFound { .. }) if added.is_empty() => Ok(Applied::noted(
                grant_id,
                "the grant was deleted elsewhere; nothing left to take",
                Indexed::GrantGone { grant_id: grant_id.clone() },
            )),
            Err(e) => Err(e),
        },
        Op::DeleteGrant { grant_id, .. } => {
            let existed = exists(client.get_client_grant(grant_id).await)?;
            if existed {
                client.delete_client_grant(grant_id).await?;
            }
            Ok(deletion(grant_id, existed, Indexed::GrantGone { grant_id: grant_id.clone() }))
        }
        Op::UpdateScopes { api_id, added, described, removed, .. } => {
            let api = client.get_resource_server(api_id).await?;
            let mut scopes: Vec<Scope> = api.scopes.iter().filter(|s| !removed.contains(&s.value)).cloned().collect();
            for d in described {
                if let Some(s) = scopes.iter_mut().find(|s| s.value == d.value.trim()) {
                    s.description = Some(d.description.trim().to_string());
                }
            }
            for a in added {
                if !scopes.iter().any(|s| s.value == a.value) {
                    scopes.push(Scope { value: a.value.clone(), description: Some(a.description.clone()) });
                }
            }
            let values = |v: &[Scope]| v.iter().map(|s| s.value.clone()).collect::<Vec<_>>();
            if scopes == api.scopes {
                let indexed = Indexed::ApiScopes { api_id: api.id.clone(), scopes: values(&scopes) };
                return Ok(Applied::noted(&api.id, "already so on the tenant", indexed));
            }
            let update = ResourceServerUpdate { scopes: Some(scopes), ..Default::default() };
            let api = client.update_resource_server(&api.id, &update).await?;
            Ok(Applied::done(&api.id, Indexed::ApiScopes { api_id: api.id.clone(), scopes: values(&api.scopes) }))
        }
        Op::UpdateApi { api_id, name, signing_alg, token_lifetime, .. } => {
            let update = ResourceServerUpdate {
                name: Some(name.clone()),
                signing_alg: Some(signing_alg.clone()),
                token_lifetime: Some(*token_lifetime),
                ..Default::default()
            };
            let api = client.update_resource_server(api_id, &update).await?;
            Ok(Applied::done(&api.id, Indexed::Nothing))
        }
        Op::UpdateApplication { client_id, name, description } => {
            let update =
                ClientUpdate { name: Some(name.clone()), description: Some(description.clone()), ..Default::default() };
            let app = client.update_client(client_id, &update).await?;
            Ok(Applied::done(client_id, Indexed::App(app)))
        }
        Op::EnableClientCredentials { client_id } => {
            let app = client.get_client(client_id).await?;
            if app.grant_types.iter().any(|g| g == "client_credentials") {
                return Ok(Applied::noted(client_id, "already so on the tenant", Indexed::App(app)));
            }
            let mut types = app.grant_types.clone();
            types.push("client_credentials".into());
            let update = ClientUpdate { grant_types: Some(types), ..Default::default() };
            let app = client.update_client(client_id, &update).await?;
            Ok(Applied::done(client_id, Indexed::App(app)))
        }
        Op::DeleteApplication { client_id } => {
            let existed = exists(client.get_client(client_id).await)?;
            if existed {
                client.delete_client(client_id).await?;
            }
            Ok(deletion(client_id, existed, Indexed::AppGone { client_id: client_id.clone() }))
        }
        Op::RotateSecret { client_id } => {
            let app = client.rotate_secret(client_id).await?;
            let secret = app.client_secret.ok_or_else(|| Auth0Error::Protocol {
                message: "The tenant rotated the secret but did not return the new one.".into(),
            })?;
            Ok(Applied { secret: Some(secret), ..Applied::done(client_id, Indexed::Nothing) })
        }
    }
}
