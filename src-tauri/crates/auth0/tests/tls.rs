//! Transport rules against real sockets: a tenant whose certificate is not trusted (a
//! self-signed one, as a local TLS server here presents) is refused with words that say
//! so, before any credential is sent; plain http is refused for anything but loopback.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use grantsmith_auth0::{Auth0Client, Auth0Error, ClientOptions, Sensitive, TenantUrl, TenantUrlError};
use tokio::io::AsyncReadExt;

/// A TLS server for `localhost` with a self-signed certificate; counts bytes of
/// application data it receives (a refused handshake delivers none).
async fn self_signed_server() -> (u16, Arc<AtomicUsize>) {
    let cert = rcgen::generate_simple_self_signed(vec!["localhost".to_string()]).unwrap();
    let chain = vec![cert.cert.der().clone()];
    let key = rustls::pki_types::PrivateKeyDer::Pkcs8(cert.signing_key.serialize_der().into());
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(rustls::crypto::aws_lc_rs::default_provider()))
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(chain, key)
        .unwrap();
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let received = Arc::new(AtomicUsize::new(0));
    let count = received.clone();
    tokio::spawn(async move {
        while let Ok((tcp, _)) = listener.accept().await {
            let (acceptor, count) = (acceptor.clone(), count.clone());
            tokio::spawn(async move {
                if let Ok(mut tls) = acceptor.accept(tcp).await {
                    let mut buf = [0u8; 4096];
                    while let Ok(n) = tls.read(&mut buf).await {
                        if n == 0 {
                            break;
                        }
                        count.fetch_add(n, Ordering::SeqCst);
                    }
                }
            });
        }
    });
    (port, received)
}

#[tokio::test]
async fn a_self_signed_certificate_is_refused_in_words_and_nothing_is_sent() {
    let (port, received) = self_signed_server().await;
    let tenant = TenantUrl::parse(&format!("https://localhost:{port}")).unwrap();
    let client = Auth0Client::new(
        tenant,
        "client-id",
        Sensitive::new("the-management-secret".into()),
        &ClientOptions::default(),
    )
    .unwrap();
    let e = client.granted_scopes().await.unwrap_err();
    let Auth0Error::Network { message, maybe_applied } = &e else { panic!("{e:?}") };
    assert!(!maybe_applied);
    assert!(message.contains("certificate is not trusted"), "{message}");
    assert!(message.contains("nothing was sent"), "{message}");
    assert_eq!(received.load(Ordering::SeqCst), 0, "no request (and no secret) went over the connection");
}

#[test]
fn plain_http_is_refused_for_anything_but_loopback() {
    for remote in ["http://acme.eu.auth0.com", "http://10.0.0.5:8080", "http://acme.example.com/"] {
        assert_eq!(TenantUrl::parse(remote), Err(TenantUrlError::InsecureRemote), "{remote}");
    }
    for local in ["http://127.0.0.1:4010", "http://localhost:4010", "http://[::1]:4010"] {
        assert!(TenantUrl::parse(local).is_ok(), "{local}");
    }
}
