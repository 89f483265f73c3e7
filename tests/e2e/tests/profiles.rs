//! Tenant profiles in the real window: the Sandbox profile active on start, adding a second
//! tenant (another sandbox) with validation and a connection test, switching between them,
//! and each showing its own applications.

use grantsmith_e2e::flows::add_production_profile;
use grantsmith_e2e::{Launch, Session, run};
use grantsmith_sandbox::{Sandbox, SandboxConfig};
use serde_json::json;

async fn sandbox_with_app(app_name: &str) -> Sandbox {
    let sb = Sandbox::start(SandboxConfig::default()).await.unwrap();
    let r = reqwest::Client::new()
        .post(format!("{}/api/v2/clients", sb.base_url()))
        .bearer_auth(sb.management_token().unwrap())
        .json(&json!({"name": app_name, "app_type": "non_interactive", "grant_types": ["client_credentials"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 201);
    sb
}

async fn apps_text(s: &Session) -> String {
    s.click("nav-apps").await;
    s.testid("apps-list").await;
    s.wait_until("applications are listed", "return document.querySelectorAll('[data-testid=app-row]').length > 0")
        .await;
    s.text("apps-list").await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn add_a_tenant_test_it_and_switch_between_two_tenants() {
    let first = sandbox_with_app("Alpha Orders Service").await;
    let second = sandbox_with_app("Bravo Billing Worker").await;
    let env = vec![
        ("GRANTSMITH_SANDBOX_URL".to_string(), first.base_url()),
        ("GRANTSMITH_SANDBOX_CLIENT_ID".to_string(), first.management_client_id().to_string()),
        ("GRANTSMITH_SANDBOX_CLIENT_SECRET".to_string(), first.management_client_secret()),
    ];
    let (url, id, secret) =
        (second.base_url(), second.management_client_id().to_string(), second.management_client_secret());

    run("profiles", Launch { env, ..Launch::default() }, move |s| async move {
        assert_eq!(s.wait_text("active-tenant-name", "Sandbox").await, "Sandbox");
        let apps = apps_text(&s).await;
        assert!(apps.contains("Alpha Orders Service"), "{apps}");

        // The add form: empty, then with errors, then tested.
        s.click("add-tenant").await;
        s.testid("permission-guide").await;
        s.screenshot("profiles-add-empty").await;
        s.type_into("profile-domain", "http://example.com").await;
        s.type_into("profile-client-id", "has a space").await;
        s.type_into("profile-name", "").await;
        s.blur().await;
        // The touched fields' rules appear once the debounced check answers; only then is the
        // layout still, so Save is clicked where it stays.
        let page = s.wait_text("main-pane", "contains a space").await;
        assert!(page.contains("only allowed for a local sandbox"), "domain rule shown: {page}");
        s.click("profile-save").await;
        // Save shows the rules of fields never touched, too.
        s.wait_text("main-pane", "Name is empty").await;
        s.screenshot("profiles-add-errors").await;

        s.type_into("profile-name", "  Second tenant  ").await;
        s.type_into("profile-domain", &url).await;
        s.type_into("profile-client-id", &id).await;
        s.type_into("profile-client-secret", &secret).await;
        // The rules shown since Save disappear as the check answers; click once they have.
        s.wait_until("the form is valid", "return !document.querySelector('[data-testid=profile-test]').disabled").await;
        s.click("env-staging").await;
        s.wait_until("Staging is chosen", "return !!document.querySelector('input[type=radio][value=staging]:checked')").await;
        s.click("profile-test").await;
        // The Sandbox is plain http: the secret goes there only once the person said yes.
        assert!(s.answer_natively(Some("Send")).await.starts_with("Confirm: send the client secret to 127.0.0.1:"));
        let result = s.wait_text("profile-test-result", "Ready to use").await;
        assert!(result.contains("Every permission"), "{result}");
        s.screenshot("profiles-add-tested").await;
        s.click("profile-save").await;
        s.testid("tenants-add").await;

        // Switch to it from the sidebar: its own applications show.
        s.css("[aria-label^='Switch to Second tenant']").await.click().await.unwrap();
        s.wait_text("active-tenant-name", "Second tenant").await;
        assert_eq!(s.text("active-tenant-env").await, "Staging");
        let apps = apps_text(&s).await;
        assert!(apps.contains("Bravo Billing Worker") && !apps.contains("Alpha Orders Service"), "{apps}");
        s.screenshot("profiles-second-tenant-apps").await;

        // And back.
        s.click("tenant-sandbox").await;
        s.wait_text("active-tenant-name", "Sandbox").await;
        s.wait_until(
            "the Sandbox's applications are back",
            "const t = document.querySelector('[data-testid=apps-list]'); return !!t && t.textContent.includes('Alpha Orders Service') && !t.textContent.includes('Bravo')",
        )
        .await;
    })
    .await;
    drop((first, second));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn production_tenant_shows_a_red_band_and_can_be_removed() {
    let other = sandbox_with_app("Prod App").await;
    let other = std::sync::Arc::new(other);
    let sb = other.clone();
    run("profiles-production-removed", Launch::default(), move |s| async move {
        s.wait_text("active-tenant-name", "Sandbox").await;
        add_production_profile(&s, "Acme Prod", &sb).await;
        s.css("[aria-label^='Switch to Acme Prod']").await.click().await.unwrap();
        let band = s.wait_text("production-banner", "PRODUCTION").await;
        assert!(band.contains("Acme Prod"), "{band}");
        s.screenshot("profiles-production").await;

        s.click("manage-tenants").await;
        let remove = s.css("[data-testid^='tenant-remove-p_']").await;
        s.settle().await;
        remove.click().await.unwrap();
        s.click("tenant-remove-confirm").await;
        s.wait_text("active-tenant-name", "Sandbox").await;
        s.wait_until("the band is gone", "return !document.querySelector('[data-testid=production-banner]')").await;
    })
    .await;
    drop(other);
}

/// Without a Secret Service the app says so, keeps a tenant's secret for this session
/// only when asked, works with it, and writes it nowhere.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_keychain_a_tenant_works_for_the_session_and_its_secret_stays_off_disk() {
    let other = grantsmith_e2e::flows::Tenant::start().await;
    let (url, id, secret) =
        (other.sb.base_url(), other.sb.management_client_id().to_string(), other.sb.management_client_secret());
    let dir = tempfile::tempdir().unwrap();
    let env = vec![("DBUS_SESSION_BUS_ADDRESS".to_string(), "unix:path=/nonexistent/grantsmith-e2e-bus".to_string())];
    let data_dir = Some(dir.path().to_path_buf());
    run("profiles-no-keychain", Launch { env, data_dir, ..Launch::default() }, move |s| async move {
        s.wait_text("keychain-status", "Keychain unavailable").await;
        s.click("add-tenant").await;
        s.type_into("profile-name", "Session tenant").await;
        s.type_into("profile-domain", &url).await;
        s.type_into("profile-client-id", &id).await;
        s.type_into("profile-client-secret", &secret).await;
        s.wait_until("the form is valid", "return !document.querySelector('[data-testid=profile-test]').disabled")
            .await;
        s.click("profile-save").await;
        let why = s.wait_text("keychain-problem", "not reachable").await;
        assert!(why.contains("session only"), "the way out is offered: {why}");
        s.screenshot("profiles-no-keychain-offer").await;
        s.click("profile-session-only").await;
        s.click("profile-save").await;
        s.testid("tenants-add").await;
        s.css("[aria-label^='Switch to Session tenant']").await.click().await.unwrap();
        s.wait_text("active-tenant-name", "Session tenant").await;
        s.click("nav-apps").await;
        s.wait_until(
            "the tenant answers with the session secret",
            "return document.querySelectorAll('[data-testid=app-row]').length > 0",
        )
        .await;
    })
    .await;
    other.assert_nothing_secret_in(dir.path()).await;
}
