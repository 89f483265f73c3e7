//! `grantsmith-sandbox`: run the Sandbox tenant as a process.
//!
//! Prints exactly one JSON line on stdout when ready (logs go to stderr) and stops cleanly
//! on SIGINT/SIGTERM.

use std::time::Duration;

use grantsmith_sandbox::{Sandbox, SandboxConfig};

const USAGE: &str = "usage: grantsmith-sandbox [--listen ADDR] [--allow-remote] [--data FILE] [--control]
                          [--latency-ms N] [--mgmt-rate-limit N]
                          [--seed-clients N] [--seed-apis N] [--seed-grants N]";

fn parse_args(args: &[String]) -> Result<SandboxConfig, String> {
    let mut c = SandboxConfig { listen: "127.0.0.1:4010".parse().expect("valid default"), ..SandboxConfig::default() };
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{flag} needs a value"));
        let number = |v: &str| v.parse::<u64>().map_err(|_| format!("{flag}: \"{v}\" is not a whole number"));
        match flag.as_str() {
            "--listen" => {
                let v = value()?;
                c.listen = v.parse().map_err(|_| format!("--listen: \"{v}\" is not an address like 127.0.0.1:4010"))?;
            }
            "--allow-remote" => c.allow_remote = true,
            "--data" => c.data = Some(value()?.into()),
            "--control" => c.control = true,
            "--latency-ms" => c.latency = Duration::from_millis(number(value()?)?),
            // 0: no limit (and no rate-limit headers).
            "--mgmt-rate-limit" => c.mgmt_rate_limit = Some(number(value()?)? as u32).filter(|n| *n > 0),
            "--seed-clients" => c.seed.clients = number(value()?)? as usize,
            "--seed-apis" => c.seed.apis = number(value()?)? as usize,
            "--seed-grants" => c.seed.grants = number(value()?)? as usize,
            "-h" | "--help" => return Err(USAGE.into()),
            other => return Err(format!("unknown option {other}\n{USAGE}")),
        }
    }
    Ok(c)
}

#[tokio::main]
async fn main() {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("GRANTSMITH_LOG").unwrap_or_else(|_| "info".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let config = parse_args(&args).unwrap_or_else(|e| {
        eprintln!("{e}");
        std::process::exit(2);
    });
    if config.allow_remote && !config.listen.ip().is_loopback() {
        tracing::warn!(listen = %config.listen, "listening beyond loopback: anyone who can reach this port can get a token with every Management API permission");
    }
    let sandbox = Sandbox::start(config).await.unwrap_or_else(|e| {
        eprintln!("grantsmith-sandbox: {e}");
        std::process::exit(1);
    });
    println!("{}", sandbox.ready_line());
    tracing::info!(base_url = %sandbox.base_url(), "sandbox tenant ready");

    stop_signal().await;
    tracing::info!("stopping");
    sandbox.shutdown().await;
}

#[cfg(unix)]
async fn stop_signal() {
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).expect("SIGTERM handler");
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = term.recv() => {}
    }
}

#[cfg(not(unix))]
async fn stop_signal() {
    let _ = tokio::signal::ctrl_c().await;
}
