//! The journal of day-two change sets in SQLite: the change (who, when, what was asked) is
//! written before anything is sent, and each operation before and after its call, so what
//! happened is known even if the app is killed half-way. Never a secret value.

use rusqlite::{OptionalExtension, params};

use super::set::{ChangeRequest, ChangeStatus, ChangeStep, ChangeStepView, ChangeView, OpStatus};
use crate::clock::now_ms;
use crate::store::columns::{parse_column, text_of};
use crate::{Store, StoreError};

/// The OS user making the change (the journal says who, not only when): the login name
/// from the environment, else the home folder's name (a desktop session may set neither
/// `USER` nor `LOGNAME`, e.g. when started by a service manager).
pub fn os_user() -> String {
    ["USER", "USERNAME", "LOGNAME"]
        .iter()
        .find_map(|k| std::env::var(k).ok().filter(|v| !v.is_empty()))
        .or_else(|| {
            let home = std::env::var_os("HOME").or_else(|| std::env::var_os("USERPROFILE"))?;
            Some(std::path::Path::new(&home).file_name()?.to_string_lossy().into_owned())
        })
        .unwrap_or_else(|| "unknown".into())
}

impl Store {
    pub fn insert_change(
        &self,
        id: &str,
        profile_id: &str,
        title: &str,
        request: &ChangeRequest,
        steps: &[ChangeStep],
    ) -> Result<(), StoreError> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let ms = now_ms();
        let t = ms / 1000;
        let request_json = serde_json::to_string(request).expect("requests serialize");
        tx.execute(
            "INSERT INTO changes (id, profile_id, kind, title, request, status, os_user, created_at, updated_at, created_ms)
             VALUES (?1, ?2, ?3, ?4, ?5, 'running', ?6, ?7, ?7, ?8)",
            params![id, profile_id, request.kind(), title, request_json, os_user(), t, ms],
        )?;
        for (i, s) in steps.iter().enumerate() {
            tx.execute(
                "INSERT INTO change_steps (change_id, idx, op, title, detail, status, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, 'waiting', ?6)",
                params![id, i as i64, serde_json::to_string(&s.op).expect("ops serialize"), s.title, s.detail, t],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Records that a secret or a token was shown to the user (who, when, which application
    /// and API, in `request` with its `kind`) — a read, but one the journal must show; never
    /// the value.
    pub fn journal_event(
        &self,
        id: &str,
        profile_id: &str,
        title: &str,
        request: &serde_json::Value,
    ) -> Result<(), StoreError> {
        let kind = request["kind"].as_str().unwrap_or_default();
        let ms = now_ms();
        self.conn().execute(
            "INSERT INTO changes (id, profile_id, kind, title, request, status, os_user, created_at, updated_at, created_ms)
             VALUES (?1, ?2, ?3, ?4, ?5, 'done', ?6, ?7, ?7, ?8)",
            params![id, profile_id, kind, title, request.to_string(), os_user(), ms / 1000, ms],
        )?;
        Ok(())
    }

    pub fn update_change_step(
        &self,
        id: &str,
        idx: usize,
        status: OpStatus,
        object_id: Option<&str>,
        note: Option<&str>,
        error: Option<&str>,
    ) -> Result<(), StoreError> {
        self.conn().execute(
            "UPDATE change_steps SET status = ?3, object_id = COALESCE(?4, object_id), note = ?5, error = ?6,
                    updated_at = ?7
             WHERE change_id = ?1 AND idx = ?2",
            params![id, idx as i64, text_of(status), object_id, note, error, now_ms() / 1000],
        )?;
        Ok(())
    }

    pub fn finish_change(&self, id: &str, status: ChangeStatus) -> Result<(), StoreError> {
        self.conn().execute(
            "UPDATE changes SET status = ?2, updated_at = ?3 WHERE id = ?1",
            params![id, text_of(status), now_ms() / 1000],
        )?;
        Ok(())
    }

    pub fn change(&self, id: &str) -> Result<Option<ChangeView>, StoreError> {
        let conn = self.conn();
        let change = conn
            .query_row(
                "SELECT id, profile_id, kind, title, status, os_user, created_at FROM changes WHERE id = ?1",
                [id],
                |r| {
                    Ok(ChangeView {
                        id: r.get(0)?,
                        profile_id: r.get(1)?,
                        kind: r.get(2)?,
                        title: r.get(3)?,
                        status: parse_column(4, r.get(4)?)?,
                        os_user: r.get(5)?,
                        created_at: r.get(6)?,
                        steps: vec![],
                    })
                },
            )
            .optional()?;
        let Some(mut change) = change else { return Ok(None) };
        let mut stmt = conn.prepare(
            "SELECT op, title, detail, status, note, error FROM change_steps WHERE change_id = ?1 ORDER BY idx",
        )?;
        change.steps = stmt
            .query_map([id], |r| {
                let op: super::set::Op = crate::store::columns::parse_json(0, r.get(0)?)?;
                Ok(ChangeStepView {
                    effect: op.effect(),
                    title: r.get(1)?,
                    detail: r.get(2)?,
                    status: parse_column(3, r.get(3)?)?,
                    note: r.get(4)?,
                    error: r.get(5)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(Some(change))
    }
}

impl Store {
    /// A change set's request as asked (JSON; a reveal's request is not a `ChangeRequest`).
    pub fn change_request(&self, id: &str) -> Result<serde_json::Value, StoreError> {
        let text: String = self.conn().query_row("SELECT request FROM changes WHERE id = ?1", [id], |r| r.get(0))?;
        Ok(serde_json::from_str(&text).unwrap_or_default())
    }
}
