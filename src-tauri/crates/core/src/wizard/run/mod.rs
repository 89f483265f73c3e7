//! Executing a journaled run: each step written before and after its remote call; the
//! application and the API at the same time; creates made safe to resume. An earlier
//! attempt is looked for only when it may have reached Auth0 (`reached`), and what is
//! found is adopted as "ours" only when it is unmistakably what that attempt sent: the
//! application by the run's marker in `client_metadata`, the API by its identifier *and*
//! the fields we sent, the grant by (client, audience) and the scopes we sent.
//!
//! Lists Auth0 replaces wholesale (an API's scopes, a grant's scopes) are changed by
//! difference against a fresh read and re-read afterwards, so a concurrent edit is kept or
//! reported, never silently overwritten. Policy, leases and which tenant a run belongs to
//! are the engine's business (`crate::change`), not this module's.
//!
//! The steps themselves live beside this file: `application`, `api`, `grant`.

mod api;
mod application;
mod grant;

use grantsmith_auth0::{Auth0Client, Auth0Error};

use super::journal::{Recorded, RunStatus, RunStep, RunView, StepStatus, StepUpdate};
use super::plan::{Phase, StepKind, identifier_of};
use super::spec::WizardSpec;
use crate::Store;
use crate::error::{ErrorKind, IpcError, from_auth0};
use crate::token::TokenCache;

/// The `client_metadata` key that ties an application to the run that created it.
pub const RUN_MARKER: &str = "grantsmith_run";

pub type OnUpdate<'a> = &'a (dyn Fn(&RunView) + Send + Sync);

/// A failed step: the error for the admin, whether the attempt may have reached Auth0, and
/// whether its answer was lost (so Auth0 may still be applying it).
struct StepError {
    error: IpcError,
    reached: bool,
    answer_lost: bool,
}

impl From<IpcError> for StepError {
    fn from(error: IpcError) -> Self {
        StepError { error, reached: false, answer_lost: false }
    }
}

impl From<crate::StoreError> for StepError {
    fn from(e: crate::StoreError) -> Self {
        IpcError::from(e).into()
    }
}

/// Auth0's error, and whether the request may have been applied: a lost answer or a 5xx
/// to a write leaves it unknown; a 4xx or a refused connection means it was not. Only a
/// lost answer may still be landing: a 5xx was Auth0's last word on it.
fn auth0(e: Auth0Error) -> StepError {
    let answer_lost = matches!(e, Auth0Error::Network { maybe_applied: true, .. });
    let reached = answer_lost || matches!(e, Auth0Error::Server { .. });
    StepError { error: from_auth0(e), reached, answer_lost }
}

/// A create whose answer was lost and whose object is not there (yet).
fn lost(what: &str, message: &str) -> StepError {
    StepError { error: maybe_created(what, message), reached: true, answer_lost: true }
}

type StepResult<T> = Result<T, StepError>;

/// What a step produced.
struct Outcome {
    object_id: Option<String>,
    created: bool,
}

pub(crate) struct Executor<'a> {
    pub store: &'a Store,
    pub client: &'a Auth0Client,
    /// Where the secret of an application this run creates is kept for its first test
    /// token, and the run's profile.
    pub secrets: Option<(&'a TokenCache, &'a str)>,
    pub run_id: String,
    pub spec: WizardSpec,
    pub on_update: OnUpdate<'a>,
    /// How long after a create that may have reached Auth0 a resume waits before it
    /// concludes the create did not happen (a late commit must not meet a second create).
    pub settle_secs: i64,
    pub now: fn() -> i64,
}

pub(crate) fn load(store: &Store, run_id: &str) -> Result<RunView, IpcError> {
    store.run(run_id)?.ok_or_else(|| IpcError::new(ErrorKind::NotFound, format!("Setup run {run_id} not found.")))
}

fn maybe_created(what: &str, message: &str) -> IpcError {
    IpcError::new(
        ErrorKind::Network,
        format!(
            "{message} Auth0 may still create the {what}: Resume looks for it before creating it again, so nothing is duplicated."
        ),
    )
}

impl Executor<'_> {
    fn view(&self) -> Result<RunView, IpcError> {
        load(self.store, &self.run_id)
    }

    pub(crate) fn notify(&self) {
        if let Ok(v) = self.view() {
            (self.on_update)(&v);
        }
    }

    fn record(&self, what: Recorded<'_>) -> Result<(), IpcError> {
        Ok(self.store.record_on_run(&self.run_id, what)?)
    }

    async fn run_steps(&self, steps: Vec<RunStep>) -> bool {
        for step in steps {
            if step.status == StepStatus::Done {
                continue;
            }
            // A step left running (the app died mid-call) or failed after reaching Auth0
            // may have made its object; anything else certainly did not.
            let attempted = step.status == StepStatus::Running || (step.status == StepStatus::Failed && step.reached);
            let running = StepUpdate {
                reached: attempted,
                answer_lost: step.answer_lost,
                ..StepUpdate::status(StepStatus::Running)
            };
            if self.store.set_step(&self.run_id, step.idx, running).is_err() {
                return false;
            }
            self.notify();
            let result = self.execute(&step, attempted).await;
            let saved = match &result {
                Ok(o) => self.store.set_step(
                    &self.run_id,
                    step.idx,
                    StepUpdate {
                        object_id: o.object_id.as_deref(),
                        created: o.created,
                        ..StepUpdate::status(StepStatus::Done)
                    },
                ),
                Err(e) => self.store.set_step(
                    &self.run_id,
                    step.idx,
                    StepUpdate {
                        error: Some(&e.error.message),
                        reached: attempted || e.reached,
                        answer_lost: e.answer_lost,
                        ..StepUpdate::status(StepStatus::Failed)
                    },
                ),
            };
            self.notify();
            if result.is_err() || saved.is_err() {
                return false;
            }
        }
        true
    }

    async fn execute(&self, step: &RunStep, attempted: bool) -> StepResult<Outcome> {
        match step.kind {
            StepKind::CreateApplication => self.create_application(step, attempted).await,
            StepKind::ReuseApplication => {
                let id = self.existing_client_id()?;
                self.record(Recorded::Client(&id))?;
                Ok(Outcome { object_id: Some(id), created: false })
            }
            StepKind::EnableClientCredentials => self.enable_client_credentials().await,
            StepKind::CreateApi => self.create_api(step, attempted).await,
            StepKind::ReuseApi => {
                let api = self.client.get_resource_server(&identifier_of(&self.spec)).await.map_err(auth0)?;
                self.record(Recorded::Api { id: &api.id, identifier: &api.identifier })?;
                Ok(Outcome { object_id: Some(api.id), created: false })
            }
            StepKind::AddScopes => {
                let api = self.merge_scopes().await?;
                Ok(Outcome { object_id: Some(api.id), created: false })
            }
            StepKind::CreateGrant | StepKind::UpdateGrant | StepKind::ReuseGrant => self.grant(step, attempted).await,
        }
    }

    /// A create that may still land (its answer was lost, or the app stopped mid-call) and
    /// left nothing to find yet: too soon to conclude it did not happen?
    fn too_soon(&self, step: &RunStep, what: &str) -> StepResult<()> {
        if !(step.answer_lost || step.status == StepStatus::Running) {
            return Ok(());
        }
        let wait = step.updated_at + self.settle_secs - (self.now)();
        if wait > 0 {
            return Err(StepError {
                error: IpcError::new(
                    ErrorKind::Network,
                    format!(
                        "The earlier attempt to create the {what} may still be finishing at Auth0. Nothing was sent; Resume again in {wait} s."
                    ),
                ),
                reached: true,
                answer_lost: true,
            });
        }
        Ok(())
    }

    /// Runs every step that is not done: application ∥ API, then the grant.
    pub async fn execute_all(&self) -> Result<RunView, IpcError> {
        let steps = self.view()?.steps;
        let of = |p: Phase| steps.iter().filter(|s| s.kind.phase() == p).cloned().collect::<Vec<_>>();
        self.store.set_run_status(&self.run_id, RunStatus::Running)?;
        let (app_ok, api_ok) = tokio::join!(self.run_steps(of(Phase::App)), self.run_steps(of(Phase::Api)));
        let ok = app_ok && api_ok && self.run_steps(of(Phase::Grant)).await;
        self.store.set_run_status(&self.run_id, if ok { RunStatus::Done } else { RunStatus::Failed })?;
        if ok {
            let profile = self.view()?.profile_id;
            self.store.clear_draft(&profile)?;
        }
        self.notify();
        self.view()
    }

    /// Deletes what the run created (grant, API, application), newest first. Changes to
    /// objects that existed before the run are kept.
    pub async fn undo(&self) -> Result<RunView, IpcError> {
        let run = self.view()?;
        for step in run.steps.iter().rev().filter(|s| s.created && s.status == StepStatus::Done) {
            let Some(id) = step.object_id.as_deref() else { continue };
            let result = match step.kind {
                StepKind::CreateGrant => self.client.delete_client_grant(id).await,
                StepKind::CreateApi => self.client.delete_resource_server(id).await,
                StepKind::CreateApplication => self.client.delete_client(id).await,
                _ => Ok(()),
            };
            match result {
                Ok(()) | Err(Auth0Error::NotFound { .. }) => {
                    self.store.set_step(&self.run_id, step.idx, StepUpdate::status(StepStatus::Undone))?
                }
                Err(e) => {
                    let e = from_auth0(e);
                    let message = format!("Undo failed: {}", e.message);
                    let kept = StepUpdate { error: Some(&message), ..StepUpdate::status(StepStatus::Done) };
                    self.store.set_step(&self.run_id, step.idx, kept)?;
                    self.notify();
                    return Err(e);
                }
            }
            self.notify();
        }
        self.store.set_run_status(&self.run_id, RunStatus::Undone)?;
        self.notify();
        self.view()
    }
}
