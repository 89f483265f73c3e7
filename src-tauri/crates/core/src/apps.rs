//! The active tenant's APIs read live, for picking an existing one in the wizard with its
//! scopes and their descriptions (which the index does not keep). Applications are picked
//! from the index (`crate::index`).

use grantsmith_auth0::{Auth0Client, Auth0Error};
use serde::Serialize;
use ts_rs::TS;

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
