//! Day two in the real window: an application found by typing, opened with its grants; its
//! secret rotated and proven by a token; two access-matrix cells toggled (one on a row added
//! from the index) and applied; a scope added and one removed. Every view screenshotted
//! and audited with axe-core, with a realistic and a very long name, in light and dark.

use grantsmith_e2e::flows::{Tenant, encode};
use grantsmith_e2e::{ESCAPE, Launch, Session, run};
use serde_json::{Value, json};

const AUD: &str = "https://api.example.com/orders";

async fn app(t: &Tenant, name: &str) -> String {
    let a = t
        .post(
            "/api/v2/clients",
            json!({ "name": name, "app_type": "non_interactive", "grant_types": ["client_credentials"] }),
        )
        .await;
    a["client_id"].as_str().unwrap().to_string()
}

async fn scopes_of(t: &Tenant, client_id: &str) -> Option<Vec<String>> {
    let g = t.get(&format!("/api/v2/client-grants?client_id={client_id}")).await;
    g.as_array().unwrap().first().map(|g| {
        let mut s: Vec<String> = g["scope"].as_array().unwrap().iter().map(|v| v.as_str().unwrap().into()).collect();
        s.sort();
        s
    })
}

async fn closed(s: &Session, id: &str) {
    s.press(ESCAPE).await;
    s.wait_until("the dialog closed", &format!("return !document.querySelector('[data-testid={id}]')")).await;
}

fn v(s: &[&str]) -> Option<Vec<String>> {
    Some(s.iter().map(|x| x.to_string()).collect())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_application_is_opened_rotated_and_given_access_in_the_matrix() {
    let t = Tenant::start().await;
    let scopes: Vec<Value> = ["read:orders", "write:orders", "delete:orders", "export:orders", "refund:orders"]
        .iter()
        .map(|s| json!({ "value": s, "description": format!("{} orders", s.split(':').next().unwrap()) }))
        .collect();
    t.post(
        "/api/v2/resource-servers",
        json!({ "identifier": AUD, "name": "Orders API", "signing_alg": "RS256", "scopes": scopes }),
    )
    .await;
    let billing = app(&t, "Billing service").await;
    let reports = app(&t, "Reports").await;
    let long_name = format!("Nightly reconciliation of orders, invoices and refunds {}", "for every region ".repeat(8));
    let long = app(&t, long_name.trim()).await;
    for (c, s) in [(&billing, vec!["read:orders"]), (&long, vec!["read:orders", "write:orders"])] {
        t.post("/api/v2/client-grants", json!({ "client_id": c, "audience": AUD, "scope": s })).await;
    }
    let old_secret = t.get(&format!("/api/v2/clients/{billing}")).await["client_secret"].as_str().unwrap().to_string();

    let (b, r, l) = (billing.clone(), reports.clone(), long.clone());
    let t = std::sync::Arc::new(t);
    let tt = t.clone();
    run("day-two", Launch { env: t.env(), ..Launch::default() }, move |s| async move {
        let mut found = Vec::new();
        s.wait_text("active-tenant-name", "Sandbox").await;

        // Found by typing, opened, its grants shown.
        s.click("nav-apps").await;
        s.wait_until("the index is built", "return document.querySelectorAll('[data-testid=app-row]').length > 0")
            .await;
        s.type_into("apps-search", "billing").await;
        s.wait_until("one row", "return document.querySelectorAll('[data-testid=app-row]').length === 1").await;
        s.css("[data-testid=app-row] button").await.click().await.unwrap();
        let grant = s.wait_text(&format!("app-grant-{AUD}"), "read:orders").await;
        assert!(grant.contains("Orders API"), "{grant}");
        assert!(s.text("app-client-id").await.contains(&b));
        found.extend(s.audit("app-page-light").await);

        // Rotated, shown once, proven by a token.
        s.click("app-rotate").await;
        s.testid("app-rotate-confirm").await;
        s.wait_text("change-affects", "stops working at once").await;
        found.extend(s.audit("rotate-review-light").await);
        s.click("app-rotate-confirm").await;
        let asked = s.answer_natively(Some("Rotate")).await;
        assert_eq!(asked, "Confirm: rotate a client secret on Sandbox");
        let verdict = s.wait_text("app-rotate-verdict", "verified").await;
        assert!(!verdict.contains("not verified"), "{verdict}");
        let shown = s.text("app-rotate-secret").await;
        let now = tt.get(&format!("/api/v2/clients/{b}")).await["client_secret"].as_str().unwrap().to_string();
        assert_eq!(shown.trim(), now, "the secret shown is the tenant's new one");
        assert_ne!(now, old_secret);
        found.extend(s.audit("rotate-verified-light").await);
        closed(&s, "app-rotate-secret").await;

        // The API's matrix: one cell on an existing row, one on a row added from the index.
        s.click("app-grant-api").await;
        s.testid("api-matrix").await;
        found.extend(s.audit("api-matrix-light").await);
        s.click(&format!("matrix-cell-{l}-write:orders")).await;
        s.type_into("matrix-add", "Repo").await;
        const REPORTS: &str =
            "[...document.querySelectorAll('[role=option]')].find(o => o.textContent === 'Reports' && o.offsetParent)";
        s.wait_until("Reports is offered", &format!("return !!{REPORTS}")).await;
        s.eval(&format!("{REPORTS}.click(); return null")).await;
        s.click(&format!("matrix-cell-{r}-export:orders")).await;
        s.wait_text("change-staged", "2 changes staged").await;
        s.screenshot("api-matrix-staged").await;
        s.click("matrix-review").await;
        s.wait_text("change-summary", "Creates 1 grant, changes 1 grant").await;
        found.extend(s.audit("matrix-review-light").await);
        s.click("matrix-apply").await;
        s.wait_until(
            "the change set is done",
            "return document.querySelector('[data-testid=matrix-result]')?.dataset.status === 'done'",
        )
        .await;
        found.extend(s.audit("matrix-result-light").await);
        closed(&s, "matrix-result").await;
        assert_eq!(scopes_of(&tt, &l).await, v(&["read:orders"]));
        assert_eq!(scopes_of(&tt, &r).await, v(&["export:orders"]));
        assert_eq!(scopes_of(&tt, &b).await, v(&["read:orders"]), "untouched");

        // Scopes: one added, one removed (held by nobody).
        s.click("api-tab-scopes").await;
        s.testid("scopes-table").await;
        s.type_into("scopes-add-value", "audit:orders").await;
        s.type_into("scopes-add-description", "Read the audit trail").await;
        s.click("scopes-add").await;
        s.click("scope-remove-refund:orders").await;
        found.extend(s.audit("api-scopes-light").await);
        s.click("scopes-review").await;
        s.testid("scopes-apply").await;
        s.click("scopes-apply").await;
        s.wait_until(
            "the scope change is done",
            "return document.querySelector('[data-testid=scopes-result]')?.dataset.status === 'done'",
        )
        .await;
        closed(&s, "scopes-result").await;
        let api = tt.get(&format!("/api/v2/resource-servers/{}", encode(AUD))).await;
        let values: Vec<&str> =
            api["scopes"].as_array().unwrap().iter().map(|s| s["value"].as_str().unwrap()).collect();
        assert!(values.contains(&"audit:orders") && !values.contains(&"refund:orders"), "{values:?}");

        // Dark: the same views.
        s.set_scheme("dark").await;
        s.click("api-tab-access").await;
        s.testid("api-matrix").await;
        found.extend(s.audit("api-matrix-dark").await);
        s.click("api-tab-scopes").await;
        s.testid("scopes-table").await;
        found.extend(s.audit("api-scopes-dark").await);
        s.click("nav-apps").await;
        s.type_into("apps-search", "nightly").await;
        s.wait_until("one row", "return document.querySelectorAll('[data-testid=app-row]').length === 1").await;
        s.css("[data-testid=app-row] button").await.click().await.unwrap();
        s.wait_text(&format!("app-grant-{AUD}"), "read:orders").await;
        found.extend(s.audit("app-page-long-dark").await);

        // History: each change set, newest first.
        s.click("nav-history").await;
        s.wait_until(
            "three change sets",
            "return document.querySelectorAll('[data-testid=history-change]').length === 3",
        )
        .await;
        let kinds = s
            .eval("return [...document.querySelectorAll('[data-testid=history-change]')].map(e => e.dataset.kind)")
            .await;
        assert_eq!(kinds, json!(["scopes", "access", "rotate_secret"]));
        found.extend(s.audit("history-changes-dark").await);
        assert!(found.is_empty(), "{} accessibility violations:\n{}", found.len(), found.join("\n"));
        tt.assert_nothing_secret_in(&s.data_dir).await;
    })
    .await;
}

/// 200 applications × 30 scopes: the matrix stays readable (sticky headers, filters).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_matrix_of_two_hundred_applications_and_thirty_scopes_is_readable() {
    use grantsmith_sandbox::SandboxConfig;
    let t = Tenant::start_with(SandboxConfig { mgmt_rate_limit: None, ..SandboxConfig::default() }).await;
    let objects = [
        "orders",
        "shipments",
        "invoices",
        "refunds",
        "customers",
        "stock",
        "carriers",
        "labels",
        "returns",
        "reports",
    ];
    let scopes: Vec<String> =
        objects.iter().flat_map(|o| ["read", "write", "delete"].map(|verb| format!("{verb}:{o}"))).collect();
    let scope_json: Vec<Value> =
        scopes.iter().map(|s| json!({ "value": s, "description": format!("Lets the caller {s}") })).collect();
    t.post(
        "/api/v2/resource-servers",
        json!({ "identifier": AUD, "name": "Fulfilment platform API", "signing_alg": "RS256", "scopes": scope_json }),
    )
    .await;
    for i in 1..=200 {
        let name = if i % 50 == 0 {
            format!("Regional warehouse synchronisation worker for the northern and eastern distribution centres {i}")
        } else {
            format!("Warehouse worker {i}")
        };
        let id = app(&t, &name).await;
        let held: Vec<&String> =
            scopes.iter().enumerate().filter(|(k, _)| (k * 7 + i) % 5 == 0).map(|(_, s)| s).collect();
        t.post("/api/v2/client-grants", json!({ "client_id": id, "audience": AUD, "scope": held })).await;
    }
    run("matrix-scale", Launch { env: t.env(), ..Launch::default() }, |s| async move {
        s.wait_text("active-tenant-name", "Sandbox").await;
        s.click("nav-apis").await;
        s.wait_until("the index is built", "return document.querySelectorAll('[data-testid=api-row]').length === 1").await;
        s.css("[data-testid=api-row] button").await.click().await.unwrap();
        s.testid("api-matrix").await;
        let rows = s.eval("return document.querySelectorAll('[data-testid=matrix-row]').length").await;
        assert_eq!(rows, json!(200));
        let cells = s.eval("return document.querySelectorAll('[data-testid=api-matrix] input[type=checkbox]').length").await;
        assert_eq!(cells, json!(6000));
        s.screenshot("matrix-200x30-light").await;
        // Scrolled to the far corner: the header row and the application column stay in view.
        s.eval("const m = document.querySelector('[data-testid=api-matrix]'); m.scrollTop = m.scrollHeight; m.scrollLeft = m.scrollWidth; return null").await;
        let sticky = s
            .eval(
                "const m = document.querySelector('[data-testid=api-matrix]').getBoundingClientRect();
                 const head = document.querySelector('[data-testid=api-matrix] thead th').getBoundingClientRect();
                 const app = document.querySelector('[data-testid=api-matrix] tbody tr:last-child th').getBoundingClientRect();
                 return Math.abs(head.top - m.top) < 3 && Math.abs(app.left - m.left) < 3;",
            )
            .await;
        assert_eq!(sticky, json!(true), "sticky headers");
        s.set_scheme("dark").await;
        s.screenshot("matrix-200x30-dark").await;
        s.type_into("matrix-filter", "regional").await;
        s.wait_until("four rows", "return document.querySelectorAll('[data-testid=matrix-row]').length === 4").await;
        s.screenshot("matrix-200x30-filtered").await;
    })
    .await;
}
