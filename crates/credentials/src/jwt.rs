//! VC-JWT: the credential as the JWT payload (with `iss`, `jti`, `nbf`, `iat` mirroring it),
//! signed with the territory's Ed25519 key (`alg: EdDSA`, `kid`, `typ: vc+jwt`) by the
//! `jsonwebtoken` crate; verification looks the `kid` up among the published keys.

use crate::CredentialError;
use crate::jwks::Jwk;
use crate::keys::pkcs8_der;
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde_json::Value;

/// Media type of the header's `typ`.
pub const JWT_TYPE: &str = "vc+jwt";

/// Signs `credential` with the key `kid` (private seed `private_key`). `issued_at` becomes
/// `nbf` and `iat`, so the same inputs always give the same token.
pub fn sign(credential: &Value, kid: &str, private_key: &str, issued_at: i64) -> Result<String, CredentialError> {
    let mut claims = credential.clone();
    if let Value::Object(map) = &mut claims {
        map.insert("iss".into(), credential["issuer"]["id"].clone());
        map.insert("jti".into(), credential["id"].clone());
        map.insert("nbf".into(), issued_at.into());
        map.insert("iat".into(), issued_at.into());
    }
    let mut header = Header::new(Algorithm::EdDSA);
    header.typ = Some(JWT_TYPE.into());
    header.kid = Some(kid.into());
    let key = EncodingKey::from_ed_der(&pkcs8_der(private_key)?);
    jsonwebtoken::encode(&header, &claims, &key).map_err(|e| CredentialError::Sign(e.to_string()))
}

/// Why a pasted credential is not valid. Each variant's `key` is a translation key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VerifyError {
    /// Not a JWT at all.
    #[error("not a JWT")]
    Malformed,
    /// Signed with another algorithm than EdDSA.
    #[error("algorithm not accepted")]
    Algorithm,
    /// No `kid`, or one no territory published.
    #[error("unknown key")]
    UnknownKey,
    /// The signature does not match the content and the key.
    #[error("bad signature")]
    Signature,
    /// Signed by a key of another issuer than the one the credential names.
    #[error("issuer mismatch")]
    Issuer,
}

impl VerifyError {
    /// Translation key of the reason shown.
    pub fn key(&self) -> &'static str {
        match self {
            VerifyError::Malformed => "verify-reason-malformed",
            VerifyError::Algorithm => "verify-reason-algorithm",
            VerifyError::UnknownKey => "verify-reason-unknown-key",
            VerifyError::Signature => "verify-reason-signature",
            VerifyError::Issuer => "verify-reason-issuer",
        }
    }

    /// Stable code (API).
    pub fn code(&self) -> &'static str {
        match self {
            VerifyError::Malformed => "malformed",
            VerifyError::Algorithm => "algorithm",
            VerifyError::UnknownKey => "unknown_key",
            VerifyError::Signature => "signature",
            VerifyError::Issuer => "issuer",
        }
    }
}

/// The `kid` of a token's header, if it is a JWT with one.
pub fn key_id(token: &str) -> Result<String, VerifyError> {
    let header = jsonwebtoken::decode_header(token.trim()).map_err(|_| VerifyError::Malformed)?;
    if header.alg != Algorithm::EdDSA {
        return Err(VerifyError::Algorithm);
    }
    header.kid.ok_or(VerifyError::UnknownKey)
}

/// Checks `token`'s signature with `key` (the published key its `kid` names) and returns the
/// credential it carries. Dates are not checked here: a passport does not expire.
pub fn verify(token: &str, key: &Jwk) -> Result<Value, VerifyError> {
    let kid = key_id(token)?;
    if kid != key.kid || key.kty != "OKP" || key.crv != "Ed25519" {
        return Err(VerifyError::UnknownKey);
    }
    let decoding = DecodingKey::from_ed_components(&key.x).map_err(|_| VerifyError::UnknownKey)?;
    let mut validation = Validation::new(Algorithm::EdDSA);
    validation.required_spec_claims.clear();
    validation.validate_exp = false;
    validation.validate_nbf = false;
    validation.validate_aud = false;
    let data = jsonwebtoken::decode::<Value>(token.trim(), &decoding, &validation).map_err(|e| match e.kind() {
        jsonwebtoken::errors::ErrorKind::InvalidSignature => VerifyError::Signature,
        jsonwebtoken::errors::ErrorKind::InvalidAlgorithm => VerifyError::Algorithm,
        _ => VerifyError::Malformed,
    })?;
    Ok(data.claims)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::badge::{credential, tests::sample};
    use crate::keys::KeyMaterial;

    #[test]
    fn signing_is_reproducible_and_verifies() {
        let key = KeyMaterial::from_seed([3; 32]);
        let doc = credential(&sample());
        let token = sign(&doc, &key.kid, &key.private_key, 1).expect("signed");
        assert_eq!(token, sign(&doc, &key.kid, &key.private_key, 1).expect("signed"));
        let claims = verify(&token, &Jwk::ed25519(&key.kid, &key.public_key)).expect("valid");
        assert_eq!(claims["id"], doc["id"]);
        assert_eq!(claims["iss"], doc["issuer"]["id"]);
        let other = KeyMaterial::from_seed([4; 32]);
        assert_eq!(verify(&token, &Jwk::ed25519(&key.kid, &other.public_key)), Err(VerifyError::Signature));
        assert_eq!(verify("abc", &Jwk::ed25519(&key.kid, &key.public_key)), Err(VerifyError::Malformed));
    }
}
