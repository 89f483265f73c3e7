//! Export as code: the Terraform and deploy-cli texts of an RS256 and an HS256 setup,
//! parsed with real parsers (hcl-rs, a YAML parser) and compared with the checked-in
//! files under `tests/expected/`; then a setup made on the sandbox, exported from it with
//! the tenant's own ids, and recorded for drift.

mod common;

use grantsmith_core::carry::{self, ExportFormat, Origin, RecordOrigin, Setup, SetupApi, SetupApp, SetupGrant};
use grantsmith_core::wizard::ScopeSpec;

fn scope(value: &str, description: &str) -> ScopeSpec {
    ScopeSpec { value: value.into(), description: description.into() }
}

fn rs256() -> Setup {
    Setup {
        app: SetupApp {
            client_id: "AaiyAPdpYdesoKnqjj8HJqRn4T5titww".into(),
            name: "Orders worker".into(),
            description: "Ships \"paid\" orders; ${not a template}".into(),
            app_type: "non_interactive".into(),
            grant_types: vec!["client_credentials".into()],
        },
        api: SetupApi {
            id: "6745b0a1c4e2f30012345678".into(),
            identifier: "https://api.example.com/orders".into(),
            name: "Orders API".into(),
            signing_alg: "RS256".into(),
            token_lifetime: 3600,
            scopes: vec![scope("read:orders", "Read orders"), scope("write:orders", "")],
        },
        grant: Some(SetupGrant { id: "cgr_4kBTcXPTfd6ugYmk".into(), scopes: vec!["read:orders".into()] }),
    }
}

fn hs256() -> Setup {
    Setup {
        app: SetupApp {
            client_id: "Hs2dWhq0G3UbyW5o1cbTTbqHl9XrEXLc".into(),
            name: "Billing (nightly)".into(),
            description: String::new(),
            app_type: "non_interactive".into(),
            grant_types: vec!["client_credentials".into()],
        },
        api: SetupApi {
            id: "6745b0a1c4e2f30087654321".into(),
            identifier: "urn:billing".into(),
            name: "Billing".into(),
            signing_alg: "HS256".into(),
            token_lifetime: 86400,
            scopes: vec![],
        },
        grant: Some(SetupGrant { id: "cgr_8sVnYdKrNq2Lp0aa".into(), scopes: vec![] }),
    }
}

const ORIGIN: Origin = Origin { profile: "Development", domain: "dev-example.eu.auth0.com" };

fn expected(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/expected").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn hcl(text: &str) -> hcl::Body {
    hcl::parse(text).unwrap_or_else(|e| panic!("not HCL: {e}\n{text}"))
}

fn yaml(text: &str) -> serde_norway::Value {
    serde_norway::from_str(text).unwrap_or_else(|e| panic!("not YAML: {e}\n{text}"))
}

/// The blocks of `body` as (type, labels…) lines, and one attribute's expression text.
fn block<'a>(body: &'a hcl::Body, kind: &str, labels: &[&str]) -> &'a hcl::Block {
    body.blocks()
        .find(|b| b.identifier() == kind && b.labels().iter().map(|l| l.as_str()).eq(labels.iter().copied()))
        .unwrap_or_else(|| panic!("no {kind} {labels:?}"))
}

fn attr(block: &hcl::Block, key: &str) -> hcl::Expression {
    block.body().attributes().find(|a| a.key() == key).unwrap_or_else(|| panic!("no {key}")).expr().clone()
}

#[test]
fn terraform_matches_the_expected_files_and_means_what_it_says() {
    for (setup, file) in [(rs256(), "orders_rs256.tf"), (hs256(), "billing_hs256.tf")] {
        let out = carry::export(&setup, ExportFormat::Terraform, &ORIGIN);
        assert_eq!(hcl(&out.text), hcl(&expected(file)), "{file}:\n{}", out.text);
        assert!(out.file_name.ends_with(".tf"));
    }

    let out = carry::export(&rs256(), ExportFormat::Terraform, &ORIGIN);
    let body = hcl(&out.text);
    let client = block(&body, "resource", &["auth0_client", "orders_worker"]);
    // The description survives quoting, and `${…}` stays text.
    assert_eq!(attr(client, "description"), hcl::Expression::String("Ships \"paid\" orders; ${not a template}".into()));
    assert!(client.body().attributes().all(|a| !a.key().contains("secret")), "no secret attribute");
    let scopes = block(&body, "resource", &["auth0_resource_server_scopes", "orders_api"]);
    assert_eq!(scopes.body().blocks().filter(|b| b.identifier() == "scopes").count(), 2);
    let api = block(&body, "resource", &["auth0_resource_server", "orders_api"]);
    assert!(api.body().blocks().next().is_none(), "scopes are not inline");
    let grant = block(&body, "resource", &["auth0_client_grant", "orders_worker_orders_api"]);
    assert_eq!(attr(grant, "scopes"), hcl::Expression::Array(vec!["read:orders".into()]));
    assert_eq!(attr(grant, "client_id").to_string(), "auth0_client.orders_worker.id");

    let imports: Vec<(String, String)> = body
        .blocks()
        .filter(|b| b.identifier() == "import")
        .map(|b| (attr(b, "to").to_string(), attr(b, "id").to_string()))
        .collect();
    assert_eq!(
        imports,
        [
            ("auth0_client.orders_worker", "\"AaiyAPdpYdesoKnqjj8HJqRn4T5titww\""),
            ("auth0_resource_server.orders_api", "\"6745b0a1c4e2f30012345678\""),
            ("auth0_resource_server_scopes.orders_api", "\"https://api.example.com/orders\""),
            ("auth0_client_grant.orders_worker_orders_api", "\"cgr_4kBTcXPTfd6ugYmk\""),
        ]
        .map(|(a, b)| (a.to_string(), b.to_string()))
    );

    // An API without scopes gets no scopes resource (and no import for one).
    let body = hcl(&carry::export(&hs256(), ExportFormat::Terraform, &ORIGIN).text);
    assert!(body.blocks().all(|b| !b.labels().iter().any(|l| l.as_str() == "auth0_resource_server_scopes")));
    assert_eq!(body.blocks().filter(|b| b.identifier() == "import").count(), 3);
}

#[test]
fn deploy_cli_yaml_matches_the_expected_files_with_the_identifier_as_a_keyword() {
    for (setup, file) in [(rs256(), "orders_rs256.yaml"), (hs256(), "billing_hs256.yaml")] {
        let out = carry::export(&setup, ExportFormat::DeployCli, &ORIGIN);
        assert_eq!(yaml(&out.text), yaml(&expected(file)), "{file}:\n{}", out.text);
    }
    let v = yaml(&carry::export(&rs256(), ExportFormat::DeployCli, &ORIGIN).text);
    assert_eq!(v["resourceServers"][0]["identifier"].as_str(), Some("##API_IDENTIFIER##"));
    assert_eq!(v["clientGrants"][0]["audience"].as_str(), Some("##API_IDENTIFIER##"));
    assert_eq!(v["clientGrants"][0]["client_id"].as_str(), Some("Orders worker"), "deploy-cli names the client");
    assert_eq!(v["clients"][0]["description"].as_str(), Some("Ships \"paid\" orders; ${not a template}"));
    assert!(v["clients"][0].get("client_secret").is_none());
    let hs = yaml(&carry::export(&hs256(), ExportFormat::DeployCli, &ORIGIN).text);
    assert_eq!(hs["clientGrants"][0]["scope"].as_sequence().map(Vec::len), Some(0));
    assert_eq!(hs["resourceServers"][0]["signing_alg"].as_str(), Some("HS256"));
}

#[tokio::test]
async fn a_setup_is_exported_from_the_tenant_with_its_own_ids_and_recorded() {
    let t = common::tenant().await;
    let engine = grantsmith_core::change::Engine::new(&t.tenants);
    let spec = common::orders_spec(&["read:orders", "write:orders"], &["read:orders"]);
    let plan = engine.plan_setup(&spec).await.unwrap();
    let run = engine.apply_setup(spec, &plan, None, &common::noop).await.unwrap();
    let client_id = run.client_id.clone().unwrap();
    let profile = t.tenants.active_id().unwrap();

    let tf = carry::export_from(&t.tenants, &profile, &client_id, common::AUD, ExportFormat::Terraform).await.unwrap();
    let body = hcl(&tf.text);
    let ids: Vec<String> =
        body.blocks().filter(|b| b.identifier() == "import").map(|b| attr(b, "id").to_string()).collect();
    let api = t.admin.get_resource_server(common::AUD).await.unwrap();
    let grants = t.admin.list_client_grants(Some(&client_id), None, &mut |_| {}).await.unwrap();
    assert_eq!(ids, [&client_id, &api.id, common::AUD, &grants[0].id].map(|s| format!("\"{s}\"")));

    let yml = carry::export_from(&t.tenants, &profile, &client_id, common::AUD, ExportFormat::DeployCli).await.unwrap();
    assert_eq!(yaml(&yml.text)["clientGrants"][0]["scope"][0].as_str(), Some("read:orders"));
    assert!(yml.notes.iter().any(|n| n.contains(common::AUD)), "the note gives this tenant's identifier");

    let secret = t.admin.get_client(&client_id).await.unwrap().client_secret.unwrap();
    for text in [&tf.text, &yml.text] {
        assert!(!text.contains(secret.expose().as_str()), "no secret in an export");
    }

    let record = t.tenants.store().setup_record(&profile, &client_id, common::AUD).unwrap().expect("recorded");
    assert_eq!(record.origin, RecordOrigin::Export);
    assert_eq!(record.setup.grant.unwrap().scopes, ["read:orders"]);

    // An API that is not there: a clear error naming it.
    let err = carry::export_from(&t.tenants, &profile, &client_id, "https://nope.example", ExportFormat::Terraform)
        .await
        .unwrap_err();
    assert!(err.message.contains("https://nope.example"), "{}", err.message);
}

/// Text a tenant may hold: anything, and often what ends a comment, a string or a line in
/// HCL or YAML, templates, deploy-cli keywords, bidi and zero-width characters.
fn hostile() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    let hostile_char = prop_oneof![
        any::<char>(),
        prop::sample::select(vec![
            '\n', '\r', '\u{85}', '\u{2028}', '\u{2029}', '\u{202E}', '\u{2066}', '\u{200B}', '\u{FEFF}', '\u{7F}',
            '\0', '#', '@', '"', '\\', '$', '%', '{', '}', ':', '-', '\'', ' ', '*', '/', '<', '&', '!', '|', '>',
        ]),
    ];
    prop::collection::vec(hostile_char, 0..24).prop_map(|cs| cs.into_iter().collect())
}

fn hostile_setup(app: String, description: String, api: String, value: String, value_description: String) -> Setup {
    let mut s = rs256();
    s.app.name = app;
    s.app.description = description;
    s.api.name = api;
    s.api.scopes = vec![scope("read:orders", &value_description), scope(&value, "")];
    s.grant = Some(SetupGrant { id: "cgr_4kBTcXPTfd6ugYmk".into(), scopes: vec![value] });
    s
}

/// The Terraform export's top level as (block type, first label) pairs.
fn top_level(body: &hcl::Body) -> Vec<(String, String)> {
    assert_eq!(body.attributes().count(), 0, "no top-level attribute");
    body.blocks()
        .map(|b| (b.identifier().to_string(), b.labels().first().map(|l| l.as_str().to_string()).unwrap_or_default()))
        .collect()
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

    #[test]
    fn any_tenant_text_stays_data_in_terraform(
        app in hostile(), description in hostile(), api in hostile(), s in hostile(), sd in hostile(), profile in hostile()
    ) {
        let setup = hostile_setup(app.clone(), description.clone(), api.clone(), s.clone(), sd.clone());
        let origin = Origin { profile: &profile, domain: "dev-example.eu.auth0.com" };
        let text = carry::export(&setup, ExportFormat::Terraform, &origin).text;
        let body = hcl(&text);
        let resource = |t: &str| ("resource".to_string(), t.to_string());
        let import = ("import".to_string(), String::new());
        proptest::prop_assert_eq!(
            top_level(&body),
            vec![
                resource("auth0_client"), resource("auth0_resource_server"), resource("auth0_resource_server_scopes"),
                resource("auth0_client_grant"), import.clone(), import.clone(), import.clone(), import,
            ],
            "{}", text
        );
        let client = body.blocks().next().unwrap();
        let keys: Vec<&str> = client.body().attributes().map(|a| a.key()).collect();
        let want: &[&str] = if description.is_empty() { &["name", "app_type", "grant_types"] }
            else { &["name", "description", "app_type", "grant_types"] };
        proptest::prop_assert_eq!(keys, want);
        proptest::prop_assert_eq!(attr(client, "name"), hcl::Expression::String(app));
        if !description.is_empty() {
            proptest::prop_assert_eq!(attr(client, "description"), hcl::Expression::String(description));
        }
        let server = body.blocks().nth(1).unwrap();
        proptest::prop_assert_eq!(attr(server, "name"), hcl::Expression::String(api));
        let scopes: Vec<&hcl::Block> = body.blocks().nth(2).unwrap().body().blocks().collect();
        proptest::prop_assert_eq!(scopes.len(), 2);
        proptest::prop_assert_eq!(attr(scopes[1], "name"), hcl::Expression::String(s.clone()));
        if !sd.is_empty() {
            proptest::prop_assert_eq!(attr(scopes[0], "description"), hcl::Expression::String(sd));
        }
        let grant = body.blocks().nth(3).unwrap();
        proptest::prop_assert_eq!(attr(grant, "scopes"), hcl::Expression::Array(vec![s.into()]));
        for line in text.lines() {
            proptest::prop_assert!(!line.chars().any(grantsmith_core::text::is_hidden), "hidden character in {line:?}");
        }
    }

    #[test]
    fn any_tenant_text_stays_data_in_deploy_cli_yaml(
        app in hostile(), description in hostile(), api in hostile(), s in hostile(), sd in hostile(), profile in hostile()
    ) {
        let setup = hostile_setup(app.clone(), description.clone(), api.clone(), s.clone(), sd.clone());
        let origin = Origin { profile: &profile, domain: "dev-example.eu.auth0.com" };
        let text = carry::export(&setup, ExportFormat::DeployCli, &origin).text;
        let v = yaml(&text);
        let keys: Vec<&str> = v.as_mapping().unwrap().keys().map(|k| k.as_str().unwrap()).collect();
        proptest::prop_assert_eq!(keys, ["clients", "resourceServers", "clientGrants"], "{}", text);
        proptest::prop_assert_eq!(v["clients"].as_sequence().map(Vec::len), Some(1));
        proptest::prop_assert_eq!(v["clients"][0]["name"].as_str(), Some(app.as_str()));
        if !description.is_empty() {
            proptest::prop_assert_eq!(v["clients"][0]["description"].as_str(), Some(description.as_str()));
        }
        proptest::prop_assert_eq!(v["resourceServers"][0]["name"].as_str(), Some(api.as_str()));
        proptest::prop_assert_eq!(v["resourceServers"][0]["scopes"][0]["description"].as_str(), Some(sd.as_str()));
        proptest::prop_assert_eq!(v["resourceServers"][0]["scopes"][1]["value"].as_str(), Some(s.as_str()));
        proptest::prop_assert_eq!(v["clientGrants"][0]["client_id"].as_str(), Some(app.as_str()));
        proptest::prop_assert_eq!(v["clientGrants"][0]["scope"][0].as_str(), Some(s.as_str()));
        // deploy-cli replaces `##KEY##` and `@@KEY@@` in the file's text: only our own keyword may be there.
        let rest = text.replace("##API_IDENTIFIER##", "");
        proptest::prop_assert!(!rest.contains("##") && !rest.contains("@@"), "a keyword of the tenant's:\n{}", text);
        for line in text.lines() {
            proptest::prop_assert!(!line.chars().any(grantsmith_core::text::is_hidden), "hidden character in {line:?}");
        }
    }
}

#[test]
fn a_name_that_would_start_a_resource_or_a_tenant_block_stays_a_name() {
    let tf_attack =
        "Orders\nresource \"terraform_data\" \"x\" {\n  provisioner \"local-exec\" { command = \"id\" }\n}\n#";
    let yaml_attack = "Orders\rtenant:\u{2028}  friendly_name: pwned\u{85}emailProvider: {}\n##SECRET## @@SECRET@@";
    for name in [tf_attack, yaml_attack] {
        let setup = hostile_setup(name.into(), name.into(), name.into(), "read:orders".into(), name.into());
        let tf = hcl(&carry::export(&setup, ExportFormat::Terraform, &ORIGIN).text);
        assert!(tf.blocks().all(|b| !b.labels().iter().any(|l| l.as_str() == "terraform_data")));
        assert_eq!(tf.blocks().count(), 8);
        let text = carry::export(&setup, ExportFormat::DeployCli, &ORIGIN).text;
        let y = yaml(&text);
        assert!(y.get("tenant").is_none() && y.get("emailProvider").is_none(), "{text}");
        assert_eq!(y["clients"][0]["name"].as_str(), Some(name));
    }
}
