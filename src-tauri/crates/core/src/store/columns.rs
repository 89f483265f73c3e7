//! Rust values in SQLite text columns, and back: journal enums by serde's name (the
//! database and IPC agree), JSON documents. A value this version does not know is an error,
//! never a guess. Owns the conversions; the tables are their modules'.

use serde::Serialize;

/// A journal enum as its column text: serde's name, so the database and IPC agree.
pub fn text_of<T: Serialize>(v: T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        _ => unreachable!("journal enums serialize as strings"),
    }
}

/// A journal column back into its enum. A value this version does not know is an error,
/// never a guess: reading an unknown step as one that writes (or as done) could make a
/// resume repeat or skip a change.
pub fn parse_column<T: serde::de::DeserializeOwned>(idx: usize, text: String) -> rusqlite::Result<T> {
    serde_json::from_value(serde_json::Value::String(text.clone())).map_err(|_| {
        rusqlite::Error::FromSqlConversionFailure(
            idx,
            rusqlite::types::Type::Text,
            format!("unknown journal value \"{text}\" (written by a newer Grantsmith?)").into(),
        )
    })
}

pub fn parse_json<T: serde::de::DeserializeOwned>(idx: usize, text: String) -> rusqlite::Result<T> {
    serde_json::from_str(&text)
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, Box::new(e)))
}
