//! `cargo xtask bench` runs this (release): a Sandbox tenant with 5,000 clients, timed list
//! pages over real HTTP on loopback, written as a report. Measures; asserts nothing.

use std::time::{Duration, Instant};

use grantsmith_sandbox::{Sandbox, SandboxConfig, Seed};

const CLIENTS: usize = 5_000;
const ROUNDS: usize = 300;

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

fn rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let kb: f64 = status.lines().find(|l| l.starts_with("VmRSS:"))?.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

#[tokio::main]
async fn main() {
    let out = std::env::args().nth(1).unwrap_or_else(|| "target/bench/sandbox.md".into());
    let seed_started = Instant::now();
    let sb = Sandbox::start(SandboxConfig {
        seed: Seed { clients: CLIENTS, apis: 20, grants: 2_000 },
        // The bench measures the handlers, not the (default) rate limit.
        mgmt_rate_limit: None,
        ..SandboxConfig::default()
    })
    .await
    .expect("sandbox starts");
    let seed_time = seed_started.elapsed();
    let http = reqwest::Client::new();
    let token = sb.management_token().expect("management token");

    let cases = [
        ("GET /api/v2/clients (first page, 50)", "/api/v2/clients?per_page=50".to_string()),
        (
            "GET /api/v2/clients (page 60 of 100, include_totals)",
            "/api/v2/clients?per_page=50&page=60&include_totals=true".to_string(),
        ),
        (
            "GET /api/v2/clients (per_page=100, app_type filter)",
            "/api/v2/clients?per_page=100&app_type=non_interactive".to_string(),
        ),
        ("GET /api/v2/clients (checkpoint, take=50)", "/api/v2/clients?take=50&from=2500".to_string()),
        ("GET /api/v2/client-grants (include_totals)", "/api/v2/client-grants?include_totals=true".to_string()),
    ];
    let mut rows = Vec::new();
    for (name, path) in &cases {
        let url = format!("{}{path}", sb.base_url());
        for _ in 0..20 {
            http.get(&url).bearer_auth(&token).send().await.unwrap().bytes().await.unwrap();
        }
        let mut times = Vec::with_capacity(ROUNDS);
        for _ in 0..ROUNDS {
            let t = Instant::now();
            let r = http.get(&url).bearer_auth(&token).send().await.unwrap();
            assert!(r.status().is_success(), "{path}: {}", r.status());
            r.bytes().await.unwrap();
            times.push(t.elapsed());
        }
        times.sort();
        rows.push(format!(
            "| {name} | {:.2} | {:.2} | {:.2} | {:.2} |",
            percentile(&times, 0.5),
            percentile(&times, 0.95),
            percentile(&times, 0.99),
            times.last().unwrap().as_secs_f64() * 1000.0
        ));
    }
    let report = format!(
        "# Sandbox benchmark\n\n{CLIENTS} clients, 20 APIs, 2,000 grants seeded (in memory) in {:.2} s. \
         Each case: {ROUNDS} sequential requests over HTTP on loopback after 20 warm-up requests, \
         timed from send to the last body byte. Target: a list page under 10 ms.\n\n\
         | request | p50 ms | p95 ms | p99 ms | max ms |\n| --- | --- | --- | --- | --- |\n{}\n\n\
         Resident memory of the process after the run: {} MiB.\n",
        seed_time.as_secs_f64(),
        rows.join("\n"),
        rss_mib().map_or("unknown".into(), |m| format!("{m:.1}")),
    );
    if let Some(dir) = std::path::Path::new(&out).parent() {
        std::fs::create_dir_all(dir).unwrap();
    }
    std::fs::write(&out, &report).unwrap();
    print!("{report}");
    eprintln!("report written to {out}");
    sb.shutdown().await;
}
