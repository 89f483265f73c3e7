//! The setup wizard in the real window on the Sandbox profile: the whole path for RS256
//! and HS256, the tenant checked through the Management API afterwards, and a validation
//! error shown inline. A screenshot per step.

use grantsmith_e2e::flows::{Tenant, encode, fill_in_and_apply, go_through_the_wizard};
use grantsmith_e2e::{Launch, run};
use grantsmith_sandbox::Fault;
use serde_json::{Value, json};

async fn check_tenant(t: &Tenant, alg: &str) {
    let identifier = format!("https://api.example.com/orders-{}", alg.to_lowercase());
    let apps = t.get("/api/v2/clients?app_type=non_interactive").await;
    let mine: Vec<&Value> =
        apps.as_array().unwrap().iter().filter(|a| a["name"] == format!("Orders worker {alg}")).collect();
    assert_eq!(mine.len(), 1, "one application: {apps}");
    assert_eq!(mine[0]["grant_types"], json!(["client_credentials"]));
    let enc: String = encode(&identifier);
    let api = t.get(&format!("/api/v2/resource-servers/{enc}")).await;
    assert_eq!(api["signing_alg"], alg);
    assert_eq!(
        api["scopes"],
        json!([{"value": "read:orders", "description": "Read orders"}, {"value": "write:orders", "description": "Create and change orders"}])
    );
    let grants = t.get(&format!("/api/v2/client-grants?client_id={}", mine[0]["client_id"].as_str().unwrap())).await;
    assert_eq!(grants.as_array().unwrap().len(), 1);
    assert_eq!(grants[0]["audience"], identifier.as_str());
    assert_eq!(grants[0]["scope"], json!(["read:orders"]));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_full_wizard_for_rs256_and_hs256_sets_up_the_tenant() {
    let t = Tenant::start().await;
    let env = t.env();
    let dir = tempfile::tempdir().unwrap();
    let data_dir = Some(dir.path().to_path_buf());
    run("wizard", Launch { env, data_dir, ..Launch::default() }, |s| async move {
        s.wait_text("active-tenant-name", "Sandbox").await;
        go_through_the_wizard(&s, "RS256", "wizard-rs256").await;
        s.click("wizard-restart").await;
        go_through_the_wizard(&s, "HS256", "wizard-hs256").await;
        s.click("nav-apis").await;
        let apis = s.wait_text("apis-list", "orders-hs256").await;
        assert!(apis.contains("orders-rs256") && apis.contains("HS256"), "{apis}");
        s.screenshot("apis").await;
    })
    .await;
    check_tenant(&t, "RS256").await;
    check_tenant(&t, "HS256").await;
    // Two application secrets and an HS256 signing secret exist now; none is on disk.
    t.assert_nothing_secret_in(dir.path()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn undo_asks_then_deletes_what_the_setup_created() {
    let t = Tenant::start().await;
    let env = t.env();
    run("wizard-undo", Launch { env, ..Launch::default() }, |s| async move {
        s.wait_text("active-tenant-name", "Sandbox").await;
        go_through_the_wizard(&s, "RS256", "wizard-undo").await;
        s.click("wizard-undo").await;
        let modal = s.wait_text("run-undo-confirm", "Delete 3 objects").await;
        assert_eq!(modal, "Delete 3 objects");
        s.settle().await;
        s.screenshot("run-undo-confirm").await;
        s.click("run-undo-confirm").await;
        s.wait_text("main-pane", "Setup undone").await;
        s.click("nav-history").await;
        let history = s.wait_text("history-run", "undone").await;
        assert!(history.contains("Orders worker RS256"), "{history}");
        s.screenshot("history").await;
    })
    .await;
    let apps = t.get("/api/v2/clients?app_type=non_interactive").await;
    assert!(apps.as_array().unwrap().iter().all(|a| a["name"] != "Orders worker RS256"), "{apps}");
    let api = t.get("/api/v2/resource-servers/https%3A%2F%2Fapi.example.com%2Forders-rs256").await;
    assert_eq!(api["statusCode"], 404, "{api}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn rules_are_shown_inline_as_the_user_types_and_the_draft_survives_a_restart() {
    let t = Tenant::start().await;
    let dir = tempfile::tempdir().unwrap();
    let launch = || Launch { env: t.env(), data_dir: Some(dir.path().to_path_buf()), ..Launch::default() };
    run("wizard-validation", launch(), |s| async move {
        s.click("nav-wizard").await;
        s.type_into("wizard-app-name", "<script>alert(1)</script>").await;
        let text = s.wait_text("wizard-step-0", "cannot contain < or >").await;
        assert!(text.contains("Auth0 refuses them"), "{text}");
        s.click("wizard-next").await;
        assert!(s.text("wizard-step-0").await.contains("cannot contain"), "Next does not pass a broken step");
        s.screenshot("wizard-validation-name").await;
        s.type_into("wizard-app-name", "Draft worker").await;
        s.click("wizard-next").await;
        s.type_into("wizard-api-identifier", "https://api.example.com/has space").await;
        s.wait_text("wizard-step-1", "Identifiers cannot contain spaces.").await;
        s.screenshot("wizard-validation-identifier").await;
        // The draft is saved as it is typed (debounced): wait until Rust has it, before the
        // window closes, asking Rust over the page's own IPC.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        let draft = "const done = arguments[arguments.length - 1];
            window.__TAURI_INTERNALS__.invoke('wizard_draft').then(d => done(d.spec.api.identifier ?? null), () => done(null));";
        while s.client.execute_async(draft, vec![]).await.unwrap() != "https://api.example.com/has space" {
            assert!(std::time::Instant::now() < deadline, "the draft was never saved");
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
    })
    .await;
    run("wizard-draft-restored", launch(), |s| async move {
        s.click("nav-wizard").await;
        let identifier = s.testid("wizard-api-identifier").await.prop("value").await.unwrap().unwrap_or_default();
        assert_eq!(identifier, "https://api.example.com/has space", "the draft and its step are restored");
    })
    .await;
}

/// A setup stopped by Auth0 (a 503 on the grant) is finished from History: Resume re-plans
/// on the run's tenant and completes it without a duplicate.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_setup_is_resumed_from_history() {
    let t = Tenant::start().await;
    let grant = Fault { status: Some(503), ..Fault::on("POST", "/api/v2/client-grants") };
    t.sb.add_fault(grant).unwrap();
    let env = t.env();
    let t = std::sync::Arc::new(t);
    let tenant = t.clone();
    run("wizard-resume", Launch { env, ..Launch::default() }, move |s| async move {
        fill_in_and_apply(&s, "RS256", "wizard-resume").await;
        s.wait_text("wizard-failed", "A step failed").await;
        s.screenshot("wizard-failed").await;
        s.click("nav-history").await;
        s.wait_text("history-run", "failed").await;
        s.click("run-resume").await;
        s.wait_text("history-run", "done").await;
        s.screenshot("history-resumed").await;
        check_tenant(&tenant, "RS256").await;
    })
    .await;
}
