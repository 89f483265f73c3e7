// Get a Machine-to-Machine token for {{AUDIENCE}} and call the API.
// Cargo.toml: reqwest = { version = "0.13", features = ["json", "form"] }, serde = { version = "1", features = ["derive"] },
//             tokio = { version = "1", features = ["full"] }
// The secret comes from the environment: CLIENT_SECRET=... cargo run
// The token is cached until shortly before it expires (Auth0 counts M2M tokens).
use std::time::{Duration, Instant};

use serde::Deserialize;
use tokio::sync::Mutex;

#[derive(Deserialize)]
struct TokenResponse {
    access_token: String,
    expires_in: u64,
}

struct TokenCache(Mutex<Option<(String, Instant)>>);

impl TokenCache {
    async fn get(&self, http: &reqwest::Client) -> Result<String, reqwest::Error> {
        let mut cached = self.0.lock().await;
        if let Some((token, expires_at)) = cached.as_ref() {
            if *expires_at > Instant::now() + Duration::from_secs(60) {
                return Ok(token.clone());
            }
        }
        let secret = std::env::var("CLIENT_SECRET").expect("set CLIENT_SECRET");
        let response: TokenResponse = http
            .post("{{TOKEN_URL}}")
            .form(&[
                ("grant_type", "client_credentials"),
                ("client_id", "{{CLIENT_ID}}"),
                ("client_secret", secret.as_str()),
                ("audience", "{{AUDIENCE}}"),
            ])
            .send()
            .await?
            .error_for_status()?
            .json()
            .await?;
        let expires_at = Instant::now() + Duration::from_secs(response.expires_in);
        *cached = Some((response.access_token.clone(), expires_at));
        Ok(response.access_token)
    }
}

#[tokio::main]
async fn main() -> Result<(), reqwest::Error> {
    let http = reqwest::Client::new();
    let tokens = TokenCache(Mutex::new(None));
    let api_url = std::env::var("API_URL").unwrap_or_else(|_| "{{AUDIENCE}}".into());
    for _ in 0..2 {
        // The second call reuses the cached token.
        let response = http.get(&api_url).bearer_auth(tokens.get(&http).await?).send().await?;
        println!("{} {}", response.status(), response.text().await?);
    }
    Ok(())
}
