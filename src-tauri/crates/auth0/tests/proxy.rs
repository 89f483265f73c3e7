//! With a system proxy configured, the sandbox (plain http on loopback) is still reached
//! directly: its management secret never goes to the proxy. Its own test binary, because
//! it sets process-wide environment variables.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use grantsmith_auth0::{Auth0Client, ClientOptions, Sensitive, TenantUrl};
use grantsmith_sandbox::{Sandbox, SandboxConfig};

#[tokio::test]
async fn the_loopback_sandbox_never_goes_through_a_system_proxy() {
    // A "proxy" that counts every connection made to it.
    let proxy = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let proxy_url = format!("http://{}", proxy.local_addr().unwrap());
    let seen = Arc::new(AtomicUsize::new(0));
    let counter = seen.clone();
    tokio::spawn(async move {
        while let Ok((_conn, _)) = proxy.accept().await {
            counter.fetch_add(1, Ordering::SeqCst);
        }
    });
    // SAFETY: this test binary has this one test; nothing else reads the environment
    // concurrently.
    unsafe {
        for var in ["HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"] {
            std::env::set_var(var, &proxy_url);
        }
        std::env::remove_var("NO_PROXY");
        std::env::remove_var("no_proxy");
    }
    let sb = Sandbox::start(SandboxConfig::default()).await.unwrap();
    let client = Auth0Client::new(
        TenantUrl::parse(&sb.base_url()).unwrap(),
        sb.management_client_id(),
        Sensitive::new(sb.management_client_secret()),
        &ClientOptions::default(),
    )
    .unwrap();
    let granted = client.granted_scopes().await.expect("the sandbox answers directly");
    assert!(granted.iter().any(|s| s == "read:clients"));
    client.list_clients(None, &mut |_| {}).await.unwrap();
    assert_eq!(seen.load(Ordering::SeqCst), 0, "no connection reached the proxy");
}
