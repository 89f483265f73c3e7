//! The change engine's guarantees against the sandbox over real HTTP: one executor per
//! run, runs bound to their own tenant, the production policy on every kind of write,
//! nothing adopted that this run did not make, scopes granted meanwhile kept, and no
//! second create while a first one may still land.

mod common;

use std::time::Duration;

use common::{Tenant, noop, tenant};
use grantsmith_auth0::types::{NewClient, NewClientGrant, NewResourceServer, Scope};
use grantsmith_core::change::Engine;
use grantsmith_core::change::policy::CONFIRM_FIELD;
use grantsmith_core::profiles::Environment;
use grantsmith_core::token::doctor::Fix;
use grantsmith_core::wizard::*;
use grantsmith_core::{ErrorKind, IpcError};
use grantsmith_sandbox::{Fault, FaultAction};

use common::AUD;

fn engine(t: &Tenant) -> Engine<'_> {
    let mut e = Engine::new(&t.tenants);
    e.settle_secs = 0;
    e
}

fn spec() -> WizardSpec {
    common::orders_spec(&["read:orders", "write:orders"], &["read:orders"])
}

async fn count(t: &Tenant) -> (usize, usize, usize) {
    let apps = t.admin.list_clients(Some("non_interactive"), &mut |_| {}).await.unwrap();
    let apps = apps.iter().filter(|a| a.name.as_deref() == Some("Orders worker")).count();
    let apis = t.admin.list_resource_servers(&mut |_| {}).await.unwrap();
    let apis = apis.iter().filter(|a| a.identifier == AUD).count();
    let grants = t.admin.list_client_grants(None, Some(AUD), &mut |_| {}).await.unwrap().len();
    (apps, apis, grants)
}

/// A run stopped by a 503 on its grant (resumable), on the active profile.
async fn stopped_run(t: &Tenant) -> RunView {
    let e = engine(t);
    let p = e.plan_setup(&spec()).await.unwrap();
    t.sb.add_fault(Fault { status: Some(503), ..Fault::on("POST", "/api/v2/client-grants") }).unwrap();
    let run = e.apply_setup(spec(), &p, None, &noop).await.unwrap();
    assert_eq!(run.status, RunStatus::Failed);
    run
}

fn is_confirmation_error(e: &IpcError) -> bool {
    e.kind == ErrorKind::Validation && e.field.as_deref() == Some(CONFIRM_FIELD)
}

#[tokio::test]
async fn two_resumes_of_one_run_at_once_execute_it_once() {
    let t = tenant().await;
    let run = stopped_run(&t).await;
    // Slow the grant down so both resumes overlap.
    t.sb.add_fault(Fault { delay_ms: Some(600), ..Fault::on("POST", "/api/v2/client-grants") }).unwrap();
    let (a, b) = (engine(&t), engine(&t));
    let (ra, rb) = tokio::join!(a.resume(&run.id, &[], None, &noop), b.resume(&run.id, &[], None, &noop));
    let (ok, refused): (Vec<_>, Vec<_>) = [ra, rb].into_iter().partition(Result::is_ok);
    assert_eq!((ok.len(), refused.len()), (1, 1), "exactly one executor ran");
    let e = refused.into_iter().next().unwrap().unwrap_err();
    assert_eq!(e.kind, ErrorKind::Conflict);
    assert!(e.message.contains("another Grantsmith window or process"), "{}", e.message);
    assert_eq!(ok.into_iter().next().unwrap().unwrap().status, RunStatus::Done);
    assert_eq!(count(&t).await, (1, 1, 1));
    assert!(!t.tenants.store().run(&run.id).unwrap().unwrap().held, "the lease is given back");
}

#[tokio::test]
async fn resume_and_undo_use_the_runs_own_tenant_not_the_active_one() {
    let t = tenant().await;
    let run = stopped_run(&t).await;
    // Another tenant (a second sandbox) becomes active.
    let other = common::tenant().await;
    let other_id = t.add_profile(
        "Other",
        Environment::Development,
        other.sb.management_client_id(),
        &other.sb.management_client_secret(),
    );
    let _ = other_id;
    t.tenants.switch(&t.tenants.view().unwrap().profiles.last().unwrap().id).unwrap();

    let review = engine(&t).review_run(&run.id).await.unwrap();
    assert!(!review.on_active_profile);
    assert_eq!(review.profile_name, "Sandbox");
    let done = engine(&t).resume(&run.id, &review.changes, None, &noop).await.unwrap();
    assert_eq!(done.status, RunStatus::Done);
    assert_eq!(count(&t).await, (1, 1, 1), "finished on the run's tenant");
    assert_eq!(count(&other).await, (0, 0, 0), "nothing on the active one");

    let undone = engine(&t).undo(&run.id, None, &noop).await.unwrap();
    assert_eq!(undone.status, RunStatus::Undone);
    assert_eq!(count(&t).await, (0, 0, 0), "undone where it was made");
}

#[tokio::test]
async fn every_write_to_production_needs_the_typed_name_and_the_persons_word() {
    let t = tenant().await;
    let prod = t.add_admin_profile("Acme Prod", Environment::Production);
    t.tenants.switch(&prod).unwrap();
    let mut e = engine(&t);
    let p = e.plan_setup(&spec()).await.unwrap();
    assert_eq!(p.confirm_tenant.as_deref(), Some("Acme Prod"), "the UI learns the rule from the plan");
    let before = t.sb.requests().len();
    let err = e.apply_setup(spec(), &p, Some("acme prod"), &noop).await.unwrap_err();
    assert!(is_confirmation_error(&err), "{err:?}");
    // The right name typed (a script in the page can type it too), but no native dialog to
    // ask, or the person says no there: nothing is written.
    let err = e.apply_setup(spec(), &p, Some("Acme Prod"), &noop).await.unwrap_err();
    assert_eq!(err.kind, ErrorKind::Cancelled, "{err:?}");
    let no = common::Person::says_no();
    e.person = Some(&no);
    let err = e.apply_setup(spec(), &p, Some("Acme Prod"), &noop).await.unwrap_err();
    assert_eq!(err.kind, ErrorKind::Cancelled, "{err:?}");
    assert_eq!(no.asked(), ["Confirm: change the production tenant Acme Prod"]);
    assert!(t.sb.requests()[before..].iter().all(|r| r.method == "GET" || r.path == "/oauth/token"));
    let yes = common::Person::says_yes();
    e.person = Some(&yes);

    t.sb.add_fault(Fault { status: Some(503), ..Fault::on("POST", "/api/v2/client-grants") }).unwrap();
    let run = e.apply_setup(spec(), &p, Some("Acme Prod"), &noop).await.unwrap();
    assert_eq!(run.status, RunStatus::Failed);
    assert!(is_confirmation_error(&e.resume(&run.id, &[], None, &noop).await.unwrap_err()));
    let run = e.resume(&run.id, &[], Some("Acme Prod"), &noop).await.unwrap();
    assert_eq!(run.status, RunStatus::Done);
    assert!(is_confirmation_error(&e.undo(&run.id, Some("nope"), &noop).await.unwrap_err()));
    assert_eq!(count(&t).await, (1, 1, 1), "a refused undo deleted nothing");

    // A doctor's fix is a change like any other.
    let app = t.admin.create_client(&NewClient::machine_to_machine("Reports")).await.unwrap();
    let fix =
        Fix::Authorize { client_id: app.client_id.clone(), audience: AUD.into(), scopes: vec!["read:orders".into()] };
    let plan = e.plan_fix(&fix).await.unwrap();
    let kinds: Vec<StepKind> = plan.steps.iter().map(|s| s.kind).collect();
    assert_eq!(kinds, [StepKind::ReuseApplication, StepKind::ReuseApi, StepKind::CreateGrant]);
    assert!(is_confirmation_error(&e.apply_fix(&fix, &plan, None, &noop).await.unwrap_err()));
    let fixed = e.apply_fix(&fix, &plan, Some("Acme Prod"), &noop).await.unwrap();
    assert_eq!(fixed.status, RunStatus::Done);
    assert_eq!(t.tenants.store().run(&fixed.id).unwrap().unwrap().profile_id, prod, "journaled on its tenant");
}

#[tokio::test]
async fn an_api_made_by_someone_else_after_a_failure_that_never_reached_auth0_is_never_adopted() {
    let t = tenant().await;
    let e = engine(&t);
    let p = e.plan_setup(&spec()).await.unwrap();
    // Refused outright (a 400 was certainly not applied).
    t.sb.add_fault(Fault { status: Some(400), ..Fault::on("POST", "/api/v2/resource-servers") }).unwrap();
    let run = e.apply_setup(spec(), &p, None, &noop).await.unwrap();
    let api_step = run.steps.iter().find(|s| s.kind == StepKind::CreateApi).unwrap();
    assert_eq!((api_step.status, api_step.reached), (StepStatus::Failed, false));

    // Someone creates an API with the same identifier, with the same name even.
    let theirs = t
        .admin
        .create_resource_server(&NewResourceServer {
            identifier: AUD.into(),
            name: Some("Orders API".into()),
            signing_alg: Some("RS256".into()),
            token_lifetime: Some(3600),
            scopes: vec![],
        })
        .await
        .unwrap();
    let review = e.review_run(&run.id).await.unwrap();
    assert_eq!(review.blockers.len(), 1, "{review:?}");
    assert!(review.blockers[0].contains("created by someone else"), "{}", review.blockers[0]);
    let err = e.resume(&run.id, &review.changes, None, &noop).await.unwrap_err();
    assert_eq!(err.kind, ErrorKind::Conflict);

    let undone = e.undo(&run.id, None, &noop).await.unwrap();
    assert_eq!(undone.status, RunStatus::Undone);
    assert!(t.admin.get_resource_server(&theirs.id).await.is_ok(), "their API was never undone");
    assert_eq!(count(&t).await, (0, 1, 0), "our application was removed, their API kept");
}

#[tokio::test]
async fn scopes_granted_after_the_review_survive_a_resume_and_the_difference_is_shown_first() {
    let t = tenant().await;
    let app = t.admin.create_client(&NewClient::machine_to_machine("Orders worker")).await.unwrap();
    let scopes = ["read:orders", "write:orders", "admin:orders"];
    t.admin
        .create_resource_server(&NewResourceServer {
            identifier: AUD.into(),
            scopes: scopes.iter().map(|s| Scope { value: s.to_string(), description: None }).collect(),
            ..NewResourceServer::default()
        })
        .await
        .unwrap();
    let grant = t
        .admin
        .create_client_grant(&NewClientGrant {
            client_id: app.client_id.clone(),
            audience: AUD.into(),
            scope: vec!["read:orders".into()],
        })
        .await
        .unwrap();
    let spec = WizardSpec {
        app: AppChoice::Existing { client_id: app.client_id.clone() },
        api: ApiChoice::Existing { identifier: AUD.into() },
        scopes: vec![ScopeSpec { value: "write:orders".into(), description: String::new() }],
        grant_scopes: vec!["write:orders".into()],
    };
    let e = engine(&t);
    let p = e.plan_setup(&spec).await.unwrap();
    t.sb.add_fault(Fault { status: Some(503), times: 3, ..Fault::on("PATCH", "/api/v2/client-grants/*") }).unwrap();
    let run = e.apply_setup(spec, &p, None, &noop).await.unwrap();
    assert_eq!(run.status, RunStatus::Failed, "{:?}", run.steps);

    // Meanwhile someone grants admin:orders in the Dashboard.
    t.admin.update_client_grant_scopes(&grant.id, &["read:orders".into(), "admin:orders".into()]).await.unwrap();
    let review = e.review_run(&run.id).await.unwrap();
    assert_eq!(review.changes.len(), 1, "{review:?}");
    assert!(review.changes[0].contains("admin:orders, write:orders"), "{}", review.changes[0]);
    let stale = e.resume(&run.id, &[], None, &noop).await.unwrap_err();
    assert_eq!(stale.kind, ErrorKind::Conflict, "a difference the user did not see is not accepted");
    let done = e.resume(&run.id, &review.changes, None, &noop).await.unwrap();
    assert_eq!(done.status, RunStatus::Done);
    let mut now = t.admin.get_client_grant(&grant.id).await.unwrap().scope;
    now.sort();
    assert_eq!(now, ["admin:orders", "write:orders"], "read removed as reviewed, admin kept, write added");
}

#[tokio::test]
async fn a_create_that_may_have_landed_is_not_repeated_until_it_had_time_to() {
    let t = tenant().await;
    let mut e = Engine::new(&t.tenants);
    e.settle_secs = 2;
    let p = e.plan_setup(&spec()).await.unwrap();
    t.sb.add_fault(Fault { action: Some(FaultAction::Drop), ..Fault::on("POST", "/api/v2/client-grants") }).unwrap();
    let run = e.apply_setup(spec(), &p, None, &noop).await.unwrap();
    let grant = run.steps.iter().find(|s| s.kind == StepKind::CreateGrant).unwrap();
    assert_eq!((grant.status, grant.reached), (StepStatus::Failed, true));
    assert!(grant.error.as_deref().unwrap().contains("may still create"), "{grant:?}");

    let before = t.sb.requests().len();
    let soon = e.resume(&run.id, &[], None, &noop).await.unwrap();
    assert_eq!(soon.status, RunStatus::Failed);
    assert!(soon.steps[2].error.as_deref().unwrap().contains("Resume again in"), "{:?}", soon.steps[2]);
    assert!(
        !t.sb.requests()[before..].iter().any(|r| r.method == "POST" && r.path == "/api/v2/client-grants"),
        "no second create inside the window"
    );
    tokio::time::sleep(Duration::from_millis(2_100)).await;
    let done = e.resume(&run.id, &[], None, &noop).await.unwrap();
    assert_eq!(done.status, RunStatus::Done, "{:?}", done.steps);
    assert_eq!(count(&t).await, (1, 1, 1));
}
