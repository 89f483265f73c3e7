//! Test tokens against the sandbox: verified for RS256 and HS256, each doctor rule provoked
//! and its fix applied, scope subsets, caching, and pasted tokens.

mod common;

use grantsmith_auth0::types::{NewClient, NewClientGrant, NewResourceServer, Scope};
use grantsmith_auth0::{Auth0Client, ClientOptions, RetryPolicy, Sensitive, TenantUrl};
use grantsmith_core::ErrorKind;
use grantsmith_core::change::Engine;
use grantsmith_core::tenants::Tenants;
use grantsmith_core::token::doctor::Fix;
use grantsmith_core::token::{TokenAsk, TokenCache};
use grantsmith_core::wizard::RunStatus;
use grantsmith_sandbox::{Fault, Sandbox, SandboxConfig};

const AUD: &str = "https://api.example.com/orders";

fn now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64
}

fn admin(sb: &Sandbox) -> Auth0Client {
    let options =
        ClientOptions { retry: RetryPolicy { max_retries: 0, ..RetryPolicy::default() }, ..ClientOptions::default() };
    Auth0Client::new(
        TenantUrl::parse(&sb.base_url()).unwrap(),
        sb.management_client_id(),
        Sensitive::new(sb.management_client_secret()),
        &options,
    )
    .unwrap()
}

struct Setup {
    sb: Sandbox,
    c: Auth0Client,
    client_id: String,
    cache: TokenCache,
    _dir: tempfile::TempDir,
    tenants: Tenants,
}

async fn setup(alg: &str, grant: Option<&[&str]>, grant_types: &[&str]) -> Setup {
    let sb = Sandbox::start(SandboxConfig::default()).await.unwrap();
    let c = admin(&sb);
    c.create_resource_server(&NewResourceServer {
        identifier: AUD.into(),
        name: Some("Orders API".into()),
        signing_alg: Some(alg.into()),
        token_lifetime: Some(7200),
        scopes: ["read:orders", "write:orders"]
            .iter()
            .map(|s| Scope { value: s.to_string(), description: None })
            .collect(),
    })
    .await
    .unwrap();
    let app = c
        .create_client(&NewClient {
            name: "Orders worker".into(),
            app_type: "non_interactive".into(),
            grant_types: grant_types.iter().map(|s| s.to_string()).collect(),
            ..NewClient::default()
        })
        .await
        .unwrap();
    if let Some(scopes) = grant {
        c.create_client_grant(&NewClientGrant {
            client_id: app.client_id.clone(),
            audience: AUD.into(),
            scope: scopes.iter().map(|s| s.to_string()).collect(),
        })
        .await
        .unwrap();
    }
    let dir = tempfile::tempdir().unwrap();
    let tenants = common::tenants_on(&sb, dir.path(), 5_000);
    Setup { sb, c, client_id: app.client_id, cache: TokenCache::default(), _dir: dir, tenants }
}

impl Setup {
    /// Applies a doctor's fix the way the app does: planned, reviewed, journaled.
    async fn apply(&self, fix: &Fix) {
        let engine = Engine::new(&self.tenants);
        let plan = engine.plan_fix(fix).await.unwrap();
        assert!(plan.can_apply, "{plan:?}");
        let run = engine.apply_fix(fix, &plan, None, &common::noop).await.unwrap();
        assert_eq!(run.status, RunStatus::Done, "{:?}", run.steps);
    }

    fn issuers(&self) -> Vec<String> {
        vec![self.sb.issuer().to_string()]
    }

    fn ask(&self, scope: Option<&str>) -> TokenAsk {
        TokenAsk {
            client_id: self.client_id.clone(),
            audience: AUD.into(),
            scope: scope.map(String::from),
            fresh: false,
        }
    }

    fn token_requests(&self) -> usize {
        self.sb.requests().iter().filter(|r| r.path == "/oauth/token").count()
    }
}

#[tokio::test]
async fn rs256_and_hs256_tokens_are_verified_with_every_check_passing() {
    for alg in ["RS256", "HS256"] {
        let s = setup(alg, Some(&["read:orders", "write:orders"]), &["client_credentials"]).await;
        let r = s.cache.test_token(&s.c, "p", &s.issuers(), &s.ask(None), now()).await.unwrap();
        assert!(r.verified, "{alg}: {:?}", r.checks);
        let ids: Vec<&str> = r.checks.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["signature", "issuer", "audience", "subject", "scope", "lifetime", "expiry", "grant_type"]);
        assert!(r.checks[0].sentence.contains(alg), "{}", r.checks[0].sentence);
        assert!(r.checks[5].sentence.contains("7200"), "{}", r.checks[5].sentence);
        assert_eq!(r.claims["azp"], s.client_id.as_str());
        assert!(
            r.curl.contains("$CLIENT_SECRET")
                && !r
                    .curl
                    .contains(&s.c.get_client(&s.client_id).await.unwrap().client_secret.unwrap().expose().clone())
        );
        assert!(r.status_line.starts_with("200 OK in"));
        assert_eq!((r.app_name.as_str(), r.api_name.as_str()), ("Orders worker", "Orders API"));
    }
}

#[tokio::test]
async fn a_scope_subset_can_be_asked_for_and_tokens_are_cached_until_expiry() {
    let s = setup("RS256", Some(&["read:orders", "write:orders"]), &["client_credentials"]).await;
    let r = s.cache.test_token(&s.c, "p", &s.issuers(), &s.ask(Some("read:orders")), now()).await.unwrap();
    assert!(r.verified);
    assert_eq!(r.claims["scope"], "read:orders");
    let before = s.token_requests();
    let again = s.cache.test_token(&s.c, "p", &s.issuers(), &s.ask(Some("read:orders")), now()).await.unwrap();
    assert!(again.cached && again.verified);
    assert_eq!(again.token, r.token);
    assert_eq!(s.token_requests(), before, "the cached token is reused");
    let other_scopes = s.cache.test_token(&s.c, "p", &s.issuers(), &s.ask(None), now()).await.unwrap();
    assert!(!other_scopes.cached, "another scope set is another token");
    let later = s.cache.test_token(&s.c, "p", &s.issuers(), &s.ask(Some("read:orders")), now() + 7200).await.unwrap();
    assert!(!later.cached, "near expiry a new token is requested");
    let mut fresh = s.ask(Some("read:orders"));
    fresh.fresh = true;
    assert!(
        !s.cache.test_token(&s.c, "p", &s.issuers(), &fresh, now()).await.unwrap().cached,
        "asking for a fresh one skips the cache"
    );
}

#[tokio::test]
async fn no_grant_is_diagnosed_and_authorize_fixes_it() {
    let s = setup("RS256", None, &["client_credentials"]).await;
    let r = s.cache.test_token(&s.c, "p", &s.issuers(), &s.ask(None), now()).await.unwrap();
    assert!(!r.verified && r.token.is_none());
    let d = r.diagnosis.unwrap();
    assert_eq!((d.rule.as_str(), d.fix_label.as_deref()), ("no_grant", Some("Authorize")));
    assert!(r.status_line.starts_with("403"));
    s.apply(d.fix.as_ref().unwrap()).await;
    assert!(s.cache.test_token(&s.c, "p", &s.issuers(), &s.ask(None), now()).await.unwrap().verified);
}

#[tokio::test]
async fn an_ungranted_scope_is_diagnosed_and_add_to_grant_fixes_it() {
    let s = setup("HS256", Some(&["read:orders"]), &["client_credentials"]).await;
    let r = s.cache.test_token(&s.c, "p", &s.issuers(), &s.ask(Some("read:orders write:orders")), now()).await.unwrap();
    let d = r.diagnosis.unwrap();
    assert_eq!((d.rule.as_str(), d.fix_label.as_deref()), ("scope_not_granted", Some("Add to grant")));
    assert!(d.explanation.contains("write:orders"));
    match d.fix.as_ref().unwrap() {
        Fix::AddToGrant { scopes, .. } => assert_eq!(scopes, &["write:orders"]),
        other => panic!("{other:?}"),
    }
    s.apply(d.fix.as_ref().unwrap()).await;
    let r = s.cache.test_token(&s.c, "p", &s.issuers(), &s.ask(Some("read:orders write:orders")), now()).await.unwrap();
    assert!(r.verified, "{:?}", r.checks);
}

#[tokio::test]
async fn a_missing_grant_type_is_diagnosed_and_enable_fixes_it() {
    let s = setup("RS256", Some(&["read:orders"]), &["authorization_code"]).await;
    let d = s.cache.test_token(&s.c, "p", &s.issuers(), &s.ask(None), now()).await.unwrap().diagnosis.unwrap();
    assert_eq!((d.rule.as_str(), d.fix_label.as_deref()), ("grant_type_missing", Some("Enable")));
    s.apply(d.fix.as_ref().unwrap()).await;
    assert!(s.cache.test_token(&s.c, "p", &s.issuers(), &s.ask(None), now()).await.unwrap().verified);
}

#[tokio::test]
async fn an_audience_with_a_stray_slash_suggests_the_real_identifier() {
    let s = setup("RS256", Some(&["read:orders"]), &["client_credentials"]).await;
    let ask = TokenAsk { audience: format!("{AUD}/"), ..s.ask(None) };
    let d = s.cache.test_token(&s.c, "p", &s.issuers(), &ask, now()).await.unwrap().diagnosis.unwrap();
    assert_eq!(d.rule, "unknown_audience");
    assert!(d.explanation.contains("trailing slash"), "{}", d.explanation);
    assert_eq!(d.fix, Some(Fix::UseAudience { candidates: vec![AUD.to_string()] }));
}

#[tokio::test]
async fn a_refused_secret_and_a_missing_permission_are_named() {
    let s = setup("RS256", Some(&["read:orders"]), &["client_credentials"]).await;
    s.c.granted_scopes().await.unwrap();
    s.sb.add_fault(Fault {
        method: Some("POST".into()),
        path: "/oauth/token".into(),
        status: Some(401),
        action: None,
        delay_ms: None,
        times: 1,
    })
    .unwrap();
    let d = s.cache.test_token(&s.c, "p", &s.issuers(), &s.ask(None), now()).await.unwrap().diagnosis.unwrap();
    assert_eq!(d.rule, "wrong_secret");
    assert!(d.explanation.contains("rotated"));

    // A management client that may read applications but not their secrets.
    let limited = s.c.create_client(&NewClient::machine_to_machine("No keys")).await.unwrap();
    s.c.create_client_grant(&NewClientGrant {
        client_id: limited.client_id.clone(),
        audience: s.sb.management_audience().into(),
        scope: vec!["read:clients".into(), "read:resource_servers".into(), "read:client_grants".into()],
    })
    .await
    .unwrap();
    let ro = Auth0Client::new(
        TenantUrl::parse(&s.sb.base_url()).unwrap(),
        &limited.client_id,
        limited.client_secret.unwrap(),
        &ClientOptions::default(),
    )
    .unwrap();
    let d = s.cache.test_token(&ro, "q", &s.issuers(), &s.ask(None), now()).await.unwrap().diagnosis.unwrap();
    assert_eq!(d.rule, "missing_permission");
    assert!(d.explanation.contains("read:client_keys"), "{}", d.explanation);
}

#[tokio::test]
async fn pasted_tokens_are_checked_against_the_tenant() {
    let s = setup("RS256", Some(&["read:orders"]), &["client_credentials"]).await;
    let good = s.cache.test_token(&s.c, "p", &s.issuers(), &s.ask(None), now()).await.unwrap().token.unwrap();
    let r = s.cache.inspect(&s.c, &s.issuers(), &format!("Bearer {good}"), now()).await.unwrap();
    assert!(r.verified, "{:?}", r.checks);
    assert!(r.token.is_none(), "a pasted token is not echoed back");

    let expired = s.cache.inspect(&s.c, &s.issuers(), &good, now() + 3 * 86_400).await.unwrap();
    assert!(!expired.verified);
    assert!(expired.checks.iter().any(|c| c.id == "expiry" && !c.passed && c.sentence.starts_with("Expired")));

    // A token from another tenant: another key, another issuer, an audience unknown here.
    let other = setup("RS256", Some(&["read:orders"]), &["client_credentials"]).await;
    other
        .c
        .create_resource_server(&NewResourceServer {
            identifier: "https://elsewhere".into(),
            ..NewResourceServer::default()
        })
        .await
        .unwrap();
    other
        .c
        .create_client_grant(&NewClientGrant {
            client_id: other.client_id.clone(),
            audience: "https://elsewhere".into(),
            scope: vec![],
        })
        .await
        .unwrap();
    let foreign_ask = TokenAsk { audience: "https://elsewhere".into(), ..other.ask(None) };
    let foreign =
        other.cache.test_token(&other.c, "o", &other.issuers(), &foreign_ask, now()).await.unwrap().token.unwrap();
    let r = s.cache.inspect(&s.c, &s.issuers(), &foreign, now()).await.unwrap();
    let failed: Vec<&str> = r.checks.iter().filter(|c| !c.passed).map(|c| c.id.as_str()).collect();
    assert_eq!(failed, ["signature", "issuer", "audience"], "{:?}", r.checks);
    assert!(r.checks[0].sentence.contains("another tenant or key"));

    for (bad, needle) in [("not a token", "three parts"), (&*"x".repeat(20_000), "KB")] {
        let e = s.cache.inspect(&s.c, &s.issuers(), bad, now()).await.unwrap_err();
        assert_eq!(e.kind, ErrorKind::Validation);
        assert!(e.message.contains(needle), "{}", e.message);
    }

    // An unreachable JWKS is reported as a failed check, not an error.
    let fresh_cache = TokenCache::default();
    s.sb.add_fault(Fault {
        method: Some("GET".into()),
        path: "/.well-known/jwks.json".into(),
        status: Some(500),
        action: None,
        delay_ms: None,
        times: 1,
    })
    .unwrap();
    let r = fresh_cache.inspect(&s.c, &s.issuers(), &good, now()).await.unwrap();
    assert!(!r.verified);
    assert!(r.checks[0].sentence.contains("JWKS could not be read"), "{}", r.checks[0].sentence);
}

/// The application's secret from its create answer is kept in memory (the app's engine is
/// given the token cache): the first token of a new setup goes out beside the reads the
/// checks need — every request of it starts before any of them is answered.
#[tokio::test]
async fn the_first_token_of_a_new_setup_is_one_round_trip() {
    let t = common::tenant_with(
        SandboxConfig { latency: std::time::Duration::from_millis(100), ..SandboxConfig::default() },
        5_000,
    )
    .await;
    let cache = TokenCache::default();
    let mut engine = Engine::new(&t.tenants);
    engine.tokens = Some(&cache);
    let spec = common::orders_spec(&["read:orders"], &["read:orders"]);
    let plan = engine.plan_setup(&spec).await.unwrap();
    let run = engine.apply_setup(spec, &plan, None, &common::noop).await.unwrap();
    assert_eq!(run.status, RunStatus::Done, "{:?}", run.steps);

    let client = t.tenants.client_for("sandbox").await.unwrap();
    let ask = TokenAsk { client_id: run.client_id.unwrap(), audience: AUD.into(), scope: None, fresh: false };
    t.sb.clear_requests();
    let report = cache.test_token(&client, "sandbox", &[t.sb.issuer().to_string()], &ask, now()).await.unwrap();
    assert!(report.verified, "{:?}", report.checks);
    let log = t.sb.requests();
    assert_eq!(log.iter().filter(|r| r.path == "/oauth/token").count(), 1, "{log:?}");
    let first_answer = log.iter().map(|r| r.time_ms + r.duration_ms as i64).min().unwrap();
    assert!(log.iter().all(|r| r.time_ms < first_answer), "one round trip: {log:?}");
}

/// A secret kept in memory that was rotated elsewhere since is refused by the tenant: the
/// token is asked for again with the secret just read, and verified.
#[tokio::test]
async fn a_secret_rotated_elsewhere_is_read_again() {
    let s = setup("RS256", Some(&["read:orders"]), &["client_credentials"]).await;
    let first = s.cache.test_token(&s.c, "p", &s.issuers(), &s.ask(None), now()).await.unwrap();
    assert!(first.verified);
    s.c.rotate_secret(&s.client_id).await.unwrap();

    let before = s.token_requests();
    let ask = TokenAsk { fresh: true, ..s.ask(None) };
    let again = s.cache.test_token(&s.c, "p", &s.issuers(), &ask, now()).await.unwrap();
    assert!(again.verified, "{:?} {:?}", again.checks, again.diagnosis);
    assert!(!again.cached);
    assert_eq!(s.token_requests() - before, 2, "the remembered secret refused, then the one read");
    let statuses: Vec<_> =
        s.sb.requests().iter().filter(|r| r.path == "/oauth/token").map(|r| r.status).collect::<Vec<_>>();
    assert_eq!(statuses[statuses.len() - 2..], [Some(401), Some(200)]);
}
