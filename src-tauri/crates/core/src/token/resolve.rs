//! What a test token needs, read through the Management API: the application (its secret
//! held in memory only), the API (absent when no API has the audience) and the
//! application's grant for it. Does not request or verify tokens.

use grantsmith_auth0::types::{ClientGrant, ResourceServer};
use grantsmith_auth0::{Auth0Client, Auth0Error, Sensitive};

use super::TokenAsk;
use super::doctor::{Context, Diagnosis, diagnose};
use crate::error::{IpcError, from_auth0};
use crate::rule::Rule;

/// The application and API a token is asked for, as the tenant has them.
pub(super) struct Subject {
    pub app_name: String,
    pub api: Option<ResourceServer>,
    pub api_name: String,
    pub secret: Sensitive<String>,
    pub grant: Option<ClientGrant>,
}

/// Why no token could even be asked for (the management client may not read what is
/// needed), with names for the report.
pub(super) struct NotAsked {
    pub diagnosis: Diagnosis,
    pub app_name: String,
    pub api_name: String,
}

/// The doctor's context when nothing but the ask is known.
pub(super) fn bare(ask: &TokenAsk) -> Context<'_> {
    Context {
        client_id: &ask.client_id,
        audience: &ask.audience,
        asked: &[],
        api_scopes: &[],
        grant_id: None,
        identifiers: &[],
    }
}

pub(super) async fn resolve(client: &Auth0Client, ask: &TokenAsk) -> Result<Result<Subject, NotAsked>, IpcError> {
    // One round trip: the three reads do not depend on each other.
    let mut no_progress = |_| {};
    let (app, api, grants) = tokio::join!(
        client.get_client(&ask.client_id),
        client.get_resource_server(&ask.audience),
        client.list_client_grants(Some(&ask.client_id), Some(&ask.audience), &mut no_progress),
    );
    let not_asked = |e: &Auth0Error, app_name: &str, api_name: &str| NotAsked {
        diagnosis: diagnose(e, &bare(ask)),
        app_name: app_name.into(),
        api_name: api_name.into(),
    };
    let app = match app {
        Ok(a) => a,
        Err(Auth0Error::NotFound { .. }) => {
            return Err(IpcError::validation(
                "client_id",
                Rule::Unknown,
                format!("There is no application {} on this tenant.", ask.client_id),
            ));
        }
        Err(e @ Auth0Error::MissingScope { .. }) => return Ok(Err(not_asked(&e, &ask.client_id, &ask.audience))),
        Err(e) => return Err(from_auth0(e)),
    };
    let app_name = app.name.clone().unwrap_or_else(|| app.client_id.clone());
    let api = match api {
        Ok(a) => Some(a),
        Err(Auth0Error::NotFound { .. }) => None,
        Err(e) => return Err(from_auth0(e)),
    };
    let api_name = api.as_ref().and_then(|a| a.name.clone()).unwrap_or_else(|| ask.audience.clone());
    let Some(secret) = app.client_secret.clone() else {
        // Reading a secret needs read:client_keys; the list answer leaves it out without it.
        let e = Auth0Error::MissingScope { scopes: vec!["read:client_keys".into()], message: String::new() };
        return Ok(Err(not_asked(&e, &app_name, &api_name)));
    };
    let grant =
        grants.map_err(from_auth0)?.into_iter().find(|g| g.subject_type.as_deref().unwrap_or("client") == "client");
    Ok(Ok(Subject { app_name, api, api_name, secret, grant }))
}
