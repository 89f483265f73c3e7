//! One executor per change: a lease row in SQLite, keyed by its subject (a wizard run, or
//! the object a day-two change set writes), taken before a change is applied, resumed or
//! undone, kept alive by heartbeats while it executes, and released when it ends.
//!
//! The lease is what makes "two clicks, two windows, two app processes" safe: the second
//! caller is refused with the holder's age instead of executing the same steps again. A
//! process that dies leaves its row behind; once the heartbeat is older than `TTL_MS` the
//! row is ignored and the next caller takes the run over. This module does not decide
//! *what* is executed; the engine does.

use rusqlite::{OptionalExtension, TransactionBehavior, params};

use crate::{Store, StoreError};

/// A lease whose heartbeat is older than this belongs to an executor that is gone.
pub const TTL_MS: i64 = 15_000;
/// How often a live executor renews its lease (well inside the TTL).
pub const HEARTBEAT_MS: u64 = 5_000;

/// A held lease; released when dropped — also when the executing future is cancelled
/// (a closed window, a dropped command), so only a dead process leaves one behind.
pub struct Lease<'a> {
    store: &'a Store,
    pub subject: String,
    owner: String,
}

fn owner_token() -> String {
    format!("{}-{}", std::process::id(), (0..12).map(|_| fastrand::alphanumeric()).collect::<String>())
}

/// Whether the process named in an owner token may still be running. Only Linux can tell
/// cheaply (`/proc`; a killed process the parent has not reaped yet is a zombie, state
/// `Z`, and counts as gone); elsewhere the heartbeat's age decides alone.
fn owner_may_be_alive(owner: &str) -> bool {
    let Some(pid) = owner.split('-').next().and_then(|p| p.parse::<u32>().ok()) else { return true };
    if pid == std::process::id() || !cfg!(target_os = "linux") {
        return true;
    }
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        // "pid (comm) state …": the state follows the last ')'.
        Ok(stat) => stat.rsplit_once(')').is_none_or(|(_, rest)| !rest.trim_start().starts_with(['Z', 'X'])),
        Err(_) => false,
    }
}

/// The heartbeat of the executor holding `subject`, if one is alive: its heartbeat is within
/// the TTL and its process may still be running. The UI's "held" and `acquire` both ask
/// this, so a run the UI offers is a run `acquire` grants.
pub(crate) fn holder(conn: &rusqlite::Connection, subject: &str, now_ms: i64) -> rusqlite::Result<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT heartbeat_at, owner FROM leases WHERE subject = ?1 AND heartbeat_at > ?2",
            params![subject, now_ms - TTL_MS],
            |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)),
        )
        .optional()?
        .filter(|(_, owner)| owner_may_be_alive(owner))
        .map(|(heartbeat, _)| heartbeat))
}

/// Why a run could not be taken.
#[derive(Debug, thiserror::Error)]
pub enum LeaseError {
    /// Another live executor holds it; `ago` is its last heartbeat in seconds.
    #[error(
        "This change is being applied by another Grantsmith window or process right now (last active {ago} s ago). \
         Nothing was changed; wait for it to finish. If that process is gone, it becomes available again \
         within {} s.",
        TTL_MS / 1000
    )]
    Held { ago: i64 },
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl<'a> Lease<'a> {
    /// Takes the run for one execution, or says who holds it. `now_ms` is injected so
    /// tests can age a lease without waiting.
    pub fn acquire(store: &'a Store, subject: &str, now_ms: i64) -> Result<Lease<'a>, LeaseError> {
        let owner = owner_token();
        let mut conn = store.conn();
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate).map_err(StoreError::from)?;
        let live = holder(&tx, subject, now_ms).map_err(StoreError::from)?;
        if let Some(heartbeat) = live {
            return Err(LeaseError::Held { ago: ((now_ms - heartbeat).max(0) + 999) / 1000 });
        }
        tx.execute(
            "INSERT INTO leases (subject, owner, taken_at, heartbeat_at) VALUES (?1, ?2, ?3, ?3)
             ON CONFLICT (subject) DO UPDATE SET owner = excluded.owner, taken_at = excluded.taken_at,
                                                heartbeat_at = excluded.heartbeat_at",
            params![subject, owner, now_ms],
        )
        .map_err(StoreError::from)?;
        tx.commit().map_err(StoreError::from)?;
        Ok(Lease { store, subject: subject.to_string(), owner })
    }

    /// Renews the lease. `false` when it was lost (taken over after this executor stalled
    /// past the TTL): the caller must stop writing.
    pub fn heartbeat(&self, now_ms: i64) -> Result<bool, StoreError> {
        let n = self.store.conn().execute(
            "UPDATE leases SET heartbeat_at = ?3 WHERE subject = ?1 AND owner = ?2",
            params![self.subject, self.owner, now_ms],
        )?;
        Ok(n == 1)
    }
}

impl Drop for Lease<'_> {
    /// Gives the run back (only if this executor still holds it). A failure here leaves a
    /// row that expires with its heartbeat.
    fn drop(&mut self) {
        let _ = self
            .store
            .conn()
            .execute("DELETE FROM leases WHERE subject = ?1 AND owner = ?2", params![self.subject, self.owner]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wizard::journal::tests::store_with_run;

    #[test]
    fn a_second_executor_is_refused_while_the_first_is_alive() {
        let s = store_with_run();
        let Ok(first) = Lease::acquire(&s, "r1", 1_000) else { panic!() };
        let live = holder(&s.conn(), "r1", 2_000).unwrap();
        assert_eq!(live, Some(1_000), "a live executor holds the run");
        let Err(e) = Lease::acquire(&s, "r1", 2_000) else { panic!("a second executor got the lease") };
        assert!(matches!(e, LeaseError::Held { ago: 1 }), "{e:?}");
        assert!(e.to_string().contains("another Grantsmith window or process"), "{e}");
        assert!(first.heartbeat(10_000).unwrap());
        assert!(Lease::acquire(&s, "r1", 10_000 + TTL_MS - 1).is_err(), "a heartbeat keeps the lease");
        drop(first);
        assert!(Lease::acquire(&s, "r1", 10_001).is_ok(), "free once the first executor is done");
    }

    #[test]
    fn a_lease_of_a_process_that_is_gone_is_free_at_once() {
        let s = store_with_run();
        s.conn()
            .execute(
                "INSERT INTO leases (subject, owner, taken_at, heartbeat_at) VALUES ('r1', ?1, ?2, ?2)",
                params![format!("{}-x", u32::MAX), crate::clock::now_ms()],
            )
            .unwrap();
        let linux = cfg!(target_os = "linux");
        assert_eq!(s.run("r1").unwrap().unwrap().held, !linux, "the UI offers the run exactly when acquire grants it");
        let taken = Lease::acquire(&s, "r1", crate::clock::now_ms());
        assert_eq!(taken.is_ok(), linux, "no process has pid u32::MAX");
    }

    #[test]
    fn a_dead_executors_lease_expires_and_the_old_owner_cannot_renew_it() {
        let s = store_with_run();
        let Ok(dead) = Lease::acquire(&s, "r1", 1_000) else { panic!() };
        let Ok(next) = Lease::acquire(&s, "r1", 1_000 + TTL_MS + 1) else { panic!("not taken over after the TTL") };
        assert!(!dead.heartbeat(1_000 + TTL_MS + 2).unwrap(), "the stalled executor learns it lost the run");
        drop(dead);
        assert!(Lease::acquire(&s, "r1", 1_000 + TTL_MS + 3).is_err(), "dropping a lost lease frees nothing");
        drop(next);
    }
}
