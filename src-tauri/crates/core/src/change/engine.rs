//! The engine's entry points: every write to a tenant starts here — a setup, its resume
//! and undo, a doctor's fix — as plan → review → confirm → leased, journaled apply.
//!
//! Owns which tenant a change goes to (the profile the plan was made for; a run's own
//! profile for resume and undo — never "whatever is active now"), the policy check, the
//! lease, and re-planning before a resume. It does not know how a step talks to Auth0
//! (`wizard::run`) or what a rule says (`policy`).

use std::sync::Arc;
use std::time::Duration;

use grantsmith_auth0::Auth0Client;
use serde::Serialize;
use ts_rs::TS;

use super::lease::{HEARTBEAT_MS, Lease};
use super::policy::{self, Approval};
use super::replan;
use crate::clock::now_ms;
use crate::confirm::{self, Person, Question};
use crate::error::{ErrorKind, IpcError, from_auth0};
use crate::profiles::ProfileRow;
use crate::tenants::TenantError;
use crate::tenants::Tenants;
use crate::token::TokenCache;
use crate::token::doctor::Fix;
use crate::wizard::plan::{self, Phase, Plan};
use crate::wizard::run::{Executor, OnUpdate, load};
use crate::wizard::{ApiChoice, AppChoice, RunStatus, RunView, ScopeSpec, StepStatus, WizardSpec};

/// A run that stopped, re-planned against its tenant as it is now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RunReview {
    pub run: RunView,
    /// The run's tenant, by name (it may not be the active one).
    pub profile_name: String,
    pub on_active_profile: bool,
    /// What changed on the tenant since the run was reviewed, in words. Resuming accepts
    /// exactly these; if the tenant changes again, resume refuses and asks again.
    pub changes: Vec<String>,
    /// Why it cannot be resumed as it is.
    pub blockers: Vec<String>,
    /// The name to type before resuming or undoing (production tenants).
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub confirm_tenant: Option<String>,
}

pub struct Engine<'a> {
    pub(super) tenants: &'a Tenants,
    /// Where an application's secret from its create answer is kept for its first test
    /// token (memory only); none, and the token reads it.
    pub tokens: Option<&'a TokenCache>,
    /// See `Executor::settle_secs`.
    pub settle_secs: i64,
    /// Who answers the native confirmations (`confirm`); none, and every question is a no.
    pub person: Option<&'a dyn Person>,
}

fn new_run_id() -> String {
    format!("run_{}", (0..16).map(|_| fastrand::alphanumeric()).collect::<String>())
}

fn now_secs() -> i64 {
    now_ms() / 1000
}

/// Default for `settle_secs`: longer than a request may take to time out (30 s).
pub const SETTLE_SECS: i64 = 45;

impl<'a> Engine<'a> {
    pub fn new(tenants: &'a Tenants) -> Self {
        Self { tenants, tokens: None, settle_secs: SETTLE_SECS, person: None }
    }

    pub(super) async fn bound(&self, profile_id: &str) -> Result<(ProfileRow, Arc<Auth0Client>), IpcError> {
        let profile = self.tenants.profile_row(profile_id).map_err(|e| match e {
            TenantError::UnknownProfile(_) => IpcError::new(
                ErrorKind::NotFound,
                "The tenant profile this change belongs to was removed; it cannot be applied, resumed or undone from here.",
            ),
            e => e.into(),
        })?;
        let client = self.tenants.client_for(&profile.id).await?;
        Ok((profile, client))
    }

    /// The production rule (`policy::approve`: the typed name), then, on a production
    /// tenant, the person's own word in the native dialog — a name typed in the page can be
    /// typed by a script. `what` is the change in the review's words.
    pub(super) async fn approve(
        &self,
        profile: &ProfileRow,
        change: &str,
        typed: Option<&str>,
        what: &[String],
    ) -> Result<Approval, IpcError> {
        let approval = policy::approve(profile, change, typed)?;
        if policy::confirmation_needed(profile).is_some() {
            confirm::ask(self.person, &Question::production(profile.tenant(), what)).await?;
        }
        Ok(approval)
    }

    fn executor<'e>(
        &'e self,
        client: &'e Auth0Client,
        profile: &'e ProfileRow,
        run_id: &str,
        spec: WizardSpec,
        on_update: OnUpdate<'e>,
    ) -> Executor<'e> {
        Executor {
            store: self.tenants.store(),
            client,
            secrets: self.tokens.map(|t| (t, profile.id.as_str())),
            run_id: run_id.to_string(),
            spec,
            on_update,
            settle_secs: self.settle_secs,
            now: now_secs,
        }
    }

    /// Runs `work` (the change `approval` was given for) while holding the lease on
    /// `subject`, renewing it; a lost lease stops the work.
    pub(super) async fn leased<T>(
        &self,
        approval: &Approval,
        profile_id: &str,
        change: &str,
        subject: &str,
        work: impl Future<Output = Result<T, IpcError>>,
    ) -> Result<T, IpcError> {
        approval.check(profile_id, change)?;
        let store = self.tenants.store();
        let lease = Lease::acquire(store, subject, now_ms())?;
        let mut tick = tokio::time::interval(Duration::from_millis(HEARTBEAT_MS));
        tick.tick().await;
        tokio::pin!(work);
        let result = loop {
            tokio::select! {
                r = &mut work => break r,
                _ = tick.tick() => {
                    if !lease.heartbeat(now_ms())? {
                        break Err(IpcError::new(
                            ErrorKind::Conflict,
                            "This change was taken over by another Grantsmith window or process; this one stopped.",
                        ));
                    }
                }
            }
        };
        drop(lease);
        result
    }

    // --- setup ---------------------------------------------------------------------------

    /// The plan for `spec` on the active tenant.
    pub async fn plan_setup(&self, spec: &WizardSpec) -> Result<Plan, IpcError> {
        self.plan_setup_on(&self.tenants.active_id()?, spec).await
    }

    /// The plan for `spec` on the tenant of `profile_id`.
    pub async fn plan_setup_on(&self, profile_id: &str, spec: &WizardSpec) -> Result<Plan, IpcError> {
        let (profile, client) = self.bound(profile_id).await?;
        let (mut plan, _) = plan::plan(&client, spec).await?;
        plan.profile_id = profile.id.clone();
        plan.confirm_tenant = policy::confirmation_needed(&profile);
        Ok(plan)
    }

    /// Applies a reviewed setup on the tenant it was reviewed for.
    pub async fn apply_setup(
        &self,
        spec: WizardSpec,
        reviewed: &Plan,
        confirm: Option<&str>,
        on_update: OnUpdate<'_>,
    ) -> Result<RunView, IpcError> {
        self.start(spec, reviewed, confirm, |_| true, None, on_update).await
    }

    /// Re-plans on the reviewed plan's tenant, checks that nothing changed since the
    /// review, journals the run (the steps `keep` accepts), and applies it.
    pub(super) async fn start(
        &self,
        spec: WizardSpec,
        reviewed: &Plan,
        confirm: Option<&str>,
        keep: impl Fn(plan::StepKind) -> bool,
        promoted_from: Option<&str>,
        on_update: OnUpdate<'_>,
    ) -> Result<RunView, IpcError> {
        let (profile, client) = self.bound(&reviewed.profile_id).await?;
        let run_id = new_run_id();
        let approval = self
            .approve(&profile, &run_id, confirm, &reviewed.steps.iter().map(|s| s.title.clone()).collect::<Vec<_>>())
            .await?;
        // A setup that creates both application and API reads nothing first: one round
        // trip less (see `plan::creates_both`).
        let mut plan = match plan::creates_both(&spec) {
            true => plan::plan_creating_both(&client, &spec).await?,
            false => plan::plan(&client, &spec).await?.0,
        };
        plan.retain(keep);
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
            return Err(IpcError {
                field: Some(c.field.clone()),
                ..IpcError::new(ErrorKind::Conflict, c.message.clone())
            });
        }
        let store = self.tenants.store();
        store.insert_run(&run_id, &profile.id, &spec, &plan.steps, plan.grant_change.as_ref(), promoted_from)?;
        let ex = self.executor(&client, &profile, &run_id, spec, on_update);
        ex.notify();
        self.leased(&approval, &profile.id, &run_id, &run_id, ex.execute_all()).await
    }

    // --- resume and undo -----------------------------------------------------------------

    /// A stopped run against its own tenant as it is now: what changed, what blocks it.
    pub async fn review_run(&self, run_id: &str) -> Result<RunReview, IpcError> {
        let run = load(self.tenants.store(), run_id)?;
        let (profile, client) = self.bound(&run.profile_id).await?;
        let (changes, blockers) = if matches!(run.status, RunStatus::Done | RunStatus::Undone) {
            (vec![], vec![])
        } else {
            replan::differences(&client, &run).await?
        };
        Ok(RunReview {
            on_active_profile: self.tenants.active_id()? == profile.id,
            profile_name: profile.name.clone(),
            confirm_tenant: policy::confirmation_needed(&profile),
            run,
            changes,
            blockers,
        })
    }

    /// Finishes an interrupted or failed run on its own tenant, after re-planning: the
    /// differences must be the ones the user accepted (`accepted`, from `review_run`).
    pub async fn resume(
        &self,
        run_id: &str,
        accepted: &[String],
        confirm: Option<&str>,
        on_update: OnUpdate<'_>,
    ) -> Result<RunView, IpcError> {
        let run = load(self.tenants.store(), run_id)?;
        if matches!(run.status, RunStatus::Done | RunStatus::Undone) {
            return Ok(run);
        }
        let (profile, client) = self.bound(&run.profile_id).await?;
        let what: Vec<String> =
            run.steps.iter().filter(|s| s.status != StepStatus::Done).map(|s| format!("Resume: {}", s.title)).collect();
        let approval = self.approve(&profile, run_id, confirm, &what).await?;
        let ex = self.executor(&client, &profile, run_id, run.spec.clone(), on_update);
        let work = async {
            let (changes, blockers) = replan::differences(&client, &load(self.tenants.store(), run_id)?).await?;
            if let Some(b) = blockers.first() {
                return Err(IpcError::new(ErrorKind::Conflict, b.clone()));
            }
            if changes != accepted {
                return Err(IpcError::new(
                    ErrorKind::Conflict,
                    format!(
                        "The tenant changed since you reviewed this setup: {} Nothing was changed; review it again.",
                        changes.join(" ")
                    ),
                ));
            }
            ex.execute_all().await
        };
        self.leased(&approval, &profile.id, run_id, run_id, work).await
    }

    /// Deletes what the run created, on the run's own tenant.
    pub async fn undo(
        &self,
        run_id: &str,
        confirm: Option<&str>,
        on_update: OnUpdate<'_>,
    ) -> Result<RunView, IpcError> {
        let run = load(self.tenants.store(), run_id)?;
        let (profile, client) = self.bound(&run.profile_id).await?;
        let what: Vec<String> =
            run.steps.iter().filter(|s| s.status == StepStatus::Done).map(|s| format!("Undo: {}", s.title)).collect();
        let approval = self.approve(&profile, run_id, confirm, &what).await?;
        let ex = self.executor(&client, &profile, run_id, run.spec, on_update);
        self.leased(&approval, &profile.id, run_id, run_id, ex.undo()).await
    }

    // --- the token doctor's fixes ----------------------------------------------------------

    /// A fix as a setup of existing objects, and which of its steps it runs.
    async fn fix_spec(client: &Auth0Client, fix: &Fix) -> Result<(WizardSpec, fn(plan::StepKind) -> bool), IpcError> {
        let spec = |client_id: &str, audience: &str, grant: Vec<String>| WizardSpec {
            app: AppChoice::Existing { client_id: client_id.into() },
            api: ApiChoice::Existing { identifier: audience.into() },
            scopes: grant.iter().map(|s| ScopeSpec { value: s.clone(), description: String::new() }).collect(),
            grant_scopes: grant,
        };
        async fn current(client: &Auth0Client, client_id: &str, audience: &str) -> Result<Vec<String>, IpcError> {
            let grants = client.list_client_grants(Some(client_id), Some(audience), &mut |_| {}).await;
            Ok(grants.map_err(from_auth0)?.into_iter().next().map(|g| g.scope).unwrap_or_default())
        }
        let union = |mut a: Vec<String>, b: &[String]| {
            a.extend(b.iter().filter(|s| !a.contains(s)).cloned().collect::<Vec<_>>());
            a
        };
        Ok(match fix {
            Fix::Authorize { client_id, audience, scopes } => {
                let have = current(client, client_id, audience).await?;
                (spec(client_id, audience, union(have, scopes)), |_| true)
            }
            Fix::AddToGrant { grant_id, scopes } => {
                let g = client.get_client_grant(grant_id).await.map_err(from_auth0)?;
                (spec(&g.client_id, &g.audience, union(g.scope.clone(), scopes)), |_| true)
            }
            Fix::EnableClientCredentials { client_id, audience } => {
                let have = current(client, client_id, audience).await?;
                (spec(client_id, audience, have), |k| k.phase() == Phase::App)
            }
            Fix::UseAudience { .. } => {
                return Err(IpcError::new(
                    ErrorKind::Validation,
                    "Pick one of the suggested identifiers and get a token again.",
                ));
            }
        })
    }

    /// The plan a fix would carry out on the active tenant.
    pub async fn plan_fix(&self, fix: &Fix) -> Result<Plan, IpcError> {
        let (profile, client) = self.bound(&self.tenants.active_id()?).await?;
        let (spec, keep) = Self::fix_spec(&client, fix).await?;
        let (mut plan, _) = plan::plan(&client, &spec).await?;
        plan.retain(keep);
        plan.profile_id = profile.id.clone();
        plan.confirm_tenant = policy::confirmation_needed(&profile);
        Ok(plan)
    }

    /// Applies a reviewed fix, as a journaled run like any setup.
    pub async fn apply_fix(
        &self,
        fix: &Fix,
        reviewed: &Plan,
        confirm: Option<&str>,
        on_update: OnUpdate<'_>,
    ) -> Result<RunView, IpcError> {
        let (_, client) = self.bound(&reviewed.profile_id).await?;
        let (spec, keep) = Self::fix_spec(&client, fix).await?;
        self.start(spec, reviewed, confirm, keep, None, on_update).await
    }
}
