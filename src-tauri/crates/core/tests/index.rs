//! The tenant index against a seeded sandbox over real HTTP, rate limited as Auth0 is:
//! built page by page with progress, sorted naturally, searched, kept per profile.

mod common;

use std::sync::Mutex;

use common::{AUD, Tenant, noop, orders_spec, tenant_with};
use grantsmith_core::change::Engine;
use grantsmith_core::index::{self, IndexProgress};
use grantsmith_core::profiles::Environment;
use grantsmith_sandbox::{SandboxConfig, Seed};

const APPS: usize = 1_200;

async fn seeded() -> Tenant {
    let seed = Seed { clients: APPS, apis: 40, grants: 1_500 };
    tenant_with(SandboxConfig { seed, mgmt_rate_limit: Some(50), ..SandboxConfig::default() }, 10_000).await
}

#[tokio::test]
async fn a_rate_limited_tenant_is_indexed_page_by_page_and_listed_in_natural_order() {
    let t = seeded().await;
    let client = t.tenants.client_for("sandbox").await.unwrap();
    let seen = Mutex::new(Vec::<IndexProgress>::new());
    let status = index::build(t.tenants.store(), &client, "sandbox", 1_000, &|p| seen.lock().unwrap().push(p))
        .await
        .expect("the index builds under the rate limit");
    // The build's own requests (the checks below read the tenant too, in the same windows).
    let during_build = t.sb.requests();

    let apps = t.admin.list_clients(None, &mut |_| {}).await.unwrap();
    let apis = t.admin.list_resource_servers(&mut |_| {}).await.unwrap();
    let grants = t.admin.list_client_grants(None, None, &mut |_| {}).await.unwrap();
    assert_eq!(status.apps as usize, apps.len());
    assert_eq!(status.apis as usize, apis.len());
    assert_eq!(status.grants as usize, grants.iter().filter(|g| g.subject_type.as_deref() != Some("user")).count());
    assert_eq!(status.built_at, 1_000);
    assert!(!status.stale, "nothing changed by Grantsmith since");
    // The client keeps to the budget the rate-limit headers announce.
    assert!(during_build.iter().all(|r| r.status != Some(429)), "no request refused");

    // Progress per page, ending at each list's total.
    let seen = seen.into_inner().unwrap();
    let last = |list: &str| seen.iter().rfind(|p| p.list == list).cloned().unwrap();
    assert_eq!(last("applications").done as usize, apps.len());
    assert_eq!(last("applications").total, Some(apps.len() as u64));
    assert!(seen.iter().filter(|p| p.list == "applications").count() >= APPS / 100, "one report per page");
    assert_eq!(last("grants").done as usize, grants.len());

    // Natural order: "… Service 2" before "… Service 10"; a page is a slice of it.
    let all = index::applications(t.tenants.store(), "sandbox", "service", None, 0, 5_000).unwrap();
    let names: Vec<&str> = all.rows.iter().map(|a| a.name.as_str()).collect();
    let keys: Vec<String> = names.iter().map(|n| index::sort_key(n)).collect();
    assert!(keys.windows(2).all(|w| w[0] <= w[1]), "sorted by natural key");
    let noun_of = |n: &str| n.split(" Service ").next().unwrap().to_string();
    let same_noun: Vec<&&str> = names.iter().filter(|n| noun_of(n) == noun_of(names[0])).collect();
    let numbers: Vec<u64> = same_noun.iter().map(|n| n.rsplit(' ').next().unwrap().parse().unwrap()).collect();
    assert!(numbers.windows(2).all(|w| w[0] < w[1]), "numbers by value: {numbers:?}");
    let page = index::applications(t.tenants.store(), "sandbox", "service", None, 100, 50).unwrap();
    assert_eq!(page.total, all.total);
    assert_eq!(page.rows, all.rows[100..150]);

    // Search by part of a name or a client id; `%` and `_` are literal.
    let one = &apps.iter().find(|a| a.name.as_deref().is_some_and(|n| n.ends_with("Service 1001"))).unwrap();
    let found = index::applications(t.tenants.store(), "sandbox", "service 1001", None, 0, 50).unwrap();
    assert_eq!(found.total, 1, "{:?}", found.rows);
    assert_eq!(found.rows[0].client_id, one.client_id);
    let by_id = index::applications(t.tenants.store(), "sandbox", &one.client_id[..12], None, 0, 50).unwrap();
    assert_eq!(by_id.rows[0].client_id, one.client_id);
    assert_eq!(index::applications(t.tenants.store(), "sandbox", "%", None, 0, 50).unwrap().total, 0);
}

#[tokio::test]
async fn each_profile_has_its_own_index_and_loses_it_with_the_profile() {
    let t = seeded().await;
    let other = t.add_admin_profile("Staging", Environment::Staging);
    assert_eq!(index::status(t.tenants.store(), &other).unwrap().apps, 0, "never built: empty, not another's");
    let client = t.tenants.client_for("sandbox").await.unwrap();
    index::build(t.tenants.store(), &client, "sandbox", 1, &|_| {}).await.unwrap();
    assert_eq!(index::applications(t.tenants.store(), &other, "", None, 0, 10).unwrap().total, 0);

    let client = t.tenants.client_for(&other).await.unwrap();
    index::build(t.tenants.store(), &client, &other, 2, &|_| {}).await.unwrap();
    assert!(index::status(t.tenants.store(), &other).unwrap().apps > 0);
    t.tenants.remove(&other).unwrap();
    assert_eq!(index::status(t.tenants.store(), &other).unwrap(), index::status(t.tenants.store(), "none").unwrap());
    assert!(index::status(t.tenants.store(), "sandbox").unwrap().apps > 0, "the other index stays");
}

#[tokio::test]
async fn a_change_made_by_grantsmith_makes_the_index_stale() {
    let t = seeded().await;
    let client = t.tenants.client_for("sandbox").await.unwrap();
    assert!(index::status(t.tenants.store(), "sandbox").unwrap().stale, "never built");
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
    index::build(t.tenants.store(), &client, "sandbox", now - 5, &|_| {}).await.unwrap();
    assert!(!index::status(t.tenants.store(), "sandbox").unwrap().stale);

    let mut e = Engine::new(&t.tenants);
    e.settle_secs = 0;
    let spec = orders_spec(&["read:orders"], &["read:orders"]);
    let plan = e.plan_setup(&spec).await.unwrap();
    e.apply_setup(spec, &plan, None, &noop).await.unwrap();
    assert!(index::status(t.tenants.store(), "sandbox").unwrap().stale, "the setup ran after the build");

    index::build(t.tenants.store(), &client, "sandbox", now + 5, &|_| {}).await.unwrap();
    let fresh = index::applications(t.tenants.store(), "sandbox", "Orders worker", None, 0, 10).unwrap();
    assert_eq!(fresh.total, 1, "the rebuilt index has the new application");
    assert!(grants_of(&t, &fresh.rows[0].client_id).await.iter().any(|g| g.audience == AUD));
}

async fn grants_of(t: &Tenant, client_id: &str) -> Vec<grantsmith_auth0::types::ClientGrant> {
    t.admin.list_client_grants(Some(client_id), None, &mut |_| {}).await.unwrap()
}

/// Pickers of Machine to Machine applications search the index for that type only.
#[tokio::test]
async fn applications_of_one_type_are_found_and_counted_as_such() {
    use grantsmith_auth0::types::NewClient;
    let t = common::tenant().await;
    for (name, app_type) in [("Worker A", "non_interactive"), ("Worker B", "non_interactive"), ("Web app", "spa")] {
        let new = NewClient { name: name.into(), app_type: app_type.into(), ..NewClient::default() };
        t.admin.create_client(&new).await.unwrap();
    }
    let client = t.tenants.client_for("sandbox").await.unwrap();
    index::build(t.tenants.store(), &client, "sandbox", 1, &|_| {}).await.unwrap();
    let everything = index::applications(t.tenants.store(), "sandbox", "", None, 0, 100).unwrap();
    let m2m = index::applications(t.tenants.store(), "sandbox", "", Some("non_interactive"), 0, 100).unwrap();
    assert!(everything.rows.iter().any(|a| a.name == "Web app"));
    assert_eq!(m2m.total as usize, m2m.rows.len());
    assert!(m2m.rows.iter().all(|a| a.app_type.as_deref() == Some("non_interactive")), "{:?}", m2m.rows);
    assert_eq!(m2m.total, everything.total - 1, "all but the single-page application");
    let one = index::applications(t.tenants.store(), "sandbox", "worker", Some("non_interactive"), 0, 1).unwrap();
    assert_eq!((one.rows.len(), one.total), (1, 2), "a page of one, two in all");
}
