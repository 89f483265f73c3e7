//! `grantsmith-audit <advisory-db> <Cargo.lock> <accepted.toml>`: every crate in the lock file
//! against an offline copy of the RustSec advisory database — vulnerabilities, and the
//! informational advisories (unmaintained, unsound) — with nothing fetched.
//!
//! An advisory that applies must be accepted in `accepted.toml` with the reason, or the
//! audit fails; an accepted advisory that no longer applies fails it too, so the list stays
//! what is true. Owns the verdict and its report; `cargo xtask test` decides when it runs.

use std::path::Path;
use std::process::ExitCode;

use rustsec::advisory::Informational;
use rustsec::report::{Report, Settings};
use rustsec::{Database, Lockfile};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Accepted {
    accepted: Vec<Acceptance>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Acceptance {
    id: String,
    #[serde(rename = "crate")]
    krate: String,
    why: String,
}

/// An advisory that applies to the lock file: id, crate and version, what it says.
struct Finding {
    id: String,
    krate: String,
    line: String,
}

fn findings(report: &Report) -> Vec<Finding> {
    let vulnerabilities = report.vulnerabilities.list.iter().map(|v| (&v.advisory, &v.package, "vulnerability"));
    let warnings = report
        .warnings
        .values()
        .flatten()
        .filter_map(|w| w.advisory.as_ref().map(|a| (a, &w.package, w.kind.as_str())));
    let mut out: Vec<Finding> = vulnerabilities
        .chain(warnings)
        .map(|(a, p, kind)| Finding {
            id: a.id.to_string(),
            krate: p.name.to_string(),
            line: format!("{} {} {} ({kind}): {}", a.id, p.name, p.version, a.title),
        })
        .collect();
    out.sort_by(|a, b| a.line.cmp(&b.line));
    out.dedup_by(|a, b| a.line == b.line);
    out
}

fn run(db: &Path, lock: &Path, accepted: &Path) -> Result<String, String> {
    let database = Database::open(db).map_err(|e| format!("the advisory database at {}: {e}", db.display()))?;
    let lockfile = Lockfile::load(lock).map_err(|e| format!("{}: {e}", lock.display()))?;
    let text = std::fs::read_to_string(accepted).map_err(|e| format!("{}: {e}", accepted.display()))?;
    let accepted: Accepted = toml::from_str(&text).map_err(|e| format!("{}: {e}", accepted.display()))?;
    let settings = Settings {
        informational_warnings: vec![Informational::Unmaintained, Informational::Unsound],
        ..Settings::default()
    };
    let found = findings(&Report::generate(&database, &lockfile, &settings));

    let mut problems = Vec::new();
    for f in &found {
        if !accepted.accepted.iter().any(|a| a.id == f.id && a.krate == f.krate) {
            problems.push(format!("not accepted: {}", f.line));
        }
    }
    for a in &accepted.accepted {
        if a.why.trim().is_empty() {
            problems.push(format!("{} ({}) is accepted without a reason", a.id, a.krate));
        }
        if !found.iter().any(|f| f.id == a.id && f.krate == a.krate) {
            problems.push(format!("{} ({}) is accepted but no longer applies: remove it", a.id, a.krate));
        }
    }
    let summary = format!(
        "{} crates checked against {} advisories; {} apply, all accepted with a reason",
        lockfile.packages.len(),
        database.iter().count(),
        found.len()
    );
    if problems.is_empty() { Ok(summary) } else { Err(problems.join("\n")) }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [db, lock, accepted] = args.as_slice() else {
        eprintln!("usage: grantsmith-audit <advisory-db> <Cargo.lock> <accepted.toml>");
        return ExitCode::from(2);
    };
    match run(Path::new(db), Path::new(lock), Path::new(accepted)) {
        Ok(summary) => {
            println!("{summary}");
            ExitCode::SUCCESS
        }
        Err(problems) => {
            eprintln!("{problems}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    /// A one-advisory database (a copy of the real one's entry) and a lock file it applies to.
    fn fixture(name: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixture").join(name)
    }

    fn audit(accepted: &str) -> Result<String, String> {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("accepted.toml");
        std::fs::write(&file, accepted).unwrap();
        super::run(&fixture("db"), &fixture("Cargo.lock"), &file)
    }

    const ACCEPTED: &str =
        "[[accepted]]\nid = \"RUSTSEC-2024-0370\"\ncrate = \"proc-macro-error\"\nwhy = \"build-time only\"\n";

    #[test]
    fn an_advisory_that_applies_fails_the_audit_until_accepted_with_a_reason() {
        let e = audit("accepted = []").unwrap_err();
        assert!(e.contains("not accepted: RUSTSEC-2024-0370 proc-macro-error 1.0.4 (unmaintained)"), "{e}");
        assert_eq!(
            audit(ACCEPTED).unwrap(),
            "2 crates checked against 1 advisories; 1 apply, all accepted with a reason"
        );
        let e = audit(&ACCEPTED.replace("build-time only", " ")).unwrap_err();
        assert!(e.contains("accepted without a reason"), "{e}");
    }

    #[test]
    fn an_acceptance_that_no_longer_applies_fails_the_audit() {
        let stale = format!("{ACCEPTED}\n[[accepted]]\nid = \"RUSTSEC-2099-0001\"\ncrate = \"gone\"\nwhy = \"x\"\n");
        let e = audit(&stale).unwrap_err();
        assert_eq!(e, "RUSTSEC-2099-0001 (gone) is accepted but no longer applies: remove it");
    }
}
