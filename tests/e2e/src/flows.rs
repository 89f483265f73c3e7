//! Shared steps of the end-to-end tests: a sandbox tenant the test can inspect, and the
//! wizard walked as a user would.

use grantsmith_sandbox::{Sandbox, SandboxConfig};
use serde_json::{Value, json};

use crate::Session;

/// A sandbox the app uses as its Sandbox profile, with a management token for checks.
pub struct Tenant {
    pub sb: Sandbox,
    pub http: reqwest::Client,
    pub token: String,
}

impl Tenant {
    pub async fn start() -> Self {
        let sb = Sandbox::start(SandboxConfig::default()).await.unwrap();
        let http = reqwest::Client::new();
        let t: Value = http
            .post(format!("{}/oauth/token", sb.base_url()))
            .json(&json!({"grant_type": "client_credentials", "client_id": sb.management_client_id(),
                "client_secret": sb.management_client_secret(), "audience": sb.management_audience()}))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let token = t["access_token"].as_str().unwrap().to_string();
        Self { sb, http, token }
    }

    pub fn env(&self) -> Vec<(String, String)> {
        vec![
            ("GRANTSMITH_SANDBOX_URL".into(), self.sb.base_url()),
            ("GRANTSMITH_SANDBOX_CLIENT_ID".into(), self.sb.management_client_id().into()),
            ("GRANTSMITH_SANDBOX_CLIENT_SECRET".into(), self.sb.management_client_secret()),
        ]
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
    s.click("wizard-apply").await;
}
