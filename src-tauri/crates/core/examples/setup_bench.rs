//! `cargo xtask bench` runs this (release): a setup against a Sandbox that answers every
//! request after `L` ms (`--latency-ms`), so round trips dominate and each timing reads as a
//! multiple of L. Measures, in the same run:
//! - the naive sequential path a script or CLI takes (look the API up, create the
//!   application, the API, the grant — one after another): the baseline;
//! - the wizard's apply (review outside the timing);
//! - apply and then the first verified test token;
//! - the test token again (caches warm) and its local verification alone.
//!
//! Medians of `RUNS`; asserts nothing.

use std::sync::Arc;
use std::time::{Duration, Instant};

use grantsmith_auth0::types::{NewClient, NewClientGrant, NewResourceServer, Scope};
use grantsmith_auth0::{Auth0Client, ClientOptions, Sensitive, TenantUrl};
use grantsmith_core::change::Engine;
use grantsmith_core::tenants::{ExternalSandbox, Tenants};
use grantsmith_core::token::verify::{Expectation, Keys, decode, verify};
use grantsmith_core::token::{TokenAsk, TokenCache};
use grantsmith_core::wizard::{ApiChoice, AppChoice, ScopeSpec, SigningAlg, WizardSpec};
use grantsmith_core::{MemoryStore, Store};
use grantsmith_sandbox::{Sandbox, SandboxConfig};

const L: Duration = Duration::from_millis(100);
const RUNS: usize = 5;

fn spec(i: usize) -> WizardSpec {
    WizardSpec {
        app: AppChoice::New { name: format!("Bench worker {i}"), description: String::new() },
        api: ApiChoice::New {
            name: format!("Bench API {i}"),
            identifier: format!("https://bench.example.com/{i}"),
            signing_alg: SigningAlg::RS256,
            token_lifetime: 3600,
        },
        scopes: vec![ScopeSpec { value: "read:bench".into(), description: String::new() }],
        grant_scopes: vec!["read:bench".into()],
    }
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64
}

/// What a script does: is the identifier free? then each create, one after another.
async fn naive(c: &Auth0Client, i: usize) {
    let identifier = format!("https://naive.example.com/{i}");
    assert!(c.get_resource_server(&identifier).await.is_err());
    let app = c.create_client(&NewClient::machine_to_machine(format!("Naive {i}"))).await.unwrap();
    let scopes = vec![Scope { value: "read:bench".into(), description: None }];
    let new = NewResourceServer { identifier: identifier.clone(), scopes, ..Default::default() };
    c.create_resource_server(&new).await.unwrap();
    let grant = NewClientGrant { client_id: app.client_id, audience: identifier, scope: vec!["read:bench".into()] };
    c.create_client_grant(&grant).await.unwrap();
}

#[tokio::main]
async fn main() {
    let out = std::env::args().nth(1).unwrap_or_else(|| "target/bench/setup.md".into());
    let sb = Sandbox::start(SandboxConfig { latency: L, mgmt_rate_limit: None, ..SandboxConfig::default() })
        .await
        .expect("sandbox");
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(Store::open(dir.path()).unwrap());
    let external = ExternalSandbox {
        base_url: sb.base_url(),
        client_id: sb.management_client_id().into(),
        client_secret: Sensitive::new(sb.management_client_secret()),
    };
    let tenants = Tenants::new(store, Arc::new(MemoryStore::default()), None, Some(external), ClientOptions::default());
    let tokens = TokenCache::default();
    let mut engine = Engine::new(&tenants);
    engine.tokens = Some(&tokens); // as the app's engine: a created application's secret is kept for its first token
    let client = tenants.client_for("sandbox").await.unwrap();
    let issuers = tenants.issuers("sandbox").await.unwrap();
    let admin = Auth0Client::new(
        TenantUrl::parse(&sb.base_url()).unwrap(),
        sb.management_client_id(),
        Sensitive::new(sb.management_client_secret()),
        &ClientOptions::default(),
    )
    .unwrap();
    admin.granted_scopes().await.unwrap(); // each client's management token, outside the timings

    let (mut naive_t, mut apply_t, mut first_t, mut warm_t, mut verify_t) = (vec![], vec![], vec![], vec![], vec![]);
    for i in 0..RUNS {
        let t = Instant::now();
        naive(&admin, i).await;
        naive_t.push(t.elapsed());

        let spec = spec(i);
        let plan = engine.plan_setup(&spec).await.unwrap();
        let t = Instant::now();
        let run = engine.apply_setup(spec.clone(), &plan, None, &|_| {}).await.unwrap();
        apply_t.push(t.elapsed());
        let ask = TokenAsk {
            client_id: run.client_id.clone().unwrap(),
            audience: run.api_identifier.clone().unwrap(),
            scope: None,
            fresh: false,
        };
        let report = tokens.test_token(&client, "sandbox", &issuers, &ask, now()).await.unwrap();
        first_t.push(t.elapsed());
        assert!(report.verified, "{:?}", report.checks);

        let t = Instant::now();
        let again = tokens.test_token(&client, "sandbox", &issuers, &ask, now()).await.unwrap();
        warm_t.push(t.elapsed());
        assert!(again.verified && again.cached);

        // Local verification alone: decode and every check, keys in hand.
        let token = again.token.unwrap();
        let jwks = client.jwks().await.unwrap().keys;
        let expectation = Expectation {
            issuers: issuers.clone(),
            audience: Some(ask.audience.clone()),
            client_id: Some(ask.client_id.clone()),
            granted: Some(vec!["read:bench".into()]),
            token_lifetime: Some(3600),
            signing_alg: Some("RS256".into()),
        };
        let t = Instant::now();
        let checks = verify(&token, &decode(&token).unwrap(), Keys::Jwks(&jwks), &expectation, now());
        verify_t.push(t.elapsed());
        assert!(checks.iter().all(|c| c.passed));
    }

    let l = L.as_secs_f64();
    let row = |what: &str, d: Duration, target: &str| {
        format!("| {what} | {:.0} ms | **{:.2} L** | {target} |\n", d.as_secs_f64() * 1000.0, d.as_secs_f64() / l)
    };
    let naive = median(naive_t);
    let apply = median(apply_t);
    let mut report = format!(
        "# Setup round trips\n\n`cargo xtask bench`: a Sandbox answering every request after L = {} ms; medians of {RUNS} \
         runs, RS256 API, management token already held (the review got it).\n\n\
         | what | measured | in L | target |\n| --- | --- | --- | --- |\n",
        L.as_millis()
    );
    report.push_str(&row("naive sequential path (look up, create app, API, grant)", naive, "baseline"));
    report.push_str(&row("wizard apply", apply, "≤ 2.2 L"));
    report.push_str(&row("apply + first verified test token", median(first_t), "≤ 3.3 L"));
    report.push_str(&row("test token again (warm caches), verified", median(warm_t), "≤ 1.1 L"));
    let v = median(verify_t);
    report.push_str(&format!(
        "| local verification alone (decode, RS256 signature, every claim) | {:.2} ms | | < 5 ms |\n\n\
         Wizard apply against the naive path: **{:.2} ×**. The first token is the apply (2 L: application ∥ API, \
         then the grant) and one round trip: the token request (with the secret the create answered, kept in \
         memory) beside the read of application, API, grant and signing keys that the checks need.\n",
        v.as_secs_f64() * 1000.0,
        apply.as_secs_f64() / naive.as_secs_f64()
    ));
    if let Some(parent) = std::path::Path::new(&out).parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&out, &report).unwrap();
    print!("{report}");
}
