//! A setup as Terraform for the Auth0 provider (`auth0/auth0`): `auth0_client`,
//! `auth0_resource_server`, `auth0_resource_server_scopes` (scopes in their own resource,
//! never inline: the two fight over the list) and `auth0_client_grant`, each with an
//! `import` block carrying the existing id, so `terraform plan` adopts the objects instead
//! of creating them again. Laid out as `terraform fmt` would.
//!
//! No secret is written: the client secret and an HS256 signing secret stay with Auth0.

use std::fmt::Write;

use super::export::Origin;
use super::{Setup, label};
use crate::text;

/// An HCL quoted string: escapes, every hidden character (`text::is_hidden`: line breaks,
/// control, bidi, zero-width) as `\uXXXX`, and `${` / `%{` doubled so nothing is read as a
/// template. Tenant text in it can neither end the string nor look like something else.
fn quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        if !text::escape_quoted(&mut out, c) {
            out.push(c);
        }
    }
    out.push('"');
    out.replace("${", "$${").replace("%{", "%%{")
}

fn list(items: &[String]) -> String {
    format!("[{}]", items.iter().map(|s| quoted(s)).collect::<Vec<_>>().join(", "))
}

/// Attribute lines with their `=` aligned, indented by `indent` spaces.
fn attributes(out: &mut String, indent: usize, attrs: &[(&str, String)]) {
    let width = attrs.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
    for (k, v) in attrs {
        let _ = writeln!(out, "{:indent$}{k:width$} = {v}", "");
    }
}

struct Labels {
    app: String,
    api: String,
    grant: String,
}

fn labels(setup: &Setup) -> Labels {
    let app = label::slug(&setup.app.name, "app");
    let mut api = label::slug(&setup.api.name, "api");
    if api == app {
        api.push_str("_api");
    }
    Labels { grant: format!("{app}_{api}"), app, api }
}

pub fn render(setup: &Setup, origin: &Origin) -> String {
    let l = labels(setup);
    let mut out = String::new();
    // Tenant text in a comment is written as a quoted string too: a line break in a name
    // must not end the comment and start a resource.
    let _ = writeln!(
        out,
        "# {} and the API {}, exported by Grantsmith from the tenant {} ({}).",
        quoted(&setup.app.name),
        quoted(&setup.api.name),
        quoted(origin.profile),
        quoted(origin.domain)
    );
    out.push_str(
        "# For the Auth0 Terraform provider (auth0/auth0). The import blocks (Terraform 1.5 or later)\n\
         # adopt the existing objects on `terraform plan` instead of creating them again.\n\
         # No secret is written: the client secret stays with Auth0.\n\n",
    );

    let _ = writeln!(out, "resource \"auth0_client\" \"{}\" {{", l.app);
    let mut app = vec![("name", quoted(&setup.app.name))];
    if !setup.app.description.is_empty() {
        app.push(("description", quoted(&setup.app.description)));
    }
    app.push(("app_type", quoted(&setup.app.app_type)));
    app.push(("grant_types", list(&setup.app.grant_types)));
    attributes(&mut out, 2, &app);
    out.push_str("}\n\n");

    let _ = writeln!(out, "resource \"auth0_resource_server\" \"{}\" {{", l.api);
    attributes(
        &mut out,
        2,
        &[
            ("name", quoted(&setup.api.name)),
            ("identifier", quoted(&setup.api.identifier)),
            ("signing_alg", quoted(&setup.api.signing_alg)),
            ("token_lifetime", setup.api.token_lifetime.to_string()),
        ],
    );
    if setup.api.signing_alg == "HS256" {
        out.push_str("  # signing_secret is not written: Auth0 keeps the one it made.\n");
    }
    out.push_str("}\n\n");

    if !setup.api.scopes.is_empty() {
        let _ = writeln!(out, "resource \"auth0_resource_server_scopes\" \"{}\" {{", l.api);
        let _ = writeln!(out, "  resource_server_identifier = auth0_resource_server.{}.identifier", l.api);
        for s in &setup.api.scopes {
            out.push_str("\n  scopes {\n");
            let mut attrs = vec![("name", quoted(&s.value))];
            if !s.description.is_empty() {
                attrs.push(("description", quoted(&s.description)));
            }
            attributes(&mut out, 4, &attrs);
            out.push_str("  }\n");
        }
        out.push_str("}\n\n");
    }

    if let Some(grant) = &setup.grant {
        let _ = writeln!(out, "resource \"auth0_client_grant\" \"{}\" {{", l.grant);
        attributes(
            &mut out,
            2,
            &[
                ("client_id", format!("auth0_client.{}.id", l.app)),
                ("audience", format!("auth0_resource_server.{}.identifier", l.api)),
                ("scopes", list(&grant.scopes)),
            ],
        );
        out.push_str("}\n\n");
    }

    let mut imports = vec![
        (format!("auth0_client.{}", l.app), setup.app.client_id.clone()),
        (format!("auth0_resource_server.{}", l.api), setup.api.id.clone()),
    ];
    if !setup.api.scopes.is_empty() {
        // This resource is imported by the API's identifier, not its id.
        imports.push((format!("auth0_resource_server_scopes.{}", l.api), setup.api.identifier.clone()));
    }
    if let Some(grant) = &setup.grant {
        imports.push((format!("auth0_client_grant.{}", l.grant), grant.id.clone()));
    }
    let last = imports.len() - 1;
    for (i, (to, id)) in imports.into_iter().enumerate() {
        out.push_str("import {\n");
        attributes(&mut out, 2, &[("to", to), ("id", quoted(&id))]);
        out.push_str(if i == last { "}\n" } else { "}\n\n" });
    }
    out
}

pub fn notes(setup: &Setup) -> Vec<String> {
    let mut notes = vec![
        "The import blocks carry this tenant's ids: on another tenant, remove them (Terraform then creates the objects)."
            .to_string(),
        "The client secret is not in the file. To let Terraform manage it, add an auth0_client_credentials resource."
            .to_string(),
    ];
    if setup.api.signing_alg == "HS256" {
        notes.push("HS256: the API's signing secret is not in the file; Auth0 keeps the one it made.".into());
    }
    notes
}

#[cfg(test)]
mod tests {
    use super::quoted;

    #[test]
    fn strings_cannot_become_templates() {
        assert_eq!(quoted(r#"a "b" \ ${x} %{y}"#), r#""a \"b\" \\ $${x} %%{y}""#);
        assert_eq!(quoted("line\nbreak"), r#""line\nbreak""#);
    }

    #[test]
    fn hidden_characters_are_escaped_not_written() {
        assert_eq!(quoted("a\u{2028}b\u{202E}c\u{85}d\u{200B}"), r#""a\u2028b\u202ec\u0085d\u200b""#);
    }
}
