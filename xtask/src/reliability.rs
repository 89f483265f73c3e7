//! `cargo xtask reliability`: runs every proof of the change engine's guarantees and writes
//! `docs/RELIABILITY.md` — each figure with the command that produced it.
//!
//! Owns the list of proofs and the report's shape; the proofs themselves are tests in the
//! crates and in the end-to-end suite (`cargo xtask test` runs all of them, the fault matrix
//! in its reduced form).

use std::time::Instant;

use crate::threats::{self, THREATS};
use crate::{cmd, setup, test};

struct Proof {
    what: &'static str,
    /// The command as a reader would type it.
    command: String,
    passed: bool,
    seconds: f64,
}

fn prove(what: &'static str, c: std::process::Command, shown: &str) -> Proof {
    let started = Instant::now();
    let passed = cmd::run(c).is_ok();
    Proof { what, command: shown.to_string(), passed, seconds: started.elapsed().as_secs_f64() }
}

fn cargo_test(args: &[&str]) -> (std::process::Command, String) {
    let mut all = vec!["test"];
    all.extend_from_slice(args);
    (cmd::cargo(&all), format!("cargo {}", all.join(" ")))
}

pub fn all() -> crate::Result {
    setup::for_tests()?;
    let matrix = cmd::root().join("target/reliability/matrix.md");
    std::fs::create_dir_all(matrix.parent().unwrap()).map_err(|e| e.to_string())?;
    let mut proofs = Vec::new();
    let tools = setup::test_tools();

    let (mut c, shown) = cargo_test(&["-p", "grantsmith-core", "--test", "reliability", "--", "--nocapture"]);
    c.env("GRANTSMITH_RELIABILITY", "full").env("GRANTSMITH_RELIABILITY_REPORT", &matrix);
    proofs.push(prove(
        "Fault matrix: every remote step × {503 once, 503 ×3, 429 ×5, drop before processing, drop after commit, \
         delay past the client timeout, 500 once}; completes, or stops resumable and completes on resume",
        c,
        &format!("GRANTSMITH_RELIABILITY=full {shown}"),
    ));
    for (what, args) in [
        (
            "Concurrency and policy: two resumes of one run at once, in one process and in two app processes on \
             one data folder (one refused by the lease), resume/undo on the run's own \
             tenant, production confirmation for apply/resume/undo/fix, an API made by someone else never adopted \
             or undone, scopes granted meanwhile kept, no second create inside the settle window",
            &["-p", "grantsmith-core", "--test", "engine", "--test", "two_processes"][..],
        ),
        (
            "A setup creating both application and API is applied in two dependent round trips with no read first; \
             an API created between review and apply is refused by its own create (409), never adopted, and the run \
             undoes cleanly",
            &["-p", "grantsmith-core", "--test", "wizard"],
        ),
        (
            "Carrying a setup: promote onto an empty production tenant (typed name, the person's word, new secret) \
             and onto one that has part of it (reused, nothing duplicated or taken away; a stale review writes \
             nothing; a target of 1,000 applications listed once per dialog and again, live, to apply; the source \
             setup read once per dialog and again to apply — changed meanwhile, it is not carried as reviewed); \
             drift re-applied and accepted; the journal after every kind of change; exports parsed by hcl-rs and a \
             YAML parser against checked-in files and for any tenant text; auth0-deploy-cli imports the YAML, \
             hostile names included, into a fresh tenant behind TLS and makes the original setup",
            &[
                "-p",
                "grantsmith-core",
                "--test",
                "carry",
                "--test",
                "export",
                "--test",
                "deploy_cli",
                "--",
                "--include-ignored",
            ],
        ),
        ("Lease: expiry, takeover, a dead owner's lease free at once", &["-p", "grantsmith-core", "--lib", "lease"]),
        (
            "Bad input: property tests (10,000 cases each) over every validator, the JWT/JWKS decoders and each \
             command's JSON input — 0 panics; every rejection names its field",
            &["-p", "grantsmith-core", "--test", "bad_input"],
        ),
        (
            "Journal decoding: unknown kinds and statuses are errors, never guesses (10,000 cases)",
            &["-p", "grantsmith-core", "--lib", "journal"],
        ),
        (
            "Transport: a self-signed certificate refused in words before anything is sent; http refused for \
             non-loopback hosts; no system proxy for the loopback sandbox",
            &["-p", "grantsmith-auth0", "--test", "tls", "--test", "proxy"],
        ),
        (
            "Storage: a corrupt database, one from a newer version, and a read-only data folder are each reported \
             in words and left byte-for-byte untouched",
            &["-p", "grantsmith-core", "--lib", "store::"],
        ),
        (
            "Profiles: a changed domain needs the secret again (never sent to the new host); no keychain entry left \
             behind",
            &["-p", "grantsmith-core", "--test", "profiles"],
        ),
    ] {
        let (mut c, shown) = cargo_test(args);
        if let Ok(tools) = &tools {
            test::with_test_tools(&mut c, tools);
        }
        proofs.push(prove(what, c, &shown));
    }
    let started = Instant::now();
    let e2e = test::e2e_filtered(&[
        "killed_mid_step",
        "injected_inline",
        "without_a_keychain",
        "the_full_wizard",
        "doctor_fixes",
        "resumed_from_history",
        "each_need_the_typed_name",
        "second_launch",
        "exported_promoted",
    ]);
    proofs.push(Proof {
        what: "In the real window: the app killed (SIGKILL) mid-step at each step, restarted and resumed to \
               exactly the plan; a second launch hands over to the first and exits (single instance); on production the \
               wizard and a resume each need the typed name; injected inline script and a fetch elsewhere blocked by the CSP; without a \
               keychain a session-only tenant works and no secret reaches the disk; after the wizard and the token \
               screen no secret or token in the database, its WAL or the log, and in everything Rust sent to the \
               webview no secret, and tokens only in the test-token reports the user asked for",
        command: "cargo xtask e2e (tests crash, single_instance, production, shell, profiles, wizard, token, carry)".into(),
        passed: e2e.is_ok(),
        seconds: started.elapsed().as_secs_f64(),
    });

    let mut out = String::from(
        "# Reliability\n\nWritten by `cargo xtask reliability`. Every row is a test that can fail; `cargo xtask test` \
         runs all of them (the fault matrix in its reduced form, the three creates).\n\n\
         | proof | command | result | seconds |\n| --- | --- | --- | --- |\n",
    );
    for p in &proofs {
        out.push_str(&format!(
            "| {} | `{}` | {} | {:.0} |\n",
            p.what,
            p.command,
            if p.passed { "passed" } else { "FAILED" },
            p.seconds
        ));
    }
    out.push_str(&security(&tools));
    let matrix = std::fs::read_to_string(&matrix).unwrap_or_else(|_| "The fault matrix wrote no report.\n".into());
    out.push('\n');
    out.push_str(&matrix.replacen("# Reliability", "## Fault matrix", 1));
    let report = cmd::root().join("docs/RELIABILITY.md");
    std::fs::write(&report, &out).map_err(|e| format!("writing {}: {e}", report.display()))?;
    eprintln!("wrote {}", report.display());
    // Every row of both tables, the proofs' and the threats'.
    let failed = out.matches("| FAILED |").count();
    if failed == 0 { Ok(()) } else { Err(format!("{failed} proof(s) failed; see docs/RELIABILITY.md")) }
}

/// The security section: each threat, what stops it, its proof run now.
fn security(tools: &crate::Result<setup::TestTools>) -> String {
    let mut out = String::from(
        "\n## Security\n\nWhat the page, the tenant or another program could do, what stops it, and the tests that prove it \
         (run now). `src-tauri/SECURITY.md` says what a compromised page can still do.\n\n\
         | threat | what stops it | proof | result |\n| --- | --- | --- | --- |\n",
    );
    for t in THREATS {
        let (passed, shown) = match t.proof {
            threats::Proof::Cargo(args) => {
                let (mut c, shown) = cargo_test(args);
                if let Ok(tools) = tools {
                    test::with_test_tools(&mut c, tools);
                }
                (cmd::run(c).is_ok(), shown)
            }
            threats::Proof::E2e(filters) => {
                (test::e2e_filtered(filters).is_ok(), format!("cargo xtask e2e {}", filters.join(" ")))
            }
            threats::Proof::Audit => (test::audit().is_ok(), "cargo xtask test (step audit)".into()),
        };
        let result = if passed { "passed" } else { "FAILED" };
        out.push_str(&format!("| {} | {} | `{shown}` | {result} |\n", t.threat, t.stopped_by));
    }
    out
}
