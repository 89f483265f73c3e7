//! Tenant profiles end to end in core: SQLite on disk, secret stores, connection checks
//! against real sandboxes over HTTP.

mod common;

use std::sync::Arc;
use std::time::Duration;

use grantsmith_auth0::types::{NewClient, NewClientGrant};
use grantsmith_auth0::{ClientOptions, RetryPolicy, Sensitive};
use grantsmith_core::profiles::{Environment, ProfileInput, SecretStorage};
use grantsmith_core::rule::Rule;
use grantsmith_core::tenants::{ExternalSandbox, Tenants};
use grantsmith_core::{Channel, ErrorKind, IpcError, KeychainStore, MemoryStore, SecretError, SecretStore, Store};
use grantsmith_sandbox::{Sandbox, SandboxConfig};

fn options() -> ClientOptions {
    ClientOptions {
        connect_timeout: Duration::from_secs(2),
        request_timeout: Duration::from_secs(5),
        retry: RetryPolicy { max_retries: 1, base_delay: Duration::from_millis(10), ..RetryPolicy::default() },
    }
}

struct Fixture {
    _dir: tempfile::TempDir,
    tenants: Tenants,
    secrets: Arc<dyn SecretStore>,
}

fn fixture_with(secrets: Arc<dyn SecretStore>) -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(Store::open(dir.path()).unwrap());
    let tenants = Tenants::new(store, secrets.clone(), Some(dir.path().join("sandbox.db")), None, options());
    Fixture { _dir: dir, tenants, secrets }
}

fn input(sb: &Sandbox, id: &str, secret: &str) -> ProfileInput {
    ProfileInput {
        name: "  Second tenant ".into(),
        domain: format!(" {} ", sb.base_url()),
        custom_domain: None,
        environment: Some(Environment::Staging),
        client_id: id.into(),
        client_secret: Some(format!("{secret}\n")),
        session_only: false,
    }
}

async fn sandbox() -> Sandbox {
    Sandbox::start(SandboxConfig::default()).await.unwrap()
}

async fn crud_round_trip(f: &Fixture) {
    let sb = sandbox().await;
    let p = f.tenants.add(&input(&sb, sb.management_client_id(), &sb.management_client_secret())).unwrap();
    assert_eq!(p.name, "Second tenant", "pasted whitespace is trimmed");
    assert_eq!(p.secret_storage, SecretStorage::Keychain);
    let account = format!("profile:{}", p.id);
    assert_eq!(f.secrets.get(&account).unwrap().unwrap().expose(), &sb.management_client_secret());

    let view = f.tenants.switch(&p.id).unwrap();
    assert_eq!(view.active_id, p.id);
    assert!(f.tenants.test_profile(&p.id).await.unwrap().ready);

    let mut edit = input(&sb, sb.management_client_id(), "");
    edit.name = "Renamed".into();
    edit.environment = Some(Environment::Production);
    edit.client_secret = None;
    let edited = f.tenants.update(&p.id, &edit).unwrap();
    assert_eq!((edited.name.as_str(), edited.environment), ("Renamed", Environment::Production));
    assert_eq!(
        f.secrets.get(&account).unwrap().unwrap().expose(),
        &sb.management_client_secret(),
        "no secret given: kept"
    );
    edit.client_secret = Some("replaced-secret".into());
    f.tenants.update(&p.id, &edit).unwrap();
    assert_eq!(f.secrets.get(&account).unwrap().unwrap().expose(), "replaced-secret");

    let view = f.tenants.remove(&p.id).unwrap();
    assert!(view.profiles.iter().all(|x| x.id != p.id));
    assert_eq!(view.active_id, "sandbox", "removing the active profile falls back to the Sandbox");
    assert!(f.secrets.get(&account).unwrap().is_none(), "the keychain entry is deleted");
}

#[tokio::test]
async fn profile_crud_with_an_in_memory_secret_store() {
    crud_round_trip(&fixture_with(Arc::new(MemoryStore::default()))).await;
}

#[tokio::test]
#[ignore = "needs an unlocked Secret Service: run through `cargo xtask test`"]
async fn profile_crud_with_the_real_keychain() {
    crud_round_trip(&fixture_with(Arc::new(KeychainStore::new(Channel::Test)))).await;
}

/// The person at the native dialog: these sandboxes are plain http on loopback, which is
/// asked about (`a_secret_goes_to_plain_http_only_once_the_person_said_yes`).
static YES: std::sync::LazyLock<common::Person> = std::sync::LazyLock::new(common::Person::says_yes);

#[tokio::test]
async fn a_secret_goes_to_plain_http_only_once_the_person_said_yes() {
    let f = fixture_with(Arc::new(MemoryStore::default()));
    let sb = sandbox().await;
    sb.clear_requests();
    let typed = input(&sb, sb.management_client_id(), &sb.management_client_secret());
    let no = common::Person::says_no();
    for person in [None, Some(&no as &dyn grantsmith_core::confirm::Person)] {
        let e = f.tenants.test_input(&typed, None, person).await.unwrap_err();
        assert_eq!(e.kind, ErrorKind::Cancelled, "{e:?}");
    }
    assert!(sb.requests().is_empty(), "nothing was sent: {:?}", sb.requests());
    let asked = no.asked();
    assert_eq!(asked, [format!("Confirm: send the client secret to {}", sb.base_url().trim_start_matches("http://"))]);
    assert!(f.tenants.test_input(&typed, None, Some(&*YES)).await.unwrap().connected);
}

#[tokio::test]
async fn connection_check_names_exactly_the_missing_permissions() {
    let f = fixture_with(Arc::new(MemoryStore::default()));
    let sb = sandbox().await;
    let full = f
        .tenants
        .test_input(&input(&sb, sb.management_client_id(), &sb.management_client_secret()), None, Some(&*YES))
        .await
        .unwrap();
    assert!(full.connected && full.ready, "{}", full.summary);
    assert!(full.permissions.iter().all(|p| p.granted));

    // A limited management client, created the way an admin would on Auth0.
    let api = grantsmith_auth0::Auth0Client::new(
        grantsmith_auth0::TenantUrl::parse(&sb.base_url()).unwrap(),
        sb.management_client_id(),
        Sensitive::new(sb.management_client_secret()),
        &options(),
    )
    .unwrap();
    let limited = api.create_client(&NewClient::machine_to_machine("Limited")).await.unwrap();
    api.create_client_grant(&NewClientGrant {
        client_id: limited.client_id.clone(),
        audience: sb.management_audience().into(),
        scope: vec!["read:clients".into(), "read:resource_servers".into(), "read:client_grants".into()],
    })
    .await
    .unwrap();
    let report = f
        .tenants
        .test_input(
            &input(&sb, &limited.client_id, limited.client_secret.as_ref().unwrap().expose()),
            None,
            Some(&*YES),
        )
        .await
        .unwrap();
    assert!(report.connected && !report.ready);
    let missing: Vec<&str> = report.permissions.iter().filter(|p| !p.granted).map(|p| p.scope.as_str()).collect();
    assert_eq!(
        missing,
        [
            "create:clients",
            "update:clients",
            "read:client_keys",
            "create:resource_servers",
            "update:resource_servers",
            "create:client_grants",
            "update:client_grants",
            "delete:client_grants",
            "delete:clients",
            "delete:resource_servers"
        ]
    );
    assert!(report.summary.contains("create:clients"), "{}", report.summary);
}

#[tokio::test]
async fn bad_connections_say_what_is_wrong() {
    let f = fixture_with(Arc::new(MemoryStore::default()));
    let sb = sandbox().await;
    let e = f
        .tenants
        .test_input(&input(&sb, sb.management_client_id(), "wrong-secret"), None, Some(&*YES))
        .await
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::Unauthorized);
    assert!(e.message.contains("secret"), "{}", e.message);

    let mut unreachable = input(&sb, sb.management_client_id(), "x");
    unreachable.domain = "http://127.0.0.1:9".into();
    let e = f.tenants.test_input(&unreachable, None, Some(&*YES)).await.unwrap_err();
    assert_eq!(e.kind, ErrorKind::Network);
    assert!(e.message.contains("127.0.0.1"), "{}", e.message);

    for (domain, needle) in
        [("http://acme.eu.auth0.com", "https"), ("https://acme.eu.auth0.com/api/v2", "without a path"), ("", "empty")]
    {
        let mut bad = input(&sb, sb.management_client_id(), "x");
        bad.domain = domain.into();
        let e = f.tenants.add(&bad).map_err(IpcError::from).unwrap_err();
        assert_eq!((e.kind, e.field.as_deref()), (ErrorKind::Validation, Some("domain")), "{domain}");
        assert!(e.message.contains(needle), "{domain}: {}", e.message);
    }
    assert_eq!(f.tenants.view().unwrap().profiles.len(), 1, "nothing half-made was saved");
}

/// A keychain that is not there, as on a headless Linux box without Secret Service.
struct NoKeychain;

impl SecretStore for NoKeychain {
    fn get(&self, _: &str) -> Result<Option<Sensitive<String>>, SecretError> {
        Err(SecretError::Unavailable { detail: "no Secret Service on the session bus".into() })
    }
    fn set(&self, _: &str, _: &Sensitive<String>) -> Result<(), SecretError> {
        Err(SecretError::Unavailable { detail: "no Secret Service on the session bus".into() })
    }
    fn delete(&self, _: &str) -> Result<(), SecretError> {
        Err(SecretError::Unavailable { detail: "no Secret Service on the session bus".into() })
    }
}

#[tokio::test]
async fn without_a_keychain_saving_says_so_and_session_only_works() {
    let f = fixture_with(Arc::new(NoKeychain));
    let sb = sandbox().await;
    let mut i = input(&sb, sb.management_client_id(), &sb.management_client_secret());
    let e = f.tenants.add(&i).map_err(IpcError::from).unwrap_err();
    assert_eq!(e.kind, ErrorKind::KeychainUnavailable);
    assert!(e.message.contains("this session only"), "{}", e.message);
    assert_eq!(f.tenants.view().unwrap().profiles.len(), 1, "no profile without its secret");

    i.session_only = true;
    let p = f.tenants.add(&i).unwrap();
    assert_eq!(p.secret_storage, SecretStorage::Session);
    assert!(!p.needs_secret);
    assert!(f.tenants.test_profile(&p.id).await.unwrap().ready);
}

#[tokio::test]
async fn sandbox_profile_starts_lazily_persists_and_resets() {
    let dir = tempfile::tempdir().unwrap();
    let open = || {
        let store = Arc::new(Store::open(dir.path()).unwrap());
        Tenants::new(store, Arc::new(MemoryStore::default()), Some(dir.path().join("sandbox.db")), None, options())
    };
    let tenants = open();
    let before = tenants.view().unwrap();
    assert_eq!(before.active_id, "sandbox");
    assert_eq!(before.profiles[0].domain, "local", "not started before first use");
    assert!(before.profiles[0].note.contains("no Auth0 account"));

    let client = tenants.active_client().await.unwrap();
    assert!(tenants.view().unwrap().profiles[0].domain.starts_with("http://127.0.0.1:"));
    client.create_client(&NewClient::machine_to_machine("Kept")).await.unwrap();
    async fn names(client: &grantsmith_auth0::Auth0Client) -> Vec<String> {
        client.list_clients(None, &mut |_| {}).await.unwrap().into_iter().filter_map(|a| a.name).collect()
    }
    assert!(names(&client).await.contains(&"Kept".to_string()));
    tenants.shutdown().await;
    drop(tenants);

    let tenants = open();
    let client = tenants.active_client().await.unwrap();
    let apps = names(&client).await;
    assert!(apps.contains(&"Kept".to_string()), "the sandbox's contents persist: {apps:?}");
    tenants.reset_sandbox().await.unwrap();
    let apps = names(&client).await;
    assert_eq!(apps, ["Grantsmith Sandbox Management"], "reset leaves only the management client");
    tenants.shutdown().await;
}

#[tokio::test]
async fn an_external_sandbox_replaces_the_embedded_one() {
    let sb = sandbox().await;
    let dir = tempfile::tempdir().unwrap();
    let external = ExternalSandbox {
        base_url: sb.base_url(),
        client_id: sb.management_client_id().into(),
        client_secret: Sensitive::new(sb.management_client_secret()),
    };
    let tenants = Tenants::new(
        Arc::new(Store::open(dir.path()).unwrap()),
        Arc::new(MemoryStore::default()),
        None,
        Some(external),
        options(),
    );
    let sandbox = &tenants.view().unwrap().profiles[0];
    assert!(sandbox.note.contains("GRANTSMITH_SANDBOX_URL"), "{}", sandbox.note);
    assert!(tenants.test_profile("sandbox").await.unwrap().ready);
    assert_eq!(
        IpcError::from(tenants.reset_sandbox().await.unwrap_err()).kind,
        ErrorKind::Validation,
        "an external sandbox is reset where it runs"
    );
}

#[tokio::test]
async fn two_profiles_for_one_tenant_are_flagged() {
    let f = fixture_with(Arc::new(MemoryStore::default()));
    let sb = sandbox().await;
    f.tenants.add(&input(&sb, sb.management_client_id(), "s1")).unwrap();
    let mut second = input(&sb, sb.management_client_id(), "s2");
    second.name = "Same again".into();
    let check = f.tenants.check_input(&second, None);
    assert!(check.issues.is_empty());
    assert!(check.warnings.iter().any(|w| w.contains("already points at")), "{:?}", check.warnings);
    f.tenants.add(&second).unwrap();
    let flagged: Vec<_> =
        f.tenants.view().unwrap().profiles.into_iter().filter(|p| !p.same_tenant_as.is_empty()).collect();
    assert_eq!(flagged.len(), 2);
}

#[tokio::test]
async fn a_changed_domain_needs_the_secret_again_and_the_old_one_goes_nowhere() {
    let f = fixture_with(Arc::new(MemoryStore::default()));
    let (home, elsewhere) = (sandbox().await, sandbox().await);
    let p = f.tenants.add(&input(&home, home.management_client_id(), &home.management_client_secret())).unwrap();
    let mut moved = input(&elsewhere, home.management_client_id(), "");
    moved.client_secret = None;
    elsewhere.clear_requests();

    let e = f.tenants.test_input(&moved, Some(&p.id), Some(&*YES)).await.unwrap_err();
    assert_eq!((e.kind, e.field.as_deref()), (ErrorKind::Validation, Some("client_secret")), "{e:?}");
    assert_eq!(e.code, Some(Rule::Reenter));
    assert!(e.message.contains("Enter the client secret again"), "{}", e.message);
    let e = f.tenants.update(&p.id, &moved).map_err(IpcError::from).unwrap_err();
    assert_eq!(e.field.as_deref(), Some("client_secret"));
    assert!(elsewhere.requests().is_empty(), "the stored secret was never sent to the new host");

    moved.client_secret = Some(elsewhere.management_client_secret());
    moved.client_id = elsewhere.management_client_id().into();
    f.tenants.update(&p.id, &moved).expect("with the secret typed again, the move is saved");
    assert!(f.tenants.test_profile(&p.id).await.unwrap().connected);
}

#[tokio::test]
async fn switching_to_session_only_or_removing_leaves_no_keychain_entry() {
    let f = fixture_with(Arc::new(MemoryStore::default()));
    let sb = sandbox().await;
    let p = f.tenants.add(&input(&sb, sb.management_client_id(), &sb.management_client_secret())).unwrap();
    let account = format!("profile:{}", p.id);
    let mut session = input(&sb, sb.management_client_id(), &sb.management_client_secret());
    session.session_only = true;
    let edited = f.tenants.update(&p.id, &session).unwrap();
    assert_eq!(edited.secret_storage, SecretStorage::Session);
    assert!(f.secrets.get(&account).unwrap().is_none(), "the keychain copy is gone with the switch");

    // A keychain entry left by some earlier version is removed with the profile too.
    f.secrets.set(&account, &Sensitive::new("stale".into())).unwrap();
    f.tenants.remove(&p.id).unwrap();
    assert!(f.secrets.get(&account).unwrap().is_none());
}
