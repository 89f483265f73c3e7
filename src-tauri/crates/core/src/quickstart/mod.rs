//! Quickstart code for an application and API, pre-filled with the tenant's values. The
//! secret is never in the code: callers read CLIENT_SECRET, HS256 APIs API_SIGNING_SECRET.
//!
//! Templates use `{{NAME}}` values and `{{#RS256}}…{{/RS256}}` / `{{#HS256}}…{{/HS256}}`
//! blocks kept only for the API's signing algorithm.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Deserialize, TS)]
pub struct QuickstartInput {
    /// `https://acme.eu.auth0.com/` (with the trailing slash).
    pub issuer: String,
    pub client_id: String,
    pub audience: String,
    /// RS256 or HS256.
    pub signing_alg: String,
    /// A scope to use in "needs a scope" examples.
    #[serde(default)]
    #[ts(optional)]
    pub example_scope: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Side {
    /// Gets a token and calls the API.
    Calling,
    /// Validates tokens for the API.
    Api,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Snippet {
    pub id: String,
    pub side: Side,
    /// Tab label, e.g. "Node.js".
    pub label: String,
    /// For syntax highlighting: bash, javascript, python, go, rust, csharp, java.
    pub language: String,
    pub filename: String,
    pub code: String,
}

struct Template {
    id: &'static str,
    side: Side,
    label: &'static str,
    language: &'static str,
    filename: &'static str,
    text: &'static str,
}

const TEMPLATES: &[Template] = &[
    Template {
        id: "call-curl",
        side: Side::Calling,
        label: "curl",
        language: "bash",
        filename: "call.sh",
        text: include_str!("templates/call.sh"),
    },
    Template {
        id: "call-node",
        side: Side::Calling,
        label: "Node.js",
        language: "javascript",
        filename: "call.js",
        text: include_str!("templates/call.js"),
    },
    Template {
        id: "call-python",
        side: Side::Calling,
        label: "Python",
        language: "python",
        filename: "call.py",
        text: include_str!("templates/call.py"),
    },
    Template {
        id: "call-go",
        side: Side::Calling,
        label: "Go",
        language: "go",
        filename: "call.go",
        text: include_str!("templates/call.go"),
    },
    Template {
        id: "call-rust",
        side: Side::Calling,
        label: "Rust",
        language: "rust",
        filename: "main.rs",
        text: include_str!("templates/call.rs"),
    },
    Template {
        id: "call-csharp",
        side: Side::Calling,
        label: "C#",
        language: "csharp",
        filename: "Program.cs",
        text: include_str!("templates/call.cs"),
    },
    Template {
        id: "call-java",
        side: Side::Calling,
        label: "Java",
        language: "java",
        filename: "Call.java",
        text: include_str!("templates/Call.java"),
    },
    Template {
        id: "api-node",
        side: Side::Api,
        label: "Node.js (Express)",
        language: "javascript",
        filename: "api.js",
        text: include_str!("templates/api.js"),
    },
    Template {
        id: "api-python",
        side: Side::Api,
        label: "Python (Flask + PyJWT)",
        language: "python",
        filename: "api.py",
        text: include_str!("templates/api.py"),
    },
    Template {
        id: "api-go",
        side: Side::Api,
        label: "Go",
        language: "go",
        filename: "main.go",
        text: include_str!("templates/api.go"),
    },
    Template {
        id: "api-rust",
        side: Side::Api,
        label: "Rust (axum)",
        language: "rust",
        filename: "main.rs",
        text: include_str!("templates/api.rs"),
    },
    Template {
        id: "api-csharp",
        side: Side::Api,
        label: "ASP.NET Core",
        language: "csharp",
        filename: "Program.cs",
        text: include_str!("templates/api.cs"),
    },
    Template {
        id: "api-java",
        side: Side::Api,
        label: "Spring Boot",
        language: "java",
        filename: "ApiApplication.java",
        text: include_str!("templates/api.java"),
    },
];

/// Keeps the `{{#KEEP}}` blocks (markers removed), drops the `{{#DROP}}` blocks.
fn blocks(text: &str, keep: &str, drop: &str) -> String {
    let mut out = text.replace(&format!("{{{{#{keep}}}}}"), "").replace(&format!("{{{{/{keep}}}}}"), "");
    let (open, close) = (format!("{{{{#{drop}}}}}"), format!("{{{{/{drop}}}}}"));
    while let Some(start) = out.find(&open) {
        let Some(end) = out[start..].find(&close) else { break };
        out.replace_range(start..start + end + close.len(), "");
    }
    out
}

/// Escapes a value for the string literals the templates put it in (all use double or
/// single quotes around plain text; identifiers and ids never contain quotes or
/// backslashes — scope and identifier rules forbid them — but be safe anyway).
fn literal(v: &str) -> String {
    v.replace('\\', "\\\\").replace('"', "\\\"").replace('\'', "")
}

pub fn render(input: &QuickstartInput) -> Vec<Snippet> {
    let hs = input.signing_alg == "HS256";
    let (keep, drop) = if hs { ("HS256", "RS256") } else { ("RS256", "HS256") };
    let issuer = if input.issuer.ends_with('/') { input.issuer.clone() } else { format!("{}/", input.issuer) };
    let values = [
        ("{{TOKEN_URL}}", format!("{issuer}oauth/token")),
        ("{{JWKS_URL}}", format!("{issuer}.well-known/jwks.json")),
        ("{{ISSUER}}", issuer.clone()),
        ("{{CLIENT_ID}}", input.client_id.clone()),
        ("{{AUDIENCE}}", input.audience.clone()),
        ("{{ALG}}", if hs { "HS256".into() } else { "RS256".into() }),
        ("{{FIRST_SCOPE}}", input.example_scope.clone().unwrap_or_else(|| "write:orders".into())),
    ];
    TEMPLATES
        .iter()
        .map(|t| {
            let mut code = blocks(t.text, keep, drop);
            for (k, v) in &values {
                code = code.replace(k, &literal(v));
            }
            Snippet {
                id: t.id.into(),
                side: t.side,
                label: t.label.into(),
                language: t.language.into(),
                filename: t.filename.into(),
                code,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_keep_one_algorithm() {
        let t = "a{{#RS256}}rs{{/RS256}}b{{#HS256}}hs{{/HS256}}c";
        assert_eq!(blocks(t, "RS256", "HS256"), "arsbc");
        assert_eq!(blocks(t, "HS256", "RS256"), "abhsc");
    }
}
