//! User preferences kept in the store (never secrets).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

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

    fn parse(s: &str) -> Option<Self> {
        [ColorScheme::Auto, ColorScheme::Light, ColorScheme::Dark].into_iter().find(|c| c.as_str() == s)
    }
}

impl Store {
    pub(crate) fn setting(&self, key: &str) -> Result<Option<String>, StoreError> {
        use rusqlite::OptionalExtension;
        Ok(self.conn().query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0)).optional()?)
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
        Ok(self.setting(COLOR_SCHEME_KEY)?.as_deref().and_then(ColorScheme::parse).unwrap_or_default())
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
}
