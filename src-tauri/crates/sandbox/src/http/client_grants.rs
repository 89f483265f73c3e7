//! `/api/v2/client-grants`: which client may get tokens for which API, with which scopes.
//! One grant per (client, audience, subject_type); PATCH replaces `scope` (contract §2.3).

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
use crate::ids;
use crate::state::Shared;
use crate::tenant::{Filter, StoreError};

fn schema(patch: bool) -> Vec<Field> {
    let scope = field("scope", Kind::Strings { item_min: 1, item_max: 280, max_items: 1000 });
    let mut fields = vec![
        field("organization_usage", Kind::Enum(&["deny", "allow", "require"])),
        field("allow_any_organization", Kind::Bool),
        field("authorization_details_types", Kind::Strings { item_min: 1, item_max: 255, max_items: 100 }),
        field("allow_all_scopes", Kind::Bool),
    ];
    if patch {
        fields.push(scope.nullable());
        fields[0] = field("organization_usage", Kind::Enum(&["deny", "allow", "require"])).nullable();
    } else {
        fields.push(field("client_id", Kind::Str { min: 1, max: 64, no_angle: false }).required());
        fields.push(field("audience", Kind::Str { min: 1, max: 600, no_angle: false }).required());
        fields.push(field("subject_type", Kind::Enum(&["client", "user"])));
        // Auth0 refuses a create without `scope` (the CLI always sends `[]`).
        fields.push(scope.required());
    }
    fields
}

/// Every granted scope must be defined on the API (UNCONFIRMED; see README), unless the
/// grant allows all scopes.
fn check_scopes(grant: &Map<String, Value>, api: &Value) -> Result<(), ApiError> {
    let defined: Vec<&str> =
        api["scopes"].as_array().into_iter().flatten().filter_map(|s| s["value"].as_str()).collect();
    let undefined: Vec<&str> = grant
        .get("scope")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .filter(|s| !defined.contains(s))
        .collect();
    if undefined.is_empty() {
        Ok(())
    } else {
        Err(ApiError::bad_body(format!(
            "'Scopes not defined on the resource server {}: {}' on property scope.",
            api["identifier"].as_str().unwrap_or_default(),
            undefined.join(", ")
        )))
    }
}

fn check_all_scopes(grant: &Map<String, Value>, api: &Value) -> Result<(), ApiError> {
    if grant.get("allow_all_scopes").and_then(Value::as_bool) == Some(true) && api["is_system"].as_bool() == Some(true)
    {
        return Err(ApiError::bad_body("'`allow_all_scopes` cannot be provided when `audience` is a system API'."));
    }
    Ok(())
}

fn not_found() -> ApiError {
    ApiError::not_found("The grant does not exist.", "inexistent_client_grant")
}

pub async fn list(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    RawQuery(q): RawQuery,
) -> Result<Response, ApiError> {
    authenticate(&s, &headers)?.require(&["read:client_grants"])?;
    let q = list::parse(q.as_deref(), &["audience", "client_id", "allow_any_organization", "subject_type"])?;
    let mut filters = Vec::new();
    for (param, column) in [("audience", "audience"), ("client_id", "client_id"), ("subject_type", "subject_type")] {
        let values: Vec<String> = q.extra.iter().filter(|(k, _)| k == param).map(|(_, v)| v.clone()).collect();
        if !values.is_empty() {
            filters.push(Filter { column, values: values.into_iter().map(Into::into).collect() });
        }
    }
    if let Some(v) = q.values("allow_any_organization").first() {
        filters.push(Filter { column: "allow_any_organization", values: vec![(v == "true").into()] });
    }
    let mut listed = s.store.list_client_grants(&filters, q.page)?;
    for item in &mut listed.items {
        list::project(item, &q.fields, q.include_fields, &[]);
    }
    Ok(json_response(StatusCode::OK, &list::respond("client_grants", listed, &q)))
}

pub async fn get(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    authenticate(&s, &headers)?.require(&["read:client_grants"])?;
    let grant = s.store.client_grant(&id)?.ok_or_else(not_found)?;
    Ok(json_response(StatusCode::OK, &grant))
}

pub async fn create(State(s): State<Arc<Shared>>, headers: HeaderMap, req: Body) -> Result<Response, ApiError> {
    authenticate(&s, &headers)?.require(&["create:client_grants"])?;
    let mut body = body::json_object(&headers, req).await?;
    check(&body, &schema(false))?;
    let client_id = body["client_id"].as_str().unwrap_or_default().to_string();
    let audience = body["audience"].as_str().unwrap_or_default().to_string();
    if s.store.client(&client_id)?.is_none() {
        return Err(ApiError::not_found("Client not found", "inexistent_client"));
    }
    let api = s.store.resource_server_by_identifier(&audience)?.ok_or_else(|| {
        ApiError::not_found(&format!("No resource with identifier {audience}"), "inexistent_resource_server")
    })?;
    check_all_scopes(&body, &api)?;
    check_scopes(&body, &api)?;
    body.insert("id".into(), Value::String(ids::client_grant_id()));
    body.entry("subject_type").or_insert_with(|| Value::from("client"));
    let grant = Value::Object(body);
    match s.store.insert_client_grant(&grant) {
        Err(StoreError::Conflict) => Err(ApiError::conflict(
            format!("A client grant already exists between {client_id} and {audience}."),
            "client_grant_conflict",
        )),
        other => {
            other?;
            Ok(json_response(StatusCode::CREATED, &grant))
        }
    }
}

pub async fn update(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(id): Path<String>,
    req: Body,
) -> Result<Response, ApiError> {
    authenticate(&s, &headers)?.require(&["update:client_grants"])?;
    let body = body::json_object(&headers, req).await?;
    check(&body, &schema(true))?;
    validate::require_some(&body)?;
    let mut grant = s.store.client_grant(&id)?.ok_or_else(not_found)?;
    let obj = grant.as_object_mut().ok_or_else(not_found)?;
    for (k, v) in body {
        match (k.as_str(), v) {
            // `scope: null` clears the list; the list is replaced, never merged.
            ("scope", Value::Null) => {
                obj.insert(k, Value::Array(vec![]));
            }
            ("organization_usage", Value::Null) => {
                obj.remove(&k);
            }
            (_, v) => {
                obj.insert(k, v);
            }
        }
    }
    let audience = obj["audience"].as_str().unwrap_or_default().to_string();
    if let Some(api) = s.store.resource_server_by_identifier(&audience)? {
        check_all_scopes(obj, &api)?;
        check_scopes(obj, &api)?;
    }
    s.store.update_client_grant(&grant)?;
    Ok(json_response(StatusCode::OK, &grant))
}

pub async fn delete(
    State(s): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    authenticate(&s, &headers)?.require(&["delete:client_grants"])?;
    // Deleting an already deleted grant is a 204 as well (REC-go).
    s.store.delete_client_grant(&id)?;
    Ok(super::no_content())
}
