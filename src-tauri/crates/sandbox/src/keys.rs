//! The tenant's RS256 signing key: generated once, persisted with the tenant, published in
//! the JWKS with a self-signed certificate (`x5c`) and its SHA-1 thumbprint (`x5t`).

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use serde_json::{Value, json};

pub struct SigningKey {
    pub kid: String,
    pub pkcs8_pem: String,
    pub cert_der: Vec<u8>,
    n: Vec<u8>,
    e: Vec<u8>,
    pub encoding: jsonwebtoken::EncodingKey,
    pub decoding: jsonwebtoken::DecodingKey,
}

#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("signing key: {0}")]
    Rcgen(#[from] rcgen::Error),
    #[error("signing key: {0}")]
    Jwt(#[from] jsonwebtoken::errors::Error),
    #[error("signing key: malformed RSA public key")]
    PublicKey,
}

impl SigningKey {
    pub fn generate() -> Result<Self, KeyError> {
        let pair = rcgen::KeyPair::generate_for(&rcgen::PKCS_RSA_SHA256)?;
        let mut params = rcgen::CertificateParams::new(vec!["grantsmith-sandbox".to_string()])?;
        params.distinguished_name.push(rcgen::DnType::CommonName, "Grantsmith Sandbox tenant");
        let cert = params.self_signed(&pair)?;
        Self::from_parts(pair.serialize_pem(), cert.der().to_vec())
    }

    /// Rebuilds a persisted key.
    pub fn from_parts(pkcs8_pem: String, cert_der: Vec<u8>) -> Result<Self, KeyError> {
        let pair = rcgen::KeyPair::from_pem_and_sign_algo(&pkcs8_pem, &rcgen::PKCS_RSA_SHA256)?;
        let (n, e) = parse_rsa_public_key(pair.public_key_raw()).ok_or(KeyError::PublicKey)?;
        let digest = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA1_FOR_LEGACY_USE_ONLY, &cert_der);
        let thumbprint = URL_SAFE_NO_PAD.encode(digest.as_ref());
        let encoding = jsonwebtoken::EncodingKey::from_rsa_pem(pkcs8_pem.as_bytes())?;
        let decoding = jsonwebtoken::DecodingKey::from_rsa_raw_components(&n, &e);
        Ok(Self { kid: thumbprint, pkcs8_pem, cert_der, n, e, encoding, decoding })
    }

    /// The key as Auth0 publishes it in `/.well-known/jwks.json`.
    pub fn jwk(&self) -> Value {
        json!({
            "kty": "RSA",
            "use": "sig",
            "alg": "RS256",
            "n": URL_SAFE_NO_PAD.encode(&self.n),
            "e": URL_SAFE_NO_PAD.encode(&self.e),
            "kid": self.kid,
            "x5t": self.kid,
            "x5c": [STANDARD.encode(&self.cert_der)],
        })
    }
}

/// Parses DER `RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }` into
/// unsigned big-endian n and e.
fn parse_rsa_public_key(der: &[u8]) -> Option<(Vec<u8>, Vec<u8>)> {
    let (tag, body, _) = read_tlv(der)?;
    if tag != 0x30 {
        return None;
    }
    let (t1, n, rest) = read_tlv(body)?;
    let (t2, e, _) = read_tlv(rest)?;
    if t1 != 0x02 || t2 != 0x02 {
        return None;
    }
    let strip = |v: &[u8]| v.iter().skip_while(|b| **b == 0).copied().collect::<Vec<u8>>();
    Some((strip(n), strip(e)))
}

fn read_tlv(input: &[u8]) -> Option<(u8, &[u8], &[u8])> {
    let tag = *input.first()?;
    let first = *input.get(1)? as usize;
    let (len, header) = if first < 0x80 {
        (first, 2)
    } else {
        let count = first & 0x7f;
        if count == 0 || count > 4 {
            return None;
        }
        let bytes = input.get(2..2 + count)?;
        (bytes.iter().fold(0usize, |acc, b| (acc << 8) | *b as usize), 2 + count)
    };
    let body = input.get(header..header + len)?;
    Some((tag, body, &input[header + len..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_key_round_trips_through_its_persisted_form() {
        let key = SigningKey::generate().unwrap();
        let again = SigningKey::from_parts(key.pkcs8_pem.clone(), key.cert_der.clone()).unwrap();
        assert_eq!(key.jwk(), again.jwk());
        let jwk = key.jwk();
        assert_eq!(jwk["e"], "AQAB");
        // 2048-bit modulus: 256 bytes → 342 base64url characters.
        assert_eq!(jwk["n"].as_str().unwrap().len(), 342);
    }
}
