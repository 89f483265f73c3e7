//! With no Secret Service reachable, the keychain must say so clearly, never pretend to
//! store. This file is its own test binary because it points the process at a bus that
//! does not exist.

use grantsmith_core::{Channel, ErrorKind, IpcError, KeychainStore, SecretError, SecretStore, Sensitive};

#[test]
fn unreachable_secret_service_gives_a_clear_unavailable_error() {
    // SAFETY: this binary has only this test, so no other thread reads the environment.
    unsafe {
        std::env::set_var("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/grantsmith-test-bus");
    }
    let store = KeychainStore::new(Channel::Test);

    let err = store.set("nobody", &Sensitive::new("x".into())).unwrap_err();
    assert!(matches!(err, SecretError::Unavailable { .. }), "got {err:?}");
    assert!(store.probe().is_err(), "probe must fail without a Secret Service");

    let ipc = IpcError::from(err);
    assert_eq!(ipc.kind, ErrorKind::KeychainUnavailable);
    assert!(ipc.message.contains("keychain is not reachable"), "message: {}", ipc.message);
    assert!(ipc.message.contains("this session only"), "message must offer the fallback");
}
