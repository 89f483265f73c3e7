//! Shared helpers: a sandbox started in-process, a management token, and JSON requests over
//! real HTTP.
#![allow(dead_code)]

use grantsmith_sandbox::{Sandbox, SandboxConfig};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

pub struct T {
    pub sb: Sandbox,
    pub http: reqwest::Client,
    pub token: String,
}

pub async fn start() -> T {
    start_with(SandboxConfig { control: true, ..SandboxConfig::default() }).await
}

pub async fn start_with(config: SandboxConfig) -> T {
    let sb = Sandbox::start(config).await.expect("sandbox starts");
    let http = reqwest::Client::new();
    let mut t = T { sb, http, token: String::new() };
    let (status, body) = t
        .token_request(json!({
            "grant_type": "client_credentials",
            "client_id": t.sb.management_client_id(),
            "client_secret": t.sb.management_client_secret(),
            "audience": t.sb.management_audience(),
        }))
        .await;
    assert_eq!(status, StatusCode::OK, "management token: {body}");
    t.token = body["access_token"].as_str().unwrap().to_string();
    t
}

impl T {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.sb.base_url())
    }

    pub async fn token_request(&self, body: Value) -> (StatusCode, Value) {
        let r = self.http.post(self.url("/oauth/token")).json(&body).send().await.unwrap();
        read(r).await
    }

    pub async fn call_with(&self, token: &str, method: Method, path: &str, body: Option<Value>) -> (StatusCode, Value) {
        let mut req = self.http.request(method, self.url(path)).bearer_auth(token);
        if let Some(b) = body {
            req = req.json(&b);
        }
        read(req.send().await.unwrap()).await
    }

    pub async fn call(&self, method: Method, path: &str, body: Option<Value>) -> (StatusCode, Value) {
        self.call_with(&self.token, method, path, body).await
    }

    pub async fn get(&self, path: &str) -> (StatusCode, Value) {
        self.call(Method::GET, path, None).await
    }

    pub async fn post(&self, path: &str, body: Value) -> (StatusCode, Value) {
        self.call(Method::POST, path, Some(body)).await
    }

    pub async fn patch(&self, path: &str, body: Value) -> (StatusCode, Value) {
        self.call(Method::PATCH, path, Some(body)).await
    }

    pub async fn delete(&self, path: &str) -> (StatusCode, Value) {
        self.call(Method::DELETE, path, None).await
    }

    /// Creates an M2M application and returns (client_id, client_secret).
    pub async fn m2m_client(&self, name: &str) -> (String, String) {
        let (s, c) = self
            .post(
                "/api/v2/clients",
                json!({"name": name, "app_type": "non_interactive", "grant_types": ["client_credentials"]}),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{c}");
        (c["client_id"].as_str().unwrap().into(), c["client_secret"].as_str().unwrap().into())
    }

    /// Creates an API with the given scopes and signing algorithm; returns its JSON.
    pub async fn api(&self, identifier: &str, alg: &str, scopes: &[&str]) -> Value {
        let scopes: Vec<Value> =
            scopes.iter().map(|s| json!({"value": s, "description": format!("{s} things")})).collect();
        let (s, api) = self
            .post(
                "/api/v2/resource-servers",
                json!({"name": "Test API", "identifier": identifier, "signing_alg": alg, "scopes": scopes}),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{api}");
        api
    }

    pub async fn grant(&self, client_id: &str, audience: &str, scopes: &[&str]) -> Value {
        let (s, g) = self
            .post("/api/v2/client-grants", json!({"client_id": client_id, "audience": audience, "scope": scopes}))
            .await;
        assert_eq!(s, StatusCode::CREATED, "{g}");
        g
    }

    /// A management token for a client holding only `scopes` (as an admin would set up).
    pub async fn limited_management_token(&self, scopes: &[&str]) -> String {
        let (id, secret) = self.m2m_client("Limited management client").await;
        self.grant(&id, self.sb.management_audience(), scopes).await;
        let (s, t) = self
            .token_request(json!({"grant_type": "client_credentials", "client_id": id, "client_secret": secret, "audience": self.sb.management_audience()}))
            .await;
        assert_eq!(s, StatusCode::OK, "{t}");
        t["access_token"].as_str().unwrap().to_string()
    }
}

pub async fn read(r: reqwest::Response) -> (StatusCode, Value) {
    let status = r.status();
    let text = r.text().await.unwrap();
    let body = if text.is_empty() { Value::Null } else { serde_json::from_str(&text).unwrap_or(Value::String(text)) };
    (status, body)
}

/// Decodes a JWT's payload without checking it (tests verify signatures separately).
pub fn claims(token: &str) -> Value {
    use base64::Engine;
    let payload = token.split('.').nth(1).unwrap();
    serde_json::from_slice(&base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(payload).unwrap()).unwrap()
}
