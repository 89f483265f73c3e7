//! Hostile and malformed input, generated: every validator, the JWT and JWKS decoders and
//! the commands' JSON inputs never panic, and every rejection names its field and rule.
//! 10,000 cases per property (the journal's decoding has its own, in `wizard::journal`).

use std::sync::{Arc, OnceLock};

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use grantsmith_auth0::{ClientOptions, Sensitive};
use grantsmith_core::profiles::{Environment, ProfileInput};
use grantsmith_core::quickstart::{QuickstartInput, render};
use grantsmith_core::rule::Rule;
use grantsmith_core::tenants::Tenants;
use grantsmith_core::token::TokenAsk;
use grantsmith_core::token::doctor::Fix;
use grantsmith_core::token::verify::{Expectation, Keys, decode, verify};
use grantsmith_core::wizard::spec::{check, parse_scope_lines};
use grantsmith_core::wizard::{ApiChoice, AppChoice, Plan, ScopeSpec, SigningAlg, WizardSpec};
use grantsmith_core::{MemoryStore, Store};
use proptest::prelude::*;
use serde_json::{Value, json};

fn config() -> ProptestConfig {
    ProptestConfig { cases: 10_000, failure_persistence: None, ..ProptestConfig::default() }
}

/// Any text: unicode, control characters, quotes, and now and then something huge.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => any::<String>(),
        2 => "[ -~]{0,40}",
        1 => (any::<char>(), 0usize..5_000).prop_map(|(c, n)| std::iter::repeat_n(c, n).collect()),
    ]
}

fn spec() -> impl Strategy<Value = WizardSpec> {
    let app = prop_oneof![
        (text(), text()).prop_map(|(name, description)| AppChoice::New { name, description }),
        text().prop_map(|client_id| AppChoice::Existing { client_id }),
    ];
    let api = prop_oneof![
        (text(), text(), any::<bool>(), any::<i64>()).prop_map(|(name, identifier, rs, token_lifetime)| {
            ApiChoice::New {
                name,
                identifier,
                signing_alg: if rs { SigningAlg::RS256 } else { SigningAlg::HS256 },
                token_lifetime,
            }
        }),
        text().prop_map(|identifier| ApiChoice::Existing { identifier }),
    ];
    let scopes =
        prop::collection::vec((text(), text()).prop_map(|(value, description)| ScopeSpec { value, description }), 0..8);
    (app, api, scopes, prop::collection::vec(text(), 0..8)).prop_map(|(app, api, scopes, grant_scopes)| WizardSpec {
        app,
        api,
        scopes,
        grant_scopes,
    })
}

fn b64(v: &Value) -> String {
    URL_SAFE_NO_PAD.encode(v.to_string())
}

/// JSON values with the shapes a hostile token or JWKS would use.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        prop_oneof![Just(i64::MIN), Just(i64::MAX), Just(0i64), Just(-1i64)].prop_map(|n| json!(n)),
        any::<f64>().prop_map(|f| json!(f)),
        text().prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec(
                (
                    prop_oneof![
                        Just("alg"),
                        Just("kid"),
                        Just("iat"),
                        Just("exp"),
                        Just("aud"),
                        Just("scope"),
                        Just("n"),
                        Just("e"),
                        Just("kty")
                    ],
                    inner
                ),
                0..6
            )
            .prop_map(|kv| Value::Object(kv.into_iter().map(|(k, v)| (k.to_string(), v)).collect())),
        ]
    })
}

/// One set of profiles on disk for every case (the rules read the saved profiles).
fn tenants() -> &'static Tenants {
    static T: OnceLock<(tempfile::TempDir, Tenants)> = OnceLock::new();
    &T.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let store = Arc::new(Store::open(dir.path()).unwrap());
        let t = Tenants::new(store, Arc::new(MemoryStore::default()), None, None, ClientOptions::default());
        (dir, t)
    })
    .1
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn the_wizard_rules_never_panic_and_name_field_and_rule(s in spec()) {
        let c = check(&s);
        for i in c.issues.iter().chain(&c.warnings) {
            prop_assert!(!i.field.is_empty() && !i.message.trim().is_empty(), "{i:?}");
        }
    }

    #[test]
    fn pasted_scope_lines_never_panic(t in text()) {
        for s in parse_scope_lines(&t).unwrap_or_default() {
            prop_assert!(!s.value.is_empty() && !s.value.contains(char::is_whitespace));
        }
    }

    #[test]
    fn any_string_as_a_token_is_refused_in_words_or_decoded(t in text()) {
        if let Err(e) = decode(&t).map_err(grantsmith_core::IpcError::from) {
            prop_assert_eq!(e.field.as_deref(), Some("token"));
            prop_assert_eq!(e.code, Some(Rule::Mismatch));
            prop_assert!(!e.message.is_empty());
        }
    }

    #[test]
    fn hostile_claims_and_keys_never_panic_the_verifier(
        header in json_value(),
        claims in json_value(),
        keys in prop::collection::vec(json_value(), 0..3),
        secret in text(),
        now in any::<i64>(),
        lifetime in prop::option::of(any::<i64>()),
    ) {
        let wrap = |v: Value| if v.is_object() { v } else { json!({ "v": v }) };
        let token = format!("{}.{}.{}", b64(&wrap(header)), b64(&wrap(claims)), URL_SAFE_NO_PAD.encode(&secret));
        let d = decode(&token);
        prop_assume!(d.is_ok(), "only oversized tokens are refused here");
        let d = d.unwrap();
        let e = Expectation { token_lifetime: lifetime, granted: Some(vec!["read:orders".into()]), ..Expectation::default() };
        let secret = Sensitive::new(secret);
        for keys in [Keys::Jwks(&keys), Keys::Secret(&secret), Keys::Unavailable("no keys".into())] {
            let checks = verify(&token, &d, keys, &e, now);
            prop_assert!(checks.iter().all(|c| !c.sentence.is_empty()));
            prop_assert!(!checks.iter().all(|c| c.passed), "a forged token is never fully verified");
        }
    }

    #[test]
    fn the_commands_json_inputs_never_panic(v in json_value()) {
        // What the webview can send: each command's argument types.
        let _ = serde_json::from_value::<WizardSpec>(v.clone()).map(|s| check(&s));
        let _ = serde_json::from_value::<ProfileInput>(v.clone());
        let _ = serde_json::from_value::<TokenAsk>(v.clone());
        let _ = serde_json::from_value::<Fix>(v.clone());
        let _ = serde_json::from_value::<Plan>(v);
    }

    #[test]
    fn quickstart_renders_any_tenant_values(issuer in text(), client_id in text(), audience in text(), alg in text()) {
        let snippets = render(&QuickstartInput { issuer, client_id, audience, signing_alg: alg, example_scope: None });
        prop_assert_eq!(snippets.len(), 13);
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn profile_rules_never_panic_and_name_field_and_rule(
        name in text(), domain in text(), custom in prop::option::of(text()), client_id in text(),
        secret in prop::option::of(text()), editing in any::<bool>(),
    ) {
        let t = tenants();
        let input = ProfileInput {
            name, domain, custom_domain: custom, environment: Some(Environment::Production), client_id,
            client_secret: secret, session_only: false,
        };
        let c = t.check_input(&input, editing.then_some("sandbox"));
        for i in &c.issues {
            prop_assert!(!i.field.is_empty() && !i.message.trim().is_empty(), "{i:?}");
        }
        if !c.issues.is_empty() {
            let e = grantsmith_core::IpcError::from(t.add(&input).unwrap_err());
            // The first issue, as the error: same field, same rule.
            prop_assert_eq!(e.field.as_deref(), Some(c.issues[0].field.as_str()), "{:?}", e);
            prop_assert_eq!(e.code, Some(c.issues[0].code));
        }
    }
}
