//! The profiles at run time: their secrets (keychain, or this session's memory), the
//! embedded Sandbox tenant (started on first use, stopped with the app), and one
//! `Auth0Client` per profile so management tokens are cached across calls.
//!
//! Secrets go in and never come back out through here: nothing returns a secret to IPC.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{SystemTime, UNIX_EPOCH};

use grantsmith_auth0::{Auth0Client, Auth0Error, ClientOptions, Sensitive, TenantUrl};
use grantsmith_sandbox::{Sandbox, SandboxConfig};
use serde::Serialize;
use ts_rs::TS;

use crate::carry::kept::PromoteReads;
use crate::confirm::{self, Person};
use crate::error::IpcError;
use crate::profiles::model::{CleanInput, check, host_of};
use crate::profiles::*;
use crate::rule::{self, FieldIssue, Rule};
use crate::{MemoryStore, SecretError, SecretStore, Store, StoreError};

/// Why a profile could not be read, saved, used or tested.
#[derive(Debug, thiserror::Error)]
pub enum TenantError {
    /// The input (or what is stored for the profile) breaks a rule of one field.
    #[error("{}", .0.message)]
    Invalid(FieldIssue),
    #[error("There is no tenant profile with id {0}.")]
    UnknownProfile(String),
    /// The Sandbox profile is built in: `what` it cannot be ("edited; it can be reset").
    #[error("The Sandbox profile cannot be {0}")]
    SandboxFixed(&'static str),
    #[error("This sandbox runs outside the app (GRANTSMITH_SANDBOX_URL); reset it there.")]
    SandboxExternal,
    #[error("The Sandbox tenant could not start: {0}")]
    SandboxStart(String),
    #[error("Resetting the sandbox failed: {0}")]
    SandboxReset(String),
    #[error(transparent)]
    Secret(#[from] SecretError),
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Auth0(#[from] Auth0Error),
}

type Result<T, E = TenantError> = std::result::Result<T, E>;

/// All profiles and which one is active.
#[derive(Debug, Clone, Serialize, TS)]
pub struct ProfilesView {
    pub profiles: Vec<Profile>,
    pub active_id: String,
}

/// An already running sandbox to use instead of the embedded one
/// (`GRANTSMITH_SANDBOX_URL`, `_CLIENT_ID`, `_CLIENT_SECRET`).
#[derive(Clone)]
pub struct ExternalSandbox {
    pub base_url: String,
    pub client_id: String,
    pub client_secret: Sensitive<String>,
}

impl ExternalSandbox {
    pub fn from_env() -> Option<Self> {
        let var = |k: &str| std::env::var(k).ok().map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
        Some(Self {
            base_url: var("GRANTSMITH_SANDBOX_URL")?,
            client_id: var("GRANTSMITH_SANDBOX_CLIENT_ID")?,
            client_secret: Sensitive::new(var("GRANTSMITH_SANDBOX_CLIENT_SECRET")?),
        })
    }
}

struct SandboxEndpoint {
    base_url: String,
    client_id: String,
    client_secret: Sensitive<String>,
    /// `None` for an external sandbox.
    embedded: Option<Sandbox>,
}

pub struct Tenants {
    store: Arc<Store>,
    keychain: Arc<dyn SecretStore>,
    session: MemoryStore,
    /// Where the embedded sandbox keeps its tenant; in memory when `None`.
    sandbox_data: Option<PathBuf>,
    external: Option<ExternalSandbox>,
    sandbox: tokio::sync::Mutex<Option<SandboxEndpoint>>,
    /// The sandbox's address once known, for labels (readable without awaiting).
    sandbox_url: Mutex<Option<String>>,
    clients: Mutex<HashMap<String, Arc<Auth0Client>>>,
    promote_reads: PromoteReads,
    options: ClientOptions,
}

fn account(profile_id: &str) -> String {
    format!("profile:{profile_id}")
}

fn new_id() -> String {
    let alnum: String = (0..12).map(|_| fastrand::alphanumeric()).collect();
    format!("p_{alnum}")
}

fn now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64)
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl Tenants {
    pub fn new(
        store: Arc<Store>,
        keychain: Arc<dyn SecretStore>,
        sandbox_data: Option<PathBuf>,
        external: Option<ExternalSandbox>,
        options: ClientOptions,
    ) -> Self {
        Self {
            store,
            keychain,
            session: MemoryStore::default(),
            sandbox_data,
            sandbox_url: Mutex::new(external.as_ref().map(|e| e.base_url.clone())),
            external,
            sandbox: tokio::sync::Mutex::new(None),
            clients: Mutex::new(HashMap::new()),
            promote_reads: PromoteReads::default(),
            options,
        }
    }

    // --- reading -----------------------------------------------------------------------

    pub fn view(&self) -> Result<ProfilesView> {
        let rows = self.store.profiles()?;
        let profiles = rows.iter().map(|r| self.describe(r, &rows)).collect();
        Ok(ProfilesView { profiles, active_id: self.store.active_profile_id()? })
    }

    fn describe(&self, r: &ProfileRow, all: &[ProfileRow]) -> Profile {
        let (domain, note) = match r.kind {
            ProfileKind::Sandbox => {
                let url = lock(&self.sandbox_url).clone();
                let domain =
                    url.as_deref().and_then(|u| TenantUrl::parse(u).ok()).map_or("local".into(), |u| host_of(&u));
                let note = match &self.external {
                    Some(e) => format!("External sandbox at {} (GRANTSMITH_SANDBOX_URL)", e.base_url),
                    None => "Local sandbox on this computer — no Auth0 account needed".into(),
                };
                (domain, note)
            }
            ProfileKind::Auth0 => {
                (r.domain.clone(), r.custom_domain.clone().map(|c| format!("Custom domain {c}")).unwrap_or_default())
            }
        };
        let same_tenant_as = all
            .iter()
            .filter(|o| {
                o.id != r.id
                    && o.kind == ProfileKind::Auth0
                    && r.kind == ProfileKind::Auth0
                    && o.domain.eq_ignore_ascii_case(&r.domain)
            })
            .map(|o| o.name.clone())
            .collect();
        let needs_secret =
            r.secret_storage == SecretStorage::Session && self.session.get(&account(&r.id)).ok().flatten().is_none();
        Profile {
            id: r.id.clone(),
            kind: r.kind,
            name: r.name.clone(),
            domain,
            custom_domain: r.custom_domain.clone(),
            environment: r.environment,
            client_id: r.client_id.clone(),
            secret_storage: r.secret_storage,
            note,
            same_tenant_as,
            needs_secret,
        }
    }

    /// The store the profiles (and the change journal) live in.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// A profile's stored row (no secret).
    pub fn profile_row(&self, id: &str) -> Result<ProfileRow> {
        self.row(id)
    }

    fn row(&self, id: &str) -> Result<ProfileRow> {
        self.store.profile(id)?.ok_or_else(|| TenantError::UnknownProfile(id.to_string()))
    }

    pub fn active_id(&self) -> Result<String> {
        Ok(self.store.active_profile_id()?)
    }

    // --- changing ----------------------------------------------------------------------

    pub fn switch(&self, id: &str) -> Result<ProfilesView> {
        self.row(id)?;
        self.store.set_active_profile_id(id)?;
        self.view()
    }

    /// The rules as the user types: issues block saving; warnings do not.
    pub fn check_input(&self, input: &ProfileInput, editing: Option<&str>) -> InputCheck {
        match check(input, editing.is_none()) {
            Err(issues) => InputCheck { issues, warnings: vec![] },
            Ok(clean) => InputCheck { issues: vec![], warnings: self.warnings(&clean, editing) },
        }
    }

    fn warnings(&self, clean: &CleanInput, editing: Option<&str>) -> Vec<String> {
        let mut w = Vec::new();
        for other in self.store.profiles().unwrap_or_default() {
            if Some(other.id.as_str()) != editing
                && other.kind == ProfileKind::Auth0
                && other.domain.eq_ignore_ascii_case(&clean.domain_text)
            {
                w.push(format!(
                    "\"{}\" already points at {}. Two profiles for one tenant are allowed; make sure you mean it.",
                    other.name, clean.domain_text
                ));
            }
        }
        if clean.environment == Environment::Production {
            w.push("Production: every change on this tenant will ask you to type its name to confirm.".into());
        }
        w
    }

    fn validated(input: &ProfileInput, is_new: bool) -> Result<CleanInput> {
        check(input, is_new).map_err(|mut issues| TenantError::Invalid(issues.swap_remove(0)))
    }

    /// A stored secret is only ever sent to the host it was entered for: a changed domain
    /// needs the secret typed again (a typo'd or hostile domain must not receive it).
    fn same_host(row: &ProfileRow, clean: &CleanInput) -> Result<()> {
        if row.domain.eq_ignore_ascii_case(&clean.domain_text) {
            return Ok(());
        }
        Err(TenantError::Invalid(FieldIssue::new(
            "client_secret",
            Rule::Reenter,
            format!(
                "The domain changed from {} to {}. Enter the client secret again: Grantsmith never sends a stored secret \
                 to a different host.",
                row.domain, clean.domain_text
            ),
        )))
    }

    fn store_secret(&self, id: &str, secret: &str, session_only: bool) -> Result<SecretStorage> {
        let secret = Sensitive::new(secret.to_string());
        if session_only {
            self.session.set(&account(id), &secret)?;
            // An earlier keychain copy must not outlive the switch to session-only. When
            // the keychain is unreachable (the usual reason for session-only) there is
            // nothing we can delete now; the entry, if any, is removed with the profile.
            match self.keychain.delete(&account(id)) {
                Ok(()) | Err(crate::SecretError::Unavailable { .. }) => {}
                Err(e) => return Err(e.into()),
            }
            return Ok(SecretStorage::Session);
        }
        self.keychain.set(&account(id), &secret)?;
        // A secret kept for the session before is superseded by the keychain copy.
        self.session.delete(&account(id))?;
        Ok(SecretStorage::Keychain)
    }

    /// Saves a new profile. Its secret goes to the keychain (or this session's memory when
    /// asked); saving does not require a successful connection test.
    pub fn add(&self, input: &ProfileInput) -> Result<Profile> {
        let clean = Self::validated(input, true)?;
        let id = new_id();
        let secret = clean.client_secret.as_deref().unwrap_or_default();
        let secret_storage = self.store_secret(&id, secret, input.session_only)?;
        let row = ProfileRow {
            id: id.clone(),
            kind: ProfileKind::Auth0,
            name: clean.name,
            domain: clean.domain_text,
            custom_domain: clean.custom_domain,
            environment: clean.environment,
            client_id: clean.client_id,
            secret_storage,
        };
        if let Err(e) = self.store.insert_profile(&row, now()) {
            // Do not leave a secret behind for a profile that was not saved.
            let _ = self.keychain.delete(&account(&id));
            let _ = self.session.delete(&account(&id));
            return Err(e.into());
        }
        let rows = self.store.profiles()?;
        Ok(self.describe(&row, &rows))
    }

    /// Renames, changes environment or domain, or replaces the secret (when one is given).
    pub fn update(&self, id: &str, input: &ProfileInput) -> Result<Profile> {
        let mut row = self.row(id)?;
        if row.kind == ProfileKind::Sandbox {
            return Err(TenantError::SandboxFixed("edited; it can be reset."));
        }
        let clean = Self::validated(input, false)?;
        if clean.client_secret.is_none() {
            Self::same_host(&row, &clean)?;
        }
        if let Some(secret) = &clean.client_secret {
            row.secret_storage = self.store_secret(id, secret, input.session_only)?;
        }
        row.name = clean.name;
        row.domain = clean.domain_text;
        row.custom_domain = clean.custom_domain;
        row.environment = clean.environment;
        row.client_id = clean.client_id;
        self.store.update_profile(&row)?;
        lock(&self.clients).remove(id);
        let rows = self.store.profiles()?;
        Ok(self.describe(&row, &rows))
    }

    /// Deletes the profile and its keychain entry.
    pub fn remove(&self, id: &str) -> Result<ProfilesView> {
        let row = self.row(id)?;
        if row.kind == ProfileKind::Sandbox {
            return Err(TenantError::SandboxFixed("removed."));
        }
        // Whatever the profile uses now, a keychain entry from an earlier setting goes too.
        match self.keychain.delete(&account(id)) {
            Ok(()) => {}
            Err(e) if row.secret_storage == SecretStorage::Keychain => return Err(e.into()),
            Err(e) => tracing::warn!(error = %e, "could not check the keychain for an old entry of a removed profile"),
        }
        self.session.delete(&account(id))?;
        self.store.delete_profile(id)?;
        lock(&self.clients).remove(id);
        self.view()
    }

    // --- connecting --------------------------------------------------------------------

    async fn sandbox_endpoint(&self) -> Result<(String, String, Sensitive<String>)> {
        let mut guard = self.sandbox.lock().await;
        if guard.is_none() {
            let endpoint = match &self.external {
                Some(e) => SandboxEndpoint {
                    base_url: e.base_url.clone(),
                    client_id: e.client_id.clone(),
                    client_secret: e.client_secret.clone(),
                    embedded: None,
                },
                None => {
                    // It holds the Sandbox's client secrets and signing key: the owner's only.
                    if let Some(file) = &self.sandbox_data {
                        crate::store::private::file(file).map_err(|e| TenantError::SandboxStart(e.to_string()))?;
                    }
                    let config = SandboxConfig { data: self.sandbox_data.clone(), ..SandboxConfig::default() };
                    let sb = Sandbox::start(config).await.map_err(|e| TenantError::SandboxStart(e.to_string()))?;
                    tracing::info!(base_url = %sb.base_url(), "embedded sandbox started");
                    SandboxEndpoint {
                        base_url: sb.base_url(),
                        client_id: sb.management_client_id().into(),
                        client_secret: Sensitive::new(sb.management_client_secret()),
                        embedded: Some(sb),
                    }
                }
            };
            *lock(&self.sandbox_url) = Some(endpoint.base_url.clone());
            *guard = Some(endpoint);
        }
        let e = guard.as_ref().expect("set above");
        Ok((e.base_url.clone(), e.client_id.clone(), e.client_secret.clone()))
    }

    fn secret_of(&self, row: &ProfileRow) -> Result<Sensitive<String>> {
        let found = match row.secret_storage {
            SecretStorage::Keychain => self.keychain.get(&account(&row.id))?,
            SecretStorage::Session => self.session.get(&account(&row.id))?,
            SecretStorage::None => None,
        };
        found.ok_or_else(|| {
            TenantError::Invalid(FieldIssue::new(
                "client_secret",
                Rule::Reenter,
                format!(
                    "The client secret for \"{}\" is not available (it was kept for an earlier session only, or removed from the keychain). Edit the profile and enter it again.",
                    row.name
                ),
            ))
        })
    }

    /// What promote dialogs last read from the tenants.
    pub fn promote_reads(&self) -> &PromoteReads {
        &self.promote_reads
    }

    /// The client for a profile, starting the embedded sandbox on first use.
    pub async fn client_for(&self, id: &str) -> Result<Arc<Auth0Client>> {
        if let Some(c) = lock(&self.clients).get(id) {
            return Ok(c.clone());
        }
        let row = self.row(id)?;
        let (url, client_id, secret) = match row.kind {
            ProfileKind::Sandbox => self.sandbox_endpoint().await?,
            ProfileKind::Auth0 => (row.domain.clone(), row.client_id.clone(), self.secret_of(&row)?),
        };
        let tenant = TenantUrl::parse(&url)
            .map_err(|e| TenantError::Invalid(FieldIssue::new("domain", rule::of_url(&e), e.to_string())))?;
        let client = Arc::new(Auth0Client::new(tenant, client_id, secret, &self.options)?);
        lock(&self.clients).insert(id.to_string(), client.clone());
        Ok(client)
    }

    pub async fn active_client(&self) -> Result<Arc<Auth0Client>> {
        let id = self.active_id()?;
        self.client_for(&id).await
    }

    /// The issuers this profile's tokens may carry: the tenant domain, and the custom
    /// domain when one is set.
    pub async fn issuers(&self, id: &str) -> Result<Vec<String>> {
        let client = self.client_for(id).await?;
        let mut issuers = vec![client.tenant().issuer().to_string()];
        if let Some(custom) = self.row(id)?.custom_domain.as_deref().and_then(|c| TenantUrl::parse(c).ok()) {
            issuers.push(custom.issuer().to_string());
        }
        Ok(issuers)
    }

    async fn report(client: &Auth0Client) -> Result<ConnectionReport> {
        client.forget_token().await;
        let granted =
            client.granted_scopes().await.inspect_err(|e| tracing::info!(error = %e, "connection test failed"))?;
        let report = ConnectionReport::from_granted(&granted);
        // A line per test: a support log then shows the test ran and what it found.
        tracing::info!(
            ready = report.ready,
            missing = report.permissions.iter().filter(|p| p.required && !p.granted).count(),
            "connection tested"
        );
        Ok(report)
    }

    /// Gets a management token for a saved profile and reports its permissions.
    pub async fn test_profile(&self, id: &str) -> Result<ConnectionReport> {
        let client = self.client_for(id).await?;
        Self::report(&client).await
    }

    /// The same for what the add form holds, before saving. A host that is not an Auth0
    /// tenant domain, or plain http, is sent the secret only once `person` said yes
    /// (`profiles::destination`).
    pub async fn test_input(
        &self,
        input: &ProfileInput,
        editing: Option<&str>,
        person: Option<&dyn Person>,
    ) -> std::result::Result<ConnectionReport, IpcError> {
        let clean = Self::validated(input, editing.is_none())?;
        let saved = editing.map(|id| self.row(id)).transpose()?;
        let secret = match (&clean.client_secret, &saved) {
            (Some(s), _) => Sensitive::new(s.clone()),
            (None, Some(row)) => {
                Self::same_host(row, &clean)?;
                self.secret_of(row)?
            }
            (None, None) => {
                let empty = FieldIssue::new("client_secret", Rule::Required, "Client secret is empty.");
                return Err(TenantError::Invalid(empty).into());
            }
        };
        if let Some(question) = destination::question(&clean.domain, saved.as_ref().map(|r| r.domain.as_str())) {
            confirm::ask(person, &question).await?;
        }
        let client =
            Auth0Client::new(clean.domain, clean.client_id, secret, &self.options).map_err(TenantError::from)?;
        Ok(Self::report(&client).await?)
    }

    /// Empties the Sandbox tenant (its management client stays).
    pub async fn reset_sandbox(&self) -> Result<()> {
        self.sandbox_endpoint().await?;
        let guard = self.sandbox.lock().await;
        match guard.as_ref().and_then(|e| e.embedded.as_ref()) {
            Some(sb) => sb.reset().map_err(|e| TenantError::SandboxReset(e.to_string())),
            None => Err(TenantError::SandboxExternal),
        }
    }

    /// Stops the embedded sandbox (on exit).
    pub async fn shutdown(&self) {
        if let Some(e) = self.sandbox.lock().await.take()
            && let Some(sb) = e.embedded
        {
            sb.shutdown().await;
        }
    }
}
