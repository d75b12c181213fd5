//! Ed25519 key pairs of a territory. The private key is kept as its 32-byte seed (base64url),
//! the public key as its 32 bytes (base64url, the JWK `x`); the key id is the public key's
//! JWK thumbprint (RFC 7638), so it names the key and nothing else.

use crate::CredentialError;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use ed25519_dalek::SigningKey;
use ed25519_dalek::pkcs8::EncodePrivateKey;
use sha2::{Digest, Sha256};

/// A key pair as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyMaterial {
    /// Key id (JWK thumbprint).
    pub kid: String,
    /// Public key, base64url.
    pub public_key: String,
    /// Private seed, base64url. Never shown.
    pub private_key: String,
}

impl KeyMaterial {
    /// The key pair of a 32-byte random seed (the caller draws it from a CSPRNG).
    pub fn from_seed(seed: [u8; 32]) -> Self {
        let signing = SigningKey::from_bytes(&seed);
        let public_key = URL_SAFE_NO_PAD.encode(signing.verifying_key().as_bytes());
        KeyMaterial { kid: thumbprint(&public_key), public_key, private_key: URL_SAFE_NO_PAD.encode(seed) }
    }
}

/// RFC 7638 thumbprint of an Ed25519 public key: SHA-256 of its required members in
/// lexicographic order, base64url.
pub fn thumbprint(public_key: &str) -> String {
    let canonical = format!(r#"{{"crv":"Ed25519","kty":"OKP","x":"{public_key}"}}"#);
    URL_SAFE_NO_PAD.encode(Sha256::digest(canonical.as_bytes()))
}

/// The PKCS#8 document of a stored private seed (what the JWS library takes).
pub(crate) fn pkcs8_der(private_key: &str) -> Result<Vec<u8>, CredentialError> {
    let seed: [u8; 32] = URL_SAFE_NO_PAD
        .decode(private_key)
        .ok()
        .and_then(|bytes| bytes.try_into().ok())
        .ok_or_else(|| CredentialError::Key("private key is not a 32-byte seed".into()))?;
    let document = SigningKey::from_bytes(&seed).to_pkcs8_der().map_err(|e| CredentialError::Key(e.to_string()))?;
    Ok(document.as_bytes().to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_seed_gives_a_stable_pair_and_key_id() {
        let a = KeyMaterial::from_seed([7; 32]);
        assert_eq!(a, KeyMaterial::from_seed([7; 32]));
        assert_ne!(a.kid, KeyMaterial::from_seed([8; 32]).kid);
        assert_eq!(a.kid.len(), 43);
        assert_eq!(URL_SAFE_NO_PAD.decode(&a.public_key).map(|b| b.len()).ok(), Some(32));
        assert!(pkcs8_der(&a.private_key).is_ok());
        assert!(pkcs8_der("short").is_err());
    }
}
