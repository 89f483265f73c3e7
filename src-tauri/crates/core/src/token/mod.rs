//! One-click test tokens: read what is needed through the Management API (`resolve`; the
//! application's secret and the API's signing secret are held in memory only), request or
//! reuse the token (`request`), verify it locally and explain every claim (`verify`), and
//! diagnose failures with a fix (`doctor`). This module holds the report and the caches.

pub mod doctor;
mod request;
mod resolve;
pub mod verify;

use std::collections::HashMap;
use std::sync::Mutex;

use grantsmith_auth0::{Auth0Client, Auth0Error, Sensitive};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

use crate::error::{IpcError, from_auth0};
use doctor::Diagnosis;
use request::curl_command;
use verify::{Check, Decoded, Expectation, Keys, decode, verify};

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

#[derive(Clone, PartialEq, Eq, Serialize, TS)]
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

crate::debug_redacted!(TokenReport {
    verified, status_line, curl, header, claims, checks, diagnosis, cached, app_name, api_name; token
});

struct Cached {
    token: String,
    exp: i64,
}

/// Tokens per (profile, application, API, scope set), reused until shortly before expiry
/// (Auth0 counts M2M tokens against a quota), JWKS per issuer by kid, and the secrets of
/// applications seen this session (memory only), so a token request need not wait for the
/// read of the application.
#[derive(Default)]
pub struct TokenCache {
    tokens: Mutex<HashMap<String, Cached>>,
    jwks: Mutex<HashMap<String, Vec<Value>>>,
    secrets: Mutex<HashMap<String, Sensitive<String>>>,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl TokenReport {
    /// No token: the report says why and how to fix it.
    fn failed(status_line: String, diagnosis: Diagnosis, curl: String, app_name: String, api_name: String) -> Self {
        TokenReport {
            verified: false,
            status_line,
            curl,
            token: None,
            header: Value::Null,
            claims: Value::Null,
            checks: vec![],
            diagnosis: Some(diagnosis),
            cached: false,
            app_name,
            api_name,
        }
    }

    /// A token and every check made on it.
    fn checked(status_line: String, decoded: Decoded, checks: Vec<Check>, curl: String) -> Self {
        TokenReport {
            verified: checks.iter().all(|c| c.passed),
            status_line,
            curl,
            token: None,
            header: decoded.header,
            claims: decoded.claims,
            checks,
            diagnosis: None,
            cached: false,
            app_name: String::new(),
            api_name: String::new(),
        }
    }
}

/// The key a signature is checked with: the API's secret for HS256, else the tenant's JWKS
/// (`jwks`, read by `TokenCache::jwks`).
fn keys<'a>(
    jwks: &'a Option<Result<Vec<Value>, Auth0Error>>,
    secret: Option<&'a Sensitive<String>>,
    no_secret: &str,
) -> Keys<'a> {
    match (jwks, secret) {
        (Some(Ok(k)), _) => Keys::Jwks(k),
        (Some(Err(e)), _) => Keys::Unavailable(format!("the tenant's JWKS could not be read ({e})")),
        (None, Some(s)) => Keys::Secret(s),
        (None, None) => Keys::Unavailable(no_secret.into()),
    }
}

impl TokenCache {
    fn secret_key(profile: &str, client_id: &str) -> String {
        format!("{profile}\u{1}{client_id}")
    }

    /// Keeps an application's secret in memory for its next test token: after a create or
    /// a rotation (whose answer carries it) and after every read of it.
    pub fn remember_secret(&self, profile: &str, client_id: &str, secret: Sensitive<String>) {
        lock(&self.secrets).insert(Self::secret_key(profile, client_id), secret);
    }

    fn known_secret(&self, profile: &str, client_id: &str) -> Option<Sensitive<String>> {
        lock(&self.secrets).get(&Self::secret_key(profile, client_id)).cloned()
    }

    /// The tenant's signing keys for a token not signed with HS256 (cached per issuer, read
    /// again when the token names an unknown kid); `None` for HS256.
    async fn jwks(&self, client: &Auth0Client, decoded: &Decoded) -> Option<Result<Vec<Value>, Auth0Error>> {
        if decoded.header["alg"] == "HS256" {
            return None;
        }
        let kid = decoded.header["kid"].as_str();
        let issuer = client.tenant().issuer().to_string();
        if let Some(keys) = lock(&self.jwks).get(&issuer)
            && kid.is_none_or(|k| keys.iter().any(|j| j["kid"].as_str() == Some(k)))
        {
            return Some(Ok(keys.clone()));
        }
        let keys = client.jwks().await.map(|j| j.keys);
        if let Ok(k) = &keys {
            lock(&self.jwks).insert(issuer, k.clone());
        }
        Some(keys)
    }

    /// Reads the tenant's signing keys unless they are cached (errors are left for
    /// `jwks` to meet again and report).
    async fn prefetch_jwks(&self, client: &Auth0Client) {
        let issuer = client.tenant().issuer().to_string();
        if lock(&self.jwks).contains_key(&issuer) {
            return;
        }
        if let Ok(j) = client.jwks().await {
            lock(&self.jwks).insert(issuer, j.keys);
        }
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
        let curl = curl_command(client.tenant().issuer(), ask);
        let reused = self.reusable(profile, ask, now);
        // With the secret in memory the token request goes out beside the read of the
        // application, API and grant (which the checks need), and the tenant's signing keys
        // are read then too: the first token of a new setup is one round trip.
        let known = reused.is_none().then(|| self.known_secret(profile, &ask.client_id)).flatten();
        let early = async {
            match &known {
                Some(secret) => Some(self.request(client, profile, ask, secret, now).await),
                None => None,
            }
        };
        let (subject, _, early) = tokio::join!(resolve::resolve(client, ask), self.prefetch_jwks(client), early);
        let subject = match subject? {
            Ok(s) => s,
            Err(n) => {
                return Ok(TokenReport::failed("not requested".into(), n.diagnosis, curl, n.app_name, n.api_name));
            }
        };
        self.remember_secret(profile, &ask.client_id, subject.secret.clone());
        let requested = match (reused, early) {
            (Some(issued), _) => Ok(issued),
            // The secret in memory was the tenant's: its answer stands.
            (None, Some(answer)) if known.as_ref() == Some(&subject.secret) => answer,
            // None in memory, or it was rotated elsewhere since: ask with the one just read.
            (None, _) => self.request(client, profile, ask, &subject.secret, now).await,
        };
        let issued = match requested {
            Ok(i) => i,
            Err(r) => {
                let diagnosis = request::explain(client, ask, &subject, &r.error).await;
                return Ok(TokenReport::failed(r.status_line, diagnosis, curl, subject.app_name, subject.api_name));
            }
        };
        let decoded = decode(&issued.token)?;
        let jwks = self.jwks(client, &decoded).await;
        let api = subject.api.as_ref();
        let secret = api.and_then(|a| a.signing_secret.as_ref());
        let expectation = Expectation {
            issuers: issuers.to_vec(),
            audience: Some(ask.audience.clone()),
            client_id: Some(ask.client_id.clone()),
            granted: subject.grant.as_ref().map(|g| g.scope.clone()),
            token_lifetime: api.and_then(|a| a.token_lifetime),
            signing_alg: api.and_then(|a| a.signing_alg.clone()),
        };
        let keys = keys(&jwks, secret, "the API's signing secret could not be read");
        let checks = verify(&issued.token, &decoded, keys, &expectation, now);
        Ok(TokenReport {
            token: Some(issued.token),
            cached: issued.cached,
            app_name: subject.app_name,
            api_name: subject.api_name,
            ..TokenReport::checked(issued.status_line, decoded, checks, curl)
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
        let jwks = self.jwks(client, &decoded).await;
        let secret = api.as_ref().and_then(|a| a.signing_secret.as_ref());
        let no_secret = "no API on this tenant has this audience, so there is no signing secret to check with";
        let keys = keys(&jwks, secret, no_secret);
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
            app_name: client_id.unwrap_or_default(),
            api_name: api.and_then(|a| a.name).or(aud).unwrap_or_default(),
            ..TokenReport::checked("Pasted token (not requested)".into(), decoded, checks, String::new())
        })
    }
}
