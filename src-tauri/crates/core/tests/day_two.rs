//! Day-two change sets against the sandbox over real HTTP: the access matrix (grants
//! created, changed and deleted in one set), scope propagation both ways, a rotation proven
//! by a token (the old secret refused), a change behind our back (refused, nothing
//! written), deletions already made elsewhere, orphaned grants, production's typed name —
//! each journaled and recorded in the index without reading the tenant again.

mod common;

use common::{AUD, Tenant, tenant, tenant_with};
use grantsmith_auth0::types::{NewClient, NewClientGrant, NewResourceServer, Scope};
use grantsmith_auth0::{Auth0Client, Auth0Error, Sensitive, TenantUrl, TokenRequest};
use grantsmith_core::change::Engine;
use grantsmith_core::change::set::{ChangeRequest, ChangeStatus, ChangeView, Op, OpStatus, Toggle};
use grantsmith_core::index;
use grantsmith_core::pages;
use grantsmith_core::profiles::Environment;
use grantsmith_core::token::TokenCache;
use grantsmith_core::wizard::ScopeSpec;
use grantsmith_core::wizard::plan::Effect;
use grantsmith_core::{ErrorKind, IpcError};
use grantsmith_sandbox::{Fault, FaultAction, SandboxConfig};

fn quiet(_: &ChangeView) {}

struct World {
    t: Tenant,
    /// client ids of "Billing", "Reports", "Shipping".
    billing: String,
    reports: String,
    shipping: String,
}

/// Orders API (read, write, delete); Billing holds read, Reports read+write, Shipping none.
async fn world() -> World {
    world_on(tenant().await).await
}

async fn world_on(t: Tenant) -> World {
    let scope = |v: &str| Scope { value: v.into(), description: Some(format!("{v} things")) };
    t.admin
        .create_resource_server(&NewResourceServer {
            identifier: AUD.into(),
            name: Some("Orders API".into()),
            signing_alg: Some("RS256".into()),
            token_lifetime: Some(3600),
            scopes: vec![scope("read:orders"), scope("write:orders"), scope("delete:orders")],
        })
        .await
        .unwrap();
    let mut ids = Vec::new();
    for name in ["Billing", "Reports", "Shipping"] {
        let c = t
            .admin
            .create_client(&NewClient {
                name: name.into(),
                app_type: "non_interactive".into(),
                grant_types: vec!["client_credentials".into()],
                ..Default::default()
            })
            .await
            .unwrap();
        ids.push(c.client_id);
    }
    for (c, scopes) in [(&ids[0], vec!["read:orders"]), (&ids[1], vec!["read:orders", "write:orders"])] {
        let scope = scopes.into_iter().map(String::from).collect();
        t.admin
            .create_client_grant(&NewClientGrant { client_id: c.clone(), audience: AUD.into(), scope })
            .await
            .unwrap();
    }
    let client = t.tenants.client_for("sandbox").await.unwrap();
    index::build(t.tenants.store(), &client, "sandbox", 1, &|_| {}).await.unwrap();
    let [billing, reports, shipping] = ids.try_into().unwrap();
    World { t, billing, reports, shipping }
}

impl World {
    async fn scopes_of(&self, client_id: &str) -> Option<Vec<String>> {
        let g = self.t.admin.list_client_grants(Some(client_id), Some(AUD), &mut |_| {}).await.unwrap();
        g.into_iter().next().map(|g| {
            let mut s = g.scope;
            s.sort();
            s
        })
    }

    /// The app's database, read beside it (as a second process would).
    fn db(&self) -> rusqlite::Connection {
        rusqlite::Connection::open(self.t.dir.path().join("grantsmith.db")).unwrap()
    }

    /// What the index holds for the grant, without reading the tenant.
    fn indexed(&self, client_id: &str) -> Option<Vec<String>> {
        let json: Option<String> = self
            .db()
            .query_row(
                "SELECT scopes FROM index_grants WHERE profile_id = 'sandbox' AND client_id = ?1 AND audience = ?2",
                [client_id, AUD],
                |r| r.get(0),
            )
            .ok();
        json.map(|j| {
            let mut s: Vec<String> = serde_json::from_str(&j).unwrap();
            s.sort();
            s
        })
    }
}

fn toggle(client_id: &str, scope: &str, granted: bool) -> Toggle {
    Toggle { client_id: client_id.into(), scope: scope.into(), granted }
}

fn v(s: &[&str]) -> Option<Vec<String>> {
    Some(s.iter().map(|x| x.to_string()).collect())
}

#[tokio::test]
async fn a_matrix_change_set_creates_changes_and_deletes_grants_and_the_index_follows() {
    let w = world().await;
    let e = Engine::new(&w.t.tenants);
    let request = ChangeRequest::Access {
        audience: AUD.into(),
        toggles: vec![
            toggle(&w.shipping, "read:orders", true),
            toggle(&w.billing, "write:orders", true),
            toggle(&w.reports, "read:orders", false),
            toggle(&w.reports, "write:orders", false),
            // A cell clicked twice is back where it was.
            toggle(&w.billing, "delete:orders", true),
            toggle(&w.billing, "delete:orders", false),
        ],
    };
    let plan = e.plan_change(&request).await.unwrap();
    let effects: Vec<Effect> = plan.steps.iter().map(|s| s.effect).collect();
    assert_eq!(effects, [Effect::Create, Effect::Update, Effect::Delete], "{plan:#?}");
    assert_eq!(plan.summary, "Creates 1 grant, changes 1 grant, deletes 1 grant");
    assert!(
        plan.steps[0].title.contains("Shipping") && plan.steps[0].title.contains("Orders API"),
        "names from the index"
    );
    assert_eq!(plan.affects, ["Reports can no longer get tokens for Orders API (its grant is deleted)."]);
    assert!(plan.can_apply && plan.confirm_tenant.is_none());
    assert_eq!(w.scopes_of(&w.billing).await, v(&["read:orders"]), "planning writes nothing");

    let before = w.t.sb.requests().len();
    let out = e.apply_change(&plan, None, &TokenCache::default(), &quiet).await.unwrap();
    assert_eq!(out.change.status, ChangeStatus::Done);
    assert!(out.change.steps.iter().all(|s| s.status == OpStatus::Done), "{:#?}", out.change.steps);
    assert_eq!(w.scopes_of(&w.shipping).await, v(&["read:orders"]));
    assert_eq!(w.scopes_of(&w.billing).await, v(&["read:orders", "write:orders"]));
    assert_eq!(w.scopes_of(&w.reports).await, None);

    // The index follows from the results: no list of the tenant was read to refresh it.
    assert_eq!(w.indexed(&w.shipping), v(&["read:orders"]));
    assert_eq!(w.indexed(&w.billing), v(&["read:orders", "write:orders"]));
    assert_eq!(w.indexed(&w.reports), None);
    let status = index::status(w.t.tenants.store(), "sandbox").unwrap();
    assert!(!status.stale, "a change set that finished keeps the index current");
    let relisted = w.t.sb.requests()[before..]
        .iter()
        .any(|r| r.method == "GET" && (r.path == "/api/v2/clients" || r.path == "/api/v2/resource-servers"));
    assert!(!relisted, "the index was refreshed from the results, not by listing the tenant again");

    // The journal: who, what, each step.
    let journal = w.t.tenants.store().change(&out.change.id).unwrap().unwrap();
    assert_eq!(journal, out.change);
    assert_eq!(journal.kind, "access");
    assert!(!journal.os_user.is_empty());

    // Applying the same review again: the tenant changed (by us), so it is refused.
    let again = e.apply_change(&plan, None, &TokenCache::default(), &quiet).await.unwrap_err();
    assert_eq!(again.kind, ErrorKind::Conflict, "{again:?}");
}

#[tokio::test]
async fn a_change_behind_our_back_is_reported_and_nothing_is_written() {
    let w = world().await;
    let e = Engine::new(&w.t.tenants);
    let request = ChangeRequest::Access {
        audience: AUD.into(),
        toggles: vec![toggle(&w.shipping, "read:orders", true), toggle(&w.billing, "read:orders", false)],
    };
    let plan = e.plan_change(&request).await.unwrap();
    // Someone else gives Billing write:orders after the review.
    let g = w.t.admin.list_client_grants(Some(&w.billing), Some(AUD), &mut |_| {}).await.unwrap().remove(0);
    w.t.admin.update_client_grant_scopes(&g.id, &["read:orders".into(), "write:orders".into()]).await.unwrap();

    let err = e.apply_change(&plan, None, &TokenCache::default(), &quiet).await.unwrap_err();
    assert_eq!(err.kind, ErrorKind::Conflict);
    assert!(err.message.contains("Nothing was changed"), "{}", err.message);
    assert_eq!(w.scopes_of(&w.shipping).await, None, "not even the unaffected step ran");
    assert_eq!(w.scopes_of(&w.billing).await, v(&["read:orders", "write:orders"]), "their change is kept");

    // The same staged toggles, reviewed again, keep their change and apply ours.
    let plan = e.plan_change(&request).await.unwrap();
    assert!(
        matches!(&plan.steps[1].op, Op::UpdateGrant { removed, added, .. } if removed == &["read:orders"] && added.is_empty())
    );
    e.apply_change(&plan, None, &TokenCache::default(), &quiet).await.unwrap();
    assert_eq!(w.scopes_of(&w.billing).await, v(&["write:orders"]));
    assert_eq!(w.scopes_of(&w.shipping).await, v(&["read:orders"]));
}

#[tokio::test]
async fn added_scopes_reach_chosen_grants_and_removed_scopes_leave_every_grant_first() {
    let w = world().await;
    let e = Engine::new(&w.t.tenants);
    let request = ChangeRequest::Scopes {
        audience: AUD.into(),
        add: vec![ScopeSpec { value: "export:orders".into(), description: "Export orders".into() }],
        describe: vec![ScopeSpec { value: "write:orders".into(), description: "Create and change orders".into() }],
        remove: vec!["read:orders".into()],
        extend_to: vec![w.reports.clone(), w.shipping.clone()],
    };
    let plan = e.plan_change(&request).await.unwrap();
    let ops: Vec<&str> = plan
        .steps
        .iter()
        .map(|s| match &s.op {
            Op::UpdateGrant { .. } => "update grant",
            Op::CreateGrant { .. } => "create grant",
            Op::UpdateScopes { .. } => "api scopes",
            _ => "other",
        })
        .collect();
    // Taken from Billing and Reports, then the API, then given to Reports and (new) Shipping.
    assert_eq!(ops, ["update grant", "update grant", "api scopes", "update grant", "create grant"], "{plan:#?}");
    assert!(plan.affects.iter().any(|a| a == "Billing loses read:orders on Orders API."), "{:?}", plan.affects);
    assert!(plan.affects.iter().any(|a| a.starts_with("read:orders is removed from Orders API")));

    let out = e.apply_change(&plan, None, &TokenCache::default(), &quiet).await.unwrap();
    assert_eq!(out.change.status, ChangeStatus::Done, "{:#?}", out.change);
    let api = w.t.admin.get_resource_server(AUD).await.unwrap();
    let values: Vec<&str> = api.scopes.iter().map(|s| s.value.as_str()).collect();
    assert_eq!(values, ["write:orders", "delete:orders", "export:orders"]);
    assert_eq!(api.scopes[0].description.as_deref(), Some("Create and change orders"));
    assert_eq!(w.scopes_of(&w.billing).await, v(&[]), "the grant stays, without the removed scope");
    assert_eq!(w.scopes_of(&w.reports).await, v(&["export:orders", "write:orders"]));
    assert_eq!(w.scopes_of(&w.shipping).await, v(&["export:orders"]));
    assert_eq!(w.indexed(&w.reports), v(&["export:orders", "write:orders"]));
    let indexed_api: String = w
        .db()
        .query_row("SELECT scopes FROM index_apis WHERE profile_id = 'sandbox' AND identifier = ?1", [AUD], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(indexed_api, r#"["write:orders","delete:orders","export:orders"]"#);

    // Bad input names the field and the rule.
    let bad = |add: &str, remove: &str| ChangeRequest::Scopes {
        audience: AUD.into(),
        add: if add.is_empty() { vec![] } else { vec![ScopeSpec { value: add.into(), description: String::new() }] },
        describe: vec![],
        remove: if remove.is_empty() { vec![] } else { vec![remove.into()] },
        extend_to: vec![],
    };
    let e1 = e.plan_change(&bad("write:orders", "")).await.unwrap_err();
    assert_eq!((e1.field.as_deref(), e1.kind), (Some("add[0].value"), ErrorKind::Validation), "{e1:?}");
    let e2 = e.plan_change(&bad("has space", "")).await.unwrap_err();
    assert_eq!(e2.field.as_deref(), Some("add[0].value"));
    let e3 = e.plan_change(&bad("", "no:such")).await.unwrap_err();
    assert_eq!(e3.field.as_deref(), Some("remove"));
}

async fn token_with(t: &Tenant, client_id: &str, secret: &str) -> Result<(), Auth0Error> {
    let c = Auth0Client::new(
        TenantUrl::parse(&t.sb.base_url()).unwrap(),
        client_id,
        Sensitive::new(String::new()),
        &common::options(5_000),
    )
    .unwrap();
    let secret = Sensitive::new(secret.to_string());
    c.request_token(&TokenRequest { client_id, client_secret: &secret, audience: AUD, scope: None }).await.map(|_| ())
}

#[tokio::test]
async fn a_rotated_secret_is_proven_by_a_token_the_old_one_is_refused_and_it_is_stored_nowhere() {
    let w = world().await;
    let mut e = Engine::new(&w.t.tenants);
    let old = w.t.admin.get_client(&w.billing).await.unwrap().client_secret.unwrap().expose().clone();
    token_with(&w.t, &w.billing, &old).await.expect("the old secret works before");

    let plan = e.plan_change(&ChangeRequest::RotateSecret { client_id: w.billing.clone() }).await.unwrap();
    assert_eq!(plan.steps.len(), 1);
    assert!(plan.affects[0].contains("stops working at once"), "{:?}", plan.affects);
    // Even on a development tenant a rotation asks the person in the native dialog.
    let no = common::Person::says_no();
    e.person = Some(&no);
    let err = e.apply_change(&plan, None, &TokenCache::default(), &quiet).await.unwrap_err();
    assert_eq!(err.kind, ErrorKind::Cancelled, "{err:?}");
    assert_eq!(no.asked(), ["Confirm: rotate a client secret on Sandbox"]);
    token_with(&w.t, &w.billing, &old).await.expect("a cancelled rotation changed nothing");
    let yes = common::Person::says_yes();
    e.person = Some(&yes);
    let out = e.apply_change(&plan, None, &TokenCache::default(), &quiet).await.unwrap();
    let rotated = out.rotated.expect("the new secret is handed back");
    assert!(rotated.verified, "{}", rotated.verdict);
    assert!(rotated.verdict.starts_with("verified"), "{}", rotated.verdict);
    assert_eq!(rotated.env_var, "CLIENT_SECRET");
    assert_eq!(rotated.export_line, format!("export CLIENT_SECRET='{}'", rotated.client_secret));
    assert_ne!(rotated.client_secret, old);

    token_with(&w.t, &w.billing, &rotated.client_secret).await.expect("the new secret gets a token");
    let refused = token_with(&w.t, &w.billing, &old).await.unwrap_err();
    assert!(matches!(refused, Auth0Error::Unauthorized { .. }), "{refused:?}");

    // Neither secret is in the database file (journal, index, anything).
    let db = std::fs::read(w.t.dir.path().join("grantsmith.db")).unwrap();
    let wal = std::fs::read(w.t.dir.path().join("grantsmith.db-wal")).unwrap_or_default();
    for bytes in [db, wal] {
        for secret in [&old, &rotated.client_secret] {
            assert!(!bytes.windows(secret.len()).any(|win| win == secret.as_bytes()), "a secret reached SQLite");
        }
    }
    let journal = w.t.tenants.store().change(&out.change.id).unwrap().unwrap();
    assert_eq!(journal.kind, "rotate_secret");
    assert_eq!(journal.status, ChangeStatus::Done);
}

#[tokio::test]
async fn a_grant_already_deleted_elsewhere_is_done_and_said_so_and_an_orphaned_grant_is_removable() {
    let w = world().await;
    let e = Engine::new(&w.t.tenants);
    let g = w.t.admin.list_client_grants(Some(&w.billing), Some(AUD), &mut |_| {}).await.unwrap().remove(0);
    let plan = e.plan_change(&ChangeRequest::DeleteGrant { grant_id: g.id.clone() }).await.unwrap();
    assert_eq!(plan.steps[0].effect, Effect::Delete);
    w.t.admin.delete_client_grant(&g.id).await.unwrap();
    let out = e.apply_change(&plan, None, &TokenCache::default(), &quiet).await.unwrap();
    assert_eq!(out.change.status, ChangeStatus::Done);
    assert_eq!(out.change.steps[0].note.as_deref(), Some("already deleted elsewhere"));
    // Reviewed after it was gone: nothing to do, and the review says so.
    let plan = e.plan_change(&ChangeRequest::DeleteGrant { grant_id: g.id.clone() }).await.unwrap();
    assert!(plan.steps.is_empty() && !plan.can_apply);
    assert!(plan.summary.starts_with("Nothing to change"), "{}", plan.summary);

    // The API goes; Reports' grant stays behind (as in the wild) and shows as orphaned.
    let api = w.t.admin.get_resource_server(AUD).await.unwrap();
    w.t.admin.delete_resource_server(&api.id).await.unwrap();
    let client = w.t.tenants.client_for("sandbox").await.unwrap();
    let page = pages::application(&client, &w.reports).await.unwrap();
    assert_eq!(page.grants.len(), 1);
    assert!(page.grants[0].orphaned);
    assert_eq!(page.grants[0].api_name, AUD);
    let plan = e.plan_change(&ChangeRequest::DeleteGrant { grant_id: page.grants[0].grant_id.clone() }).await.unwrap();
    assert!(plan.steps[0].title.contains("no longer exists"), "{}", plan.steps[0].title);
    e.apply_change(&plan, None, &TokenCache::default(), &quiet).await.unwrap();
    assert!(pages::application(&client, &w.reports).await.unwrap().grants.is_empty());
}

#[tokio::test]
async fn a_change_set_on_production_needs_the_typed_name() {
    let w = world().await;
    let prod = w.t.add_admin_profile("Acme Prod", Environment::Production);
    w.t.tenants.switch(&prod).unwrap();
    let mut e = Engine::new(&w.t.tenants);
    let plan = e
        .plan_change(&ChangeRequest::Access {
            audience: AUD.into(),
            toggles: vec![toggle(&w.shipping, "read:orders", true)],
        })
        .await
        .unwrap();
    assert_eq!(plan.confirm_tenant.as_deref(), Some("Acme Prod"));
    for typed in [None, Some("acme prod")] {
        let err: IpcError = e.apply_change(&plan, typed, &TokenCache::default(), &quiet).await.unwrap_err();
        assert_eq!(err.field.as_deref(), Some("confirm_tenant"), "{err:?}");
    }
    let no = common::Person::says_no();
    e.person = Some(&no);
    let err = e.apply_change(&plan, Some("Acme Prod"), &TokenCache::default(), &quiet).await.unwrap_err();
    assert_eq!(err.kind, ErrorKind::Cancelled, "the person said no in the native dialog");
    assert_eq!(w.scopes_of(&w.shipping).await, None);
    let yes = common::Person::says_yes();
    e.person = Some(&yes);
    e.apply_change(&plan, Some("Acme Prod"), &TokenCache::default(), &quiet).await.unwrap();
    assert_eq!(w.scopes_of(&w.shipping).await, v(&["read:orders"]));
}

#[tokio::test]
async fn an_application_is_renamed_at_the_length_limit_enabled_revealed_and_deleted_with_its_grants() {
    let w = world().await;
    let mut e = Engine::new(&w.t.tenants);
    let edit = |name: String| ChangeRequest::EditApplication {
        client_id: w.billing.clone(),
        name,
        description: "Charges customers".into(),
    };
    for (name, code) in
        [("x".repeat(256), "too_long"), ("<script>".into(), "invalid_characters"), ("  ".into(), "required")]
    {
        let err = e.plan_change(&edit(name)).await.unwrap_err();
        assert_eq!(
            (err.field.as_deref(), err.code.map(|c| serde_json::to_value(c).unwrap().as_str().unwrap().to_string())),
            (Some("name"), Some(code.to_string())),
            "{err:?}"
        );
    }
    let longest = "B".repeat(255);
    let plan = e.plan_change(&edit(longest.clone())).await.unwrap();
    e.apply_change(&plan, None, &TokenCache::default(), &quiet).await.unwrap();
    let app = w.t.admin.get_client(&w.billing).await.unwrap();
    assert_eq!((app.name.as_deref(), app.description.as_deref()), (Some(longest.as_str()), Some("Charges customers")));
    assert_eq!(index::app_name(w.t.tenants.store(), "sandbox", &w.billing).unwrap(), Some(longest), "index follows");

    // Client Credentials: enabled once; asked again, nothing to do.
    let bare = w
        .t
        .admin
        .create_client(&NewClient { name: "Legacy".into(), app_type: "non_interactive".into(), ..Default::default() })
        .await
        .unwrap();
    let enable = ChangeRequest::EnableClientCredentials { client_id: bare.client_id.clone() };
    let plan = e.plan_change(&enable).await.unwrap();
    e.apply_change(&plan, None, &TokenCache::default(), &quiet).await.unwrap();
    assert!(w.t.admin.get_client(&bare.client_id).await.unwrap().grant_types.contains(&"client_credentials".into()));
    assert!(e.plan_change(&enable).await.unwrap().steps.is_empty());

    // Revealed on request, once the person said yes natively: journaled, the value nowhere on disk.
    let err = e.reveal_secret(&w.reports).await.unwrap_err();
    assert_eq!(err.kind, ErrorKind::Cancelled, "no native dialog, no secret: {err:?}");
    let yes = common::Person::says_yes();
    e.person = Some(&yes);
    let secret = e.reveal_secret(&w.reports).await.unwrap();
    assert_eq!(yes.asked(), ["Confirm: reveal a client secret of Sandbox"]);
    assert_eq!(&secret, w.t.admin.get_client(&w.reports).await.unwrap().client_secret.unwrap().expose());
    let history = w.t.tenants.store().journal("sandbox", &Default::default()).unwrap();
    assert_eq!(history[0].kind, "reveal_secret");
    assert!(history[0].title.contains("Reports"), "{}", history[0].title);

    // Deleted, showing what goes with it; the index loses it and its grants.
    let delete = ChangeRequest::DeleteApplication { client_id: w.reports.clone() };
    let plan = e.plan_change(&delete).await.unwrap();
    assert_eq!(plan.steps[0].effect, Effect::Delete);
    assert!(plan.affects.iter().any(|a| a.contains(AUD) && a.contains("write:orders")), "{:?}", plan.affects);
    e.apply_change(&plan, None, &TokenCache::default(), &quiet).await.unwrap();
    assert!(matches!(w.t.admin.get_client(&w.reports).await, Err(Auth0Error::NotFound { .. })));
    assert_eq!(w.indexed(&w.reports), None);
    assert_eq!(index::app_name(w.t.tenants.store(), "sandbox", &w.reports).unwrap(), None);
    assert!(e.plan_change(&delete).await.unwrap().steps.is_empty(), "already gone: nothing to do");

    let db = std::fs::read(w.t.dir.path().join("grantsmith.db")).unwrap();
    let wal = std::fs::read(w.t.dir.path().join("grantsmith.db-wal")).unwrap_or_default();
    for bytes in [db, wal] {
        assert!(!bytes.windows(secret.len()).any(|win| win == secret.as_bytes()), "the revealed secret reached SQLite");
    }
}

#[tokio::test]
async fn a_scope_added_behind_our_back_is_kept_when_our_scope_edit_lands() {
    let w = world().await;
    let e = Engine::new(&w.t.tenants);
    let request = ChangeRequest::Scopes {
        audience: AUD.into(),
        add: vec![ScopeSpec { value: "export:orders".into(), description: String::new() }],
        describe: vec![],
        remove: vec!["delete:orders".into()],
        extend_to: vec![],
    };
    let plan = e.plan_change(&request).await.unwrap();
    // Someone adds a scope in the Dashboard between review and apply.
    let mut scopes = w.t.admin.get_resource_server(AUD).await.unwrap().scopes;
    scopes.push(Scope { value: "other:orders".into(), description: None });
    let update = grantsmith_auth0::types::ResourceServerUpdate { scopes: Some(scopes), ..Default::default() };
    w.t.admin.update_resource_server(AUD, &update).await.unwrap();

    e.apply_change(&plan, None, &TokenCache::default(), &quiet).await.expect("our edit does not touch their scope");
    let values: Vec<String> =
        w.t.admin.get_resource_server(AUD).await.unwrap().scopes.into_iter().map(|s| s.value).collect();
    assert_eq!(values, ["read:orders", "write:orders", "other:orders", "export:orders"]);
}

/// A change set stopped by a fault part-way is finished by reviewing the same staged change
/// again and applying what is left: no duplicate grant, nothing lost — also when the lost
/// answer was a create that Auth0 did commit.
#[tokio::test]
async fn a_change_set_stopped_by_a_fault_finishes_when_applied_again_without_duplicates() {
    let faults = [
        ("503 ×3", Fault { status: Some(503), times: 3, ..Fault::on("PATCH", "/api/v2/client-grants/*") }),
        (
            "drop after commit",
            Fault { action: Some(FaultAction::DropAfterCommit), ..Fault::on("POST", "/api/v2/client-grants") },
        ),
        ("delay past the timeout", Fault { delay_ms: Some(1_200), ..Fault::on("POST", "/api/v2/client-grants") }),
        (
            "drop before processing",
            Fault { action: Some(FaultAction::Drop), ..Fault::on("PATCH", "/api/v2/client-grants/*") },
        ),
    ];
    for (name, fault) in faults {
        let w = world_on(tenant_with(SandboxConfig::default(), 700).await).await;
        let e = Engine::new(&w.t.tenants);
        let request = ChangeRequest::Access {
            audience: AUD.into(),
            toggles: vec![toggle(&w.shipping, "read:orders", true), toggle(&w.billing, "write:orders", true)],
        };
        let plan = e.plan_change(&request).await.unwrap();
        w.t.sb.add_fault(fault).unwrap();
        let first = e.apply_change(&plan, None, &TokenCache::default(), &quiet).await.unwrap();
        let mut tries = 0;
        loop {
            // What a user does after a failure: review the same staged change again — once the
            // tenant has finished what the client gave up on.
            assert!(w.t.sb.settled(std::time::Duration::from_secs(10)).await, "{name}: the tenant is still busy");
            let again = e.plan_change(&request).await.unwrap();
            if again.steps.is_empty() {
                break;
            }
            assert!(tries < 3, "{name}: still {} after {tries} tries", again.summary);
            e.apply_change(&again, None, &TokenCache::default(), &quiet).await.unwrap();
            tries += 1;
        }
        let fired =
            w.t.sb.requests().iter().any(|r| r.status.is_none() || r.status == Some(503) || r.duration_ms >= 1_200);
        assert!(fired, "{name}: the fault fired");
        let grants = w.t.admin.list_client_grants(None, Some(AUD), &mut |_| {}).await.unwrap();
        assert_eq!(grants.len(), 3, "{name}: one grant per application ({first:?})");
        assert_eq!(w.scopes_of(&w.shipping).await, v(&["read:orders"]), "{name}");
        assert_eq!(w.scopes_of(&w.billing).await, v(&["read:orders", "write:orders"]), "{name}");
        let history = w.t.tenants.store().journal("sandbox", &Default::default()).unwrap();
        assert!(history.iter().all(|e| e.kind == "access" || e.kind == "setup"), "{name}");
    }
}
