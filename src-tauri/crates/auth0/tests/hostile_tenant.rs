//! A tenant that is not what it says, on a real socket: one that redirects (not followed,
//! so the bearer token goes nowhere else), one that answers 2 GB (cut off after
//! `MAX_BODY_BYTES`, the rest never read), one that pages forever (stopped after
//! `MAX_PAGES`). Each ends in an error in words, with memory and time bounded.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use grantsmith_auth0::{Auth0Client, Auth0Error, ClientOptions, Sensitive, TenantUrl};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

#[derive(Clone, Copy)]
enum Mode {
    Redirect,
    Huge,
    PagesForever,
}

/// What the server saw: bytes it wrote, and requests that reached the redirect's target.
#[derive(Default)]
struct Seen {
    written: AtomicU64,
    pages: AtomicU64,
}

/// Reads one request's head and body; answers its path.
async fn request(tcp: &mut TcpStream) -> Option<String> {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        if tcp.read(&mut byte).await.ok()? == 0 {
            return None;
        }
        head.push(byte[0]);
    }
    let head = String::from_utf8_lossy(&head).to_string();
    let length = head
        .lines()
        .find_map(|l| l.to_ascii_lowercase().strip_prefix("content-length:").map(|v| v.trim().parse().unwrap_or(0)))
        .unwrap_or(0usize);
    let mut body = vec![0u8; length];
    tcp.read_exact(&mut body).await.ok()?;
    head.split_whitespace().nth(1).map(String::from)
}

async fn answer(tcp: &mut TcpStream, status: &str, extra: &str, body: &str) -> std::io::Result<()> {
    let text = format!(
        "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n{extra}\r\n{body}",
        body.len()
    );
    tcp.write_all(text.as_bytes()).await
}

async fn serve(mode: Mode, seen: Arc<Seen>, mut tcp: TcpStream) -> std::io::Result<()> {
    while let Some(path) = request(&mut tcp).await {
        if path.starts_with("/oauth/token") {
            let token = r#"{"access_token":"a.b.c","scope":"read:clients","expires_in":86400,"token_type":"Bearer"}"#;
            answer(&mut tcp, "200 OK", "", token).await?;
            continue;
        }
        match mode {
            Mode::Redirect if path.starts_with("/elsewhere") => {
                seen.pages.fetch_add(1, Ordering::SeqCst);
                answer(&mut tcp, "200 OK", "", r#"{"clients":[],"total":0}"#).await?;
            }
            Mode::Redirect => answer(&mut tcp, "302 Found", "Location: /elsewhere\r\n", "").await?,
            Mode::Huge => {
                tcp.write_all(
                    b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n",
                )
                .await?;
                let chunk = format!("{:x}\r\n{}\r\n", 64 * 1024, " ".repeat(64 * 1024));
                for _ in 0..(2u64 << 30) / (64 * 1024) {
                    tcp.write_all(chunk.as_bytes()).await?;
                    seen.written.fetch_add(64 * 1024, Ordering::SeqCst);
                }
                return Ok(());
            }
            Mode::PagesForever => {
                seen.pages.fetch_add(1, Ordering::SeqCst);
                let page: Vec<String> = (0..100).map(|i| format!(r#"{{"client_id":"c{i}","name":"n"}}"#)).collect();
                answer(&mut tcp, "200 OK", "", &format!(r#"{{"clients":[{}]}}"#, page.join(","))).await?;
            }
        }
    }
    Ok(())
}

async fn tenant(mode: Mode) -> (Auth0Client, Arc<Seen>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let seen = Arc::new(Seen::default());
    let counted = seen.clone();
    tokio::spawn(async move {
        while let Ok((tcp, _)) = listener.accept().await {
            tokio::spawn(serve(mode, counted.clone(), tcp));
        }
    });
    let url = TenantUrl::parse(&format!("http://127.0.0.1:{port}")).unwrap();
    let client = Auth0Client::new(url, "id", Sensitive::new("secret".into()), &ClientOptions::default()).unwrap();
    (client, seen)
}

#[tokio::test]
async fn a_redirect_is_not_followed() {
    let (client, seen) = tenant(Mode::Redirect).await;
    let e = client.list_clients(None, &mut |_| {}).await.unwrap_err();
    assert!(!matches!(e, Auth0Error::Network { .. }), "an answer, not a lost connection: {e:?}");
    assert_eq!(seen.pages.load(Ordering::SeqCst), 0, "the bearer token never went to the redirect's target");
}

#[tokio::test]
async fn an_answer_of_two_gigabytes_is_cut_off_unread() {
    let (client, seen) = tenant(Mode::Huge).await;
    let e = client.list_clients(None, &mut |_| {}).await.unwrap_err();
    let Auth0Error::Protocol { message } = &e else { panic!("{e:?}") };
    assert!(message.contains("larger than 8 MB"), "{message}");
    // What the server could push into the socket's buffers before the client hung up.
    let written = seen.written.load(Ordering::SeqCst);
    assert!(written < 64 << 20, "the client stopped reading long before 2 GB ({written} bytes written)");
}

#[tokio::test]
async fn a_tenant_that_pages_forever_is_stopped() {
    let (client, seen) = tenant(Mode::PagesForever).await;
    let e = client.list_clients(None, &mut |_| {}).await.unwrap_err();
    let Auth0Error::Protocol { message } = &e else { panic!("{e:?}") };
    assert!(message.contains("past 100000 items"), "{message}");
    assert_eq!(seen.pages.load(Ordering::SeqCst), u64::from(grantsmith_auth0::MAX_PAGES));
}
