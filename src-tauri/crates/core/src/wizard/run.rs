//! Applying a plan: each step journaled before and after its remote call; independent
//! creates (application and API) at the same time; creates made safe to resume — the
//! application carries a correlation marker in `client_metadata`, the API and the grant
//! have natural keys — so a resumed run finds and adopts what already exists instead of
//! creating it twice. Undo deletes what a run created, in reverse order.

use grantsmith_auth0::types::{
    ClientUpdate, NewClient, NewClientGrant, NewResourceServer, ResourceServer, ResourceServerUpdate, Scope,
};
use grantsmith_auth0::{Auth0Client, Auth0Error};
use serde_json::{Map, Value};

use super::journal::{Recorded, RunStatus, RunStep, RunView, StepStatus};
use super::plan::{self, Phase, Plan, StepKind, identifier_of};
use super::spec::{ApiChoice, AppChoice, WizardSpec};
use crate::Store;
use crate::error::{ErrorKind, IpcError, from_auth0};

/// The `client_metadata` key that ties an application to the run that created it.
pub const RUN_MARKER: &str = "grantsmith_run";

pub type OnUpdate<'a> = &'a (dyn Fn(&RunView) + Send + Sync);

struct Ctx<'a> {
    store: &'a Store,
    client: &'a Auth0Client,
    run_id: String,
    spec: WizardSpec,
    on_update: OnUpdate<'a>,
}

/// What a step produced.
struct Outcome {
    object_id: Option<String>,
    created: bool,
}

fn new_run_id() -> String {
    format!("run_{}", (0..16).map(|_| fastrand::alphanumeric()).collect::<String>())
}

fn load(store: &Store, run_id: &str) -> Result<RunView, IpcError> {
    store.run(run_id)?.ok_or_else(|| IpcError::new(ErrorKind::NotFound, format!("Setup run {run_id} not found.")))
}

impl Ctx<'_> {
    fn view(&self) -> Result<RunView, IpcError> {
        load(self.store, &self.run_id)
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
            let attempted = matches!(step.status, StepStatus::Running | StepStatus::Failed);
            if self.store.set_step(&self.run_id, step.idx, StepStatus::Running, None, false, None).is_err() {
                return false;
            }
            self.notify();
            let result = self.execute(step.kind, attempted).await;
            let saved = match &result {
                Ok(o) => self.store.set_step(
                    &self.run_id,
                    step.idx,
                    StepStatus::Done,
                    o.object_id.as_deref(),
                    o.created,
                    None,
                ),
                Err(e) => {
                    self.store.set_step(&self.run_id, step.idx, StepStatus::Failed, None, false, Some(&e.message))
                }
            };
            self.notify();
            if result.is_err() || saved.is_err() {
                return false;
            }
        }
        true
    }

    async fn execute(&self, kind: StepKind, attempted: bool) -> Result<Outcome, IpcError> {
        match kind {
            StepKind::CreateApplication => self.create_application(attempted).await,
            StepKind::ReuseApplication => {
                let id = self.existing_client_id()?;
                self.record(Recorded::Client(&id))?;
                Ok(Outcome { object_id: Some(id), created: false })
            }
            StepKind::EnableClientCredentials => self.enable_client_credentials().await,
            StepKind::CreateApi => self.create_api(attempted).await,
            StepKind::ReuseApi => {
                let api = self.client.get_resource_server(&identifier_of(&self.spec)).await.map_err(from_auth0)?;
                self.record(Recorded::Api { id: &api.id, identifier: &api.identifier })?;
                Ok(Outcome { object_id: Some(api.id), created: false })
            }
            StepKind::AddScopes => {
                let api = self.merge_scopes().await?;
                Ok(Outcome { object_id: Some(api.id), created: false })
            }
            StepKind::CreateGrant | StepKind::UpdateGrant | StepKind::ReuseGrant => self.grant(kind, attempted).await,
        }
    }

    fn existing_client_id(&self) -> Result<String, IpcError> {
        match &self.spec.app {
            AppChoice::Existing { client_id } => Ok(client_id.trim().to_string()),
            AppChoice::New { .. } => Err(IpcError::new(ErrorKind::Internal, "This run creates its application.")),
        }
    }

    /// The application this run created, found by its marker.
    async fn find_marked_client(&self) -> Result<Option<String>, IpcError> {
        let apps = self.client.list_clients(Some("non_interactive"), &mut |_| {}).await.map_err(from_auth0)?;
        Ok(apps
            .into_iter()
            .find(|c| c.client_metadata.get(RUN_MARKER).and_then(Value::as_str) == Some(self.run_id.as_str()))
            .map(|c| c.client_id))
    }

    async fn create_application(&self, attempted: bool) -> Result<Outcome, IpcError> {
        let adopt = |id: String| -> Result<Outcome, IpcError> {
            self.record(Recorded::Client(&id))?;
            Ok(Outcome { object_id: Some(id), created: true })
        };
        if attempted && let Some(id) = self.find_marked_client().await? {
            return adopt(id);
        }
        let AppChoice::New { name, description } = &self.spec.app else {
            return Err(IpcError::new(ErrorKind::Internal, "no new application in this run"));
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
                None => Err(IpcError::new(
                    ErrorKind::Network,
                    format!("{message} It was not created; Retry will create it."),
                )),
            },
            Err(e) => Err(from_auth0(e)),
        }
    }

    async fn enable_client_credentials(&self) -> Result<Outcome, IpcError> {
        let id = self.existing_client_id()?;
        let c = self.client.get_client(&id).await.map_err(from_auth0)?;
        if !c.grant_types.iter().any(|g| g == "client_credentials") {
            let mut grant_types = c.grant_types.clone();
            grant_types.push("client_credentials".into());
            let update = ClientUpdate { grant_types: Some(grant_types), ..ClientUpdate::default() };
            self.client.update_client(&id, &update).await.map_err(from_auth0)?;
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

    async fn lookup_api(&self) -> Result<Option<ResourceServer>, IpcError> {
        match self.client.get_resource_server(&identifier_of(&self.spec)).await {
            Ok(a) => Ok(Some(a)),
            Err(Auth0Error::NotFound { .. }) => Ok(None),
            Err(e) => Err(from_auth0(e)),
        }
    }

    async fn create_api(&self, attempted: bool) -> Result<Outcome, IpcError> {
        let adopt = |api: &ResourceServer, created: bool| -> Result<Outcome, IpcError> {
            self.record(Recorded::Api { id: &api.id, identifier: &api.identifier })?;
            Ok(Outcome { object_id: Some(api.id.clone()), created })
        };
        // The identifier is a natural key: an API found after an attempt is ours.
        if attempted && let Some(api) = self.lookup_api().await? {
            self.merge_scopes().await?;
            return adopt(&api, true);
        }
        let ApiChoice::New { name, identifier, signing_alg, token_lifetime } = &self.spec.api else {
            return Err(IpcError::new(ErrorKind::Internal, "no new API in this run"));
        };
        let new = NewResourceServer {
            identifier: identifier.trim().into(),
            name: Some(name.trim().into()),
            signing_alg: Some(signing_alg.as_str().into()),
            token_lifetime: Some(*token_lifetime),
            scopes: self.scopes(),
        };
        match self.client.create_resource_server(&new).await {
            Ok(api) => adopt(&api, true),
            // Someone created it between plan and apply: use it, with our scopes added.
            Err(Auth0Error::Conflict { .. }) => {
                let api = self.merge_scopes().await?;
                adopt(&api, false)
            }
            Err(Auth0Error::Network { maybe_applied: true, message }) => match self.lookup_api().await? {
                Some(api) => adopt(&api, true),
                None => Err(IpcError::new(
                    ErrorKind::Network,
                    format!("{message} It was not created; Retry will create it."),
                )),
            },
            Err(e) => Err(from_auth0(e)),
        }
    }

    /// Read-modify-write of the API's scopes (Auth0's PATCH replaces the list): re-read just
    /// before writing, keep everything the API has (including scopes someone else added
    /// since the plan), add ours.
    async fn merge_scopes(&self) -> Result<ResourceServer, IpcError> {
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
        let update = ResourceServerUpdate { scopes: Some(merged), ..ResourceServerUpdate::default() };
        let api = self.client.update_resource_server(&api.id, &update).await.map_err(from_auth0)?;
        self.record(Recorded::Api { id: &api.id, identifier: &api.identifier })?;
        Ok(api)
    }

    async fn grant(&self, kind: StepKind, attempted: bool) -> Result<Outcome, IpcError> {
        let run = self.view()?;
        let (Some(client_id), Some(audience)) = (run.client_id.clone(), run.api_identifier.clone()) else {
            return Err(IpcError::new(ErrorKind::Internal, "The application and API steps have not finished."));
        };
        let mut desired: Vec<String> = self.spec.grant_scopes.iter().map(|s| s.trim().to_string()).collect();
        desired.dedup();
        let lookup = || async {
            self.client
                .list_client_grants(Some(&client_id), Some(&audience), &mut |_| {})
                .await
                .map(|gs| gs.into_iter().find(|g| g.subject_type.as_deref().unwrap_or("client") == "client"))
                .map_err(from_auth0)
        };
        let desired = &desired;
        let settle = |g: grantsmith_auth0::types::ClientGrant, created: bool| async move {
            let mut have = g.scope.clone();
            have.sort();
            let mut want = desired.clone();
            want.sort();
            if have != want {
                self.client.update_client_grant_scopes(&g.id, desired).await.map_err(from_auth0)?;
            }
            self.record(Recorded::Grant(&g.id))?;
            Ok::<_, IpcError>(Outcome { object_id: Some(g.id), created })
        };
        // The (client, audience) pair is the grant's natural key. A first attempt at
        // creating skips the lookup (the plan just found none); a conflict is handled below.
        if (kind != StepKind::CreateGrant || attempted)
            && let Some(g) = lookup().await?
        {
            return settle(g, kind == StepKind::CreateGrant && attempted).await;
        }
        let new = NewClientGrant { client_id: client_id.clone(), audience: audience.clone(), scope: desired.to_vec() };
        match self.client.create_client_grant(&new).await {
            Ok(g) => settle(g, true).await,
            Err(Auth0Error::Conflict { .. }) => match lookup().await? {
                Some(g) => settle(g, false).await,
                None => {
                    Err(IpcError::new(ErrorKind::Conflict, "Auth0 reports a grant that cannot be found; try again."))
                }
            },
            Err(Auth0Error::Network { maybe_applied: true, message }) => match lookup().await? {
                Some(g) => settle(g, true).await,
                None => Err(IpcError::new(
                    ErrorKind::Network,
                    format!("{message} It was not created; Retry will create it."),
                )),
            },
            Err(e) => Err(from_auth0(e)),
        }
    }

    async fn execute_all(&self) -> Result<RunView, IpcError> {
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
}

/// Re-plans against the tenant, checks that nothing changed since `reviewed`, journals the
/// run, and applies it.
pub async fn start(
    store: &Store,
    client: &Auth0Client,
    profile_id: &str,
    spec: WizardSpec,
    reviewed: &Plan,
    on_update: OnUpdate<'_>,
) -> Result<RunView, IpcError> {
    let (plan, _) = plan::plan(client, &spec).await?;
    if !plan.same_operations(reviewed) {
        return Err(IpcError::new(
            ErrorKind::Conflict,
            "The tenant changed since you reviewed the plan. Nothing was changed; review the updated plan.",
        ));
    }
    if let Some(b) = plan.blockers.first() {
        return Err(IpcError::new(ErrorKind::MissingScope, b.clone()));
    }
    if let Some(c) = plan.conflicts.first() {
        return Err(IpcError { kind: ErrorKind::Conflict, message: c.message.clone(), field: Some(c.field.clone()) });
    }
    let run_id = new_run_id();
    store.insert_run(&run_id, profile_id, &spec, &plan.steps)?;
    let ctx = Ctx { store, client, run_id, spec, on_update };
    ctx.notify();
    ctx.execute_all().await
}

/// Finishes an interrupted or failed run, adopting whatever its earlier attempts created.
pub async fn resume(
    store: &Store,
    client: &Auth0Client,
    run_id: &str,
    on_update: OnUpdate<'_>,
) -> Result<RunView, IpcError> {
    let run = load(store, run_id)?;
    if matches!(run.status, RunStatus::Done | RunStatus::Undone) {
        return Ok(run);
    }
    let ctx = Ctx { store, client, run_id: run_id.to_string(), spec: run.spec, on_update };
    ctx.execute_all().await
}

/// Deletes what the run created (grant, API, application), newest first. Changes to
/// objects that existed before the run are kept.
pub async fn undo(
    store: &Store,
    client: &Auth0Client,
    run_id: &str,
    on_update: OnUpdate<'_>,
) -> Result<RunView, IpcError> {
    let run = load(store, run_id)?;
    let ctx = Ctx { store, client, run_id: run_id.to_string(), spec: run.spec.clone(), on_update };
    for step in run.steps.iter().rev().filter(|s| s.created && s.status == StepStatus::Done) {
        let Some(id) = step.object_id.as_deref() else { continue };
        let result = match step.kind {
            StepKind::CreateGrant => client.delete_client_grant(id).await,
            StepKind::CreateApi => client.delete_resource_server(id).await,
            StepKind::CreateApplication => client.delete_client(id).await,
            _ => Ok(()),
        };
        match result {
            Ok(()) | Err(Auth0Error::NotFound { .. }) => {
                store.set_step(run_id, step.idx, StepStatus::Undone, None, false, None)?
            }
            Err(e) => {
                let e = from_auth0(e);
                store.set_step(
                    run_id,
                    step.idx,
                    StepStatus::Done,
                    None,
                    false,
                    Some(&format!("Undo failed: {}", e.message)),
                )?;
                ctx.notify();
                return Err(e);
            }
        }
        ctx.notify();
    }
    store.set_run_status(run_id, RunStatus::Undone)?;
    ctx.notify();
    ctx.view()
}
