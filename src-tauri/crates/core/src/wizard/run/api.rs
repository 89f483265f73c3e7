//! The API's steps: create it (adopted on resume only when it is exactly what our create
//! sent), and add scopes to it by a read-modify-write that is checked afterwards.

use grantsmith_auth0::Auth0Error;
use grantsmith_auth0::types::{NewResourceServer, ResourceServer, ResourceServerUpdate, Scope};

use super::{Executor, Outcome, StepError, StepResult, auth0, lost};
use crate::error::{ErrorKind, IpcError};
use crate::wizard::journal::{Recorded, RunStep};
use crate::wizard::plan::identifier_of;
use crate::wizard::spec::ApiChoice;

impl Executor<'_> {
    pub(super) fn scopes(&self) -> Vec<Scope> {
        self.spec
            .scopes
            .iter()
            .map(|s| Scope {
                value: s.value.trim().into(),
                description: Some(s.description.trim().to_string()).filter(|d| !d.is_empty()),
            })
            .collect()
    }

    pub(super) async fn lookup_api(&self) -> StepResult<Option<ResourceServer>> {
        match self.client.get_resource_server(&identifier_of(&self.spec)).await {
            Ok(a) => Ok(Some(a)),
            Err(Auth0Error::NotFound { .. }) => Ok(None),
            Err(e) => Err(auth0(e)),
        }
    }

    /// Whether an API found by identifier is the one our create sent (name, algorithm,
    /// lifetime). Anything else was made by someone else and is never adopted.
    pub(super) fn is_ours(&self, api: &ResourceServer) -> bool {
        let ApiChoice::New { name, signing_alg, token_lifetime, .. } = &self.spec.api else { return false };
        api.name.as_deref() == Some(name.trim())
            && api.signing_alg.as_deref() == Some(signing_alg.as_str())
            && api.token_lifetime == Some(*token_lifetime)
    }

    pub(super) fn not_ours(&self, api: &ResourceServer) -> StepError {
        IpcError {
            kind: ErrorKind::Conflict,
            message: format!(
                "An API with the identifier {} now exists (“{}”) that this setup did not create. Nothing was adopted or \
                 changed. Undo this setup, or start again and choose “Use an existing API”.",
                api.identifier,
                api.name.clone().unwrap_or_default()
            ),
            field: Some("api.identifier".into()),
            code: None,
        }
        .into()
    }

    pub(super) async fn create_api(&self, step: &RunStep, attempted: bool) -> StepResult<Outcome> {
        let adopt = |api: &ResourceServer| -> StepResult<Outcome> {
            self.record(Recorded::Api { id: &api.id, identifier: &api.identifier })?;
            Ok(Outcome { object_id: Some(api.id.clone()), created: true })
        };
        if attempted {
            match self.lookup_api().await? {
                Some(api) if self.is_ours(&api) => {
                    self.merge_scopes().await?;
                    return adopt(&api);
                }
                Some(api) => return Err(self.not_ours(&api)),
                None => self.too_soon(step, "API")?,
            }
        }
        let ApiChoice::New { name, identifier, signing_alg, token_lifetime } = &self.spec.api else {
            return Err(IpcError::new(ErrorKind::Internal, "no new API in this run").into());
        };
        let new = NewResourceServer {
            identifier: identifier.trim().into(),
            name: Some(name.trim().into()),
            signing_alg: Some(signing_alg.as_str().into()),
            token_lifetime: Some(*token_lifetime),
            scopes: self.scopes(),
        };
        match self.client.create_resource_server(&new).await {
            Ok(api) => adopt(&api),
            // Someone created it after the review: theirs, never adopted as ours.
            Err(Auth0Error::Conflict { .. }) => match self.lookup_api().await? {
                Some(api) => Err(self.not_ours(&api)),
                None => {
                    Err(IpcError::new(ErrorKind::Conflict, "Auth0 reports an API that cannot be found; try again.")
                        .into())
                }
            },
            Err(Auth0Error::Network { maybe_applied: true, message }) => match self.lookup_api().await? {
                Some(api) if self.is_ours(&api) => adopt(&api),
                Some(api) => Err(self.not_ours(&api)),
                None => Err(lost("API", &message)),
            },
            Err(e) => Err(auth0(e)),
        }
    }

    /// Adds our scopes to the API's (Auth0's PATCH replaces the list): read just before
    /// writing, keep everything the API has, add ours, then read again to see that the
    /// list is what we wrote — a concurrent edit in between is reported, not hidden.
    pub(super) async fn merge_scopes(&self) -> StepResult<ResourceServer> {
        let api = self.lookup_api().await?.ok_or_else(|| {
            IpcError::new(ErrorKind::NotFound, format!("The API {} no longer exists.", identifier_of(&self.spec)))
        })?;
        let mut merged = api.scopes.clone();
        for s in self.scopes() {
            if !merged.iter().any(|m| m.value == s.value) {
                merged.push(s);
            }
        }
        if merged.len() == api.scopes.len() {
            self.record(Recorded::Api { id: &api.id, identifier: &api.identifier })?;
            return Ok(api);
        }
        let update = ResourceServerUpdate { scopes: Some(merged.clone()), ..ResourceServerUpdate::default() };
        self.client.update_resource_server(&api.id, &update).await.map_err(auth0)?;
        let after = self.lookup_api().await?.ok_or_else(|| {
            IpcError::new(
                ErrorKind::Conflict,
                format!("The API {} was deleted while its scopes were being added.", api.identifier),
            )
        })?;
        let values = |l: &[Scope]| {
            let mut v: Vec<String> = l.iter().map(|s| s.value.clone()).collect();
            v.sort();
            v
        };
        if values(&after.scopes) != values(&merged) {
            return Err(IpcError::new(
                ErrorKind::Conflict,
                format!(
                    "Someone changed the scopes of {} at the same time. It now has: {}. Nothing more was changed; \
                     check the API, then Resume.",
                    api.identifier,
                    values(&after.scopes).join(", ")
                ),
            )
            .into());
        }
        self.record(Recorded::Api { id: &after.id, identifier: &after.identifier })?;
        Ok(after)
    }
}
