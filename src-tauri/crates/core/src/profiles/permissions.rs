//! The Management API permissions Grantsmith needs (least privilege), why each is needed,
//! and a connection check that says which are granted and what is unavailable without the
//! missing ones.

use serde::Serialize;
use ts_rs::TS;

/// One permission: the scope, what it enables, and whether the core path needs it.
pub struct Permission {
    pub scope: &'static str,
    pub why: &'static str,
    /// Needed for setup and test tokens; the others only for cleanup (undo).
    pub required: bool,
}

pub const PERMISSIONS: &[Permission] = &[
    Permission { scope: "read:clients", why: "list your applications so you can pick one", required: true },
    Permission { scope: "create:clients", why: "create the Machine to Machine application", required: true },
    Permission {
        scope: "update:clients",
        why: "enable the Client Credentials grant on an existing application",
        required: true,
    },
    Permission { scope: "read:client_keys", why: "read an application's secret to get a test token", required: true },
    Permission { scope: "read:resource_servers", why: "list your APIs and their permissions (scopes)", required: true },
    Permission { scope: "create:resource_servers", why: "create the API", required: true },
    Permission { scope: "update:resource_servers", why: "add permissions (scopes) to an API", required: true },
    Permission {
        scope: "read:client_grants",
        why: "see which applications are authorized for which API",
        required: true,
    },
    Permission { scope: "create:client_grants", why: "authorize an application for an API", required: true },
    Permission {
        scope: "update:client_grants",
        why: "change the permissions an application is authorized for",
        required: true,
    },
    Permission { scope: "delete:client_grants", why: "undo an authorization", required: false },
    Permission { scope: "delete:clients", why: "undo a setup: delete an application it created", required: false },
    Permission { scope: "delete:resource_servers", why: "undo a setup: delete an API it created", required: false },
];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PermissionCheck {
    pub scope: String,
    pub why: String,
    pub required: bool,
    pub granted: bool,
}

/// The result of "Test connection".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ConnectionReport {
    /// A management token was issued.
    pub connected: bool,
    /// Every required permission is granted.
    pub ready: bool,
    pub summary: String,
    pub permissions: Vec<PermissionCheck>,
    /// Granted permissions Grantsmith does not use (more than least privilege).
    pub extra: Vec<String>,
}

impl ConnectionReport {
    pub fn from_granted(granted: &[String]) -> Self {
        let permissions: Vec<PermissionCheck> = PERMISSIONS
            .iter()
            .map(|p| PermissionCheck {
                scope: p.scope.into(),
                why: p.why.into(),
                required: p.required,
                granted: granted.iter().any(|g| g == p.scope),
            })
            .collect();
        let missing_required: Vec<&str> =
            permissions.iter().filter(|p| p.required && !p.granted).map(|p| p.scope.as_str()).collect();
        let missing_optional = permissions.iter().filter(|p| !p.required && !p.granted).count();
        let extra: Vec<String> =
            granted.iter().filter(|g| !PERMISSIONS.iter().any(|p| p.scope == g.as_str())).cloned().collect();
        let summary = if missing_required.is_empty() && missing_optional == 0 {
            "Connected. Every permission Grantsmith uses is granted.".to_string()
        } else if missing_required.is_empty() {
            format!(
                "Connected. Setup and test tokens work; {missing_optional} cleanup permission(s) are missing, so undo will be limited."
            )
        } else {
            format!(
                "Connected, but {} required permission(s) are missing: {}. Grant them in Auth0 Dashboard → Applications → APIs → Auth0 Management API → Machine to Machine Applications.",
                missing_required.len(),
                missing_required.join(", ")
            )
        };
        Self { connected: true, ready: missing_required.is_empty(), summary, permissions, extra }
    }
}

/// Every permission with why it is needed (none granted): the guide on the add-tenant form.
pub fn guide() -> Vec<PermissionCheck> {
    ConnectionReport::from_granted(&[]).permissions
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_exactly_the_missing_permissions() {
        let granted: Vec<String> =
            ["read:clients", "read:resource_servers", "create:users"].iter().map(|s| s.to_string()).collect();
        let r = ConnectionReport::from_granted(&granted);
        assert!(r.connected && !r.ready);
        let missing: Vec<&str> = r.permissions.iter().filter(|p| !p.granted).map(|p| p.scope.as_str()).collect();
        assert_eq!(missing.len(), PERMISSIONS.len() - 2);
        assert!(r.summary.contains("create:clients"), "{}", r.summary);
        assert_eq!(r.extra, ["create:users"]);
    }

    #[test]
    fn all_granted_is_ready() {
        let all: Vec<String> = PERMISSIONS.iter().map(|p| p.scope.to_string()).collect();
        let r = ConnectionReport::from_granted(&all);
        assert!(r.ready);
        assert!(r.summary.starts_with("Connected. Every permission"));
    }
}
