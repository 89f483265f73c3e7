//! What the page may have saved to a file, named by what it is — a setup's export (which
//! application, which API, which format) or the journal (History's filter) — and rendered
//! here from the tenant and the store. The page never sends the text nor a path: a script
//! in it cannot write what it likes, or where it likes, through Grantsmith.
//!
//! Owns the document's name and its file name's rule; the texts are `carry`'s and
//! `journal`'s, and where the file goes is the person's (the shell's save dialog).

use serde::Deserialize;
use ts_rs::TS;

use crate::carry::{self, ExportFormat};
use crate::error::IpcError;
use crate::journal::{self, JournalFilter};
use crate::rule::Rule;
use crate::tenants::Tenants;

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Document {
    /// The setup of `client_id` and the API `audience` as code.
    Setup { client_id: String, audience: String, format: ExportFormat },
    /// The journal as JSON lines, as History's filter narrows it.
    Journal { filter: JournalFilter },
}

/// A document ready to save: a bare file name to suggest, and its text.
pub struct Rendered {
    pub file_name: String,
    pub text: String,
}

/// `document` as it is now on `profile_id`'s tenant and in the store.
pub async fn render(tenants: &Tenants, profile_id: &str, document: &Document) -> Result<Rendered, IpcError> {
    let (file_name, text) = match document {
        Document::Setup { client_id, audience, format } => {
            let e = carry::export_from(tenants, profile_id, client_id, audience, *format).await?;
            (e.file_name, e.text)
        }
        Document::Journal { filter } => {
            let e = journal::export(tenants, profile_id, filter)?;
            (e.file_name, e.text)
        }
    };
    Ok(Rendered { file_name: bare(&file_name)?.to_string(), text })
}

/// `name` when it is a file name alone: no directory, no `..`, nothing hidden. The names
/// made above always are (slugs); this is the last check before a file is written.
pub fn bare(name: &str) -> Result<&str, IpcError> {
    let plain = !name.is_empty()
        && name != "."
        && name != ".."
        && !name.starts_with('.')
        && !name.contains(['/', '\\', ':', '\0'])
        && !name.chars().any(crate::text::is_hidden);
    if plain {
        Ok(name)
    } else {
        Err(IpcError::validation(
            "file_name",
            Rule::InvalidCharacters,
            format!("“{}” is not a plain file name.", name.escape_debug()),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::bare;

    #[test]
    fn only_plain_file_names_pass() {
        for ok in ["orders_worker.tf", "grantsmith-journal-dev-2026-12-08.jsonl"] {
            assert_eq!(bare(ok).unwrap(), ok);
        }
        for no in ["", ".", "..", "../x.tf", "/etc/passwd", "a/b.tf", "C:\\x.tf", "c:x", ".bashrc", "a\nb", "x\0"] {
            assert!(bare(no).is_err(), "{no:?}");
        }
    }
}
