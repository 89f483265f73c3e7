//! The whole setup, from Home to a verified test token, with the keyboard alone: WebDriver
//! key presses only, no clicks. Also the palette: opened with Ctrl+K, driven by arrows and
//! Enter, closed by Escape with the focus back where it was.

use grantsmith_e2e::flows::Tenant;
use grantsmith_e2e::{ALT, CONTROL, ENTER, ESCAPE, Launch, RELEASE, SPACE, TAB, run};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_setup_its_test_token_and_a_tenant_switch_need_no_mouse() {
    let t = Tenant::start().await;
    let other = Tenant::start().await;
    let (url, id, secret) =
        (other.sb.base_url(), other.sb.management_client_id().to_string(), other.sb.management_client_secret());
    run("keyboard", Launch { env: t.env(), ..Launch::default() }, |s| async move {
        s.wait_text("active-tenant-name", "Sandbox").await;

        // The palette: Ctrl+K from wherever the focus is, type, Enter; Escape gives the focus back.
        s.eval("document.querySelector('[data-testid=nav-apps]').focus(); return true").await;
        s.press(&format!("{CONTROL}k{RELEASE}")).await;
        s.testid("palette-input").await;
        assert_eq!(s.focused().await, "palette-input");
        s.press("applications").await;
        s.press(ENTER).await;
        s.testid("apps-list").await;
        s.press(&format!("{CONTROL}k{RELEASE}")).await;
        s.testid("palette-input").await;
        s.press(ESCAPE).await;
        s.wait_until("the palette closed", "return !document.querySelector('[data-testid=palette-input]')").await;
        assert_eq!(s.focused().await, "nav-apps", "Escape returns the focus to where it was");

        // Alt+1 opens the setup; each step takes the focus; Enter goes on.
        s.eval("document.activeElement.blur(); return true").await;
        s.press(&format!("{ALT}1{RELEASE}")).await;
        s.testid("wizard-step-0").await;
        s.wait_for_focus("wizard-app-name").await;
        s.press("Orders worker KB").await;
        s.press(ENTER).await;

        s.testid("wizard-step-1").await;
        s.wait_for_focus("wizard-api-name").await;
        s.press("Orders API KB").await;
        s.tab_to("wizard-api-identifier", 3).await;
        s.press("https://api.example.com/orders-kb").await;
        s.wait_text("wizard-step-1", "It cannot be changed later").await;
        s.press(ENTER).await;

        s.testid("wizard-step-2").await;
        s.wait_for_focus("wizard-scope-value").await;
        for (value, description) in [("read:orders", "Read orders"), ("write:orders", "Change orders")] {
            s.press(value).await;
            s.press(TAB).await;
            s.press(description).await;
            s.press(ENTER).await;
            s.wait_for_focus("wizard-scope-value").await;
        }
        s.wait_text("wizard-scope-list", "write:orders").await;
        // Enter with nothing typed goes on.
        s.press(ENTER).await;

        s.testid("wizard-step-3").await;
        s.tab_to("wizard-grant-scope-read:orders", 10).await;
        s.press(SPACE).await;
        s.tab_to("wizard-next", 10).await;
        s.press(ENTER).await;

        s.wait_text("wizard-summary", "Creates").await;
        s.tab_to("wizard-apply", 30).await;
        s.screenshot("keyboard-review").await;
        s.press(ENTER).await;
        s.wait_text("wizard-result", "set up").await;

        s.tab_to("token-get", 30).await;
        s.press(ENTER).await;
        assert_eq!(s.wait_text("token-verdict", "verified").await, "Token verified");
        s.screenshot("keyboard-token").await;

        // A second tenant, added and switched to from the palette; back from the sidebar.
        s.press(&format!("{CONTROL}k{RELEASE}")).await;
        s.testid("palette-input").await;
        s.press("add an auth0").await;
        s.press(ENTER).await;
        s.wait_for_focus("profile-name").await;
        s.press("Second tenant").await;
        s.press(TAB).await;
        s.press(&url).await;
        s.tab_to("profile-client-id", 8).await;
        s.press(&id).await;
        s.tab_to("profile-client-secret", 3).await;
        s.press(&secret).await;
        s.press(ENTER).await;
        s.testid("tenants-add").await;
        s.press(&format!("{CONTROL}k{RELEASE}")).await;
        s.testid("palette-input").await;
        s.press("switch to second").await;
        s.press(ENTER).await;
        s.wait_text("active-tenant-name", "Second tenant").await;
        s.tab_to("tenant-sandbox", 40).await;
        s.press(ENTER).await;
        s.wait_text("active-tenant-name", "Sandbox").await;
    })
    .await;
}
