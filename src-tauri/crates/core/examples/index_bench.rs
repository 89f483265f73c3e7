//! `cargo xtask bench` runs this (release): the tenant index of a Sandbox seeded with 5,000
//! applications, 1,000 APIs and 10,000 grants, rate limited as Auth0's larger plans are
//! (50 requests/s). Reports the first full build against its ideal (pages ÷ 50/s) and
//! 1,000 random searches. Measures; asserts nothing.

use std::sync::Arc;
use std::time::{Duration, Instant};

use grantsmith_auth0::{ClientOptions, Sensitive};
use grantsmith_core::index;
use grantsmith_core::tenants::{ExternalSandbox, Tenants};
use grantsmith_core::{MemoryStore, Store};
use grantsmith_sandbox::{Sandbox, SandboxConfig, Seed};

const SEED: Seed = Seed { clients: 5_000, apis: 1_000, grants: 10_000 };
const RATE: u32 = 50;
const PER_PAGE: usize = 100;
const SEARCHES: usize = 1_000;

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

#[tokio::main]
async fn main() {
    let out = std::env::args().nth(1).unwrap_or_else(|| "target/bench/index.md".into());
    let sb = Sandbox::start(SandboxConfig { seed: SEED, mgmt_rate_limit: Some(RATE), ..SandboxConfig::default() })
        .await
        .expect("sandbox");
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(Store::open(dir.path()).unwrap());
    let external = ExternalSandbox {
        base_url: sb.base_url(),
        client_id: sb.management_client_id().into(),
        client_secret: Sensitive::new(sb.management_client_secret()),
    };
    let tenants =
        Tenants::new(store.clone(), Arc::new(MemoryStore::default()), None, Some(external), ClientOptions::default());
    let client = tenants.client_for("sandbox").await.unwrap();
    client.granted_scopes().await.unwrap(); // the management token, outside the timing

    sb.clear_requests();
    let started = Instant::now();
    let status = index::build(&store, &client, "sandbox", 0, &|_| {}).await.expect("index build");
    let built = started.elapsed();
    let requests = sb.requests();
    let failed = requests.iter().filter(|r| r.status.is_none_or(|s| s >= 400)).count();
    let pages = [status.apps as usize, status.apis as usize, status.grants as usize]
        .iter()
        .map(|n| n.div_ceil(PER_PAGE).max(1))
        .sum::<usize>();
    let ideal = Duration::from_secs_f64(pages as f64 / RATE as f64);

    let names = index::applications(&store, "sandbox", "", None, 0, u32::MAX).unwrap().rows;
    let mut times = Vec::with_capacity(SEARCHES);
    for _ in 0..SEARCHES {
        let name = &names[fastrand::usize(..names.len())].name;
        let start = fastrand::usize(..name.len().saturating_sub(4).max(1));
        let part: String = name.chars().skip(start).take(6).collect();
        let t = Instant::now();
        let found = index::applications(&store, "sandbox", &part, None, 0, 100).unwrap();
        times.push(t.elapsed());
        assert!(found.total > 0);
    }
    times.sort();

    let report = format!(
        "# Tenant index\n\n`cargo xtask bench` on {} — {} applications, {} APIs, {} grants, Sandbox at {RATE} requests/s.\n\n\
         | what | measured | target |\n| --- | --- | --- |\n\
         | first full index | {:.2} s for {} requests ({pages} pages; ideal {:.2} s) = **{:.2} × ideal**, {failed} failed | ≤ 1.1 × ideal, 0 failed |\n\
         | {SEARCHES} random searches (part of a name, first 100 rows) | p50 {:.2} ms, p95 **{:.2} ms**, max {:.2} ms | p95 < 5 ms |\n",
        std::env::consts::ARCH,
        status.apps,
        status.apis,
        status.grants,
        built.as_secs_f64(),
        requests.len(),
        ideal.as_secs_f64(),
        built.as_secs_f64() / ideal.as_secs_f64(),
        percentile(&times, 0.5),
        percentile(&times, 0.95),
        percentile(&times, 1.0),
    );
    if let Some(parent) = std::path::Path::new(&out).parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&out, &report).unwrap();
    print!("{report}");
}
