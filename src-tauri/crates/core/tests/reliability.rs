//! The fault matrix: every remote write of a setup × every way a request can fail, each
//! against a fresh sandbox over real HTTP. A scenario passes when the setup completes —
//! at once, or after resuming (as often as a user would press Resume) — with exactly one
//! application, one API and one grant, nothing lost, and the sandbox's request log shows
//! the fault really fired.
//!
//! `cargo xtask test` runs the reduced matrix (the three creates); `cargo xtask
//! reliability` runs all of it (`GRANTSMITH_RELIABILITY=full`) and writes the report to
//! the file named by `GRANTSMITH_RELIABILITY_REPORT` (docs/RELIABILITY.md).

mod common;

use std::time::{Duration, Instant};

use common::{Tenant, noop, tenant_with};
use grantsmith_auth0::types::{NewClient, NewClientGrant, NewResourceServer, Scope};
use grantsmith_core::change::Engine;
use grantsmith_core::wizard::*;
use grantsmith_sandbox::{Fault, FaultAction, SandboxConfig};

use common::AUD;
/// The client's request timeout in these scenarios; "delay" faults wait longer.
const TIMEOUT_MS: u64 = 700;
/// How many times a user presses Resume before we call the scenario failed.
const RESUMES: usize = 6;

#[derive(Clone, Copy)]
enum Shape {
    /// Creates an application, an API and a grant.
    Fresh,
    /// Reuses an application and an API, enabling client credentials, adding a scope and
    /// changing the grant.
    Changes,
}

struct Step {
    shape: Shape,
    method: &'static str,
    path: &'static str,
}

const STEPS: &[Step] = &[
    Step { shape: Shape::Fresh, method: "POST", path: "/api/v2/clients" },
    Step { shape: Shape::Fresh, method: "POST", path: "/api/v2/resource-servers" },
    Step { shape: Shape::Fresh, method: "POST", path: "/api/v2/client-grants" },
    Step { shape: Shape::Changes, method: "PATCH", path: "/api/v2/clients/*" },
    Step { shape: Shape::Changes, method: "PATCH", path: "/api/v2/resource-servers/*" },
    Step { shape: Shape::Changes, method: "PATCH", path: "/api/v2/client-grants/*" },
];

fn faults() -> Vec<(&'static str, Fault)> {
    let f = |status: Option<u16>, action: Option<FaultAction>, delay_ms: Option<u64>, times: u32| Fault {
        method: None,
        path: String::new(),
        status,
        action,
        delay_ms,
        times,
    };
    vec![
        ("503 once", f(Some(503), None, None, 1)),
        ("503 ×3", f(Some(503), None, None, 3)),
        ("429 ×5", f(Some(429), None, None, 5)),
        ("drop before processing", f(None, Some(FaultAction::Drop), None, 1)),
        ("drop after commit", f(None, Some(FaultAction::DropAfterCommit), None, 1)),
        ("delay past the client timeout", f(None, None, Some(TIMEOUT_MS + 500), 1)),
        ("500 once", f(Some(500), None, None, 1)),
    ]
}

struct Outcome {
    step: String,
    fault: &'static str,
    fired: bool,
    resumes: usize,
    completed: bool,
    duplicates: usize,
    lost: usize,
    seconds: f64,
}

async fn arrange(t: &Tenant, shape: Shape) -> WizardSpec {
    let scopes = vec![
        ScopeSpec { value: "read:orders".into(), description: String::new() },
        ScopeSpec { value: "write:orders".into(), description: String::new() },
    ];
    match shape {
        Shape::Fresh => common::orders_spec(&["read:orders", "write:orders"], &["read:orders", "write:orders"]),
        Shape::Changes => {
            let app = t
                .admin
                .create_client(&NewClient {
                    grant_types: vec!["authorization_code".into()],
                    ..NewClient::machine_to_machine("Orders worker")
                })
                .await
                .unwrap();
            t.admin
                .create_resource_server(&NewResourceServer {
                    identifier: AUD.into(),
                    name: Some("Orders API".into()),
                    scopes: vec![Scope { value: "read:orders".into(), description: None }],
                    ..NewResourceServer::default()
                })
                .await
                .unwrap();
            t.admin
                .create_client_grant(&NewClientGrant {
                    client_id: app.client_id.clone(),
                    audience: AUD.into(),
                    scope: vec!["read:orders".into()],
                })
                .await
                .unwrap();
            WizardSpec {
                app: AppChoice::Existing { client_id: app.client_id },
                api: ApiChoice::Existing { identifier: AUD.into() },
                scopes,
                grant_scopes: vec!["read:orders".into(), "write:orders".into()],
            }
        }
    }
}

/// (duplicates, lost) on the tenant after the scenario.
async fn inspect(t: &Tenant) -> (usize, usize) {
    let apps = t.admin.list_clients(Some("non_interactive"), &mut |_| {}).await.unwrap();
    let apps: Vec<_> = apps.into_iter().filter(|a| a.name.as_deref() == Some("Orders worker")).collect();
    let apis = t.admin.list_resource_servers(&mut |_| {}).await.unwrap();
    let apis: Vec<_> = apis.into_iter().filter(|a| a.identifier == AUD).collect();
    let grants = t.admin.list_client_grants(None, Some(AUD), &mut |_| {}).await.unwrap();
    let duplicates = apps.len().saturating_sub(1) + apis.len().saturating_sub(1) + grants.len().saturating_sub(1);
    let mut lost = usize::from(apps.is_empty()) + usize::from(apis.is_empty()) + usize::from(grants.is_empty());
    if let Some(app) = apps.first() {
        lost += usize::from(!app.grant_types.iter().any(|g| g == "client_credentials"));
    }
    if let Some(api) = apis.first() {
        lost += ["read:orders", "write:orders"].iter().filter(|s| !api.scopes.iter().any(|x| x.value == **s)).count();
    }
    if let Some(g) = grants.first() {
        let mut scopes = g.scope.clone();
        scopes.sort();
        lost += usize::from(scopes != ["read:orders", "write:orders"]);
    }
    (duplicates, lost)
}

async fn scenario(step: &Step, name: &'static str, fault: &Fault) -> Outcome {
    let started = Instant::now();
    let t = tenant_with(SandboxConfig::default(), TIMEOUT_MS).await;
    let mut engine = Engine::new(&t.tenants);
    // A late commit has landed by the time the scenario resumes (it waits below).
    engine.settle_secs = 0;
    let spec = arrange(&t, step.shape).await;
    let plan = engine.plan_setup(&spec).await.unwrap();
    let path = step.path.to_string();
    t.sb.add_fault(Fault { method: Some(step.method.into()), path: path.clone(), ..fault.clone() }).unwrap();
    let mut run = engine.apply_setup(spec, &plan, None, &noop).await.unwrap();
    let mut resumes = 0;
    while run.status != RunStatus::Done && resumes < RESUMES {
        // What a user does: look at the failure, then press Resume — by when the tenant has
        // finished whatever the client gave up on (a late commit has landed).
        assert!(t.sb.settled(Duration::from_secs(10)).await, "the tenant finished the abandoned request");
        let review = engine.review_run(&run.id).await.unwrap();
        run = match engine.resume(&run.id, &review.changes, None, &noop).await {
            Ok(r) => r,
            Err(e) => panic!("{name} on {} {path}: resume refused: {e:?}", step.method),
        };
        resumes += 1;
    }
    let prefix = path.trim_end_matches('*');
    let fired = t.sb.requests().iter().any(|r| {
        r.method == step.method
            && r.path.starts_with(prefix)
            && match (fault.status, fault.delay_ms) {
                (Some(s), _) => r.status == Some(s),
                // Answered late, or abandoned by the client mid-delay (logged without a status).
                (None, Some(ms)) => r.duration_ms >= ms || r.status.is_none(),
                (None, None) => r.status.is_none(),
            }
    });
    let (duplicates, lost) = inspect(&t).await;
    Outcome {
        step: format!("{} {}", step.method, step.path),
        fault: name,
        fired,
        resumes,
        completed: run.status == RunStatus::Done,
        duplicates,
        lost,
        seconds: started.elapsed().as_secs_f64(),
    }
}

fn report(outcomes: &[Outcome], full: bool) -> String {
    let completed = outcomes.iter().filter(|o| o.completed).count();
    let duplicates: usize = outcomes.iter().map(|o| o.duplicates).sum();
    let lost: usize = outcomes.iter().map(|o| o.lost).sum();
    let mut out = format!(
        "# Reliability\n\nWritten by `cargo xtask reliability` (the fault matrix in \
         `src-tauri/crates/core/tests/reliability.rs`, {} matrix). Each scenario runs a setup against a fresh \
         Sandbox tenant over real HTTP with one fault injected on one remote step, then resumes as a user \
         would (up to {RESUMES} times), and checks the tenant and the sandbox's request log.\n\n\
         | figure | value |\n| --- | --- |\n| scenarios | {} |\n| completed | {completed} |\n\
         | duplicates | {duplicates} |\n| lost | {lost} |\n| faults that did not fire | {} |\n\n\
         | step | fault | fired | resumes | completed | duplicates | lost | seconds |\n\
         | --- | --- | --- | --- | --- | --- | --- | --- |\n",
        if full { "full" } else { "reduced" },
        outcomes.len(),
        outcomes.iter().filter(|o| !o.fired).count(),
    );
    for o in outcomes {
        out.push_str(&format!(
            "| `{}` | {} | {} | {} | {} | {} | {} | {:.1} |\n",
            o.step,
            o.fault,
            if o.fired { "yes" } else { "NO" },
            o.resumes,
            if o.completed { "yes" } else { "NO" },
            o.duplicates,
            o.lost,
            o.seconds
        ));
    }
    out
}

#[tokio::test]
async fn every_fault_on_every_remote_step_ends_complete_without_duplicates() {
    let full = std::env::var("GRANTSMITH_RELIABILITY").as_deref() == Ok("full");
    let steps: Vec<&Step> = STEPS.iter().filter(|s| full || s.method == "POST").collect();
    let mut outcomes = Vec::new();
    for step in steps {
        for (name, fault) in faults() {
            outcomes.push(scenario(step, name, &fault).await);
        }
    }
    let text = report(&outcomes, full);
    println!("{text}");
    if let Ok(path) = std::env::var("GRANTSMITH_RELIABILITY_REPORT") {
        std::fs::write(&path, &text).unwrap_or_else(|e| panic!("writing {path}: {e}"));
    }
    for o in &outcomes {
        let what = format!("{} on {}", o.fault, o.step);
        assert!(o.fired, "{what}: the fault never fired");
        assert!(o.completed, "{what}: not complete after {RESUMES} resumes");
        assert_eq!((o.duplicates, o.lost), (0, 0), "{what}: duplicates / lost");
    }
}
