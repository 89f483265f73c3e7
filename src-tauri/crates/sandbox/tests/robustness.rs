//! Fault injection, the rate limiter, and bad input: every failure in Auth0's shape,
//! never a panic or a hang.

mod common;

use std::time::{Duration, Instant};

use common::{read, start, start_with};
use grantsmith_sandbox::{Fault, FaultAction, SandboxConfig};
use reqwest::StatusCode;
use serde_json::json;

fn fault(path: &str) -> Fault {
    Fault { method: Some("POST".into()), path: path.into(), status: None, action: None, delay_ms: None, times: 1 }
}

#[tokio::test]
async fn injected_status_applies_n_times_then_requests_succeed() {
    let t = start().await;
    t.sb.add_fault(Fault { status: Some(503), times: 2, ..fault("/api/v2/clients") }).unwrap();
    for _ in 0..2 {
        let (s, e) = t.post("/api/v2/clients", json!({"name": "x"})).await;
        assert_eq!(s, StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(e["statusCode"], 503);
    }
    let (s, _) = t.post("/api/v2/clients", json!({"name": "x"})).await;
    assert_eq!(s, StatusCode::CREATED);
    let (_, list) = t.get("/api/v2/clients?app_type=non_interactive&include_totals=true").await;
    assert_eq!(list["total"], 1, "faulted requests must not create anything");
}

#[tokio::test]
async fn drop_closes_the_connection_without_creating() {
    let t = start().await;
    t.sb.add_fault(Fault { action: Some(FaultAction::Drop), ..fault("/api/v2/resource-servers") }).unwrap();
    let r = t
        .http
        .post(t.url("/api/v2/resource-servers"))
        .bearer_auth(&t.token)
        .json(&json!({"identifier": "https://d"}))
        .send()
        .await;
    assert!(r.is_err(), "the client must see a dropped connection, got {r:?}");
    let (s, _) = t.get("/api/v2/resource-servers/https%3A%2F%2Fd").await;
    assert_eq!(s, StatusCode::NOT_FOUND, "a dropped request is not processed");
    let log = t.sb.requests();
    assert!(
        log.iter().any(|r| r.path == "/api/v2/resource-servers" && r.status.is_none()),
        "drop is logged without a status"
    );
}

#[tokio::test]
async fn drop_after_commit_creates_but_never_answers() {
    let t = start().await;
    t.sb.add_fault(Fault { action: Some(FaultAction::DropAfterCommit), ..fault("/api/v2/resource-servers") }).unwrap();
    let r = t
        .http
        .post(t.url("/api/v2/resource-servers"))
        .bearer_auth(&t.token)
        .json(&json!({"identifier": "https://c"}))
        .send()
        .await;
    assert!(r.is_err(), "the client must not learn the outcome, got {r:?}");
    let (s, rs) = t.get("/api/v2/resource-servers/https%3A%2F%2Fc").await;
    assert_eq!(s, StatusCode::OK, "the create was committed: {rs}");
}

#[tokio::test]
async fn delay_makes_a_request_slow_but_successful() {
    let t = start().await;
    t.sb.add_fault(Fault { method: None, delay_ms: Some(400), ..fault("/.well-known/jwks.json") }).unwrap();
    let started = Instant::now();
    let r = t.http.get(t.url("/.well-known/jwks.json")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(started.elapsed() >= Duration::from_millis(400));
    let short = reqwest::Client::builder().timeout(Duration::from_millis(100)).build().unwrap();
    t.sb.add_fault(Fault { method: None, delay_ms: Some(1000), ..fault("/.well-known/jwks.json") }).unwrap();
    assert!(short.get(t.url("/.well-known/jwks.json")).send().await.unwrap_err().is_timeout());
}

#[tokio::test]
async fn every_management_answer_carries_rate_limit_headers_by_default() {
    let t = start().await;
    for path in ["/api/v2/clients", "/api/v2/resource-servers", "/api/v2/clients/nope"] {
        let r = t.http.get(t.url(path)).bearer_auth(&t.token).send().await.unwrap();
        let h = r.headers();
        assert_eq!(h["x-ratelimit-limit"], "50", "{path}");
        assert!(h.contains_key("x-ratelimit-remaining") && h.contains_key("x-ratelimit-reset"), "{path}");
    }
}

#[tokio::test]
async fn rate_limiter_sends_headers_and_429_with_auth0_body() {
    let t = start_with(SandboxConfig { mgmt_rate_limit: Some(3), ..SandboxConfig::default() }).await;
    // Align to the start of a second so all requests fall in one window.
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap();
    tokio::time::sleep(Duration::from_millis(1000 - u64::from(now.subsec_millis()) + 20)).await;
    let mut statuses = Vec::new();
    for _ in 0..5 {
        let r = t.http.get(t.url("/api/v2/clients")).bearer_auth(&t.token).send().await.unwrap();
        let h = r.headers().clone();
        assert_eq!(h["x-ratelimit-limit"], "3");
        assert!(h.contains_key("x-ratelimit-remaining") && h.contains_key("x-ratelimit-reset"));
        let (s, body) = read(r).await;
        if s == StatusCode::TOO_MANY_REQUESTS {
            assert_eq!(
                body,
                json!({"statusCode": 429, "error": "Too Many Requests", "message": "Global limit has been reached", "errorCode": "too_many_requests"})
            );
            let reset: i64 = h["x-ratelimit-reset"].to_str().unwrap().parse().unwrap();
            assert!(reset > now.as_secs() as i64, "reset is a future epoch second");
        }
        statuses.push(s.as_u16());
    }
    assert_eq!(statuses, [200, 200, 200, 429, 429]);
    let r = t.http.get(t.url("/.well-known/jwks.json")).send().await.unwrap();
    assert!(!r.headers().contains_key("x-ratelimit-limit"), "only the Management API is limited");
}

#[tokio::test]
async fn bad_bodies_get_auth0_errors() {
    let t = start().await;
    let send = |ct: &'static str, body: Vec<u8>| {
        let req = t.http.post(t.url("/api/v2/clients")).bearer_auth(&t.token).header("content-type", ct).body(body);
        async move { read(req.send().await.unwrap()).await }
    };
    let (s, e) = send("application/json", b"{\"name\": ".to_vec()).await;
    assert_eq!((s, e["message"].as_str()), (StatusCode::BAD_REQUEST, Some("Invalid request payload JSON format")));
    let (s, e) = send("text/plain", b"name=x".to_vec()).await;
    assert_eq!(s, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(e["statusCode"], 415);
    let (s, e) = send("application/json", b"[]".to_vec()).await;
    assert_eq!((s, e["errorCode"].as_str()), (StatusCode::BAD_REQUEST, Some("invalid_body")));
    let big = format!("{{\"name\": \"{}\"}}", "a".repeat(3 * 1024 * 1024));
    let (s, e) = send("application/json", big.into_bytes()).await;
    assert_eq!((s, e["errorCode"].as_str()), (StatusCode::PAYLOAD_TOO_LARGE, Some("payload_too_large")));

    let (s, e) = t.get("/api/v2/nothing-here").await;
    assert_eq!((s, e["statusCode"].as_i64()), (StatusCode::NOT_FOUND, Some(404)));
    let r = t.http.put(t.url("/api/v2/clients")).bearer_auth(&t.token).send().await.unwrap();
    let (s, e) = read(r).await;
    assert_eq!((s, e["statusCode"].as_i64()), (StatusCode::METHOD_NOT_ALLOWED, Some(405)));
}

#[tokio::test]
async fn control_endpoints_work_over_http_only_with_control() {
    let t = start().await;
    // Without a token, or with a Host that is not loopback (a DNS-rebound page): refused.
    let r = t.http.delete(t.url("/__sandbox/faults")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "no token");
    let r = t.http.delete(t.url("/__sandbox/faults")).bearer_auth(&t.token).header("host", "evil.example:80").send();
    assert_eq!(r.await.unwrap().status(), StatusCode::FORBIDDEN, "a Host that is not loopback");
    let r = t.http.post(t.url("/__sandbox/reset")).bearer_auth("not-a-token").send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "a token this tenant did not issue");
    let r = t
        .http
        .post(t.url("/__sandbox/faults"))
        .bearer_auth(&t.token)
        .json(&json!({"method": "POST", "path": "/api/v2/client-grants", "status": 503, "times": 2}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    let (s, _) = t.post("/api/v2/client-grants", json!({})).await;
    assert_eq!(s, StatusCode::SERVICE_UNAVAILABLE);
    t.http.delete(t.url("/__sandbox/faults")).bearer_auth(&t.token).send().await.unwrap();
    let (s, _) = t.post("/api/v2/client-grants", json!({})).await;
    assert_eq!(s, StatusCode::BAD_REQUEST, "faults cleared; now plain validation");

    let (s, log) = read(t.http.get(t.url("/__sandbox/requests")).bearer_auth(&t.token).send().await.unwrap()).await;
    assert_eq!(s, StatusCode::OK);
    let grants: Vec<_> = log.as_array().unwrap().iter().filter(|r| r["path"] == "/api/v2/client-grants").collect();
    assert_eq!(grants.len(), 2);
    assert_eq!((grants[0]["status"].as_u64(), grants[1]["status"].as_u64()), (Some(503), Some(400)));

    let r = t
        .http
        .post(t.url("/__sandbox/faults"))
        .bearer_auth(&t.token)
        .json(&json!({"path": "/x", "status": 200}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST, "a fault must fail with 4xx/5xx");

    t.m2m_client("to be reset").await;
    let r = t.http.post(t.url("/__sandbox/reset")).bearer_auth(&t.token).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    let (_, clients) = t.get("/api/v2/clients").await;
    assert_eq!(clients.as_array().unwrap().len(), 1, "only the management client survives a reset");

    let plain = start_with(SandboxConfig::default()).await;
    let r = plain.http.get(plain.url("/__sandbox/requests")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND, "no control endpoints without --control");
}

#[tokio::test]
async fn non_loopback_listen_is_refused_without_allow_remote() {
    let config = SandboxConfig { listen: "0.0.0.0:0".parse().unwrap(), ..SandboxConfig::default() };
    let err = grantsmith_sandbox::Sandbox::start(config).await.err().expect("must refuse");
    assert!(err.to_string().contains("--allow-remote"), "{err}");
}

#[tokio::test]
async fn latency_delays_every_response() {
    let t = start_with(SandboxConfig { latency: Duration::from_millis(150), ..SandboxConfig::default() }).await;
    let started = Instant::now();
    let (s, _) = t.get("/api/v2/clients").await;
    assert_eq!(s, StatusCode::OK);
    assert!(started.elapsed() >= Duration::from_millis(150), "took {:?}", started.elapsed());
}
