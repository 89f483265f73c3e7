//! Browsing the active tenant: its applications (more browsing comes with the wizard).

use grantsmith_auth0::{Auth0Client, Auth0Error};
use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AppSummary {
    pub client_id: String,
    pub name: String,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub app_type: Option<String>,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Whether the application may use the Client Credentials grant.
    pub client_credentials: bool,
}

/// Every application of the tenant, sorted by name (case-insensitive).
pub async fn list_applications(client: &Auth0Client) -> Result<Vec<AppSummary>, Auth0Error> {
    let clients = client.list_clients(None, &mut |_| {}).await?;
    let mut apps: Vec<AppSummary> = clients
        .into_iter()
        .map(|c| AppSummary {
            name: c.name.unwrap_or_else(|| c.client_id.clone()),
            client_credentials: c.grant_types.iter().any(|g| g == "client_credentials"),
            client_id: c.client_id,
            app_type: c.app_type,
            description: c.description.filter(|d| !d.is_empty()),
        })
        .collect();
    apps.sort_by_key(|a| a.name.to_lowercase());
    Ok(apps)
}

/// An API, for picking an existing one in the wizard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ApiSummary {
    pub id: String,
    pub identifier: String,
    pub name: String,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signing_alg: Option<String>,
    pub scopes: Vec<crate::wizard::ScopeSpec>,
    pub is_system: bool,
}

/// Every API of the tenant except Auth0's own system APIs, sorted by name.
pub async fn list_apis(client: &Auth0Client) -> Result<Vec<ApiSummary>, Auth0Error> {
    let apis = client.list_resource_servers(&mut |_| {}).await?;
    let mut out: Vec<ApiSummary> = apis
        .into_iter()
        .filter(|a| !a.is_system)
        .map(|a| ApiSummary {
            name: a.name.clone().unwrap_or_else(|| a.identifier.clone()),
            scopes: a.scopes.into_iter().map(crate::wizard::ScopeSpec::from).collect(),
            id: a.id,
            identifier: a.identifier,
            signing_alg: a.signing_alg,
            is_system: a.is_system,
        })
        .collect();
    out.sort_by_key(|a| a.name.to_lowercase());
    Ok(out)
}
