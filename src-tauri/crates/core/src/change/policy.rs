//! Who may write what: the confirmation a change needs before it touches a tenant.
//!
//! Today's rule: a change to a production tenant needs the tenant's name typed by the
//! user. The rule lives here and only here — the shell passes the typed text through and
//! the UI learns from `Review::confirm_tenant` whether to ask. An `Approval` can only be
//! made by `approve`, and it names the profile and the change it was given for, so the
//! executor can check it was handed the approval for *this* change on *this* tenant.

use crate::profiles::{Environment, ProfileRow};

/// The field the UI shows the typed confirmation in (highlighted on a mismatch).
pub const CONFIRM_FIELD: &str = "confirm_tenant";

/// Why a change may not run (shown to the user as `error::from_policy` words it).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PolicyError {
    /// A production tenant's name was not typed (or typed wrong).
    #[error("{tenant} is a production tenant. Type its name, {tenant}, to confirm this change.")]
    NotConfirmed { tenant: String },
    /// An approval was handed to another change or tenant: a bug, never the user's doing.
    #[error("This confirmation was given for a different change or tenant.")]
    OtherChange,
}

/// Permission to execute one change on one profile.
#[derive(Debug)]
pub struct Approval {
    profile_id: String,
    change: String,
}

impl Approval {
    /// Refuses an approval issued for another tenant or another change.
    pub fn check(&self, profile_id: &str, change: &str) -> Result<(), PolicyError> {
        if self.profile_id == profile_id && self.change == change { Ok(()) } else { Err(PolicyError::OtherChange) }
    }
}

/// What the user must type to confirm a change on this profile, if anything.
pub fn confirmation_needed(profile: &ProfileRow) -> Option<String> {
    (profile.environment == Environment::Production).then(|| profile.name.clone())
}

/// Checks the user's confirmation for `change` (a run id, or a plan's digest) on `profile`.
pub fn approve(profile: &ProfileRow, change: &str, typed: Option<&str>) -> Result<Approval, PolicyError> {
    if let Some(tenant) = confirmation_needed(profile)
        && typed.map(str::trim) != Some(tenant.as_str())
    {
        return Err(PolicyError::NotConfirmed { tenant });
    }
    Ok(Approval { profile_id: profile.id.clone(), change: change.to_string() })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profiles::{ProfileKind, SecretStorage};

    fn profile(environment: Environment) -> ProfileRow {
        ProfileRow {
            id: "p1".into(),
            kind: ProfileKind::Auth0,
            name: "Acme Prod".into(),
            domain: "acme.eu.auth0.com".into(),
            custom_domain: None,
            environment,
            client_id: "c".into(),
            secret_storage: SecretStorage::Keychain,
        }
    }

    #[test]
    fn production_needs_the_typed_name_and_nothing_else_does() {
        let prod = profile(Environment::Production);
        assert_eq!(confirmation_needed(&prod).as_deref(), Some("Acme Prod"));
        for typed in [None, Some(""), Some("acme prod"), Some("Acme")] {
            let e = approve(&prod, "run_1", typed).unwrap_err();
            assert_eq!(e, PolicyError::NotConfirmed { tenant: "Acme Prod".into() }, "{typed:?}");
        }
        approve(&prod, "run_1", Some("  Acme Prod ")).unwrap().check("p1", "run_1").unwrap();
        let dev = profile(Environment::Development);
        assert!(confirmation_needed(&dev).is_none());
        approve(&dev, "run_1", None).unwrap();
    }

    #[test]
    fn an_approval_is_for_one_change_on_one_profile() {
        let a = approve(&profile(Environment::Production), "run_1", Some("Acme Prod")).unwrap();
        assert_eq!(a.check("p1", "run_2"), Err(PolicyError::OtherChange));
        assert_eq!(a.check("p2", "run_1"), Err(PolicyError::OtherChange));
    }
}
