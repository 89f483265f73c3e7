//! Decoding and checking an access token locally: the signature (RS256 against the
//! tenant's JWKS, HS256 against the API's signing secret) and every claim against the
//! configuration, each as a sentence that says what was found.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use grantsmith_auth0::Sensitive;
use serde::Serialize;
use serde_json::Value;
use ts_rs::TS;

/// Tokens over this size are refused before any parsing (a paste of something else).
pub const MAX_TOKEN_BYTES: usize = 16 * 1024;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Check {
    /// Stable id: signature, issuer, audience, subject, scope, lifetime, expiry, grant_type.
    pub id: String,
    pub passed: bool,
    pub sentence: String,
}

/// A JWT split into its JSON parts (not yet trusted).
#[derive(Debug, Clone)]
pub struct Decoded {
    pub header: Value,
    pub claims: Value,
}

/// The text is not a JWT; the words say which part is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct NotAJwt(String);

fn invalid(message: impl Into<String>) -> NotAJwt {
    NotAJwt(message.into())
}

/// Splits and decodes a JWT, with a clear message for anything that is not one.
pub fn decode(token: &str) -> Result<Decoded, NotAJwt> {
    let token = token.trim();
    if token.len() > MAX_TOKEN_BYTES {
        return Err(invalid(format!(
            "This is {} KB; access tokens are a few KB at most. Paste only the token (the part after “Bearer ”).",
            token.len() / 1024
        )));
    }
    let token = token.strip_prefix("Bearer ").unwrap_or(token);
    let parts: Vec<&str> = token.split('.').collect();
    if parts.len() != 3 {
        return Err(invalid(format!(
            "This is not a JWT: a JWT has three parts separated by dots (header.payload.signature); this has {}.",
            parts.len()
        )));
    }
    let part = |i: usize, name: &str| -> Result<Value, NotAJwt> {
        let bytes = URL_SAFE_NO_PAD
            .decode(parts[i].trim_end_matches('='))
            .map_err(|_| invalid(format!("The token's {name} is not base64url.")))?;
        let v: Value =
            serde_json::from_slice(&bytes).map_err(|_| invalid(format!("The token's {name} is not JSON.")))?;
        if v.is_object() { Ok(v) } else { Err(invalid(format!("The token's {name} is not a JSON object."))) }
    };
    Ok(Decoded { header: part(0, "header")?, claims: part(1, "payload")? })
}

/// What the token is checked against. `None` fields are reported, not checked.
#[derive(Debug, Clone, Default)]
pub struct Expectation {
    pub issuers: Vec<String>,
    pub audience: Option<String>,
    pub client_id: Option<String>,
    /// The scopes the grant allows.
    pub granted: Option<Vec<String>>,
    pub token_lifetime: Option<i64>,
    /// The API's signing algorithm.
    pub signing_alg: Option<String>,
}

/// How to check the signature.
pub enum Keys<'a> {
    /// The tenant's JWKS `keys` array.
    Jwks(&'a [Value]),
    /// The API's HS256 signing secret.
    Secret(&'a Sensitive<String>),
    /// Could not be obtained; the reason is reported.
    Unavailable(String),
}

fn check(id: &str, passed: bool, sentence: String) -> Check {
    Check { id: id.into(), passed, sentence }
}

fn signature(token: &str, d: &Decoded, keys: Keys<'_>, expected_alg: Option<&str>) -> Check {
    use jsonwebtoken::{Algorithm, DecodingKey, Validation};
    let alg = d.header["alg"].as_str().unwrap_or("");
    if alg.eq_ignore_ascii_case("none") {
        return check("signature", false, "The token says alg “none”: it is unsigned, and is never accepted.".into());
    }
    if let Some(want) = expected_alg
        && want != alg
    {
        return check("signature", false, format!("The token is signed with {alg}, but the API uses {want}."));
    }
    let validation = |a: Algorithm| {
        let mut v = Validation::new(a);
        v.validate_exp = false;
        v.validate_aud = false;
        v.required_spec_claims.clear();
        v
    };
    match (alg, keys) {
        (_, Keys::Unavailable(why)) => check("signature", false, format!("The signature could not be checked: {why}")),
        ("HS256", Keys::Secret(secret)) => {
            let ok = jsonwebtoken::decode::<Value>(
                token,
                &DecodingKey::from_secret(secret.expose().as_bytes()),
                &validation(Algorithm::HS256),
            )
            .is_ok();
            if ok {
                check("signature", true, "Signature verified with the API's signing secret (HS256).".into())
            } else {
                check("signature", false, "The signature does not match the API's signing secret: the token was signed with another secret, or altered.".into())
            }
        }
        ("RS256", Keys::Jwks(keys)) => {
            let Some(kid) = d.header["kid"].as_str() else {
                return check(
                    "signature",
                    false,
                    "The token has no kid, so no key of the tenant can be picked to check it.".into(),
                );
            };
            let Some(jwk) = keys.iter().find(|k| k["kid"].as_str() == Some(kid)) else {
                return check(
                    "signature",
                    false,
                    format!(
                        "No key with kid {kid} in the tenant's JWKS: the token was signed by another tenant or key."
                    ),
                );
            };
            let key = serde_json::from_value::<jsonwebtoken::jwk::Jwk>(jwk.clone())
                .ok()
                .and_then(|j| DecodingKey::from_jwk(&j).ok());
            match key {
                Some(key) if jsonwebtoken::decode::<Value>(token, &key, &validation(Algorithm::RS256)).is_ok() => {
                    check("signature", true, format!("Signature verified with the tenant's public key {kid} (RS256)."))
                }
                Some(_) => check(
                    "signature",
                    false,
                    format!("The signature does not match the tenant's key {kid}: the token was altered."),
                ),
                None => check("signature", false, format!("The tenant's key {kid} could not be read from the JWKS.")),
            }
        }
        (other, _) => check(
            "signature",
            false,
            format!("Tokens signed with {other} cannot be checked here (RS256 and HS256 can)."),
        ),
    }
}

fn fmt_duration(secs: i64) -> String {
    let s = secs.unsigned_abs();
    if s >= 86_400 {
        format!("{} d {} h", s / 86_400, (s % 86_400) / 3600)
    } else if s >= 3600 {
        format!("{} h {} min", s / 3600, (s % 3600) / 60)
    } else if s >= 60 {
        format!("{} min", s / 60)
    } else {
        format!("{s} s")
    }
}

/// Every check, in the order the UI lists them.
pub fn verify(token: &str, d: &Decoded, keys: Keys<'_>, e: &Expectation, now: i64) -> Vec<Check> {
    let c = &d.claims;
    let mut out = vec![
        signature(token, d, keys, e.signing_alg.as_deref()),
        issuer(c, &e.issuers),
        audience(c, e.audience.as_deref()),
        subject(c, e.client_id.as_deref()),
        scope(c, e.granted.as_deref()),
        lifetime(c, e.token_lifetime),
        expiry(c, now),
    ];
    // RFC 9068 access tokens carry no gty.
    if !d.header["typ"].as_str().is_some_and(|t| t.eq_ignore_ascii_case("at+jwt")) {
        out.push(grant_type(c));
    }
    out
}

fn issuer(c: &Value, issuers: &[String]) -> Check {
    let iss = c["iss"].as_str().unwrap_or("");
    if issuers.is_empty() {
        check("issuer", !iss.is_empty(), format!("Issued by {iss}."))
    } else if issuers.iter().any(|i| i == iss) {
        check("issuer", true, format!("Issued by {iss}: this tenant."))
    } else {
        check("issuer", false, format!("Issued by {iss}, not by this tenant ({}).", issuers.join(" or ")))
    }
}

fn audience(c: &Value, want: Option<&str>) -> Check {
    let aud: Vec<String> = match &c["aud"] {
        Value::String(s) => vec![s.clone()],
        Value::Array(a) => a.iter().filter_map(|x| x.as_str().map(String::from)).collect(),
        _ => vec![],
    };
    match want {
        Some(want) if aud.iter().any(|a| a == want) => {
            check("audience", true, format!("Audience is {want}: the API's identifier."))
        }
        Some(want) => {
            check("audience", false, format!("Audience is {}, but the API's identifier is {want}.", aud.join(", ")))
        }
        None => check("audience", !aud.is_empty(), format!("Audience is {}.", aud.join(", "))),
    }
}

fn subject(c: &Value, client_id: Option<&str>) -> Check {
    let azp = c["azp"].as_str().or_else(|| c["client_id"].as_str()).unwrap_or("");
    let sub = c["sub"].as_str().unwrap_or("");
    match client_id {
        Some(id) if azp == id && sub == format!("{id}@clients") => {
            check("subject", true, format!("Issued to application {id} (sub {sub})."))
        }
        Some(id) => check("subject", false, format!("Issued to {sub} / {azp}, not to application {id}.")),
        None => check("subject", sub.ends_with("@clients"), format!("Issued to application {azp} (sub {sub}).")),
    }
}

fn scope(c: &Value, granted: Option<&[String]>) -> Check {
    let scopes: Vec<&str> = c["scope"].as_str().map(|s| s.split_whitespace().collect()).unwrap_or_default();
    let Some(granted) = granted else {
        let listed = if scopes.is_empty() { "none".into() } else { scopes.join(", ") };
        return check("scope", true, format!("Scopes: {listed}."));
    };
    let extra: Vec<&str> = scopes.iter().copied().filter(|s| !granted.iter().any(|g| g == s)).collect();
    if !extra.is_empty() {
        check("scope", false, format!("Scopes not in the grant: {}.", extra.join(", ")))
    } else if scopes.is_empty() {
        check("scope", true, "No scopes in the token (the grant gives none, or none were asked for).".into())
    } else {
        check("scope", true, format!("Scopes {} are all within the grant.", scopes.join(", ")))
    }
}

fn lifetime(c: &Value, api_lifetime: Option<i64>) -> Check {
    // A pasted token's times can be anything an i64 holds: differences saturate.
    let lived = c["iat"].as_i64().zip(c["exp"].as_i64()).map(|(i, x)| x.saturating_sub(i));
    match (lived, api_lifetime) {
        (Some(d), Some(l)) if d == l => {
            check("lifetime", true, format!("Lives {} (exp − iat = {l} s), the API's token lifetime.", fmt_duration(l)))
        }
        (Some(d), Some(l)) => check("lifetime", false, format!("Lives {d} s, but the API's token lifetime is {l} s.")),
        (Some(d), None) => check("lifetime", true, format!("Lives {} (exp − iat = {d} s).", fmt_duration(d))),
        _ => check("lifetime", false, "The token lacks iat or exp.".into()),
    }
}

fn expiry(c: &Value, now: i64) -> Check {
    match c["exp"].as_i64() {
        Some(x) if x > now => {
            check("expiry", true, format!("Not expired: {} left.", fmt_duration(x.saturating_sub(now))))
        }
        Some(x) => check("expiry", false, format!("Expired {} ago.", fmt_duration(now.saturating_sub(x)))),
        None => check("expiry", false, "The token has no expiry (exp).".into()),
    }
}

fn grant_type(c: &Value) -> Check {
    let gty = c["gty"].as_str().unwrap_or("");
    if gty == "client-credentials" {
        check("grant_type", true, "Obtained with the Client Credentials grant (gty client-credentials).".into())
    } else {
        check("grant_type", false, format!("Grant type is “{gty}”, not client-credentials."))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_jwts_get_clear_messages() {
        let said = |t: &str| decode(t).unwrap_err().to_string();
        assert!(said("hello").contains("three parts"));
        assert!(said("a.b.c").contains("not base64url") || said("a.b.c").contains("not JSON"));
        assert!(said(&"x".repeat(MAX_TOKEN_BYTES + 1)).contains("KB"));
        let e = said(&format!("{}.{}.", URL_SAFE_NO_PAD.encode("[]"), URL_SAFE_NO_PAD.encode("{}")));
        assert!(e.contains("not a JSON object"), "{e}");
    }

    #[test]
    fn alg_none_is_never_accepted() {
        let t =
            format!("{}.{}.", URL_SAFE_NO_PAD.encode(r#"{"alg":"none"}"#), URL_SAFE_NO_PAD.encode(r#"{"sub":"x"}"#));
        let d = decode(&t).unwrap();
        let checks = verify(&t, &d, Keys::Jwks(&[]), &Expectation::default(), 0);
        assert!(!checks[0].passed);
        assert!(checks[0].sentence.contains("none"));
    }
}
