//! App state managed by Tauri: the store (or why it could not be opened), the keychain,
//! and the tenant profiles.
//!
//! A database that cannot be opened does not stop the window from starting: the error is
//! kept and every command that needs the store returns it, so the UI can show it in words.
//!
//! The store is opened on a thread of its own while the window and WebKit's processes start
//! (its migrations on a first start are ~15 ms that the window would otherwise wait for); a
//! command that needs it before it is open waits. The page asks ~150 ms after the window
//! exists, so in practice nothing waits. The same thread then probes the keychain once for
//! the page's first `app_info` (a D-Bus round trip, ~7 ms the first screen would wait for).
//! The desktop's fonts are resolved on another thread, for the same first `app_info`.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use grantsmith_auth0::ClientOptions;
use grantsmith_core::app_info::{DesktopFonts, KeychainStatus};
use grantsmith_core::change::Engine;
use grantsmith_core::confirm::Person;
use grantsmith_core::tenants::{ExternalSandbox, Tenants};
use grantsmith_core::token::TokenCache;
use grantsmith_core::{Channel, ErrorKind, IpcError, KeychainStore, Store};

pub struct AppState {
    ready: Arc<OnceLock<Result<Ready, IpcError>>>,
    /// See `Engine::settle_secs`; `GRANTSMITH_SETTLE_SECS` shortens it (tests, fast links).
    settle_secs: i64,
    pub keychain: Arc<KeychainStore>,
    /// The keychain probed at start, for the first `app_info` (`take_start_probe`).
    start_probe: Arc<Mutex<Option<KeychainStatus>>>,
    /// Test tokens and JWKS, in memory only.
    pub tokens: TokenCache,
    /// The desktop's fonts (`desktop_fonts`), resolved once at start on a thread of their own.
    fonts: Arc<OnceLock<Option<DesktopFonts>>>,
    /// Who answers the engine's native confirmations: the app's dialog, set once the app
    /// exists (`main`); unset on the mock runtime, where every question is a no.
    person: OnceLock<Box<dyn Person>>,
}

struct Ready {
    store: Arc<Store>,
    tenants: Tenants,
}

impl AppState {
    /// Returns at once; the store opens on its own thread (see the module's header), and so
    /// do the desktop's fonts for its UI family `ui_family` (GTK's setting; `None` elsewhere).
    pub fn open(data_dir: PathBuf, ui_family: Option<String>) -> Self {
        let keychain = Arc::new(KeychainStore::new(Channel::current()));
        let ready = Arc::new(OnceLock::new());
        let start_probe = Arc::new(Mutex::new(None));
        let (slot, dir, keys, probe) = (ready.clone(), data_dir.clone(), keychain.clone(), start_probe.clone());
        let opening = move || {
            // A panic must not leave the slot empty: every command would wait for it forever.
            let opened = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| open_store(&dir, keys.clone())))
                .unwrap_or_else(|_| {
                    Err(IpcError::new(ErrorKind::Storage, "Opening the database failed unexpectedly."))
                });
            let _ = slot.set(opened);
            let status = KeychainStatus::probe(&keys);
            *probe.lock().unwrap_or_else(PoisonError::into_inner) = Some(status);
        };
        if let Err(e) = std::thread::Builder::new().name("open-store".into()).spawn(opening) {
            tracing::warn!(error = %e, "no thread to open the database on: opening it before the window");
            let _ = ready.set(open_store(&data_dir, keychain.clone()));
        }
        let settle_secs = std::env::var("GRANTSMITH_SETTLE_SECS")
            .ok()
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(grantsmith_core::change::engine::SETTLE_SECS);
        let fonts = resolve_fonts(ui_family);
        Self {
            ready,
            keychain,
            start_probe,
            tokens: TokenCache::default(),
            settle_secs,
            fonts,
            person: OnceLock::new(),
        }
    }

    /// The person who answers native confirmations (once, at start).
    pub fn set_person(&self, person: Box<dyn Person>) {
        let _ = self.person.set(person);
    }

    pub fn person(&self) -> Option<&dyn Person> {
        self.person.get().map(|p| p.as_ref())
    }

    /// The desktop's fonts, waiting for them if they are still being resolved.
    pub fn fonts(&self) -> Option<&DesktopFonts> {
        self.fonts.wait().as_ref()
    }

    /// The keychain as probed at start, once; `None` after that or if the probe is still
    /// running (then the caller probes: a later `app_info` must say what is true now).
    pub fn take_start_probe(&self) -> Option<KeychainStatus> {
        self.start_probe.lock().unwrap_or_else(PoisonError::into_inner).take()
    }

    /// The opened store, waiting for it if it is still opening.
    fn ready(&self) -> Result<&Ready, IpcError> {
        self.ready.wait().as_ref().map_err(Clone::clone)
    }

    pub fn store(&self) -> Result<&Store, IpcError> {
        self.ready().map(|r| &*r.store)
    }

    pub fn tenants(&self) -> Result<&Tenants, IpcError> {
        self.ready().map(|r| &r.tenants)
    }

    /// The change engine: every write to a tenant goes through it.
    pub fn engine(&self) -> Result<Engine<'_>, IpcError> {
        let mut engine = Engine::new(self.tenants()?);
        engine.settle_secs = self.settle_secs;
        engine.tokens = Some(&self.tokens);
        engine.person = self.person();
        Ok(engine)
    }
}

/// The desktop's fonts, resolved on a thread of their own: fontconfig's first match loads its
/// configuration (~10 ms), which the window need not wait for.
fn resolve_fonts(ui_family: Option<String>) -> Arc<OnceLock<Option<DesktopFonts>>> {
    let slot = Arc::new(OnceLock::new());
    let Some(family) = ui_family else {
        let _ = slot.set(None);
        return slot;
    };
    let resolve = {
        let slot = slot.clone();
        move || {
            let resolved =
                std::panic::catch_unwind(|| crate::desktop_fonts::resolve(family.clone())).unwrap_or_else(|_| {
                    tracing::warn!("resolving the desktop's fonts failed: semibold text stays asked as 600");
                    DesktopFonts { family, semibold: 600 }
                });
            let _ = slot.set(Some(resolved));
        }
    };
    if let Err(e) = std::thread::Builder::new().name("desktop-fonts".into()).spawn(resolve.clone()) {
        tracing::warn!(error = %e, "no thread to resolve the desktop's fonts on: resolving them here");
        resolve();
    }
    slot
}

fn open_store(data_dir: &Path, keychain: Arc<KeychainStore>) -> Result<Ready, IpcError> {
    let store = Store::open(data_dir).map_err(|e| {
        tracing::error!(error = %e, "could not open the database");
        IpcError::from(e)
    })?;
    let store = Arc::new(store);
    let tenants = Tenants::new(
        store.clone(),
        keychain,
        Some(data_dir.join("sandbox.db")),
        ExternalSandbox::from_env(),
        ClientOptions::default(),
    );
    Ok(Ready { store, tenants })
}

/// `GRANTSMITH_DATA_DIR` overrides the platform's app data folder (tests use a temp dir).
pub fn data_dir(platform_default: Option<PathBuf>) -> PathBuf {
    std::env::var_os("GRANTSMITH_DATA_DIR")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or(platform_default)
        .unwrap_or_else(|| PathBuf::from(".grantsmith"))
}
