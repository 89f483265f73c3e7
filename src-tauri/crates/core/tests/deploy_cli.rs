//! The deploy-cli export, imported by auth0-deploy-cli itself (the npm package, installed
//! by `cargo xtask`) into a fresh sandbox behind a TLS front (deploy-cli speaks https
//! only), with the API identifier mapped through its keyword replacement; what it created
//! is compared with the original setup. The tenant's names are hostile — line breaks
//! YAML 1.1 knows, a bidi override, YAML syntax and deploy-cli's own keywords — and must come
//! out the other side as the same literal text. Needs the package `cargo xtask test` installs
//! (hence `#[ignore]` for a plain `cargo test`).

mod common;

use std::path::PathBuf;
use std::process::Command;
use std::sync::Arc;

use grantsmith_auth0::types::{ClientUpdate, ResourceServerUpdate};
use grantsmith_core::carry::{self, ExportFormat, Setup};
use grantsmith_core::change::Engine;
use grantsmith_sandbox::{Sandbox, SandboxConfig};
use serde_json::json;

const TARGET_AUD: &str = "https://api.example.com/orders-staging";

/// Names another admin could give on the tenant (Auth0 refuses only `<` and `>`): keywords
/// deploy-cli would substitute, and line breaks that would start `tenant:` blocks.
const HOSTILE_APP: &str = "Orders ##API_IDENTIFIER## @@API_IDENTIFIER@@\u{2028}tenant:\u{85}  friendly_name: x";
const HOSTILE_DESCRIPTION: &str = "Ships \"paid\" orders\r\nemailProvider: {} \u{202E}##API_IDENTIFIER##";
const HOSTILE_API: &str = "Orders API\n#@@API_IDENTIFIER@@";

/// A TLS listener on 127.0.0.1 that forwards each connection to `to`; answers the port and
/// the PEM of its self-signed certificate for `localhost` (for NODE_EXTRA_CA_CERTS).
async fn tls_front(to: std::net::SocketAddr) -> (u16, String) {
    let cert = rcgen::generate_simple_self_signed(vec!["localhost".to_string()]).unwrap();
    let pem = cert.cert.pem();
    let key = rustls::pki_types::PrivateKeyDer::Pkcs8(cert.signing_key.serialize_der().into());
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(rustls::crypto::aws_lc_rs::default_provider()))
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(vec![cert.cert.der().clone()], key)
        .unwrap();
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        while let Ok((tcp, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            tokio::spawn(async move {
                let (Ok(mut tls), Ok(mut plain)) =
                    (acceptor.accept(tcp).await, tokio::net::TcpStream::connect(to).await)
                else {
                    return;
                };
                let _ = tokio::io::copy_bidirectional(&mut tls, &mut plain).await;
            });
        }
    });
    (port, pem)
}

fn deploy_cli() -> PathBuf {
    std::env::var_os("GRANTSMITH_DEPLOY_CLI").map(PathBuf::from).unwrap_or_else(|| {
        panic!("GRANTSMITH_DEPLOY_CLI is not set: run through `cargo xtask test`, which installs auth0-deploy-cli")
    })
}

// Multi-threaded: the sandboxes and the TLS front keep serving while deploy-cli runs.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs auth0-deploy-cli: run through `cargo xtask test`"]
async fn deploy_cli_imports_the_export_into_a_fresh_tenant_as_the_original_setup() {
    // The original: an RS256 setup made by the engine on one sandbox, exported as YAML.
    let t = common::tenant().await;
    let engine = Engine::new(&t.tenants);
    let spec = common::orders_spec(&["read:orders", "write:orders"], &["read:orders"]);
    let plan = engine.plan_setup(&spec).await.unwrap();
    let run = engine.apply_setup(spec, &plan, None, &common::noop).await.unwrap();
    let client_id = run.client_id.unwrap();
    // Renamed on the tenant, as another admin could (Grantsmith itself refuses such names).
    let rename = ClientUpdate {
        name: Some(HOSTILE_APP.into()),
        description: Some(HOSTILE_DESCRIPTION.into()),
        ..Default::default()
    };
    t.admin.update_client(&client_id, &rename).await.unwrap();
    let api_id = t.admin.get_resource_server(common::AUD).await.unwrap().id;
    let rename = ResourceServerUpdate { name: Some(HOSTILE_API.into()), ..Default::default() };
    t.admin.update_resource_server(&api_id, &rename).await.unwrap();
    let export =
        carry::export_from(&t.tenants, "sandbox", &client_id, common::AUD, ExportFormat::DeployCli).await.unwrap();
    let original: Setup = carry::read(&t.admin, &client_id, common::AUD).await.unwrap();

    // A fresh tenant, https in front of it.
    let fresh = Sandbox::start(SandboxConfig::default()).await.unwrap();
    let (port, pem) = tls_front(fresh.addr()).await;
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ca.pem"), &pem).unwrap();
    std::fs::write(dir.path().join("setup.yaml"), &export.text).unwrap();
    let config = json!({
        "AUTH0_DOMAIN": format!("localhost:{port}"),
        "AUTH0_ACCESS_TOKEN": fresh.management_token().unwrap(),
        "AUTH0_KEYWORD_REPLACE_MAPPINGS": { "API_IDENTIFIER": TARGET_AUD },
        "AUTH0_ALLOW_DELETE": false,
        "AUTH0_INCLUDED_ONLY": ["clients", "resourceServers", "clientGrants"],
    });
    std::fs::write(dir.path().join("config.json"), config.to_string()).unwrap();

    let cli = deploy_cli();
    let out = tokio::task::spawn_blocking({
        let dir = dir.path().to_path_buf();
        move || {
            Command::new("node")
                .arg(&cli)
                .args(["import", "--config_file", "config.json", "--input_file", "setup.yaml"])
                .current_dir(&dir)
                .env("NODE_EXTRA_CA_CERTS", dir.join("ca.pem"))
                .output()
                .unwrap()
        }
    })
    .await
    .unwrap();
    let log = format!("{}\n{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "deploy-cli import failed:\n{log}");

    // What it created is the original setup, at the mapped identifier.
    let admin = common::admin(&fresh, 5_000);
    let apps = admin.list_clients(None, &mut |_| {}).await.unwrap();
    let app = apps.iter().find(|c| c.name.as_deref() == Some(HOSTILE_APP)).unwrap_or_else(|| panic!("{apps:?}\n{log}"));
    let imported = carry::read(&admin, &app.client_id, TARGET_AUD).await.unwrap();
    assert_eq!(imported.app.name, original.app.name);
    assert_eq!(original.app.description, HOSTILE_DESCRIPTION, "the keywords stayed text");
    assert_eq!(original.api.name, HOSTILE_API);
    assert_eq!(imported.app.description, original.app.description);
    assert_eq!(imported.app.app_type, original.app.app_type);
    assert_eq!(imported.app.grant_types, original.app.grant_types);
    assert_eq!(imported.api.name, original.api.name);
    assert_eq!(imported.api.signing_alg, original.api.signing_alg);
    assert_eq!(imported.api.token_lifetime, original.api.token_lifetime);
    assert_eq!(imported.api.scopes, original.api.scopes);
    assert_eq!(imported.grant.map(|g| g.scopes), original.grant.map(|g| g.scopes));
    assert!(
        admin.get_resource_server(common::AUD).await.is_err(),
        "the keyword was replaced, not the source identifier used"
    );
    let secret = t.admin.get_client(&client_id).await.unwrap().client_secret.unwrap();
    let new_secret = admin.get_client(&app.client_id).await.unwrap().client_secret.unwrap();
    assert_ne!(secret.expose(), new_secret.expose(), "the fresh tenant made its own secret");
}
