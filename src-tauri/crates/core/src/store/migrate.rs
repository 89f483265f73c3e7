//! Versioned schema migrations, recorded in SQLite's `user_version`.
//!
//! All pending migrations run in one transaction: either the database reaches the latest
//! version, or it stays exactly at the version it had (a failure mid-way rolls back the
//! earlier steps of the same run too).

use rusqlite::Connection;

use super::StoreError;

pub struct Migration {
    pub version: u32,
    pub name: &'static str,
    pub sql: &'static str,
}

/// Every migration, in order. Append only; never edit one that has shipped.
pub const MIGRATIONS: &[Migration] = &[
    Migration { version: 1, name: "settings", sql: include_str!("migrations/0001_settings.sql") },
    Migration { version: 2, name: "profiles", sql: include_str!("migrations/0002_profiles.sql") },
    Migration { version: 3, name: "wizard", sql: include_str!("migrations/0003_wizard.sql") },
    Migration { version: 4, name: "change engine", sql: include_str!("migrations/0004_change_engine.sql") },
    Migration { version: 5, name: "tenant index", sql: include_str!("migrations/0005_tenant_index.sql") },
    Migration { version: 6, name: "change sets", sql: include_str!("migrations/0006_change_sets.sql") },
    Migration { version: 7, name: "carry a setup", sql: include_str!("migrations/0007_carry.sql") },
    Migration { version: 8, name: "search folded", sql: include_str!("migrations/0008_search_folded.sql") },
];

pub(super) fn latest(migrations: &[Migration]) -> u32 {
    migrations.last().map_or(0, |m| m.version)
}

pub(super) fn apply(conn: &mut Connection, migrations: &[Migration]) -> Result<(), StoreError> {
    let current: u32 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let pending: Vec<&Migration> = migrations.iter().filter(|m| m.version > current).collect();
    if pending.is_empty() {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    for m in pending {
        let fail = |source| StoreError::Migration { version: m.version, name: m.name, source };
        tx.execute_batch(m.sql).map_err(fail)?;
        tx.pragma_update(None, "user_version", m.version).map_err(fail)?;
        tracing::info!(version = m.version, name = m.name, "applied migration");
    }
    tx.commit()?;
    Ok(())
}
