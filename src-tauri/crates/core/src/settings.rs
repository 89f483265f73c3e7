//! User preferences kept in the store (never secrets).

use std::path::Path;

use rusqlite::{Connection, OpenFlags, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::store::DB_FILE_NAME;
use crate::{Store, StoreError};

/// Light, dark, or follow the operating system (the default).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ColorScheme {
    #[default]
    Auto,
    Light,
    Dark,
}

const COLOR_SCHEME_KEY: &str = "color_scheme";

impl ColorScheme {
    fn as_str(self) -> &'static str {
        match self {
            ColorScheme::Auto => "auto",
            ColorScheme::Light => "light",
            ColorScheme::Dark => "dark",
        }
    }

    /// A saved value; none, or one this version does not know, reads as `Auto`.
    fn from_saved(saved: Option<String>) -> Self {
        let known = [ColorScheme::Auto, ColorScheme::Light, ColorScheme::Dark];
        saved.and_then(|s| known.into_iter().find(|c| c.as_str() == s)).unwrap_or_default()
    }

    /// The scheme saved in `data_dir`'s database, read before the store is opened (the
    /// window's colour is chosen before it exists, and the store opens on a thread of its
    /// own). Read-only: a missing, damaged or newer file is neither created nor touched, and
    /// anything unreadable reads as `Auto` — the store, opened next, says what is wrong.
    pub fn saved_in(data_dir: &Path) -> ColorScheme {
        let read = || -> rusqlite::Result<Option<String>> {
            let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
            read_setting(&Connection::open_with_flags(data_dir.join(DB_FILE_NAME), flags)?, COLOR_SCHEME_KEY)
        };
        ColorScheme::from_saved(read().ok().flatten())
    }
}

fn read_setting(conn: &Connection, key: &str) -> rusqlite::Result<Option<String>> {
    conn.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0)).optional()
}

impl Store {
    pub(crate) fn setting(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(read_setting(&self.conn(), key)?)
    }

    pub(crate) fn set_setting(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.conn().execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [key, value],
        )?;
        Ok(())
    }

    /// The saved colour scheme; an unknown saved value reads as `Auto`.
    pub fn color_scheme(&self) -> Result<ColorScheme, StoreError> {
        Ok(ColorScheme::from_saved(self.setting(COLOR_SCHEME_KEY)?))
    }

    pub fn set_color_scheme(&self, scheme: ColorScheme) -> Result<(), StoreError> {
        self.set_setting(COLOR_SCHEME_KEY, scheme.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn color_scheme_defaults_to_auto_and_persists_changes() {
        let store = Store::open_in_memory().unwrap();
        assert_eq!(store.color_scheme().unwrap(), ColorScheme::Auto);
        store.set_color_scheme(ColorScheme::Dark).unwrap();
        assert_eq!(store.color_scheme().unwrap(), ColorScheme::Dark);
        store.set_color_scheme(ColorScheme::Light).unwrap();
        assert_eq!(store.color_scheme().unwrap(), ColorScheme::Light);
    }

    #[test]
    fn saved_scheme_is_read_before_the_store_opens_without_creating_or_touching_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join(DB_FILE_NAME);
        assert_eq!(ColorScheme::saved_in(dir.path()), ColorScheme::Auto);
        assert!(!db.exists(), "reading must not create the database");

        let store = Store::open(dir.path()).unwrap();
        store.set_color_scheme(ColorScheme::Dark).unwrap();
        // Read while the store holds the file open (WAL), and after it closed.
        assert_eq!(ColorScheme::saved_in(dir.path()), ColorScheme::Dark);
        drop(store);
        assert_eq!(ColorScheme::saved_in(dir.path()), ColorScheme::Dark);

        let garbage = b"not a database ".repeat(100);
        std::fs::write(&db, &garbage).unwrap();
        assert_eq!(ColorScheme::saved_in(dir.path()), ColorScheme::Auto);
        assert_eq!(std::fs::read(&db).unwrap(), garbage, "a damaged file stays as it was");
    }
}
