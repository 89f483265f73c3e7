//! A production tenant in the real window: the wizard asks for the typed name, and so does
//! resuming a stopped setup — core refuses a wrong name, the field says why — and then the
//! native dialog asks the person, which the test answers with the keyboard.

use grantsmith_e2e::flows::{Tenant, add_production_profile, fill_in};
use grantsmith_e2e::{Launch, run};
use grantsmith_sandbox::Fault;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn production_setup_and_its_resume_each_need_the_typed_name() {
    let t = Tenant::start().await;
    let env = t.env();
    let t = std::sync::Arc::new(t);
    let tenant = t.clone();
    run("production", Launch { env, ..Launch::default() }, move |s| async move {
        s.wait_text("active-tenant-name", "Sandbox").await;
        add_production_profile(&s, "Acme Prod", &tenant.sb).await;
        s.css("[aria-label^='Switch to Acme Prod']").await.click().await.unwrap();
        s.wait_text("production-banner", "PRODUCTION").await;

        let grant = Fault { status: Some(503), ..Fault::on("POST", "/api/v2/client-grants") };
        tenant.sb.add_fault(grant).unwrap();
        fill_in(&s, "RS256", "production").await;
        s.type_into("wizard-confirm-tenant", "Acme Prod").await;
        s.click("wizard-apply").await;
        // The typed name is the page's; the last word is the person's, in a native dialog.
        assert_eq!(s.answer_natively(Some("Apply")).await, "Confirm: change the production tenant Acme Prod");
        s.wait_text("wizard-failed", "A step failed").await;

        // Resuming on production asks again; a wrong name is refused by core, on the field.
        s.click("wizard-retry").await;
        s.type_into("change-confirm-tenant", "acme prod").await;
        s.click("run-resume-confirm").await;
        // The dialog lives outside the main pane (a portal); core's words appear under the field.
        s.wait_until(
            "core's refusal under the field",
            "return document.body.textContent.includes('Type its name, Acme Prod, to confirm')",
        )
        .await;
        s.screenshot("production-resume-confirm").await;
        s.type_into("change-confirm-tenant", "Acme Prod").await;
        s.click("run-resume-confirm").await;
        s.answer_natively(Some("Apply")).await;
        s.wait_text("wizard-result", "set up").await;
        s.screenshot("production-resumed").await;
    })
    .await;
    let grants = t.get("/api/v2/client-grants?audience=https%3A%2F%2Fapi.example.com%2Forders-rs256").await;
    assert_eq!(grants.as_array().unwrap().len(), 1, "one grant: {grants}");
}
