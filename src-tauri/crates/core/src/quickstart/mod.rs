//! Quickstart code for an application and API, pre-filled with the tenant's values. The
//! secret is never in the code: callers read CLIENT_SECRET, HS256 APIs API_SIGNING_SECRET.
//!
//! Templates use `{{NAME}}` values and `{{#RS256}}…{{/RS256}}` / `{{#HS256}}…{{/HS256}}`
//! blocks kept only for the API's signing algorithm.

use serde::Serialize;
use ts_rs::TS;

/// What the shell knows when it asks for snippets (not an IPC type: the webview sends only
/// the client id and audience).
#[derive(Debug, Clone)]
pub struct QuickstartInput {
    /// `https://acme.eu.auth0.com/` (with the trailing slash).
    pub issuer: String,
    pub client_id: String,
    pub audience: String,
    /// RS256 or HS256.
    pub signing_alg: String,
    /// A scope to use in "needs a scope" examples.
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

/// A value as the template's language must write it. Values come from the tenant (an
/// identifier can hold `$(…)`, quotes, backticks, newlines), so each language gets its own
/// escaping; nothing is dropped, and nothing can leave its literal.
///
/// - shell: a whole single-quoted word (`'` as `'\''`); templates assign it to a variable
///   and use `"$VAR"`, so no expansion ever sees the value;
/// - the others: the inside of a double-quoted string literal (also safe in the `//`
///   comments and Python docstrings that name the API): `\` and `"` escaped, control and
///   line-separator characters as escapes the language knows. Java gets octal escapes,
///   because it turns `\uXXXX` into the raw character before it reads the source.
fn escape(language: &str, v: &str) -> String {
    if language == "bash" {
        return crate::text::shell_word(v);
    }
    let mut out = String::with_capacity(v.len());
    for c in v.chars() {
        match c {
            '\\' => out.push_str(r"\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str(r"\n"),
            '\r' => out.push_str(r"\r"),
            '\t' => out.push_str(r"\t"),
            c if c.is_control() || c == '\u{2028}' || c == '\u{2029}' => out.push_str(&match language {
                "java" if (c as u32) < 0x100 => format!("\\{:03o}", c as u32),
                "java" => c.to_string(),
                "rust" => format!("\\u{{{:x}}}", c as u32),
                _ => format!("\\u{:04x}", c as u32),
            }),
            c => out.push(c),
        }
    }
    out
}

/// Replaces each `{{NAME}}` in one pass, so a value that itself contains `{{…}}` is never
/// replaced again.
fn fill(text: &str, values: &[(&str, String)], language: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let tail = &rest[start..];
        match values.iter().find(|(k, _)| tail.starts_with(k)) {
            Some((k, v)) => {
                out.push_str(&escape(language, v));
                rest = &tail[k.len()..];
            }
            None => {
                out.push_str("{{");
                rest = &tail[2..];
            }
        }
    }
    out.push_str(rest);
    out
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
            let code = fill(&blocks(t.text, keep, drop), &values, t.language);
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

    const HOSTILE: &str = "https://x/$(touch pwned)`id`\"'\\\n\u{2028}\u{7}{{CLIENT_ID}}";

    #[test]
    fn every_language_keeps_a_hostile_value_inside_its_literal() {
        for lang in ["javascript", "python", "go", "rust", "csharp", "java"] {
            let e = escape(lang, HOSTILE);
            assert!(!e.contains(['\n', '\u{7}']), "{lang}: raw line break or control left: {e}");
            // Java alone keeps U+2028 raw: it is no line terminator there, and a \u escape
            // would become the raw character before lexing anyway.
            assert_eq!(e.contains('\u{2028}'), lang == "java", "{lang}: {e}");
            // Every quote is escaped: an odd run of backslashes precedes it.
            for (i, _) in e.match_indices('"') {
                let run = e[..i].chars().rev().take_while(|c| *c == '\\').count();
                assert!(run % 2 == 1, "{lang}: unescaped quote in {e}");
            }
            assert!(!e.contains("\\u000a"), "{lang}: {e}");
        }
        assert!(escape("java", "\u{7}").contains("\\007"), "Java gets octal, not a unicode escape");
        assert_eq!(escape("bash", "it's $(x)"), r"'it'\''s $(x)'");
    }

    #[test]
    fn a_value_that_looks_like_a_placeholder_is_not_replaced_again() {
        let values = [("{{A}}", "{{B}}".to_string()), ("{{B}}", "b".to_string())];
        assert_eq!(fill("x{{A}}y{{B}}{{C}}", &values, "python"), "x{{B}}yb{{C}}");
    }

    #[test]
    fn blocks_keep_one_algorithm() {
        let t = "a{{#RS256}}rs{{/RS256}}b{{#HS256}}hs{{/HS256}}c";
        assert_eq!(blocks(t, "RS256", "HS256"), "arsbc");
        assert_eq!(blocks(t, "HS256", "RS256"), "abhsc");
    }
}
