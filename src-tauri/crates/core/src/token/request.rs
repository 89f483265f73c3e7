//! Asking Auth0 for the token, or reusing a cached one (Auth0 counts M2M tokens against a
//! quota); on refusal, what the doctor needs to explain it. Also the same request as curl.
//! Does not verify the token.

use std::time::Instant;

use grantsmith_auth0::{Auth0Client, Auth0Error, Sensitive, TokenRequest};

use super::doctor::{Context, Diagnosis, diagnose};
use super::resolve::Subject;
use super::{Cached, TokenAsk, TokenCache, lock};

const REUSE_MARGIN_SECS: i64 = 60;

/// A token in hand, and how it was obtained.
pub(super) struct Issued {
    pub token: String,
    /// e.g. "200 OK in 143 ms", or that a cached token was reused.
    pub status_line: String,
    pub cached: bool,
}

/// Auth0 refused the request: the status in words, and its error (for the doctor).
pub(super) struct Refused {
    pub status_line: String,
    pub error: Auth0Error,
}

fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

pub(super) fn curl_command(issuer: &str, ask: &TokenAsk) -> String {
    // The secret comes from $CLIENT_SECRET through stdin, so it is never in the command line.
    let mut lines = vec![
        format!(
            "printf '%s' \"$CLIENT_SECRET\" | curl --request POST {}",
            shell_quote(&format!("{issuer}oauth/token"))
        ),
        "  --header 'content-type: application/x-www-form-urlencoded'".to_string(),
        "  --data grant_type=client_credentials".to_string(),
        format!("  --data-urlencode client_id={}", shell_quote(&ask.client_id)),
        "  --data-urlencode client_secret@-".to_string(),
        format!("  --data-urlencode audience={}", shell_quote(&ask.audience)),
    ];
    if let Some(scope) = asked_scope(ask) {
        lines.push(format!("  --data-urlencode scope={}", shell_quote(scope)));
    }
    lines.join(" \\\n")
}

fn asked_scope(ask: &TokenAsk) -> Option<&str> {
    ask.scope.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

impl TokenCache {
    fn key(profile: &str, ask: &TokenAsk) -> String {
        let mut scopes: Vec<&str> = ask.scope.as_deref().unwrap_or("").split_whitespace().collect();
        scopes.sort();
        format!("{profile}\u{1}{}\u{1}{}\u{1}{}", ask.client_id, ask.audience, scopes.join(" "))
    }

    /// A cached token still valid for a while, unless the user asked for a fresh one.
    pub(super) fn reusable(&self, profile: &str, ask: &TokenAsk, now: i64) -> Option<Issued> {
        if ask.fresh {
            return None;
        }
        let token =
            lock(&self.tokens).get(&Self::key(profile, ask)).filter(|c| c.exp - now > REUSE_MARGIN_SECS)?.token.clone();
        let status_line = "Reused a cached token (no new token counted against the M2M quota)".to_string();
        Some(Issued { token, status_line, cached: true })
    }

    /// A new token from the tenant, cached for reuse.
    pub(super) async fn request(
        &self,
        client: &Auth0Client,
        profile: &str,
        ask: &TokenAsk,
        secret: &Sensitive<String>,
        now: i64,
    ) -> Result<Issued, Refused> {
        let started = Instant::now();
        let req = TokenRequest {
            client_id: &ask.client_id,
            client_secret: secret,
            audience: &ask.audience,
            scope: asked_scope(ask),
        };
        match client.request_token(&req).await {
            Ok(r) => {
                let token = r.access_token.expose().clone();
                let cached = Cached { token: token.clone(), exp: now.saturating_add(r.expires_in) };
                lock(&self.tokens).insert(Self::key(profile, ask), cached);
                Ok(Issued {
                    token,
                    status_line: format!("200 OK in {} ms", started.elapsed().as_millis()),
                    cached: false,
                })
            }
            Err(error) => {
                let status = match &error {
                    Auth0Error::AccessDenied { .. } => "403 Forbidden",
                    Auth0Error::Unauthorized { .. } => "401 Unauthorized",
                    _ => "failed",
                };
                Err(Refused { status_line: format!("{status} in {} ms", started.elapsed().as_millis()), error })
            }
        }
    }
}

/// The doctor's reading of a refusal, with what it needs: the scopes asked, the API's
/// scopes, the grant, and (when no API has the audience) the identifiers that exist.
pub(super) async fn explain(client: &Auth0Client, ask: &TokenAsk, subject: &Subject, e: &Auth0Error) -> Diagnosis {
    let asked: Vec<String> =
        asked_scope(ask).map(|s| s.split_whitespace().map(String::from).collect()).unwrap_or_default();
    let api_scopes: Vec<String> =
        subject.api.as_ref().map(|a| a.scopes.iter().map(|s| s.value.clone()).collect()).unwrap_or_default();
    let identifiers: Vec<String> = match subject.api {
        Some(_) => vec![],
        None => client
            .list_resource_servers(&mut |_| {})
            .await
            .map(|l| l.into_iter().filter(|a| !a.is_system).map(|a| a.identifier).collect())
            .unwrap_or_default(),
    };
    let ctx = Context {
        client_id: &ask.client_id,
        audience: &ask.audience,
        asked: &asked,
        api_scopes: &api_scopes,
        grant_id: subject.grant.as_ref().map(|g| g.id.as_str()),
        identifiers: &identifiers,
    };
    diagnose(e, &ctx)
}
