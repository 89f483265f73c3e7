//! A tenant for engine tests: a sandbox over real HTTP, the app's profiles on a store on
//! disk (the Sandbox profile points at this sandbox), and an admin client to arrange and
//! inspect the tenant behind the engine's back.
#![allow(dead_code)]

use std::sync::Arc;
use std::time::Duration;

use grantsmith_auth0::{Auth0Client, ClientOptions, RetryPolicy, Sensitive, TenantUrl};
use grantsmith_core::profiles::{Environment, ProfileInput};
use grantsmith_core::tenants::{ExternalSandbox, Tenants};
use grantsmith_core::wizard::RunView;
use grantsmith_core::{MemoryStore, Store};
use grantsmith_sandbox::{Sandbox, SandboxConfig};

pub fn options(timeout_ms: u64) -> ClientOptions {
    ClientOptions {
        connect_timeout: Duration::from_secs(2),
        request_timeout: Duration::from_millis(timeout_ms),
        retry: RetryPolicy {
            max_retries: 2,
            base_delay: Duration::from_millis(10),
            jitter: Duration::ZERO,
            max_rate_limit_wait: Duration::from_millis(200),
        },
    }
}

pub struct Tenant {
    pub sb: Sandbox,
    pub dir: tempfile::TempDir,
    pub tenants: Tenants,
    /// The sandbox's management client, for arranging and checking the tenant.
    pub admin: Auth0Client,
}

pub fn admin(sb: &Sandbox, timeout_ms: u64) -> Auth0Client {
    Auth0Client::new(
        TenantUrl::parse(&sb.base_url()).unwrap(),
        sb.management_client_id(),
        Sensitive::new(sb.management_client_secret()),
        &options(timeout_ms),
    )
    .unwrap()
}

pub fn tenants_on(sb: &Sandbox, dir: &std::path::Path, timeout_ms: u64) -> Tenants {
    let store = Arc::new(Store::open(dir).unwrap());
    let external = ExternalSandbox {
        base_url: sb.base_url(),
        client_id: sb.management_client_id().into(),
        client_secret: Sensitive::new(sb.management_client_secret()),
    };
    Tenants::new(store, Arc::new(MemoryStore::default()), None, Some(external), options(timeout_ms))
}

pub async fn tenant_with(config: SandboxConfig, timeout_ms: u64) -> Tenant {
    let sb = Sandbox::start(config).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let tenants = tenants_on(&sb, dir.path(), timeout_ms);
    let admin = admin(&sb, timeout_ms);
    Tenant { sb, dir, tenants, admin }
}

pub async fn tenant() -> Tenant {
    tenant_with(SandboxConfig::default(), 5_000).await
}

impl Tenant {
    /// A second profile on the same sandbox (its own management credentials), e.g. a
    /// production one.
    pub fn add_profile(&self, name: &str, environment: Environment, client_id: &str, secret: &str) -> String {
        self.tenants
            .add(&ProfileInput {
                name: name.into(),
                domain: self.sb.base_url(),
                custom_domain: None,
                environment: Some(environment),
                client_id: client_id.into(),
                client_secret: Some(secret.into()),
                session_only: false,
            })
            .unwrap()
            .id
    }

    /// A profile like `add_profile`, with the sandbox's own management credentials.
    pub fn add_admin_profile(&self, name: &str, environment: Environment) -> String {
        self.add_profile(name, environment, self.sb.management_client_id(), &self.sb.management_client_secret())
    }
}

pub fn noop(_: &RunView) {}

pub const AUD: &str = "https://api.example.com/orders";

/// A fresh setup: application "Orders worker", RS256 API "Orders API" at `AUD` with
/// `scopes`, the application granted `granted`.
pub fn orders_spec(scopes: &[&str], granted: &[&str]) -> grantsmith_core::wizard::WizardSpec {
    use grantsmith_core::wizard::*;
    WizardSpec {
        app: AppChoice::New { name: "Orders worker".into(), description: String::new() },
        api: ApiChoice::New {
            name: "Orders API".into(),
            identifier: AUD.into(),
            signing_alg: SigningAlg::RS256,
            token_lifetime: 3600,
        },
        scopes: scopes.iter().map(|s| ScopeSpec { value: s.to_string(), description: String::new() }).collect(),
        grant_scopes: granted.iter().map(|s| s.to_string()).collect(),
    }
}

/// The person at the native confirmation dialog, as a test answers it: yes or no, and the
/// questions asked (titles), to check what was asked.
#[derive(Default)]
pub struct Person {
    pub yes: bool,
    pub asked: std::sync::Mutex<Vec<String>>,
}

impl Person {
    pub fn says_yes() -> Self {
        Person { yes: true, ..Default::default() }
    }

    pub fn says_no() -> Self {
        Person { yes: false, ..Default::default() }
    }

    pub fn asked(&self) -> Vec<String> {
        self.asked.lock().unwrap().clone()
    }
}

impl grantsmith_core::confirm::Person for Person {
    fn confirm<'a>(
        &'a self,
        question: &'a grantsmith_core::confirm::Question,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = bool> + Send + 'a>> {
        self.asked.lock().unwrap().push(question.title.clone());
        Box::pin(std::future::ready(self.yes))
    }
}
