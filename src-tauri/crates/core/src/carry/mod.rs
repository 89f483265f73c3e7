//! Carrying a setup — one application, one API with its scopes, and the grant between
//! them — out of a tenant: read it (`Setup`), write it as code (`terraform`, `deploy_cli`),
//! keep the record that drift compares with later (`drift`), and carry it to another
//! tenant (`promote`, applied by the engine).
//!
//! Never a secret: an application's secret and an HS256 API's signing secret stay with
//! Auth0 (promote gives the target its own). Writing to a tenant is the engine's.

pub mod deploy_cli;
pub mod drift;
mod export;
pub mod kept;
mod label;
pub mod promote;
pub mod record;
pub mod terraform;

use grantsmith_auth0::{Auth0Client, Auth0Error};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use export::{Export, ExportFormat, Origin, export};
pub use label::slug;
pub use record::{RecordOrigin, SetupRecord};

use crate::error::{ErrorKind, IpcError, from_auth0};
use crate::index;
use crate::tenants::Tenants;
use crate::wizard::ScopeSpec;
use crate::wizard::spec::DEFAULT_TOKEN_LIFETIME;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SetupApp {
    pub client_id: String,
    pub name: String,
    pub description: String,
    pub app_type: String,
    pub grant_types: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SetupApi {
    pub id: String,
    pub identifier: String,
    pub name: String,
    pub signing_alg: String,
    pub token_lifetime: i64,
    pub scopes: Vec<ScopeSpec>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SetupGrant {
    pub id: String,
    pub scopes: Vec<String>,
}

/// One setup as a tenant has it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Setup {
    pub app: SetupApp,
    pub api: SetupApi,
    /// `None` when the application is not (or no longer) authorized for the API.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grant: Option<SetupGrant>,
}

fn gone(what: &str, id: &str) -> IpcError {
    IpcError::new(ErrorKind::NotFound, format!("The {what} {id} does not exist on this tenant (deleted elsewhere?)."))
}

/// Reads the setup of `client_id` and the API `audience` from the tenant.
pub async fn read(client: &Auth0Client, client_id: &str, audience: &str) -> Result<Setup, IpcError> {
    let (client_id, audience) = (client_id.trim(), audience.trim());
    let mut no_progress = |_| {};
    let (app, api, grants) = tokio::join!(
        client.get_client(client_id),
        client.get_resource_server(audience),
        client.list_client_grants(Some(client_id), Some(audience), &mut no_progress),
    );
    let app = match app {
        Err(Auth0Error::NotFound { .. }) => return Err(gone("application", client_id)),
        r => r.map_err(from_auth0)?,
    };
    let api = match api {
        Err(Auth0Error::NotFound { .. }) => return Err(gone("API", audience)),
        r => r.map_err(from_auth0)?,
    };
    if api.is_system {
        return Err(IpcError {
            field: Some("audience".into()),
            ..IpcError::new(
                ErrorKind::Validation,
                format!(
                    "{} is Auth0's own API; it is part of every tenant and cannot be exported or promoted.",
                    api.identifier
                ),
            )
        });
    }
    let grant = grants
        .map_err(from_auth0)?
        .into_iter()
        .find(|g| g.subject_type.as_deref().unwrap_or("client") == "client")
        .map(|g| SetupGrant { id: g.id, scopes: g.scope });
    Ok(Setup {
        app: SetupApp {
            name: app.name.unwrap_or_else(|| app.client_id.clone()),
            description: app.description.unwrap_or_default(),
            app_type: app.app_type.unwrap_or_else(|| "non_interactive".into()),
            grant_types: app.grant_types,
            client_id: app.client_id,
        },
        api: SetupApi {
            name: api.name.unwrap_or_else(|| api.identifier.clone()),
            signing_alg: api.signing_alg.unwrap_or_else(|| "RS256".into()),
            token_lifetime: api.token_lifetime.unwrap_or(DEFAULT_TOKEN_LIFETIME),
            scopes: api.scopes.into_iter().map(ScopeSpec::from).collect(),
            id: api.id,
            identifier: api.identifier,
        },
        grant,
    })
}

/// Exports the setup of `client_id` and `audience` on `profile_id` in `format`, and records
/// it: a later drift check compares the tenant with what was exported.
pub async fn export_from(
    tenants: &Tenants,
    profile_id: &str,
    client_id: &str,
    audience: &str,
    format: ExportFormat,
) -> Result<Export, IpcError> {
    let profile = tenants.profile_row(profile_id)?;
    let client = tenants.client_for(profile_id).await?;
    let setup = read(&client, client_id, audience).await?;
    let mut out = export(&setup, format, &Origin { profile: &profile.name, domain: &profile.domain });
    let same_name = index::apps_named(tenants.store(), profile_id, &setup.app.name).unwrap_or(0);
    if format == ExportFormat::DeployCli && same_name > 1 {
        out.notes.insert(
            0,
            format!(
                "{same_name} applications on this tenant are named “{}”: deploy-cli cannot tell them apart. Rename one first.",
                setup.app.name
            ),
        );
    }
    tenants.store().record_setup(profile_id, &setup, RecordOrigin::Export)?;
    Ok(out)
}
