//! The binary: its one JSON line, a token from it over real HTTP, state that survives a
//! restart with `--data`, and a clean stop on SIGTERM.

use std::process::Stdio;
use std::time::Duration;

use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, BufReader};
use tokio::process::{Child, Command};

struct Running {
    child: Child,
    ready: Value,
}

async fn spawn(args: &[&str]) -> Running {
    let mut child = Command::new(env!("CARGO_BIN_EXE_grantsmith-sandbox"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("binary starts");
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let line = tokio::time::timeout(Duration::from_secs(30), lines.next_line())
        .await
        .expect("ready line within 30 s")
        .unwrap()
        .expect("a line on stdout");
    let ready: Value = serde_json::from_str(&line).unwrap_or_else(|e| panic!("stdout line is not JSON ({e}): {line}"));
    // Keep reading stdout so that any further output would be noticed by `stop`.
    child.stdout = Some(lines.into_inner().into_inner());
    Running { child, ready }
}

impl Running {
    async fn token(&self) -> Value {
        let r = &self.ready;
        reqwest::Client::new()
            .post(format!("{}/oauth/token", r["base_url"].as_str().unwrap()))
            .json(&json!({
                "grant_type": "client_credentials",
                "client_id": r["management_client_id"],
                "client_secret": r["management_client_secret"],
                "audience": r["management_audience"],
            }))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    }

    /// SIGTERM, then the exit status and whatever else was printed on stdout.
    async fn stop(mut self) -> (std::process::ExitStatus, String) {
        let pid = self.child.id().unwrap().to_string();
        std::process::Command::new("kill").args(["-TERM", &pid]).status().unwrap();
        let status =
            tokio::time::timeout(Duration::from_secs(10), self.child.wait()).await.expect("stops within 10 s").unwrap();
        let mut rest = String::new();
        self.child.stdout.take().unwrap().read_to_string(&mut rest).await.unwrap();
        (status, rest)
    }
}

#[tokio::test]
async fn prints_one_json_line_serves_tokens_and_stops_on_sigterm() {
    let sb = spawn(&["--listen", "127.0.0.1:0"]).await;
    let r = &sb.ready;
    let base = r["base_url"].as_str().unwrap();
    assert!(base.starts_with("http://127.0.0.1:") && !base.ends_with(":0"), "{base}");
    assert_eq!(r["issuer"], format!("{base}/"));
    assert_eq!(r["management_audience"], format!("{base}/api/v2/"));
    assert_eq!(r["management_client_id"].as_str().unwrap().len(), 32);
    assert_eq!(r["management_client_secret"].as_str().unwrap().len(), 64);
    let token = sb.token().await;
    assert_eq!(token["token_type"], "Bearer", "{token}");
    let scope = token["scope"].as_str().unwrap();
    for s in grantsmith_sandbox::MANAGEMENT_SCOPES {
        assert!(scope.split(' ').any(|x| x == *s), "management client lacks {s}");
    }
    let (status, rest) = sb.stop().await;
    assert!(status.success(), "clean exit on SIGTERM, got {status}");
    assert_eq!(rest, "", "nothing but the ready line on stdout");
}

#[tokio::test]
async fn state_survives_a_restart_with_data() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("tenant.db");
    let data = data.to_str().unwrap();

    let first = spawn(&["--listen", "127.0.0.1:0", "--data", data]).await;
    let token = first.token().await["access_token"].as_str().unwrap().to_string();
    let base = first.ready["base_url"].as_str().unwrap().to_string();
    let http = reqwest::Client::new();
    let created: Value = http
        .post(format!("{base}/api/v2/resource-servers"))
        .bearer_auth(&token)
        .json(&json!({"identifier": "https://persisted", "scopes": [{"value": "read:it"}]}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let jwks1: Value = http.get(format!("{base}/.well-known/jwks.json")).send().await.unwrap().json().await.unwrap();
    let (ids1, secret1) =
        (first.ready["management_client_id"].clone(), first.ready["management_client_secret"].clone());
    assert!(first.stop().await.0.success());

    let second = spawn(&["--listen", "127.0.0.1:0", "--data", data]).await;
    assert_eq!(second.ready["management_client_id"], ids1, "management client is stable across restarts");
    assert_eq!(second.ready["management_client_secret"], secret1);
    // The port (and so the management audience) may differ; the seeded grant must follow.
    let token = second.token().await;
    let token = token["access_token"].as_str().expect("management token after restart");
    let base = second.ready["base_url"].as_str().unwrap();
    let got: Value = http
        .get(format!("{base}/api/v2/resource-servers/https%3A%2F%2Fpersisted"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(got["id"], created["id"], "the API created before the restart is still there");
    let jwks2: Value = http.get(format!("{base}/.well-known/jwks.json")).send().await.unwrap().json().await.unwrap();
    assert_eq!(jwks1["keys"][0]["kid"], jwks2["keys"][0]["kid"], "the signing key persists");
    assert!(second.stop().await.0.success());
}

#[tokio::test]
async fn refuses_a_public_address_and_bad_flags() {
    for (args, needle) in [
        (vec!["--listen", "0.0.0.0:0"], "--allow-remote"),
        (vec!["--listen", "nonsense"], "not an address"),
        (vec!["--latency-ms", "soon"], "not a whole number"),
        (vec!["--frobnicate"], "unknown option"),
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_grantsmith-sandbox")).args(&args).output().await.unwrap();
        assert!(!out.status.success(), "{args:?} must fail");
        assert!(out.stdout.is_empty(), "no ready line for {args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(needle), "{args:?}: {err}");
    }
}
