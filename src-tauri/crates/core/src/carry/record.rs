//! The recorded state of a setup (migration 0007 `setup_records`): written when it is
//! exported or promoted, replaced when the admin accepts the tenant's state or re-applies
//! the record; read by drift.

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::Setup;
use crate::clock::now_ms;
use crate::store::columns::{parse_column, parse_json, text_of};
use crate::{Store, StoreError};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RecordOrigin {
    Export,
    Promote,
    /// The admin accepted the tenant's state after a drift check.
    Accept,
    /// The record was applied again after a drift check.
    Reapply,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SetupRecord {
    pub setup: Setup,
    pub origin: RecordOrigin,
    /// Seconds since the epoch.
    pub recorded_at: i64,
}

impl Store {
    pub fn record_setup(&self, profile_id: &str, setup: &Setup, origin: RecordOrigin) -> Result<(), StoreError> {
        self.conn().execute(
            "INSERT INTO setup_records (profile_id, client_id, audience, setup, origin, recorded_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (profile_id, client_id, audience)
             DO UPDATE SET setup = excluded.setup, origin = excluded.origin, recorded_at = excluded.recorded_at",
            params![
                profile_id,
                setup.app.client_id,
                setup.api.identifier,
                serde_json::to_string(setup).expect("setups serialize"),
                text_of(origin),
                now_ms() / 1000
            ],
        )?;
        Ok(())
    }

    pub fn setup_record(
        &self,
        profile_id: &str,
        client_id: &str,
        audience: &str,
    ) -> Result<Option<SetupRecord>, StoreError> {
        Ok(self
            .conn()
            .query_row(
                "SELECT setup, origin, recorded_at FROM setup_records
                 WHERE profile_id = ?1 AND client_id = ?2 AND audience = ?3",
                params![profile_id, client_id, audience],
                |r| {
                    Ok(SetupRecord {
                        setup: parse_json(0, r.get(0)?)?,
                        origin: parse_column(1, r.get(1)?)?,
                        recorded_at: r.get(2)?,
                    })
                },
            )
            .optional()?)
    }
}
