//! Secret storage: the OS keychain, and an in-memory stand-in.
//!
//! Owns where secrets live (and re-exports `Sensitive<T>`, which keeps them out of logs and
//! IPC). It does not decide *which* secrets exist (profiles do) and never falls back to
//! writing a secret anywhere else: when no keychain is reachable it says so
//! (`SecretError::Unavailable`) and the caller offers "keep for this session only", which
//! is `MemoryStore`.

use std::collections::HashMap;
use std::sync::Mutex;

pub use grantsmith_auth0::Sensitive;

#[derive(Debug, thiserror::Error)]
pub enum SecretError {
    #[error(
        "The system keychain is not reachable ({detail}). On Linux this needs a Secret Service \
         such as gnome-keyring running and unlocked in your session. Until then, secrets can be \
         kept for this session only."
    )]
    Unavailable { detail: String },
    #[error("The system keychain refused the secret: {detail}")]
    Rejected { detail: String },
}

/// Where secrets are kept, addressed by an account name (e.g. a profile id).
pub trait SecretStore: Send + Sync {
    fn get(&self, account: &str) -> Result<Option<Sensitive<String>>, SecretError>;
    fn set(&self, account: &str, secret: &Sensitive<String>) -> Result<(), SecretError>;
    /// Deleting an absent entry is not an error.
    fn delete(&self, account: &str) -> Result<(), SecretError>;
}

/// Which build is running. Each channel has its own keychain service name, so a dev or
/// test build never reads or overwrites a release build's secrets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    Release,
    Dev,
    Test,
}

impl Channel {
    /// Release for optimized builds, Dev otherwise. Tests pick `Channel::Test` explicitly.
    pub fn current() -> Self {
        if cfg!(debug_assertions) { Channel::Dev } else { Channel::Release }
    }

    pub fn service_name(self) -> &'static str {
        match self {
            Channel::Release => "dev.grantsmith.desktop",
            Channel::Dev => "dev.grantsmith.desktop.dev",
            Channel::Test => "dev.grantsmith.desktop.test",
        }
    }

    /// This channel's data folder, beside the release build's (`release`, named after the
    /// app identifier, which is also the release keychain service): a development build
    /// never lists profiles whose secrets live in another channel's keychain namespace.
    pub fn data_folder(self, release: std::path::PathBuf) -> std::path::PathBuf {
        match self {
            Channel::Release => release,
            other => release.with_file_name(other.service_name()),
        }
    }
}

/// The OS keychain through `keyring` (Secret Service, macOS Keychain, Credential Manager).
pub struct KeychainStore {
    service: &'static str,
}

impl KeychainStore {
    pub fn new(channel: Channel) -> Self {
        Self { service: channel.service_name() }
    }

    pub fn service(&self) -> &'static str {
        self.service
    }

    /// Whether the keychain answers at all: a lookup of an entry that does not exist must
    /// come back as "no entry", not as a platform failure.
    pub fn probe(&self) -> Result<(), SecretError> {
        self.get("grantsmith-probe").map(|_| ())
    }

    fn entry(&self, account: &str) -> Result<keyring::Entry, SecretError> {
        keyring::Entry::new(self.service, account).map_err(map_keyring)
    }
}

fn map_keyring(e: keyring::Error) -> SecretError {
    match e {
        keyring::Error::PlatformFailure(inner) | keyring::Error::NoStorageAccess(inner) => {
            SecretError::Unavailable { detail: inner.to_string() }
        }
        other => SecretError::Rejected { detail: other.to_string() },
    }
}

impl SecretStore for KeychainStore {
    fn get(&self, account: &str) -> Result<Option<Sensitive<String>>, SecretError> {
        match self.entry(account)?.get_password() {
            Ok(secret) => Ok(Some(Sensitive::new(secret))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(map_keyring(e)),
        }
    }

    fn set(&self, account: &str, secret: &Sensitive<String>) -> Result<(), SecretError> {
        self.entry(account)?.set_password(secret.expose()).map_err(map_keyring)
    }

    fn delete(&self, account: &str) -> Result<(), SecretError> {
        match self.entry(account)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(map_keyring(e)),
        }
    }
}

/// Secrets held in this process only: unit tests, and "keep for this session only" when
/// the keychain is unavailable. Gone when the app exits.
#[derive(Default)]
pub struct MemoryStore {
    entries: Mutex<HashMap<String, Sensitive<String>>>,
}

impl SecretStore for MemoryStore {
    fn get(&self, account: &str) -> Result<Option<Sensitive<String>>, SecretError> {
        Ok(self.entries.lock().expect("secret map poisoned").get(account).cloned())
    }

    fn set(&self, account: &str, secret: &Sensitive<String>) -> Result<(), SecretError> {
        self.entries.lock().expect("secret map poisoned").insert(account.into(), secret.clone());
        Ok(())
    }

    fn delete(&self, account: &str) -> Result<(), SecretError> {
        self.entries.lock().expect("secret map poisoned").remove(account);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_store_round_trips_and_deletes() {
        let store = MemoryStore::default();
        assert!(store.get("a").unwrap().is_none());
        store.set("a", &Sensitive::new("s1".into())).unwrap();
        assert_eq!(store.get("a").unwrap().unwrap().expose(), "s1");
        store.delete("a").unwrap();
        store.delete("a").unwrap();
        assert!(store.get("a").unwrap().is_none());
    }

    #[test]
    fn channels_never_share_a_keychain_service_or_a_data_folder() {
        let folders = [Channel::Release, Channel::Dev, Channel::Test]
            .map(|c| c.data_folder(std::path::PathBuf::from("/data/dev.grantsmith.desktop")));
        assert_eq!(folders[0], std::path::Path::new("/data/dev.grantsmith.desktop"));
        assert_eq!(folders[1], std::path::Path::new("/data/dev.grantsmith.desktop.dev"));
        assert_eq!(folders[2], std::path::Path::new("/data/dev.grantsmith.desktop.test"));
        let names = [Channel::Release, Channel::Dev, Channel::Test].map(Channel::service_name);
        assert_ne!(names[0], names[1]);
        assert_ne!(names[0], names[2]);
        assert_ne!(names[1], names[2]);
    }
}
