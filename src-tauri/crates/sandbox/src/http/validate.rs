//! Request-body validation in the manner of Auth0's schemas (`additionalProperties:false`,
//! lengths, patterns, enums), with Auth0-style "Payload validation error" messages.

use serde_json::{Map, Value};

use super::error::ApiError;

pub enum Kind {
    /// A string of `min..=max` characters; `no_angle` forbids `<` and `>` (`^[^<>]+$`).
    Str {
        min: usize,
        max: usize,
        no_angle: bool,
    },
    Bool,
    Int {
        min: i64,
        max: i64,
    },
    Enum(&'static [&'static str]),
    /// An array of strings, each `item_min..=item_max` characters, at most `max_items`.
    Strings {
        item_min: usize,
        item_max: usize,
        max_items: usize,
    },
    Object,
    /// Resource-server scopes: `[{value, description}]`.
    Scopes,
}

pub struct Field {
    pub name: &'static str,
    pub kind: Kind,
    pub required: bool,
    pub nullable: bool,
}

pub const fn field(name: &'static str, kind: Kind) -> Field {
    Field { name, kind, required: false, nullable: false }
}

impl Field {
    pub const fn required(mut self) -> Self {
        self.required = true;
        self
    }

    pub const fn nullable(mut self) -> Self {
        self.nullable = true;
        self
    }
}

/// PATCH bodies need at least one property (`minProperties: 1`).
pub fn require_some(body: &Map<String, Value>) -> Result<(), ApiError> {
    if body.is_empty() { Err(ApiError::bad_body("'Too few properties defined (0), minimum 1'.")) } else { Ok(()) }
}

/// At most this many scopes per API (entity-limit policy).
pub const MAX_SCOPES: usize = 1000;

pub fn check(body: &Map<String, Value>, fields: &[Field]) -> Result<(), ApiError> {
    let extra: Vec<&str> =
        body.keys().filter(|k| !fields.iter().any(|f| f.name == k.as_str())).map(String::as_str).collect();
    if !extra.is_empty() {
        return Err(ApiError::bad_body(format!("'Additional properties not allowed: {}'.", extra.join(","))));
    }
    for f in fields {
        match body.get(f.name) {
            None if f.required => {
                return Err(ApiError::bad_body(format!("'Missing required property: {}'.", f.name)));
            }
            None => {}
            Some(Value::Null) if f.nullable => {}
            Some(v) => check_value(f.name, &f.kind, v)?,
        }
    }
    Ok(())
}

fn on(property: &str, problem: String) -> ApiError {
    ApiError::bad_body(format!("'{problem}' on property {property}."))
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

fn expected(property: &str, want: &str, got: &Value) -> ApiError {
    on(property, format!("Expected type {want} but found type {}", type_name(got)))
}

fn check_string(property: &str, s: &str, min: usize, max: usize, no_angle: bool) -> Result<(), ApiError> {
    let len = s.chars().count();
    if len < min {
        return Err(on(property, format!("String is too short ({len} chars), minimum {min}")));
    }
    if len > max {
        return Err(on(property, format!("String is too long ({len} chars), maximum {max}")));
    }
    if no_angle && s.contains(['<', '>']) {
        return Err(on(property, format!("String does not match pattern ^[^<>]+$: {s}")));
    }
    Ok(())
}

fn check_value(property: &str, kind: &Kind, v: &Value) -> Result<(), ApiError> {
    match kind {
        Kind::Str { min, max, no_angle } => {
            let s = v.as_str().ok_or_else(|| expected(property, "string", v))?;
            check_string(property, s, *min, *max, *no_angle)
        }
        Kind::Bool => v.as_bool().map(|_| ()).ok_or_else(|| expected(property, "boolean", v)),
        Kind::Int { min, max } => {
            let n = v.as_i64().ok_or_else(|| expected(property, "integer", v))?;
            if n < *min {
                return Err(on(property, format!("Value {n} is less than minimum {min}")));
            }
            if n > *max {
                return Err(on(property, format!("Value {n} is greater than maximum {max}")));
            }
            Ok(())
        }
        Kind::Enum(options) => {
            let s = v.as_str().ok_or_else(|| expected(property, "string", v))?;
            if options.contains(&s) { Ok(()) } else { Err(on(property, format!("No enum match for: \"{s}\""))) }
        }
        Kind::Strings { item_min, item_max, max_items } => {
            let items = v.as_array().ok_or_else(|| expected(property, "array", v))?;
            if items.len() > *max_items {
                return Err(on(property, format!("Array is too long ({}), maximum {max_items}", items.len())));
            }
            for (i, item) in items.iter().enumerate() {
                let at = format!("{property}[{i}]");
                let s = item.as_str().ok_or_else(|| expected(&at, "string", item))?;
                check_string(&at, s, *item_min, *item_max, false)?;
            }
            Ok(())
        }
        Kind::Object => v.as_object().map(|_| ()).ok_or_else(|| expected(property, "object", v)),
        Kind::Scopes => check_scopes(property, v),
    }
}

/// RFC 6749 scope-token characters: printable ASCII except space, `"` and `\`. Auth0's own
/// rule is UNCONFIRMED (contract §2.2); the sandbox enforces the RFC (see README).
pub fn is_scope_token(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b == 0x21 || (0x23..=0x5b).contains(&b) || (0x5d..=0x7e).contains(&b))
}

fn check_scopes(property: &str, v: &Value) -> Result<(), ApiError> {
    let items = v.as_array().ok_or_else(|| expected(property, "array", v))?;
    if items.len() > MAX_SCOPES {
        return Err(on(property, format!("Array is too long ({}), maximum {MAX_SCOPES}", items.len())));
    }
    let mut seen = std::collections::HashSet::new();
    for (i, item) in items.iter().enumerate() {
        let at = format!("{property}[{i}]");
        let obj = item.as_object().ok_or_else(|| expected(&at, "object", item))?;
        check(
            obj,
            &[
                field("value", Kind::Str { min: 1, max: 280, no_angle: false }).required(),
                field("description", Kind::Str { min: 0, max: 500, no_angle: false }),
            ],
        )
        .map_err(|e| {
            ApiError::bad_body(format!("{} (in {at})", e.message.trim_start_matches("Payload validation error: ")))
        })?;
        let value = obj["value"].as_str().unwrap_or_default();
        if !is_scope_token(value) {
            return Err(on(
                &at,
                format!(
                    "Scope value \"{value}\" contains characters not allowed in a scope (spaces, quotes or backslashes)"
                ),
            ));
        }
        if !seen.insert(value) {
            return Err(on(&at, format!("Duplicate scope value: {value}")));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn obj(v: Value) -> Map<String, Value> {
        v.as_object().unwrap().clone()
    }

    const NAME: Field = field("name", Kind::Str { min: 1, max: 5, no_angle: true });

    #[test]
    fn rejects_unknown_fields_like_auth0() {
        let e = check(&obj(json!({"name": "a", "scopes": []})), &[NAME]).unwrap_err();
        assert_eq!(e.message, "Payload validation error: 'Additional properties not allowed: scopes'.");
    }

    #[test]
    fn names_the_property_and_rule() {
        let e = check(&obj(json!({"name": "toolong"})), &[NAME]).unwrap_err();
        assert!(e.message.contains("String is too long (7 chars), maximum 5' on property name"), "{}", e.message);
        let e = check(&obj(json!({"name": "<b>"})), &[NAME]).unwrap_err();
        assert!(e.message.contains("pattern ^[^<>]+$"), "{}", e.message);
        let e = check(&obj(json!({})), &[NAME.required()]).unwrap_err();
        assert!(e.message.contains("Missing required property: name"), "{}", e.message);
        let e = check(&obj(json!({"name": 3})), &[NAME]).unwrap_err();
        assert!(e.message.contains("Expected type string but found type integer"), "{}", e.message);
    }

    #[test]
    fn scopes_must_be_unique_tokens() {
        let f = [field("scopes", Kind::Scopes)];
        assert!(
            check(&obj(json!({"scopes": [{"value": "read:a"}, {"value": "read:b", "description": "B"}]})), &f).is_ok()
        );
        assert!(check(&obj(json!({"scopes": [{"value": "read a"}]})), &f).is_err());
        assert!(check(&obj(json!({"scopes": [{"value": "x"}, {"value": "x"}]})), &f).is_err());
        assert!(check(&obj(json!({"scopes": [{"value": "x", "extra": 1}]})), &f).is_err());
        let many: Vec<Value> = (0..=MAX_SCOPES).map(|i| json!({"value": format!("s{i}")})).collect();
        let e = check(&obj(json!({ "scopes": many })), &f).unwrap_err();
        assert!(e.message.contains("maximum 1000"), "{}", e.message);
    }
}
