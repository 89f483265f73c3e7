//! The tenant's own keys against the sandbox over real HTTP: no planner grants, changes or
//! revokes access to the Management API (the access matrix, a grant's deletion, the wizard
//! with it as the existing API, a doctor's fix), and the profile's own management
//! application is never rotated, deleted, revealed or used for a test token — each refused
//! by field and rule, nothing written on the tenant. Test tokens are journaled.

mod common;

use common::{AUD, tenant};
use grantsmith_auth0::types::ResourceServer;
use grantsmith_core::IpcError;
use grantsmith_core::change::Engine;
use grantsmith_core::change::set::{ChangeRequest, Toggle};
use grantsmith_core::rule::Rule;
use grantsmith_core::token::doctor::Fix;
use grantsmith_core::token::{TokenAsk, TokenCache};
use grantsmith_core::wizard::{ApiChoice, AppChoice, ScopeSpec, WizardSpec};

/// Asserts the refusal names `field` and the rule; its words.
fn protected(e: IpcError, field: &str) -> String {
    assert_eq!((e.field.as_deref(), e.code), (Some(field), Some(Rule::Protected)), "{e:?}");
    e.message
}

async fn management_api(t: &common::Tenant) -> ResourceServer {
    let all = t.admin.list_resource_servers(&mut |_| {}).await.unwrap();
    all.into_iter().find(|a| a.is_system).expect("the sandbox lists its Management API")
}

/// The tenant's grants, to show that nothing was written.
async fn grants(t: &common::Tenant) -> Vec<String> {
    let all = t.admin.list_client_grants(None, None, &mut |_| {}).await.unwrap();
    let mut ids: Vec<String> =
        all.into_iter().map(|g| format!("{} {} {:?}", g.client_id, g.audience, g.scope)).collect();
    ids.sort();
    ids
}

#[tokio::test]
async fn no_planner_touches_management_api_access() {
    let t = tenant().await;
    let engine = Engine::new(&t.tenants);
    let spec = common::orders_spec(&["read:orders"], &["read:orders"]);
    let plan = engine.plan_setup(&spec).await.unwrap();
    let app = engine.apply_setup(spec, &plan, None, &common::noop).await.unwrap().client_id.unwrap();
    let mgmt = management_api(&t).await;
    let before = grants(&t).await;

    // The access matrix, for the Management API.
    let toggle = Toggle { client_id: app.clone(), scope: "update:tenant_settings".into(), granted: true };
    let e = engine
        .plan_change(&ChangeRequest::Access { audience: mgmt.identifier.clone(), toggles: vec![toggle] })
        .await
        .unwrap_err();
    assert!(protected(e, "audience").contains("power over the whole tenant"), "the refusal says why");

    // The wizard with the Management API as the existing API, or as a "new" one at its identifier.
    let existing = WizardSpec {
        app: AppChoice::Existing { client_id: app.clone() },
        api: ApiChoice::Existing { identifier: mgmt.identifier.clone() },
        scopes: vec![ScopeSpec { value: "read:users".into(), description: String::new() }],
        grant_scopes: vec!["read:users".into()],
    };
    protected(engine.plan_setup(&existing).await.unwrap_err(), "api.identifier");
    let mut new = common::orders_spec(&[], &[]);
    if let ApiChoice::New { identifier, .. } = &mut new.api {
        *identifier = mgmt.identifier.clone();
    }
    protected(engine.plan_setup(&new).await.unwrap_err(), "api.identifier");

    // The doctor's "authorize" fix.
    let fix =
        Fix::Authorize { client_id: app.clone(), audience: mgmt.identifier.clone(), scopes: vec!["read:users".into()] };
    protected(engine.plan_fix(&fix).await.unwrap_err(), "api.identifier");

    // The Management API's grants cannot be revoked from here either (Grantsmith's own is one).
    let own = t.admin.list_client_grants(Some(t.sb.management_client_id()), None, &mut |_| {}).await.unwrap();
    let own = own.into_iter().find(|g| g.audience == mgmt.identifier).expect("the management client's grant");
    let e = engine.plan_change(&ChangeRequest::DeleteGrant { grant_id: own.id }).await.unwrap_err();
    protected(e, "grant_id");

    assert_eq!(grants(&t).await, before, "nothing was written");
}

#[tokio::test]
async fn the_own_management_application_is_never_rotated_deleted_revealed_or_tokened() {
    let t = tenant().await;
    let engine = Engine::new(&t.tenants);
    let tokens = TokenCache::default();
    let own = t.sb.management_client_id().to_string();
    let secret_before = t.admin.get_client(&own).await.unwrap().client_secret.unwrap();

    for request in [
        ChangeRequest::RotateSecret { client_id: own.clone() },
        ChangeRequest::DeleteApplication { client_id: own.clone() },
    ] {
        protected(engine.plan_change(&request).await.unwrap_err(), "client_id");
    }
    protected(engine.reveal_secret(&own).await.unwrap_err(), "client_id");
    let mgmt = management_api(&t).await;
    let ask = TokenAsk { client_id: own.clone(), audience: mgmt.identifier, scope: None, fresh: true };
    protected(engine.test_token(&tokens, &ask, 0).await.unwrap_err(), "client_id");
    // With spaces around it, too.
    protected(engine.reveal_secret(&format!(" {own} ")).await.unwrap_err(), "client_id");

    let after = t.admin.get_client(&own).await.unwrap().client_secret.unwrap();
    assert_eq!(after.expose(), secret_before.expose(), "the secret was not rotated");
    let journal = t.tenants.store().journal("sandbox", &Default::default()).unwrap();
    assert!(journal.is_empty(), "a refusal journals nothing: {journal:?}");
}

#[tokio::test]
async fn every_test_token_is_journaled_without_the_token() {
    let t = tenant().await;
    let engine = Engine::new(&t.tenants);
    let spec = common::orders_spec(&["read:orders"], &["read:orders"]);
    let plan = engine.plan_setup(&spec).await.unwrap();
    let app = engine.apply_setup(spec, &plan, None, &common::noop).await.unwrap().client_id.unwrap();
    let tokens = TokenCache::default();
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() as i64;
    let ask = TokenAsk { client_id: app.clone(), audience: AUD.into(), scope: None, fresh: false };
    let first = engine.test_token(&tokens, &ask, now).await.unwrap();
    let again = engine.test_token(&tokens, &ask, now).await.unwrap();
    assert!(first.verified && again.cached, "{first:?}");

    let journal = t.tenants.store().journal("sandbox", &Default::default()).unwrap();
    let tokens_journaled: Vec<_> = journal.iter().filter(|e| e.kind == "test_token").collect();
    assert_eq!(tokens_journaled.len(), 2, "{journal:?}");
    assert_eq!(tokens_journaled[1].title, "Test token asked for: Orders worker → Orders API");
    assert_eq!(tokens_journaled[0].title, "Test token reused: Orders worker → Orders API");
    let ids: Vec<&str> = tokens_journaled[0].objects.iter().map(|o| o.id.as_str()).collect();
    assert_eq!(ids, [app.as_str(), AUD]);
    let token = first.token.clone().unwrap();
    assert!(!format!("{first:?}").contains(&token), "a report prints its token redacted");
    let export = grantsmith_core::journal::export(&t.tenants, "sandbox", &Default::default()).unwrap().text;
    assert!(!format!("{journal:?}{export}").contains(&token), "never the token");
}
