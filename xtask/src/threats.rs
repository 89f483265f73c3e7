//! The security section of `docs/RELIABILITY.md`: each threat, what stops it, and the test
//! that proves it — run by `cargo xtask reliability` like every other proof (and by
//! `cargo xtask test`, which runs all these tests).
//!
//! Owns the list; the proofs are tests in the crates and the end-to-end suite.

/// A threat, what stops it, and the command whose tests prove it (`cargo test …`, or `e2e`
/// with test-name filters).
pub struct Threat {
    pub threat: &'static str,
    pub stopped_by: &'static str,
    pub proof: Proof,
}

pub enum Proof {
    Cargo(&'static [&'static str]),
    E2e(&'static [&'static str]),
    /// The dependency audit itself (`cargo xtask test`'s audit step).
    Audit,
}

pub const THREATS: &[Threat] = &[
    Threat {
        threat: "A name or description on the tenant (line break, U+0085/U+2028, bidi control, `##KEY##`/`@@KEY@@`) turns an export into code: a `terraform_data` provisioner, a YAML `tenant:` block, a deploy-cli substitution of a secret",
        stopped_by: "Every string and header escaped in Rust (`carry/terraform.rs`, `carry/deploy_cli.rs`, `text.rs`); the second of two `#`/`@` written `\\x23`/`\\x40`",
        proof: Proof::Cargo(&[
            "-p",
            "grantsmith-core",
            "--test",
            "export",
            "--test",
            "deploy_cli",
            "--",
            "--include-ignored",
        ]),
    },
    Threat {
        threat: "A compromised page asks for secrets: `reveal_secret`/`test_token` on Grantsmith's own management client, Management API access in `plan_change`/`wizard_plan`, rotation or deletion of the own client",
        stopped_by: "Core refuses by field with the rule `protected` (`protected.rs`), whatever the page sends; the shell holds no client",
        proof: Proof::Cargo(&["-p", "grantsmith-core", "--test", "protected"]),
    },
    Threat {
        threat: "The same through the real IPC path (ACL included), plus `save_export` with an absolute path or `..`, `plugin:tray|new`, `plugin:image|from_path`, menus, window and event calls",
        stopped_by: "The capability grants our commands, clipboard writes and zoom only (no `core:default`); `save_export` takes a document name and renders it in Rust under a bare file name",
        proof: Proof::Cargo(&["-p", "grantsmith", "--bin", "grantsmith", "hostile_page"]),
    },
    Threat {
        threat: "A click or a typed tenant name in the page stands in for the person: reveal, rotation, a production write",
        stopped_by: "A native dialog raised by Rust (`confirm.rs`, `src-tauri/src/confirmation.rs`) is the last word; without it, or on Cancel, nothing is done",
        proof: Proof::Cargo(&["-p", "grantsmith-core", "--test", "engine", "--test", "day_two"]),
    },
    Threat {
        threat: "The page navigates the window (and its IPC bridge) to another site, or opens a new window",
        stopped_by: "`on_navigation` allows the app's own origin only; new windows refused (`navigation.rs`)",
        proof: Proof::E2e(&["a_navigation_or_a_new_window"]),
    },
    Threat {
        threat: "A secret shown once lingers: on the clipboard and in clipboard managers' history",
        stopped_by: "`copy_secret`: marked `x-kde-passwordManagerHint` (history exclusions on macOS and Windows), cleared after 30 s if still there; the native dialog before reveal",
        proof: Proof::E2e(&["a_secret_is_revealed_on_the_persons_word"]),
    },
    Threat {
        threat: "A management secret sent to a look-alike host or over cleartext http",
        stopped_by: "A connection test to a host that is not `*.auth0.com` (nor the profile's saved domain), or to plain http, asks natively first (`profiles/destination.rs`)",
        proof: Proof::Cargo(&["-p", "grantsmith-core", "--test", "profiles", "--lib", "destination"]),
    },
    Threat {
        threat: "A hostile tenant (or something posing as one) redirects, answers 2 GB, or pages forever",
        stopped_by: "Redirects not followed; bodies capped at 8 MB unread beyond; lists stop after 1,000 pages — each an error in words",
        proof: Proof::Cargo(&["-p", "grantsmith-auth0", "--test", "hostile_tenant"]),
    },
    Threat {
        threat: "Another user of the computer reads `sandbox.db` (the Sandbox's client secrets and signing key) or the journal",
        stopped_by: "Data folder 0700, every database file 0600, set at each start (`store/private.rs`)",
        proof: Proof::Cargo(&["-p", "grantsmith-core", "--lib", "store::"]),
    },
    Threat {
        threat: "Names that read as something else (bidi overrides, zero-width characters) and a 200,000-line scope paste",
        stopped_by: "`invalid_characters` by field for names, descriptions and tenant names; a paste over 1,000 lines refused (`too_many`) in one pass, off the main thread",
        proof: Proof::Cargo(&["-p", "grantsmith-core", "--lib", "--", "wizard::spec", "text::", "profiles::model"]),
    },
    Threat {
        threat: "A secret printed by `{:?}` into a log, a panic or a test failure; a typed secret kept in a query-cache key",
        stopped_by: "Types that carry a secret to the page print it `<redacted>` (checked field list, `redact.rs`); the profile form's check keys hold only whether a secret was typed",
        proof: Proof::Cargo(&["-p", "grantsmith-core", "--lib", "redact"]),
    },
    Threat {
        threat: "A web page in a browser on the same computer drives the standalone Sandbox's control routes (reset, faults)",
        stopped_by: "They need a Management API token of the tenant and a loopback `Host` (no DNS rebinding)",
        proof: Proof::Cargo(&["-p", "grantsmith-sandbox", "--test", "robustness", "control"]),
    },
    Threat {
        threat: "A dependency with a known vulnerability, unmaintained or unsound",
        stopped_by: "`grantsmith-audit` against the offline RustSec snapshot, each accepted advisory explained (`xtask/audit/accepted.toml`). npm packages are not audited: npm's audit endpoint is unreachable here",
        proof: Proof::Audit,
    },
];
