//! `/oauth/token`, the JWKS and discovery, over real HTTP (contract §1).

mod common;

use base64::Engine;
use common::{claims, read, start};
use jsonwebtoken::{Algorithm, DecodingKey, Validation, jwk::JwkSet};
use reqwest::StatusCode;
use serde_json::{Value, json};

const AUD: &str = "https://api.example.com/orders";

async fn setup(alg: &str) -> (common::T, String, String) {
    let t = start().await;
    t.api(AUD, alg, &["read:orders", "write:orders", "delete:orders"]).await;
    let (id, secret) = t.m2m_client("Orders worker").await;
    t.grant(&id, AUD, &["read:orders", "write:orders"]).await;
    (t, id, secret)
}

fn req(id: &str, secret: &str) -> Value {
    json!({"grant_type": "client_credentials", "client_id": id, "client_secret": secret, "audience": AUD})
}

#[tokio::test]
async fn rs256_token_verifies_against_the_jwks_with_auth0_claims() {
    let (t, id, secret) = setup("RS256").await;
    let (status, body) = t.token_request(req(&id, &secret)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["expires_in"], 86400);
    assert_eq!(body["scope"], "read:orders write:orders");
    assert!(body.get("refresh_token").is_none() && body.get("id_token").is_none());

    let token = body["access_token"].as_str().unwrap();
    let jwks: JwkSet = t.http.get(t.url("/.well-known/jwks.json")).send().await.unwrap().json().await.unwrap();
    let header = jsonwebtoken::decode_header(token).unwrap();
    assert_eq!(header.alg, Algorithm::RS256);
    assert_eq!(header.typ.as_deref(), Some("JWT"));
    let jwk = jwks.find(header.kid.as_deref().expect("kid in header")).expect("kid is in the JWKS");
    let mut v = Validation::new(Algorithm::RS256);
    v.set_audience(&[AUD]);
    v.set_issuer(&[t.sb.issuer()]);
    let data =
        jsonwebtoken::decode::<Value>(token, &DecodingKey::from_jwk(jwk).unwrap(), &v).expect("signature verifies");
    let c = data.claims;
    assert_eq!(c["iss"], format!("{}/", t.sb.base_url()), "iss has a trailing slash");
    assert_eq!(c["sub"], format!("{id}@clients"));
    assert_eq!(c["aud"], AUD, "aud is a string");
    assert_eq!(c["azp"], id);
    assert_eq!(c["gty"], "client-credentials");
    assert_eq!(c["scope"], "read:orders write:orders");
    assert_eq!(c["exp"].as_i64().unwrap() - c["iat"].as_i64().unwrap(), 86400);
}

#[tokio::test]
async fn hs256_token_verifies_with_the_apis_signing_secret() {
    let (t, id, secret) = setup("HS256").await;
    let (_, api) = t.get(&format!("/api/v2/resource-servers/{}", urlencode(AUD))).await;
    let signing_secret = api["signing_secret"].as_str().expect("HS256 APIs expose their signing secret");
    assert!(signing_secret.len() >= 16);
    let (status, body) = t.token_request(req(&id, &secret)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let token = body["access_token"].as_str().unwrap();
    let header = jsonwebtoken::decode_header(token).unwrap();
    assert_eq!(header.alg, Algorithm::HS256);
    assert!(header.kid.is_none(), "HS256 tokens carry no kid (our choice; README)");
    let mut v = Validation::new(Algorithm::HS256);
    v.set_audience(&[AUD]);
    jsonwebtoken::decode::<Value>(token, &DecodingKey::from_secret(signing_secret.as_bytes()), &v)
        .expect("HMAC verifies");
    let forged = jsonwebtoken::decode::<Value>(token, &DecodingKey::from_secret(b"another-secret-0123456789"), &v);
    assert!(forged.is_err(), "a different secret must not verify");
}

#[tokio::test]
async fn form_body_basic_auth_null_fields_and_scope_subset_are_accepted() {
    let (t, id, secret) = setup("RS256").await;
    // Form body, secret in the body.
    let r = t
        .http
        .post(t.url("/oauth/token"))
        .form(&[
            ("grant_type", "client_credentials"),
            ("client_id", &id),
            ("client_secret", &secret),
            ("audience", AUD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    // HTTP Basic, with a scope subset.
    let r = t
        .http
        .post(t.url("/oauth/token"))
        .basic_auth(&id, Some(&secret))
        .form(&[("grant_type", "client_credentials"), ("audience", AUD), ("scope", "read:orders")])
        .send()
        .await
        .unwrap();
    let (status, body) = read(r).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["scope"], "read:orders");
    assert_eq!(claims(body["access_token"].as_str().unwrap())["scope"], "read:orders");
    // JSON with nulls for optional fields, as auth0-python sends.
    let mut b = req(&id, &secret);
    b["organization"] = Value::Null;
    b["scope"] = Value::Null;
    let (status, body) = t.token_request(b).await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

#[tokio::test]
async fn errors_match_the_recorded_ones() {
    let (t, id, secret) = setup("RS256").await;
    let cases: Vec<(Value, StatusCode, &str, String)> = vec![
        (req(&id, "wrong"), StatusCode::UNAUTHORIZED, "access_denied", "Unauthorized".into()),
        (req("nobody", &secret), StatusCode::UNAUTHORIZED, "access_denied", "Unauthorized".into()),
        (
            json!({"grant_type": "client_credentials", "client_id": id, "client_secret": secret, "audience": "https://nope/"}),
            StatusCode::FORBIDDEN,
            "access_denied",
            "Service not enabled within domain: https://nope/".into(),
        ),
        (
            json!({"grant_type": "client_credentials", "client_id": id, "client_secret": secret, "audience": AUD, "scope": "read:orders delete:orders"}),
            StatusCode::FORBIDDEN,
            "access_denied",
            "Client has not been granted scopes: delete:orders".into(),
        ),
        (
            json!({"grant_type": "password", "client_id": id, "client_secret": secret}),
            StatusCode::BAD_REQUEST,
            "unsupported_grant_type",
            "Unsupported grant type: password".into(),
        ),
        (
            json!({"client_id": id}),
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "Missing required parameter: grant_type".into(),
        ),
    ];
    for (body, status, error, description) in cases {
        let (s, b) = t.token_request(body.clone()).await;
        assert_eq!((s, b["error"].as_str().unwrap()), (status, error), "for {body}: {b}");
        assert_eq!(b["error_description"], description, "for {body}");
    }

    // A client without a grant for the API.
    let (other, other_secret) = t.m2m_client("No grant").await;
    let (s, b) = t.token_request(req(&other, &other_secret)).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    assert_eq!(
        b["error_description"],
        format!(
            "Client \"{other}\" is not authorized to access resource server \"{AUD}\". You need to create a \"client-grant\" associated to this API."
        )
    );

    // A client whose grant types lack client_credentials.
    let (s, spa) = t
        .post("/api/v2/clients", json!({"name": "SPA", "app_type": "spa", "grant_types": ["authorization_code"]}))
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let (s, b) = t.token_request(req(spa["client_id"].as_str().unwrap(), spa["client_secret"].as_str().unwrap())).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    assert_eq!(b["error"], "unauthorized_client");
    assert_eq!(b["error_description"], "Grant type 'client_credentials' not allowed for the client.");
    assert_eq!(b["error_uri"], "https://auth0.com/docs/clients/client-grant-types");
}

#[tokio::test]
async fn malformed_token_requests_get_an_oauth_error_not_a_crash() {
    let t = start().await;
    for (ct, body) in [
        ("application/json", "{not json"),
        ("text/plain", "grant_type=client_credentials"),
        ("application/json", "[1,2]"),
    ] {
        let r = t.http.post(t.url("/oauth/token")).header("content-type", ct).body(body).send().await.unwrap();
        let (s, b) = read(r).await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{ct} {body}: {b}");
        assert_eq!(b["error"], "invalid_request");
        assert!(b["error_description"].as_str().unwrap().len() > 10);
    }
    let huge = "a".repeat(3 * 1024 * 1024);
    let r =
        t.http.post(t.url("/oauth/token")).header("content-type", "application/json").body(huge).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn empty_grant_gives_no_scope_and_rfc9068_dialect_changes_claims() {
    let t = start().await;
    let (s, _) = t
        .post("/api/v2/resource-servers", json!({"identifier": AUD, "token_dialect": "rfc9068_profile", "token_lifetime": 600, "scopes": [{"value": "a"}]}))
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let (id, secret) = t.m2m_client("Empty").await;
    t.grant(&id, AUD, &[]).await;
    let (s, body) = t.token_request(req(&id, &secret)).await;
    assert_eq!(s, StatusCode::OK, "{body}");
    assert!(body.get("scope").is_none(), "no scope field for an empty grant: {body}");
    assert_eq!(body["expires_in"], 600);
    let token = body["access_token"].as_str().unwrap();
    assert_eq!(jsonwebtoken::decode_header(token).unwrap().typ.as_deref(), Some("at+jwt"));
    let c = claims(token);
    assert!(c.get("scope").is_none());
    assert_eq!(c["client_id"], id);
    assert!(c.get("azp").is_none() && c.get("gty").is_none(), "RFC 9068 tokens have client_id and no gty: {c}");
    assert!(c["jti"].as_str().is_some_and(|j| !j.is_empty()));
}

#[tokio::test]
async fn jwks_and_discovery_have_the_published_fields() {
    let t = start().await;
    let (s, jwks) = read(t.http.get(t.url("/.well-known/jwks.json")).send().await.unwrap()).await;
    assert_eq!(s, StatusCode::OK);
    let key = &jwks["keys"][0];
    for f in ["kty", "use", "alg", "kid", "n", "e", "x5t", "x5c"] {
        assert!(!key[f].is_null(), "JWKS key lacks {f}: {key}");
    }
    assert_eq!(
        (key["kty"].as_str(), key["use"].as_str(), key["alg"].as_str()),
        (Some("RSA"), Some("sig"), Some("RS256"))
    );
    let cert = base64::engine::general_purpose::STANDARD.decode(key["x5c"][0].as_str().unwrap()).unwrap();
    assert_eq!(cert[0], 0x30, "x5c[0] is a DER certificate");
    let (s, d) = read(t.http.get(t.url("/.well-known/openid-configuration")).send().await.unwrap()).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(d["issuer"], t.sb.issuer());
    assert_eq!(d["jwks_uri"], format!("{}.well-known/jwks.json", t.sb.issuer()));
    assert_eq!(d["token_endpoint"], format!("{}oauth/token", t.sb.issuer()));
}

pub fn urlencode(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect::<String>().replace('+', "%20")
}

#[tokio::test]
async fn the_in_process_management_token_is_the_one_the_token_endpoint_gives() {
    let t = start().await;
    let token = t.sb.management_token().unwrap();
    let (over_http, in_process) = (claims(&t.token), claims(&token));
    for claim in ["iss", "sub", "aud", "azp", "gty", "scope"] {
        assert_eq!(in_process[claim], over_http[claim], "{claim}");
    }
    let (status, _) = t.call_with(&token, reqwest::Method::GET, "/api/v2/clients", None).await;
    assert_eq!(status, StatusCode::OK, "the Management API takes it");
}
