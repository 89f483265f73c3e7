//! The real OS keychain. Needs an unlocked Secret Service on Linux, which
//! `cargo xtask test` provides (dbus-run-session + gnome-keyring); hence `#[ignore]` for a
//! plain `cargo test` outside such a session.

use grantsmith_core::{Channel, KeychainStore, SecretStore, Sensitive};

#[test]
#[ignore = "needs an unlocked Secret Service: run through `cargo xtask test`"]
fn keychain_round_trip_set_get_replace_delete() {
    let store = KeychainStore::new(Channel::Test);
    let account = format!("roundtrip-{}", std::process::id());
    store.probe().expect("keychain should be reachable inside the xtask session");

    store.set(&account, &Sensitive::new("first-secret".into())).unwrap();
    assert_eq!(store.get(&account).unwrap().unwrap().expose(), "first-secret");

    store.set(&account, &Sensitive::new("replaced".into())).unwrap();
    assert_eq!(store.get(&account).unwrap().unwrap().expose(), "replaced", "set must replace");

    store.delete(&account).unwrap();
    assert!(store.get(&account).unwrap().is_none(), "deleted entry must be gone");
    store.delete(&account).expect("deleting an absent entry is not an error");
}
