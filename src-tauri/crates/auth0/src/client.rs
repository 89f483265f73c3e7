//! `Auth0Client`: one tenant, reached with one management client's credentials.
//!
//! Owns the management token (cached in memory until shortly before `exp`, refreshed once
//! on a 401, never logged), the Authentication API calls, and the Management API calls
//! with paging. It does not decide how to make creates safe to resend; callers do.

use std::time::{Duration, Instant};

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use reqwest::Method;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use tokio::sync::Mutex;

use crate::transport::{Answer, ClientOptions, Transport};
use crate::types::*;
use crate::{Auth0Error, Sensitive, TenantUrl};

/// encodeURIComponent's set: everything but letters, digits and `-_.!~*'()`.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'!')
    .remove(b'~')
    .remove(b'*')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')');

pub(crate) fn encode_segment(s: &str) -> String {
    utf8_percent_encode(s, COMPONENT).to_string()
}

struct CachedToken {
    token: Sensitive<String>,
    refresh_at: Instant,
    scopes: Vec<String>,
}

pub struct Auth0Client {
    tenant: TenantUrl,
    client_id: String,
    client_secret: Sensitive<String>,
    transport: Transport,
    token: Mutex<Option<CachedToken>>,
}

/// Parameters of a client-credentials token request.
#[derive(Debug, Clone)]
pub struct TokenRequest<'a> {
    pub client_id: &'a str,
    pub client_secret: &'a Sensitive<String>,
    pub audience: &'a str,
    /// A subset of the granted scopes, space-separated; all granted scopes when `None`.
    pub scope: Option<&'a str>,
}

const PER_PAGE: u32 = 100;

/// The most pages one list reads (100,000 items, twenty times the largest tenants we
/// measure): a server that pages forever is stopped with an error, not followed.
pub const MAX_PAGES: u32 = 1_000;

/// An application's fields in `list_client_summaries`: each readable with `read:clients`.
const SUMMARY_FIELDS: &str = "client_id,name,description,app_type,grant_types,client_metadata";

/// Auth0's longest access-token lifetime (contract §5: `token_lifetime` ≤ 2592000 s).
const MAX_TOKEN_LIFETIME_SECS: i64 = 2_592_000;

impl Auth0Client {
    pub fn new(
        tenant: TenantUrl,
        client_id: impl Into<String>,
        client_secret: Sensitive<String>,
        options: &ClientOptions,
    ) -> Result<Self, Auth0Error> {
        Ok(Self {
            transport: Transport::new(options, tenant.is_loopback())?,
            tenant,
            client_id: client_id.into(),
            client_secret,
            token: Mutex::new(None),
        })
    }

    pub fn tenant(&self) -> &TenantUrl {
        &self.tenant
    }

    /// The management application this client speaks as.
    pub fn client_id(&self) -> &str {
        &self.client_id
    }

    // --- Authentication API ------------------------------------------------------------

    /// `POST /oauth/token` with client credentials (form body, secret in the body, as the
    /// official SDKs send it).
    pub async fn request_token(&self, req: &TokenRequest<'_>) -> Result<TokenResponse, Auth0Error> {
        let url = format!("{}oauth/token", self.tenant.issuer());
        let build = || {
            let mut form = vec![
                ("grant_type", "client_credentials"),
                ("client_id", req.client_id),
                ("client_secret", req.client_secret.expose().as_str()),
                ("audience", req.audience),
            ];
            if let Some(scope) = req.scope {
                form.push(("scope", scope));
            }
            self.transport.http.post(&url).form(&form)
        };
        // A token request changes nothing on the tenant, so it may be resent.
        let Answer { status, body } = self.transport.send(build, true).await?;
        if status != 200 {
            return Err(Auth0Error::from_oauth(status, &body));
        }
        serde_json::from_value(body)
            .map_err(|e| Auth0Error::Protocol { message: format!("Unexpected token response: {e}") })
    }

    pub async fn jwks(&self) -> Result<Jwks, Auth0Error> {
        let url = format!("{}.well-known/jwks.json", self.tenant.issuer());
        let Answer { status, body } = self.transport.send(|| self.transport.http.get(&url), true).await?;
        if status != 200 {
            return Err(Auth0Error::Protocol { message: format!("The tenant's JWKS answered HTTP {status}") });
        }
        serde_json::from_value(body)
            .map_err(|_| Auth0Error::Protocol { message: "The tenant's JWKS is not a key set".into() })
    }

    // --- management token --------------------------------------------------------------

    async fn management_token(&self) -> Result<(Sensitive<String>, Vec<String>), Auth0Error> {
        let mut cached = self.token.lock().await;
        if let Some(t) = cached.as_ref()
            && Instant::now() < t.refresh_at
        {
            return Ok((t.token.clone(), t.scopes.clone()));
        }
        let audience = self.tenant.management_audience();
        let response = self
            .request_token(&TokenRequest {
                client_id: &self.client_id,
                client_secret: &self.client_secret,
                audience: &audience,
                scope: None,
            })
            .await?;
        let scopes: Vec<String> = response
            .scope
            .clone()
            .or_else(|| scope_claim(response.access_token.expose()))
            .unwrap_or_default()
            .split_whitespace()
            .map(String::from)
            .collect();
        // Refresh a minute early (or a tenth of the lifetime for short-lived tokens). The
        // lifetime is the tenant's word, so it is bounded by Auth0's own maximum (30 days)
        // before it meets `Instant` arithmetic, which panics on overflow.
        let lifetime = Duration::from_secs(response.expires_in.clamp(0, MAX_TOKEN_LIFETIME_SECS) as u64);
        let slack = Duration::from_secs(60).min(lifetime / 10);
        *cached = Some(CachedToken {
            token: response.access_token.clone(),
            refresh_at: Instant::now() + lifetime - slack,
            scopes: scopes.clone(),
        });
        Ok((response.access_token, scopes))
    }

    /// The Management API permissions the management client was granted (from its token).
    pub async fn granted_scopes(&self) -> Result<Vec<String>, Auth0Error> {
        Ok(self.management_token().await?.1)
    }

    /// Forgets the cached management token (e.g. after its grant changed).
    pub async fn forget_token(&self) {
        *self.token.lock().await = None;
    }

    // --- Management API ----------------------------------------------------------------

    async fn management(
        &self,
        method: Method,
        path: &str,
        query: &[(&str, String)],
        body: Option<Value>,
    ) -> Result<Value, Auth0Error> {
        let idempotent = method != Method::POST;
        let url = format!("{}api/v2/{path}", self.tenant.issuer());
        for attempt in 0..2 {
            let (token, _) = self.management_token().await?;
            let build = || {
                let mut r = self.transport.http.request(method.clone(), &url).bearer_auth(token.expose()).query(query);
                if let Some(b) = &body {
                    r = r.json(b);
                }
                r
            };
            let Answer { status, body: answer } = self.transport.send(build, idempotent).await?;
            match status {
                200..=299 => return Ok(answer),
                // A revoked or expired token: fetch a new one once.
                401 if attempt == 0 => self.forget_token().await,
                _ => return Err(Auth0Error::from_management(status, &answer)),
            }
        }
        unreachable!("the loop returns on its second attempt")
    }

    async fn call<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        query: &[(&str, String)],
        body: Option<Value>,
    ) -> Result<T, Auth0Error> {
        let v = self.management(method, path, query, body).await?;
        serde_json::from_value(v)
            .map_err(|e| Auth0Error::Protocol { message: format!("Unexpected answer for {path}: {e}") })
    }

    fn body(value: &impl Serialize) -> Option<Value> {
        Some(serde_json::to_value(value).expect("request bodies serialize"))
    }

    /// Every item of a list, page by page (`include_totals` offset paging), reporting
    /// progress after each page.
    async fn list_all<T: DeserializeOwned>(
        &self,
        path: &str,
        key: &str,
        filters: &[(&str, String)],
        progress: &mut (dyn FnMut(Progress) + Send),
    ) -> Result<Vec<T>, Auth0Error> {
        let mut items: Vec<T> = Vec::new();
        for page in 0u32.. {
            let mut query: Vec<(&str, String)> =
                vec![("include_totals", "true".into()), ("per_page", PER_PAGE.to_string()), ("page", page.to_string())];
            query.extend(filters.iter().cloned());
            let v = self.management(Method::GET, path, &query, None).await?;
            let total = v["total"].as_u64();
            let batch: Vec<T> = serde_json::from_value(v[key].clone())
                .map_err(|e| Auth0Error::Protocol { message: format!("Unexpected list answer for {path}: {e}") })?;
            let n = batch.len();
            items.extend(batch);
            progress(Progress { done: items.len() as u64, total });
            if n < PER_PAGE as usize || total.is_some_and(|t| items.len() as u64 >= t) {
                break;
            }
            if page + 1 >= MAX_PAGES {
                return Err(Auth0Error::Protocol {
                    message: format!(
                        "The tenant kept answering full pages of {path} past {} items; Grantsmith stopped reading. \
                         Auth0 tenants hold far fewer — check the tenant's domain.",
                        items.len()
                    ),
                });
            }
        }
        Ok(items)
    }

    pub async fn list_clients(
        &self,
        app_type: Option<&str>,
        progress: &mut (dyn FnMut(Progress) + Send),
    ) -> Result<Vec<Client>, Auth0Error> {
        let filters: Vec<(&str, String)> = app_type.map(|a| ("app_type", a.to_string())).into_iter().collect();
        self.list_all("clients", "clients", &filters, progress).await
    }

    /// Every application with only what lists, searches and look-ups by name or marker
    /// read (`SUMMARY_FIELDS`): no secret, no signing key or certificate — a page of 100 is
    /// ~20 KB (the Sandbox's full page is 73 KB; Auth0's carry a certificate per application).
    pub async fn list_client_summaries(
        &self,
        app_type: Option<&str>,
        progress: &mut (dyn FnMut(Progress) + Send),
    ) -> Result<Vec<Client>, Auth0Error> {
        let mut filters = vec![("fields", SUMMARY_FIELDS.to_string()), ("include_fields", "true".to_string())];
        filters.extend(app_type.map(|a| ("app_type", a.to_string())));
        self.list_all("clients", "clients", &filters, progress).await
    }

    pub async fn get_client(&self, client_id: &str) -> Result<Client, Auth0Error> {
        self.call(Method::GET, &format!("clients/{}", encode_segment(client_id)), &[], None).await
    }

    /// Not resent on a lost answer: see `Auth0Error::Network::maybe_applied`.
    pub async fn create_client(&self, client: &NewClient) -> Result<Client, Auth0Error> {
        self.call(Method::POST, "clients", &[], Self::body(client)).await
    }

    pub async fn update_client(&self, client_id: &str, update: &ClientUpdate) -> Result<Client, Auth0Error> {
        self.call(Method::PATCH, &format!("clients/{}", encode_segment(client_id)), &[], Self::body(update)).await
    }

    pub async fn delete_client(&self, client_id: &str) -> Result<(), Auth0Error> {
        self.management(Method::DELETE, &format!("clients/{}", encode_segment(client_id)), &[], None).await.map(|_| ())
    }

    pub async fn rotate_secret(&self, client_id: &str) -> Result<Client, Auth0Error> {
        self.call(Method::POST, &format!("clients/{}/rotate-secret", encode_segment(client_id)), &[], None).await
    }

    pub async fn list_resource_servers(
        &self,
        progress: &mut (dyn FnMut(Progress) + Send),
    ) -> Result<Vec<ResourceServer>, Auth0Error> {
        self.list_all("resource-servers", "resource_servers", &[], progress).await
    }

    /// By id or by identifier (audience).
    pub async fn get_resource_server(&self, id_or_identifier: &str) -> Result<ResourceServer, Auth0Error> {
        self.call(Method::GET, &format!("resource-servers/{}", encode_segment(id_or_identifier)), &[], None).await
    }

    pub async fn create_resource_server(&self, rs: &NewResourceServer) -> Result<ResourceServer, Auth0Error> {
        self.call(Method::POST, "resource-servers", &[], Self::body(rs)).await
    }

    pub async fn update_resource_server(
        &self,
        id: &str,
        update: &ResourceServerUpdate,
    ) -> Result<ResourceServer, Auth0Error> {
        self.call(Method::PATCH, &format!("resource-servers/{}", encode_segment(id)), &[], Self::body(update)).await
    }

    pub async fn delete_resource_server(&self, id: &str) -> Result<(), Auth0Error> {
        self.management(Method::DELETE, &format!("resource-servers/{}", encode_segment(id)), &[], None)
            .await
            .map(|_| ())
    }

    pub async fn list_client_grants(
        &self,
        client_id: Option<&str>,
        audience: Option<&str>,
        progress: &mut (dyn FnMut(Progress) + Send),
    ) -> Result<Vec<ClientGrant>, Auth0Error> {
        let mut filters: Vec<(&str, String)> = Vec::new();
        if let Some(c) = client_id {
            filters.push(("client_id", c.to_string()));
        }
        if let Some(a) = audience {
            filters.push(("audience", a.to_string()));
        }
        self.list_all("client-grants", "client_grants", &filters, progress).await
    }

    pub async fn get_client_grant(&self, id: &str) -> Result<ClientGrant, Auth0Error> {
        self.call(Method::GET, &format!("client-grants/{}", encode_segment(id)), &[], None).await
    }

    pub async fn create_client_grant(&self, grant: &NewClientGrant) -> Result<ClientGrant, Auth0Error> {
        self.call(Method::POST, "client-grants", &[], Self::body(grant)).await
    }

    /// Replaces the grant's scopes.
    pub async fn update_client_grant_scopes(&self, id: &str, scope: &[String]) -> Result<ClientGrant, Auth0Error> {
        self.call(
            Method::PATCH,
            &format!("client-grants/{}", encode_segment(id)),
            &[],
            Some(serde_json::json!({ "scope": scope })),
        )
        .await
    }

    pub async fn delete_client_grant(&self, id: &str) -> Result<(), Auth0Error> {
        self.management(Method::DELETE, &format!("client-grants/{}", encode_segment(id)), &[], None).await.map(|_| ())
    }
}

/// The `scope` claim of a JWT, read without verifying it (we only want to know what we
/// were granted; Auth0 checks the token when we use it).
fn scope_claim(token: &str) -> Option<String> {
    use base64::Engine;
    let payload = token.split('.').nth(1)?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(payload).ok()?;
    let claims: Value = serde_json::from_slice(&bytes).ok()?;
    claims["scope"].as_str().map(String::from)
}
