//! Management API authentication: the bearer token must be one this tenant issued for its
//! Management API audience, unexpired by the tenant's clock; its `scope` claim decides
//! what the caller may do.

use axum::http::{HeaderMap, header};
use serde::Deserialize;

use super::error::ApiError;
use crate::state::Shared;

pub struct Caller {
    pub scopes: Vec<String>,
}

impl Caller {
    pub fn has(&self, scope: &str) -> bool {
        self.scopes.iter().any(|s| s == scope)
    }

    pub fn has_any(&self, any_of: &[&str]) -> bool {
        any_of.iter().any(|s| self.has(s))
    }

    /// 403 `insufficient_scope` naming what would have been enough.
    pub fn require(&self, any_of: &[&str]) -> Result<(), ApiError> {
        if self.has_any(any_of) { Ok(()) } else { Err(ApiError::insufficient_scope(any_of)) }
    }
}

#[derive(Deserialize)]
struct Claims {
    exp: i64,
    #[serde(default)]
    scope: Option<String>,
}

pub fn authenticate(shared: &Shared, headers: &HeaderMap) -> Result<Caller, ApiError> {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer ").or_else(|| v.strip_prefix("bearer ")))
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or_else(|| ApiError::unauthorized("Missing authentication"))?;
    let header = jsonwebtoken::decode_header(token).map_err(|_| ApiError::unauthorized("Invalid token"))?;
    if header.alg != jsonwebtoken::Algorithm::RS256 || header.kid.as_deref() != Some(shared.key.kid.as_str()) {
        return Err(ApiError::unauthorized("Invalid token"));
    }
    let mut validation = jsonwebtoken::Validation::new(jsonwebtoken::Algorithm::RS256);
    validation.set_issuer(&[&shared.issuer]);
    validation.set_audience(&[&shared.management_audience]);
    // Expiry is checked below against the tenant's clock, which tests can move.
    validation.validate_exp = false;
    validation.required_spec_claims = ["exp", "iss", "aud"].iter().map(|s| s.to_string()).collect();
    let data = jsonwebtoken::decode::<Claims>(token, &shared.key.decoding, &validation)
        .map_err(|_| ApiError::unauthorized("Invalid token"))?;
    if data.claims.exp <= shared.clock.now() {
        return Err(ApiError::unauthorized("Expired token received for JSON Web Token validation"));
    }
    let scopes = data.claims.scope.unwrap_or_default().split_whitespace().map(String::from).collect();
    Ok(Caller { scopes })
}
