//! The change engine: the one way Grantsmith writes to a tenant.
//!
//! Every change — a setup, its resume and undo, a token doctor's fix, and the day-two
//! change sets (access matrix, scope edits, grant deletion, secret rotation) — is planned
//! against the tenant as it is, reviewed, confirmed under the policy here, and applied
//! under a lease with a journal. New kinds of change add operations and their execution,
//! not new engines.
//!
//! - `engine`: the entry points for setups, resume, undo and fixes; binds each change to its profile.
//! - `sets`: the entry points for day-two change sets (`set` types, `planner`, `apply`, `journal`).
//! - `promotion`: a setup carried from the active tenant to another profile's, as a setup there.
//! - `policy`: what confirmation a change needs (production: the typed tenant name).
//! - `lease`: one executor per change subject, across windows and processes.
//! - `replan`: what changed on the tenant before a stopped run is resumed.

pub mod apply;
pub mod disclose;
pub mod engine;
pub mod journal;
pub mod lease;
pub mod planner;
pub mod policy;
pub mod promotion;
pub mod replan;
pub mod set;
pub mod sets;

pub use engine::{Engine, RunReview};
pub use set::{ChangeOutcome, ChangePlan, ChangeRequest};
