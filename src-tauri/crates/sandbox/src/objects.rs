//! The objects as Auth0 creates them: a new client's and a new API's default fields
//! (recorded from real tenants, contract §2.1 and §2.2), filled around a create body.
//!
//! Owns the defaults only. Validation is the HTTP layer's (`http/`); storage is `tenant`'s.
//! Both the handlers and the seeding in `state` build objects here, so `state` never
//! depends on a handler.

use serde_json::{Map, Value, json};

use crate::ids;

/// A new client from a validated create body, with the recorded defaults.
pub fn new_client(body: Value) -> Value {
    let mut c = json!({
        "tenant": "sandbox",
        "client_id": ids::client_id(),
        "client_secret": ids::client_secret(),
        "is_first_party": true,
        "oidc_conformant": false,
        "sso_disabled": false,
        "custom_login_page_on": true,
        "is_token_endpoint_ip_header_trusted": false,
        "callbacks": [],
        "grant_types": ["authorization_code", "implicit", "refresh_token", "client_credentials"],
        "jwt_configuration": {"secret_encoded": false, "lifetime_in_seconds": 36000},
        "refresh_token": {
            "rotation_type": "non-rotating",
            "expiration_type": "non-expiring",
            "leeway": 0,
            "token_lifetime": 2592000,
            "infinite_token_lifetime": true,
            "infinite_idle_token_lifetime": true,
            "idle_token_lifetime": 1296000
        },
    });
    if let (Some(obj), Value::Object(given)) = (c.as_object_mut(), body) {
        for (k, v) in given {
            match (k.as_str(), obj.get_mut(&k)) {
                ("jwt_configuration" | "refresh_token", Some(Value::Object(existing))) => {
                    if let Value::Object(v) = v {
                        existing.extend(v);
                    }
                }
                _ => {
                    obj.insert(k, v);
                }
            }
        }
    }
    c
}

/// Keeps `signing_secret` consistent with `signing_alg`: generated for HS256 when missing
/// (generation is UNCONFIRMED; see README), removed for the RSA algorithms.
pub(crate) fn settle_secret(rs: &mut Map<String, Value>) {
    if rs.get("signing_alg").and_then(Value::as_str) == Some("HS256") {
        rs.entry("signing_secret").or_insert_with(|| Value::String(ids::signing_secret()));
    } else {
        rs.remove("signing_secret");
    }
}

/// A new API from a validated create body, with the recorded defaults.
pub fn new_resource_server(body: Value) -> Value {
    let mut rs = json!({
        "id": ids::resource_server_id(),
        "allow_offline_access": false,
        "skip_consent_for_verifiable_first_party_clients": false,
        "subject_type_authorization": {"user": {"policy": "allow_all"}, "client": {"policy": "require_client_grant"}},
        "token_lifetime": 86400,
        "token_lifetime_for_web": 7200,
        "signing_alg": "RS256",
    });
    if let (Some(obj), Value::Object(given)) = (rs.as_object_mut(), body) {
        obj.extend(given);
        let life = obj["token_lifetime"].as_i64().unwrap_or(86400);
        if !obj.contains_key("token_lifetime_for_web") || obj["token_lifetime_for_web"].as_i64() > Some(life) {
            obj.insert("token_lifetime_for_web".into(), Value::from(7200.min(life)));
        }
        settle_secret(obj);
    }
    rs
}
