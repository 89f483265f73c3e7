//! A secret leaves Rust only on the person's word, in the real window: Reveal asks in the
//! system's own dialog (cancelled there, nothing is shown; confirmed, the secret is); the
//! copied secret is on the clipboard marked for clipboard managers to keep out of their
//! history, and is cleared from it once its time is up. The clipboard is read as another
//! program would (xclip), the dialog answered with the keyboard (xdotool).

use std::time::{Duration, Instant};

use grantsmith_e2e::flows::Tenant;
use grantsmith_e2e::{Launch, clipboard, run};
use serde_json::json;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_secret_is_revealed_on_the_persons_word_and_leaves_the_clipboard() {
    let t = Tenant::start().await;
    let app = t
        .post(
            "/api/v2/clients",
            json!({ "name": "Billing service", "app_type": "non_interactive", "grant_types": ["client_credentials"] }),
        )
        .await;
    let client_id = app["client_id"].as_str().unwrap().to_string();
    let secret = app["client_secret"].as_str().unwrap().to_string();
    let mut env = t.env();
    env.push(("GRANTSMITH_CLIPBOARD_CLEAR_SECS".into(), "3".into()));
    run("secrets", Launch { env, ..Launch::default() }, move |s| async move {
        s.wait_text("active-tenant-name", "Sandbox").await;
        s.click("nav-apps").await;
        s.wait_until("the index is built", "return document.querySelectorAll('[data-testid=app-row]').length > 0")
            .await;
        s.css("[data-testid=app-row] button").await.click().await.unwrap();
        assert!(s.text("app-client-id").await.contains(&client_id));

        // Cancelled in the native dialog: nothing shown.
        s.click("app-reveal").await;
        let asked = s.answer_natively(None).await;
        assert_eq!(asked, "Confirm: reveal a client secret of Sandbox");
        s.wait_text("main-pane", "Cancelled in the confirmation dialog").await;
        let shown = s.client.execute("return document.body.textContent.includes(arguments[0])", vec![json!(secret)]);
        assert_eq!(shown.await.unwrap(), json!(false), "no secret in the page after a cancel");

        // Confirmed: shown, copied, marked, cleared.
        s.click("app-reveal").await;
        s.answer_natively(Some("Reveal")).await;
        assert_eq!(s.wait_text("app-secret", &secret).await.trim(), secret);
        s.click("app-secret-copy").await;
        let deadline = Instant::now() + Duration::from_secs(20);
        let (text, types) = loop {
            let (text, types) = clipboard();
            if text.is_some() {
                break (text, types);
            }
            assert!(Instant::now() < deadline, "nothing reached the clipboard");
            tokio::time::sleep(Duration::from_millis(100)).await;
        };
        assert_eq!(text.as_deref(), Some(secret.as_str()));
        assert!(types.contains("x-kde-passwordManagerHint"), "not marked for clipboard managers: {types}");
        while clipboard().0.is_some() {
            assert!(Instant::now() < deadline, "the secret stayed on the clipboard");
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    })
    .await;
}
