//! What a profile is, and the rules for the fields an admin types (checked here, shown
//! inline by the UI as the user types).

use grantsmith_auth0::TenantUrl;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::rule::{self, FieldIssue, Rule};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Environment {
    Development,
    Staging,
    Production,
}

impl Environment {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Environment::Development => "development",
            Environment::Staging => "staging",
            Environment::Production => "production",
        }
    }

    pub(crate) fn parse(s: &str) -> Self {
        match s {
            "production" => Environment::Production,
            "staging" => Environment::Staging,
            _ => Environment::Development,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ProfileKind {
    /// The built-in local tenant.
    Sandbox,
    Auth0,
}

/// Where a profile's management client secret is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SecretStorage {
    Keychain,
    /// In memory until the app exits (no keychain was available).
    Session,
    /// The Sandbox profile: credentials come from the sandbox itself.
    None,
}

impl SecretStorage {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            SecretStorage::Keychain => "keychain",
            SecretStorage::Session => "session",
            SecretStorage::None => "none",
        }
    }

    pub(crate) fn parse(s: &str) -> Self {
        match s {
            "keychain" => SecretStorage::Keychain,
            "session" => SecretStorage::Session,
            _ => SecretStorage::None,
        }
    }
}

/// A tenant as the UI sees it. Never holds the secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Profile {
    pub id: String,
    pub kind: ProfileKind,
    pub name: String,
    /// The tenant domain, e.g. `acme.eu.auth0.com` (for the Sandbox: its local address once
    /// started).
    pub domain: String,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub custom_domain: Option<String>,
    pub environment: Environment,
    pub client_id: String,
    pub secret_storage: SecretStorage,
    /// A line under the name, e.g. "Local sandbox — no Auth0 account needed".
    pub note: String,
    /// Other profiles that point at the same tenant (allowed, but flagged).
    pub same_tenant_as: Vec<String>,
    /// The secret is not available (kept for a previous session only).
    pub needs_secret: bool,
}

/// What the add/edit form sends. Values are trimmed before they are checked.
#[derive(Clone, Default, Deserialize, TS)]
pub struct ProfileInput {
    pub name: String,
    pub domain: String,
    #[serde(default)]
    #[ts(optional)]
    pub custom_domain: Option<String>,
    pub environment: Option<Environment>,
    pub client_id: String,
    /// Required for a new profile; on edit, absent or empty keeps the stored secret.
    #[serde(default)]
    #[ts(optional)]
    pub client_secret: Option<String>,
    /// Keep the secret in memory for this session only (when no keychain is available).
    #[serde(default)]
    pub session_only: bool,
}

crate::debug_redacted!(ProfileInput { name, domain, custom_domain, environment, client_id, session_only; client_secret });

/// The checked input: what to fix, and what to know (not blocking).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
pub struct InputCheck {
    pub issues: Vec<FieldIssue>,
    pub warnings: Vec<String>,
}

/// A valid, trimmed input.
pub(crate) struct CleanInput {
    pub name: String,
    pub domain: TenantUrl,
    pub domain_text: String,
    pub custom_domain: Option<String>,
    pub environment: Environment,
    pub client_id: String,
    pub client_secret: Option<String>,
}

pub const MAX_NAME: usize = 80;

pub(crate) fn check(input: &ProfileInput, is_new: bool) -> Result<CleanInput, Vec<FieldIssue>> {
    let mut issues = Vec::new();
    let mut issue = |field: &str, code: Rule, message: String| issues.push(FieldIssue::new(field, code, message));

    let name = input.name.trim().to_string();
    if name.is_empty() {
        issue(
            "name",
            Rule::Required,
            "Name is empty. Give the tenant a name you will recognise, e.g. Acme Production.".into(),
        );
    } else if let Some((code, message)) = crate::text::hidden_problem("Tenant names", &name) {
        issue("name", code, message);
    } else if name.chars().count() > MAX_NAME {
        issue(
            "name",
            Rule::TooLong,
            format!("Names can be at most {MAX_NAME} characters; this one is {}.", name.chars().count()),
        );
    }
    let domain = match TenantUrl::parse(&input.domain) {
        Ok(d) => Some(d),
        Err(e) => {
            issue("domain", rule::of_url(&e), e.to_string());
            None
        }
    };
    let custom_domain = input.custom_domain.as_deref().map(str::trim).filter(|s| !s.is_empty());
    if let Some(cd) = custom_domain
        && let Err(e) = TenantUrl::parse(cd)
    {
        issue("custom_domain", rule::of_url(&e), e.to_string());
    }
    let client_id = input.client_id.trim().to_string();
    if client_id.is_empty() {
        issue(
            "client_id",
            Rule::Required,
            "Client ID is empty. Copy it from Auth0 Dashboard → Applications → your management application → Settings."
                .into(),
        );
    } else if let Some(bad) = client_id.chars().find(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_')) {
        let what = if bad.is_whitespace() { "a space".to_string() } else { format!("\"{bad}\"") };
        issue(
            "client_id",
            Rule::InvalidCharacters,
            format!("Client IDs contain only letters, digits, - and _; this one contains {what}."),
        );
    } else if !(8..=128).contains(&client_id.len()) {
        issue(
            "client_id",
            if client_id.len() < 8 { Rule::TooShort } else { Rule::TooLong },
            format!("Client IDs are 8 to 128 characters long (Auth0's are 32); this one is {}.", client_id.len()),
        );
    }
    let client_secret = input.client_secret.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(String::from);
    if is_new && client_secret.is_none() {
        issue(
            "client_secret",
            Rule::Required,
            "Client secret is empty. Copy it from the same Settings page, next to the Client ID.".into(),
        );
    }
    match (issues.is_empty(), domain) {
        (true, Some(domain)) => Ok(CleanInput {
            name,
            domain_text: host_of(&domain),
            domain,
            custom_domain: custom_domain.map(String::from),
            environment: input.environment.unwrap_or(Environment::Development),
            client_id,
            client_secret,
        }),
        _ => Err(issues),
    }
}

/// `acme.eu.auth0.com`, or `127.0.0.1:4010` for a loopback sandbox (with its scheme kept
/// only when it is not https).
pub(crate) fn host_of(url: &TenantUrl) -> String {
    let issuer = url.issuer().trim_end_matches('/');
    issuer.strip_prefix("https://").map(String::from).unwrap_or_else(|| issuer.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> ProfileInput {
        ProfileInput {
            name: " Acme Dev ".into(),
            domain: " https://acme-dev.eu.auth0.com/ ".into(),
            custom_domain: None,
            environment: Some(Environment::Staging),
            client_id: "\tyCaTa3Jtg6Rni9tHKgSWQPGM2Fdhmo6W ".into(),
            client_secret: Some("  s3cret ".into()),
            session_only: false,
        }
    }

    #[test]
    fn pasted_values_are_trimmed_and_accepted() {
        let Ok(c) = check(&input(), true) else { panic!("valid input refused") };
        assert_eq!(c.name, "Acme Dev");
        assert_eq!(c.domain_text, "acme-dev.eu.auth0.com");
        assert_eq!(c.client_id, "yCaTa3Jtg6Rni9tHKgSWQPGM2Fdhmo6W");
        assert_eq!(c.client_secret.as_deref(), Some("s3cret"));
    }

    #[test]
    fn each_bad_field_is_named_with_its_rule() {
        let bad = ProfileInput {
            name: "".into(),
            domain: "http://acme.eu.auth0.com".into(),
            client_id: "has space in it".into(),
            client_secret: Some("   ".into()),
            ..input()
        };
        let issues = check(&bad, true).err().unwrap();
        let fields: Vec<&str> = issues.iter().map(|i| i.field.as_str()).collect();
        assert_eq!(fields, ["name", "domain", "client_id", "client_secret"]);
        assert!(issues[1].message.contains("https"), "{}", issues[1].message);
        assert!(issues[2].message.contains("a space"), "{}", issues[2].message);
    }

    #[test]
    fn domain_with_a_path_is_refused_and_secret_is_optional_on_edit() {
        let issues = check(&ProfileInput { domain: "acme.auth0.com/api/v2/".into(), ..input() }, true).err().unwrap();
        assert_eq!(issues[0].field, "domain");
        assert!(check(&ProfileInput { client_secret: None, ..input() }, false).is_ok());
        let hidden = check(&ProfileInput { name: "Acme\u{202E}dorP".into(), ..input() }, true).err().unwrap();
        assert_eq!((hidden[0].field.as_str(), hidden[0].code), ("name", Rule::InvalidCharacters));
        let long = check(&ProfileInput { name: "n".repeat(81), ..input() }, true).err().unwrap();
        assert_eq!(long[0].message, "Names can be at most 80 characters; this one is 81.");
    }
}
