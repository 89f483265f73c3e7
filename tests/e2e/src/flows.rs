//! Shared steps of the end-to-end tests: a sandbox tenant the test can inspect, and the
//! wizard walked as a user would.

use grantsmith_sandbox::{Sandbox, SandboxConfig};
use serde_json::Value;

use crate::Session;

/// A sandbox the app uses as its Sandbox profile, with a management token for checks.
pub struct Tenant {
    pub sb: Sandbox,
    pub http: reqwest::Client,
    pub token: String,
}

impl Tenant {
    pub async fn start() -> Self {
        Self::start_with(SandboxConfig::default()).await
    }

    /// A sandbox with its own settings (a seed of thousands of objects, a rate limit).
    pub async fn start_with(config: SandboxConfig) -> Self {
        let sb = Sandbox::start(config).await.unwrap();
        let token = sb.management_token().unwrap();
        Self { sb, http: reqwest::Client::new(), token }
    }

    pub fn env(&self) -> Vec<(String, String)> {
        vec![
            ("GRANTSMITH_SANDBOX_URL".into(), self.sb.base_url()),
            ("GRANTSMITH_SANDBOX_CLIENT_ID".into(), self.sb.management_client_id().into()),
            ("GRANTSMITH_SANDBOX_CLIENT_SECRET".into(), self.sb.management_client_secret()),
        ]
    }

    /// Every secret this tenant holds: the management secret, each application's secret,
    /// each HS256 API's signing secret.
    pub async fn secrets(&self) -> Vec<String> {
        let mut out = vec![self.sb.management_client_secret()];
        let apps = self.get("/api/v2/clients").await;
        out.extend(apps.as_array().unwrap().iter().filter_map(|a| a["client_secret"].as_str()).map(String::from));
        let apis = self.get("/api/v2/resource-servers").await;
        out.extend(apis.as_array().unwrap().iter().filter_map(|a| a["signing_secret"].as_str()).map(String::from));
        out
    }

    /// Nothing secret in any file the app wrote under `dir` (the database with its WAL, and
    /// the app's log): none of this tenant's secrets, and no access token.
    pub async fn assert_nothing_secret_in(&self, dir: &std::path::Path) {
        let secrets = self.secrets().await;
        assert!(secrets.len() > 1, "the test made secrets to look for");
        for file in files_under(dir) {
            let bytes = std::fs::read(&file).unwrap();
            for secret in &secrets {
                assert!(
                    !bytes.windows(secret.len()).any(|w| w == secret.as_bytes()),
                    "a secret was written to {}",
                    file.display()
                );
            }
            assert!(!holds_a_jwt(&bytes), "an access token was written to {}", file.display());
        }
    }

    /// Creates something on the tenant behind the app's back (arranging a test); the answer.
    pub async fn post(&self, path: &str, body: Value) -> Value {
        self.send(reqwest::Method::POST, path, body).await
    }

    /// Changes something on the tenant behind the app's back; the answer.
    pub async fn patch(&self, path: &str, body: Value) -> Value {
        self.send(reqwest::Method::PATCH, path, body).await
    }

    async fn send(&self, method: reqwest::Method, path: &str, body: Value) -> Value {
        self.http
            .request(method, format!("{}{path}", self.sb.base_url()))
            .bearer_auth(&self.token)
            .json(&body)
            .send()
            .await
            .unwrap()
            .error_for_status()
            .unwrap()
            .json()
            .await
            .unwrap()
    }

    pub async fn get(&self, path: &str) -> Value {
        self.http
            .get(format!("{}{path}", self.sb.base_url()))
            .bearer_auth(&self.token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    }
}

/// Adds a production tenant profile `name` for `sb` through the tenant form (the active
/// tenant stays as it was).
pub async fn add_production_profile(s: &Session, name: &str, sb: &Sandbox) {
    s.click("add-tenant").await;
    s.type_into("profile-name", name).await;
    s.type_into("profile-domain", &sb.base_url()).await;
    s.type_into("profile-client-id", sb.management_client_id()).await;
    s.type_into("profile-client-secret", &sb.management_client_secret()).await;
    s.click("env-production").await;
    s.wait_text("main-pane", "type its name to confirm").await;
    s.wait_until("the form is valid", "return !document.querySelector('[data-testid=profile-test]').disabled").await;
    s.click("profile-save").await;
}

/// Walks the wizard on the active tenant, creating application, API (`alg`) and grant;
/// saves a screenshot per step named `<shots>-<n>-<step>`.
pub async fn go_through_the_wizard(s: &Session, alg: &str, shots: &str) {
    fill_in_and_apply(s, alg, shots).await;
    let result = s.wait_text("wizard-result", "set up").await;
    assert!(result.contains(&format!("https://api.example.com/orders-{}", alg.to_lowercase())), "{result}");
    s.screenshot(&format!("{shots}-6-result")).await;
}

/// The wizard up to pressing Apply.
pub async fn fill_in_and_apply(s: &Session, alg: &str, shots: &str) {
    fill_in(s, alg, shots).await;
    s.click("wizard-apply").await;
}

/// The wizard up to its review (the plan shown, nothing applied).
pub async fn fill_in(s: &Session, alg: &str, shots: &str) {
    s.click("nav-wizard").await;
    s.type_into("wizard-app-name", &format!("Orders worker {alg}")).await;
    s.screenshot(&format!("{shots}-1-application")).await;
    s.click("wizard-next").await;

    s.type_into("wizard-api-name", &format!("Orders API {alg}")).await;
    s.type_into("wizard-api-identifier", &format!("https://api.example.com/orders-{}", alg.to_lowercase())).await;
    s.testid("wizard-api-alg").await.select_by_value(alg).await.unwrap();
    s.wait_text("wizard-step-1", "It cannot be changed later").await;
    s.screenshot(&format!("{shots}-2-api")).await;
    s.click("wizard-next").await;

    for (value, description) in [("read:orders", "Read orders"), ("write:orders", "Create and change orders")] {
        s.type_into("wizard-scope-value", value).await;
        s.type_into("wizard-scope-description", description).await;
        s.click("wizard-scope-add").await;
    }
    s.wait_text("wizard-scope-list", "write:orders").await;
    s.screenshot(&format!("{shots}-3-scopes")).await;
    s.click("wizard-next").await;

    s.click("wizard-grant-scope-read:orders").await;
    s.screenshot(&format!("{shots}-4-authorize")).await;
    s.click("wizard-next").await;

    let summary = s.wait_text("wizard-summary", "Creates").await;
    assert_eq!(summary, "Creates 1 application, 1 API with 2 scopes, 1 grant.");
    s.screenshot(&format!("{shots}-5-review")).await;
}

fn files_under(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(files_under(&path));
        } else {
            out.push(path);
        }
    }
    out
}

/// Three base64url segments, the first starting like a JSON object (`eyJ`).
pub fn holds_a_jwt(bytes: &[u8]) -> bool {
    let b64 = |c: &u8| c.is_ascii_alphanumeric() || *c == b'-' || *c == b'_';
    bytes.windows(3).enumerate().filter(|(_, w)| *w == b"eyJ").any(|(i, _)| {
        let rest = &bytes[i..];
        let mut parts = rest.split(|c| !b64(c) && *c != b'.').next().unwrap_or(&[]).split(|c| *c == b'.');
        let lens: Vec<usize> = parts.by_ref().take(3).map(<[u8]>::len).collect();
        lens.len() == 3 && lens.iter().all(|l| *l >= 10)
    })
}

/// `s` percent-encoded for a URL path segment or query value (unreserved characters kept).
pub fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}
