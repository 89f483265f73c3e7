//! Why a token request failed, in words, with the fix that can be applied in place. Each
//! rule reads Auth0's answer (contract §1.3) and names what to do.

use grantsmith_auth0::Auth0Error;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A change that would fix the problem; applied only after the user reviews it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Fix {
    /// Create a client grant.
    Authorize { client_id: String, audience: String, scopes: Vec<String> },
    /// Add scopes to an existing grant.
    AddToGrant { grant_id: String, scopes: Vec<String> },
    /// Add client_credentials to the application's grant types (`audience`: the API the
    /// token was for, so the fix's review shows that application's grant as it is).
    EnableClientCredentials { client_id: String, audience: String },
    /// Ask for one of these API identifiers instead.
    UseAudience { candidates: Vec<String> },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Diagnosis {
    /// Stable rule id: no_grant, scope_not_granted, grant_type_missing, unknown_audience,
    /// wrong_secret, missing_permission.
    pub rule: String,
    pub title: String,
    pub explanation: String,
    /// The button's words, e.g. "Authorize".
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix_label: Option<String>,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<Fix>,
}

/// What the doctor knows about the request.
pub struct Context<'a> {
    pub client_id: &'a str,
    pub audience: &'a str,
    /// The scopes that were asked for (all granted ones when none were).
    pub asked: &'a [String],
    /// The API's scopes, when the API exists.
    pub api_scopes: &'a [String],
    pub grant_id: Option<&'a str>,
    /// Identifiers of the tenant's APIs (to suggest the nearest one).
    pub identifiers: &'a [String],
}

fn diagnosis(rule: &str, title: &str, explanation: String, fix: Option<(&str, Fix)>) -> Diagnosis {
    Diagnosis {
        rule: rule.into(),
        title: title.into(),
        explanation,
        fix_label: fix.as_ref().map(|(l, _)| l.to_string()),
        fix: fix.map(|(_, f)| f),
    }
}

/// The diagnosis for a failed token request.
pub fn diagnose(err: &Auth0Error, ctx: &Context<'_>) -> Diagnosis {
    match err {
        Auth0Error::AccessDenied { error, message } if error == "unauthorized_client" || message.contains("Grant type") => diagnosis(
            "grant_type_missing",
            "The application may not use the Client Credentials grant",
            format!("Auth0 said: “{message}” Machine-to-machine tokens need the client_credentials grant type on the application."),
            Some(("Enable", Fix::EnableClientCredentials { client_id: ctx.client_id.into(), audience: ctx.audience.into() })),
        ),
        Auth0Error::AccessDenied { message, .. } if message.contains("has not been granted scopes") => {
            let missing: Vec<String> = message
                .split_once("scopes:")
                .map(|(_, s)| s.split(',').map(|x| x.trim().to_string()).filter(|x| !x.is_empty()).collect())
                .unwrap_or_default();
            let fix = ctx.grant_id.map(|g| ("Add to grant", Fix::AddToGrant { grant_id: g.into(), scopes: missing.clone() }));
            diagnosis(
                "scope_not_granted",
                "A requested scope is not granted",
                format!(
                    "The application asked for {}, which its client grant for this API does not include. Add them to the grant, or ask for fewer scopes.",
                    missing.join(", ")
                ),
                fix,
            )
        }
        Auth0Error::AccessDenied { message, .. } if message.contains("Service not enabled") => {
            let candidates = nearest(ctx.audience, ctx.identifiers);
            let hint = match candidates.first() {
                Some(c) if c.trim_end_matches('/') == ctx.audience.trim_end_matches('/') => {
                    format!(" Did you mean {c}? The trailing slash matters.")
                }
                Some(c) => format!(" The nearest identifier on this tenant is {c}."),
                None => String::new(),
            };
            diagnosis(
                "unknown_audience",
                "No API on this tenant has that identifier",
                format!("The audience {} is not an API on this tenant.{hint}", ctx.audience),
                (!candidates.is_empty()).then_some(("Use this identifier", Fix::UseAudience { candidates })),
            )
        }
        Auth0Error::AccessDenied { message, .. } if message.contains("not authorized to access") => diagnosis(
            "no_grant",
            "The application is not authorized for this API",
            "There is no client grant between the application and the API. Authorize creates one (you see exactly which scopes before anything changes).".into(),
            Some((
                "Authorize",
                Fix::Authorize {
                    client_id: ctx.client_id.into(),
                    audience: ctx.audience.into(),
                    scopes: if ctx.asked.is_empty() { ctx.api_scopes.to_vec() } else { ctx.asked.to_vec() },
                },
            )),
        ),
        Auth0Error::Unauthorized { message } => diagnosis(
            "wrong_secret",
            "The application's credentials were refused",
            format!(
                "Auth0 said: “{message}”. The secret Grantsmith read was not accepted — was the secret rotated just now, or the application deleted? Try again to read the current secret."
            ),
            None,
        ),
        Auth0Error::MissingScope { scopes, .. } => diagnosis(
            "missing_permission",
            "Grantsmith's management application lacks a permission",
            format!(
                "Reading what the test needs requires the Management API permission {}. Grant it in Auth0 Dashboard → Applications → APIs → Auth0 Management API → Machine to Machine Applications.",
                scopes.join(" or ")
            ),
            None,
        ),
        other => diagnosis("other", "The token request failed", other.to_string(), None),
    }
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for j in 0..b.len() {
            let cur = row[j + 1];
            row[j + 1] = if ca == b[j] { prev } else { 1 + prev.min(row[j]).min(row[j + 1]) };
            prev = cur;
        }
    }
    row[b.len()]
}

/// Up to three identifiers close to `wanted` (typos, a missing or extra slash).
pub fn nearest(wanted: &str, identifiers: &[String]) -> Vec<String> {
    // Typos and a stray slash, not a different API with a similar prefix.
    let limit = (wanted.chars().count() / 10).max(3);
    let mut scored: Vec<(usize, &String)> =
        identifiers.iter().map(|i| (levenshtein(wanted, i), i)).filter(|(d, _)| *d <= limit).collect();
    scored.sort();
    scored.into_iter().take(3).map(|(_, i)| i.clone()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_prefers_the_slash_difference() {
        let ids = vec![
            "https://api.example.com/orders/".to_string(),
            "https://api.example.com/billing".to_string(),
            "urn:other".to_string(),
        ];
        assert_eq!(nearest("https://api.example.com/orders", &ids), ["https://api.example.com/orders/"]);
        assert!(nearest("something else entirely", &ids).is_empty());
    }
}
