//! Where a tenant lives: `https://<domain>` for real tenants, `http://<loopback>:<port>`
//! only for the local sandbox. Owns parsing what an admin pastes; not the requests.

use url::{Host, Url};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TenantUrl {
    base: Url,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TenantUrlError {
    #[error("Domain is empty. Enter your tenant's domain, e.g. acme.eu.auth0.com.")]
    Empty,
    #[error("Domain \"{0}\" is not a valid host name.")]
    Invalid(String),
    #[error(
        "Domain must be a host name only, without a path or query (got \"{0}\"). \
         Use e.g. acme.eu.auth0.com."
    )]
    HasPath(String),
    #[error(
        "http:// is only allowed for a local sandbox on this computer (127.0.0.1, localhost). \
         Auth0 tenants are reached over https, so credentials never cross the network unencrypted."
    )]
    InsecureRemote,
    #[error("Only https:// (or http:// to a local sandbox) is supported, not \"{0}:\".")]
    Scheme(String),
}

impl TenantUrl {
    /// Accepts `acme.eu.auth0.com`, `https://acme.eu.auth0.com/`, or `http://127.0.0.1:4010`.
    /// Surrounding whitespace (from pasting) is ignored.
    pub fn parse(input: &str) -> Result<Self, TenantUrlError> {
        let trimmed = input.trim();
        if trimmed.is_empty() {
            return Err(TenantUrlError::Empty);
        }
        let with_scheme = if trimmed.contains("://") { trimmed.to_string() } else { format!("https://{trimmed}") };
        let url = Url::parse(&with_scheme).map_err(|_| TenantUrlError::Invalid(trimmed.into()))?;
        if !matches!(url.path(), "" | "/") || url.query().is_some() || url.fragment().is_some() {
            return Err(TenantUrlError::HasPath(trimmed.into()));
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(TenantUrlError::Invalid(trimmed.into()));
        }
        let host = url.host().ok_or_else(|| TenantUrlError::Invalid(trimmed.into()))?;
        match url.scheme() {
            "https" => {}
            "http" if is_loopback(&host) => {}
            "http" => return Err(TenantUrlError::InsecureRemote),
            other => return Err(TenantUrlError::Scheme(other.into())),
        }
        if let Host::Domain(d) = &host
            && (!d.contains('.') && *d != "localhost")
        {
            return Err(TenantUrlError::Invalid(trimmed.into()));
        }
        let mut base = url;
        base.set_path("/");
        Ok(Self { base })
    }

    /// `https://acme.eu.auth0.com/` — always with the trailing slash (Auth0's `iss`).
    pub fn issuer(&self) -> &str {
        self.base.as_str()
    }

    /// The Management API audience: `<issuer>api/v2/`.
    pub fn management_audience(&self) -> String {
        format!("{}api/v2/", self.base)
    }

    pub fn is_loopback(&self) -> bool {
        self.base.host().is_some_and(|h| is_loopback(&h))
    }
}

fn is_loopback(host: &Host<&str>) -> bool {
    match host {
        Host::Domain(d) => *d == "localhost",
        Host::Ipv4(ip) => ip.is_loopback(),
        Host::Ipv6(ip) => ip.is_loopback(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_domain_becomes_https_issuer_with_trailing_slash() {
        let t = TenantUrl::parse("  acme.eu.auth0.com \n").unwrap();
        assert_eq!(t.issuer(), "https://acme.eu.auth0.com/");
        assert_eq!(t.management_audience(), "https://acme.eu.auth0.com/api/v2/");
        assert!(!t.is_loopback());
    }

    #[test]
    fn loopback_http_is_allowed_for_the_sandbox() {
        let t = TenantUrl::parse("http://127.0.0.1:4010").unwrap();
        assert_eq!(t.issuer(), "http://127.0.0.1:4010/");
        assert!(t.is_loopback());
        assert!(TenantUrl::parse("http://localhost:9").unwrap().is_loopback());
    }

    #[test]
    fn http_to_a_remote_host_is_refused_with_the_reason() {
        let err = TenantUrl::parse("http://acme.eu.auth0.com").unwrap_err();
        assert_eq!(err, TenantUrlError::InsecureRemote);
        assert!(err.to_string().contains("https"));
    }

    #[test]
    fn paths_queries_and_odd_schemes_are_refused() {
        assert!(matches!(TenantUrl::parse("acme.auth0.com/api/v2"), Err(TenantUrlError::HasPath(_))));
        assert!(matches!(TenantUrl::parse("https://acme.auth0.com/?x=1"), Err(TenantUrlError::HasPath(_))));
        assert!(matches!(TenantUrl::parse("ftp://acme.auth0.com"), Err(TenantUrlError::Scheme(_))));
        assert_eq!(TenantUrl::parse("   "), Err(TenantUrlError::Empty));
        assert!(matches!(TenantUrl::parse("acme"), Err(TenantUrlError::Invalid(_))));
        assert!(matches!(TenantUrl::parse("a b.com"), Err(TenantUrlError::Invalid(_))));
    }
}
