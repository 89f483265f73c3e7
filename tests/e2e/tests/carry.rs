//! Carrying a setup in the real window: a setup on the Sandbox exported as Terraform and as
//! deploy-cli YAML (copied, and saved), promoted to a second, production profile with the
//! API identifier mapped (how far production's 251 applications are read, comparison, review
//! with the typed name, production read again while applying, result, checked on that
//! tenant), then the journal and a drift check there. Every dialog screenshotted and audited
//! with axe-core, light and dark.

use grantsmith_e2e::flows::{Tenant, add_production_profile};
use grantsmith_e2e::{ESCAPE, Launch, Session, run};
use grantsmith_sandbox::{Fault, SandboxConfig, Seed};
use serde_json::json;

const DEV_AUD: &str = "https://api.dev.example.com/orders";
const PROD_AUD: &str = "https://api.example.com/orders";

async fn closed(s: &Session, id: &str) {
    s.press(ESCAPE).await;
    s.wait_until("the dialog closed", &format!("return !document.querySelector('[data-testid={id}]')")).await;
}

/// Opens "Orders worker" on the Applications screen and its grant's "More" menu item `item`.
async fn setup_menu(s: &Session, item: &str) {
    s.click("nav-apps").await;
    s.wait_until("the index is built", "return document.querySelectorAll('[data-testid=app-row]').length > 0").await;
    s.type_into("apps-search", "Orders worker").await;
    s.wait_until("one row", "return document.querySelectorAll('[data-testid=app-row]').length === 1").await;
    s.css("[data-testid=app-row] button").await.click().await.unwrap();
    s.testid("app-grant-more").await;
    s.settle().await;
    s.click("app-grant-more").await;
    s.click(item).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_setup_is_exported_promoted_to_production_and_checked_for_drift() {
    let dev = Tenant::start().await;
    // Production with applications enough for pages: the comparison reads them page by page.
    let seed = Seed { clients: 250, apis: 0, grants: 0 };
    let prod = std::sync::Arc::new(Tenant::start_with(SandboxConfig { seed, ..SandboxConfig::default() }).await);
    let scopes = json!([{ "value": "read:orders", "description": "Read orders" }, { "value": "write:orders", "description": "" }]);
    dev.post("/api/v2/resource-servers", json!({ "identifier": DEV_AUD, "name": "Orders API", "signing_alg": "RS256", "token_lifetime": 3600, "scopes": scopes })).await;
    let app = dev
        .post(
            "/api/v2/clients",
            json!({ "name": "Orders worker", "app_type": "non_interactive", "grant_types": ["client_credentials"] }),
        )
        .await;
    let client_id = app["client_id"].as_str().unwrap().to_string();
    dev.post("/api/v2/client-grants", json!({ "client_id": client_id, "audience": DEV_AUD, "scope": ["read:orders"] }))
        .await;

    let saves = tempfile::tempdir().unwrap();
    let mut env = dev.env();
    env.push(("GRANTSMITH_SAVE_DIR".into(), saves.path().display().to_string()));
    let save_dir = saves.path().to_path_buf();
    let p = prod.clone();
    run("carry", Launch { env, ..Launch::default() }, move |s| async move {
        let mut found = Vec::new();
        s.wait_text("active-tenant-name", "Sandbox").await;

        // A second, production profile.
        add_production_profile(&s, "Acme Prod", &p.sb).await;
        s.wait_text("active-tenant-name", "Sandbox").await;

        // Export: Terraform, then deploy-cli YAML; copied and saved.
        setup_menu(&s, "app-grant-export").await;
        let tf = s.wait_text("export-code", "resource \"auth0_client\"").await;
        assert!(tf.contains(&format!("id = \"{client_id}\"")), "the import block carries the id:\n{tf}");
        assert!(tf.contains("auth0_resource_server_scopes") && !tf.contains("client_secret ="), "{tf}");
        s.click("export-copy").await;
        s.wait_clipboard(&tf).await;
        s.click("export-save").await;
        let saved = s.wait_text("export-saved", "Saved to").await;
        assert!(saved.contains("orders_worker.tf"), "{saved}");
        let file = std::fs::read_to_string(save_dir.join("orders_worker.tf")).unwrap();
        assert_eq!(file.trim(), tf.trim(), "the file is what was shown");
        found.extend(s.audit("export-terraform-light").await);
        s.click("export-format-deploy-cli").await;
        let yaml = s.wait_text("export-code", "resourceServers:").await;
        assert!(yaml.contains("\"##API_IDENTIFIER##\"") && yaml.contains(DEV_AUD), "{yaml}");
        s.click("export-copy").await;
        s.wait_clipboard(&yaml).await;
        found.extend(s.audit("export-deploy-cli-light").await);
        closed(&s, "export-code").await;

        // Promote to Acme Prod with the identifier mapped (in dark).
        s.set_scheme("dark").await;
        s.click("app-grant-more").await;
        s.click("app-grant-promote").await;
        s.testid("promote-target").await;
        // Production's first page of applications answers at once, its second slowly: the
        // dialog says how far it has read meanwhile.
        p.sb.add_fault(Fault { delay_ms: Some(1), ..Fault::on("GET", "/api/v2/clients") }).unwrap();
        p.sb.add_fault(Fault { delay_ms: Some(8_000), ..Fault::on("GET", "/api/v2/clients") }).unwrap();
        s.css("[data-testid=promote-target] option:nth-child(2)").await.click().await.unwrap();
        s.wait_text("promote-comparing", "Comparing with Acme Prod: read 100 of 251 applications").await;
        found.extend(s.audit("promote-comparing-dark").await);
        s.testid("promote-map-identifier").await;
        s.type_into("promote-map-identifier", PROD_AUD).await;
        s.wait_until(
            "the comparison uses the mapped identifier",
            &format!("return !!document.querySelector('[data-testid=promote-diff]')?.textContent.includes('{PROD_AUD}') && !document.querySelector('[data-testid=promote-review]').disabled"),
        )
        .await;
        let diff = s.text("promote-diff").await;
        assert!(diff.contains("Acme Prod now") && diff.contains(DEV_AUD) && diff.contains("created"), "{diff}");
        found.extend(s.audit("promote-diff-dark").await);
        s.click("promote-review").await;
        s.type_into("change-confirm-tenant", "Acme Prod").await;
        found.extend(s.audit("promote-review-dark").await);
        // Applying reads production's applications again first, and says so.
        p.sb.add_fault(Fault { delay_ms: Some(2_000), ..Fault::on("GET", "/api/v2/clients") }).unwrap();
        s.click("promote-apply").await;
        s.wait_text("promote-checking", "Checking Acme Prod again before anything is written").await;
        // Then the person's word on production, in the native dialog.
        assert_eq!(s.answer_natively(Some("Apply")).await, "Confirm: change the production tenant Acme Prod");
        s.wait_until(
            "the promotion is done",
            "return document.querySelector('[data-testid=promote-result]')?.dataset.status === 'done'",
        )
        .await;
        found.extend(s.audit("promote-result-dark").await);
        let new_id = s.text("promote-client-id").await.trim().to_string();
        assert_ne!(new_id, client_id);
        let api = p.get(&format!("/api/v2/resource-servers/{}", grantsmith_e2e::flows::encode(PROD_AUD))).await;
        assert_eq!(api["scopes"].as_array().unwrap().len(), 2, "{api}");
        let grants = p.get(&format!("/api/v2/client-grants?client_id={new_id}")).await;
        assert_eq!(grants[0]["audience"], PROD_AUD);
        assert_eq!(grants[0]["scope"], json!(["read:orders"]));

        // On Acme Prod: the journal has the promotion; no drift yet, then one field.
        s.click("promote-switch").await;
        s.wait_text("active-tenant-name", "Acme Prod").await;
        s.set_scheme("light").await;
        s.click("nav-history").await;
        let entry = s.wait_text("journal-entry", "Promoted from Sandbox").await;
        assert!(entry.contains("Orders worker"), "{entry}");
        s.type_into("journal-filter-object", "no such thing").await;
        s.wait_text("history-empty", "No entry matches").await;
        s.type_into("journal-filter-object", "orders").await;
        s.testid("journal-list").await;
        found.extend(s.audit("journal-light").await);

        setup_menu(&s, "drift-check").await;
        s.wait_until("no drift", "return document.querySelector('[data-testid=drift-result]')?.dataset.drift === 'none'").await;
        let api_id = api["id"].as_str().unwrap();
        p.patch(&format!("/api/v2/resource-servers/{api_id}"), json!({ "token_lifetime": 900 })).await;
        closed(&s, "drift-result").await;
        s.click("app-grant-more").await;
        s.click("drift-check").await;
        let drift = s.wait_text("drift-result", "900").await;
        assert!(drift.contains("Token lifetime") && drift.contains("3600"), "{drift}");
        found.extend(s.audit("drift-light").await);
        s.click("drift-accept").await;
        s.wait_until("accepted", "return document.querySelector('[data-testid=drift-result]')?.dataset.drift === 'none'").await;
        assert!(found.is_empty(), "axe violations:\n{}", found.join("\n"));
    })
    .await;
    prod.assert_nothing_secret_in(saves.path()).await;
}
