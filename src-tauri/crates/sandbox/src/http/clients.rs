//! `/api/v2/clients`: applications. Defaults as recorded from real tenants (contract §2.1):
//! four grant types when none are sent, `client_secret` visible only with key-reading scopes.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde_json::{Map, Value, json};

use super::auth::{Caller, authenticate};
use super::error::ApiError;
use super::validate::{self, Field, Kind, check, field};
use super::{body, client_fields, json_response, list};
use crate::state::Shared;
use crate::tenant::Filter;
use crate::{ids, objects};

const READ: &[&str] = &["read:clients", "read:client_keys", "read:client_credentials", "read:client_summary"];
const READ_KEYS: &[&str] = &["read:client_keys", "read:client_credentials"];
const UPDATE: &[&str] = &["update:clients", "update:client_keys", "update:client_credentials"];
/// Left out of responses unless the caller may read client keys.
const KEY_FIELDS: &[&str] = &["client_secret", "signing_keys", "encryption_key", "client_authentication_methods"];
/// What `read:client_summary` alone may see.
const SUMMARY_FIELDS: &[&str] = &["client_id", "app_type", "name", "description", "tenant"];

const APP_TYPES: &[&str] = &["native", "spa", "regular_web", "non_interactive", "resource_server"];
const GRANT_TYPES: &[&str] = &[
    "authorization_code",
    "implicit",
    "refresh_token",
    "client_credentials",
    "password",
    "http://auth0.com/oauth/grant-type/password-realm",
    "http://auth0.com/oauth/grant-type/mfa-oob",
    "http://auth0.com/oauth/grant-type/mfa-otp",
    "http://auth0.com/oauth/grant-type/mfa-recovery-code",
    "urn:ietf:params:oauth:grant-type:device_code",
    "urn:ietf:params:oauth:grant-type:token-exchange",
];
const DEVICE_CODE: &str = "urn:ietf:params:oauth:grant-type:device_code";

/// The client name's maximum length is UNCONFIRMED (contract §2.4); the sandbox uses 255.
pub const MAX_NAME: usize = 255;

fn schema(patch: bool) -> Vec<Field> {
    let name = field("name", Kind::Str { min: 1, max: MAX_NAME, no_angle: true });
    let strings = |n| field(n, Kind::Strings { item_min: 0, item_max: 2048, max_items: 100 });
    let mut fields = vec![
        if patch { name } else { name.required() },
        field("description", Kind::Str { min: 0, max: 140, no_angle: false }),
        field("app_type", Kind::Enum(APP_TYPES)),
        field("grant_types", Kind::Strings { item_min: 1, item_max: 100, max_items: 20 }),
        field("token_endpoint_auth_method", Kind::Enum(&["none", "client_secret_post", "client_secret_basic"])),
        field("jwt_configuration", Kind::Object),
        field("client_metadata", Kind::Object),
        field("refresh_token", Kind::Object),
        field("oidc_conformant", Kind::Bool),
        field("is_first_party", Kind::Bool),
        field("sso_disabled", Kind::Bool),
        field("custom_login_page_on", Kind::Bool),
        field("cross_origin_authentication", Kind::Bool),
        field("is_token_endpoint_ip_header_trusted", Kind::Bool),
        field("logo_uri", Kind::Str { min: 0, max: 2048, no_angle: false }),
        strings("callbacks"),
        strings("allowed_origins"),
        strings("web_origins"),
        strings("allowed_logout_urls"),
    ];
    if patch {
        fields.push(field("client_secret", Kind::Str { min: 1, max: 1024, no_angle: false }));
    }
    fields
}

/// Rules beyond the schema: enum items, metadata limits, combinations Auth0 refuses.
fn check_rules(client: &Map<String, Value>) -> Result<(), ApiError> {
    let grants: Vec<&str> =
        client.get("grant_types").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str).collect();
    if let Some(bad) = grants.iter().find(|g| !GRANT_TYPES.contains(g)) {
        return Err(ApiError::bad_body(format!("'No enum match for: \"{bad}\"' on property grant_types.")));
    }
    if let Some(meta) = client.get("client_metadata").and_then(Value::as_object) {
        if meta.len() > 10 {
            return Err(ApiError::bad_body("'client_metadata can have at most 10 properties'."));
        }
        for (k, v) in meta {
            let s = v.as_str().ok_or_else(|| {
                ApiError::bad_body(format!("'Expected type string' on property client_metadata.{k}."))
            })?;
            if s.chars().count() > 255 {
                return Err(ApiError::bad_body(format!(
                    "'String is too long, maximum 255' on property client_metadata.{k}."
                )));
            }
        }
    }
    if client.get("app_type").and_then(Value::as_str) == Some("non_interactive") {
        if client.get("token_endpoint_auth_method").and_then(Value::as_str) == Some("none") {
            return Err(ApiError::bad_body(
                "'Machine to Machine applications must authenticate: token_endpoint_auth_method cannot be \"none\"'.",
            ));
        }
        if grants.contains(&DEVICE_CODE) {
            return Err(ApiError::bad_body("'Machine to Machine applications cannot use the device code grant'."));
        }
    }
    Ok(())
}

/// What this caller may see of a client.
fn visible(mut client: Value, caller: &Caller) -> Value {
    if let Some(obj) = client.as_object_mut() {
        if !caller.has_any(&["read:clients", "read:client_keys", "read:client_credentials"]) {
            obj.retain(|k, _| SUMMARY_FIELDS.contains(&k.as_str()));
        } else if !caller.has_any(READ_KEYS) && !caller.has("update:client_keys") {
            obj.retain(|k, _| !KEY_FIELDS.contains(&k.as_str()));
        }
    }
    client
}

/// Fields that are not a client's are refused (400); key fields asked by a caller that may
/// not read keys, too (403).
fn check_fields(q: &list::ListQuery, caller: &Caller) -> Result<(), ApiError> {
    client_fields::check(&q.fields)?;
    if caller.has_any(READ_KEYS) || !q.include_fields {
        return Ok(());
    }
    let asked: Vec<&str> = q.fields.iter().flatten().map(String::as_str).filter(|f| KEY_FIELDS.contains(f)).collect();
    if asked.is_empty() {
        Ok(())
    } else {
        Err(ApiError::new(
            StatusCode::FORBIDDEN,
            format!("You cannot read the following fields: {}", asked.join(",")),
            Some("insufficient_scope"),
        ))
    }
}

fn not_found() -> ApiError {
    ApiError::not_found("The client does not exist", "inexistent_client")
}

pub async fn list(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    RawQuery(q): RawQuery,
) -> Result<Response, ApiError> {
    let caller = authenticate(&s, &headers)?;
    caller.require(READ)?;
    let q = list::parse(q.as_deref(), &["app_type", "is_first_party", "is_global", "q"])?;
    if !q.values("q").is_empty() {
        return Err(ApiError::bad_query("'q' (Lucene search) is not supported by the sandbox tenant."));
    }
    check_fields(&q, &caller)?;
    let mut filters = Vec::new();
    let app_types = q.values("app_type");
    if !app_types.is_empty() {
        filters.push(Filter { column: "app_type", values: app_types.into_iter().map(Into::into).collect() });
    }
    if let Some(v) = q.values("is_first_party").first() {
        filters.push(Filter { column: "is_first_party", values: vec![(v == "true").into()] });
    }
    let mut listed = s.store.list_clients(&filters, q.page)?;
    for item in &mut listed.items {
        *item = visible(std::mem::take(item), &caller);
        list::project(item, &q.fields, q.include_fields, &["tenant"]);
    }
    Ok(json_response(StatusCode::OK, &list::respond("clients", listed, &q)))
}

pub async fn get(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> Result<Response, ApiError> {
    let caller = authenticate(&s, &headers)?;
    caller.require(READ)?;
    let q = list::parse(q.as_deref(), &[])?;
    check_fields(&q, &caller)?;
    let mut client = visible(s.store.client(&id)?.ok_or_else(not_found)?, &caller);
    list::project(&mut client, &q.fields, q.include_fields, &["tenant"]);
    Ok(json_response(StatusCode::OK, &client))
}

pub async fn create(State(s): State<Arc<Shared>>, headers: HeaderMap, req: Body) -> Result<Response, ApiError> {
    let caller = authenticate(&s, &headers)?;
    caller.require(&["create:clients"])?;
    let body = body::json_object(&headers, req).await?;
    check(&body, &schema(false))?;
    check_rules(&body)?;
    let client = objects::new_client(Value::Object(body));
    s.store.insert_client(&client)?;
    Ok(json_response(StatusCode::CREATED, &client))
}

pub async fn update(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(id): Path<String>,
    req: Body,
) -> Result<Response, ApiError> {
    let caller = authenticate(&s, &headers)?;
    caller.require(UPDATE)?;
    let body = body::json_object(&headers, req).await?;
    check(&body, &schema(true))?;
    validate::require_some(&body)?;
    if body.contains_key("client_secret") {
        caller.require(&["update:client_keys"])?;
    }
    let mut client = s.store.client(&id)?.ok_or_else(not_found)?;
    let obj = client.as_object_mut().ok_or_else(not_found)?;
    for (k, v) in body {
        match (k.as_str(), v) {
            // Metadata merges key by key; null removes a key.
            ("client_metadata", Value::Object(changes)) => {
                let meta = obj.entry("client_metadata").or_insert_with(|| json!({}));
                if let Some(meta) = meta.as_object_mut() {
                    for (mk, mv) in changes {
                        if mv.is_null() {
                            meta.remove(&mk)
                        } else {
                            meta.insert(mk, mv)
                        };
                    }
                }
            }
            (_, v) => {
                obj.insert(k, v);
            }
        }
    }
    check_rules(obj)?;
    s.store.update_client(&client)?;
    Ok(json_response(StatusCode::OK, &visible(client, &caller)))
}

pub async fn delete(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let caller = authenticate(&s, &headers)?;
    caller.require(&["delete:clients"])?;
    if id == s.management_client_id {
        return Err(ApiError::bad_body("'The sandbox's management client cannot be deleted'."));
    }
    // Idempotent, and the client's grants go with it (both UNCONFIRMED; see README).
    s.store.delete_client(&id)?;
    Ok(super::no_content())
}

pub async fn rotate_secret(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let caller = authenticate(&s, &headers)?;
    caller.require(&["update:client_keys"])?;
    let mut client = s.store.client(&id)?.ok_or_else(not_found)?;
    client["client_secret"] = Value::String(ids::client_secret());
    s.store.update_client(&client)?;
    Ok(json_response(StatusCode::OK, &client))
}
