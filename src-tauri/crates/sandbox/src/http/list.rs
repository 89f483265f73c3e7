//! List queries shared by the three collections: the three response shapes (bare array,
//! `include_totals` offset form, `from`/`take` checkpoint form), `per_page` 1–100
//! (default 50), and `fields` / `include_fields` projection.

use serde_json::{Map, Value, json};

use super::error::ApiError;
use crate::tenant::{Listed, Page};

pub const DEFAULT_PER_PAGE: u32 = 50;
pub const MAX_PER_PAGE: u32 = 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Bare,
    Totals,
    Checkpoint,
}

pub struct ListQuery {
    pub page: Page,
    pub shape: Shape,
    pub fields: Option<Vec<String>>,
    pub include_fields: bool,
    /// Collection-specific parameters (filters), in request order.
    pub extra: Vec<(String, String)>,
}

impl ListQuery {
    /// Values of a filter parameter (repeatable, comma lists split).
    pub fn values(&self, name: &str) -> Vec<String> {
        self.extra
            .iter()
            .filter(|(k, _)| k == name)
            .flat_map(|(_, v)| {
                v.split(',').map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect::<Vec<_>>()
            })
            .collect()
    }
}

pub fn parse_pairs(raw: Option<&str>) -> Vec<(String, String)> {
    raw.map(|q| form_urlencoded::parse(q.as_bytes()).into_owned().collect()).unwrap_or_default()
}

fn parse_bool(name: &str, v: &str) -> Result<bool, ApiError> {
    match v {
        "true" => Ok(true),
        "false" => Ok(false),
        _ => Err(ApiError::bad_query(format!("'Expected type boolean but found type string' on property {name}."))),
    }
}

fn parse_int(name: &str, v: &str, min: u32, max: u32) -> Result<u32, ApiError> {
    let n: i64 = v.parse().map_err(|_| {
        ApiError::bad_query(format!("'Expected type integer but found type string' on property {name}."))
    })?;
    if n < i64::from(min) {
        return Err(ApiError::bad_query(format!("'Value {n} is less than minimum {min}' on property {name}.")));
    }
    if n > i64::from(max) {
        return Err(ApiError::bad_query(format!("'Value {n} is greater than maximum {max}' on property {name}.")));
    }
    Ok(n as u32)
}

/// Parses the query string; `filters` names the collection's own parameters.
pub fn parse(raw: Option<&str>, filters: &[&str]) -> Result<ListQuery, ApiError> {
    let (mut page, mut per_page, mut totals, mut from, mut take) = (0, DEFAULT_PER_PAGE, false, None, None);
    let (mut fields, mut include_fields, mut extra) = (None, true, Vec::new());
    for (k, v) in parse_pairs(raw) {
        match k.as_str() {
            "page" => page = parse_int("page", &v, 0, u32::MAX / MAX_PER_PAGE)?,
            "per_page" => per_page = parse_int("per_page", &v, 1, MAX_PER_PAGE)?,
            "include_totals" => totals = parse_bool("include_totals", &v)?,
            "include_fields" => include_fields = parse_bool("include_fields", &v)?,
            "fields" => {
                fields = Some(v.split(',').map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect())
            }
            "take" => take = Some(parse_int("take", &v, 1, MAX_PER_PAGE)?),
            "from" => {
                from = Some(v.parse::<i64>().ok().filter(|n| *n >= 0).ok_or_else(|| {
                    ApiError::bad_query("'from' is not a checkpoint returned as 'next' by an earlier page.")
                })?)
            }
            other if filters.contains(&other) => extra.push((k, v)),
            other => {
                return Err(ApiError::bad_query(format!("'Additional properties not allowed: {other}'.")));
            }
        }
    }
    let (page, shape) = if from.is_some() || take.is_some() {
        (Page::Checkpoint { from: from.unwrap_or(0), take: take.unwrap_or(DEFAULT_PER_PAGE) }, Shape::Checkpoint)
    } else {
        (Page::Offset { page, per_page }, if totals { Shape::Totals } else { Shape::Bare })
    };
    Ok(ListQuery { page, shape, fields, include_fields, extra })
}

/// Keeps (or drops, with `include_fields=false`) the named fields; `always` survive.
pub fn project(item: &mut Value, fields: &Option<Vec<String>>, include: bool, always: &[&str]) {
    let (Some(fields), Some(obj)) = (fields, item.as_object_mut()) else {
        return;
    };
    obj.retain(|k, _| always.contains(&k.as_str()) || fields.iter().any(|f| f == k) == include);
}

pub fn respond(key: &str, listed: Listed, q: &ListQuery) -> Value {
    match (q.shape, q.page) {
        (Shape::Bare, _) => Value::Array(listed.items),
        (Shape::Totals, Page::Offset { page, per_page }) => {
            let mut v = json!({
                "total": listed.total,
                "start": u64::from(page) * u64::from(per_page),
                "limit": per_page,
            });
            v[key] = Value::Array(listed.items);
            v
        }
        _ => {
            let mut m = Map::new();
            m.insert(key.into(), Value::Array(listed.items));
            if let Some(next) = listed.next {
                m.insert("next".into(), Value::String(next.to_string()));
            }
            Value::Object(m)
        }
    }
}
