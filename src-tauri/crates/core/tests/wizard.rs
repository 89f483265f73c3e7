//! The setup wizard's engine against the sandbox over real HTTP: fresh tenants, reuse,
//! missing permissions (faults at every step: `reliability.rs`), an aborted run resumed
//! by a fresh process, a concurrent scope edit, and undo.

mod common;

use std::time::Duration;

use common::{Tenant, noop, tenant, tenant_with};
use grantsmith_auth0::Auth0Client;
use grantsmith_auth0::types::{NewClient, NewClientGrant, NewResourceServer, ResourceServerUpdate, Scope};
use grantsmith_core::ErrorKind;
use grantsmith_core::change::Engine;
use grantsmith_core::wizard::*;
use grantsmith_sandbox::{Fault, SandboxConfig};

const AUD: &str = "https://api.example.com/orders";

/// The engine as the app builds it, without the wait that guards a late commit (each
/// test that needs it says so).
fn engine(t: &Tenant) -> Engine<'_> {
    let mut e = Engine::new(&t.tenants);
    e.settle_secs = 0;
    e
}

fn fresh_spec(alg: SigningAlg) -> WizardSpec {
    WizardSpec {
        app: AppChoice::New { name: "Orders worker".into(), description: "Nightly sync".into() },
        api: ApiChoice::New {
            name: "Orders API".into(),
            identifier: AUD.into(),
            signing_alg: alg,
            token_lifetime: 3600,
        },
        scopes: vec![
            ScopeSpec { value: "read:orders".into(), description: "Read orders".into() },
            ScopeSpec { value: "write:orders".into(), description: "Write orders".into() },
            ScopeSpec { value: "delete:orders".into(), description: String::new() },
        ],
        grant_scopes: vec!["read:orders".into(), "write:orders".into()],
    }
}

/// Exactly one application named "Orders worker", one API at AUD with the spec's scopes,
/// one grant between them with the chosen scopes.
async fn assert_exactly_one_of_each(c: &Auth0Client, alg: &str) {
    let apps: Vec<_> = c
        .list_clients(None, &mut |_| {})
        .await
        .unwrap()
        .into_iter()
        .filter(|a| a.name.as_deref() == Some("Orders worker"))
        .collect();
    assert_eq!(apps.len(), 1, "exactly one application");
    assert_eq!(apps[0].grant_types, ["client_credentials"]);
    assert_eq!(
        apps[0].extra.get("app_type").and_then(|v| v.as_str()).or(apps[0].app_type.as_deref()),
        Some("non_interactive")
    );
    let apis: Vec<_> =
        c.list_resource_servers(&mut |_| {}).await.unwrap().into_iter().filter(|a| a.identifier == AUD).collect();
    assert_eq!(apis.len(), 1, "exactly one API");
    assert_eq!(apis[0].signing_alg.as_deref(), Some(alg));
    let values: Vec<&str> = apis[0].scopes.iter().map(|s| s.value.as_str()).collect();
    assert_eq!(values, ["read:orders", "write:orders", "delete:orders"]);
    let grants = c.list_client_grants(Some(&apps[0].client_id), Some(AUD), &mut |_| {}).await.unwrap();
    assert_eq!(grants.len(), 1, "exactly one grant");
    let mut scopes = grants[0].scope.clone();
    scopes.sort();
    assert_eq!(scopes, ["read:orders", "write:orders"]);
}

#[tokio::test]
async fn fresh_tenant_rs256_and_hs256_in_two_dependent_round_trips() {
    for alg in [SigningAlg::RS256, SigningAlg::HS256] {
        let t =
            tenant_with(SandboxConfig { latency: Duration::from_millis(150), ..SandboxConfig::default() }, 5_000).await;
        let (sb, c, e) = (&t.sb, &t.admin, engine(&t));
        let spec = fresh_spec(alg);
        let p = e.plan_setup(&spec).await.unwrap();
        let kinds: Vec<StepKind> = p.steps.iter().map(|s| s.kind).collect();
        assert_eq!(kinds, [StepKind::CreateApplication, StepKind::CreateApi, StepKind::CreateGrant]);
        assert_eq!(p.summary, "Creates 1 application, 1 API with 3 scopes, 1 grant.");
        assert!(p.can_apply);

        sb.clear_requests();
        let run = e.apply_setup(spec, &p, None, &noop).await.unwrap();
        let log = sb.requests();
        assert_eq!(run.status, RunStatus::Done, "{:?}", run.steps);
        assert!(run.steps.iter().all(|s| s.status == StepStatus::Done && s.created));
        assert_exactly_one_of_each(c, alg.as_str()).await;

        // The application and the API are created at the same time.
        let post = |path: &str| log.iter().find(|r| r.method == "POST" && r.path == path).cloned().unwrap();
        let (app, api, grant) =
            (post("/api/v2/clients"), post("/api/v2/resource-servers"), post("/api/v2/client-grants"));
        let end = |r: &grantsmith_sandbox::RequestRecord| r.time_ms + r.duration_ms as i64;
        assert!(app.time_ms < end(&api) && api.time_ms < end(&app), "creates overlap: {app:?} {api:?}");
        assert!(grant.time_ms >= end(&app).min(end(&api)), "the grant waits for both");
        let writes = log.iter().filter(|r| r.method != "GET" && r.path.starts_with("/api/v2/")).count();
        assert_eq!(writes, 3, "three writes, no retries: {log:?}");
        assert_eq!(log.len(), 3, "no read before the creates (the review's token is reused): {log:?}");
    }
}

/// Without a read before the creates, an API created under the same identifier between the
/// review and the apply is found by Auth0's 409: the run stops at that step, their API is
/// never adopted, and what the run made is undone cleanly.
#[tokio::test]
async fn an_api_created_after_the_review_is_refused_by_the_create_and_never_adopted() {
    let t = tenant().await;
    let (c, e) = (&t.admin, engine(&t));
    let spec = fresh_spec(SigningAlg::RS256);
    let p = e.plan_setup(&spec).await.unwrap();
    let ApiChoice::New { identifier, .. } = &spec.api else { unreachable!() };
    let theirs = c
        .create_resource_server(&NewResourceServer { identifier: identifier.clone(), ..Default::default() })
        .await
        .unwrap();

    let run = e.apply_setup(spec.clone(), &p, None, &noop).await.unwrap();
    assert_eq!(run.status, RunStatus::Failed);
    let api_step = run.steps.iter().find(|s| s.kind == StepKind::CreateApi).unwrap();
    assert!(api_step.error.as_deref().unwrap_or_default().contains("did not create"), "{api_step:?}");
    assert!(run.steps.iter().all(|s| s.kind != StepKind::CreateGrant || s.status == StepStatus::Waiting));
    assert_eq!(c.get_resource_server(&theirs.id).await.unwrap().scopes, vec![], "theirs, untouched");

    let undone = e.undo(&run.id, None, &noop).await.unwrap();
    assert_eq!(undone.status, RunStatus::Undone);
    assert!(c.get_resource_server(&theirs.id).await.is_ok(), "their API is not undone");
    let ours = c.list_clients(None, &mut |_| {}).await.unwrap();
    assert!(ours.iter().all(|a| a.name.as_deref() != Some("Orders worker")), "our application is gone");
}

#[tokio::test]
async fn reuses_an_existing_api_and_grant_adding_scopes_and_changing_the_grant() {
    let t = tenant().await;
    let (c, e) = (&t.admin, engine(&t));
    let app = c
        .create_client(&NewClient {
            name: "Orders worker".into(),
            app_type: "non_interactive".into(),
            grant_types: vec!["authorization_code".into()],
            ..NewClient::default()
        })
        .await
        .unwrap();
    c.create_resource_server(&NewResourceServer {
        identifier: AUD.into(),
        name: Some("Orders".into()),
        scopes: vec![Scope { value: "read:orders".into(), description: None }],
        ..NewResourceServer::default()
    })
    .await
    .unwrap();
    c.create_client_grant(&NewClientGrant {
        client_id: app.client_id.clone(),
        audience: AUD.into(),
        scope: vec!["read:orders".into()],
    })
    .await
    .unwrap();

    let spec = WizardSpec {
        app: AppChoice::Existing { client_id: app.client_id.clone() },
        api: ApiChoice::Existing { identifier: AUD.into() },
        scopes: vec![
            ScopeSpec { value: "read:orders".into(), description: String::new() },
            ScopeSpec { value: "write:orders".into(), description: "Write".into() },
        ],
        grant_scopes: vec!["write:orders".into()],
    };
    let p = e.plan_setup(&spec).await.unwrap();
    let kinds: Vec<StepKind> = p.steps.iter().map(|s| s.kind).collect();
    assert_eq!(
        kinds,
        [
            StepKind::ReuseApplication,
            StepKind::EnableClientCredentials,
            StepKind::ReuseApi,
            StepKind::AddScopes,
            StepKind::UpdateGrant
        ]
    );
    let change = p.grant_change.clone().unwrap();
    assert_eq!((change.added, change.removed), (vec!["write:orders".to_string()], vec!["read:orders".to_string()]));

    let run = e.apply_setup(spec.clone(), &p, None, &noop).await.unwrap();
    assert_eq!(run.status, RunStatus::Done);
    assert!(run.steps.iter().all(|s| !s.created), "nothing was created, only reused and changed");
    let api = c.get_resource_server(AUD).await.unwrap();
    assert_eq!(api.scopes.iter().map(|s| s.value.as_str()).collect::<Vec<_>>(), ["read:orders", "write:orders"]);
    let grants = c.list_client_grants(Some(&app.client_id), Some(AUD), &mut |_| {}).await.unwrap();
    assert_eq!(grants[0].scope, ["write:orders"]);
    assert!(c.get_client(&app.client_id).await.unwrap().grant_types.contains(&"client_credentials".to_string()));

    // Planned again: nothing left to do.
    let again = e.plan_setup(&spec).await.unwrap();
    assert_eq!(again.summary, "Nothing to change: everything is already set up.");
}

#[tokio::test]
async fn an_existing_identifier_is_a_conflict_offering_the_existing_api() {
    let t = tenant().await;
    let (c, e) = (&t.admin, engine(&t));
    c.create_resource_server(&NewResourceServer {
        identifier: AUD.into(),
        name: Some("Taken".into()),
        ..NewResourceServer::default()
    })
    .await
    .unwrap();
    let p = e.plan_setup(&fresh_spec(SigningAlg::RS256)).await.unwrap();
    assert!(!p.can_apply);
    assert_eq!(p.conflicts[0].field, "api.identifier");
    assert_eq!(p.conflicts[0].existing, AUD);
    assert!(p.conflicts[0].message.contains("Use it instead"), "{}", p.conflicts[0].message);
}

#[tokio::test]
async fn a_missing_permission_is_found_at_plan_time() {
    let t = tenant().await;
    let (sb, c, e) = (&t.sb, &t.admin, engine(&t));
    let limited = c.create_client(&NewClient::machine_to_machine("Read-only")).await.unwrap();
    c.create_client_grant(&NewClientGrant {
        client_id: limited.client_id.clone(),
        audience: sb.management_audience().into(),
        scope: vec![
            "read:clients".into(),
            "read:resource_servers".into(),
            "read:client_grants".into(),
            "create:clients".into(),
        ],
    })
    .await
    .unwrap();
    let ro = t.add_profile(
        "Read-only",
        grantsmith_core::profiles::Environment::Development,
        &limited.client_id,
        limited.client_secret.unwrap().expose(),
    );
    t.tenants.switch(&ro).unwrap();
    let p = e.plan_setup(&fresh_spec(SigningAlg::RS256)).await.unwrap();
    assert!(!p.can_apply);
    assert_eq!(p.blockers.len(), 2, "{:?}", p.blockers);
    assert!(p.blockers[0].contains("create:resource_servers"));
    assert!(p.blockers[1].contains("create:client_grants"));
    let err = e.apply_setup(fresh_spec(SigningAlg::RS256), &p, None, &noop).await.unwrap_err();
    assert_eq!(err.kind, ErrorKind::MissingScope);
    assert_eq!(c.list_clients(None, &mut |_| {}).await.unwrap().len(), 2, "nothing was created");
}

#[tokio::test]
async fn an_aborted_run_is_resumed_by_a_fresh_process() {
    let t = tenant().await;
    let sb = &t.sb;
    let dir = tempfile::tempdir().unwrap();
    {
        let tenants = common::tenants_on(sb, dir.path(), 5_000);
        let e = Engine::new(&tenants);
        let spec = fresh_spec(SigningAlg::HS256);
        let p = e.plan_setup(&spec).await.unwrap();
        sb.add_fault(Fault {
            method: Some("POST".into()),
            path: "/api/v2/client-grants".into(),
            status: None,
            action: None,
            delay_ms: Some(800),
            times: 1,
        })
        .unwrap();
        // The app is killed while the grant is being created.
        let aborted = tokio::time::timeout(Duration::from_millis(400), e.apply_setup(spec, &p, None, &noop)).await;
        assert!(aborted.is_err(), "the run was cut off");
    }
    // The tenant finishes the grant's create the killed run left behind.
    assert!(sb.settled(Duration::from_secs(10)).await, "the sandbox finished the abandoned create");

    let tenants = common::tenants_on(sb, dir.path(), 5_000);
    let store = tenants.store();
    let id = store.unfinished_run("sandbox").unwrap().expect("the interrupted run is offered on start");
    let before = store.run(&id).unwrap().unwrap();
    assert_eq!(before.status, RunStatus::Running);
    assert_eq!(before.steps[2].status, StepStatus::Running, "the journal shows where it stopped");
    assert!(!before.held, "an executor that is gone holds nothing");
    let mut e = Engine::new(&tenants);
    e.settle_secs = 0;
    let run = e.resume(&id, &[], None, &noop).await.unwrap();
    assert_eq!(run.status, RunStatus::Done, "{:?}", run.steps);
    assert_exactly_one_of_each(&t.admin, "HS256").await;
    assert!(store.unfinished_run("sandbox").unwrap().is_none());
}

#[tokio::test]
async fn a_concurrent_scope_edit_is_kept_and_a_changed_tenant_is_replanned() {
    let t = tenant().await;
    let (c, e) = (&t.admin, engine(&t));
    let app = c.create_client(&NewClient::machine_to_machine("Orders worker")).await.unwrap();
    let api = c
        .create_resource_server(&NewResourceServer {
            identifier: AUD.into(),
            scopes: vec![Scope { value: "read:orders".into(), description: None }],
            ..NewResourceServer::default()
        })
        .await
        .unwrap();
    let spec = WizardSpec {
        app: AppChoice::Existing { client_id: app.client_id.clone() },
        api: ApiChoice::Existing { identifier: AUD.into() },
        scopes: vec![
            ScopeSpec { value: "read:orders".into(), description: String::new() },
            ScopeSpec { value: "write:orders".into(), description: String::new() },
        ],
        grant_scopes: vec!["read:orders".into(), "write:orders".into()],
    };
    let p = e.plan_setup(&spec).await.unwrap();

    // Someone adds a scope in the Dashboard between review and apply.
    let mut edited = api.scopes.clone();
    edited.push(Scope { value: "admin:orders".into(), description: Some("added elsewhere".into()) });
    c.update_resource_server(&api.id, &ResourceServerUpdate { scopes: Some(edited), ..Default::default() })
        .await
        .unwrap();
    let run = e.apply_setup(spec.clone(), &p, None, &noop).await.unwrap();
    assert_eq!(run.status, RunStatus::Done);
    let values: Vec<String> = c.get_resource_server(AUD).await.unwrap().scopes.into_iter().map(|s| s.value).collect();
    assert_eq!(values, ["read:orders", "admin:orders", "write:orders"], "the concurrent edit survives the merge");

    // A grant appears between review and apply: the plan no longer holds, nothing is written.
    let spec2 = WizardSpec { app: AppChoice::New { name: "Second".into(), description: String::new() }, ..spec };
    let p2 = e.plan_setup(&spec2).await.unwrap();
    c.delete_resource_server(&api.id).await.unwrap();
    let before = c.list_clients(None, &mut |_| {}).await.unwrap().len();
    let e = e.apply_setup(spec2, &p2, None, &noop).await.unwrap_err();
    assert!(matches!(e.kind, ErrorKind::Conflict | ErrorKind::NotFound), "{e:?}");
    assert_eq!(c.list_clients(None, &mut |_| {}).await.unwrap().len(), before, "nothing was created");
}

#[tokio::test]
async fn undo_deletes_what_the_run_created_in_reverse_order() {
    let t = tenant().await;
    let (sb, c, e) = (&t.sb, &t.admin, engine(&t));
    let spec = fresh_spec(SigningAlg::RS256);
    let p = e.plan_setup(&spec).await.unwrap();
    let run = e.apply_setup(spec, &p, None, &noop).await.unwrap();
    sb.clear_requests();
    let updates = std::sync::Mutex::new(Vec::new());
    let record =
        |v: &RunView| updates.lock().unwrap().push(v.steps.iter().filter(|s| s.status == StepStatus::Undone).count());
    let undone = e.undo(&run.id, None, &record).await.unwrap();
    assert_eq!(undone.status, RunStatus::Undone);
    assert!(undone.steps.iter().all(|s| s.status == StepStatus::Undone));
    let deletes: Vec<String> = sb.requests().into_iter().filter(|r| r.method == "DELETE").map(|r| r.path).collect();
    assert!(deletes[0].starts_with("/api/v2/client-grants/"), "{deletes:?}");
    assert!(deletes[1].starts_with("/api/v2/resource-servers/"));
    assert!(deletes[2].starts_with("/api/v2/clients/"));
    assert_eq!(c.list_clients(None, &mut |_| {}).await.unwrap().len(), 1, "only the management client is left");
    assert!(c.get_resource_server(AUD).await.is_err());
    assert!(updates.lock().unwrap().windows(2).all(|w| w[0] <= w[1]), "progress is reported step by step");
}
