//! `cargo xtask <command>`: how people and CI set up, run and check Grantsmith.
//!
//! Owns the order of things (install, build UI, build app, test layers) and the summary.
//! It shells out to cargo, npm and system tools; it holds no product logic.

mod bench;
mod cmd;
mod packages;
mod release;
mod reliability;
mod setup;
mod test;
mod threats;

use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask <command>

  setup      install what is missing (apt packages when root, npm ci, tauri-driver)
  run        set up, build the UI and the app, and open Grantsmith
  test       everything CI checks; prints a summary, non-zero on any failure
             --quick   skip the end-to-end suite
  e2e        only the end-to-end suite (builds the app first); names filter tests
  bindings   regenerate the IPC contract: ui/src/bindings, ui/src/ipc/commands.ts, capabilities
  bench      measure (release builds) and write docs/BENCHMARKS.md: start, memory and size against a bare
             Tauri app, the tenant index, the Sandbox
  reliability  run every proof of the engine's guarantees, write docs/RELIABILITY.md
  build      build the UI and the app (debug, UI embedded)
  bundle     build the release .deb and .rpm (target/release/bundle/)
  release-check  bundle, check what the .deb and .rpm hold, install the .deb with apt, start it under Xvfb,
                 see its first screen, remove it
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("setup") => setup::all(),
        Some("run") => run(),
        Some("build") => setup::all().and_then(|_| build_app()),
        Some("test") => test::all(args.iter().any(|a| a == "--quick")),
        Some("e2e") => test::e2e_only(&args[1..].iter().map(String::as_str).collect::<Vec<_>>()),
        Some("bindings") => bindings(),
        Some("bench") => bench::all(),
        // Internal: the app launches of `bench`, run under Xvfb by it.
        Some("bench-apps") => bench::apps(),
        Some("bench-report") => bench::report(),
        Some("reliability") => reliability::all(),
        Some("bundle") => release::bundle(),
        Some("release-check") => release::check(),
        Some("-h" | "--help" | "help") => {
            print!("{USAGE}");
            Ok(())
        }
        _ => {
            eprint!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}

pub type Result<T = ()> = std::result::Result<T, String>;

fn run() -> Result {
    setup::all()?;
    build_app()?;
    if std::env::var_os("DISPLAY").is_none() && std::env::var_os("WAYLAND_DISPLAY").is_none() {
        return Err("no display (DISPLAY / WAYLAND_DISPLAY unset): Grantsmith is a desktop app; \
                    run this from a graphical session, or under `xvfb-run cargo xtask run`"
            .into());
    }
    cmd::run(cmd::new(cmd::root().join("target/debug/grantsmith")))
}

/// Builds ui/dist, then the app with the UI embedded (the `custom-protocol` default feature).
pub fn build_app() -> Result {
    cmd::run(cmd::npm(&["run", "build"]))?;
    cmd::run(cmd::cargo(&["build", "-p", "grantsmith"]))
}

/// What `grantsmith-bindings` writes, in the order it takes them: the types, the command
/// wrappers and the window's capability.
pub const CONTRACT: [&str; 3] = ["ui/src/bindings", "ui/src/ipc/commands.ts", "src-tauri/capabilities/main.json"];

pub fn bindings() -> Result {
    regenerate_contract(cmd::cargo(&["run", "--quiet", "-p", "grantsmith-core", "--bin", "grantsmith-bindings", "--"]))
}

/// Writes the contract from scratch with `generator` (a way to run `grantsmith-bindings`).
pub fn regenerate_contract(mut generator: std::process::Command) -> Result {
    let dir = cmd::root().join(CONTRACT[0]);
    if dir.exists() {
        std::fs::remove_dir_all(&dir).map_err(|e| format!("removing {}: {e}", dir.display()))?;
    }
    generator.args(CONTRACT.map(|p| cmd::root().join(p)));
    cmd::run(generator)
}
