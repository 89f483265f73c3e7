//! The one exporter of the IPC contract:
//! `grantsmith-bindings <types dir> <commands.ts> <capability.json>`.
//! `cargo xtask bindings` runs it into `ui/src/bindings/`, `ui/src/ipc/commands.ts` and
//! `src-tauri/capabilities/main.json`.

use std::path::PathBuf;

use grantsmith_core::bindings::{Targets, export_all};

fn main() {
    let paths: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let [types, wrappers, capability] = paths.as_slice() else {
        eprintln!("usage: grantsmith-bindings <types dir> <commands.ts> <capability.json>");
        std::process::exit(2);
    };
    if let Err(e) = export_all(&Targets { types, wrappers, capability }) {
        eprintln!("exporting the IPC contract failed: {e}");
        std::process::exit(1);
    }
}
