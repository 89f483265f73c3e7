//! grantsmith-auth0: a typed client for Auth0's Authentication API and Management API v2,
//! written from the wire contract (shared/reference/auth0-wire-contract.md).
//!
//! Deliberately shares no request/response types with grantsmith-sandbox: the two are
//! independent implementations of one contract, checked against each other in tests.

mod client;
mod error;
mod sensitive;
pub mod tenant_url;
mod transport;
pub mod types;

pub use client::{Auth0Client, MAX_PAGES, TokenRequest};
pub use error::Auth0Error;
pub use sensitive::Sensitive;
pub use tenant_url::{TenantUrl, TenantUrlError};
pub use transport::{ClientOptions, MAX_BODY_BYTES, RetryPolicy};
