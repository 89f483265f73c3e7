//! The Management API objects Grantsmith reads and the bodies it sends, as the contract
//! describes them. Unknown fields are kept in `extra` so nothing Auth0 returns is lost.

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};

use crate::Sensitive;

impl<'de> Deserialize<'de> for Sensitive<String> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(Sensitive::new)
    }
}

/// An application.
#[derive(Debug, Clone, Deserialize)]
pub struct Client {
    pub client_id: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub app_type: Option<String>,
    #[serde(default)]
    pub grant_types: Vec<String>,
    /// Only present when the management client may read client keys.
    #[serde(default)]
    pub client_secret: Option<Sensitive<String>>,
    #[serde(default)]
    pub client_metadata: Map<String, Value>,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scope {
    pub value: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// An API.
#[derive(Debug, Clone, Deserialize)]
pub struct ResourceServer {
    pub id: String,
    pub identifier: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub scopes: Vec<Scope>,
    #[serde(default)]
    pub signing_alg: Option<String>,
    /// HS256 APIs only.
    #[serde(default)]
    pub signing_secret: Option<Sensitive<String>>,
    #[serde(default)]
    pub token_lifetime: Option<i64>,
    #[serde(default)]
    pub token_dialect: Option<String>,
    #[serde(default)]
    pub is_system: bool,
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A client grant: `client_id` may get tokens for `audience` with `scope`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct ClientGrant {
    pub id: String,
    pub client_id: String,
    pub audience: String,
    #[serde(default)]
    pub scope: Vec<String>,
    #[serde(default)]
    pub subject_type: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct NewClient {
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    pub app_type: String,
    pub grant_types: Vec<String>,
    #[serde(skip_serializing_if = "Map::is_empty")]
    pub client_metadata: Map<String, Value>,
}

impl NewClient {
    /// A Machine to Machine application that may use the Client Credentials grant. Both
    /// fields must be sent: without `grant_types` Auth0 enables four grant types.
    pub fn machine_to_machine(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            app_type: "non_interactive".into(),
            grant_types: vec!["client_credentials".into()],
            ..Self::default()
        }
    }
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct ClientUpdate {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub grant_types: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_metadata: Option<Map<String, Value>>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct NewResourceServer {
    pub identifier: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signing_alg: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub token_lifetime: Option<i64>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub scopes: Vec<Scope>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct ResourceServerUpdate {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Replaces the whole list (read-modify-write is the caller's job).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scopes: Option<Vec<Scope>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub token_lifetime: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signing_alg: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct NewClientGrant {
    pub client_id: String,
    pub audience: String,
    /// Always sent, even empty: Auth0 refuses a grant without `scope`.
    pub scope: Vec<String>,
}

/// What `POST /oauth/token` returns for client credentials.
#[derive(Debug, Clone, Deserialize)]
pub struct TokenResponse {
    pub access_token: Sensitive<String>,
    #[serde(default)]
    pub scope: Option<String>,
    pub expires_in: i64,
    pub token_type: String,
}

/// The JSON Web Key Set published at `/.well-known/jwks.json`.
#[derive(Debug, Clone, Deserialize)]
pub struct Jwks {
    pub keys: Vec<Value>,
}

/// Progress of a listing that spans pages: `done` items so far of `total` when known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub done: u64,
    pub total: Option<u64>,
}
