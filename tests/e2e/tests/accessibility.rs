//! Every screen of the real window, in light and in dark, audited with axe-core: no WCAG 2.1
//! A/AA violation and nothing serious or critical. States worth a screenshot are audited
//! too: empty lists, a setup's rules shown, a verified token, the palette and a dialog open.

use grantsmith_e2e::flows::{Tenant, go_through_the_wizard};
use grantsmith_e2e::{CONTROL, ESCAPE, Launch, RELEASE, Session, run};

async fn screens(s: &Session, scheme: &str) -> Vec<String> {
    let mut found = Vec::new();
    s.set_scheme(scheme).await;

    s.click("nav-home").await;
    found.extend(s.audit(&format!("home-{scheme}")).await);

    s.click("nav-wizard").await;
    s.testid("wizard-step-0").await;
    found.extend(s.audit(&format!("wizard-{scheme}")).await);
    s.click("wizard-next").await;
    s.wait_text("wizard-step-0", "empty").await;
    found.extend(s.audit(&format!("wizard-rules-{scheme}")).await);

    for (nav, ready, name) in [
        ("nav-apps", "apps-list", "apps"),
        ("nav-apis", "apis-list", "apis"),
        ("nav-history", "history-run", "history"),
    ] {
        s.click(nav).await;
        s.testid(ready).await;
        found.extend(s.audit(&format!("{name}-{scheme}")).await);
    }

    s.click("nav-token").await;
    s.testid("token-app").await;
    found.extend(s.audit(&format!("token-{scheme}")).await);

    s.click("manage-tenants").await;
    s.testid("tenants-add").await;
    found.extend(s.audit(&format!("tenants-{scheme}")).await);
    s.click("tenants-add").await;
    s.testid("profile-save").await;
    s.click("profile-save").await;
    s.wait_text("main-pane", "Name is empty").await;
    found.extend(s.audit(&format!("add-tenant-rules-{scheme}")).await);

    s.click("open-palette").await;
    s.testid("palette-input").await;
    // The pointer is still on "Go to…": its tooltip must not cover the palette it opened.
    s.wait_until(
        "the Go to tooltip hid",
        "return ![...document.querySelectorAll('[role=tooltip]')]\
         .some((t) => t.getClientRects().length > 0 && t.textContent.includes('Switch tenant'))",
    )
    .await;
    found.extend(s.audit(&format!("palette-{scheme}")).await);
    s.press(ESCAPE).await;
    s.wait_until("the palette closed", "return !document.querySelector('[data-testid=palette-input]')").await;
    found
}

/// A setup's result, a verified token, a refused paste and the undo dialog, in `scheme`.
async fn states(s: &Session, scheme: &str, alg: &str) -> Vec<String> {
    s.set_scheme(scheme).await;
    go_through_the_wizard(s, alg, &format!("a11y-wizard-{scheme}")).await;
    let mut found = s.audit(&format!("wizard-result-{scheme}")).await;
    s.click("token-get").await;
    s.wait_text("token-verdict", "verified").await;
    found.extend(s.audit(&format!("token-verified-{scheme}")).await);
    s.click("token-paste-tab").await;
    s.type_into("token-paste", "not a token").await;
    s.click("token-inspect").await;
    s.testid("token-error").await;
    found.extend(s.audit(&format!("token-error-{scheme}")).await);
    s.click("nav-history").await;
    s.click("run-undo").await;
    s.testid("run-undo-confirm").await;
    found.extend(s.audit(&format!("undo-dialog-{scheme}")).await);
    s.press(ESCAPE).await;
    s.wait_until("the dialog closed", "return !document.querySelector('[data-testid=run-undo-confirm]')").await;
    found
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_screen_passes_axe_in_light_and_dark() {
    let t = Tenant::start().await;
    // A long name, as real tenants have them.
    let long = format!("Nightly reconciliation of orders, invoices and refunds {}", "for every region ".repeat(8));
    t.http
        .post(format!("{}/api/v2/clients", t.sb.base_url()))
        .bearer_auth(&t.token)
        .json(&serde_json::json!({ "name": long.trim(), "app_type": "non_interactive" }))
        .send()
        .await
        .unwrap()
        .error_for_status()
        .unwrap();
    run("accessibility", Launch { env: t.env(), ..Launch::default() }, |s| async move {
        s.wait_text("active-tenant-name", "Sandbox").await;
        // Empty lists first, then a tenant with a setup, a run in History and a token.
        s.click("nav-history").await;
        s.testid("history-empty").await;
        let mut found = s.audit("history-empty-light").await;
        for (scheme, alg) in [("light", "RS256"), ("dark", "HS256")] {
            found.extend(states(&s, scheme, alg).await);
        }
        for scheme in ["light", "dark"] {
            found.extend(screens(&s, scheme).await);
        }
        assert!(found.is_empty(), "{} accessibility violations:\n{}", found.len(), found.join("\n"));
    })
    .await;
}

/// Elements of the main pane that stick out of the window sideways (cut off), by test id.
const CUT_OFF: &str = "return [...document.querySelectorAll('[data-testid=main-pane] button, [data-testid=main-pane] input, [data-testid=main-pane] h1')]
    .filter(e => { const r = e.getBoundingClientRect(); return r.width > 0 && (r.right > window.innerWidth + 1 || r.left < -1); })
    .map(e => e.getAttribute('data-testid') || e.textContent.trim().slice(0, 40));";

async fn nothing_cut_off(s: &Session, name: &str) -> Vec<String> {
    s.settle().await;
    s.screenshot(name).await;
    let cut = s.eval(CUT_OFF).await;
    cut.as_array().unwrap().iter().map(|c| format!("[{name}] cut off: {c}")).collect()
}

/// The screens at the smallest window (900 × 600), and zoomed to 200 % with Ctrl+= (the
/// page's real zoom, so the layout reflows as it would for the user): every button, input
/// and title stays inside the window.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn at_the_smallest_window_and_at_200_percent_zoom_nothing_is_cut_off() {
    let t = Tenant::start().await;
    run("small-window", Launch { env: t.env(), ..Launch::default() }, |s| async move {
        s.wait_text("active-tenant-name", "Sandbox").await;
        let mut found = Vec::new();
        s.client.set_window_size(900, 600).await.expect("resizing the window");
        found.extend(walk(&s, "900x600").await);
        s.client.set_window_size(1280, 860).await.expect("resizing the window");
        let wide = s.eval("return window.innerWidth").await.as_f64().unwrap();
        // Five steps of 20 % (Tauri's zoom polyfill).
        for _ in 0..5 {
            s.press(&format!("{CONTROL}={RELEASE}")).await;
        }
        s.wait_until("the page is zoomed to 200 %", &format!("return window.innerWidth < {wide} / 1.9")).await;
        found.extend(walk(&s, "zoom200").await);
        assert!(found.is_empty(), "{}", found.join("\n"));
    })
    .await;
}

async fn walk(s: &Session, size: &str) -> Vec<String> {
    // WebDriver's clicks land off target on a zoomed page; the element's own click does not
    // (what is checked here is the layout, not the pointer).
    let go = |id: &'static str| async move {
        s.testid(id).await;
        s.eval(&format!("document.querySelector('[data-testid=\"{id}\"]').click(); return true")).await;
    };
    let mut found = Vec::new();
    for (nav, ready, name) in [
        ("nav-home", "main-pane", "home"),
        ("nav-wizard", "wizard-step-0", "wizard"),
        ("nav-token", "token-app", "token"),
        ("nav-apps", "apps-list", "apps"),
        ("nav-history", "history-empty", "history"),
    ] {
        go(nav).await;
        s.testid(ready).await;
        found.extend(nothing_cut_off(s, &format!("{size}-{name}")).await);
    }
    go("manage-tenants").await;
    go("tenants-add").await;
    s.testid("profile-save").await;
    found.extend(nothing_cut_off(s, &format!("{size}-add-tenant")).await);
    found
}
