//! A setup as an auth0-deploy-cli YAML fragment (`clients`, `resourceServers`,
//! `clientGrants`) for `a0deploy import`. The API identifier differs between tenants, so it
//! is written as the keyword `##API_IDENTIFIER##`, which deploy-cli replaces from
//! `AUTH0_KEYWORD_REPLACE_MAPPINGS`. deploy-cli knows a client by its name: the grant names
//! it so.
//!
//! Every string is written double-quoted with escapes (`q`), so no tenant text can turn
//! into YAML syntax, and no `##KEY##` / `@@KEY@@` of the tenant's can be substituted by
//! deploy-cli, which replaces keywords in the file's text before it reads the YAML. No secret.

use std::fmt::Write;

use super::Setup;
use super::export::Origin;
use crate::text;

/// The keyword standing for the API identifier.
pub const API_IDENTIFIER: &str = "API_IDENTIFIER";

/// A YAML double-quoted scalar that means exactly `s`: quotes and backslashes escaped,
/// every hidden character (`text::is_hidden`: YAML 1.1 also breaks lines at U+0085 and
/// U+2028/2029) and YAML's non-printables as `\uXXXX`, and the second of two `#` or `@` in
/// a row as `\x23` / `\x40`, so the raw text never holds a deploy-cli keyword.
fn q(s: &str) -> String {
    let mut out = String::from("\"");
    let mut last = '"';
    for c in s.chars() {
        match c {
            '#' if last == '#' => out.push_str("\\x23"),
            '@' if last == '@' => out.push_str("\\x40"),
            '\u{FFFE}' | '\u{FFFF}' => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c if text::escape_quoted(&mut out, c) => {}
            c => out.push(c),
        }
        last = out.chars().next_back().unwrap_or('"');
    }
    out.push('"');
    out
}

fn list(out: &mut String, indent: usize, key: &str, items: &[String]) {
    if items.is_empty() {
        let _ = writeln!(out, "{:indent$}{key}: []", "");
        return;
    }
    let _ = writeln!(out, "{:indent$}{key}:", "");
    for i in items {
        let _ = writeln!(out, "{:indent$}  - {}", "", q(i));
    }
}

pub fn render(setup: &Setup, origin: &Origin) -> String {
    // Our own keyword: the one place a `##…##` is written raw.
    let keyword = format!("\"##{API_IDENTIFIER}##\"");
    let mut out = String::new();
    // Tenant text in a comment is quoted too: a line break must not end the comment, and a
    // keyword in a comment would be replaced like any other.
    let _ = writeln!(
        out,
        "# {} and the API {}, exported by Grantsmith from the tenant {} ({}).",
        q(&setup.app.name),
        q(&setup.api.name),
        q(origin.profile),
        q(origin.domain)
    );
    let _ = writeln!(
        out,
        "# For auth0-deploy-cli: a0deploy import --input_file <this file> --config_file <config>.\n\
         # ##{API_IDENTIFIER}## is the API identifier, different on each tenant. In the config:\n\
         #   \"AUTH0_KEYWORD_REPLACE_MAPPINGS\": {{ \"{API_IDENTIFIER}\": {} }}\n\
         # No secret is written: each tenant keeps its own client secret.",
        q(&setup.api.identifier)
    );
    out.push_str("clients:\n");
    let _ = writeln!(out, "  - name: {}", q(&setup.app.name));
    if !setup.app.description.is_empty() {
        let _ = writeln!(out, "    description: {}", q(&setup.app.description));
    }
    let _ = writeln!(out, "    app_type: {}", q(&setup.app.app_type));
    list(&mut out, 4, "grant_types", &setup.app.grant_types);

    out.push_str("resourceServers:\n");
    let _ = writeln!(out, "  - name: {}", q(&setup.api.name));
    let _ = writeln!(out, "    identifier: {keyword}");
    let _ = writeln!(out, "    signing_alg: {}", q(&setup.api.signing_alg));
    let _ = writeln!(out, "    token_lifetime: {}", setup.api.token_lifetime);
    if setup.api.scopes.is_empty() {
        out.push_str("    scopes: []\n");
    } else {
        out.push_str("    scopes:\n");
        for s in &setup.api.scopes {
            let _ = writeln!(out, "      - value: {}", q(&s.value));
            let _ = writeln!(out, "        description: {}", q(&s.description));
        }
    }

    match &setup.grant {
        None => out.push_str("clientGrants: []\n"),
        Some(grant) => {
            out.push_str("clientGrants:\n");
            let _ = writeln!(out, "  - client_id: {}", q(&setup.app.name));
            let _ = writeln!(out, "    audience: {keyword}");
            list(&mut out, 4, "scope", &grant.scopes);
        }
    }
    out
}

pub fn notes(setup: &Setup) -> Vec<String> {
    vec![
        format!(
            "Set {API_IDENTIFIER} for each tenant in AUTH0_KEYWORD_REPLACE_MAPPINGS; on this tenant it is {}.",
            setup.api.identifier
        ),
        "deploy-cli finds clients by name: an application of the same name on the target is updated, not duplicated."
            .into(),
    ]
}

#[cfg(test)]
mod tests {
    use super::q;

    #[test]
    fn keywords_and_hidden_characters_cannot_pass_through() {
        assert_eq!(q("##KEY## @@KEY@@ #1 a@b"), r##""#\x23KEY#\x23 @\x40KEY@\x40 #1 a@b""##);
        assert_eq!(q("###"), r##""#\x23#""##, "no two raw # in a row, however many");
        assert_eq!(q("a\u{2028}b\u{85}c\u{202E}\u{7F}"), r##""a\u2028b\u0085c\u202e\u007f""##);
        assert_eq!(q("\"\\"), r##""\"\\""##);
    }
}
