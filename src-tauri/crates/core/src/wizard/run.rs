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

use grantsmith_auth0::types::{
    ClientGrant, ClientUpdate, NewClient, NewClientGrant, NewResourceServer, ResourceServer, ResourceServerUpdate,
    Scope,
};
use grantsmith_auth0::{Auth0Client, Auth0Error};
use serde_json::{Map, Value};

use super::journal::{Recorded, RunStatus, RunStep, RunView, StepStatus, StepUpdate};
use super::plan::{GrantChange, Phase, StepKind, identifier_of};
use super::spec::{ApiChoice, AppChoice, WizardSpec};
use crate::Store;
use crate::error::{ErrorKind, IpcError, from_auth0};

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

    pub fn notify_now(&self) {
        self.notify();
    }

    fn notify(&self) {
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

    fn existing_client_id(&self) -> Result<String, IpcError> {
        match &self.spec.app {
            AppChoice::Existing { client_id } => Ok(client_id.trim().to_string()),
            AppChoice::New { .. } => Err(IpcError::new(ErrorKind::Internal, "This run creates its application.")),
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

    /// The application this run created, found by its marker.
    async fn find_marked_client(&self) -> StepResult<Option<String>> {
        let apps = self.client.list_clients(Some("non_interactive"), &mut |_| {}).await.map_err(auth0)?;
        Ok(apps
            .into_iter()
            .find(|c| c.client_metadata.get(RUN_MARKER).and_then(Value::as_str) == Some(self.run_id.as_str()))
            .map(|c| c.client_id))
    }

    async fn create_application(&self, step: &RunStep, attempted: bool) -> StepResult<Outcome> {
        let adopt = |id: String| -> StepResult<Outcome> {
            self.record(Recorded::Client(&id))?;
            Ok(Outcome { object_id: Some(id), created: true })
        };
        if attempted {
            if let Some(id) = self.find_marked_client().await? {
                return adopt(id);
            }
            self.too_soon(step, "application")?;
        }
        let AppChoice::New { name, description } = &self.spec.app else {
            return Err(IpcError::new(ErrorKind::Internal, "no new application in this run").into());
        };
        let mut metadata = Map::new();
        metadata.insert(RUN_MARKER.into(), Value::String(self.run_id.clone()));
        let new = NewClient {
            description: Some(description.trim().to_string()).filter(|d| !d.is_empty()),
            client_metadata: metadata,
            ..NewClient::machine_to_machine(name.trim())
        };
        match self.client.create_client(&new).await {
            Ok(c) => adopt(c.client_id),
            Err(Auth0Error::Network { maybe_applied: true, message }) => match self.find_marked_client().await? {
                Some(id) => adopt(id),
                None => Err(lost("application", &message)),
            },
            Err(e) => Err(auth0(e)),
        }
    }

    async fn enable_client_credentials(&self) -> StepResult<Outcome> {
        let id = self.existing_client_id()?;
        let c = self.client.get_client(&id).await.map_err(auth0)?;
        if !c.grant_types.iter().any(|g| g == "client_credentials") {
            let mut grant_types = c.grant_types.clone();
            grant_types.push("client_credentials".into());
            let update = ClientUpdate { grant_types: Some(grant_types), ..ClientUpdate::default() };
            self.client.update_client(&id, &update).await.map_err(auth0)?;
        }
        Ok(Outcome { object_id: Some(id), created: false })
    }

    fn scopes(&self) -> Vec<Scope> {
        self.spec
            .scopes
            .iter()
            .map(|s| Scope {
                value: s.value.trim().into(),
                description: Some(s.description.trim().to_string()).filter(|d| !d.is_empty()),
            })
            .collect()
    }

    async fn lookup_api(&self) -> StepResult<Option<ResourceServer>> {
        match self.client.get_resource_server(&identifier_of(&self.spec)).await {
            Ok(a) => Ok(Some(a)),
            Err(Auth0Error::NotFound { .. }) => Ok(None),
            Err(e) => Err(auth0(e)),
        }
    }

    /// Whether an API found by identifier is the one our create sent (name, algorithm,
    /// lifetime). Anything else was made by someone else and is never adopted.
    fn is_ours(&self, api: &ResourceServer) -> bool {
        let ApiChoice::New { name, signing_alg, token_lifetime, .. } = &self.spec.api else { return false };
        api.name.as_deref() == Some(name.trim())
            && api.signing_alg.as_deref() == Some(signing_alg.as_str())
            && api.token_lifetime == Some(*token_lifetime)
    }

    fn not_ours(&self, api: &ResourceServer) -> StepError {
        IpcError {
            kind: ErrorKind::Conflict,
            message: format!(
                "An API with the identifier {} now exists (“{}”) that this setup did not create. Nothing was adopted or \
                 changed. Undo this setup, or start again and choose “Use an existing API”.",
                api.identifier,
                api.name.clone().unwrap_or_default()
            ),
            field: Some("api.identifier".into()),
        }
        .into()
    }

    async fn create_api(&self, step: &RunStep, attempted: bool) -> StepResult<Outcome> {
        let adopt = |api: &ResourceServer| -> StepResult<Outcome> {
            self.record(Recorded::Api { id: &api.id, identifier: &api.identifier })?;
            Ok(Outcome { object_id: Some(api.id.clone()), created: true })
        };
        if attempted {
            match self.lookup_api().await? {
                Some(api) if self.is_ours(&api) => {
                    self.merge_scopes().await?;
                    return adopt(&api);
                }
                Some(api) => return Err(self.not_ours(&api)),
                None => self.too_soon(step, "API")?,
            }
        }
        let ApiChoice::New { name, identifier, signing_alg, token_lifetime } = &self.spec.api else {
            return Err(IpcError::new(ErrorKind::Internal, "no new API in this run").into());
        };
        let new = NewResourceServer {
            identifier: identifier.trim().into(),
            name: Some(name.trim().into()),
            signing_alg: Some(signing_alg.as_str().into()),
            token_lifetime: Some(*token_lifetime),
            scopes: self.scopes(),
        };
        match self.client.create_resource_server(&new).await {
            Ok(api) => adopt(&api),
            // Someone created it after the review: theirs, never adopted as ours.
            Err(Auth0Error::Conflict { .. }) => match self.lookup_api().await? {
                Some(api) => Err(self.not_ours(&api)),
                None => {
                    Err(IpcError::new(ErrorKind::Conflict, "Auth0 reports an API that cannot be found; try again.")
                        .into())
                }
            },
            Err(Auth0Error::Network { maybe_applied: true, message }) => match self.lookup_api().await? {
                Some(api) if self.is_ours(&api) => adopt(&api),
                Some(api) => Err(self.not_ours(&api)),
                None => Err(lost("API", &message)),
            },
            Err(e) => Err(auth0(e)),
        }
    }

    /// Adds our scopes to the API's (Auth0's PATCH replaces the list): read just before
    /// writing, keep everything the API has, add ours, then read again to see that the
    /// list is what we wrote — a concurrent edit in between is reported, not hidden.
    async fn merge_scopes(&self) -> StepResult<ResourceServer> {
        let api = self.lookup_api().await?.ok_or_else(|| {
            IpcError::new(ErrorKind::NotFound, format!("The API {} no longer exists.", identifier_of(&self.spec)))
        })?;
        let mut merged = api.scopes.clone();
        for s in self.scopes() {
            if !merged.iter().any(|m| m.value == s.value) {
                merged.push(s);
            }
        }
        if merged.len() == api.scopes.len() {
            self.record(Recorded::Api { id: &api.id, identifier: &api.identifier })?;
            return Ok(api);
        }
        let update = ResourceServerUpdate { scopes: Some(merged.clone()), ..ResourceServerUpdate::default() };
        self.client.update_resource_server(&api.id, &update).await.map_err(auth0)?;
        let after = self.lookup_api().await?.ok_or_else(|| {
            IpcError::new(
                ErrorKind::Conflict,
                format!("The API {} was deleted while its scopes were being added.", api.identifier),
            )
        })?;
        let values = |l: &[Scope]| {
            let mut v: Vec<String> = l.iter().map(|s| s.value.clone()).collect();
            v.sort();
            v
        };
        if values(&after.scopes) != values(&merged) {
            return Err(IpcError::new(
                ErrorKind::Conflict,
                format!(
                    "Someone changed the scopes of {} at the same time. It now has: {}. Nothing more was changed; \
                     check the API, then Resume.",
                    api.identifier,
                    values(&after.scopes).join(", ")
                ),
            )
            .into());
        }
        self.record(Recorded::Api { id: &after.id, identifier: &after.identifier })?;
        Ok(after)
    }

    /// The scopes the grant should have, given what it has now: the review's difference
    /// applied to the grant as it is (scopes granted meanwhile by someone else stay).
    fn settled_scopes(&self, change: Option<&GrantChange>, current: &[String]) -> Vec<String> {
        let mut out: Vec<String> = match change {
            Some(c) => {
                current.iter().filter(|s| !c.removed.contains(s)).cloned().chain(c.added.iter().cloned()).collect()
            }
            None => current.iter().cloned().chain(self.desired_grant_scopes()).collect(),
        };
        out.sort();
        out.dedup();
        out
    }

    fn desired_grant_scopes(&self) -> Vec<String> {
        let mut d: Vec<String> = self.spec.grant_scopes.iter().map(|s| s.trim().to_string()).collect();
        d.sort();
        d.dedup();
        d
    }

    async fn lookup_grant(&self, client_id: &str, audience: &str) -> StepResult<Option<ClientGrant>> {
        self.client
            .list_client_grants(Some(client_id), Some(audience), &mut |_| {})
            .await
            .map(|gs| gs.into_iter().find(|g| g.subject_type.as_deref().unwrap_or("client") == "client"))
            .map_err(auth0)
    }

    /// Brings an existing grant to `want`, then reads it again to see the write held.
    async fn settle_grant(&self, g: ClientGrant, want: Vec<String>, created: bool) -> StepResult<Outcome> {
        let mut have = g.scope.clone();
        have.sort();
        if have != want {
            self.client.update_client_grant_scopes(&g.id, &want).await.map_err(auth0)?;
            let mut after = self.client.get_client_grant(&g.id).await.map_err(auth0)?.scope;
            after.sort();
            if after != want {
                return Err(IpcError::new(
                    ErrorKind::Conflict,
                    format!(
                        "Someone changed this client grant at the same time; it now has: {}. Nothing more was changed.",
                        after.join(", ")
                    ),
                )
                .into());
            }
        }
        self.record(Recorded::Grant(&g.id))?;
        Ok(Outcome { object_id: Some(g.id), created })
    }

    async fn grant(&self, step: &RunStep, attempted: bool) -> StepResult<Outcome> {
        let run = self.view()?;
        let (Some(client_id), Some(audience)) = (run.client_id.clone(), run.api_identifier.clone()) else {
            return Err(IpcError::new(ErrorKind::Internal, "The application and API steps have not finished.").into());
        };
        let desired = self.desired_grant_scopes();
        let creating = step.kind == StepKind::CreateGrant;
        // The (client, audience) pair is the grant's natural key. A first attempt at
        // creating skips the lookup (the plan just found none); a conflict is handled below.
        if !creating || attempted {
            match self.lookup_grant(&client_id, &audience).await? {
                Some(g) => {
                    let mut have = g.scope.clone();
                    have.sort();
                    // Ours only if it is exactly what our create sent.
                    let ours = creating && attempted && have == desired;
                    let want = if creating {
                        self.settled_scopes(None, &g.scope)
                    } else {
                        self.settled_scopes(run.grant_change.as_ref(), &g.scope)
                    };
                    return self.settle_grant(g, want, ours).await;
                }
                None if !creating => {
                    return Err(IpcError::new(
                        ErrorKind::Conflict,
                        "The client grant this setup changes was deleted after the review. Nothing was changed; start the setup again.",
                    )
                    .into());
                }
                None => self.too_soon(step, "client grant")?,
            }
        }
        let new = NewClientGrant { client_id: client_id.clone(), audience: audience.clone(), scope: desired.clone() };
        match self.client.create_client_grant(&new).await {
            Ok(g) => self.settle_grant(g, desired, true).await,
            // Someone authorized the application meanwhile: keep their scopes, add ours.
            Err(Auth0Error::Conflict { .. }) => match self.lookup_grant(&client_id, &audience).await? {
                Some(g) => {
                    let want = self.settled_scopes(None, &g.scope);
                    self.settle_grant(g, want, false).await
                }
                None => {
                    Err(IpcError::new(ErrorKind::Conflict, "Auth0 reports a grant that cannot be found; try again.")
                        .into())
                }
            },
            Err(Auth0Error::Network { maybe_applied: true, message }) => {
                match self.lookup_grant(&client_id, &audience).await? {
                    Some(g) => self.settle_grant(g, desired, true).await,
                    None => Err(lost("client grant", &message)),
                }
            }
            Err(e) => Err(auth0(e)),
        }
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
