//! The setup wizard: a spec (what the admin wants) → a plan (exact operations against the
//! tenant as it is) → a journaled, resumable, undoable run.

pub mod journal;
pub mod plan;
pub mod run;
pub mod spec;

pub use journal::{RunStatus, RunStep, RunView, StepStatus, WizardDraft};
pub use plan::{Plan, PlanStep, StepKind};
pub use spec::{ApiChoice, AppChoice, ScopeSpec, SigningAlg, SpecCheck, WizardSpec};
