//! What the admin asks the wizard for, and every rule it must meet — checked here, in one
//! place, and shown inline by the UI as the user types.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::rule::{FieldIssue, Rule};
use crate::text;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "mode", rename_all = "snake_case")]
pub enum AppChoice {
    /// A new Machine to Machine application.
    New {
        name: String,
        description: String,
    },
    Existing {
        client_id: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub enum SigningAlg {
    RS256,
    HS256,
}

impl SigningAlg {
    pub fn as_str(self) -> &'static str {
        match self {
            SigningAlg::RS256 => "RS256",
            SigningAlg::HS256 => "HS256",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "mode", rename_all = "snake_case")]
pub enum ApiChoice {
    New { name: String, identifier: String, signing_alg: SigningAlg, token_lifetime: i64 },
    Existing { identifier: String },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ScopeSpec {
    pub value: String,
    pub description: String,
}

impl From<grantsmith_auth0::types::Scope> for ScopeSpec {
    /// Auth0 may leave a description out; here it is empty.
    fn from(s: grantsmith_auth0::types::Scope) -> Self {
        ScopeSpec { value: s.value, description: s.description.unwrap_or_default() }
    }
}

/// The whole request: which application, which API, the API's scopes (including those it
/// already has), and the scopes the application is granted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WizardSpec {
    pub app: AppChoice,
    pub api: ApiChoice,
    pub scopes: Vec<ScopeSpec>,
    pub grant_scopes: Vec<String>,
}

impl WizardSpec {
    /// Where a new setup starts: a new application and a new RS256 API with Auth0's default
    /// token lifetime, no scopes.
    pub fn blank() -> Self {
        WizardSpec {
            app: AppChoice::New { name: String::new(), description: String::new() },
            api: ApiChoice::New {
                name: String::new(),
                identifier: String::new(),
                signing_alg: SigningAlg::RS256,
                token_lifetime: DEFAULT_TOKEN_LIFETIME,
            },
            scopes: Vec::new(),
            grant_scopes: Vec::new(),
        }
    }
}

/// Issues block the plan; warnings are shown and do not. The limits travel along so that
/// inputs can show them without restating them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
pub struct SpecCheck {
    pub issues: Vec<FieldIssue>,
    pub warnings: Vec<FieldIssue>,
    pub limits: SpecLimits,
}

/// The numbers an input shows (the rules above enforce them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct SpecLimits {
    pub token_lifetime_max: i64,
    /// Auth0's default, used for a new API.
    pub token_lifetime_default: i64,
}

impl Default for SpecLimits {
    fn default() -> Self {
        SpecLimits { token_lifetime_max: MAX_TOKEN_LIFETIME, token_lifetime_default: DEFAULT_TOKEN_LIFETIME }
    }
}

pub const MAX_APP_NAME: usize = 255;
pub const MAX_APP_DESCRIPTION: usize = 140;
pub const MAX_API_NAME: usize = 200;
pub const MAX_IDENTIFIER: usize = 600;
pub const MAX_SCOPE_VALUE: usize = 280;
pub const MAX_SCOPE_DESCRIPTION: usize = 500;
pub const MAX_SCOPES: usize = 1000;
pub const MAX_TOKEN_LIFETIME: i64 = 2_592_000;
pub const DEFAULT_TOKEN_LIFETIME: i64 = 86_400;

fn len(s: &str) -> usize {
    s.chars().count()
}

/// RFC 6749 scope-token characters: printable ASCII except space, `"` and `\`.
pub fn scope_problem(value: &str) -> Option<(Rule, String)> {
    if value.is_empty() {
        return Some((Rule::Required, "Scope value is empty.".into()));
    }
    if value.chars().any(char::is_whitespace) {
        return Some((
            Rule::InvalidCharacters,
            format!("Scope values cannot contain spaces (\"{value}\"). Use e.g. read:orders."),
        ));
    }
    if let Some(bad) = value.chars().find(|c| !c.is_ascii_graphic() || *c == '"' || *c == '\\') {
        return Some((
            Rule::InvalidCharacters,
            format!(
                "Scope values can use only printable ASCII without quotes or backslashes; \"{value}\" contains “{bad}”."
            ),
        ));
    }
    if len(value) > MAX_SCOPE_VALUE {
        return Some((
            Rule::TooLong,
            format!("Scope values can be at most {MAX_SCOPE_VALUE} characters; this one is {}.", len(value)),
        ));
    }
    None
}

fn name_problem(what: &str, name: &str, max: usize) -> Option<(Rule, String)> {
    let name = name.trim();
    if name.is_empty() {
        return Some((Rule::Required, format!("{what} name is empty.")));
    }
    if name.contains(['<', '>']) {
        return Some((Rule::InvalidCharacters, format!("{what} names cannot contain < or > (Auth0 refuses them).")));
    }
    if let Some(problem) = text::hidden_problem(&format!("{what} names"), name) {
        return Some(problem);
    }
    if len(name) > max {
        return Some((
            Rule::TooLong,
            format!("{what} names can be at most {max} characters; this one is {}.", len(name)),
        ));
    }
    None
}

pub fn check(spec: &WizardSpec) -> SpecCheck {
    let mut out = SpecCheck::default();
    app_issues(&spec.app, &mut out.issues);
    api_issues(&spec.api, &mut out);
    scope_issues(&spec.scopes, &mut out.issues);
    grant_issues(spec, &mut out.issues);
    out
}

fn app_issues(app: &AppChoice, issues: &mut Vec<FieldIssue>) {
    match app {
        AppChoice::New { name, description } => issues.extend(application_issues("app.", name, description)),
        AppChoice::Existing { client_id } if client_id.trim().is_empty() => {
            issues.push(FieldIssue::new("app.client_id", Rule::Required, "Pick an application, or create a new one."));
        }
        AppChoice::Existing { .. } => {}
    }
}

/// An application's name and description against Auth0's rules; fields `<prefix>name` and
/// `<prefix>description` (the wizard's `app.`, the application page's none).
pub fn application_issues(prefix: &str, name: &str, description: &str) -> Vec<FieldIssue> {
    let mut issues = Vec::new();
    if let Some((code, p)) = name_problem("Application", name, MAX_APP_NAME) {
        issues.push(FieldIssue::new(format!("{prefix}name"), code, p));
    }
    if let Some((code, p)) = text::hidden_problem("Descriptions", description) {
        issues.push(FieldIssue::new(format!("{prefix}description"), code, p));
    } else if len(description.trim()) > MAX_APP_DESCRIPTION {
        issues.push(FieldIssue::new(
            format!("{prefix}description"),
            Rule::TooLong,
            format!(
                "Descriptions can be at most {MAX_APP_DESCRIPTION} characters; this one is {}.",
                len(description.trim())
            ),
        ));
    }
    issues
}

fn api_issues(api: &ApiChoice, out: &mut SpecCheck) {
    match api {
        ApiChoice::New { name, identifier, token_lifetime, .. } => {
            if let Some((code, p)) = name_problem("API", name, MAX_API_NAME) {
                out.issues.push(FieldIssue::new("api.name", code, p));
            }
            match identifier_problem(identifier.trim()) {
                Some((code, p)) => out.issues.push(FieldIssue::new("api.identifier", code, p)),
                None => out.warnings.extend(identifier_advice(identifier.trim())),
            }
            if !(1..=MAX_TOKEN_LIFETIME).contains(token_lifetime) {
                out.issues.push(FieldIssue::new(
                    "api.token_lifetime",
                    Rule::OutOfRange,
                    format!(
                        "Token lifetime must be between 1 and {MAX_TOKEN_LIFETIME} seconds (30 days); it is {token_lifetime}."
                    ),
                ));
            }
        }
        ApiChoice::Existing { identifier } if identifier.trim().is_empty() => {
            out.issues.push(FieldIssue::new("api.identifier", Rule::Required, "Pick an API, or create a new one."));
        }
        ApiChoice::Existing { .. } => {}
    }
}

fn identifier_problem(id: &str) -> Option<(Rule, String)> {
    if id.is_empty() {
        return Some((Rule::Required, "Identifier is empty. Use a URL such as https://api.example.com/orders.".into()));
    }
    if id.chars().any(char::is_whitespace) {
        return Some((Rule::InvalidCharacters, "Identifiers cannot contain spaces.".into()));
    }
    if let Some(bad) = id.chars().find(|c| !c.is_ascii_graphic()) {
        return Some((
            Rule::InvalidCharacters,
            format!("Identifiers can use only printable ASCII characters; this one contains “{bad}”."),
        ));
    }
    if len(id) > MAX_IDENTIFIER {
        return Some((Rule::TooLong, format!("Identifier is {} characters; Auth0 allows {MAX_IDENTIFIER}.", len(id))));
    }
    None
}

/// What to know about a valid identifier before it is fixed for good.
fn identifier_advice(id: &str) -> Vec<FieldIssue> {
    let mut advice = Vec::new();
    if !(id.starts_with("https://") || id.starts_with("http://")) {
        advice.push("Auth0 recommends a URL (it is never called; it only names the API).");
    }
    advice.push(if id.ends_with('/') {
        "Ends with a slash — tokens must ask for exactly this value, slash included. It cannot be changed later."
    } else {
        "Ends without a slash — tokens must ask for exactly this value. It cannot be changed later."
    });
    advice.into_iter().map(|m| FieldIssue::new("api.identifier", Rule::Advice, m)).collect()
}

fn scope_issues(scopes: &[ScopeSpec], issues: &mut Vec<FieldIssue>) {
    if scopes.len() > MAX_SCOPES {
        issues.push(FieldIssue::new(
            "scopes",
            Rule::TooMany,
            format!("An API can have at most {MAX_SCOPES} scopes; this one would have {}.", scopes.len()),
        ));
    }
    let mut seen = std::collections::HashSet::new();
    for (i, s) in scopes.iter().enumerate() {
        let value = s.value.trim();
        if let Some((code, p)) = scope_problem(value) {
            issues.push(FieldIssue::new(format!("scopes[{i}].value"), code, p));
        } else if !seen.insert(value) {
            issues.push(FieldIssue::new(
                format!("scopes[{i}].value"),
                Rule::Duplicate,
                format!("The scope {value} is listed twice."),
            ));
        }
        if let Some((code, p)) = text::hidden_problem("Scope descriptions", &s.description) {
            issues.push(FieldIssue::new(format!("scopes[{i}].description"), code, p));
        } else if len(s.description.trim()) > MAX_SCOPE_DESCRIPTION {
            issues.push(FieldIssue::new(
                format!("scopes[{i}].description"),
                Rule::TooLong,
                format!(
                    "Scope descriptions can be at most {MAX_SCOPE_DESCRIPTION} characters; this one is {}.",
                    len(s.description.trim())
                ),
            ));
        }
    }
}

fn grant_issues(spec: &WizardSpec, issues: &mut Vec<FieldIssue>) {
    let mut granted = std::collections::HashSet::new();
    for g in &spec.grant_scopes {
        if !spec.scopes.iter().any(|s| s.value.trim() == g) {
            issues.push(FieldIssue::new("grant_scopes", Rule::Unknown, format!("{g} is not one of the API's scopes.")));
        } else if !granted.insert(g.trim()) {
            issues.push(FieldIssue::new(
                "grant_scopes",
                Rule::Duplicate,
                format!("{g} is granted twice; list each scope once."),
            ));
        }
    }
}

/// Parses the paste box: one scope per line, `value description…`; at most `MAX_SCOPES`
/// lines that are not empty (an API holds no more), counted before anything is kept, so a
/// huge paste is refused in one pass over its text.
pub fn parse_scope_lines(pasted: &str) -> Result<Vec<ScopeSpec>, FieldIssue> {
    let lines = pasted.lines().map(str::trim).filter(|l| !l.is_empty());
    let count = lines.clone().count();
    if count > MAX_SCOPES {
        return Err(FieldIssue::new(
            "scopes",
            Rule::TooMany,
            format!("An API can have at most {MAX_SCOPES} scopes; the pasted text has {count} lines."),
        ));
    }
    Ok(lines
        .map(|l| match l.split_once(char::is_whitespace) {
            Some((v, d)) => ScopeSpec { value: v.into(), description: d.trim().into() },
            None => ScopeSpec { value: l.into(), description: String::new() },
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec() -> WizardSpec {
        WizardSpec {
            app: AppChoice::New { name: "Orders worker".into(), description: "Nightly sync".into() },
            api: ApiChoice::New {
                name: "Orders API".into(),
                identifier: "https://api.example.com/orders".into(),
                signing_alg: SigningAlg::RS256,
                token_lifetime: DEFAULT_TOKEN_LIFETIME,
            },
            scopes: vec![
                ScopeSpec { value: "read:orders".into(), description: "Read orders".into() },
                ScopeSpec { value: "write:orders".into(), description: String::new() },
            ],
            grant_scopes: vec!["read:orders".into()],
        }
    }

    #[test]
    fn a_scope_granted_twice_is_named() {
        let mut s = spec();
        s.grant_scopes = vec!["read:orders".into(), "write:orders".into(), "read:orders".into()];
        let c = check(&s);
        assert_eq!(c.issues.len(), 1, "{c:?}");
        assert_eq!(c.issues[0].field, "grant_scopes");
        assert!(c.issues[0].message.contains("read:orders is granted twice"));
    }

    fn fields(c: &SpecCheck) -> Vec<&str> {
        c.issues.iter().map(|i| i.field.as_str()).collect()
    }

    #[test]
    fn a_good_spec_passes_with_the_identifier_warning() {
        let c = check(&spec());
        assert!(c.issues.is_empty(), "{:?}", c.issues);
        assert!(c.warnings[0].message.starts_with("Ends without a slash"));
    }

    #[test]
    fn bad_names_are_named_with_their_rule() {
        let mut s = spec();
        s.app = AppChoice::New { name: "<script>alert(1)</script>".into(), description: "d".repeat(141) };
        s.api = ApiChoice::New {
            name: "".into(),
            identifier: "https://x".into(),
            signing_alg: SigningAlg::HS256,
            token_lifetime: 0,
        };
        let c = check(&s);
        assert_eq!(fields(&c), ["app.name", "app.description", "api.name", "api.token_lifetime"]);
        assert!(c.issues[0].message.contains("< or >"));
        assert_eq!(c.issues[1].message, "Descriptions can be at most 140 characters; this one is 141.");
        let long = AppChoice::New { name: "n".repeat(1000), description: String::new() };
        let c = check(&WizardSpec { app: long, ..spec() });
        assert_eq!(c.issues[0].message, "Application names can be at most 255 characters; this one is 1000.");
    }

    #[test]
    fn identifier_rules_spaces_emoji_length_and_slash() {
        let with = |id: &str| {
            check(&WizardSpec {
                api: ApiChoice::New {
                    name: "A".into(),
                    identifier: id.into(),
                    signing_alg: SigningAlg::RS256,
                    token_lifetime: 60,
                },
                ..spec()
            })
        };
        assert_eq!(with("https://api example").issues[0].message, "Identifiers cannot contain spaces.");
        assert!(with("https://api.example.com/🦀").issues[0].message.contains("🦀"));
        assert_eq!(
            with(&format!("https://{}", "a".repeat(593))).issues[0].message,
            "Identifier is 601 characters; Auth0 allows 600."
        );
        let slash = with("https://api.example.com/");
        assert!(slash.issues.is_empty() && slash.warnings[0].message.starts_with("Ends with a slash"));
        assert!(with("orders-api").warnings[0].message.contains("recommends a URL"));
    }

    #[test]
    fn scope_rules_spaces_duplicates_limit_and_grant_subset() {
        let mut s = spec();
        s.scopes.push(ScopeSpec { value: "read orders".into(), description: String::new() });
        s.scopes.push(ScopeSpec { value: "read:orders".into(), description: String::new() });
        s.grant_scopes.push("admin".into());
        let c = check(&s);
        assert_eq!(fields(&c), ["scopes[2].value", "scopes[3].value", "grant_scopes"]);
        assert!(c.issues[0].message.starts_with("Scope values cannot contain spaces"));
        assert_eq!(c.issues[1].message, "The scope read:orders is listed twice.");

        let mut many = spec();
        many.scopes =
            (0..=MAX_SCOPES).map(|i| ScopeSpec { value: format!("s:{i}"), description: String::new() }).collect();
        many.grant_scopes.clear();
        assert_eq!(check(&many).issues[0].message, "An API can have at most 1000 scopes; this one would have 1001.");
    }

    #[test]
    fn hidden_characters_in_names_and_descriptions_are_refused_by_field() {
        let mut s = spec();
        s.app = AppChoice::New { name: "Orders\u{202E}txt.exe".into(), description: "a\u{200B}b".into() };
        s.api = ApiChoice::New {
            name: "Orders\nAPI".into(),
            identifier: "https://x".into(),
            signing_alg: SigningAlg::RS256,
            token_lifetime: 60,
        };
        s.scopes[0].description = "Read\u{2028}orders".into();
        let c = check(&s);
        assert_eq!(fields(&c), ["app.name", "app.description", "api.name", "scopes[0].description"]);
        assert!(c.issues.iter().all(|i| i.code == Rule::InvalidCharacters), "{c:?}");
        assert!(c.issues[0].message.contains("U+202E (a bidi control)"), "{}", c.issues[0].message);
    }

    #[test]
    fn a_paste_of_more_lines_than_an_api_holds_is_refused() {
        let huge = "read:x\n".repeat(200_000);
        let e = parse_scope_lines(&huge).unwrap_err();
        assert_eq!((e.field.as_str(), e.code), ("scopes", Rule::TooMany));
        assert_eq!(e.message, "An API can have at most 1000 scopes; the pasted text has 200000 lines.");
        assert_eq!(parse_scope_lines(&"read:x\n\n".repeat(MAX_SCOPES)).unwrap().len(), MAX_SCOPES);
    }

    #[test]
    fn pasted_lines_become_scopes() {
        let parsed = parse_scope_lines("read:orders  Read all orders\n\n write:orders\n").unwrap();
        assert_eq!(
            parsed,
            [
                ScopeSpec { value: "read:orders".into(), description: "Read all orders".into() },
                ScopeSpec { value: "write:orders".into(), description: String::new() }
            ]
        );
    }
}
