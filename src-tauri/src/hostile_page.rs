//! A compromised page, as a script in it would act: the real IPC path (commands, ACL,
//! capability) on Tauri's mock runtime, against the app's own built-in Sandbox. Each thing
//! the page must not be able to do is refused, and nothing is written on the tenant or disk.
//! The rules themselves are core's (`protected`, `document`) and tested there too; this
//! proves that the page cannot go around them.

use serde_json::{Value, json};
use tauri::Manager;
use tauri::test::MockRuntime;
use tauri::webview::WebviewWindow;

use crate::mock_page::{invoke, window};
use crate::state::AppState;

struct Page {
    window: WebviewWindow<MockRuntime>,
    dir: tempfile::TempDir,
    /// The built-in Sandbox's management application (Grantsmith's own client there).
    own_client: String,
    /// Its Management API identifier.
    management_api: String,
}

fn page() -> Page {
    let dir = tempfile::tempdir().unwrap();
    let window = window(dir.path());
    let (own_client, management_api) = tauri::async_runtime::block_on(async {
        let state = window.state::<AppState>();
        let client = state.tenants().unwrap().client_for("sandbox").await.unwrap();
        let apis = client.list_resource_servers(&mut |_| {}).await.unwrap();
        let system = apis.into_iter().find(|a| a.is_system).expect("the Sandbox's Management API");
        (client.client_id().to_string(), system.identifier)
    });
    Page { window, dir, own_client, management_api }
}

/// The refusal's rule, for an `IpcError`.
fn code(e: &Value) -> &str {
    e["code"].as_str().unwrap_or_default()
}

#[test]
fn the_page_cannot_reveal_or_mint_with_grantsmiths_own_client() {
    let p = page();
    let e = invoke(&p.window, "reveal_secret", json!({ "clientId": p.own_client })).unwrap_err();
    assert_eq!(code(&e), "protected", "{e}");
    let ask = json!({ "ask": { "client_id": p.own_client, "audience": p.management_api, "fresh": true } });
    let e = invoke(&p.window, "test_token", ask).unwrap_err();
    assert_eq!(code(&e), "protected", "{e}");
    assert!(e.to_string().contains("Management API tokens"), "{e}");
}

/// Another application's secret: the page asks, but only the native dialog can say yes —
/// and on the mock runtime there is none, so the answer is no.
#[test]
fn the_page_cannot_reveal_a_secret_without_the_persons_word() {
    let p = page();
    let app = tauri::async_runtime::block_on(async {
        let state = p.window.state::<AppState>();
        let client = state.tenants().unwrap().client_for("sandbox").await.unwrap();
        let new = grantsmith_auth0::types::NewClient::machine_to_machine("Billing");
        client.create_client(&new).await.unwrap().client_id
    });
    let e = invoke(&p.window, "reveal_secret", json!({ "clientId": app })).unwrap_err();
    assert_eq!(e["kind"], "cancelled", "{e}");
    let journal = invoke(&p.window, "journal", json!({ "filter": {} })).unwrap();
    assert_eq!(journal, json!([]), "nothing revealed, nothing journaled");
}

#[test]
fn the_page_cannot_plan_management_api_access_or_the_own_clients_end() {
    let p = page();
    let requests = [
        json!({ "kind": "access", "audience": p.management_api,
                "toggles": [{ "client_id": p.own_client, "scope": "update:tenant_settings", "granted": true }] }),
        json!({ "kind": "rotate_secret", "client_id": p.own_client }),
        json!({ "kind": "delete_application", "client_id": p.own_client }),
    ];
    for request in requests {
        let e = invoke(&p.window, "plan_change", json!({ "request": request })).unwrap_err();
        assert_eq!(code(&e), "protected", "{request}: {e}");
    }
    let spec = json!({ "spec": {
        "app": { "mode": "existing", "client_id": p.own_client },
        "api": { "mode": "existing", "identifier": p.management_api },
        "scopes": [{ "value": "update:tenant_settings", "description": "" }],
        "grant_scopes": ["update:tenant_settings"],
    }});
    let e = invoke(&p.window, "wizard_plan", spec).unwrap_err();
    assert_eq!((code(&e), e["field"].as_str()), ("protected", Some("api.identifier")), "{e}");
}

#[test]
fn the_page_cannot_choose_what_is_saved_or_where() {
    let p = page();
    let before = std::fs::read_dir(p.dir.path()).unwrap().count();
    // The old shape (a path and a text from the page) is no command's any more.
    for name in ["/tmp/grantsmith-hostile.tf", "../../grantsmith-hostile.tf"] {
        let e = invoke(&p.window, "save_export", json!({ "fileName": name, "text": "x" })).unwrap_err();
        assert!(e.to_string().contains("missing required key document"), "{e}");
    }
    // A document naming what is not there: refused in words, nothing saved.
    let doc = json!({ "document": { "kind": "setup", "client_id": "../../etc/passwd", "audience": "/etc", "format": "terraform" } });
    let e = invoke(&p.window, "save_export", doc).unwrap_err();
    assert_eq!(e["kind"], "not_found", "{e}");
    assert!(!std::path::Path::new("/tmp/grantsmith-hostile.tf").exists());
    assert_eq!(std::fs::read_dir(p.dir.path()).unwrap().count(), before, "nothing written in the data folder");
}

#[test]
fn the_page_cannot_reach_tauris_tray_image_menu_or_window_calls() {
    let p = page();
    for (command, args) in [
        ("plugin:tray|new", json!({ "options": { "id": "x" }, "handler": 0 })),
        ("plugin:image|from_path", json!({ "path": "/etc/passwd" })),
        ("plugin:menu|new", json!({ "kind": "Menu", "options": {} })),
        ("plugin:window|set_title", json!({ "label": "main", "value": "pwned" })),
        ("plugin:event|emit", json!({ "event": "x", "payload": null })),
        ("plugin:path|resolve_directory", json!({ "directory": 1 })),
    ] {
        let e = invoke(&p.window, command, args).unwrap_err();
        assert!(e.to_string().contains("not allowed"), "{command}: {e}");
    }
}

/// Not the page's doing, but what another user of the computer could read: the data folder
/// and the Sandbox's database (its client secrets and signing key) are the owner's only.
#[cfg(unix)]
#[test]
fn the_data_folder_and_the_sandboxs_keys_are_the_owners_only() {
    use std::os::unix::fs::PermissionsExt;
    let p = page();
    let mode = |name: &str| std::fs::metadata(p.dir.path().join(name)).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(""), 0o700);
    for file in ["grantsmith.db", "sandbox.db", "sandbox.db-wal"] {
        assert_eq!(mode(file), 0o600, "{file}");
    }
}

/// A 200,000-line paste is refused by count in one pass (off the main thread: the command is
/// async), with the rule the UI shows — not parsed into 200,000 scopes.
#[test]
fn a_two_hundred_thousand_line_scope_paste_is_refused_by_count() {
    let p = page();
    let text = "read:orders Read orders\n".repeat(200_000);
    let e = invoke(&p.window, "wizard_parse_scopes", json!({ "text": text })).unwrap_err();
    assert_eq!((code(&e), e["field"].as_str()), ("too_many", Some("scopes")), "{e}");
}
