//! The test token in the real window: from the wizard's result one click gives a verified
//! token; after the grant is revoked the doctor names the problem and its fix works.

use grantsmith_e2e::flows::{Tenant, go_through_the_wizard, holds_a_jwt};
use grantsmith_e2e::{Launch, run};
use serde_json::Value;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn token_from_the_wizard_is_verified_and_the_doctor_fixes_a_revoked_grant() {
    let t = Tenant::start().await;
    let env = t.env();
    let (base, token) = (t.sb.base_url(), t.token.clone());
    let dir = tempfile::tempdir().unwrap();
    let data_dir = Some(dir.path().to_path_buf());
    let secrets = std::sync::Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
    let ipc = secrets.clone();
    run("token", Launch { env, data_dir, ..Launch::default() }, move |s| async move {
        s.wait_text("active-tenant-name", "Sandbox").await;
        s.record_ipc().await;
        go_through_the_wizard(&s, "RS256", "token-wizard").await;
        s.click("token-get").await;
        let verdict = s.wait_text("token-verdict", "verified").await;
        assert_eq!(verdict, "Token verified");
        // Arriving with both chosen, the pickers name them from the answer (their index is
        // not read for it).
        let picked = s
            .eval("return ['token-app', 'token-api'].map(id => document.querySelector(`[data-testid=${id}]`).value)")
            .await;
        assert_eq!(picked[0], "Orders worker RS256", "{picked}");
        assert_eq!(picked[1], "Orders API RS256 — https://api.example.com/orders-rs256", "{picked}");
        let checks = s.text("token-checks").await;
        assert!(
            checks.contains("Signature verified")
                && checks.contains("Audience is https://api.example.com/orders-rs256"),
            "{checks}"
        );
        let masked = s.text("token-value").await;
        assert!(masked.contains("hidden"), "masked by default: {masked}");
        s.click("token-reveal").await;
        let shown = s.text("token-value").await;
        assert_eq!(shown.matches('.').count(), 2, "revealed token is a JWT: {shown}");
        s.click("token-copy").await;
        s.wait_clipboard(&shown).await;
        s.screenshot("token-verified").await;

        // Quickstart code for this application and API, secrets as environment variables.
        let curl = s.wait_text("quickstart-code-call-curl", "api.example.com/orders-rs256").await;
        assert!(curl.contains("CLIENT_SECRET") && curl.contains("oauth/token"), "{curl}");
        s.click("quickstart-api-side").await;
        let node = s.wait_text("quickstart-code-api-node", "express-oauth2-jwt-bearer").await;
        assert!(node.contains("issuerBaseURL"), "an RS256 API validates with the JWKS: {node}");
        s.screenshot("token-quickstart").await;
        s.click("theme-dark").await;
        s.screenshot("token-quickstart-dark").await;

        // Revoke the grant behind the app's back, as an admin might in the Dashboard.
        let http = reqwest::Client::new();
        let grants: Value = http
            .get(format!("{base}/api/v2/client-grants?audience=https%3A%2F%2Fapi.example.com%2Forders-rs256"))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let id = grants[0]["id"].as_str().unwrap();
        let r = http.delete(format!("{base}/api/v2/client-grants/{id}")).bearer_auth(&token).send().await.unwrap();
        assert_eq!(r.status(), 204);

        s.click("token-fresh").await;
        s.click("token-get").await;
        s.wait_text("token-verdict", "failed").await;
        let diagnosis = s.wait_text("token-diagnosis", "not authorized").await;
        assert!(diagnosis.contains("Authorize"), "{diagnosis}");
        s.screenshot("token-diagnosis").await;
        s.click("token-fix").await;
        s.wait_text("token-fix-summary", "Create a client grant").await;
        // The fix is planned by the engine like any change: its operations are shown first.
        s.wait_text("wizard-plan", "Authorize the application").await;
        s.screenshot("token-fix-review").await;
        s.click("token-fix-confirm").await;
        s.wait_text("token-verdict", "verified").await;
        s.screenshot("token-fixed").await;
        *ipc.lock().unwrap() = s.ipc_log().await;
    })
    .await;
    // What reached the webview: no management, application or signing secret in anything,
    // and access tokens only in test-token reports (the user asked for them).
    let log = secrets.lock().unwrap().clone();
    let is_token_report = |m: &String| m.contains("\"status_line\"") && m.contains("\"checks\"");
    assert!(log.iter().any(is_token_report), "the log saw the token requests: {} messages", log.len());
    for secret in t.secrets().await {
        assert!(!log.iter().any(|m| m.contains(&secret)), "a secret reached the webview");
    }
    for m in log.iter().filter(|m| !is_token_report(m)) {
        assert!(!holds_a_jwt(m.as_bytes()), "a token reached the webview outside a test-token report: {m:.200}");
    }
    // The token was requested, revealed and copied: none of it (nor any secret) is on disk.
    t.assert_nothing_secret_in(dir.path()).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pasted_string_that_is_not_a_jwt_gets_a_clear_message() {
    let t = Tenant::start().await;
    run("token-paste", Launch { env: t.env(), ..Launch::default() }, |s| async move {
        s.click("nav-token").await;
        s.click("token-paste-tab").await;
        s.type_into("token-paste", "hello world").await;
        s.click("token-inspect").await;
        let e = s.wait_text("token-error", "not a JWT").await;
        assert!(e.contains("three parts"), "{e}");
    })
    .await;
}
