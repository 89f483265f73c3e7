//! One-click test tokens: read what is needed through the Management API (the application's
//! secret and the API's signing secret are held in memory only), request the token, verify
//! it locally, explain every claim, and diagnose failures with a fix.

pub mod doctor;
pub mod verify;

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Instant;

use grantsmith_auth0::{Auth0Client, Auth0Error, Sensitive, TokenRequest};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

use crate::error::{IpcError, from_auth0};
use crate::rule::Rule;
use doctor::{Context, Diagnosis, diagnose};
use verify::{Check, Expectation, Keys, decode, verify};

/// What to get a token for.
#[derive(Debug, Clone, Deserialize, TS)]
pub struct TokenAsk {
    pub client_id: String,
    pub audience: String,
    /// A space-separated subset of the granted scopes; all when absent.
    #[serde(default)]
    #[ts(optional)]
    pub scope: Option<String>,
    /// Ignore a cached token and request a new one.
    #[serde(default)]
    pub fresh: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TokenReport {
    /// Signature and every claim check passed.
    pub verified: bool,
    /// e.g. "200 OK in 143 ms", or "reused a cached token".
    pub status_line: String,
    /// The request as curl, with the secret as $CLIENT_SECRET.
    pub curl: String,
    /// Present when a token was issued (the user asked for it).
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub token: Option<String>,
    #[ts(type = "Record<string, unknown> | null")]
    pub header: Value,
    #[ts(type = "Record<string, unknown> | null")]
    pub claims: Value,
    pub checks: Vec<Check>,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub diagnosis: Option<Diagnosis>,
    pub cached: bool,
    pub app_name: String,
    pub api_name: String,
}

struct Cached {
    token: String,
    exp: i64,
}

/// Tokens per (profile, application, API, scope set), reused until shortly before expiry
/// (Auth0 counts M2M tokens against a quota), and JWKS per issuer by kid.
#[derive(Default)]
pub struct TokenCache {
    tokens: Mutex<HashMap<String, Cached>>,
    jwks: Mutex<HashMap<String, Vec<Value>>>,
}

const REUSE_MARGIN_SECS: i64 = 60;

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

pub fn curl_command(issuer: &str, ask: &TokenAsk) -> String {
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
    if let Some(scope) = ask.scope.as_deref().filter(|s| !s.trim().is_empty()) {
        lines.push(format!("  --data-urlencode scope={}", shell_quote(scope.trim())));
    }
    lines.join(" \\\n")
}

fn failed_report(
    ask: &TokenAsk,
    issuer: &str,
    status_line: String,
    diagnosis: Diagnosis,
    app: &str,
    api: &str,
) -> TokenReport {
    TokenReport {
        verified: false,
        status_line,
        curl: curl_command(issuer, ask),
        token: None,
        header: Value::Null,
        claims: Value::Null,
        checks: vec![],
        diagnosis: Some(diagnosis),
        cached: false,
        app_name: app.into(),
        api_name: api.into(),
    }
}

impl TokenCache {
    fn key(profile: &str, ask: &TokenAsk) -> String {
        let mut scopes: Vec<&str> = ask.scope.as_deref().unwrap_or("").split_whitespace().collect();
        scopes.sort();
        format!("{profile}\u{1}{}\u{1}{}\u{1}{}", ask.client_id, ask.audience, scopes.join(" "))
    }

    async fn keys(&self, client: &Auth0Client, kid: Option<&str>) -> Result<Vec<Value>, Auth0Error> {
        let issuer = client.tenant().issuer().to_string();
        if let Some(keys) = lock(&self.jwks).get(&issuer)
            && kid.is_none_or(|k| keys.iter().any(|j| j["kid"].as_str() == Some(k)))
        {
            return Ok(keys.clone());
        }
        let keys = client.jwks().await?.keys;
        lock(&self.jwks).insert(issuer, keys.clone());
        Ok(keys)
    }

    /// Gets (or reuses) a token for the application and API, verifies and explains it.
    pub async fn test_token(
        &self,
        client: &Auth0Client,
        profile: &str,
        issuers: &[String],
        ask: &TokenAsk,
        now: i64,
    ) -> Result<TokenReport, IpcError> {
        let issuer = client.tenant().issuer().to_string();
        let (app, api) = tokio::join!(client.get_client(&ask.client_id), client.get_resource_server(&ask.audience));
        let app = match app {
            Ok(a) => a,
            Err(Auth0Error::NotFound { .. }) => {
                return Err(IpcError::validation(
                    "client_id",
                    Rule::Unknown,
                    format!("There is no application {} on this tenant.", ask.client_id),
                ));
            }
            Err(e @ Auth0Error::MissingScope { .. }) => {
                let ctx = Context {
                    client_id: &ask.client_id,
                    audience: &ask.audience,
                    asked: &[],
                    api_scopes: &[],
                    grant_id: None,
                    identifiers: &[],
                };
                return Ok(failed_report(
                    ask,
                    &issuer,
                    "not requested".into(),
                    diagnose(&e, &ctx),
                    &ask.client_id,
                    &ask.audience,
                ));
            }
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
            let e = Auth0Error::MissingScope { scopes: vec!["read:client_keys".into()], message: String::new() };
            let ctx = Context {
                client_id: &ask.client_id,
                audience: &ask.audience,
                asked: &[],
                api_scopes: &[],
                grant_id: None,
                identifiers: &[],
            };
            return Ok(failed_report(ask, &issuer, "not requested".into(), diagnose(&e, &ctx), &app_name, &api_name));
        };
        let grant = client
            .list_client_grants(Some(&ask.client_id), Some(&ask.audience), &mut |_| {})
            .await
            .map_err(from_auth0)?
            .into_iter()
            .find(|g| g.subject_type.as_deref().unwrap_or("client") == "client");

        let key = Self::key(profile, ask);
        let reuse = if ask.fresh {
            None
        } else {
            lock(&self.tokens).get(&key).filter(|c| c.exp - now > REUSE_MARGIN_SECS).map(|c| c.token.clone())
        };
        let (token, status_line, cached) = match reuse {
            Some(t) => (t, "Reused a cached token (no new token counted against the M2M quota)".to_string(), true),
            None => {
                let started = Instant::now();
                let scope = ask.scope.as_deref().map(str::trim).filter(|s| !s.is_empty());
                let req =
                    TokenRequest { client_id: &ask.client_id, client_secret: &secret, audience: &ask.audience, scope };
                match client.request_token(&req).await {
                    Ok(r) => {
                        let ms = started.elapsed().as_millis();
                        let t = r.access_token.expose().clone();
                        lock(&self.tokens)
                            .insert(key, Cached { token: t.clone(), exp: now.saturating_add(r.expires_in) });
                        (t, format!("200 OK in {ms} ms"), false)
                    }
                    Err(e) => {
                        let status = match &e {
                            Auth0Error::AccessDenied { .. } => "403 Forbidden",
                            Auth0Error::Unauthorized { .. } => "401 Unauthorized",
                            _ => "failed",
                        };
                        let asked: Vec<String> =
                            scope.map(|s| s.split_whitespace().map(String::from).collect()).unwrap_or_default();
                        let api_scopes: Vec<String> = api
                            .as_ref()
                            .map(|a| a.scopes.iter().map(|s| s.value.clone()).collect())
                            .unwrap_or_default();
                        let identifiers: Vec<String> = if api.is_none() {
                            client
                                .list_resource_servers(&mut |_| {})
                                .await
                                .map(|l| l.into_iter().filter(|a| !a.is_system).map(|a| a.identifier).collect())
                                .unwrap_or_default()
                        } else {
                            vec![]
                        };
                        let ctx = Context {
                            client_id: &ask.client_id,
                            audience: &ask.audience,
                            asked: &asked,
                            api_scopes: &api_scopes,
                            grant_id: grant.as_ref().map(|g| g.id.as_str()),
                            identifiers: &identifiers,
                        };
                        let line = format!("{status} in {} ms", started.elapsed().as_millis());
                        return Ok(failed_report(ask, &issuer, line, diagnose(&e, &ctx), &app_name, &api_name));
                    }
                }
            }
        };

        let decoded = decode(&token)?;
        let signing_alg = api.as_ref().and_then(|a| a.signing_alg.clone());
        let hs_secret: Option<Sensitive<String>> = api.as_ref().and_then(|a| a.signing_secret.clone());
        let jwks = if decoded.header["alg"] == "HS256" {
            None
        } else {
            Some(self.keys(client, decoded.header["kid"].as_str()).await)
        };
        let keys = match (&jwks, &hs_secret) {
            (Some(Ok(k)), _) => Keys::Jwks(k),
            (Some(Err(e)), _) => Keys::Unavailable(format!("the tenant's JWKS could not be read ({e})")),
            (None, Some(s)) => Keys::Secret(s),
            (None, None) => Keys::Unavailable("the API's signing secret could not be read".into()),
        };
        let expectation = Expectation {
            issuers: issuers.to_vec(),
            audience: Some(ask.audience.clone()),
            client_id: Some(ask.client_id.clone()),
            granted: grant.as_ref().map(|g| g.scope.clone()),
            token_lifetime: api.as_ref().and_then(|a| a.token_lifetime),
            signing_alg,
        };
        let checks = verify(&token, &decoded, keys, &expectation, now);
        Ok(TokenReport {
            verified: checks.iter().all(|c| c.passed),
            status_line,
            curl: curl_command(&issuer, ask),
            token: Some(token),
            header: decoded.header,
            claims: decoded.claims,
            checks,
            diagnosis: None,
            cached,
            app_name,
            api_name,
        })
    }

    /// Checks a token obtained elsewhere against the active tenant. Nothing is sent
    /// anywhere but the tenant's JWKS (and its Management API, to read the API's settings).
    pub async fn inspect(
        &self,
        client: &Auth0Client,
        issuers: &[String],
        token: &str,
        now: i64,
    ) -> Result<TokenReport, IpcError> {
        let decoded = decode(token)?;
        let token = token.trim().strip_prefix("Bearer ").unwrap_or(token.trim());
        let aud = match &decoded.claims["aud"] {
            Value::String(s) => Some(s.clone()),
            Value::Array(a) => a.first().and_then(|v| v.as_str()).map(String::from),
            _ => None,
        };
        let api = match &aud {
            Some(a) => match client.get_resource_server(a).await {
                Ok(api) => Some(api),
                Err(Auth0Error::NotFound { .. }) => None,
                Err(e) => return Err(from_auth0(e)),
            },
            None => None,
        };
        let client_id =
            decoded.claims["azp"].as_str().or_else(|| decoded.claims["client_id"].as_str()).map(String::from);
        let grant = match (&client_id, &aud) {
            (Some(c), Some(a)) => {
                client.list_client_grants(Some(c), Some(a), &mut |_| {}).await.ok().and_then(|g| g.into_iter().next())
            }
            _ => None,
        };
        let jwks;
        let keys = if decoded.header["alg"] == "HS256" {
            match api.as_ref().and_then(|a| a.signing_secret.as_ref()) {
                Some(s) => Keys::Secret(s),
                None => Keys::Unavailable(
                    "no API on this tenant has this audience, so there is no signing secret to check with".into(),
                ),
            }
        } else {
            jwks = self.keys(client, decoded.header["kid"].as_str()).await;
            match &jwks {
                Ok(k) => Keys::Jwks(k),
                Err(e) => Keys::Unavailable(format!("the tenant's JWKS could not be read ({e})")),
            }
        };
        let expectation = Expectation {
            issuers: issuers.to_vec(),
            audience: api
                .as_ref()
                .map(|a| a.identifier.clone())
                .or_else(|| Some(format!("an API of this tenant (none has {})", aud.clone().unwrap_or_default()))),
            client_id: None,
            granted: grant.as_ref().map(|g| g.scope.clone()),
            token_lifetime: api.as_ref().and_then(|a| a.token_lifetime),
            signing_alg: api.as_ref().and_then(|a| a.signing_alg.clone()),
        };
        let checks = verify(token, &decoded, keys, &expectation, now);
        Ok(TokenReport {
            verified: checks.iter().all(|c| c.passed),
            status_line: "Pasted token (not requested)".into(),
            curl: String::new(),
            token: None,
            header: decoded.header,
            claims: decoded.claims,
            checks,
            diagnosis: None,
            cached: false,
            app_name: client_id.unwrap_or_default(),
            api_name: api.and_then(|a| a.name).or(aud).unwrap_or_default(),
        })
    }
}
