//! The tenant's own keys: its system APIs (the Management API) and the profile's own
//! management application. Neither is ever the target of a change, a reveal or a test
//! token: a grant for the Management API is power over the whole tenant (an application
//! holding `update:tenant_settings` or `create:client_grants` can give itself anything), and
//! rotating or deleting Grantsmith's own client locks Grantsmith out of the tenant.
//!
//! Owns the refusals and their words, as field issues with the rule `protected`; the
//! planners and the engine decide where to ask.

use grantsmith_auth0::types::ResourceServer;

use crate::rule::{FieldIssue, Rule};

/// Refused when `api` is a system API; `field` names where the API was chosen.
pub fn grantable(api: &ResourceServer, field: &str) -> Result<(), FieldIssue> {
    if !api.is_system {
        return Ok(());
    }
    let name = api.name.as_deref().unwrap_or(&api.identifier);
    Err(FieldIssue::new(
        field,
        Rule::Protected,
        format!(
            "{name} is the tenant's own API: a grant for it is power over the whole tenant, so Grantsmith never \
             creates, changes or deletes one. Manage Management API access in the Auth0 Dashboard, where it is \
             reviewed as the tenant-wide power it is."
        ),
    ))
}

/// What would happen to the profile's own management application.
#[derive(Debug, Clone, Copy)]
pub enum OwnClientUse {
    Rotate,
    Delete,
    Reveal,
    TestToken,
}

/// Refused when `client_id` is `own` (the profile's management application).
pub fn not_own_client(client_id: &str, own: &str, what: OwnClientUse) -> Result<(), FieldIssue> {
    if client_id.trim() != own {
        return Ok(());
    }
    let why = match what {
        OwnClientUse::Rotate => {
            "Rotating its secret would lock Grantsmith out of this tenant. Rotate it in the Auth0 Dashboard, then \
             paste the new secret into this tenant's profile."
        }
        OwnClientUse::Delete => "Deleting it would lock Grantsmith out of this tenant.",
        OwnClientUse::Reveal => "Its secret is in your keychain; Grantsmith does not show it.",
        OwnClientUse::TestToken => {
            "Its tokens are Management API tokens for the whole tenant; Grantsmith keeps them in memory and never \
             shows one."
        }
    };
    Err(FieldIssue::new(
        "client_id",
        Rule::Protected,
        format!("This is Grantsmith's own management application for this tenant. {why}"),
    ))
}
