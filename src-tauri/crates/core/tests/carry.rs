//! Carrying a setup between two tenants — two sandboxes in this process, each over real
//! HTTP: promote with a mapped identifier onto an empty production tenant, promote onto a
//! target that already has part of the setup (reused, nothing duplicated, nothing taken
//! away), a large target listed once per dialog and live to apply, mappings the target
//! cannot take, drift after a change made outside Grantsmith, and the journal after every
//! kind of change.

mod common;

use grantsmith_auth0::Auth0Client;
use grantsmith_auth0::types::{NewClient, NewResourceServer, Scope};
use grantsmith_core::ErrorKind;
use grantsmith_core::carry::RecordOrigin;
use grantsmith_core::carry::promote::{DiffState, PromoteAsk, PromoteMapping};
use grantsmith_core::change::Engine;
use grantsmith_core::index::IndexProgress;
use grantsmith_core::profiles::Environment;
use grantsmith_core::wizard::{ApiChoice, RunStatus, StepKind, WizardSpec};
use grantsmith_sandbox::{Sandbox, SandboxConfig, Seed};

/// The person at the native confirmation dialog, saying yes to each promotion, rotation and
/// reveal here (what is asked, and a no, are tested in engine.rs and day_two.rs).
static YES: std::sync::LazyLock<common::Person> = std::sync::LazyLock::new(common::Person::says_yes);

fn engine(tenants: &grantsmith_core::tenants::Tenants) -> Engine<'_> {
    let mut e = Engine::new(tenants);
    e.person = Some(&*YES);
    e
}

const DEV_AUD: &str = "https://api.dev.example.com/orders";
const PROD_AUD: &str = "https://api.example.com/orders";

/// The development tenant (the Sandbox profile, active) with a setup made on it, and a
/// production tenant on a second sandbox as another profile.
struct Two {
    dev: common::Tenant,
    prod: Sandbox,
    prod_admin: Auth0Client,
    prod_id: String,
    client_id: String,
}

/// Unlimited: these tests make bursts of reads and writes through two clients per tenant,
/// which is not what they are about (pacing has its own tests in grantsmith-auth0).
fn unlimited() -> SandboxConfig {
    SandboxConfig { mgmt_rate_limit: None, ..SandboxConfig::default() }
}

async fn two() -> Two {
    two_with(Seed::default()).await
}

/// `two`, production seeded with `seed` besides.
async fn two_with(seed: Seed) -> Two {
    let dev = common::tenant_with(unlimited(), 5_000).await;
    let prod = Sandbox::start(SandboxConfig { seed, ..unlimited() }).await.unwrap();
    let prod_admin = common::admin(&prod, 5_000);
    let prod_id = dev
        .tenants
        .add(&grantsmith_core::profiles::ProfileInput {
            name: "Production".into(),
            domain: prod.base_url(),
            custom_domain: None,
            environment: Some(Environment::Production),
            client_id: prod.management_client_id().into(),
            client_secret: Some(prod.management_client_secret()),
            session_only: false,
        })
        .unwrap()
        .id;
    let mut spec: WizardSpec = common::orders_spec(&["read:orders", "write:orders"], &["read:orders"]);
    if let ApiChoice::New { identifier, .. } = &mut spec.api {
        *identifier = DEV_AUD.into();
    }
    let engine = Engine::new(&dev.tenants);
    let plan = engine.plan_setup(&spec).await.unwrap();
    let run = engine.apply_setup(spec, &plan, None, &common::noop).await.unwrap();
    Two { client_id: run.client_id.unwrap(), dev, prod, prod_admin, prod_id }
}

impl Two {
    fn ask(&self, mapping: Option<PromoteMapping>) -> PromoteAsk {
        PromoteAsk {
            client_id: self.client_id.clone(),
            audience: DEV_AUD.into(),
            target: self.prod_id.clone(),
            mapping,
        }
    }

    fn mapped(&self) -> PromoteMapping {
        PromoteMapping { app_name: "Orders worker".into(), api_name: "Orders API".into(), identifier: PROD_AUD.into() }
    }

    async fn prod_apps_named(&self, name: &str) -> Vec<grantsmith_auth0::types::Client> {
        let all = self.prod_admin.list_clients(None, &mut |_| {}).await.unwrap();
        all.into_iter().filter(|c| c.name.as_deref() == Some(name)).collect()
    }
}

#[tokio::test]
async fn promote_maps_the_identifier_needs_the_production_name_and_gives_a_new_secret() {
    let t = two().await;
    let engine = engine(&t.dev.tenants);
    let ask = t.ask(Some(t.mapped()));
    let preview = engine.preview_promotion(&ask, &|_| {}).await.unwrap();
    assert_eq!(preview.target_profile, "Production");
    assert!(preview.issues.is_empty(), "{:?}", preview.issues);
    assert!(preview.rows.iter().all(|r| r.state == DiffState::Added && r.target.is_none()), "{:?}", preview.rows);
    let id_row = preview.rows.iter().find(|r| r.label == "API identifier").unwrap();
    assert_eq!((id_row.source.as_str(), id_row.result.as_str()), (DEV_AUD, PROD_AUD));
    let plan = preview.plan.clone().unwrap();
    assert_eq!(plan.profile_id, t.prod_id);
    assert_eq!(plan.confirm_tenant.as_deref(), Some("Production"));
    let kinds: Vec<StepKind> = plan.steps.iter().map(|s| s.kind).collect();
    assert!(kinds.contains(&StepKind::CreateApplication) && kinds.contains(&StepKind::CreateApi), "{kinds:?}");

    // Production: not without the typed name, and nothing written.
    let err = engine.apply_promotion(&ask, &plan, None, &common::noop).await.unwrap_err();
    assert_eq!(err.field.as_deref(), Some("confirm_tenant"), "{err:?}");
    assert!(t.prod_apps_named("Orders worker").await.is_empty());

    let run = engine.apply_promotion(&ask, &plan, Some("Production"), &common::noop).await.unwrap();
    assert_eq!(run.status, RunStatus::Done);
    assert_eq!(run.profile_id, t.prod_id, "the run is the target's");
    let apps = t.prod_apps_named("Orders worker").await;
    assert_eq!(apps.len(), 1);
    assert_ne!(apps[0].client_id, t.client_id);
    let dev_secret = t.dev.admin.get_client(&t.client_id).await.unwrap().client_secret.unwrap();
    let prod_secret = t.prod_admin.get_client(&apps[0].client_id).await.unwrap().client_secret.unwrap();
    assert_ne!(dev_secret.expose(), prod_secret.expose(), "its own secret, never a copied one");
    let api = t.prod_admin.get_resource_server(PROD_AUD).await.unwrap();
    assert_eq!(api.scopes.iter().map(|s| s.value.as_str()).collect::<Vec<_>>(), ["read:orders", "write:orders"]);
    assert_eq!(api.token_lifetime, Some(3600));
    assert!(t.prod_admin.get_resource_server(DEV_AUD).await.is_err(), "the dev identifier is not used on prod");
    let grants = t.prod_admin.list_client_grants(Some(&apps[0].client_id), Some(PROD_AUD), &mut |_| {}).await.unwrap();
    assert_eq!(grants[0].scope, ["read:orders"]);

    // Recorded for drift on the target; journaled there as a promotion.
    let record = t.dev.tenants.store().setup_record(&t.prod_id, &apps[0].client_id, PROD_AUD).unwrap().unwrap();
    assert_eq!(record.origin, RecordOrigin::Promote);
    let journal = t.dev.tenants.store().journal(&t.prod_id, &Default::default()).unwrap();
    assert_eq!(journal[0].kind, "promote");
    assert!(journal[0].title.starts_with("Promoted from Sandbox"), "{}", journal[0].title);
    assert!(
        !t.dev.tenants.store().journal("sandbox", &Default::default()).unwrap().iter().any(|e| e.kind == "promote")
    );
}

/// The list requests of applications production answered since `from` (its request log).
fn app_listings(prod: &Sandbox, from: usize) -> usize {
    prod.requests()[from..]
        .iter()
        .filter(|r| r.method == "GET" && r.path.split('?').next() == Some("/api/v2/clients"))
        .count()
}

#[tokio::test]
async fn promote_onto_a_large_tenant_lists_its_applications_once_for_the_dialog_and_again_to_apply() {
    let t = two_with(Seed { clients: 1_000, apis: 0, grants: 0 }).await;
    let engine = engine(&t.dev.tenants);
    // The dialog opens: no mapping yet, production's applications are listed.
    let start = t.prod.requests().len();
    let reports = std::sync::Mutex::new(Vec::new());
    let report = |p: IndexProgress| reports.lock().unwrap().push((p.done, p.total));
    let first = engine.preview_promotion(&t.ask(None), &report).await.unwrap();
    let one_listing = app_listings(&t.prod, start);
    assert!(one_listing >= 10, "1,000 applications take pages: {one_listing}");
    let seen = std::mem::take(&mut *reports.lock().unwrap());
    assert_eq!(seen.len(), one_listing, "a report per page: {seen:?}");
    assert_eq!(seen.last(), Some(&(1_001, Some(1_001))), "the seeded ones and the management client");

    // Each edit of the mapping asks again: production's applications are not listed again,
    // nor is the setup read again on the source tenant.
    let before = t.prod.requests().len();
    let source_before = t.dev.sb.requests().len();
    let mut ask = t.ask(Some(t.mapped()));
    engine.preview_promotion(&ask, &report).await.unwrap();
    ask.mapping = Some(PromoteMapping { api_name: "Orders API (production)".into(), ..t.mapped() });
    let edited = engine.preview_promotion(&ask, &report).await.unwrap();
    assert_eq!(app_listings(&t.prod, before), 0, "the dialog's listing is reused");
    assert!(reports.lock().unwrap().is_empty(), "nothing read, nothing reported");
    let source_reads: Vec<String> = t.dev.sb.requests()[source_before..].iter().map(|r| r.path.clone()).collect();
    assert!(source_reads.is_empty(), "the source setup is read once for the dialog: {source_reads:?}");
    assert_eq!(edited.rows.len(), first.rows.len());

    // Someone adds the application elsewhere: the review still plans a new one, but applying
    // lists production live, sees it, and writes nothing.
    let plan = edited.plan.clone().unwrap();
    t.prod_admin.create_client(&NewClient::machine_to_machine("Orders worker")).await.unwrap();
    let before = t.prod.requests().len();
    let source_before = t.dev.sb.requests().len();
    let err = engine.apply_promotion(&ask, &plan, Some("Production"), &common::noop).await.unwrap_err();
    assert_eq!(app_listings(&t.prod, before), one_listing, "applying lists production live");
    assert!(t.dev.sb.requests().len() - source_before >= 3, "and reads the source setup again");
    assert_eq!(t.prod_apps_named("Orders worker").await.len(), 1, "nothing duplicated: {err:?}");

    // Asked again, the comparison sees it: the listing kept is the one applying made.
    let again = engine.preview_promotion(&ask, &|_| {}).await.unwrap();
    let app_row = again.rows.iter().find(|r| r.label == "Application").unwrap();
    assert_eq!(app_row.state, DiffState::Same, "{:?}", again.rows);
}

/// The dialog's edits reuse the source setup it read first; applying reads it again, so a
/// setup changed on the source meanwhile is not carried as it was reviewed.
#[tokio::test]
async fn a_source_setup_changed_after_the_review_is_not_promoted_as_reviewed() {
    let t = two().await;
    let engine = engine(&t.dev.tenants);
    engine.preview_promotion(&t.ask(None), &|_| {}).await.unwrap();
    let ask = t.ask(Some(t.mapped()));
    let reviewed = engine.preview_promotion(&ask, &|_| {}).await.unwrap().plan.unwrap();

    // On the source, the application is now also authorized for write:orders.
    let grants = t.dev.admin.list_client_grants(Some(&t.client_id), Some(DEV_AUD), &mut |_| {}).await.unwrap();
    let both = ["read:orders".to_string(), "write:orders".to_string()];
    t.dev.admin.update_client_grant_scopes(&grants[0].id, &both).await.unwrap();

    let err = engine.apply_promotion(&ask, &reviewed, Some("Production"), &common::noop).await.unwrap_err();
    assert_eq!(err.kind, ErrorKind::Conflict, "{err:?}");
    assert!(t.prod_apps_named("Orders worker").await.is_empty(), "nothing written on production");

    // Compared again, the dialog shows what applying would carry now.
    let again = engine.preview_promotion(&ask, &|_| {}).await.unwrap();
    let scopes = &again.source.grant.as_ref().expect("the source's grant").scopes;
    assert!(scopes.contains(&"write:orders".to_string()), "{scopes:?}");
}

#[tokio::test]
async fn promote_reuses_what_the_target_has_and_takes_nothing_away() {
    let t = two().await;
    // Production already has the application (without Client Credentials) and the API,
    // with a scope of its own and its own token lifetime; no grant.
    let mut app = NewClient::machine_to_machine("Orders worker");
    app.grant_types = vec!["authorization_code".into()];
    let app = t.prod_admin.create_client(&app).await.unwrap();
    t.prod_admin
        .create_resource_server(&NewResourceServer {
            identifier: PROD_AUD.into(),
            name: Some("Orders (prod)".into()),
            scopes: vec![Scope { value: "admin:orders".into(), description: Some("Prod only".into()) }],
            token_lifetime: Some(600),
            ..Default::default()
        })
        .await
        .unwrap();

    let engine = engine(&t.dev.tenants);
    let ask = t.ask(Some(t.mapped()));
    let preview = engine.preview_promotion(&ask, &|_| {}).await.unwrap();
    let state = |label: &str| preview.rows.iter().find(|r| r.label == label).map(|r| r.state);
    assert_eq!(state("Application"), Some(DiffState::Same));
    assert_eq!(state("Client Credentials grant"), Some(DiffState::Changed));
    assert_eq!(state("API name"), Some(DiffState::Kept));
    assert_eq!(state("Token lifetime (s)"), Some(DiffState::Kept));
    assert_eq!(state("Scope read:orders"), Some(DiffState::Added));
    assert_eq!(state("Access (grant scopes)"), Some(DiffState::Added));
    let plan = preview.plan.unwrap();
    let kinds: Vec<StepKind> = plan.steps.iter().map(|s| s.kind).collect();
    assert!(
        kinds.contains(&StepKind::ReuseApplication) && kinds.contains(&StepKind::EnableClientCredentials),
        "{kinds:?}"
    );
    assert!(kinds.contains(&StepKind::AddScopes) && !kinds.contains(&StepKind::CreateApi), "{kinds:?}");
    engine.apply_promotion(&ask, &plan, Some("Production"), &common::noop).await.unwrap();

    let apps = t.prod_apps_named("Orders worker").await;
    assert_eq!(apps.len(), 1, "reused, not duplicated");
    assert_eq!(apps[0].client_id, app.client_id);
    assert!(apps[0].grant_types.contains(&"client_credentials".into()));
    let api = t.prod_admin.get_resource_server(PROD_AUD).await.unwrap();
    let values: Vec<&str> = api.scopes.iter().map(|s| s.value.as_str()).collect();
    assert_eq!(values, ["admin:orders", "read:orders", "write:orders"], "the target's own scope stays");
    assert_eq!(
        (api.name.as_deref(), api.token_lifetime),
        (Some("Orders (prod)"), Some(600)),
        "kept as the target has it"
    );

    // The target grant gained a scope of its own meanwhile: promoting again keeps it and
    // writes nothing else.
    let grant = &t.prod_admin.list_client_grants(Some(&app.client_id), Some(PROD_AUD), &mut |_| {}).await.unwrap()[0];
    t.prod_admin.update_client_grant_scopes(&grant.id, &["read:orders".into(), "admin:orders".into()]).await.unwrap();
    let again = engine.preview_promotion(&ask, &|_| {}).await.unwrap();
    assert!(again.rows.iter().all(|r| r.state != DiffState::Added), "{:?}", again.rows);
    let plan = again.plan.unwrap();
    assert!(plan.steps.iter().all(|s| !s.writes), "{:?}", plan.steps);
    engine.apply_promotion(&ask, &plan, Some("Production"), &common::noop).await.unwrap();
    let grants = t.prod_admin.list_client_grants(None, Some(PROD_AUD), &mut |_| {}).await.unwrap();
    assert_eq!(grants.len(), 1);
    assert_eq!(grants[0].scope, ["read:orders", "admin:orders"]);
}

#[tokio::test]
async fn mappings_the_target_cannot_take_are_named_by_field() {
    let t = two().await;
    let engine = engine(&t.dev.tenants);

    let bad = PromoteMapping { identifier: "   ".into(), ..t.mapped() };
    let preview = engine.preview_promotion(&t.ask(Some(bad.clone())), &|_| {}).await.unwrap();
    assert!(preview.issues.iter().any(|i| i.field == "identifier"), "{:?}", preview.issues);
    assert!(preview.plan.is_none(), "no plan while the mapping is wrong");

    for _ in 0..2 {
        t.prod_admin.create_client(&NewClient::machine_to_machine("Orders worker")).await.unwrap();
    }
    let preview = engine.preview_promotion(&t.ask(None), &|_| {}).await.unwrap();
    let issue = preview.issues.iter().find(|i| i.field == "app_name").expect("two of the same name");
    assert!(issue.message.contains("2 applications on Production"), "{}", issue.message);

    let onto_itself = PromoteAsk { target: "sandbox".into(), ..t.ask(None) };
    let err = engine.preview_promotion(&onto_itself, &|_| {}).await.unwrap_err();
    assert_eq!(err.field.as_deref(), Some("target"));

    // A stale review is refused and writes nothing.
    let ok = engine
        .preview_promotion(&t.ask(Some(PromoteMapping { app_name: "Orders v2".into(), ..t.mapped() })), &|_| {})
        .await
        .unwrap();
    let plan = ok.plan.unwrap();
    t.prod_admin.create_client(&NewClient::machine_to_machine("Orders v2")).await.unwrap();
    let ask = t.ask(Some(PromoteMapping { app_name: "Orders v2".into(), ..t.mapped() }));
    let err = engine.apply_promotion(&ask, &plan, Some("Production"), &common::noop).await.unwrap_err();
    assert_eq!(err.kind, grantsmith_core::ErrorKind::Conflict, "{err:?}");
    assert!(t.prod_admin.get_resource_server(PROD_AUD).await.is_err(), "nothing written");
}

#[tokio::test]
async fn drift_shows_changes_made_elsewhere_then_reapplies_or_accepts() {
    use grantsmith_auth0::types::{ClientUpdate, ResourceServerUpdate};
    use grantsmith_core::carry::{ExportFormat, drift};
    use grantsmith_core::change::ChangeRequest;
    use grantsmith_core::token::TokenCache;

    let t = two().await;
    let (tenants, sb) = (&t.dev.tenants, "sandbox");
    let err = drift::check(tenants, sb, &t.client_id, DEV_AUD).await.unwrap_err();
    assert!(err.message.contains("export or promote"), "nothing recorded yet: {}", err.message);
    grantsmith_core::carry::export_from(tenants, sb, &t.client_id, DEV_AUD, ExportFormat::Terraform).await.unwrap();
    assert!(drift::check(tenants, sb, &t.client_id, DEV_AUD).await.unwrap().fields.is_empty());

    // Outside Grantsmith: renamed, a longer lifetime, one scope more, the grant changed.
    let admin = &t.dev.admin;
    admin
        .update_client(&t.client_id, &ClientUpdate { name: Some("Orders (renamed)".into()), ..Default::default() })
        .await
        .unwrap();
    let api = admin.get_resource_server(DEV_AUD).await.unwrap();
    let mut scopes = api.scopes.clone();
    scopes.push(Scope { value: "delete:orders".into(), description: None });
    let update = ResourceServerUpdate { token_lifetime: Some(7200), scopes: Some(scopes), ..Default::default() };
    admin.update_resource_server(&api.id, &update).await.unwrap();
    let grant = &admin.list_client_grants(Some(&t.client_id), None, &mut |_| {}).await.unwrap()[0];
    admin.update_client_grant_scopes(&grant.id, &["write:orders".into(), "delete:orders".into()]).await.unwrap();

    let report = drift::check(tenants, sb, &t.client_id, DEV_AUD).await.unwrap();
    let fields: Vec<(&str, &str, &str)> =
        report.fields.iter().map(|f| (f.label.as_str(), f.recorded.as_str(), f.now.as_str())).collect();
    assert_eq!(
        fields,
        [
            ("Application name", "Orders worker", "Orders (renamed)"),
            ("Token lifetime (s)", "3600", "7200"),
            ("Scope delete:orders", "—", "present"),
            ("Access (grant scopes)", "read:orders", "delete:orders, write:orders"),
        ]
    );

    // Re-apply the record: a reviewed change set through the engine.
    let engine = engine(tenants);
    let request = ChangeRequest::Reapply { client_id: t.client_id.clone(), audience: DEV_AUD.into() };
    let plan = engine.plan_change(&request).await.unwrap();
    assert!(plan.affects.iter().any(|a| a.contains("delete:orders")), "says what it takes away: {:?}", plan.affects);
    engine.apply_change(&plan, None, &TokenCache::default(), &|_| {}).await.unwrap();
    let again = drift::check(tenants, sb, &t.client_id, DEV_AUD).await.unwrap();
    assert!(again.fields.is_empty(), "as recorded again: {:?}", again.fields);
    assert_eq!(again.record.origin, RecordOrigin::Reapply);
    assert!(engine.plan_change(&request).await.unwrap().steps.is_empty());

    // Or accept the tenant's state: it becomes the record.
    admin
        .update_resource_server(&api.id, &ResourceServerUpdate { token_lifetime: Some(900), ..Default::default() })
        .await
        .unwrap();
    assert_eq!(drift::check(tenants, sb, &t.client_id, DEV_AUD).await.unwrap().fields.len(), 1);
    let report = drift::accept(tenants, sb, &t.client_id, DEV_AUD).await.unwrap();
    assert!(report.fields.is_empty());
    assert_eq!(report.record.origin, RecordOrigin::Accept);
    assert_eq!(report.record.setup.api.token_lifetime, 900);
}

#[tokio::test]
async fn the_journal_has_every_kind_of_change_with_its_objects_and_exports_json_lines() {
    use grantsmith_core::carry::ExportFormat;
    use grantsmith_core::change::ChangeRequest;
    use grantsmith_core::change::set::Toggle;
    use grantsmith_core::journal::{JournalFilter, ObjectKind, Outcome, json_lines};
    use grantsmith_core::token::TokenCache;

    let t = two().await;
    let (tenants, sb) = (&t.dev.tenants, "sandbox");
    let engine = engine(tenants);
    let tokens = TokenCache::default();
    let apply = |request: ChangeRequest| {
        let engine = &engine;
        let tokens = &tokens;
        async move {
            let plan = engine.plan_change(&request).await.unwrap();
            engine.apply_change(&plan, None, tokens, &|_| {}).await.unwrap()
        }
    };
    let other = t.dev.admin.create_client(&NewClient::machine_to_machine("Reports")).await.unwrap().client_id;
    let toggle = Toggle { client_id: other.clone(), scope: "read:orders".into(), granted: true };
    apply(ChangeRequest::Access { audience: DEV_AUD.into(), toggles: vec![toggle] }).await;
    apply(ChangeRequest::Scopes {
        audience: DEV_AUD.into(),
        add: vec![grantsmith_core::wizard::ScopeSpec { value: "audit:orders".into(), description: String::new() }],
        describe: vec![],
        remove: vec![],
        extend_to: vec![],
    })
    .await;
    let rotated = apply(ChangeRequest::RotateSecret { client_id: t.client_id.clone() }).await;
    let secret = rotated.rotated.unwrap().client_secret;
    engine.reveal_secret(&t.client_id).await.unwrap();
    apply(ChangeRequest::EditApplication {
        client_id: other.clone(),
        name: "Reports v2".into(),
        description: String::new(),
    })
    .await;
    let mut bare = NewClient::machine_to_machine("Bare");
    bare.grant_types = vec!["implicit".into()];
    let bare = t.dev.admin.create_client(&bare).await.unwrap().client_id;
    apply(ChangeRequest::EnableClientCredentials { client_id: bare.clone() }).await;
    let grant = t.dev.admin.list_client_grants(Some(&other), None, &mut |_| {}).await.unwrap()[0].id.clone();
    apply(ChangeRequest::DeleteGrant { grant_id: grant.clone() }).await;
    apply(ChangeRequest::DeleteApplication { client_id: bare.clone() }).await;
    grantsmith_core::carry::export_from(tenants, sb, &t.client_id, DEV_AUD, ExportFormat::DeployCli).await.unwrap();
    t.dev
        .admin
        .update_client(
            &t.client_id,
            &grantsmith_auth0::types::ClientUpdate { name: Some("Renamed".into()), ..Default::default() },
        )
        .await
        .unwrap();
    apply(ChangeRequest::Reapply { client_id: t.client_id.clone(), audience: DEV_AUD.into() }).await;
    let ask = t.ask(Some(t.mapped()));
    let preview = engine.preview_promotion(&ask, &|_| {}).await.unwrap();
    engine.apply_promotion(&ask, &preview.plan.unwrap(), Some("Production"), &common::noop).await.unwrap();

    let store = tenants.store();
    let all = store.journal(sb, &JournalFilter::default()).unwrap();
    let mut kinds: Vec<&str> = all.iter().map(|e| e.kind.as_str()).collect();
    kinds.reverse();
    assert_eq!(
        kinds,
        [
            "setup",
            "access",
            "scopes",
            "rotate_secret",
            "reveal_secret",
            "edit_application",
            "enable_client_credentials",
            "delete_grant",
            "delete_application",
            "reapply"
        ]
    );
    assert!(all.iter().all(|e| e.outcome == Outcome::Done && !e.os_user.is_empty()), "{all:?}");
    let prod = store.journal(&t.prod_id, &JournalFilter::default()).unwrap();
    assert_eq!(prod.iter().map(|e| e.kind.as_str()).collect::<Vec<_>>(), ["promote"]);

    // Objects, named from the index where it knows them.
    let access = all.iter().find(|e| e.kind == "access").unwrap();
    assert!(access.objects.iter().any(|o| o.kind == ObjectKind::Api && o.id == DEV_AUD));
    assert!(access.objects.iter().any(|o| o.kind == ObjectKind::Application && o.id == other));
    let revoke = all.iter().find(|e| e.kind == "delete_grant").unwrap();
    assert_eq!(revoke.objects[0].id, grant);

    // Filters: kind, object (id or part of a name), outcome, dates.
    let only = |f: JournalFilter| store.journal(sb, &f).unwrap().into_iter().map(|e| e.kind).collect::<Vec<_>>();
    assert_eq!(only(JournalFilter { kind: Some("rotate_secret".into()), ..Default::default() }), ["rotate_secret"]);
    let by_id = only(JournalFilter { object: Some(bare.clone()), ..Default::default() });
    assert_eq!(by_id, ["delete_application", "enable_client_credentials"]);
    assert_eq!(only(JournalFilter { object: Some(grant.clone()), ..Default::default() }), ["delete_grant"]);
    assert!(only(JournalFilter { outcome: Some(Outcome::Failed), ..Default::default() }).is_empty());
    let now = all[0].at;
    assert!(only(JournalFilter { from: Some(now + 1), ..Default::default() }).is_empty());
    assert_eq!(
        only(JournalFilter { from: Some(now - 3600), to: Some(now + 1), ..Default::default() }).len(),
        all.len()
    );

    // JSON lines: one object per entry, oldest first; never a secret.
    let text = json_lines(&all, "Sandbox");
    let lines: Vec<serde_json::Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), all.len());
    assert_eq!(lines[0]["kind"], "setup");
    assert!(lines[0]["time"].as_str().unwrap().ends_with('Z'));
    assert_eq!(lines[3]["objects"][0]["id"], t.client_id.as_str());
    assert!(!text.contains(&secret), "the rotated secret is not in the journal");
}
