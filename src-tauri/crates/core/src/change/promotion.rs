//! Promotion through the engine: the setup read on the active (source) tenant, compared
//! with what the target has, planned on the target as a setup, and applied there with the
//! same review, production confirmation, lease and journal as any setup. Afterwards the
//! target's setup is recorded for drift.

use grantsmith_auth0::types::Progress;
use serde::Serialize;
use ts_rs::TS;

use super::Engine;
use crate::carry::promote::{self, DiffRow, PromoteAsk, PromoteMapping};
use crate::carry::{self, RecordOrigin, Setup, kept};
use crate::error::{ErrorKind, IpcError};
use crate::index::IndexProgress;
use crate::rule::FieldIssue;
use crate::wizard::plan::identifier_of;
use crate::wizard::run::OnUpdate;
use crate::wizard::{Plan, RunStatus, RunView, WizardSpec};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PromotePreview {
    pub source: Setup,
    pub source_profile: String,
    pub target_profile: String,
    /// The mapping in effect (the source's values where none was given).
    pub mapping: PromoteMapping,
    pub rows: Vec<DiffRow>,
    /// What is wrong with the mapping, by field (`app_name`, `api_name`, `identifier`).
    pub issues: Vec<FieldIssue>,
    /// The setup planned on the target; absent while the mapping has issues.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plan: Option<Plan>,
}

impl Engine<'_> {
    /// `fresh`: read the source setup and list the target's applications now rather than
    /// reuse the dialog's reads, reporting how far that listing is to `on_listing`.
    async fn promotion(
        &self,
        ask: &PromoteAsk,
        fresh: bool,
        on_listing: &(dyn Fn(IndexProgress) + Sync),
    ) -> Result<(PromotePreview, WizardSpec), IpcError> {
        let source_id = self.tenants.active_id()?;
        if ask.target == source_id {
            return Err(IpcError {
                field: Some("target".into()),
                ..IpcError::new(ErrorKind::Validation, "Pick another tenant: the setup comes from this one.")
            });
        }
        let (source_profile, source) = self.bound(&source_id).await?;
        let (target_profile, target) = self.bound(&ask.target).await?;
        let reads = self.tenants.promote_reads();
        let source_key = kept::source_key(&source_id, &ask.client_id, &ask.audience);
        let read = carry::read(&source, &ask.client_id, &ask.audience);
        let setup = Setup::clone(&*reads.sources.get(&source_key, fresh, read).await?);
        let mapping = ask.mapping.clone().unwrap_or_else(|| PromoteMapping::same_as(&setup));
        let mut report =
            |p: Progress| on_listing(IndexProgress { list: "applications".into(), done: p.done, total: p.total });
        let listing = reads.target_apps.get(&ask.target, fresh, target.list_client_summaries(None, &mut report));
        let found = promote::find(&target, &mapping, listing).await?;
        let (rows, spec, issues) = promote::compare(&setup, &mapping, &found, &target_profile.name);
        let preview = PromotePreview {
            source: setup,
            source_profile: source_profile.name,
            target_profile: target_profile.name,
            mapping,
            rows,
            issues,
            plan: None,
        };
        Ok((preview, spec))
    }

    /// The comparison with the target and, when the mapping is valid, the plan there. A
    /// comparison without a mapping is a dialog's first: it reads the source setup and lists
    /// the target's applications now, reporting how far it is to `on_listing`; those with one
    /// (the admin editing the mapping) reuse those reads for a while.
    pub async fn preview_promotion(
        &self,
        ask: &PromoteAsk,
        on_listing: &(dyn Fn(IndexProgress) + Sync),
    ) -> Result<PromotePreview, IpcError> {
        let (mut preview, spec) = self.promotion(ask, ask.mapping.is_none(), on_listing).await?;
        if preview.issues.is_empty() {
            preview.plan = Some(self.plan_setup_on(&ask.target, &spec).await?);
        }
        Ok(preview)
    }

    /// Applies a reviewed promotion on its target: the comparison is made again, from the
    /// source and the target as they are now, and must plan the same operations as the
    /// review, or nothing is written.
    pub async fn apply_promotion(
        &self,
        ask: &PromoteAsk,
        reviewed: &Plan,
        confirm: Option<&str>,
        on_update: OnUpdate<'_>,
    ) -> Result<RunView, IpcError> {
        if reviewed.profile_id != ask.target {
            return Err(IpcError::new(ErrorKind::Conflict, "This plan was made for another tenant. Review it again."));
        }
        let (preview, spec) = self.promotion(ask, true, &|_| {}).await?;
        if let Some(issue) = preview.issues.into_iter().next() {
            return Err(IpcError { field: Some(issue.field), ..IpcError::new(ErrorKind::Validation, issue.message) });
        }
        let identifier = identifier_of(&spec);
        let run = self.start(spec, reviewed, confirm, |_| true, Some(&preview.source_profile), on_update).await?;
        if run.status == RunStatus::Done
            && let Some(client_id) = &run.client_id
        {
            let target = self.tenants.client_for(&ask.target).await?;
            let setup = carry::read(&target, client_id, &identifier).await?;
            self.tenants.store().record_setup(&ask.target, &setup, RecordOrigin::Promote)?;
        }
        Ok(run)
    }
}
