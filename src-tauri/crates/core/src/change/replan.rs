//! Re-planning a stopped run before it is resumed: the tenant as it is now, compared with
//! what the run's review assumed, for the steps that are not done yet.
//!
//! Read-only. It says, in words, what someone else changed meanwhile (`changes`, which the
//! user accepts by resuming) and what makes resuming impossible (`blockers`). What the
//! executor then does with a step is decided in `wizard::run`, by the same rules.

use grantsmith_auth0::{Auth0Client, Auth0Error};

use crate::error::{IpcError, from_auth0};
use crate::wizard::plan::identifier_of;
use crate::wizard::{ApiChoice, AppChoice, RunView, StepKind, StepStatus};

fn found<T>(r: Result<T, Auth0Error>) -> Result<Option<T>, IpcError> {
    match r {
        Ok(v) => Ok(Some(v)),
        Err(Auth0Error::NotFound { .. }) => Ok(None),
        Err(e) => Err(from_auth0(e)),
    }
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v.dedup();
    v
}

/// `(changes, blockers)` for the run's remaining steps.
pub async fn differences(client: &Auth0Client, run: &RunView) -> Result<(Vec<String>, Vec<String>), IpcError> {
    let mut changes = Vec::new();
    let mut blockers = Vec::new();
    let pending = |k: StepKind| run.steps.iter().find(|s| s.kind == k && s.status != StepStatus::Done);
    let identifier = identifier_of(&run.spec);

    if let AppChoice::Existing { client_id } = &run.spec.app
        && run.steps.iter().any(|s| s.kind.phase() == crate::wizard::plan::Phase::App && s.status != StepStatus::Done)
        && found(client.get_client(client_id.trim()).await)?.is_none()
    {
        blockers.push(format!("The application {client_id} was deleted since the review."));
    }

    let api = found(client.get_resource_server(&identifier).await)?;
    if let Some(step) = pending(StepKind::CreateApi) {
        let attempted = step.status == StepStatus::Running || step.reached;
        if let (Some(api), ApiChoice::New { name, signing_alg, token_lifetime, .. }) = (&api, &run.spec.api) {
            let ours = attempted
                && api.name.as_deref() == Some(name.trim())
                && api.signing_alg.as_deref() == Some(signing_alg.as_str())
                && api.token_lifetime == Some(*token_lifetime);
            if !ours {
                blockers.push(format!(
                    "An API with the identifier {identifier} was created by someone else since the review (“{}”). It \
                     will not be adopted; undo this setup or start again and choose “Use an existing API”.",
                    api.name.clone().unwrap_or_default()
                ));
            }
        }
    } else if api.is_none() && run.steps.iter().any(|s| s.status != StepStatus::Done) {
        blockers.push(format!("The API {identifier} was deleted since the review."));
    }

    let grant_step = run
        .steps
        .iter()
        .find(|s| matches!(s.kind, StepKind::CreateGrant | StepKind::UpdateGrant) && s.status != StepStatus::Done);
    if let (Some(step), Some(client_id), Some(api)) = (grant_step, &run.client_id, &api) {
        let grant = client
            .list_client_grants(Some(client_id), Some(&api.identifier), &mut |_| {})
            .await
            .map_err(from_auth0)?
            .into_iter()
            .next();
        let desired = sorted(run.spec.grant_scopes.iter().map(|s| s.trim().to_string()).collect());
        let attempted = step.status == StepStatus::Running || step.reached;
        match (step.kind, grant) {
            (StepKind::CreateGrant, Some(g)) if !(attempted && sorted(g.scope.clone()) == desired) => {
                let merged = sorted(g.scope.iter().cloned().chain(desired.iter().cloned()).collect());
                changes.push(format!(
                    "Someone else authorized the application for this API since the review (scopes: {}). Resuming keeps \
                     that grant and gives it: {}.",
                    none_if_empty(&g.scope),
                    none_if_empty(&merged)
                ));
            }
            (StepKind::UpdateGrant, None) => {
                blockers.push("The client grant this setup changes was deleted since the review.".into());
            }
            (StepKind::UpdateGrant, Some(g)) => {
                let change = run.grant_change.clone().unwrap_or_default();
                let result = sorted(
                    g.scope
                        .iter()
                        .filter(|s| !change.removed.contains(s))
                        .chain(change.added.iter())
                        .cloned()
                        .collect(),
                );
                if result != desired {
                    changes.push(format!(
                        "The client grant was changed since the review; it now has: {}. Resuming applies your change to \
                         it, which gives: {}.",
                        none_if_empty(&g.scope),
                        none_if_empty(&result)
                    ));
                }
            }
            _ => {}
        }
    }
    Ok((changes, blockers))
}

fn none_if_empty(v: &[String]) -> String {
    if v.is_empty() { "none".into() } else { v.join(", ") }
}
