//! The engine's entry points for day-two change sets (access matrix, scope edits, grant
//! deletion, secret rotation): plan on the active tenant, then apply on the reviewed plan's
//! tenant — policy, re-plan (refused if the tenant changed since the review), journal,
//! lease on the object written, each operation recorded before and after, the index kept
//! current from the results. A rotation is proven by a token got with the new secret.

use grantsmith_auth0::{Auth0Client, Auth0Error};

use super::apply::{self, Applied};
use super::engine::Engine;
use super::planner;
use super::policy;
use super::set::{ChangeOutcome, ChangePlan, ChangeRequest, ChangeStatus, ChangeView, Op, OpStatus, RotatedSecret};
use crate::carry::Setup;
use crate::clock::now_ms;
use crate::confirm::{self, Question};
use crate::error::{ErrorKind, IpcError, from_auth0};
use crate::index;
use crate::profiles::ProfileRow;
use crate::token::{TokenAsk, TokenCache};

/// Progress of an applied change set, after every operation.
pub type OnChange<'a> = &'a (dyn Fn(&ChangeView) + Send + Sync);

/// The environment variable the quickstart code reads the secret from.
pub const SECRET_ENV_VAR: &str = "CLIENT_SECRET";

pub(super) fn new_change_id() -> String {
    format!("chg_{}", (0..16).map(|_| fastrand::alphanumeric()).collect::<String>())
}

/// What one change set writes, for its lease: two windows changing the same API's access
/// (or rotating the same secret) are one at a time.
fn subject(profile: &str, request: &ChangeRequest) -> String {
    match request {
        ChangeRequest::Access { audience, .. }
        | ChangeRequest::Scopes { audience, .. }
        | ChangeRequest::Reapply { audience, .. } => format!("{profile}:api:{}", audience.trim()),
        ChangeRequest::RotateSecret { client_id }
        | ChangeRequest::EditApplication { client_id, .. }
        | ChangeRequest::EnableClientCredentials { client_id }
        | ChangeRequest::DeleteApplication { client_id } => format!("{profile}:client:{}", client_id.trim()),
        ChangeRequest::DeleteGrant { grant_id } => format!("{profile}:grant:{}", grant_id.trim()),
    }
}

/// The error a failed operation leaves in the journal, with what it means for a rotation.
fn step_error(op: &Op, e: &Auth0Error) -> String {
    match (op, e) {
        (Op::RotateSecret { .. }, Auth0Error::Network { maybe_applied: true, .. }) => format!(
            "{e} The secret may have been rotated without the answer arriving: the old secret may no longer work. \
             Rotate again to get a secret you can see."
        ),
        _ => e.to_string(),
    }
}

impl Engine<'_> {
    /// The recorded setup a `Reapply` request puts back (read here, never taken from the UI).
    fn record_for(&self, profile_id: &str, request: &ChangeRequest) -> Result<Option<Setup>, IpcError> {
        let ChangeRequest::Reapply { client_id, audience } = request else { return Ok(None) };
        Ok(self.tenants.store().setup_record(profile_id, client_id.trim(), audience.trim())?.map(|r| r.setup))
    }

    /// The plan for a day-two change on the active tenant.
    pub async fn plan_change(&self, request: &ChangeRequest) -> Result<ChangePlan, IpcError> {
        let (profile, client) = self.bound(&self.tenants.active_id()?).await?;
        let record = self.record_for(&profile.id, request)?;
        let mut plan =
            planner::plan(&client, request, &index::app_names(self.tenants.store(), &profile.id), record.as_ref())
                .await?;
        plan.profile_id = profile.id.clone();
        plan.confirm_tenant = policy::confirmation_needed(&profile);
        Ok(plan)
    }

    /// Applies a reviewed change set on the tenant it was reviewed for. A failed operation
    /// stops the set; the outcome says which, and the journal keeps it.
    pub async fn apply_change(
        &self,
        reviewed: &ChangePlan,
        confirm: Option<&str>,
        tokens: &TokenCache,
        on_change: OnChange<'_>,
    ) -> Result<ChangeOutcome, IpcError> {
        let (profile, client) = self.bound(&reviewed.profile_id).await?;
        let id = new_change_id();
        let what: Vec<String> = reviewed.steps.iter().map(|s| s.title.clone()).collect();
        let approval = self.approve(&profile, &id, confirm, &what).await?;
        // A rotation asks on every tenant: the new secret is shown in the window.
        if policy::confirmation_needed(&profile).is_none()
            && reviewed.steps.iter().any(|s| matches!(s.op, Op::RotateSecret { .. }))
        {
            confirm::ask(self.person, &Question::rotation(profile.tenant(), &what)).await?;
        }
        let work = async {
            let record = self.record_for(&profile.id, &reviewed.request)?;
            let names = index::app_names(self.tenants.store(), &profile.id);
            let mut plan = planner::plan(&client, &reviewed.request, &names, record.as_ref()).await?;
            // A reviewed deletion someone else already made is not a conflict: it is done,
            // and the journal says so.
            let still: Vec<_> = reviewed
                .steps
                .iter()
                .filter(|s| {
                    plan.steps.contains(s) || !matches!(s.op, Op::DeleteGrant { .. } | Op::DeleteApplication { .. })
                })
                .cloned()
                .collect();
            if still == plan.steps {
                plan.steps = reviewed.steps.clone();
                plan.summary = reviewed.summary.clone();
            }
            if plan.steps != reviewed.steps {
                return Err(IpcError::new(
                    ErrorKind::Conflict,
                    format!(
                        "The tenant changed since you reviewed this change (now: {}). Nothing was changed; your staged \
                         changes are kept — review them again.",
                        plan.summary
                    ),
                ));
            }
            if let Some(b) = plan.blockers.first() {
                return Err(IpcError::new(ErrorKind::MissingScope, b.clone()));
            }
            if plan.steps.is_empty() {
                return Err(IpcError::new(ErrorKind::Validation, plan.summary));
            }
            let outcome = self.execute(&client, &profile, &id, &plan, tokens, on_change).await?;
            if let ChangeRequest::Reapply { client_id, audience } = &plan.request
                && outcome.change.status == ChangeStatus::Done
            {
                // The tenant is the record again; recorded anew, as re-applied.
                let setup = crate::carry::read(&client, client_id, audience).await?;
                self.tenants.store().record_setup(&profile.id, &setup, crate::carry::RecordOrigin::Reapply)?;
            }
            Ok(outcome)
        };
        self.leased(&approval, &profile.id, &id, &subject(&profile.id, &reviewed.request), work).await
    }

    async fn execute(
        &self,
        client: &Auth0Client,
        profile: &ProfileRow,
        id: &str,
        plan: &ChangePlan,
        tokens: &TokenCache,
        on_change: OnChange<'_>,
    ) -> Result<ChangeOutcome, IpcError> {
        let store = self.tenants.store();
        let title = plan.steps.first().map(|s| s.title.clone()).unwrap_or_default();
        let title = if plan.steps.len() > 1 { plan.summary.clone() } else { title };
        store.insert_change(id, &profile.id, &title, &plan.request, &plan.steps)?;
        let view = || -> Result<ChangeView, IpcError> {
            let v =
                store.change(id)?.ok_or_else(|| IpcError::new(ErrorKind::Internal, "The journal lost a change."))?;
            on_change(&v);
            Ok(v)
        };
        view()?;
        let mut secret = None;
        let mut status = ChangeStatus::Done;
        for (i, step) in plan.steps.iter().enumerate() {
            store.update_change_step(id, i, OpStatus::Running, None, None, None)?;
            view()?;
            match apply::apply(client, &step.op).await {
                Ok(Applied { object_id, note, indexed, secret: s }) => {
                    if let Err(e) = index::record(store, &profile.id, &indexed) {
                        tracing::warn!(error = %e, "the index could not record a change; it will be read again");
                    }
                    secret = s.or(secret);
                    store.update_change_step(id, i, OpStatus::Done, object_id.as_deref(), note.as_deref(), None)?;
                }
                Err(e) => {
                    let error = step_error(&step.op, &e);
                    store.update_change_step(id, i, OpStatus::Failed, None, None, Some(&error))?;
                    status = ChangeStatus::Failed;
                    break;
                }
            }
        }
        store.finish_change(id, status)?;
        let change = view()?;
        let rotated = match (&plan.request, secret) {
            (ChangeRequest::RotateSecret { client_id }, Some(secret)) => {
                tokens.remember_secret(&profile.id, client_id, secret.clone());
                Some(self.prove(client, profile, client_id, secret.expose().clone(), tokens).await?)
            }
            _ => None,
        };
        Ok(ChangeOutcome { change, rotated })
    }

    /// Gets a token with the application's new secret for one of its APIs and checks it.
    async fn prove(
        &self,
        client: &Auth0Client,
        profile: &ProfileRow,
        client_id: &str,
        client_secret: String,
        tokens: &TokenCache,
    ) -> Result<RotatedSecret, IpcError> {
        let grants = client.list_client_grants(Some(client_id), None, &mut |_| {}).await.map_err(from_auth0)?;
        let rotated = |proof, verdict: String, verified| RotatedSecret {
            client_id: client_id.to_string(),
            client_secret: client_secret.clone(),
            proof,
            verdict,
            verified,
            env_var: SECRET_ENV_VAR.into(),
            export_line: format!("export {SECRET_ENV_VAR}={}", crate::text::shell_word(&client_secret)),
        };
        let Some(grant) = grants.into_iter().find(|g| g.subject_type.as_deref().unwrap_or("client") == "client") else {
            return Ok(rotated(
                None,
                "not verified: the application is not authorized for any API, so no token can be asked for. The new \
                 secret is in effect."
                    .into(),
                false,
            ));
        };
        let issuers = self.tenants.issuers(&profile.id).await?;
        let ask = TokenAsk { client_id: client_id.into(), audience: grant.audience.clone(), scope: None, fresh: true };
        let report = tokens.test_token(client, &profile.id, &issuers, &ask, now_ms() / 1000).await?;
        let verdict = if report.verified {
            format!("verified: the new secret got a token for {} that passed every check.", report.api_name)
        } else {
            let why = report.diagnosis.as_ref().map(|d| d.title.clone()).unwrap_or_else(|| report.status_line.clone());
            format!("not verified: {why}")
        };
        let verified = report.verified;
        Ok(rotated(Some(report), verdict, verified))
    }
}
