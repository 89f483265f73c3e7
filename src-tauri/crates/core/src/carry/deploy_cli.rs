//! A setup as an auth0-deploy-cli YAML fragment (`clients`, `resourceServers`,
//! `clientGrants`) for `a0deploy import`. The API identifier differs between tenants, so it
//! is written as the keyword `##API_IDENTIFIER##`, which deploy-cli replaces from
//! `AUTH0_KEYWORD_REPLACE_MAPPINGS`. deploy-cli knows a client by its name: the grant names
//! it so.
//!
//! Every string is written double-quoted with JSON escapes (a valid YAML scalar), so no
//! name can turn into YAML syntax — `##…##` unquoted would be a comment. No secret.

use std::fmt::Write;

use super::Setup;
use super::export::Origin;

/// The keyword standing for the API identifier.
pub const API_IDENTIFIER: &str = "API_IDENTIFIER";

fn q(s: &str) -> String {
    serde_json::to_string(s).expect("strings serialize")
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
    let keyword = format!("##{API_IDENTIFIER}##");
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# “{}” and the API “{}”, exported by Grantsmith from the tenant {} ({}).",
        setup.app.name, setup.api.name, origin.profile, origin.domain
    );
    let _ = writeln!(
        out,
        "# For auth0-deploy-cli: a0deploy import --input_file <this file> --config_file <config>.\n\
         # {keyword} is the API identifier, different on each tenant. In the config:\n\
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
    let _ = writeln!(out, "    identifier: {}", q(&keyword));
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
            let _ = writeln!(out, "    audience: {}", q(&keyword));
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
