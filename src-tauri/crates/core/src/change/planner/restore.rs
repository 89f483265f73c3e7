//! Planning the re-application of a recorded setup (after a drift check): each part the
//! tenant changed is put back — the application's name, description and Client
//! Credentials, the API's settings and scopes (removed scopes leave grants first, as in the
//! scope editor), and the application's grant.

use grantsmith_auth0::Auth0Client;
use grantsmith_auth0::types::ClientGrant;

use super::scopes::{self, Edit};
use super::{AppName, Planned, api_of, grant_step, grants_of, step};
use crate::carry::{self, Setup};
use crate::change::set::Op;
use crate::error::IpcError;
use crate::wizard::ScopeSpec;

pub(super) async fn reapply(client: &Auth0Client, record: &Setup, name: AppName<'_>) -> Result<Planned, IpcError> {
    let now = carry::read(client, &record.app.client_id, &record.api.identifier).await?;
    let (mut steps, mut affects) = (Vec::new(), Vec::new());
    let client_id = record.app.client_id.clone();

    if (&now.app.name, &now.app.description) != (&record.app.name, &record.app.description) {
        steps.push(step(
            Op::UpdateApplication {
                client_id: client_id.clone(),
                name: record.app.name.clone(),
                description: record.app.description.clone(),
            },
            format!("Restore the name and description of {}", now.app.name),
            format!("“{}” → “{}”", now.app.name, record.app.name),
        ));
    }
    let cc = |s: &Setup| s.app.grant_types.iter().any(|g| g == "client_credentials");
    if cc(record) && !cc(&now) {
        steps.push(step(
            Op::EnableClientCredentials { client_id: client_id.clone() },
            format!("Enable the Client Credentials grant on {}", record.app.name),
            format!("grant types: {} + client_credentials", now.app.grant_types.join(", ")),
        ));
    }

    let (a, r) = (&now.api, &record.api);
    if (&a.name, &a.signing_alg, a.token_lifetime) != (&r.name, &r.signing_alg, r.token_lifetime) {
        let parts: Vec<String> = [
            (a.name != r.name).then(|| format!("name “{}” → “{}”", a.name, r.name)),
            (a.signing_alg != r.signing_alg).then(|| format!("signing {} → {}", a.signing_alg, r.signing_alg)),
            (a.token_lifetime != r.token_lifetime)
                .then(|| format!("lifetime {} s → {} s", a.token_lifetime, r.token_lifetime)),
        ]
        .into_iter()
        .flatten()
        .collect();
        steps.push(step(
            Op::UpdateApi {
                api_id: a.id.clone(),
                audience: a.identifier.clone(),
                name: r.name.clone(),
                signing_alg: r.signing_alg.clone(),
                token_lifetime: r.token_lifetime,
            },
            format!("Restore the settings of {}", r.name),
            parts.join("; "),
        ));
        if a.signing_alg != r.signing_alg {
            affects.push(format!(
                "Tokens for {} are signed with {} again: services verifying {} must switch back.",
                r.name, r.signing_alg, a.signing_alg
            ));
        }
    }

    let has = |list: &[ScopeSpec], v: &str| list.iter().any(|s| s.value == v);
    let add: Vec<ScopeSpec> = r.scopes.iter().filter(|s| !has(&a.scopes, &s.value)).cloned().collect();
    let describe: Vec<ScopeSpec> = r
        .scopes
        .iter()
        .filter(|s| a.scopes.iter().any(|n| n.value == s.value && n.description != s.description))
        .cloned()
        .collect();
    let remove: Vec<String> = a.scopes.iter().filter(|s| !has(&r.scopes, &s.value)).map(|s| s.value.clone()).collect();
    if !add.is_empty() || !describe.is_empty() || !remove.is_empty() {
        let edit = Edit { add: &add, describe: &describe, remove: &remove, extend_to: &[] };
        let (s, x) = scopes::scopes(client, &r.identifier, edit, name).await?;
        // Our own grant is set below, once.
        steps.extend(
            s.into_iter().filter(|s| !matches!(&s.op, Op::UpdateGrant { client_id: c, .. } if *c == client_id)),
        );
        affects.extend(x);
    }

    let api = api_of(client, &r.identifier).await?;
    let grant: Option<ClientGrant> =
        grants_of(client, &r.identifier).await?.into_iter().find(|g| g.client_id == client_id);
    let want = record.grant.as_ref().map(|g| g.scopes.clone()).unwrap_or_default();
    if let Some((s, x)) = grant_step(&api, &client_id, grant.as_ref(), want, name) {
        steps.push(s);
        affects.extend(x);
    }
    Ok((steps, affects))
}
