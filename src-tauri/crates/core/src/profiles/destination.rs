//! Where a management secret is about to be sent by a connection test, and what the person
//! must confirm first (natively, `confirm`): a host that is not an Auth0 tenant domain
//! (`*.auth0.com`) — a typo, a look-alike (`auth0.com.example`, `acme-auth0.com`) or a
//! proxy of someone's — and plain `http://`, which only loopback may use and which still
//! carries the secret in cleartext. A domain the profile already had is not asked again.
//!
//! Owns the rule and its words; asking is `confirm`'s, sending is the tenants'.

use grantsmith_auth0::TenantUrl;

use crate::confirm::Question;

/// The question to ask before sending a secret to `domain`, if any. `saved` is the domain
/// the profile being edited already has (it was accepted when it was saved).
pub fn question(domain: &TenantUrl, saved: Option<&str>) -> Option<Question> {
    let url = domain.issuer();
    let host = url.split("://").nth(1).unwrap_or(url).trim_end_matches('/');
    if saved.and_then(|s| TenantUrl::parse(s).ok()).is_some_and(|s| s.issuer() == url) {
        return None;
    }
    if url.starts_with("http://") {
        return Some(Question::unusual_host(
            host,
            "This address is plain http://: the secret would travel unencrypted (on this computer only, as \
             loopback addresses never leave it). Use it only for a local test server.",
        ));
    }
    let name = host.split(':').next().unwrap_or(host);
    if name.ends_with(".auth0.com") {
        return None;
    }
    Some(Question::unusual_host(
        host,
        &format!(
            "{name} is not an Auth0 tenant domain (those end in .auth0.com). It may be your tenant's custom domain \
             — or a typo, or a look-alike."
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn asks(domain: &str, saved: Option<&str>) -> bool {
        question(&TenantUrl::parse(domain).unwrap(), saved).is_some()
    }

    #[test]
    fn only_auth0_domains_and_the_saved_one_go_without_a_question() {
        assert!(!asks("acme.eu.auth0.com", None));
        assert!(!asks("https://dev-x1.us.auth0.com/", None));
        for other in ["acme.eu.auth0.com.example.net", "acme-auth0.com", "auth0.com", "login.acme.com"] {
            assert!(asks(other, None), "{other}");
        }
        assert!(!asks("login.acme.com", Some("https://login.acme.com")), "already this profile's domain");
        let q = question(&TenantUrl::parse("http://127.0.0.1:4010").unwrap(), None).unwrap();
        assert!(q.message.contains("unencrypted"), "{}", q.message);
        assert_eq!(q.title, "Confirm: send the client secret to 127.0.0.1:4010");
    }
}
