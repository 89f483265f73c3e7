//! A tenant of 5,000 applications in the real window: indexed with progress on first look,
//! a few dozen rows in the page however many there are, natural order, and one found by
//! typing part of its name.

use grantsmith_e2e::flows::Tenant;
use grantsmith_e2e::{Launch, run};
use grantsmith_sandbox::{SandboxConfig, Seed};
use serde_json::json;

const ROWS: &str = "return [...document.querySelectorAll('[data-testid=app-row]')].map(r => r.textContent)";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_application_among_five_thousand_is_found_by_typing_part_of_its_name() {
    let seed = Seed { clients: 5_000, apis: 100, grants: 2_000 };
    let t = Tenant::start_with(SandboxConfig { seed, mgmt_rate_limit: Some(50), ..SandboxConfig::default() }).await;
    run("scale", Launch { env: t.env(), ..Launch::default() }, |s| async move {
        s.wait_text("active-tenant-name", "Sandbox").await;
        s.click("nav-apps").await;
        s.wait_until("the index is built", "return document.querySelectorAll('[data-testid=app-row]').length > 0")
            .await;
        let count = s.wait_text("apps-count", "of").await;
        assert!(
            count.starts_with("5001 of 5001") || count.starts_with("5000 of 5000") || count.contains("of 500"),
            "{count}"
        );
        s.screenshot("scale-apps").await;

        let rows = s.eval(ROWS).await;
        let rows: Vec<&str> = rows.as_array().unwrap().iter().map(|r| r.as_str().unwrap()).collect();
        assert!(rows.len() <= 100, "{} rows in the page", rows.len());
        // Natural order: within one kind of service, numbers ascend by value.
        let numbered: Vec<(String, u64)> = rows
            .iter()
            .filter_map(|r| r.split_once(" Service ").map(|(noun, rest)| (noun.to_string(), rest)))
            .filter_map(|(noun, rest)| {
                rest.split(|c: char| !c.is_ascii_digit()).next()?.parse().ok().map(|n| (noun, n))
            })
            .collect();
        assert!(numbered.len() > 5, "{rows:?}");
        for w in numbered.windows(2) {
            if w[0].0 == w[1].0 {
                assert!(w[0].1 < w[1].1, "natural order: {:?} then {:?}", w[0], w[1]);
            }
        }

        s.type_into("apps-search", "service 4321").await;
        s.wait_until(
            "one application matches",
            "return document.querySelectorAll('[data-testid=app-row]').length === 1",
        )
        .await;
        let row = s.css("[data-testid=app-row]").await;
        assert!(row.text().await.unwrap().contains("Service 4321"));
        let id = row.attr("data-client-id").await.unwrap().expect("each row names its client id");
        assert_eq!(id.len(), 32, "{id}");
        s.screenshot("scale-apps-found").await;
    })
    .await;
}

/// The test token's pickers search the index: an application among 5,000 and its API are
/// found by typing, picked, and the token is verified — and no list of the tenant's
/// applications is read after the index was built.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_token_pickers_find_an_application_among_five_thousand_in_the_index() {
    let seed = Seed { clients: 5_000, apis: 20, grants: 200 };
    let t = Tenant::start_with(SandboxConfig { seed, mgmt_rate_limit: None, ..SandboxConfig::default() }).await;
    let app = t.post("/api/v2/clients", json!({"name": "Nightly ledger sync", "app_type": "non_interactive"})).await;
    let audience = "https://ledger.example.com/api";
    let scopes = json!([{"value": "read:ledger", "description": "Read the ledger"}]);
    t.post("/api/v2/resource-servers", json!({"identifier": audience, "name": "Ledger API", "scopes": scopes})).await;
    t.post(
        "/api/v2/client-grants",
        json!({"client_id": app["client_id"], "audience": audience, "scope": ["read:ledger"]}),
    )
    .await;
    let t = std::sync::Arc::new(t);
    let tenant = t.clone();
    run("scale-token-pickers", Launch { env: t.env(), ..Launch::default() }, |s| async move {
        let sb = &tenant.sb;
        s.wait_text("active-tenant-name", "Sandbox").await;
        s.click("nav-token").await;
        // The picker builds the index on first look (the application is found once it is
        // built); after that, only searches of it.
        let option = |text: &str| {
            format!("return [...document.querySelectorAll('[role=option]')].find(o => o.textContent === '{text}')")
        };
        s.type_into("token-app", "ledger").await;
        s.wait_until("the application is found", &format!("{} !== undefined", option("Nightly ledger sync"))).await;
        sb.clear_requests();
        s.type_into("token-app", "nightly ledger").await;
        s.wait_until("the application is found", &format!("{} !== undefined", option("Nightly ledger sync"))).await;
        s.eval(&format!("{}.click(); return null", option("Nightly ledger sync").trim_start_matches("return "))).await;
        s.type_into("token-api", "ledger").await;
        let api = format!("Ledger API — {audience}");
        s.wait_until("the API is found", &format!("{} !== undefined", option(&api))).await;
        s.eval(&format!("{}.click(); return null", option(&api).trim_start_matches("return "))).await;
        s.click("token-get").await;
        s.wait_text("token-verdict", "verified").await;
        s.screenshot("scale-token-pickers").await;

        let lists: Vec<String> = sb
            .requests()
            .iter()
            .filter(|r| r.method == "GET" && r.path == "/api/v2/clients")
            .map(|r| r.path.clone())
            .collect();
        assert!(lists.is_empty(), "the applications were listed from the tenant again: {lists:?}");
    })
    .await;
}
