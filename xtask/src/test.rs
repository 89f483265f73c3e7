//! `cargo xtask test`: every layer CI checks, in order, with a summary at the end.
//!
//! Steps after a failed one still run when they do not depend on it, so one run reports
//! everything that is wrong. Tests that need the OS keychain or a display run inside a
//! private D-Bus session with an unlocked gnome-keyring, and under Xvfb.

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use crate::{cmd, setup};

struct Outcome {
    name: &'static str,
    result: crate::Result,
    took: Duration,
}

pub fn all(quick: bool) -> crate::Result {
    let started = Instant::now();
    if quick {
        setup::all()?
    } else {
        setup::for_tests()?
    }
    let mut done: Vec<Outcome> = Vec::new();
    let mut step = |name: &'static str, f: &dyn Fn() -> crate::Result| {
        eprintln!("\n=== {name} ===");
        let t = Instant::now();
        let result = f();
        if let Err(e) = &result {
            eprintln!("--- {name} FAILED: {e}");
        }
        done.push(Outcome { name, result, took: t.elapsed() });
        done.last().is_some_and(|o| o.result.is_ok())
    };

    step("rustfmt", &|| cmd::run(cmd::cargo(&["fmt", "--all", "--check"])));
    step("tsc --noEmit", &|| cmd::run(cmd::npm(&["run", "--silent", "typecheck"])));
    step("eslint", &|| cmd::run(cmd::npm(&["run", "--silent", "lint"])));
    step("prettier", &|| cmd::run(cmd::npm(&["run", "--silent", "format:check"])));
    step("knip", &|| cmd::run(cmd::npm(&["run", "--silent", "knip"])));
    step("vitest", &|| cmd::run(cmd::npm(&["run", "--silent", "test"])));
    step("audit", &audit);
    // The shell embeds ui/dist at compile time, so clippy and tests of it need the UI built.
    if step("build ui", &|| cmd::run(cmd::npm(&["run", "--silent", "build"]))) {
        step("clippy", &|| cmd::run(cmd::cargo(&["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"])));
        step("rust tests", &|| {
            let tools = setup::test_tools()?;
            // Every test binary runs even after one fails: one run reports everything wrong.
            let mut c = cmd::cargo(&RUST_TESTS);
            c.args(["--no-fail-fast", "--", "--include-ignored"]);
            with_test_tools(&mut c, &tools);
            cmd::run(in_keyring_session(c)?)
        });
        step("bindings drift", &bindings_drift);
        if !quick {
            step("e2e", &e2e);
        }
    }

    eprintln!("\n=== summary ({}s) ===", started.elapsed().as_secs());
    for o in &done {
        let verdict = if o.result.is_ok() { "ok    " } else { "FAILED" };
        eprintln!("{verdict}  {:<16} {:>5.1}s", o.name, o.took.as_secs_f64());
    }
    let failed: Vec<&str> = done.iter().filter(|o| o.result.is_err()).map(|o| o.name).collect();
    if failed.is_empty() { Ok(()) } else { Err(format!("failed: {}", failed.join(", "))) }
}

/// Where the Rust tests find the tools `setup::test_tools` installed (quickstart runtimes,
/// auth0-deploy-cli).
pub(crate) fn with_test_tools(c: &mut Command, tools: &setup::TestTools) {
    c.env("GRANTSMITH_QS_PYTHON", &tools.python)
        .env("GRANTSMITH_QS_NODE_MODULES", &tools.node_modules)
        .env("GRANTSMITH_DEPLOY_CLI", &tools.deploy_cli)
        .env("GRANTSMITH_QS_GO", &tools.go);
}

pub fn e2e_only(filters: &[&str]) -> crate::Result {
    setup::for_tests()?;
    e2e_filtered(filters)
}

/// Builds the app once (UI embedded), then drives it through tauri-driver under Xvfb.
fn e2e() -> crate::Result {
    e2e_filtered(&[])
}

/// The end-to-end tests whose names contain any of `filters` (all when empty).
pub fn e2e_filtered(filters: &[&str]) -> crate::Result {
    crate::build_app()?;
    let driver = setup::tauri_driver()?;
    let mut c = cmd::cargo(&["test", "-p", "grantsmith-e2e", "--"]);
    c.args(filters).arg("--test-threads=1");
    c.env("GRANTSMITH_E2E_APP", cmd::root().join("target/debug/grantsmith"))
        .env("GRANTSMITH_E2E_DRIVER", driver)
        .env("NO_AT_BRIDGE", "1");
    cmd::run(in_keyring_session(under_xvfb(c))?)
}

/// Wraps `c` in `dbus-run-session` with a freshly unlocked gnome-keyring (Linux), so the
/// keychain tests use a real Secret Service that is not the developer's own keyring.
pub(crate) fn in_keyring_session(c: Command) -> crate::Result<Command> {
    if !cfg!(target_os = "linux") {
        return Ok(c);
    }
    let keyring_home: PathBuf = cmd::root().join(format!("target/xtask/keyring-{}", std::process::id()));
    std::fs::create_dir_all(&keyring_home).map_err(|e| format!("creating {}: {e}", keyring_home.display()))?;
    let mut wrapped = cmd::new("dbus-run-session");
    wrapped
        .args(["--", "sh", "-c"])
        .arg(
            "printf test | XDG_DATA_HOME=\"$GRANTSMITH_KEYRING_HOME\" \
             gnome-keyring-daemon --unlock --components=secrets >/dev/null || exit 1; exec \"$@\"",
        )
        .arg("keyring-session")
        .arg(c.get_program())
        .args(c.get_args())
        .env("GRANTSMITH_KEYRING_HOME", &keyring_home);
    copy_env(&c, &mut wrapped);
    Ok(wrapped)
}

pub(crate) fn under_xvfb(c: Command) -> Command {
    if !cfg!(target_os = "linux") {
        return c;
    }
    let mut wrapped = cmd::new("xvfb-run");
    wrapped.args(["-a", "-s", "-screen 0 1280x860x24"]).arg(c.get_program()).args(c.get_args());
    copy_env(&c, &mut wrapped);
    wrapped
}

fn copy_env(from: &Command, to: &mut Command) {
    for (k, v) in from.get_envs() {
        match v {
            Some(v) => to.env(k, v),
            None => to.env_remove(k),
        };
    }
    if let Some(dir) = from.get_current_dir() {
        to.current_dir(dir);
    }
}

/// Cargo.lock against the offline RustSec database (`grantsmith-audit`; accepted advisories
/// and why in `xtask/audit/accepted.toml`). The database is the steering side's snapshot beside
/// the repository (`../shared/advisory-db`), or `GRANTSMITH_ADVISORY_DB`; nothing is fetched.
/// npm's audit endpoint is not reachable from these machines, so the UI's packages are not
/// audited (README).
pub fn audit() -> crate::Result {
    let root = cmd::root();
    let db = std::env::var_os("GRANTSMITH_ADVISORY_DB")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("../shared/advisory-db"));
    if !db.join("crates").is_dir() {
        return Err(format!(
            "no RustSec advisory database at {} (set GRANTSMITH_ADVISORY_DB to a copy of rustsec/advisory-db)",
            db.display()
        ));
    }
    let mut c = cmd::cargo(&["run", "--quiet", "-p", "grantsmith-audit", "--"]);
    c.arg(&db).arg(root.join("Cargo.lock")).arg(root.join("xtask/audit/accepted.toml"));
    cmd::run(c)
}

/// The Rust tests: every workspace crate but the e2e suite (its own step).
const RUST_TESTS: [&str; 4] = ["test", "--workspace", "--exclude", "grantsmith-e2e"];

/// Regenerates the IPC contract (types, command wrappers, capability) from scratch and
/// requires git to see no difference (catches changed, new and deleted files alike).
/// Runs the generator the Rust tests' build made (cargo builds a crate's binaries for its
/// integration tests, with the tests' features), after it: `cargo run -p grantsmith-core`
/// resolves features for that crate alone, so it was a separate build of core and its
/// dependencies — 126–140 s of the suite on this machine.
fn bindings_drift() -> crate::Result {
    let mut build = cmd::cargo(&RUST_TESTS);
    build.arg("--no-run");
    cmd::run(build)?;
    crate::regenerate_contract(cmd::new(cmd::root().join("target/debug/grantsmith-bindings")))?;
    let mut c = cmd::new("git");
    c.args(["status", "--porcelain", "--"]).args(crate::CONTRACT);
    let changes = cmd::output(c)?;
    if changes.trim().is_empty() {
        Ok(())
    } else {
        Err(format!(
            "the IPC contract is out of date with the Rust types or the command list:\n{changes}\
             Run `cargo xtask bindings` and commit the result."
        ))
    }
}
