//! Day-two change sets: what the admin asks for on the application and API pages (a
//! `ChangeRequest`), the operations it becomes against the tenant as it is (`Op`), their
//! review (`ChangePlan`) and what applying them did (`ChangeView`, `ChangeOutcome`).
//!
//! Types and words only. Planning is `planner`, execution `apply`, storage `journal`; which
//! tenant and what confirmation is the engine's.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::token::TokenReport;
use crate::wizard::ScopeSpec;
use crate::wizard::plan::Effect;

/// One access-matrix cell the admin toggled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Toggle {
    pub client_id: String,
    pub scope: String,
    /// `true`: the application should hold the scope; `false`: it should not.
    pub granted: bool,
}

/// A change the admin staged on a day-two page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ChangeRequest {
    /// Access-matrix cells toggled for one API: grants created, changed or deleted.
    Access { audience: String, toggles: Vec<Toggle> },
    /// The API's scope editor. Added scopes can be given at once to `extend_to`
    /// applications; removed scopes are first taken from every grant that holds them.
    Scopes {
        audience: String,
        #[serde(default)]
        add: Vec<ScopeSpec>,
        /// New descriptions for existing scopes.
        #[serde(default)]
        describe: Vec<ScopeSpec>,
        #[serde(default)]
        remove: Vec<String>,
        /// Client ids of applications to give the added scopes to.
        #[serde(default)]
        extend_to: Vec<String>,
    },
    /// A new client secret; the old one stops working at once.
    RotateSecret { client_id: String },
    /// One grant revoked (the application page; also an orphaned grant).
    DeleteGrant { grant_id: String },
    /// A new name and description for an application.
    EditApplication { client_id: String, name: String, description: String },
    /// Lets an application use the Client Credentials grant.
    EnableClientCredentials { client_id: String },
    /// An application deleted, with its grants.
    DeleteApplication { client_id: String },
    /// The setup of this application and API put back as it was recorded (exported or
    /// promoted), after a drift check showed changes made outside Grantsmith.
    Reapply { client_id: String, audience: String },
}

impl ChangeRequest {
    /// The journal's `kind` column.
    pub fn kind(&self) -> &'static str {
        match self {
            ChangeRequest::Access { .. } => "access",
            ChangeRequest::Scopes { .. } => "scopes",
            ChangeRequest::RotateSecret { .. } => "rotate_secret",
            ChangeRequest::DeleteGrant { .. } => "delete_grant",
            ChangeRequest::EditApplication { .. } => "edit_application",
            ChangeRequest::EnableClientCredentials { .. } => "enable_client_credentials",
            ChangeRequest::DeleteApplication { .. } => "delete_application",
            ChangeRequest::Reapply { .. } => "reapply",
        }
    }
}

/// One write, stated as a difference so that applying it again — a retry, or after someone
/// else's change — keeps what others did and repeats nothing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Op {
    CreateGrant {
        client_id: String,
        audience: String,
        scopes: Vec<String>,
    },
    UpdateGrant {
        grant_id: String,
        client_id: String,
        audience: String,
        added: Vec<String>,
        removed: Vec<String>,
    },
    DeleteGrant {
        grant_id: String,
        client_id: String,
        audience: String,
    },
    UpdateScopes {
        api_id: String,
        audience: String,
        added: Vec<ScopeSpec>,
        described: Vec<ScopeSpec>,
        removed: Vec<String>,
    },
    RotateSecret {
        client_id: String,
    },
    UpdateApplication {
        client_id: String,
        name: String,
        description: String,
    },
    EnableClientCredentials {
        client_id: String,
    },
    DeleteApplication {
        client_id: String,
    },
    /// An API's name, signing algorithm and token lifetime set (scopes are `UpdateScopes`).
    UpdateApi {
        api_id: String,
        audience: String,
        name: String,
        signing_alg: String,
        token_lifetime: i64,
    },
}

impl Op {
    pub fn effect(&self) -> Effect {
        match self {
            Op::CreateGrant { .. } => Effect::Create,
            Op::UpdateGrant { .. }
            | Op::UpdateScopes { .. }
            | Op::RotateSecret { .. }
            | Op::UpdateApplication { .. }
            | Op::UpdateApi { .. }
            | Op::EnableClientCredentials { .. } => Effect::Update,
            Op::DeleteGrant { .. } | Op::DeleteApplication { .. } => Effect::Delete,
        }
    }

    /// The Management API permission the operation needs.
    pub fn permission(&self) -> &'static str {
        match self {
            Op::CreateGrant { .. } => "create:client_grants",
            Op::UpdateGrant { .. } => "update:client_grants",
            Op::DeleteGrant { .. } => "delete:client_grants",
            Op::UpdateScopes { .. } | Op::UpdateApi { .. } => "update:resource_servers",
            Op::RotateSecret { .. } => "update:client_keys",
            Op::UpdateApplication { .. } | Op::EnableClientCredentials { .. } => "update:clients",
            Op::DeleteApplication { .. } => "delete:clients",
        }
    }
}

/// An operation with the words the review shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ChangeStep {
    pub op: Op,
    /// e.g. "Give Orders worker write:orders on Orders API".
    pub title: String,
    /// The scopes before → after, or what goes with it.
    pub detail: String,
    pub effect: Effect,
}

/// A change set reviewed against the tenant as it is now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ChangePlan {
    pub request: ChangeRequest,
    pub steps: Vec<ChangeStep>,
    /// What a destructive change takes away, in words (shown before applying).
    pub affects: Vec<String>,
    /// Why it cannot be applied as it is (a missing Management API permission).
    pub blockers: Vec<String>,
    /// "Creates 1 grant, updates 2, deletes 1".
    pub summary: String,
    pub can_apply: bool,
    /// The tenant the plan was made against; applying writes there and nowhere else.
    pub profile_id: String,
    /// The name to type before applying (production tenants).
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confirm_tenant: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ChangeStatus {
    Running,
    Done,
    Failed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum OpStatus {
    Waiting,
    Running,
    Done,
    Failed,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ChangeStepView {
    pub title: String,
    pub detail: String,
    pub effect: Effect,
    pub status: OpStatus,
    /// e.g. "already deleted elsewhere", "nothing left to change".
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// An applied (or failed) change set as the journal holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ChangeView {
    pub id: String,
    pub profile_id: String,
    pub kind: String,
    pub title: String,
    pub status: ChangeStatus,
    /// Who made it (the OS user).
    pub os_user: String,
    pub steps: Vec<ChangeStepView>,
    /// Seconds since the epoch.
    pub created_at: i64,
}

/// A new client secret, shown once: never written anywhere by Grantsmith.
#[derive(Clone, PartialEq, Eq, Serialize, TS)]
pub struct RotatedSecret {
    pub client_id: String,
    pub client_secret: String,
    /// The token the new secret got, checked; absent when no API could be asked.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub proof: Option<TokenReport>,
    /// "verified: …" once the new secret got a token that passed every check.
    pub verdict: String,
    pub verified: bool,
    /// Where the secret is used: the quickstart's environment variable.
    pub env_var: String,
    /// `export CLIENT_SECRET='…'`, the secret quoted as one shell word (whatever it holds).
    pub export_line: String,
}

crate::debug_redacted!(RotatedSecret { client_id, proof, verdict, verified, env_var; client_secret, export_line });

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ChangeOutcome {
    pub change: ChangeView,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rotated: Option<RotatedSecret>,
}
