//! Profiles in SQLite (never the secret), and which one is active.

use rusqlite::{OptionalExtension, Row, params};

use super::model::{Environment, ProfileKind, SecretStorage};
use crate::{Store, StoreError};

pub const SANDBOX_ID: &str = "sandbox";
const ACTIVE_KEY: &str = "active_profile";

/// A stored profile row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileRow {
    pub id: String,
    pub kind: ProfileKind,
    pub name: String,
    pub domain: String,
    pub custom_domain: Option<String>,
    pub environment: Environment,
    pub client_id: String,
    pub secret_storage: SecretStorage,
}

impl ProfileRow {
    /// This profile's tenant, as a confirmation names it.
    pub fn tenant(&self) -> crate::confirm::Tenant<'_> {
        crate::confirm::Tenant { name: &self.name, domain: &self.domain }
    }
}

fn row(r: &Row<'_>) -> rusqlite::Result<ProfileRow> {
    let kind: String = r.get("kind")?;
    Ok(ProfileRow {
        id: r.get("id")?,
        kind: if kind == "sandbox" { ProfileKind::Sandbox } else { ProfileKind::Auth0 },
        name: r.get("name")?,
        domain: r.get("domain")?,
        custom_domain: r.get("custom_domain")?,
        environment: Environment::parse(&r.get::<_, String>("environment")?),
        client_id: r.get("client_id")?,
        secret_storage: SecretStorage::parse(&r.get::<_, String>("secret_storage")?),
    })
}

impl Store {
    /// The Sandbox first, then the others in the order they were added.
    pub fn profiles(&self) -> Result<Vec<ProfileRow>, StoreError> {
        let conn = self.conn();
        let mut stmt = conn.prepare("SELECT * FROM profiles ORDER BY kind = 'auth0', created_at, rowid")?;
        let rows = stmt.query_map([], row)?.collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    pub fn profile(&self, id: &str) -> Result<Option<ProfileRow>, StoreError> {
        Ok(self.conn().query_row("SELECT * FROM profiles WHERE id = ?1", [id], row).optional()?)
    }

    pub fn insert_profile(&self, p: &ProfileRow, created_at: i64) -> Result<(), StoreError> {
        self.conn().execute(
            "INSERT INTO profiles (id, kind, name, domain, custom_domain, environment, client_id, secret_storage, created_at)
             VALUES (?1, 'auth0', ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![p.id, p.name, p.domain, p.custom_domain, p.environment.as_str(), p.client_id, p.secret_storage.as_str(), created_at],
        )?;
        Ok(())
    }

    pub fn update_profile(&self, p: &ProfileRow) -> Result<(), StoreError> {
        self.conn().execute(
            "UPDATE profiles SET name = ?2, domain = ?3, custom_domain = ?4, environment = ?5, client_id = ?6, secret_storage = ?7
             WHERE id = ?1",
            params![p.id, p.name, p.domain, p.custom_domain, p.environment.as_str(), p.client_id, p.secret_storage.as_str()],
        )?;
        Ok(())
    }

    pub fn delete_profile(&self, id: &str) -> Result<bool, StoreError> {
        Ok(self.conn().execute("DELETE FROM profiles WHERE id = ?1 AND kind = 'auth0'", [id])? > 0)
    }

    /// The active profile's id; the Sandbox when none was chosen or the chosen one is gone.
    pub fn active_profile_id(&self) -> Result<String, StoreError> {
        let id = self.setting(ACTIVE_KEY)?.unwrap_or_else(|| SANDBOX_ID.into());
        Ok(if self.profile(&id)?.is_some() { id } else { SANDBOX_ID.into() })
    }

    pub fn set_active_profile_id(&self, id: &str) -> Result<(), StoreError> {
        self.set_setting(ACTIVE_KEY, id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn acme(id: &str) -> ProfileRow {
        ProfileRow {
            id: id.into(),
            kind: ProfileKind::Auth0,
            name: "Acme".into(),
            domain: "acme.eu.auth0.com".into(),
            custom_domain: None,
            environment: Environment::Production,
            client_id: "abcdefgh12345678".into(),
            secret_storage: SecretStorage::Keychain,
        }
    }

    #[test]
    fn sandbox_exists_from_the_start_and_is_active_by_default() {
        let s = Store::open_in_memory().unwrap();
        let all = s.profiles().unwrap();
        assert_eq!(all.len(), 1);
        assert_eq!((all[0].id.as_str(), all[0].kind), (SANDBOX_ID, ProfileKind::Sandbox));
        assert_eq!(s.active_profile_id().unwrap(), SANDBOX_ID);
    }

    #[test]
    fn crud_and_active_falls_back_to_sandbox_when_removed() {
        let s = Store::open_in_memory().unwrap();
        s.insert_profile(&acme("p1"), 1).unwrap();
        s.set_active_profile_id("p1").unwrap();
        assert_eq!(s.active_profile_id().unwrap(), "p1");
        let mut p = acme("p1");
        p.name = "Acme Prod".into();
        s.update_profile(&p).unwrap();
        assert_eq!(s.profile("p1").unwrap().unwrap().name, "Acme Prod");
        assert!(s.delete_profile("p1").unwrap());
        assert_eq!(s.active_profile_id().unwrap(), SANDBOX_ID);
        assert!(!s.delete_profile(SANDBOX_ID).unwrap(), "the Sandbox profile cannot be deleted");
    }
}
