//! `/api/v2/resource-servers`: APIs. Looked up by id or by (URL-encoded) identifier;
//! defaults RS256 / 86400 / 7200; identifier immutable; the system Management API listed
//! with `is_system` and mostly read-only (contract §2.2).

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde_json::{Map, Value};

use super::auth::authenticate;
use super::error::ApiError;
use super::validate::{self, Field, Kind, check, field};
use super::{body, json_response, list};
use crate::objects;
use crate::state::Shared;
use crate::tenant::{Filter, StoreError};

pub const SIGNING_ALGS: &[&str] = &["HS256", "RS256", "RS512", "PS256"];
const DIALECTS: &[&str] = &["access_token", "access_token_authz", "rfc9068_profile", "rfc9068_profile_authz"];
pub const MAX_LIFETIME: i64 = 2_592_000;
/// What a PATCH may change on a system API (terraform-provider-auth0 PR #374).
const SYSTEM_PATCHABLE: &[&str] = &["token_lifetime", "skip_consent_for_verifiable_first_party_clients"];

fn schema(patch: bool) -> Vec<Field> {
    let identifier = field("identifier", Kind::Str { min: 1, max: 600, no_angle: false }).required();
    let mut fields = vec![
        field("name", Kind::Str { min: 1, max: 200, no_angle: true }),
        field("scopes", Kind::Scopes),
        field("signing_alg", Kind::Enum(SIGNING_ALGS)),
        field("signing_secret", Kind::Str { min: 16, max: 1024, no_angle: false }),
        field("token_lifetime", Kind::Int { min: 0, max: MAX_LIFETIME }),
        field("token_lifetime_for_web", Kind::Int { min: 0, max: MAX_LIFETIME }),
        field("allow_offline_access", Kind::Bool),
        field("skip_consent_for_verifiable_first_party_clients", Kind::Bool),
        field("enforce_policies", Kind::Bool),
        field("token_dialect", Kind::Enum(DIALECTS)),
        field("subject_type_authorization", Kind::Object),
    ];
    if !patch {
        fields.insert(0, identifier);
    }
    fields
}

fn check_lifetimes(rs: &Map<String, Value>) -> Result<(), ApiError> {
    let life = rs.get("token_lifetime").and_then(Value::as_i64).unwrap_or(86400);
    let web = rs.get("token_lifetime_for_web").and_then(Value::as_i64).unwrap_or(7200.min(life));
    if web > life {
        return Err(ApiError::bad_body(format!(
            "'token_lifetime_for_web ({web}) must be less than or equal to token_lifetime ({life})'."
        )));
    }
    Ok(())
}

fn not_found() -> ApiError {
    ApiError::not_found("The resource server does not exist", "inexistent_resource_server")
}

pub async fn list(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    RawQuery(q): RawQuery,
) -> Result<Response, ApiError> {
    authenticate(&s, &headers)?.require(&["read:resource_servers"])?;
    let q = list::parse(q.as_deref(), &["identifiers"])?;
    let identifiers: Vec<String> = q.extra.iter().filter(|(k, _)| k == "identifiers").map(|(_, v)| v.clone()).collect();
    if identifiers.len() > 10 {
        return Err(ApiError::bad_query("'Array is too long (more than 10 identifiers)' on property identifiers."));
    }
    let filters: Vec<Filter> = if identifiers.is_empty() {
        vec![]
    } else {
        vec![Filter { column: "identifier", values: identifiers.into_iter().map(Into::into).collect() }]
    };
    let mut listed = s.store.list_resource_servers(&filters, q.page)?;
    for item in &mut listed.items {
        list::project(item, &q.fields, q.include_fields, &[]);
    }
    Ok(json_response(StatusCode::OK, &list::respond("resource_servers", listed, &q)))
}

pub async fn get(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> Result<Response, ApiError> {
    authenticate(&s, &headers)?.require(&["read:resource_servers"])?;
    let q = list::parse(q.as_deref(), &[])?;
    let mut rs = s.store.resource_server(&id)?.ok_or_else(not_found)?;
    list::project(&mut rs, &q.fields, q.include_fields, &[]);
    Ok(json_response(StatusCode::OK, &rs))
}

pub async fn create(State(s): State<Arc<Shared>>, headers: HeaderMap, req: Body) -> Result<Response, ApiError> {
    authenticate(&s, &headers)?.require(&["create:resource_servers"])?;
    let body = body::json_object(&headers, req).await?;
    check(&body, &schema(false))?;
    check_lifetimes(&body)?;
    let rs = objects::new_resource_server(Value::Object(body));
    match s.store.insert_resource_server(&rs) {
        Err(StoreError::Conflict) => Err(ApiError::conflict(
            format!(
                "A resource server with the identifier \"{}\" already exists.",
                rs["identifier"].as_str().unwrap_or_default()
            ),
            "resource_server_conflict",
        )),
        other => {
            other?;
            Ok(json_response(StatusCode::CREATED, &rs))
        }
    }
}

pub async fn update(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(id): Path<String>,
    req: Body,
) -> Result<Response, ApiError> {
    authenticate(&s, &headers)?.require(&["update:resource_servers"])?;
    let body = body::json_object(&headers, req).await?;
    let mut rs = s.store.resource_server(&id)?.ok_or_else(not_found)?;
    let is_system = rs["is_system"].as_bool().unwrap_or(false);
    let allowed: Vec<Field> =
        schema(true).into_iter().filter(|f| !is_system || SYSTEM_PATCHABLE.contains(&f.name)).collect();
    check(&body, &allowed)?;
    validate::require_some(&body)?;
    let obj = rs.as_object_mut().ok_or_else(not_found)?;
    // Lowering token_lifetime alone also lowers the web lifetime to fit (our choice; README).
    if let (Some(life), false) =
        (body.get("token_lifetime").and_then(Value::as_i64), body.contains_key("token_lifetime_for_web"))
        && obj.get("token_lifetime_for_web").and_then(Value::as_i64).is_some_and(|web| web > life)
    {
        obj.insert("token_lifetime_for_web".into(), Value::from(life));
    }
    obj.extend(body);
    check_lifetimes(obj)?;
    objects::settle_secret(obj);
    s.store.update_resource_server(&rs)?;
    Ok(json_response(StatusCode::OK, &rs))
}

pub async fn delete(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    authenticate(&s, &headers)?.require(&["delete:resource_servers"])?;
    if let Some(rs) = s.store.resource_server(&id)? {
        if rs["is_system"].as_bool() == Some(true) {
            return Err(ApiError::new(
                StatusCode::FORBIDDEN,
                "System resource servers cannot be deleted.",
                Some("operation_not_supported"),
            ));
        }
        // Grants for this audience are left in place (UNCONFIRMED; see README).
        s.store.delete_resource_server(rs["id"].as_str().unwrap_or_default())?;
    }
    Ok(super::no_content())
}
