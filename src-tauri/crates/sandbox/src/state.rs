//! One running tenant: its store, signing key, clock, and the knobs tests turn (faults,
//! request log, rate limiter). Bootstrapping creates what a fresh Auth0 tenant has: the
//! system "Auth0 Management API" and (ours) a management client granted every scope.

use std::time::Duration;

use serde_json::{Value, json};

use crate::clock::Clock;
use crate::control::{Faults, RateLimiter, RequestLog};
use crate::keys::SigningKey;
use crate::tenant::{StoreError, TenantStore};
use crate::{Seed, ids};

/// Every Management API permission the sandbox understands (contract §4).
pub const MANAGEMENT_SCOPES: &[&str] = &[
    "read:clients",
    "read:client_keys",
    "read:client_credentials",
    "read:client_summary",
    "create:clients",
    "create:client_credentials",
    "update:clients",
    "update:client_keys",
    "update:client_credentials",
    "delete:clients",
    "read:resource_servers",
    "create:resource_servers",
    "update:resource_servers",
    "delete:resource_servers",
    "read:client_grants",
    "create:client_grants",
    "update:client_grants",
    "delete:client_grants",
];

pub struct Shared {
    pub store: TenantStore,
    pub key: SigningKey,
    pub clock: Clock,
    pub issuer: String,
    pub management_audience: String,
    pub management_client_id: String,
    pub system_api_id: String,
    pub control: bool,
    pub latency: Duration,
    pub faults: Faults,
    pub log: RequestLog,
    pub limiter: Option<RateLimiter>,
}

#[derive(Debug, thiserror::Error)]
pub enum BootError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Key(#[from] crate::keys::KeyError),
}

pub struct Knobs {
    pub control: bool,
    pub latency: Duration,
    pub mgmt_rate_limit: Option<u32>,
}

impl Shared {
    pub fn boot(store: TenantStore, issuer: String, knobs: Knobs) -> Result<Self, BootError> {
        let key = match store.signing_key()? {
            Some((pem, cert)) => SigningKey::from_parts(pem, cert)?,
            None => {
                let key = SigningKey::generate()?;
                store.save_signing_key(&key.kid, &key.pkcs8_pem, &key.cert_der)?;
                key
            }
        };
        let management_audience = format!("{issuer}api/v2/");
        if let Some(old) = store.meta("management_audience")?
            && old != management_audience
        {
            store.move_audience(&old, &management_audience)?;
        }
        store.set_meta("management_audience", &management_audience)?;
        let system_api_id = match store.meta("system_api_id")? {
            Some(id) => id,
            None => {
                let api = system_api(&management_audience);
                store.insert_resource_server(&api)?;
                let id = api["id"].as_str().unwrap_or_default().to_string();
                store.set_meta("system_api_id", &id)?;
                id
            }
        };
        let management_client_id = match store.meta("management_client_id")? {
            Some(id) => id,
            None => {
                let id = create_management_client(&store, &management_audience)?;
                store.set_meta("management_client_id", &id)?;
                id
            }
        };
        Ok(Self {
            store,
            key,
            clock: Clock::default(),
            issuer,
            management_audience,
            management_client_id,
            system_api_id,
            control: knobs.control,
            latency: knobs.latency,
            faults: Faults::default(),
            log: RequestLog::default(),
            limiter: knobs.mgmt_rate_limit.map(RateLimiter::new),
        })
    }

    pub fn management_client_secret(&self) -> Result<String, StoreError> {
        Ok(self
            .store
            .client(&self.management_client_id)?
            .and_then(|c| c["client_secret"].as_str().map(String::from))
            .unwrap_or_default())
    }

    /// Empties the tenant except the system API, the management client and its grant.
    pub fn reset(&self) -> Result<(), StoreError> {
        let grant = self.store.grant_for(&self.management_client_id, &self.management_audience)?;
        let grant_id = grant.as_ref().and_then(|g| g["id"].as_str()).unwrap_or_default().to_string();
        self.store.reset(&[&self.management_client_id], &[&self.system_api_id], &[&grant_id])
    }

    /// Adds realistic objects for scale tests: APIs with scopes, M2M applications, grants.
    pub fn seed(&self, seed: &Seed) -> Result<(), StoreError> {
        self.store.batch(|store| {
            let mut apis = Vec::new();
            for i in 0..seed.apis {
                let noun = NOUNS[i % NOUNS.len()];
                let identifier = format!("https://api.example.com/{noun}/{i}");
                let scopes: Vec<Value> = ["read", "write", "delete"]
                    .iter()
                    .map(|verb| json!({"value": format!("{verb}:{noun}"), "description": format!("{verb} {noun}")}))
                    .collect();
                let api = crate::objects::new_resource_server(json!({
                    "name": format!("{} API {i}", capitalize(noun)),
                    "identifier": identifier,
                    "scopes": scopes,
                }));
                store.insert_resource_server(&api)?;
                apis.push(api);
            }
            let mut clients = Vec::new();
            for i in 0..seed.clients {
                let noun = NOUNS[i % NOUNS.len()];
                let client = crate::objects::new_client(json!({
                    "name": format!("{} Service {i}", capitalize(noun)),
                    "description": format!("Backend worker for {noun}"),
                    "app_type": "non_interactive",
                    "grant_types": ["client_credentials"],
                }));
                store.insert_client(&client)?;
                clients.push(client["client_id"].as_str().unwrap_or_default().to_string());
            }
            let pairs = clients.iter().flat_map(|c| apis.iter().map(move |a| (c, a)));
            for (client_id, api) in pairs.take(seed.grants) {
                let scopes: Vec<Value> =
                    api["scopes"].as_array().into_iter().flatten().take(2).map(|s| s["value"].clone()).collect();
                store.insert_client_grant(&json!({
                    "id": ids::client_grant_id(),
                    "client_id": client_id,
                    "audience": api["identifier"],
                    "scope": scopes,
                    "subject_type": "client",
                    "allow_any_organization": false,
                }))?;
            }
            Ok(())
        })
    }
}

const NOUNS: &[&str] = &["orders", "billing", "inventory", "shipping", "reports", "payments", "catalog", "invoices"];

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

fn system_api(audience: &str) -> Value {
    let scopes: Vec<Value> =
        MANAGEMENT_SCOPES.iter().map(|s| json!({"value": s, "description": s.replace(':', " ")})).collect();
    json!({
        "id": ids::resource_server_id(),
        "name": "Auth0 Management API",
        "identifier": audience,
        "is_system": true,
        "allow_offline_access": false,
        "skip_consent_for_verifiable_first_party_clients": false,
        "token_lifetime": 86400,
        "token_lifetime_for_web": 7200,
        "signing_alg": "RS256",
        "scopes": scopes,
        "subject_type_authorization": {"user": {"policy": "allow_all"}, "client": {"policy": "require_client_grant"}},
    })
}

fn create_management_client(store: &TenantStore, audience: &str) -> Result<String, StoreError> {
    let client = crate::objects::new_client(json!({
        "name": "Grantsmith Sandbox Management",
        "description": "Seeded by the sandbox: holds every Management API permission.",
        "app_type": "non_interactive",
        "grant_types": ["client_credentials"],
    }));
    let id = client["client_id"].as_str().unwrap_or_default().to_string();
    store.insert_client(&client)?;
    store.insert_client_grant(&json!({
        "id": ids::client_grant_id(),
        "client_id": id,
        "audience": audience,
        "scope": MANAGEMENT_SCOPES,
        "subject_type": "client",
        "allow_any_organization": false,
    }))?;
    Ok(id)
}
