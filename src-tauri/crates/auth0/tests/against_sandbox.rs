//! The client against the Sandbox tenant over real HTTP: every endpoint, each error kind,
//! retries, rate limits, token caching and paging.

use std::time::Duration;

use grantsmith_auth0::types::*;
use grantsmith_auth0::{Auth0Client, Auth0Error, ClientOptions, RetryPolicy, Sensitive, TenantUrl, TokenRequest};
use grantsmith_sandbox::{Fault, FaultAction, Sandbox, SandboxConfig, Seed};

fn fast() -> ClientOptions {
    ClientOptions {
        connect_timeout: Duration::from_secs(2),
        request_timeout: Duration::from_secs(2),
        retry: RetryPolicy {
            max_retries: 3,
            base_delay: Duration::from_millis(10),
            max_rate_limit_wait: Duration::from_secs(2),
            jitter: Duration::from_millis(5),
        },
    }
}

async fn sandbox(config: SandboxConfig) -> (Sandbox, Auth0Client) {
    let sb = Sandbox::start(config).await.unwrap();
    let client = admin(&sb, sb.management_client_id(), &sb.management_client_secret());
    (sb, client)
}

fn admin(sb: &Sandbox, id: &str, secret: &str) -> Auth0Client {
    Auth0Client::new(TenantUrl::parse(&sb.base_url()).unwrap(), id, Sensitive::new(secret.to_string()), &fast())
        .unwrap()
}

fn count(sb: &Sandbox, method: &str, path: &str) -> usize {
    sb.requests().iter().filter(|r| r.method == method && r.path == path).count()
}

fn api(identifier: &str, scopes: &[&str]) -> NewResourceServer {
    NewResourceServer {
        identifier: identifier.into(),
        name: Some("Orders".into()),
        signing_alg: Some("RS256".into()),
        scopes: scopes.iter().map(|s| Scope { value: s.to_string(), description: None }).collect(),
        ..NewResourceServer::default()
    }
}

fn no_progress() -> impl FnMut(Progress) + Send {
    |_| {}
}

#[tokio::test]
async fn clients_resource_servers_and_grants_round_trip() {
    let (_sb, c) = sandbox(SandboxConfig::default()).await;
    let app = c.create_client(&NewClient::machine_to_machine("Orders worker")).await.unwrap();
    assert_eq!(app.grant_types, ["client_credentials"]);
    assert!(app.client_secret.is_some(), "create returns the secret");
    let renamed = c
        .update_client(&app.client_id, &ClientUpdate { name: Some("Renamed".into()), ..ClientUpdate::default() })
        .await
        .unwrap();
    assert_eq!(renamed.name.as_deref(), Some("Renamed"));
    let rotated = c.rotate_secret(&app.client_id).await.unwrap();
    assert_ne!(rotated.client_secret.as_ref().unwrap().expose(), app.client_secret.as_ref().unwrap().expose());
    assert_eq!(c.get_client(&app.client_id).await.unwrap().name.as_deref(), Some("Renamed"));
    let m2m_apps = c.list_clients(Some("non_interactive"), &mut no_progress()).await.unwrap();
    assert!(m2m_apps.iter().any(|x| x.client_id == app.client_id));

    let rs = c
        .create_resource_server(&api("https://api.example.com/orders/", &["read:orders", "write:orders"]))
        .await
        .unwrap();
    assert_eq!(rs.signing_alg.as_deref(), Some("RS256"));
    let by_identifier = c.get_resource_server("https://api.example.com/orders/").await.unwrap();
    assert_eq!(by_identifier.id, rs.id, "identifier with slashes is encoded as one path segment");
    let mut scopes = by_identifier.scopes.clone();
    scopes.push(Scope { value: "delete:orders".into(), description: Some("Delete".into()) });
    let updated = c
        .update_resource_server(&rs.id, &ResourceServerUpdate { scopes: Some(scopes), ..Default::default() })
        .await
        .unwrap();
    assert_eq!(updated.scopes.len(), 3);
    let all = c.list_resource_servers(&mut no_progress()).await.unwrap();
    assert!(all.iter().any(|r| r.is_system), "the system Management API is listed");

    let grant = c
        .create_client_grant(&NewClientGrant {
            client_id: app.client_id.clone(),
            audience: rs.identifier.clone(),
            scope: vec!["read:orders".into()],
        })
        .await
        .unwrap();
    let found = c.list_client_grants(Some(&app.client_id), Some(&rs.identifier), &mut no_progress()).await.unwrap();
    assert_eq!(found, vec![grant.clone()]);
    let g2 = c.update_client_grant_scopes(&grant.id, &["read:orders".into(), "write:orders".into()]).await.unwrap();
    assert_eq!(g2.scope, ["read:orders", "write:orders"]);
    assert_eq!(c.get_client_grant(&grant.id).await.unwrap().scope.len(), 2);

    // A token for the new setup, through the same client.
    let secret = rotated.client_secret.unwrap();
    let token = c
        .request_token(&TokenRequest {
            client_id: &app.client_id,
            client_secret: &secret,
            audience: &rs.identifier,
            scope: Some("read:orders"),
        })
        .await
        .unwrap();
    assert_eq!((token.token_type.as_str(), token.scope.as_deref()), ("Bearer", Some("read:orders")));
    assert!(!c.jwks().await.unwrap().keys.is_empty());

    c.delete_client_grant(&grant.id).await.unwrap();
    c.delete_client_grant(&grant.id).await.expect("deleting twice is fine");
    c.delete_resource_server(&rs.id).await.unwrap();
    c.delete_client(&app.client_id).await.unwrap();
    assert!(matches!(c.get_client(&app.client_id).await, Err(Auth0Error::NotFound { .. })));
}

#[tokio::test]
async fn each_error_kind_is_recognised() {
    let (sb, c) = sandbox(SandboxConfig::default()).await;
    let bad = admin(&sb, sb.management_client_id(), "wrong-secret");
    assert!(matches!(bad.granted_scopes().await, Err(Auth0Error::Unauthorized { .. })));

    c.create_resource_server(&api("https://dup", &[])).await.unwrap();
    assert!(matches!(c.create_resource_server(&api("https://dup", &[])).await, Err(Auth0Error::Conflict { .. })));
    match c.create_client(&NewClient::machine_to_machine("x".repeat(300))).await {
        Err(Auth0Error::Validation { field, message }) => {
            assert_eq!(field.as_deref(), Some("name"));
            assert!(message.contains("maximum 255"), "{message}");
        }
        other => panic!("expected a validation error, got {other:?}"),
    }
    assert!(matches!(c.get_resource_server("https://nope").await, Err(Auth0Error::NotFound { .. })));

    // A management client with read-only permissions, as an admin would set up on Auth0.
    let limited = c.create_client(&NewClient::machine_to_machine("Read-only admin")).await.unwrap();
    c.create_client_grant(&NewClientGrant {
        client_id: limited.client_id.clone(),
        audience: sb.management_audience().into(),
        scope: vec!["read:clients".into()],
    })
    .await
    .unwrap();
    let ro = admin(&sb, &limited.client_id, limited.client_secret.as_ref().unwrap().expose());
    assert_eq!(ro.granted_scopes().await.unwrap(), ["read:clients"]);
    match ro.create_client(&NewClient::machine_to_machine("nope")).await {
        Err(Auth0Error::MissingScope { scopes, .. }) => assert_eq!(scopes, ["create:clients"]),
        other => panic!("expected missing scope, got {other:?}"),
    }

    // No grant for an API: the Authentication API's access_denied.
    let secret = limited.client_secret.clone().unwrap();
    match c
        .request_token(&TokenRequest {
            client_id: &limited.client_id,
            client_secret: &secret,
            audience: "https://dup",
            scope: None,
        })
        .await
    {
        Err(Auth0Error::AccessDenied { error, message }) => {
            assert_eq!(error, "access_denied");
            assert!(message.contains("is not authorized to access resource server"), "{message}");
        }
        other => panic!("expected access denied, got {other:?}"),
    }

    let dead =
        Auth0Client::new(TenantUrl::parse("http://127.0.0.1:9").unwrap(), "x", Sensitive::new("y".into()), &fast())
            .unwrap();
    match dead.granted_scopes().await {
        Err(Auth0Error::Network { maybe_applied, message }) => {
            assert!(!maybe_applied, "nothing was sent");
            assert!(message.contains("127.0.0.1"), "{message}");
        }
        other => panic!("expected a network error, got {other:?}"),
    }
}

#[tokio::test]
async fn idempotent_calls_are_retried_on_503_and_dropped_connections() {
    let (sb, c) = sandbox(SandboxConfig::default()).await;
    c.granted_scopes().await.unwrap();
    sb.add_fault(Fault {
        method: Some("GET".into()),
        path: "/api/v2/clients".into(),
        status: Some(503),
        action: None,
        delay_ms: None,
        times: 2,
    })
    .unwrap();
    c.list_clients(None, &mut no_progress()).await.expect("succeeds after two 503s");
    assert_eq!(count(&sb, "GET", "/api/v2/clients"), 3, "two failures, one success");

    sb.add_fault(Fault {
        method: Some("GET".into()),
        path: "/api/v2/resource-servers".into(),
        status: None,
        action: Some(FaultAction::Drop),
        delay_ms: None,
        times: 1,
    })
    .unwrap();
    c.list_resource_servers(&mut no_progress()).await.expect("succeeds after a dropped connection");

    sb.add_fault(Fault {
        method: Some("GET".into()),
        path: "/api/v2/client-grants".into(),
        status: Some(503),
        action: None,
        delay_ms: None,
        times: 10,
    })
    .unwrap();
    assert!(matches!(
        c.list_client_grants(None, None, &mut no_progress()).await,
        Err(Auth0Error::Server { status: 503, .. })
    ));
    assert_eq!(count(&sb, "GET", "/api/v2/client-grants"), 4, "bounded: 1 try + 3 retries");
}

#[tokio::test]
async fn creates_are_never_blindly_resent() {
    let (sb, c) = sandbox(SandboxConfig::default()).await;
    c.granted_scopes().await.unwrap();
    sb.add_fault(Fault {
        method: Some("POST".into()),
        path: "/api/v2/clients".into(),
        status: Some(503),
        action: None,
        delay_ms: None,
        times: 1,
    })
    .unwrap();
    assert!(matches!(
        c.create_client(&NewClient::machine_to_machine("a")).await,
        Err(Auth0Error::Server { status: 503, .. })
    ));
    assert_eq!(count(&sb, "POST", "/api/v2/clients"), 1, "a failed create is not resent");

    sb.add_fault(Fault {
        method: Some("POST".into()),
        path: "/api/v2/resource-servers".into(),
        status: None,
        action: Some(FaultAction::DropAfterCommit),
        delay_ms: None,
        times: 1,
    })
    .unwrap();
    match c.create_resource_server(&api("https://committed", &[])).await {
        Err(Auth0Error::Network { maybe_applied: true, .. }) => {}
        other => panic!("expected a network error that may have applied, got {other:?}"),
    }
    assert_eq!(count(&sb, "POST", "/api/v2/resource-servers"), 1);
    assert!(c.get_resource_server("https://committed").await.is_ok(), "the caller can find what was created");

    sb.add_fault(Fault {
        method: Some("POST".into()),
        path: "/api/v2/resource-servers".into(),
        status: None,
        action: None,
        delay_ms: Some(2_500),
        times: 1,
    })
    .unwrap();
    assert!(
        matches!(
            c.create_resource_server(&api("https://slow", &[])).await,
            Err(Auth0Error::Network { maybe_applied: true, .. })
        ),
        "a timeout is reported, not resent"
    );
    // The slow request is logged when (and if) the sandbox finishes it; a resend would add more.
    assert!(sb.settled(Duration::from_secs(10)).await, "the sandbox finished the slow request");
    assert!(count(&sb, "POST", "/api/v2/resource-servers") <= 2, "the timed-out create was resent");
}

#[tokio::test]
async fn rate_limits_are_paced_ahead_and_a_429_is_waited_out() {
    let (sb, c) = sandbox(SandboxConfig { mgmt_rate_limit: Some(2), ..SandboxConfig::default() }).await;
    // One client alone: it keeps to the budget the headers announce, so nothing is refused.
    for _ in 0..6 {
        c.get_resource_server("https://api.example.com/missing").await.expect_err("404 expected");
    }
    let gets: Vec<_> = sb.requests().into_iter().filter(|r| r.method == "GET").collect();
    assert!(gets.iter().all(|r| r.status != Some(429)), "paced ahead: no request refused");
    assert_eq!(gets.iter().filter(|r| r.status == Some(404)).count(), 6);

    // Two clients sharing the tenant's limit cannot know of each other: 429s happen, and
    // each is waited out.
    sb.clear_requests();
    let other = Auth0Client::new(
        TenantUrl::parse(&sb.base_url()).unwrap(),
        sb.management_client_id(),
        Sensitive::new(sb.management_client_secret()),
        &fast(),
    )
    .unwrap();
    async fn burst(client: &Auth0Client) {
        for _ in 0..4 {
            client.get_resource_server("https://api.example.com/missing").await.expect_err("404 expected");
        }
    }
    tokio::join!(burst(&c), burst(&other));
    let gets: Vec<_> = sb.requests().into_iter().filter(|r| r.method == "GET").collect();
    assert!(gets.iter().any(|r| r.status == Some(429)), "the limiter was hit");
    assert_eq!(gets.iter().filter(|r| r.status == Some(404)).count(), 8, "every call eventually got through");

    // Without retries, a 429 surfaces as rate_limited.
    let impatient = Auth0Client::new(
        TenantUrl::parse(&sb.base_url()).unwrap(),
        sb.management_client_id(),
        Sensitive::new(sb.management_client_secret()),
        &ClientOptions { retry: RetryPolicy { max_retries: 0, ..fast().retry }, ..fast() },
    )
    .unwrap();
    impatient.granted_scopes().await.unwrap();
    // Sent at once, before any answer announced the budget.
    let missing = || impatient.get_resource_server("https://api.example.com/missing");
    let answers = tokio::join!(missing(), missing(), missing(), missing(), missing());
    let answers = [answers.0, answers.1, answers.2, answers.3, answers.4];
    assert!(answers.iter().any(|r| matches!(r, Err(Auth0Error::RateLimited { .. }))), "{answers:?}");
}

#[tokio::test]
async fn management_token_is_cached_and_refreshed_once_on_401() {
    let (sb, c) = sandbox(SandboxConfig::default()).await;
    for _ in 0..3 {
        c.list_resource_servers(&mut no_progress()).await.unwrap();
    }
    assert_eq!(count(&sb, "POST", "/oauth/token"), 1, "one token for three calls");
    // The tenant's clock moves past the token's expiry; the client does not know yet.
    sb.advance_clock(Duration::from_secs(90_000));
    c.list_resource_servers(&mut no_progress()).await.expect("refreshes after the 401");
    assert_eq!(count(&sb, "POST", "/oauth/token"), 2);
}

#[tokio::test]
async fn summaries_list_every_application_without_its_secret_or_keys() {
    let (_sb, c) =
        sandbox(SandboxConfig { seed: Seed { clients: 250, apis: 0, grants: 0 }, ..SandboxConfig::default() }).await;
    let full = c.list_clients(None, &mut no_progress()).await.unwrap();
    assert!(full.iter().any(|a| a.client_secret.is_some()), "the sandbox's management client may read keys");
    let summaries = c.list_client_summaries(None, &mut no_progress()).await.unwrap();
    let ids = |v: &[grantsmith_auth0::types::Client]| v.iter().map(|a| a.client_id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&summaries), ids(&full));
    for (s, f) in summaries.iter().zip(&full) {
        assert_eq!((&s.name, &s.app_type, &s.grant_types), (&f.name, &f.app_type, &f.grant_types));
        assert!(s.client_secret.is_none(), "no secret in a summary");
        // Auth0 adds `tenant` whatever the fields asked (see the sandbox's decisions).
        assert!(s.extra.keys().all(|k| k == "tenant"), "only the asked fields: {:?}", s.extra.keys());
    }
    let m2m = c.list_client_summaries(Some("non_interactive"), &mut no_progress()).await.unwrap();
    assert!(!m2m.is_empty() && m2m.iter().all(|a| a.app_type.as_deref() == Some("non_interactive")));
}

#[tokio::test]
async fn paging_streams_more_than_a_thousand_objects_with_progress() {
    let (_sb, c) =
        sandbox(SandboxConfig { seed: Seed { clients: 1_050, apis: 0, grants: 0 }, ..SandboxConfig::default() }).await;
    let mut seen = Vec::new();
    let all = c.list_clients(None, &mut |p| seen.push(p)).await.unwrap();
    assert_eq!(all.len(), 1_051);
    let mut ids: Vec<&str> = all.iter().map(|x| x.client_id.as_str()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 1_051, "no duplicates across pages");
    assert_eq!(seen.len(), 11, "one progress report per page of 100");
    assert_eq!(seen.last().unwrap(), &Progress { done: 1_051, total: Some(1_051) });
    assert!(seen.windows(2).all(|w| w[0].done < w[1].done));
}
