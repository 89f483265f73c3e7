//! The one exporter of the IPC contract (`grantsmith-bindings`, run by `cargo xtask
//! bindings`): every type that crosses IPC, and (`ipc`) the command wrappers and capability
//! made from the shell's command list. 64-bit integers become `number`: JSON over IPC never
//! carries a `bigint`.

mod ipc;

use std::path::Path;

use ts_rs::{Config, TS};

/// Where each part of the contract is written.
pub struct Targets<'a> {
    /// `ui/src/bindings`: one file per type.
    pub types: &'a Path,
    /// `ui/src/ipc/commands.ts`.
    pub wrappers: &'a Path,
    /// `src-tauri/capabilities/main.json`.
    pub capability: &'a Path,
}

pub fn export_all(to: &Targets) -> Result<(), String> {
    let cfg = Config::new().with_out_dir(to.types).with_large_int("number");
    export_types(&cfg).map_err(|e| format!("exporting types: {e}"))?;
    for (path, text) in [(to.wrappers, ipc::wrappers(&cfg)), (to.capability, ipc::capability(&cfg))] {
        std::fs::write(path, text).map_err(|e| format!("writing {}: {e}", path.display()))?;
    }
    Ok(())
}

/// The error every command may answer with, and every type the commands carry.
fn export_types(cfg: &Config) -> Result<(), ts_rs::ExportError> {
    crate::error::IpcError::export_all(cfg)?;
    ipc::export_types(cfg)
}
