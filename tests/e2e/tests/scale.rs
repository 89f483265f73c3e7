//! A tenant of 5,000 applications in the real window: indexed with progress on first look,
//! a few dozen rows in the page however many there are, natural order, and one found by
//! typing part of its name.

use grantsmith_e2e::flows::Tenant;
use grantsmith_e2e::{Launch, run};
use grantsmith_sandbox::{SandboxConfig, Seed};

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
