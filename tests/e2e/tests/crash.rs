//! The real app killed (SIGKILL) while a step of a setup is in flight, at each step, then
//! started again on the same data: the database opens consistent, History offers the run
//! (no live executor holds it), and Resume ends with exactly the planned objects.

use grantsmith_e2e::flows::{Tenant, fill_in_and_apply};
use grantsmith_e2e::{Launch, run};
use grantsmith_sandbox::Fault;
use serde_json::Value;

const STEPS: [&str; 3] = ["/api/v2/clients", "/api/v2/resource-servers", "/api/v2/client-grants"];

async fn count(t: &Tenant) -> (usize, usize, usize) {
    let apps = t.get("/api/v2/clients?app_type=non_interactive").await;
    let apps = apps.as_array().unwrap().iter().filter(|a| a["name"] == "Orders worker RS256").count();
    let apis = t.get("/api/v2/resource-servers").await;
    let apis =
        apis.as_array().unwrap().iter().filter(|a| a["identifier"] == "https://api.example.com/orders-rs256").count();
    let grants: Value = t.get("/api/v2/client-grants?audience=https%3A%2F%2Fapi.example.com%2Forders-rs256").await;
    (apps, apis, grants.as_array().unwrap().len())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_app_killed_mid_step_resumes_to_exactly_the_plan() {
    for (i, path) in STEPS.into_iter().enumerate() {
        let t = std::sync::Arc::new(Tenant::start().await);
        // The step hangs long enough to kill the app while it waits.
        let hang = Fault { delay_ms: Some(8_000), ..Fault::on("POST", path) };
        t.sb.add_fault(hang).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let mut env = t.env();
        env.push(("GRANTSMITH_SETTLE_SECS".into(), "0".into()));
        let launch = || Launch { env: env.clone(), data_dir: Some(dir.path().to_path_buf()), ..Launch::default() };

        let tenant = t.clone();
        run(&format!("crash-{i}-killed"), launch(), |s| async move {
            fill_in_and_apply(&s, "RS256", &format!("crash-{i}")).await;
            s.wait_until(
                "the step is in flight",
                "return !!document.querySelector('[data-testid^=wizard-run-step-][data-status=running]')",
            )
            .await;
            // The request is at the tenant (its fault fired: it hangs there), then the app dies.
            let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
            while tenant.sb.pending_faults() > 0 {
                assert!(std::time::Instant::now() < deadline, "the step's request never reached the tenant");
                tokio::time::sleep(std::time::Duration::from_millis(20)).await;
            }
            s.kill_app();
        })
        .await;

        run(&format!("crash-{i}-resumed"), launch(), |s| async move {
            s.click("nav-history").await;
            s.wait_text("history-run", "interrupted").await;
            s.click("run-resume").await;
            s.wait_text("history-run", "done").await;
        })
        .await;
        assert_eq!(count(&t).await, (1, 1, 1), "killed during {path}: exactly one of each");
    }
}
