//! Tenant profiles: the model and its input rules, their rows in SQLite, and the
//! Management API permissions a profile's management client needs.

pub mod destination;
pub mod model;
pub mod permissions;
pub mod repo;

pub use model::{Environment, InputCheck, Profile, ProfileInput, ProfileKind, SecretStorage};
pub use permissions::{ConnectionReport, PERMISSIONS, PermissionCheck};
pub use repo::{ProfileRow, SANDBOX_ID};
