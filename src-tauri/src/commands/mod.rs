//! Tauri commands, one module per domain. Each is a thin adapter: take state and a DTO,
//! call grantsmith-core, return its result or an `IpcError`.

pub mod app;
pub mod settings;
