//! The local database: `<data dir>/grantsmith.db` (SQLite, WAL, busy timeout).
//!
//! Owns opening, checking and migrating the file. Never overwrites or "repairs" a file it
//! does not understand: a damaged file or one written by a newer Grantsmith is reported
//! and left exactly as it was. Holds no secrets (those live in the keychain).

pub mod columns;
mod migrate;
pub mod private;

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use rusqlite::Connection;

pub use migrate::{MIGRATIONS, Migration};

pub const DB_FILE_NAME: &str = "grantsmith.db";

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "The file {path} is not a readable Grantsmith database (it may be damaged). It was left \
         untouched. Move it elsewhere and restart Grantsmith to begin with a fresh database."
    )]
    NotADatabase { path: PathBuf },
    #[error(
        "The database {path} was written by a newer Grantsmith (schema version {found}; this \
         version knows up to {known}). It was left untouched. Update Grantsmith to open it."
    )]
    TooNew { path: PathBuf, found: u32, known: u32 },
    #[error(
        "Updating the database to version {version} ({name}) failed: {source}. The database \
         was left as it was before the update."
    )]
    Migration { version: u32, name: &'static str, source: rusqlite::Error },
    #[error("Could not create the data folder {path}: {source}")]
    DataDir { path: PathBuf, source: std::io::Error },
    #[error(
        "The data folder {path} cannot be written to ({source}). Grantsmith keeps its database there and \
         changed nothing. Make the folder writable, or set GRANTSMITH_DATA_DIR to a folder that is."
    )]
    ReadOnly { path: PathBuf, source: std::io::Error },
    #[error("Database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

/// One SQLite connection behind a mutex: the app's writes are few and small, and one
/// connection keeps transactions simple. WAL lets a second process (tests) read alongside.
pub struct Store {
    conn: Mutex<Connection>,
    path: Option<PathBuf>,
}

impl Store {
    /// Opens (or creates) `<data_dir>/grantsmith.db` and applies pending migrations.
    pub fn open(data_dir: &Path) -> Result<Store, StoreError> {
        Self::open_with(data_dir, MIGRATIONS)
    }

    /// Like `open`, with an explicit migration list (tests use this to inject failures).
    pub fn open_with(data_dir: &Path, migrations: &[Migration]) -> Result<Store, StoreError> {
        private::dir(data_dir).map_err(|source| StoreError::DataDir { path: data_dir.into(), source })?;
        check_writable(data_dir)?;
        let path = data_dir.join(DB_FILE_NAME);
        private::file(&path).map_err(|source| StoreError::DataDir { path: path.clone(), source })?;
        let conn = Connection::open(&path)?;
        // Read the version before anything writes to the file: a damaged or newer file
        // must stay byte-for-byte as it was.
        let version = read_version(&conn).map_err(|e| classify_open_error(e, &path))?;
        let known = migrate::latest(migrations);
        if version > known {
            return Err(StoreError::TooNew { path, found: version, known });
        }
        conn.busy_timeout(Duration::from_secs(5))?;
        conn.pragma_update(None, "journal_mode", "WAL").map_err(|e| classify_open_error(e, &path))?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        let mut conn = conn;
        migrate::apply(&mut conn, migrations)?;
        Ok(Store { conn: Mutex::new(conn), path: Some(path) })
    }

    /// A private in-memory database with every migration applied (unit tests).
    pub fn open_in_memory() -> Result<Store, StoreError> {
        let mut conn = Connection::open_in_memory()?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        migrate::apply(&mut conn, MIGRATIONS)?;
        Ok(Store { conn: Mutex::new(conn), path: None })
    }

    /// The database file, or `None` for an in-memory store.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub fn schema_version(&self) -> Result<u32, StoreError> {
        Ok(read_version(&self.conn())?)
    }

    pub(crate) fn conn(&self) -> MutexGuard<'_, Connection> {
        // A panic while holding the lock cannot leave SQLite inconsistent (transactions
        // roll back on drop), so a poisoned lock is safe to keep using.
        self.conn.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// SQLite in WAL mode writes files beside the database even to read it; a folder that
/// refuses writes would otherwise surface as an obscure SQLite error. The probe file is
/// created and removed at once.
fn check_writable(data_dir: &Path) -> Result<(), StoreError> {
    let probe = data_dir.join(".grantsmith-write-check");
    match std::fs::OpenOptions::new().write(true).create(true).truncate(true).open(&probe) {
        Ok(_) => {
            let _ = std::fs::remove_file(&probe);
            Ok(())
        }
        Err(source) => Err(StoreError::ReadOnly { path: data_dir.into(), source }),
    }
}

fn read_version(conn: &Connection) -> rusqlite::Result<u32> {
    conn.pragma_query_value(None, "user_version", |row| row.get(0))
}

fn classify_open_error(e: rusqlite::Error, path: &Path) -> StoreError {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) | Some(rusqlite::ErrorCode::DatabaseCorrupt) => {
            StoreError::NotADatabase { path: path.into() }
        }
        _ => StoreError::Sqlite(e),
    }
}

#[cfg(test)]
mod tests;
