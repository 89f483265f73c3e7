//! grantsmith-core: everything Grantsmith knows that is not a window.
//!
//! Owns the local store (SQLite), the secret store (OS keychain), and the DTOs and error
//! shape that cross IPC. Deliberately has no `tauri` dependency: the shell in `src-tauri`
//! only adapts these functions to commands, so all of this is testable with `cargo test`.

pub mod app_info;
pub mod apps;
pub mod bindings;
pub mod carry;
pub mod change;
pub mod clock;
pub mod confirm;
pub mod document;
pub mod error;
pub mod index;
pub mod journal;
pub mod pages;
pub mod profiles;
pub mod protected;
pub mod quickstart;
pub mod redact;
pub mod rule;
pub mod secrets;
pub mod settings;
pub mod store;
pub mod tenants;
pub mod text;
pub mod token;
pub mod wizard;

pub use error::{ErrorKind, IpcError};
pub use secrets::{Channel, KeychainStore, MemoryStore, SecretError, SecretStore, Sensitive};
pub use store::{Store, StoreError};
