//! The client grant's steps: create it, or change its scopes by the review's difference
//! against the grant as it is now, reading it back to see the write held.

use grantsmith_auth0::Auth0Error;
use grantsmith_auth0::types::{ClientGrant, NewClientGrant};

use super::{Executor, Outcome, StepResult, auth0, lost};
use crate::error::{ErrorKind, IpcError};
use crate::wizard::journal::{Recorded, RunStep};
use crate::wizard::plan::{GrantChange, StepKind};

impl Executor<'_> {
    /// The scopes the grant should have, given what it has now: the review's difference
    /// applied to the grant as it is (scopes granted meanwhile by someone else stay).
    pub(super) fn settled_scopes(&self, change: Option<&GrantChange>, current: &[String]) -> Vec<String> {
        let mut out: Vec<String> = match change {
            Some(c) => {
                current.iter().filter(|s| !c.removed.contains(s)).cloned().chain(c.added.iter().cloned()).collect()
            }
            None => current.iter().cloned().chain(self.desired_grant_scopes()).collect(),
        };
        out.sort();
        out.dedup();
        out
    }

    pub(super) fn desired_grant_scopes(&self) -> Vec<String> {
        let mut d: Vec<String> = self.spec.grant_scopes.iter().map(|s| s.trim().to_string()).collect();
        d.sort();
        d.dedup();
        d
    }

    pub(super) async fn lookup_grant(&self, client_id: &str, audience: &str) -> StepResult<Option<ClientGrant>> {
        self.client
            .list_client_grants(Some(client_id), Some(audience), &mut |_| {})
            .await
            .map(|gs| gs.into_iter().find(|g| g.subject_type.as_deref().unwrap_or("client") == "client"))
            .map_err(auth0)
    }

    /// Brings an existing grant to `want`, then reads it again to see the write held.
    pub(super) async fn settle_grant(&self, g: ClientGrant, want: Vec<String>, created: bool) -> StepResult<Outcome> {
        let mut have = g.scope.clone();
        have.sort();
        if have != want {
            self.client.update_client_grant_scopes(&g.id, &want).await.map_err(auth0)?;
            let mut after = self.client.get_client_grant(&g.id).await.map_err(auth0)?.scope;
            after.sort();
            if after != want {
                return Err(IpcError::new(
                    ErrorKind::Conflict,
                    format!(
                        "Someone changed this client grant at the same time; it now has: {}. Nothing more was changed.",
                        after.join(", ")
                    ),
                )
                .into());
            }
        }
        self.record(Recorded::Grant(&g.id))?;
        Ok(Outcome { object_id: Some(g.id), created })
    }

    pub(super) async fn grant(&self, step: &RunStep, attempted: bool) -> StepResult<Outcome> {
        let run = self.view()?;
        let (Some(client_id), Some(audience)) = (run.client_id.clone(), run.api_identifier.clone()) else {
            return Err(IpcError::new(ErrorKind::Internal, "The application and API steps have not finished.").into());
        };
        let desired = self.desired_grant_scopes();
        let creating = step.kind == StepKind::CreateGrant;
        // The (client, audience) pair is the grant's natural key. A first attempt at
        // creating skips the lookup (the plan just found none); a conflict is handled below.
        if !creating || attempted {
            match self.lookup_grant(&client_id, &audience).await? {
                Some(g) => {
                    let mut have = g.scope.clone();
                    have.sort();
                    // Ours only if it is exactly what our create sent.
                    let ours = creating && attempted && have == desired;
                    let want = if creating {
                        self.settled_scopes(None, &g.scope)
                    } else {
                        self.settled_scopes(run.grant_change.as_ref(), &g.scope)
                    };
                    return self.settle_grant(g, want, ours).await;
                }
                None if !creating => {
                    return Err(IpcError::new(
                        ErrorKind::Conflict,
                        "The client grant this setup changes was deleted after the review. Nothing was changed; start the setup again.",
                    )
                    .into());
                }
                None => self.too_soon(step, "client grant")?,
            }
        }
        let new = NewClientGrant { client_id: client_id.clone(), audience: audience.clone(), scope: desired.clone() };
        match self.client.create_client_grant(&new).await {
            Ok(g) => self.settle_grant(g, desired, true).await,
            // Someone authorized the application meanwhile: keep their scopes, add ours.
            Err(Auth0Error::Conflict { .. }) => match self.lookup_grant(&client_id, &audience).await? {
                Some(g) => {
                    let want = self.settled_scopes(None, &g.scope);
                    self.settle_grant(g, want, false).await
                }
                None => {
                    Err(IpcError::new(ErrorKind::Conflict, "Auth0 reports a grant that cannot be found; try again.")
                        .into())
                }
            },
            Err(Auth0Error::Network { maybe_applied: true, message }) => {
                match self.lookup_grant(&client_id, &audience).await? {
                    Some(g) => self.settle_grant(g, desired, true).await,
                    None => Err(lost("client grant", &message)),
                }
            }
            Err(e) => Err(auth0(e)),
        }
    }
}
