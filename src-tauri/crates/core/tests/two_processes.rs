//! Two app processes on one data folder resuming the same run at once: the second
//! process is refused by the lease in SQLite, and the tenant ends with one of each.
//! The second process is this test binary again, running `second_process_resumes`.

mod common;

use std::process::Command;
use std::time::Duration;

use common::noop;
use grantsmith_core::change::Engine;
use grantsmith_core::tenants::{ExternalSandbox, Tenants};
use grantsmith_core::wizard::*;
use grantsmith_core::{MemoryStore, Store};
use grantsmith_sandbox::Fault;

use common::AUD;

fn spec() -> WizardSpec {
    common::orders_spec(&["read:orders"], &["read:orders"])
}

fn grant_fault() -> Fault {
    Fault { status: Some(503), ..Fault::on("POST", "/api/v2/client-grants") }
}

#[tokio::test]
async fn two_app_processes_resuming_one_run_execute_it_once() {
    let t = common::tenant().await;
    let mut e = Engine::new(&t.tenants);
    e.settle_secs = 0;
    let p = e.plan_setup(&spec()).await.unwrap();
    t.sb.add_fault(grant_fault()).unwrap();
    let run = e.apply_setup(spec(), &p, None, &noop).await.unwrap();
    assert_eq!(run.status, RunStatus::Failed);

    // This process resumes first and hangs in the grant's create…
    t.sb.add_fault(Fault { status: None, delay_ms: Some(2_000), ..grant_fault() }).unwrap();
    let here = e.resume(&run.id, &[], None, &noop);
    // …while a second process, on the same data folder, tries the same run.
    let there = async {
        // Once this process's create has reached the tenant (its fault fired), where it hangs.
        while t.sb.pending_faults() > 0 {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        let exe = std::env::current_exe().unwrap();
        let out = tokio::process::Command::from(Command::new(exe))
            .args(["--exact", "second_process_resumes", "--ignored", "--nocapture"])
            .env("GRANTSMITH_TEST_DATA", t.dir.path())
            .env("GRANTSMITH_TEST_RUN", &run.id)
            .env("GRANTSMITH_SANDBOX_URL", t.sb.base_url())
            .env("GRANTSMITH_SANDBOX_CLIENT_ID", t.sb.management_client_id())
            .env("GRANTSMITH_SANDBOX_CLIENT_SECRET", t.sb.management_client_secret())
            .output()
            .await
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let (here, there) = tokio::join!(here, there);
    assert_eq!(here.unwrap().status, RunStatus::Done, "the first process finished the run");
    let verdict = there.lines().find(|l| l.starts_with("SECOND PROCESS: ")).unwrap_or_default().to_string();
    assert!(
        verdict.contains("refused") && verdict.contains("another Grantsmith window or process"),
        "the second process was refused by the lease: {there}"
    );
    let grants = t.admin.list_client_grants(None, Some(AUD), &mut |_| {}).await.unwrap();
    assert_eq!(grants.len(), 1, "one grant");
    let apps = t.admin.list_clients(Some("non_interactive"), &mut |_| {}).await.unwrap();
    assert_eq!(apps.iter().filter(|a| a.name.as_deref() == Some("Orders worker")).count(), 1, "one application");
}

/// The second process of the test above; does nothing when run on its own.
#[tokio::test]
#[ignore = "run by two_app_processes_resuming_one_run_execute_it_once as its second process"]
async fn second_process_resumes() {
    let (Ok(dir), Ok(run_id)) = (std::env::var("GRANTSMITH_TEST_DATA"), std::env::var("GRANTSMITH_TEST_RUN")) else {
        return;
    };
    let store = std::sync::Arc::new(Store::open(std::path::Path::new(&dir)).unwrap());
    let external = ExternalSandbox::from_env().expect("the sandbox to use");
    let tenants =
        Tenants::new(store, std::sync::Arc::new(MemoryStore::default()), None, Some(external), common::options(5_000));
    let verdict = match Engine::new(&tenants).resume(&run_id, &[], None, &noop).await {
        Ok(run) => format!("resumed, {:?}", run.status),
        Err(e) => format!("refused: {}", e.message),
    };
    println!("SECOND PROCESS: {verdict}");
}
