//! The change engine: the one way Grantsmith writes to a tenant.
//!
//! Every change — a setup, its resume and undo, a token doctor's fix, and whatever later
//! features add — is planned against the tenant as it is, reviewed, confirmed under the
//! policy here, and applied step by step under a lease with a journal. New kinds of change
//! add step kinds (`wizard::plan::StepKind`) and their execution, not new engines.
//!
//! - `engine`: the entry points the shell calls; binds each change to its profile.
//! - `policy`: what confirmation a change needs (production: the typed tenant name).
//! - `lease`: one executor per run, across windows and processes.
//! - `replan`: what changed on the tenant before a stopped run is resumed.

pub mod engine;
pub mod lease;
pub mod policy;
pub mod replan;

pub use engine::{Engine, RunReview};
