//! The three list shapes, paging limits and field projection (contract §2.0).

mod common;

use common::start_with;
use grantsmith_sandbox::{SandboxConfig, Seed};
use reqwest::StatusCode;
use serde_json::Value;

async fn seeded(clients: usize) -> common::T {
    start_with(SandboxConfig { seed: Seed { clients, apis: 3, grants: 10 }, ..SandboxConfig::default() }).await
}

#[tokio::test]
async fn bare_array_by_default_with_fifty_items() {
    let t = seeded(120).await;
    let (s, v) = t.get("/api/v2/clients").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v.as_array().expect("bare array").len(), 50, "default per_page is 50");
}

#[tokio::test]
async fn include_totals_gives_the_offset_form() {
    let t = seeded(120).await;
    let (s, v) = t.get("/api/v2/clients?include_totals=true&per_page=100&page=1").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["total"], 121, "120 seeded + the management client");
    assert_eq!(v["start"], 100);
    assert_eq!(v["limit"], 100);
    assert_eq!(v["clients"].as_array().unwrap().len(), 21);
}

#[tokio::test]
async fn checkpoint_paging_walks_every_item_once() {
    let t = seeded(120).await;
    let mut seen = std::collections::HashSet::new();
    let mut next: Option<String> = None;
    let mut pages = 0;
    loop {
        let path = match &next {
            Some(n) => format!("/api/v2/clients?take=50&from={n}"),
            None => "/api/v2/clients?take=50".into(),
        };
        let (s, v) = t.get(&path).await;
        assert_eq!(s, StatusCode::OK, "{v}");
        pages += 1;
        for c in v["clients"].as_array().unwrap() {
            assert!(seen.insert(c["client_id"].as_str().unwrap().to_string()), "duplicate across pages");
        }
        match v.get("next").and_then(Value::as_str) {
            Some(n) => next = Some(n.to_string()),
            None => break,
        }
    }
    assert_eq!((seen.len(), pages), (121, 3));
}

#[tokio::test]
async fn per_page_and_take_are_limited_to_100() {
    let t = seeded(5).await;
    for q in [
        "per_page=101",
        "per_page=0",
        "per_page=999999999999",
        "take=101",
        "per_page=abc",
        "page=-1",
        "from=xyz",
        "bogus=1",
    ] {
        let (s, e) = t.get(&format!("/api/v2/client-grants?{q}")).await;
        assert_eq!(s, StatusCode::BAD_REQUEST, "{q}");
        assert_eq!(e["statusCode"], 400);
        assert_eq!(e["errorCode"], "invalid_query_string", "{q}: {e}");
    }
    let (s, v) = t.get("/api/v2/client-grants?per_page=100").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v.as_array().unwrap().len(), 11, "10 seeded + the management grant");
}

#[tokio::test]
async fn fields_and_include_fields_project_items() {
    let t = seeded(2).await;
    let (_, v) = t.get("/api/v2/clients?fields=client_id&include_fields=true&include_totals=true&per_page=50").await;
    let first = &v["clients"][0];
    let mut keys: Vec<&String> = first.as_object().unwrap().keys().collect();
    keys.sort();
    assert_eq!(keys, ["client_id", "tenant"], "REC-go: tenant comes back with client_id");
    let (_, v) = t.get("/api/v2/resource-servers?fields=scopes,name&include_fields=false").await;
    for rs in v.as_array().unwrap() {
        assert!(rs.get("scopes").is_none() && rs.get("name").is_none() && rs.get("identifier").is_some());
    }
    // SPEC's pattern for a client's fields: a name outside it is refused, and named.
    let (status, e) = t.get("/api/v2/clients?fields=client_id,secret_sauce&include_fields=true").await;
    assert_eq!(status, 400);
    assert_eq!(e["errorCode"], "invalid_query_string");
    assert!(e["message"].as_str().unwrap().contains("\"secret_sauce\""), "{e}");
    let (status, _) = t.get("/api/v2/clients?fields=client_id,name,grant_types,client_metadata").await;
    assert_eq!(status, 200);
}

#[tokio::test]
async fn filters_narrow_lists() {
    let t = seeded(5).await;
    let (_, all) = t.get("/api/v2/resource-servers").await;
    let ident = all[1]["identifier"].as_str().unwrap().to_string();
    let q: String = form_urlencoded::Serializer::new(String::new()).append_pair("identifiers", &ident).finish();
    let (_, one) = t.get(&format!("/api/v2/resource-servers?{q}")).await;
    assert_eq!(one.as_array().unwrap().len(), 1);
    assert_eq!(one[0]["identifier"], ident.as_str());
    let (_, spa) = t.get("/api/v2/clients?app_type=spa").await;
    assert_eq!(spa, serde_json::json!([]));
    let (_, m2m) = t.get("/api/v2/clients?app_type=non_interactive&include_totals=true").await;
    assert_eq!(m2m["total"], 6);
}

#[tokio::test]
async fn resource_server_list_matches_the_recorded_go_auth0_request() {
    let t = seeded(0).await;
    t.api("https://api.example.com/", "RS256", &["read:x"]).await;
    // REC-go: GET /resource-servers?fields=id%2Cidentifier&identifiers=https%3A%2F%2Fapi.example.com%2F
    //         &include_fields=true&include_totals=true&per_page=50
    let (s, v) = t
        .get("/api/v2/resource-servers?fields=id%2Cidentifier&identifiers=https%3A%2F%2Fapi.example.com%2F&include_fields=true&include_totals=true&per_page=50")
        .await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!((v["total"].as_u64(), v["start"].as_u64(), v["limit"].as_u64()), (Some(1), Some(0), Some(50)));
    let item = v["resource_servers"][0].as_object().unwrap();
    let mut keys: Vec<&String> = item.keys().collect();
    keys.sort();
    assert_eq!(keys, ["id", "identifier"]);
    assert_eq!(item["identifier"], "https://api.example.com/");
}
