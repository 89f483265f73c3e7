//! From a spec and the tenant as it is now, the exact operations the wizard will perform —
//! and anything that stops it (a missing Management API permission, an identifier that is
//! already taken) — before anything is written.

use grantsmith_auth0::types::{Client, ClientGrant, ResourceServer};
use grantsmith_auth0::{Auth0Client, Auth0Error};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::spec::{ApiChoice, AppChoice, WizardSpec};
use crate::rule::FieldIssue;
use crate::rule::Rule;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum StepKind {
    CreateApplication,
    ReuseApplication,
    EnableClientCredentials,
    CreateApi,
    ReuseApi,
    AddScopes,
    CreateGrant,
    UpdateGrant,
    ReuseGrant,
}

/// What a step does to its object, for the review's icons and counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Effect {
    Create,
    Update,
    /// Uses what the tenant already has; writes nothing.
    Reuse,
    /// Removes an object (day-two change sets; a setup never deletes).
    Delete,
}

impl StepKind {
    pub fn effect(self) -> Effect {
        match self {
            StepKind::CreateApplication | StepKind::CreateApi | StepKind::CreateGrant => Effect::Create,
            StepKind::EnableClientCredentials | StepKind::AddScopes | StepKind::UpdateGrant => Effect::Update,
            StepKind::ReuseApplication | StepKind::ReuseApi | StepKind::ReuseGrant => Effect::Reuse,
        }
    }

    /// Whether the step writes to the tenant.
    pub fn writes(self) -> bool {
        self.effect() != Effect::Reuse
    }

    /// The Management API permission the step needs.
    pub fn permission(self) -> Option<&'static str> {
        match self {
            StepKind::CreateApplication => Some("create:clients"),
            StepKind::EnableClientCredentials => Some("update:clients"),
            StepKind::CreateApi => Some("create:resource_servers"),
            StepKind::AddScopes => Some("update:resource_servers"),
            StepKind::CreateGrant => Some("create:client_grants"),
            StepKind::UpdateGrant => Some("update:client_grants"),
            _ => None,
        }
    }

    /// Application steps and API steps are independent; grant steps need both.
    pub fn phase(self) -> Phase {
        match self {
            StepKind::CreateApplication | StepKind::ReuseApplication | StepKind::EnableClientCredentials => Phase::App,
            StepKind::CreateApi | StepKind::ReuseApi | StepKind::AddScopes => Phase::Api,
            _ => Phase::Grant,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    App,
    Api,
    Grant,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PlanStep {
    pub kind: StepKind,
    /// e.g. "Create application “Orders worker”".
    pub title: String,
    /// The key fields, e.g. "Machine to Machine, grant type client_credentials".
    pub detail: String,
    /// `StepKind::effect` and `writes`, sent so that the UI need not know the kinds.
    pub effect: Effect,
    pub writes: bool,
}

impl PlanStep {
    pub fn new(kind: StepKind, title: impl Into<String>, detail: impl Into<String>) -> Self {
        PlanStep { kind, title: title.into(), detail: detail.into(), effect: kind.effect(), writes: kind.writes() }
    }
}

/// Scopes a grant gains and loses.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct GrantChange {
    pub added: Vec<String>,
    pub removed: Vec<String>,
}

/// An object the spec wants to create that already exists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PlanConflict {
    pub field: String,
    pub message: String,
    /// The existing object's identifier, to offer "use it instead".
    pub existing: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Plan {
    pub steps: Vec<PlanStep>,
    /// Why it cannot run as it is (missing permissions), in words.
    pub blockers: Vec<String>,
    pub conflicts: Vec<PlanConflict>,
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grant_change: Option<GrantChange>,
    /// "Creates 1 application, 1 API with 3 scopes, 1 grant".
    pub summary: String,
    /// Nothing blocks it and there is something to do (the UI's primary button).
    #[serde(default)]
    pub can_apply: bool,
    /// How many scopes the plan adds to an API (for the summary).
    #[serde(skip)]
    #[ts(skip)]
    new_scopes: usize,
    /// The profile (tenant) this plan was made against; apply writes there and nowhere else.
    #[serde(default)]
    pub profile_id: String,
    /// The name to type before applying (production tenants), from the engine's policy.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confirm_tenant: Option<String>,
}

impl Plan {
    /// Keeps only the steps `keep` accepts (a doctor's fix runs part of a setup's plan),
    /// with the summary and `can_apply` said again for what is left.
    pub fn retain(&mut self, keep: impl Fn(StepKind) -> bool) {
        self.steps.retain(|s| keep(s.kind));
        self.summary = summarize(&self.steps, self.new_scopes);
        self.can_apply = can_apply(self);
    }

    /// Two plans describe the same operations (used to notice that the tenant changed
    /// between review and apply).
    pub fn same_operations(&self, other: &Plan) -> bool {
        self.steps == other.steps
    }
}

/// What the plan found on the tenant, for the engine to use.
pub struct Found {
    pub client: Option<Client>,
    pub api: Option<ResourceServer>,
    pub grant: Option<ClientGrant>,
}

/// Why there is no plan.
#[derive(Debug, thiserror::Error)]
pub enum PlanError {
    /// The spec breaks a rule (the first one found), or the tenant's limits.
    #[error("{}", .0.message)]
    Invalid(FieldIssue),
    /// An object the spec picked is gone from the tenant.
    #[error("The {what} {id} no longer exists on this tenant.")]
    Gone { what: &'static str, id: String },
    #[error(transparent)]
    Auth0(#[from] Auth0Error),
}

fn not_found_is_none<T>(r: Result<T, Auth0Error>) -> Result<Option<T>, Auth0Error> {
    match r {
        Ok(v) => Ok(Some(v)),
        Err(Auth0Error::NotFound { .. }) => Ok(None),
        Err(e) => Err(e),
    }
}

pub fn identifier_of(spec: &WizardSpec) -> String {
    match &spec.api {
        ApiChoice::New { identifier, .. } | ApiChoice::Existing { identifier } => identifier.trim().to_string(),
    }
}

pub fn wanted_scopes(spec: &WizardSpec) -> Vec<String> {
    spec.scopes.iter().map(|s| s.value.trim().to_string()).collect()
}

fn grant_scopes(spec: &WizardSpec) -> Vec<String> {
    let mut g: Vec<String> = spec.grant_scopes.iter().map(|s| s.trim().to_string()).collect();
    g.sort();
    g.dedup();
    g
}

pub async fn find(client: &Auth0Client, spec: &WizardSpec) -> Result<Found, Auth0Error> {
    let identifier = identifier_of(spec);
    let app = async {
        match &spec.app {
            AppChoice::Existing { client_id } => not_found_is_none(client.get_client(client_id.trim()).await),
            AppChoice::New { .. } => Ok(None),
        }
    };
    let api = async { not_found_is_none(client.get_resource_server(&identifier).await) };
    let (app, api) = tokio::join!(app, api);
    let (app, api) = (app?, api?);
    let grant = match (&app, &api) {
        (Some(c), Some(a)) => client
            .list_client_grants(Some(&c.client_id), Some(&a.identifier), &mut |_| {})
            .await?
            .into_iter()
            .find(|g| g.subject_type.as_deref().unwrap_or("client") == "client"),
        _ => None,
    };
    Ok(Found { client: app, api, grant })
}

/// The plan for `spec` on the tenant as it is now.
pub async fn plan(client: &Auth0Client, spec: &WizardSpec) -> Result<(Plan, Found), PlanError> {
    check_spec(spec)?;
    let granted = client.granted_scopes().await?;
    let found = find(client, spec).await?;
    Ok((plan_from(spec, &found, &granted)?, found))
}

/// Whether `spec` creates both the application and the API. Then nothing it would read can
/// have changed since the review in a way that matters: application names are not unique,
/// and an API created meanwhile under the same identifier makes Auth0 refuse the create
/// (409), which the executor reports — never adopting it. So applying it need not read the
/// tenant first: the freshness check is folded into the creates.
pub fn creates_both(spec: &WizardSpec) -> bool {
    matches!((&spec.app, &spec.api), (AppChoice::New { .. }, ApiChoice::New { .. }))
}

/// The plan for a spec that `creates_both`, made without reading the tenant (only the
/// Management API token's permissions, cached once the review got it).
pub async fn plan_creating_both(client: &Auth0Client, spec: &WizardSpec) -> Result<Plan, PlanError> {
    check_spec(spec)?;
    let granted = client.granted_scopes().await?;
    plan_from(spec, &Found { client: None, api: None, grant: None }, &granted)
}

fn check_spec(spec: &WizardSpec) -> Result<(), PlanError> {
    match super::spec::check(spec).issues.into_iter().next() {
        Some(first) => Err(PlanError::Invalid(first)),
        None => Ok(()),
    }
}

/// The plan for `spec` against what `found` says the tenant has (no reads).
fn plan_from(spec: &WizardSpec, found: &Found, granted: &[String]) -> Result<Plan, PlanError> {
    let mut steps = application_steps(&spec.app, found.client.as_ref())?;
    let api = api_steps(spec, found.api.as_ref())?;
    steps.extend(api.steps);
    let (grant_steps, grant_change) = grant_steps(&grant_scopes(spec), found.grant.as_ref());
    steps.extend(grant_steps);
    let blockers = blockers(&steps, granted);
    let summary = summarize(&steps, api.new_scopes);
    let mut plan = Plan {
        steps,
        blockers,
        conflicts: api.conflicts,
        grant_change,
        summary,
        can_apply: false,
        profile_id: String::new(),
        confirm_tenant: None,
        new_scopes: api.new_scopes,
    };
    plan.can_apply = can_apply(&plan);
    Ok(plan)
}

/// Create the application, or use it (enabling Client Credentials when it lacks it).
fn application_steps(app: &AppChoice, found: Option<&Client>) -> Result<Vec<PlanStep>, PlanError> {
    match (app, found) {
        (AppChoice::New { name, .. }, _) => Ok(vec![PlanStep::new(
            StepKind::CreateApplication,
            format!("Create application “{}”", name.trim()),
            "Machine to Machine (non_interactive), grant type client_credentials",
        )]),
        (AppChoice::Existing { client_id }, None) => {
            Err(PlanError::Gone { what: "application", id: client_id.trim().to_string() })
        }
        (AppChoice::Existing { .. }, Some(c)) => {
            let name = c.name.clone().unwrap_or_else(|| c.client_id.clone());
            let mut steps = vec![PlanStep::new(
                StepKind::ReuseApplication,
                format!("Use application “{name}”"),
                c.client_id.clone(),
            )];
            if !c.grant_types.iter().any(|g| g == "client_credentials") {
                steps.push(PlanStep::new(
                    StepKind::EnableClientCredentials,
                    format!("Enable the Client Credentials grant on “{name}”"),
                    format!("grant types: {} + client_credentials", c.grant_types.join(", ")),
                ));
            }
            Ok(steps)
        }
    }
}

/// The API's part of a plan: its steps, a conflict when a new API's identifier is taken,
/// and how many scopes it gains.
struct ApiPart {
    steps: Vec<PlanStep>,
    conflicts: Vec<PlanConflict>,
    new_scopes: usize,
}

/// Create the API with the spec's scopes, or use it and add the scopes it lacks.
fn api_steps(spec: &WizardSpec, found: Option<&ResourceServer>) -> Result<ApiPart, PlanError> {
    let identifier = identifier_of(spec);
    let wanted = wanted_scopes(spec);
    let mut part = ApiPart { steps: vec![], conflicts: vec![], new_scopes: 0 };
    // The Management API is never offered for reuse, nor granted.
    if let Some(api) = found {
        crate::protected::grantable(api, "api.identifier").map_err(PlanError::Invalid)?;
    }
    match (&spec.api, found) {
        (ApiChoice::New { name, signing_alg, token_lifetime, .. }, None) => {
            part.new_scopes = wanted.len();
            part.steps.push(PlanStep::new(
                StepKind::CreateApi,
                format!("Create API “{}” with {}", name.trim(), scopes(wanted.len())),
                format!("{identifier} · {} · tokens live {token_lifetime} s", signing_alg.as_str()),
            ));
        }
        (ApiChoice::New { .. }, Some(existing)) => part.conflicts.push(PlanConflict {
            field: "api.identifier".into(),
            message: format!(
                "An API with the identifier {identifier} already exists (“{}”). Use it instead of creating a new one?",
                existing.name.clone().unwrap_or_default()
            ),
            existing: existing.identifier.clone(),
        }),
        (ApiChoice::Existing { .. }, None) => {
            return Err(PlanError::Gone { what: "API", id: identifier });
        }
        (ApiChoice::Existing { .. }, Some(api)) => {
            let name = api.name.clone().unwrap_or_else(|| api.identifier.clone());
            part.steps.push(PlanStep::new(StepKind::ReuseApi, format!("Use API “{name}”"), api.identifier.clone()));
            let missing: Vec<&String> = wanted.iter().filter(|w| !api.scopes.iter().any(|s| &s.value == *w)).collect();
            if !missing.is_empty() {
                part.new_scopes = missing.len();
                if api.scopes.len() + missing.len() > super::spec::MAX_SCOPES {
                    return Err(PlanError::Invalid(FieldIssue::new(
                        "scopes",
                        Rule::TooMany,
                        format!(
                            "The API has {} scopes; adding {} would exceed Auth0's limit of {}.",
                            api.scopes.len(),
                            missing.len(),
                            super::spec::MAX_SCOPES
                        ),
                    )));
                }
                part.steps.push(PlanStep::new(
                    StepKind::AddScopes,
                    format!("Add {} to “{name}”", scopes(missing.len())),
                    missing.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", "),
                ));
            }
        }
    }
    Ok(part)
}

/// Create the grant with `desired`, or change the existing one by exactly the difference.
fn grant_steps(desired: &[String], found: Option<&ClientGrant>) -> (Vec<PlanStep>, Option<GrantChange>) {
    let Some(g) = found else {
        let detail = if desired.is_empty() { "no scopes".into() } else { desired.join(", ") };
        let create = PlanStep::new(
            StepKind::CreateGrant,
            "Authorize the application for the API (create a client grant)",
            detail,
        );
        return (vec![create], None);
    };
    let added: Vec<String> = desired.iter().filter(|s| !g.scope.contains(s)).cloned().collect();
    let removed: Vec<String> = g.scope.iter().filter(|s| !desired.contains(s)).cloned().collect();
    let step = if added.is_empty() && removed.is_empty() {
        PlanStep::new(StepKind::ReuseGrant, "Keep the existing client grant", desired.join(", "))
    } else {
        let mut parts = Vec::new();
        if !added.is_empty() {
            parts.push(format!("add {}", added.join(", ")));
        }
        if !removed.is_empty() {
            parts.push(format!("remove {}", removed.join(", ")));
        }
        PlanStep::new(StepKind::UpdateGrant, "Change the existing client grant", parts.join("; "))
    };
    (vec![step], Some(GrantChange { added, removed }))
}

/// Each step whose Management API permission the management application lacks, in words.
fn blockers(steps: &[PlanStep], granted: &[String]) -> Vec<String> {
    steps
        .iter()
        .filter_map(|s| s.kind.permission().map(|p| (s, p)))
        .filter(|(_, p)| !granted.iter().any(|g| g == p))
        .map(|(s, p)| {
            format!(
                "“{}” needs the Management API permission {p}, which Grantsmith's management application lacks.",
                s.title
            )
        })
        .collect()
}

fn can_apply(p: &Plan) -> bool {
    p.blockers.is_empty() && p.conflicts.is_empty() && p.steps.iter().any(|s| s.kind.writes())
}

/// "1 scope", "3 scopes".
fn scopes(n: usize) -> String {
    format!("{n} scope{}", if n == 1 { "" } else { "s" })
}

fn summarize(steps: &[PlanStep], new_scopes: usize) -> String {
    let mut parts = Vec::new();
    for s in steps {
        match s.kind {
            StepKind::CreateApplication => parts.push("1 application".to_string()),
            StepKind::CreateApi => parts.push(format!("1 API with {}", scopes(new_scopes))),
            StepKind::CreateGrant => parts.push("1 grant".to_string()),
            _ => {}
        }
    }
    let mut out = if parts.is_empty() { String::new() } else { format!("Creates {}", parts.join(", ")) };
    let updates: Vec<String> = steps
        .iter()
        .filter_map(|s| match s.kind {
            StepKind::AddScopes => Some(format!("adds {} to an API", scopes(new_scopes))),
            StepKind::UpdateGrant => Some("changes 1 grant".to_string()),
            StepKind::EnableClientCredentials => Some("enables client credentials on 1 application".to_string()),
            _ => None,
        })
        .collect();
    if !updates.is_empty() {
        if !out.is_empty() {
            out.push_str("; ");
        }
        let joined = updates.join(", ");
        if out.is_empty() {
            let mut c = joined.chars();
            out = c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default();
        } else {
            out.push_str(&joined);
        }
    }
    if out.is_empty() { "Nothing to change: everything is already set up.".into() } else { format!("{out}.") }
}
