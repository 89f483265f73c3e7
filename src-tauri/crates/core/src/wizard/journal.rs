//! Wizard runs and drafts in SQLite: every step's state is written before and after its
//! remote call, so an interrupted run can be resumed (also by a fresh process).

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::plan::{GrantChange, PlanStep, StepKind};
use super::spec::WizardSpec;
use crate::clock::now_ms;
use crate::store::columns::{parse_column, parse_json, text_of};
use crate::{Store, StoreError};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RunStatus {
    Running,
    Done,
    Failed,
    Undone,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum StepStatus {
    Waiting,
    Running,
    Done,
    Failed,
    Undone,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RunStep {
    pub idx: u32,
    pub kind: StepKind,
    pub title: String,
    pub detail: String,
    pub status: StepStatus,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub object_id: Option<String>,
    /// This run created the object (undo deletes it).
    pub created: bool,
    /// The last attempt failed in a way that may have reached Auth0; resume looks for
    /// its object before trying again.
    pub reached: bool,
    /// That attempt's answer never came: Auth0 may still apply it, so resume waits a
    /// while before creating again.
    pub answer_lost: bool,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// When the step last changed (seconds since the epoch).
    pub updated_at: i64,
}

/// A run as the UI shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RunView {
    pub id: String,
    pub profile_id: String,
    pub status: RunStatus,
    pub spec: WizardSpec,
    pub steps: Vec<RunStep>,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub api_id: Option<String>,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub api_identifier: Option<String>,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub grant_id: Option<String>,
    /// The grant scopes the review added and removed (applied to the grant as it is when
    /// the step runs).
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub grant_change: Option<GrantChange>,
    pub created_at: i64,
    /// Who started it (the OS user); empty for runs made before Grantsmith recorded it.
    pub os_user: String,
    /// The profile a promotion carried this setup from (its name at the time).
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub promoted_from: Option<String>,
    /// Another executor (window or process) holds this run right now: no Resume or Undo.
    pub held: bool,
}

/// A step's new state in the journal.
pub struct StepUpdate<'a> {
    pub status: StepStatus,
    /// Kept as it was when `None`.
    pub object_id: Option<&'a str>,
    /// Once true, stays true (undo deletes what the run created).
    pub created: bool,
    pub error: Option<&'a str>,
    pub reached: bool,
    pub answer_lost: bool,
}

impl StepUpdate<'_> {
    pub fn status(status: StepStatus) -> Self {
        StepUpdate { status, object_id: None, created: false, error: None, reached: false, answer_lost: false }
    }
}

/// Which object a finished step recorded on the run.
pub enum Recorded<'a> {
    Client(&'a str),
    Api { id: &'a str, identifier: &'a str },
    Grant(&'a str),
}

fn now() -> i64 {
    now_ms() / 1000
}

impl Store {
    pub fn insert_run(
        &self,
        id: &str,
        profile_id: &str,
        spec: &WizardSpec,
        steps: &[PlanStep],
        grant_change: Option<&GrantChange>,
        promoted_from: Option<&str>,
    ) -> Result<(), StoreError> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let t = now();
        let spec = serde_json::to_string(spec).expect("spec serializes");
        let grant_change = grant_change.map(|g| serde_json::to_string(g).expect("grant change serializes"));
        tx.execute(
            "INSERT INTO wizard_runs (id, profile_id, spec, status, grant_change, os_user, promoted_from, created_at, updated_at, created_ms)
             VALUES (?1, ?2, ?3, 'running', ?4, ?5, ?6, ?7, ?7, ?8)",
            params![id, profile_id, spec, grant_change, crate::change::journal::os_user(), promoted_from, t, now_ms()],
        )?;
        for (i, s) in steps.iter().enumerate() {
            tx.execute(
                "INSERT INTO wizard_steps (run_id, idx, kind, title, detail, status, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, 'waiting', ?6)",
                params![id, i as i64, text_of(s.kind), s.title, s.detail, t],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    pub fn run(&self, id: &str) -> Result<Option<RunView>, StoreError> {
        let conn = self.conn();
        let run = conn
            .query_row(
                "SELECT id, profile_id, spec, status, client_id, api_id, api_identifier, grant_id, created_at, grant_change, os_user, promoted_from
                 FROM wizard_runs WHERE id = ?1",
                params![id],
                |r| {
                    Ok(RunView {
                        id: r.get(0)?,
                        profile_id: r.get(1)?,
                        spec: parse_json(2, r.get(2)?)?,
                        status: parse_column(3, r.get(3)?)?,
                        steps: vec![],
                        client_id: r.get(4)?,
                        api_id: r.get(5)?,
                        api_identifier: r.get(6)?,
                        grant_id: r.get(7)?,
                        created_at: r.get(8)?,
                        grant_change: r.get::<_, Option<String>>(9)?.map(|g| parse_json(9, g)).transpose()?,
                        os_user: r.get(10)?,
                        promoted_from: r.get(11)?,
                        held: false,
                    })
                },
            )
            .optional()?;
        let Some(mut run) = run else { return Ok(None) };
        run.held = crate::change::lease::holder(&conn, &run.id, now_ms())?.is_some();
        let mut stmt = conn.prepare(
            "SELECT idx, kind, title, detail, status, object_id, created, error, reached, updated_at, answer_lost FROM wizard_steps WHERE run_id = ?1 ORDER BY idx",
        )?;
        run.steps = stmt
            .query_map([&run.id], |r| {
                Ok(RunStep {
                    idx: r.get::<_, i64>(0)? as u32,
                    kind: parse_column(1, r.get(1)?)?,
                    title: r.get(2)?,
                    detail: r.get(3)?,
                    status: parse_column(4, r.get(4)?)?,
                    object_id: r.get(5)?,
                    created: r.get(6)?,
                    error: r.get(7)?,
                    reached: r.get(8)?,
                    updated_at: r.get(9)?,
                    answer_lost: r.get(10)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(Some(run))
    }

    pub fn set_step(&self, run_id: &str, idx: u32, u: StepUpdate<'_>) -> Result<(), StoreError> {
        self.conn().execute(
            "UPDATE wizard_steps SET status = ?3, object_id = COALESCE(?4, object_id), created = created OR ?5, error = ?6,
                    reached = ?7, answer_lost = ?8, updated_at = ?9
             WHERE run_id = ?1 AND idx = ?2",
            params![run_id, idx as i64, text_of(u.status), u.object_id, u.created, u.error, u.reached, u.answer_lost, now()],
        )?;
        Ok(())
    }

    pub fn record_on_run(&self, run_id: &str, what: Recorded<'_>) -> Result<(), StoreError> {
        let conn = self.conn();
        match what {
            Recorded::Client(id) => {
                conn.execute("UPDATE wizard_runs SET client_id = ?2 WHERE id = ?1", params![run_id, id])?
            }
            Recorded::Api { id, identifier } => conn.execute(
                "UPDATE wizard_runs SET api_id = ?2, api_identifier = ?3 WHERE id = ?1",
                params![run_id, id, identifier],
            )?,
            Recorded::Grant(id) => {
                conn.execute("UPDATE wizard_runs SET grant_id = ?2 WHERE id = ?1", params![run_id, id])?
            }
        };
        Ok(())
    }

    pub fn set_run_status(&self, run_id: &str, status: RunStatus) -> Result<(), StoreError> {
        self.conn().execute(
            "UPDATE wizard_runs SET status = ?2, updated_at = ?3 WHERE id = ?1",
            params![run_id, text_of(status), now()],
        )?;
        Ok(())
    }

    /// The newest run of this profile that did not finish (interrupted or failed).
    pub fn unfinished_run(&self, profile_id: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn()
            .query_row(
                "SELECT id FROM wizard_runs WHERE profile_id = ?1 AND status IN ('running', 'failed') ORDER BY created_at DESC, rowid DESC LIMIT 1",
                [profile_id],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Runs of a profile, newest first (History).
    pub fn runs(&self, profile_id: &str) -> Result<Vec<String>, StoreError> {
        let conn = self.conn();
        let mut stmt =
            conn.prepare("SELECT id FROM wizard_runs WHERE profile_id = ?1 ORDER BY created_at DESC, rowid DESC")?;
        let ids = stmt.query_map([profile_id], |r| r.get(0))?.collect::<rusqlite::Result<Vec<String>>>()?;
        Ok(ids)
    }

    pub fn save_draft(&self, profile_id: &str, spec: &WizardSpec, step: u32) -> Result<(), StoreError> {
        let spec = serde_json::to_string(spec).expect("spec serializes");
        self.conn().execute(
            "INSERT INTO wizard_drafts (profile_id, spec, step, updated_at) VALUES (?1, ?2, ?3, ?4)
             ON CONFLICT (profile_id) DO UPDATE SET spec = excluded.spec, step = excluded.step, updated_at = excluded.updated_at",
            params![profile_id, spec, step, now()],
        )?;
        Ok(())
    }

    /// The saved draft; a draft that no longer parses (older format) is dropped.
    pub fn draft(&self, profile_id: &str) -> Result<Option<(WizardSpec, u32)>, StoreError> {
        let row: Option<(String, i64)> = self
            .conn()
            .query_row("SELECT spec, step FROM wizard_drafts WHERE profile_id = ?1", [profile_id], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?;
        Ok(row.and_then(|(s, step)| serde_json::from_str(&s).ok().map(|spec| (spec, step as u32))))
    }

    pub fn clear_draft(&self, profile_id: &str) -> Result<(), StoreError> {
        self.conn().execute("DELETE FROM wizard_drafts WHERE profile_id = ?1", [profile_id])?;
        Ok(())
    }
}

/// A saved draft: what the admin typed, and the step they were on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct WizardDraft {
    pub spec: WizardSpec,
    pub step: u32,
}

impl WizardDraft {
    /// Nothing typed yet.
    pub fn blank() -> Self {
        WizardDraft { spec: WizardSpec::blank(), step: 0 }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::wizard::{ApiChoice, AppChoice, SigningAlg};

    const KINDS: &[&str] = &[
        "create_application",
        "reuse_application",
        "enable_client_credentials",
        "create_api",
        "reuse_api",
        "add_scopes",
        "create_grant",
        "update_grant",
        "reuse_grant",
    ];
    const STATUSES: &[&str] = &["waiting", "running", "done", "failed", "undone"];

    /// A store holding run `r1` with one step (shared with the lease tests).
    pub(crate) fn store_with_run() -> Store {
        let s = Store::open_in_memory().unwrap();
        let spec = WizardSpec {
            app: AppChoice::New { name: "a".into(), description: String::new() },
            api: ApiChoice::New {
                name: "b".into(),
                identifier: "https://b".into(),
                signing_alg: SigningAlg::RS256,
                token_lifetime: 60,
            },
            scopes: vec![],
            grant_scopes: vec![],
        };
        let step = PlanStep::new(StepKind::CreateApi, "t", "d");
        s.insert_run("r1", "sandbox", &spec, &[step], None, None).unwrap();
        s
    }

    fn known_or_any(known: &'static [&'static str]) -> impl Strategy<Value = String> {
        prop_oneof![prop::sample::select(known).prop_map(String::from), any::<String>()]
    }

    /// A journal row this version does not understand is an error, never a guess. One store
    /// for all 10,000 cases: each rewrites the step, and opening a store per case (its
    /// migrations) made this the slowest unit test by a minute.
    #[test]
    fn unknown_journal_values_are_errors_never_guesses() {
        let s = store_with_run();
        // The table's CHECK allows only known statuses; a newer version could relax it.
        s.conn().execute_batch("PRAGMA ignore_check_constraints = ON").unwrap();
        let config = ProptestConfig { cases: 10_000, failure_persistence: None, ..ProptestConfig::default() };
        let values = (known_or_any(KINDS), known_or_any(STATUSES));
        proptest::test_runner::TestRunner::new(config)
            .run(&values, |(kind, status)| {
                s.conn().execute("UPDATE wizard_steps SET kind = ?1, status = ?2", params![kind, status]).unwrap();
                let known = KINDS.contains(&kind.as_str()) && STATUSES.contains(&status.as_str());
                match s.run("r1") {
                    Ok(Some(run)) => {
                        prop_assert!(known, "{kind:?}/{status:?} was read as {:?}", run.steps[0]);
                        prop_assert_eq!(text_of(run.steps[0].kind), kind);
                        prop_assert_eq!(text_of(run.steps[0].status), status);
                    }
                    Ok(None) => prop_assert!(false, "the run vanished"),
                    Err(e) => {
                        prop_assert!(!known, "{kind}/{status}: {e}");
                        prop_assert!(e.to_string().contains("unknown journal value"), "{e}");
                    }
                }
                Ok(())
            })
            .unwrap();
    }
}
