//! What leaves Rust because a person asked: an application's client secret revealed (after
//! the native confirmation, `confirm`), a test token minted. Each is journaled (who, when,
//! which application and API — never the value), and neither is ever done for the profile's
//! own management application (`protected`).
//!
//! Owns those two entry points; the token's request, verification and explanation are
//! `token`'s, the secret's storage is the tenant's.

use grantsmith_auth0::Auth0Error;

use super::engine::Engine;
use super::sets::new_change_id;
use crate::confirm::{self, Question};
use crate::error::{ErrorKind, IpcError, from_auth0};
use crate::protected::{OwnClientUse, not_own_client};
use crate::token::{TokenAsk, TokenCache, TokenReport};

impl Engine<'_> {
    /// The application's current secret, because the user asked to see it.
    pub async fn reveal_secret(&self, client_id: &str) -> Result<String, IpcError> {
        let (profile, client) = self.bound(&self.tenants.active_id()?).await?;
        not_own_client(client_id, client.client_id(), OwnClientUse::Reveal)?;
        let app = match client.get_client(client_id.trim()).await {
            Err(Auth0Error::NotFound { .. }) => {
                return Err(IpcError::new(
                    ErrorKind::NotFound,
                    format!("The application {client_id} no longer exists."),
                ));
            }
            r => r.map_err(from_auth0)?,
        };
        let secret = app.client_secret.ok_or_else(|| {
            IpcError::new(
                ErrorKind::MissingScope,
                "The tenant did not return the secret: Grantsmith's management application needs read:client_keys.",
            )
        })?;
        let name = app.name.unwrap_or_else(|| app.client_id.clone());
        confirm::ask(self.person, &Question::reveal(profile.tenant(), &name)).await?;
        let request = serde_json::json!({ "kind": "reveal_secret", "client_id": app.client_id });
        let title = format!("Revealed the client secret of {name}");
        self.tenants.store().journal_event(&new_change_id(), &profile.id, &title, &request)?;
        Ok(secret.expose().clone())
    }

    /// Gets (or reuses) a test token for an application and API on the active tenant, and
    /// verifies it; the token is in the answer because the user asked for it.
    pub async fn test_token(&self, tokens: &TokenCache, ask: &TokenAsk, now: i64) -> Result<TokenReport, IpcError> {
        let (profile, client) = self.bound(&self.tenants.active_id()?).await?;
        not_own_client(&ask.client_id, client.client_id(), OwnClientUse::TestToken)?;
        let issuers = self.tenants.issuers(&profile.id).await?;
        let report = tokens.test_token(&client, &profile.id, &issuers, ask, now).await?;
        if report.token.is_some() {
            let request = serde_json::json!({
                "kind": "test_token", "client_id": ask.client_id.trim(), "audience": ask.audience.trim(),
            });
            let how = if report.cached { "reused" } else { "asked for" };
            let title = format!("Test token {how}: {} → {}", report.app_name, report.api_name);
            self.tenants.store().journal_event(&new_change_id(), &profile.id, &title, &request)?;
        }
        Ok(report)
    }
}
