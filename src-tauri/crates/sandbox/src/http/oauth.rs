//! The Authentication API: `POST /oauth/token` (client credentials), the JWKS and the
//! discovery document. Responses and errors as contract §1.2–1.3 record them.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::Response;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::{Map, Value, json};

use super::error::OAuthError;
use super::{body, json_response};
use crate::ids;
use crate::state::Shared;

/// Parameters of a token request, from a form or a JSON body (nulls read as absent).
#[derive(Default)]
struct TokenRequest {
    grant_type: Option<String>,
    client_id: Option<String>,
    client_secret: Option<String>,
    audience: Option<String>,
    scope: Option<String>,
}

fn invalid_request(description: impl Into<String>) -> OAuthError {
    OAuthError::new(StatusCode::BAD_REQUEST, "invalid_request", description)
}

fn parse_request(headers: &HeaderMap, bytes: &[u8]) -> Result<TokenRequest, OAuthError> {
    let pairs: Map<String, Value> = match body::content_type(headers).as_str() {
        "application/x-www-form-urlencoded" => {
            form_urlencoded::parse(bytes).into_owned().map(|(k, v)| (k, Value::String(v))).collect()
        }
        "application/json" => match serde_json::from_slice::<Value>(bytes) {
            Ok(Value::Object(m)) => m,
            _ => {
                return Err(invalid_request("The request body is not a valid JSON object."));
            }
        },
        other => {
            return Err(invalid_request(format!(
                "Unsupported content type \"{other}\": use application/x-www-form-urlencoded or application/json."
            )));
        }
    };
    let get = |k: &str| -> Result<Option<String>, OAuthError> {
        match pairs.get(k) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(invalid_request(format!("Parameter \"{k}\" must be a string."))),
        }
    };
    Ok(TokenRequest {
        grant_type: get("grant_type")?,
        client_id: get("client_id")?,
        client_secret: get("client_secret")?,
        audience: get("audience")?,
        scope: get("scope")?,
    })
}

/// `Authorization: Basic base64(client_id:client_secret)` (client_secret_basic).
fn basic_credentials(headers: &HeaderMap) -> Option<(String, String)> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let encoded = value.strip_prefix("Basic ").or_else(|| value.strip_prefix("basic "))?;
    let decoded = String::from_utf8(STANDARD.decode(encoded.trim()).ok()?).ok()?;
    let (id, secret) = decoded.split_once(':')?;
    let unescape = |s: &str| form_urlencoded::parse(format!("x={s}").as_bytes()).next().map(|(_, v)| v.into_owned());
    Some((unescape(id)?, unescape(secret)?))
}

fn constant_time_eq(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

pub async fn token(State(s): State<Arc<Shared>>, headers: HeaderMap, req: Body) -> Result<Response, OAuthError> {
    let bytes = body::read_bytes(req).await.map_err(|_| {
        OAuthError::new(StatusCode::PAYLOAD_TOO_LARGE, "invalid_request", "The request body is too large.")
    })?;
    let mut r = parse_request(&headers, &bytes)?;
    match r.grant_type.as_deref() {
        None => return Err(invalid_request("Missing required parameter: grant_type")),
        Some("client_credentials") => {}
        Some(other) => {
            return Err(OAuthError::new(
                StatusCode::BAD_REQUEST,
                "unsupported_grant_type",
                format!("Unsupported grant type: {other}"),
            ));
        }
    }
    if let Some((id, secret)) = basic_credentials(&headers) {
        r.client_id.get_or_insert(id);
        r.client_secret.get_or_insert(secret);
    }
    let unauthorized = || OAuthError::new(StatusCode::UNAUTHORIZED, "access_denied", "Unauthorized");
    let (Some(client_id), Some(secret)) = (r.client_id, r.client_secret) else {
        return Err(unauthorized());
    };
    let client = s.store.client(&client_id)?.ok_or_else(unauthorized)?;
    if !constant_time_eq(client["client_secret"].as_str().unwrap_or_default(), &secret) {
        return Err(unauthorized());
    }
    let grant_types: Vec<&str> =
        client["grant_types"].as_array().into_iter().flatten().filter_map(Value::as_str).collect();
    if !grant_types.contains(&"client_credentials") {
        let mut e = OAuthError::new(
            StatusCode::FORBIDDEN,
            "unauthorized_client",
            "Grant type 'client_credentials' not allowed for the client.",
        );
        e.error_uri = Some("https://auth0.com/docs/clients/client-grant-types");
        return Err(e);
    }
    let denied = |d: String| OAuthError::new(StatusCode::FORBIDDEN, "access_denied", d);
    let Some(audience) = r.audience.filter(|a| !a.is_empty()) else {
        return Err(denied("No audience parameter was provided, and no default audience has been configured".into()));
    };
    let api = s
        .store
        .resource_server_by_identifier(&audience)?
        .ok_or_else(|| denied(format!("Service not enabled within domain: {audience}")))?;
    let grant = s.store.grant_for(&client_id, &audience)?.ok_or_else(|| {
        denied(format!(
            "Client \"{client_id}\" is not authorized to access resource server \"{audience}\". You need to create a \"client-grant\" associated to this API."
        ))
    })?;
    let granted = granted_scopes(&grant);
    let scopes: Vec<&str> = match r.scope.as_deref().map(str::split_whitespace) {
        Some(asked) => {
            let asked: Vec<&str> = asked.collect();
            let missing: Vec<&str> = asked.iter().copied().filter(|a| !granted.contains(a)).collect();
            if !missing.is_empty() {
                return Err(denied(format!("Client has not been granted scopes: {}", missing.join(", "))));
            }
            asked
        }
        None => granted,
    };
    // Only scopes the API still defines reach the token (UNCONFIRMED; see README).
    let defined: Vec<&str> =
        api["scopes"].as_array().into_iter().flatten().filter_map(|v| v["value"].as_str()).collect();
    let scopes: Vec<&str> = scopes.into_iter().filter(|sc| defined.contains(sc)).collect();
    let (access_token, lifetime) = sign(&s, &client_id, &audience, &api, &scopes)?;
    let mut response = json!({ "access_token": access_token, "expires_in": lifetime, "token_type": "Bearer" });
    if !scopes.is_empty() {
        response["scope"] = Value::String(scopes.join(" "));
    }
    Ok(json_response(StatusCode::OK, &response))
}

/// A Management API token for the sandbox's own management client, with its granted
/// scopes, signed here as `POST /oauth/token` would sign it.
pub(crate) fn management_token(s: &Shared) -> Result<String, String> {
    let (client_id, audience) = (&s.management_client_id, &s.management_audience);
    let missing = |what: &str| format!("the sandbox tenant has no {what}");
    let store = |e: crate::tenant::StoreError| e.to_string();
    let api =
        s.store.resource_server_by_identifier(audience).map_err(store)?.ok_or_else(|| missing("Management API"))?;
    let grant = s.store.grant_for(client_id, audience).map_err(store)?.ok_or_else(|| missing("management grant"))?;
    sign(s, client_id, audience, &api, &granted_scopes(&grant)).map(|(token, _)| token).map_err(|e| e.description)
}

/// The scopes a client grant holds.
fn granted_scopes(grant: &Value) -> Vec<&str> {
    grant["scope"].as_array().into_iter().flatten().filter_map(Value::as_str).collect()
}

fn sign(
    s: &Shared,
    client_id: &str,
    audience: &str,
    api: &Value,
    scopes: &[&str],
) -> Result<(String, i64), OAuthError> {
    let now = s.clock.now();
    let lifetime = api["token_lifetime"].as_i64().unwrap_or(86400);
    let dialect = api["token_dialect"].as_str().unwrap_or("access_token");
    let rfc9068 = dialect.starts_with("rfc9068");
    let mut claims = json!({
        "iss": s.issuer,
        "sub": format!("{client_id}@clients"),
        "aud": audience,
        "iat": now,
        "exp": now + lifetime,
    });
    if rfc9068 {
        claims["client_id"] = client_id.into();
        claims["jti"] = ids::token_id().into();
    } else {
        claims["azp"] = client_id.into();
        claims["gty"] = "client-credentials".into();
    }
    if !scopes.is_empty() {
        claims["scope"] = scopes.join(" ").into();
    }
    if dialect.ends_with("_authz") {
        claims["permissions"] = scopes.into();
    }
    let alg = api["signing_alg"].as_str().unwrap_or("RS256");
    let fail = |e: jsonwebtoken::errors::Error| {
        tracing::error!(error = %e, "signing a token failed");
        OAuthError::new(StatusCode::INTERNAL_SERVER_ERROR, "server_error", "The sandbox could not sign the token.")
    };
    let token = if alg == "HS256" {
        let mut header = jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256);
        header.typ = Some(if rfc9068 { "at+jwt" } else { "JWT" }.into());
        // HS256 secrets are used as raw UTF-8 bytes, and carry no kid (both UNCONFIRMED).
        let secret = api["signing_secret"].as_str().unwrap_or_default();
        jsonwebtoken::encode(&header, &claims, &jsonwebtoken::EncodingKey::from_secret(secret.as_bytes()))
            .map_err(fail)?
    } else {
        let algorithm = match alg {
            "RS512" => jsonwebtoken::Algorithm::RS512,
            "PS256" => jsonwebtoken::Algorithm::PS256,
            _ => jsonwebtoken::Algorithm::RS256,
        };
        let mut header = jsonwebtoken::Header::new(algorithm);
        header.typ = Some(if rfc9068 { "at+jwt" } else { "JWT" }.into());
        header.kid = Some(s.key.kid.clone());
        jsonwebtoken::encode(&header, &claims, &s.key.encoding).map_err(fail)?
    };
    Ok((token, lifetime))
}

pub async fn jwks(State(s): State<Arc<Shared>>) -> Response {
    json_response(StatusCode::OK, &json!({ "keys": [s.key.jwk()] }))
}

pub async fn discovery(State(s): State<Arc<Shared>>) -> Response {
    let i = &s.issuer;
    json_response(
        StatusCode::OK,
        &json!({
            "issuer": i,
            "token_endpoint": format!("{i}oauth/token"),
            "jwks_uri": format!("{i}.well-known/jwks.json"),
            "grant_types_supported": ["client_credentials"],
            "token_endpoint_auth_methods_supported": ["client_secret_post", "client_secret_basic"],
            "id_token_signing_alg_values_supported": ["RS256", "HS256"],
            "response_types_supported": ["token"],
            "subject_types_supported": ["public"],
        }),
    )
}
