//! Wizard runs and drafts in SQLite: every step's state is written before and after its
//! remote call, so an interrupted run can be resumed (also by a fresh process).

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::plan::{PlanStep, StepKind};
use super::spec::WizardSpec;
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

fn run_status(s: &str) -> RunStatus {
    match s {
        "done" => RunStatus::Done,
        "failed" => RunStatus::Failed,
        "undone" => RunStatus::Undone,
        _ => RunStatus::Running,
    }
}

fn step_status(s: &str) -> StepStatus {
    match s {
        "running" => StepStatus::Running,
        "done" => StepStatus::Done,
        "failed" => StepStatus::Failed,
        "undone" => StepStatus::Undone,
        _ => StepStatus::Waiting,
    }
}

fn run_status_str(s: RunStatus) -> &'static str {
    match s {
        RunStatus::Running => "running",
        RunStatus::Done => "done",
        RunStatus::Failed => "failed",
        RunStatus::Undone => "undone",
    }
}

fn step_status_str(s: StepStatus) -> &'static str {
    match s {
        StepStatus::Waiting => "waiting",
        StepStatus::Running => "running",
        StepStatus::Done => "done",
        StepStatus::Failed => "failed",
        StepStatus::Undone => "undone",
    }
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
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
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
    pub created_at: i64,
}

/// Which object a finished step recorded on the run.
pub enum Recorded<'a> {
    Client(&'a str),
    Api { id: &'a str, identifier: &'a str },
    Grant(&'a str),
}

fn now() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
}

impl Store {
    pub fn insert_run(
        &self,
        id: &str,
        profile_id: &str,
        spec: &WizardSpec,
        steps: &[PlanStep],
    ) -> Result<(), StoreError> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let t = now();
        let spec = serde_json::to_string(spec).expect("spec serializes");
        tx.execute(
            "INSERT INTO wizard_runs (id, profile_id, spec, status, created_at, updated_at) VALUES (?1, ?2, ?3, 'running', ?4, ?4)",
            params![id, profile_id, spec, t],
        )?;
        for (i, s) in steps.iter().enumerate() {
            tx.execute(
                "INSERT INTO wizard_steps (run_id, idx, kind, title, detail, status, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, 'waiting', ?6)",
                params![id, i as i64, s.kind.as_str(), s.title, s.detail, t],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    pub fn run(&self, id: &str) -> Result<Option<RunView>, StoreError> {
        let conn = self.conn();
        let run = conn
            .query_row(
                "SELECT id, profile_id, spec, status, client_id, api_id, api_identifier, grant_id, created_at FROM wizard_runs WHERE id = ?1",
                [id],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, Option<String>>(4)?,
                        r.get::<_, Option<String>>(5)?,
                        r.get::<_, Option<String>>(6)?,
                        r.get::<_, Option<String>>(7)?,
                        r.get::<_, i64>(8)?,
                    ))
                },
            )
            .optional()?;
        let Some((id, profile_id, spec, status, client_id, api_id, api_identifier, grant_id, created_at)) = run else {
            return Ok(None);
        };
        let mut stmt = conn.prepare(
            "SELECT idx, kind, title, detail, status, object_id, created, error FROM wizard_steps WHERE run_id = ?1 ORDER BY idx",
        )?;
        let steps = stmt
            .query_map([&id], |r| {
                Ok(RunStep {
                    idx: r.get::<_, i64>(0)? as u32,
                    kind: StepKind::parse(&r.get::<_, String>(1)?).unwrap_or(StepKind::ReuseGrant),
                    title: r.get(2)?,
                    detail: r.get(3)?,
                    status: step_status(&r.get::<_, String>(4)?),
                    object_id: r.get(5)?,
                    created: r.get::<_, i64>(6)? != 0,
                    error: r.get(7)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let spec: WizardSpec = serde_json::from_str(&spec).map_err(|e| {
            StoreError::Sqlite(rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e)))
        })?;
        Ok(Some(RunView {
            id,
            profile_id,
            status: run_status(&status),
            spec,
            steps,
            client_id,
            api_id,
            api_identifier,
            grant_id,
            created_at,
        }))
    }

    pub fn set_step(
        &self,
        run_id: &str,
        idx: u32,
        status: StepStatus,
        object_id: Option<&str>,
        created: bool,
        error: Option<&str>,
    ) -> Result<(), StoreError> {
        self.conn().execute(
            "UPDATE wizard_steps SET status = ?3, object_id = COALESCE(?4, object_id), created = created OR ?5, error = ?6, updated_at = ?7
             WHERE run_id = ?1 AND idx = ?2",
            params![run_id, idx as i64, step_status_str(status), object_id, created, error, now()],
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
            params![run_id, run_status_str(status), now()],
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
