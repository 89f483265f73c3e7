//! Identifiers and secrets in the formats Auth0 uses (contract §2.0 "ID formats").

const ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const SECRET_CHARS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";

fn random_from(alphabet: &[u8], len: usize) -> String {
    // Rejection sampling keeps the distribution uniform for alphabets that do not divide 256.
    let limit = 256 - (256 % alphabet.len());
    let mut out = String::with_capacity(len);
    let mut buf = [0u8; 64];
    while out.len() < len {
        aws_lc_rs::rand::fill(&mut buf).expect("system randomness");
        for &b in &buf {
            if (b as usize) < limit && out.len() < len {
                out.push(alphabet[b as usize % alphabet.len()] as char);
            }
        }
    }
    out
}

/// 32 alphanumeric characters, e.g. `yCaTa3Jtg6Rni9tHKgSWQPGM2Fdhmo6W`.
pub fn client_id() -> String {
    random_from(ALNUM, 32)
}

/// 64 characters from `[A-Za-z0-9_-]`.
pub fn client_secret() -> String {
    random_from(SECRET_CHARS, 64)
}

/// 24 hex characters, like a Mongo ObjectId.
pub fn resource_server_id() -> String {
    let mut bytes = [0u8; 12];
    aws_lc_rs::rand::fill(&mut bytes).expect("system randomness");
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// `cgr_` and 16 alphanumeric characters.
pub fn client_grant_id() -> String {
    format!("cgr_{}", random_from(ALNUM, 16))
}

/// A signing secret for HS256 APIs (the contract leaves generation UNCONFIRMED; see README).
pub fn signing_secret() -> String {
    random_from(SECRET_CHARS, 48)
}

/// A token id (`jti`) for RFC 9068 tokens.
pub fn token_id() -> String {
    random_from(ALNUM, 24)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_match_the_recorded_ones() {
        let id = client_id();
        assert_eq!(id.len(), 32);
        assert!(id.chars().all(|c| c.is_ascii_alphanumeric()));
        let s = client_secret();
        assert_eq!(s.len(), 64);
        assert!(s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-'));
        let rs = resource_server_id();
        assert_eq!(rs.len(), 24);
        assert!(rs.chars().all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
        let g = client_grant_id();
        assert!(g.starts_with("cgr_") && g.len() == 20, "{g}");
        assert_ne!(client_id(), client_id(), "ids must be random");
    }
}
