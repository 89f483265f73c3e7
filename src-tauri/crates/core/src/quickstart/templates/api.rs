// Validate access tokens for {{AUDIENCE}} in an axum API.
// Cargo.toml: axum = "0.8", jsonwebtoken = { version = "11", features = ["aws_lc_rs"] },
//             serde_json = "1", tokio = { version = "1", features = ["full"] }{{#RS256}},
//             reqwest = { version = "0.13", features = ["json"] }{{/RS256}}
// Listens on PORT (3000 when unset).
use axum::{Json, Router, extract::State, http::{HeaderMap, StatusCode}, routing::get};
use jsonwebtoken::{Algorithm, DecodingKey, Validation, decode};
use serde_json::{Value, json};
use std::sync::Arc;

struct Verifier {
    validation: Validation,
{{#RS256}}    jwks: jsonwebtoken::jwk::JwkSet,
{{/RS256}}{{#HS256}}    key: DecodingKey,
{{/HS256}}}

impl Verifier {
    fn verify(&self, token: &str) -> Result<Value, jsonwebtoken::errors::Error> {
{{#RS256}}        let kid = jsonwebtoken::decode_header(token)?.kid.unwrap_or_default();
        let jwk = self.jwks.find(&kid).ok_or(jsonwebtoken::errors::ErrorKind::InvalidKeyFormat)?;
        let key = DecodingKey::from_jwk(jwk)?;
        Ok(decode::<Value>(token, &key, &self.validation)?.claims)
{{/RS256}}{{#HS256}}        Ok(decode::<Value>(token, &self.key, &self.validation)?.claims)
{{/HS256}}    }
}

async fn orders(State(v): State<Arc<Verifier>>, headers: HeaderMap) -> Result<Json<Value>, StatusCode> {
    let token = headers
        .get("authorization")
        .and_then(|h| h.to_str().ok())
        .and_then(|h| h.strip_prefix("Bearer "))
        .ok_or(StatusCode::UNAUTHORIZED)?;
    let claims = v.verify(token).map_err(|_| StatusCode::UNAUTHORIZED)?;
    Ok(Json(json!({ "ok": true, "sub": claims["sub"] })))
}

#[tokio::main]
async fn main() {
    let mut validation = Validation::new(Algorithm::{{ALG}});
    validation.set_issuer(&["{{ISSUER}}"]);
    validation.set_audience(&["{{AUDIENCE}}"]);
{{#RS256}}    // RS256: keys come from the tenant's JWKS (refresh them when an unknown kid appears).
    let jwks = reqwest::get("{{JWKS_URL}}").await.unwrap().json().await.unwrap();
    let verifier = Arc::new(Verifier { validation, jwks });
{{/RS256}}{{#HS256}}    // HS256: the API's signing secret comes from the environment (API_SIGNING_SECRET).
    let secret = std::env::var("API_SIGNING_SECRET").expect("set API_SIGNING_SECRET");
    let verifier = Arc::new(Verifier { validation, key: DecodingKey::from_secret(secret.as_bytes()) });
{{/HS256}}    let app = Router::new().route("/api/orders", get(orders)).with_state(verifier);
    let port = std::env::var("PORT").unwrap_or_else(|_| "3000".into());
    let listener = tokio::net::TcpListener::bind(format!("0.0.0.0:{port}")).await.unwrap();
    println!("listening on {}", listener.local_addr().unwrap());
    axum::serve(listener, app).await.unwrap();
}
