//! What the application and API pages show, read live from the tenant (a page is where
//! changes start, so it must not show a stale grant): an application with its grants, an
//! API with its scopes and the applications authorized for it.
//!
//! Read-only; names of other objects come from the index (a read per grant would not scale
//! to an API with hundreds of applications). Never a secret.

use grantsmith_auth0::types::ClientGrant;
use grantsmith_auth0::{Auth0Client, Auth0Error};
use serde::Serialize;
use ts_rs::TS;

use crate::error::{ErrorKind, IpcError, from_auth0};
use crate::wizard::ScopeSpec;

/// One API an application is authorized for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AppGrant {
    pub grant_id: String,
    pub audience: String,
    /// The API's name; the audience when the API is gone.
    pub api_name: String,
    pub scopes: Vec<String>,
    /// The API no longer exists (the grant was left behind when it was deleted).
    pub orphaned: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AppDetail {
    pub client_id: String,
    pub name: String,
    pub description: String,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub app_type: Option<String>,
    pub grant_types: Vec<String>,
    pub client_credentials: bool,
    pub grants: Vec<AppGrant>,
}

/// One application authorized for an API.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ApiGrant {
    pub grant_id: String,
    pub client_id: String,
    pub app_name: String,
    pub scopes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ApiDetail {
    pub id: String,
    pub identifier: String,
    pub name: String,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signing_alg: Option<String>,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub token_lifetime: Option<i64>,
    pub is_system: bool,
    pub scopes: Vec<ScopeSpec>,
    /// In natural order of application name.
    pub grants: Vec<ApiGrant>,
}

fn not_found(what: &str, id: &str) -> IpcError {
    IpcError::new(ErrorKind::NotFound, format!("The {what} {id} does not exist on this tenant (deleted elsewhere?)."))
}

fn client_grants(all: Vec<ClientGrant>) -> impl Iterator<Item = ClientGrant> {
    all.into_iter().filter(|g| g.subject_type.as_deref().unwrap_or("client") == "client")
}

pub async fn application(client: &Auth0Client, client_id: &str) -> Result<AppDetail, IpcError> {
    let app = match client.get_client(client_id.trim()).await {
        Err(Auth0Error::NotFound { .. }) => return Err(not_found("application", client_id)),
        r => r.map_err(from_auth0)?,
    };
    let grants = client.list_client_grants(Some(&app.client_id), None, &mut |_| {}).await.map_err(from_auth0)?;
    let mut out = Vec::new();
    for g in client_grants(grants) {
        let api = match client.get_resource_server(&g.audience).await {
            Ok(api) => Some(api),
            Err(Auth0Error::NotFound { .. }) => None,
            Err(e) => return Err(from_auth0(e)),
        };
        out.push(AppGrant {
            api_name: api.as_ref().and_then(|a| a.name.clone()).unwrap_or_else(|| g.audience.clone()),
            orphaned: api.is_none(),
            grant_id: g.id,
            audience: g.audience,
            scopes: g.scope,
        });
    }
    out.sort_by_key(|g| crate::index::sort_key(&g.api_name));
    Ok(AppDetail {
        name: app.name.clone().unwrap_or_else(|| app.client_id.clone()),
        description: app.description.clone().unwrap_or_default(),
        client_credentials: app.grant_types.iter().any(|t| t == "client_credentials"),
        app_type: app.app_type,
        grant_types: app.grant_types,
        client_id: app.client_id,
        grants: out,
    })
}

pub async fn api(
    client: &Auth0Client,
    audience: &str,
    name_of: &(dyn Fn(&str) -> String + Sync),
) -> Result<ApiDetail, IpcError> {
    let api = match client.get_resource_server(audience.trim()).await {
        Err(Auth0Error::NotFound { .. }) => return Err(not_found("API", audience)),
        r => r.map_err(from_auth0)?,
    };
    let grants = client.list_client_grants(None, Some(&api.identifier), &mut |_| {}).await.map_err(from_auth0)?;
    let mut grants: Vec<ApiGrant> = client_grants(grants)
        .map(|g| ApiGrant { app_name: name_of(&g.client_id), grant_id: g.id, client_id: g.client_id, scopes: g.scope })
        .collect();
    grants.sort_by_cached_key(|g| (crate::index::sort_key(&g.app_name), g.client_id.clone()));
    Ok(ApiDetail {
        name: api.name.clone().unwrap_or_else(|| api.identifier.clone()),
        scopes: api.scopes.into_iter().map(ScopeSpec::from).collect(),
        id: api.id,
        identifier: api.identifier,
        signing_alg: api.signing_alg,
        token_lifetime: api.token_lifetime,
        is_system: api.is_system,
        grants,
    })
}
