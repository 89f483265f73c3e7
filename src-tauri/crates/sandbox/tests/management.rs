//! Management API v2 over real HTTP: clients, resource servers, client grants, auth and
//! scopes (contract §2, §4), checked against the recorded real responses.

mod common;

use common::{read, start};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

fn keys(v: &Value) -> Vec<String> {
    let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
    k.sort();
    k
}

fn enc(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

#[tokio::test]
async fn minimal_resource_server_create_matches_the_recorded_response() {
    let t = start().await;
    // REC-tf TestAccResourceServer: POST {"identifier": …} → 201 with exactly these fields.
    let (s, rs) = t
        .post("/api/v2/resource-servers", json!({"identifier": "https://uat.api.example.com/TestAccResourceServer"}))
        .await;
    assert_eq!(s, StatusCode::CREATED);
    assert_eq!(
        keys(&rs),
        [
            "allow_offline_access",
            "id",
            "identifier",
            "signing_alg",
            "skip_consent_for_verifiable_first_party_clients",
            "subject_type_authorization",
            "token_lifetime",
            "token_lifetime_for_web"
        ],
        "no name, no scopes, no signing_secret when not sent"
    );
    assert_eq!(rs["signing_alg"], "RS256");
    assert_eq!(rs["token_lifetime"], 86400);
    assert_eq!(rs["token_lifetime_for_web"], 7200);
    assert_eq!(rs["allow_offline_access"], false);
    assert_eq!(
        rs["subject_type_authorization"],
        json!({"client": {"policy": "require_client_grant"}, "user": {"policy": "allow_all"}})
    );
    let id = rs["id"].as_str().unwrap();
    assert!(id.len() == 24 && id.chars().all(|c| c.is_ascii_hexdigit()), "24-hex id: {id}");
}

#[tokio::test]
async fn resource_server_is_found_by_id_and_by_either_identifier_encoding() {
    let t = start().await;
    let api = t.api("https://api.example.com/", "RS256", &["read:x"]).await;
    let id = api["id"].as_str().unwrap();
    for path in [
        format!("/api/v2/resource-servers/{id}"),
        // go-auth0: PathEscape, then / → %2F (':' stays raw).
        "/api/v2/resource-servers/https:%2F%2Fapi.example.com%2F".to_string(),
        // node v6: encodeURIComponent.
        "/api/v2/resource-servers/https%3A%2F%2Fapi.example.com%2F".to_string(),
    ] {
        let (s, got) = t.get(&path).await;
        assert_eq!(s, StatusCode::OK, "{path}: {got}");
        assert_eq!(got["id"], id);
    }
    let (s, e) = t.get("/api/v2/resource-servers/https%3A%2F%2Fapi.example.com").await;
    assert_eq!(s, StatusCode::NOT_FOUND, "the trailing slash is significant");
    assert_eq!(
        e,
        json!({"statusCode": 404, "error": "Not Found", "message": "The resource server does not exist", "errorCode": "inexistent_resource_server"})
    );
}

#[tokio::test]
async fn resource_server_rules_identifier_immutable_scopes_replaced_duplicates_refused() {
    let t = start().await;
    let api = t.api("https://orders", "RS256", &["read:orders", "write:orders"]).await;
    let path = format!("/api/v2/resource-servers/{}", api["id"].as_str().unwrap());

    let (s, e) = t.patch(&path, json!({"identifier": "https://other"})).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_eq!(e["errorCode"], "invalid_body");
    assert_eq!(e["message"], "Payload validation error: 'Additional properties not allowed: identifier'.");

    let (s, rs) = t.patch(&path, json!({"scopes": [{"value": "admin"}]})).await;
    assert_eq!(s, StatusCode::OK, "PATCH answers 200, not 201");
    assert_eq!(rs["scopes"], json!([{"value": "admin"}]), "PATCH replaces the whole scope list");

    let (s, rs) = t.patch(&path, json!({"signing_alg": "HS256"})).await;
    assert_eq!(s, StatusCode::OK);
    assert!(rs["signing_secret"].as_str().is_some_and(|x| x.len() >= 16), "switching to HS256 gives a secret");

    let (s, e) = t.post("/api/v2/resource-servers", json!({"identifier": "https://orders"})).await;
    assert_eq!(s, StatusCode::CONFLICT);
    assert_eq!(e["statusCode"], 409);

    for (body, needle) in [
        (json!({"identifier": ""}), "String is too short (0 chars), minimum 1' on property identifier"),
        (json!({"identifier": "x".repeat(601)}), "String is too long (601 chars), maximum 600' on property identifier"),
        (json!({"identifier": "https://a", "name": "<script>"}), "pattern ^[^<>]+$"),
        (json!({"identifier": "https://a", "token_lifetime": 2592001}), "greater than maximum 2592000"),
        (json!({"identifier": "https://a", "token_lifetime": -1}), "less than minimum 0"),
        (json!({"identifier": "https://a", "signing_alg": "ES256"}), "No enum match for: \"ES256\""),
        (json!({"identifier": "https://a", "scopes": [{"value": "has space"}]}), "not allowed in a scope"),
        (json!({"identifier": "https://a", "scopes": [{"value": "x".repeat(281)}]}), "maximum 280"),
        (
            json!({"identifier": "https://a", "token_lifetime": 100, "token_lifetime_for_web": 200}),
            "token_lifetime_for_web",
        ),
        (json!({"identifier": "https://a", "signing_secret": "short"}), "minimum 16"),
    ] {
        let (s, e) = t.post("/api/v2/resource-servers", body.clone()).await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{body}");
        assert!(e["message"].as_str().unwrap().contains(needle), "{body}: {}", e["message"]);
    }
    let thousand: Vec<Value> = (0..1000).map(|i| json!({"value": format!("scope:{i}")})).collect();
    let (s, _) = t.post("/api/v2/resource-servers", json!({"identifier": "https://big", "scopes": thousand})).await;
    assert_eq!(s, StatusCode::CREATED, "1,000 scopes are allowed");
    let (s, _) = t
        .patch(
            "/api/v2/resource-servers/https%3A%2F%2Fbig",
            json!({"scopes": (0..1001).map(|i| json!({"value": format!("s{i}")})).collect::<Vec<_>>()}),
        )
        .await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "the 1,001st scope is refused");

    let (s, _) = t.delete(&path).await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let (s, _) = t.delete(&path).await;
    assert_eq!(s, StatusCode::NO_CONTENT, "DELETE is idempotent");
}

#[tokio::test]
async fn system_management_api_is_listed_and_mostly_read_only() {
    let t = start().await;
    let (s, list) = t.get("/api/v2/resource-servers").await;
    assert_eq!(s, StatusCode::OK);
    let system = list.as_array().unwrap().iter().find(|r| r["is_system"] == true).expect("system API listed");
    assert_eq!(system["name"], "Auth0 Management API");
    assert_eq!(system["identifier"], t.sb.management_audience());
    let path = format!("/api/v2/resource-servers/{}", system["id"].as_str().unwrap());
    let (s, e) = t.patch(&path, json!({"scopes": []})).await;
    assert_eq!(s, StatusCode::BAD_REQUEST);
    assert_eq!(e["message"], "Payload validation error: 'Additional properties not allowed: scopes'.");
    let (s, rs) = t.patch(&path, json!({"token_lifetime": 3600})).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(rs["token_lifetime"], 3600);
    let (s, _) = t.delete(&path).await;
    assert_eq!(s, StatusCode::FORBIDDEN, "the system API cannot be deleted");
}

#[tokio::test]
async fn client_create_defaults_are_the_recorded_ones() {
    let t = start().await;
    let (s, c) = t.post("/api/v2/clients", json!({"name": "Recorded", "app_type": "non_interactive"})).await;
    assert_eq!(s, StatusCode::CREATED);
    assert_eq!(c["grant_types"], json!(["authorization_code", "implicit", "refresh_token", "client_credentials"]));
    assert_eq!(c["is_first_party"], true);
    assert_eq!(c["oidc_conformant"], false);
    assert_eq!(c["jwt_configuration"], json!({"secret_encoded": false, "lifetime_in_seconds": 36000}));
    assert_eq!(c["sso_disabled"], false);
    assert_eq!(c["custom_login_page_on"], true);
    assert!(c.get("token_endpoint_auth_method").is_none(), "only returned when sent");
    let id = c["client_id"].as_str().unwrap();
    assert!(id.len() == 32 && id.chars().all(|x| x.is_ascii_alphanumeric()));
    let secret = c["client_secret"].as_str().unwrap();
    assert_eq!(secret.len(), 64);

    for (body, needle) in [
        (json!({"app_type": "non_interactive"}), "Missing required property: name"),
        (json!({"name": "<b>x</b>"}), "pattern ^[^<>]+$"),
        (json!({"name": "x", "description": "d".repeat(141)}), "maximum 140"),
        (json!({"name": "x", "client_id": "mine"}), "Additional properties not allowed: client_id"),
        (
            json!({"name": "x", "app_type": "non_interactive", "token_endpoint_auth_method": "none"}),
            "cannot be \"none\"",
        ),
        (json!({"name": "x", "grant_types": ["magic"]}), "No enum match for: \"magic\""),
        (json!({"name": "x", "client_metadata": {"a": "b".repeat(256)}}), "maximum 255"),
    ] {
        let (s, e) = t.post("/api/v2/clients", body.clone()).await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{body}");
        assert_eq!(e["errorCode"], "invalid_body");
        assert!(e["message"].as_str().unwrap().contains(needle), "{body}: {}", e["message"]);
    }
}

#[tokio::test]
async fn client_update_delete_rotate_and_not_found() {
    let t = start().await;
    let (id, secret) = t.m2m_client("Worker").await;
    let path = format!("/api/v2/clients/{id}");
    let (s, c) = t.patch(&path, json!({"name": "Renamed", "client_metadata": {"grantsmith_run": "r1"}})).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!((c["name"].as_str(), c["client_metadata"]["grantsmith_run"].as_str()), (Some("Renamed"), Some("r1")));
    let (s, e) = t.patch(&path, json!({})).await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "PATCH needs at least one property: {e}");

    let (s, rotated) = t.post(&format!("{path}/rotate-secret"), json!({})).await;
    assert_eq!(s, StatusCode::OK);
    assert_ne!(rotated["client_secret"], secret);
    assert_eq!(rotated["client_secret"].as_str().unwrap().len(), 64);

    let (s, _) = t.delete(&path).await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let (s, e) = t.get(&path).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert_eq!(
        e,
        json!({"statusCode": 404, "error": "Not Found", "message": "The client does not exist", "errorCode": "inexistent_client"})
    );
    let (s, _) = t.get("/api/v2/clients/..%2F..%2Fetc%2Fpasswd").await;
    assert_eq!(s, StatusCode::NOT_FOUND, "path-traversal-looking ids are just unknown ids");
}

#[tokio::test]
async fn client_secret_needs_read_client_keys() {
    let t = start().await;
    let (id, _) = t.m2m_client("Secretive").await;
    let plain = t.limited_management_token(&["read:clients"]).await;
    let (s, c) = t.call_with(&plain, Method::GET, &format!("/api/v2/clients/{id}"), None).await;
    assert_eq!(s, StatusCode::OK);
    assert!(c.get("client_secret").is_none(), "secret silently left out without read:client_keys");
    assert_eq!(c["grant_types"], json!(["client_credentials"]));
    let (s, e) = t.call_with(&plain, Method::GET, &format!("/api/v2/clients/{id}?fields=client_secret"), None).await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    assert_eq!(e["message"], "You cannot read the following fields: client_secret");

    let keys = t.limited_management_token(&["read:client_keys"]).await;
    let (_, c) =
        t.call_with(&keys, Method::GET, &format!("/api/v2/clients/{id}?fields=client_secret,client_id"), None).await;
    assert_eq!(c["client_secret"].as_str().map(str::len), Some(64));
    assert!(c.get("name").is_none(), "fields limits the response");
}

#[tokio::test]
async fn management_auth_missing_bad_expired_and_insufficient_scope() {
    let t = start().await;
    let r = t.http.get(t.url("/api/v2/clients")).send().await.unwrap();
    let (s, e) = read(r).await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    assert_eq!(e["message"], "Missing authentication");
    assert_eq!(e["attributes"]["error"], "Missing authentication");

    let (s, e) = t.call_with("not.a.jwt", Method::GET, "/api/v2/clients", None).await;
    assert_eq!((s, e["message"].as_str()), (StatusCode::UNAUTHORIZED, Some("Invalid token")));

    let readonly = t.limited_management_token(&["read:clients"]).await;
    let (s, e) = t
        .call_with(
            &readonly,
            Method::POST,
            "/api/v2/client-grants",
            Some(json!({"client_id": "x", "audience": "y", "scope": []})),
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
    assert_eq!(
        e,
        json!({"statusCode": 403, "error": "Forbidden", "message": "Insufficient scope, expected any of: create:client_grants", "errorCode": "insufficient_scope"})
    );

    t.sb.advance_clock(std::time::Duration::from_secs(86_401));
    let (s, e) = t.get("/api/v2/clients").await;
    assert_eq!(s, StatusCode::UNAUTHORIZED);
    assert_eq!(e["message"], "Expired token received for JSON Web Token validation");
}

#[tokio::test]
async fn client_grants_create_filter_patch_conflict_and_delete() {
    let t = start().await;
    t.api("https://orders", "RS256", &["read:orders", "write:orders"]).await;
    let (id, _) = t.m2m_client("Worker").await;
    let g = t.grant(&id, "https://orders", &["read:orders"]).await;
    let gid = g["id"].as_str().unwrap();
    assert!(gid.starts_with("cgr_") && gid.len() == 20, "{gid}");
    assert_eq!(g["subject_type"], "client", "subject_type defaults to client");
    assert_eq!(g["scope"], json!(["read:orders"]));

    let (s, e) =
        t.post("/api/v2/client-grants", json!({"client_id": id, "audience": "https://orders", "scope": []})).await;
    assert_eq!(s, StatusCode::CONFLICT);
    assert_eq!(e["message"], format!("A client grant already exists between {id} and https://orders."));

    let (s, e) = t.post("/api/v2/client-grants", json!({"client_id": id, "audience": "https://orders"})).await;
    assert_eq!(
        (s, e["message"].as_str()),
        (StatusCode::BAD_REQUEST, Some("Payload validation error: 'Missing required property: scope'."))
    );
    let (s, e) = t
        .post("/api/v2/client-grants", json!({"client_id": "nobody", "audience": "https://orders", "scope": []}))
        .await;
    assert_eq!((s, e["message"].as_str()), (StatusCode::NOT_FOUND, Some("Client not found")));
    let (s, e) =
        t.post("/api/v2/client-grants", json!({"client_id": id, "audience": "https://missing", "scope": []})).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert_eq!(e["message"], "No resource with identifier https://missing");

    let (s, list) = t.get(&format!("/api/v2/client-grants?client_id={id}&audience={}", enc("https://orders"))).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["id"], gid);

    let (s, g2) = t.patch(&format!("/api/v2/client-grants/{gid}"), json!({"scope": ["write:orders"]})).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(g2["scope"], json!(["write:orders"]), "PATCH replaces scope");
    let (s, e) = t.patch(&format!("/api/v2/client-grants/{gid}"), json!({"audience": "https://x"})).await;
    assert_eq!(
        (s, e["message"].as_str()),
        (StatusCode::BAD_REQUEST, Some("Payload validation error: 'Additional properties not allowed: audience'."))
    );
    let (s, _) = t.patch(&format!("/api/v2/client-grants/{gid}"), json!({"scope": ["undefined:scope"]})).await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "scopes must be defined on the API (our choice; README)");
    // Removing a scope from the API leaves the grants that hold it alone (README).
    let (s, _) = t.patch(&format!("/api/v2/resource-servers/{}", enc("https://orders")), json!({"scopes": []})).await;
    assert_eq!(s, StatusCode::OK);
    let (_, g3) = t.get(&format!("/api/v2/client-grants/{gid}")).await;
    assert_eq!(g3["scope"], json!(["write:orders"]), "the grant keeps a scope its API no longer defines");

    let (s, _) = t.delete(&format!("/api/v2/client-grants/{gid}")).await;
    assert_eq!(s, StatusCode::NO_CONTENT);
    let (s, _) = t.delete(&format!("/api/v2/client-grants/{gid}")).await;
    assert_eq!(s, StatusCode::NO_CONTENT, "deleting twice is a 204");
    let (s, e) = t.get(&format!("/api/v2/client-grants/{gid}")).await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    assert_eq!(e["errorCode"], "inexistent_client_grant");
    assert_eq!(e["message"], "The grant does not exist.");
}

#[tokio::test]
async fn deleting_a_client_removes_its_grants() {
    let t = start().await;
    t.api("https://orders", "RS256", &["read:orders"]).await;
    let (id, _) = t.m2m_client("Worker").await;
    t.grant(&id, "https://orders", &["read:orders"]).await;
    t.delete(&format!("/api/v2/clients/{id}")).await;
    let (_, list) = t.get(&format!("/api/v2/client-grants?client_id={id}")).await;
    assert_eq!(list, json!([]));
}
