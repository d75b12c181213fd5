//! JSON Web Key Sets: a territory's public keys, active and retired, as OKP/Ed25519 JWKs.

use serde::{Deserialize, Serialize};

/// One public key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Jwk {
    /// Always `OKP`.
    pub kty: String,
    /// Always `Ed25519`.
    pub crv: String,
    /// The public key, base64url.
    pub x: String,
    /// Key id.
    pub kid: String,
    /// Always `EdDSA`.
    pub alg: String,
    /// Always `sig`.
    #[serde(rename = "use")]
    pub use_: String,
}

impl Jwk {
    /// The JWK of a stored Ed25519 public key.
    pub fn ed25519(kid: &str, public_key: &str) -> Self {
        Jwk { kty: "OKP".into(), crv: "Ed25519".into(), x: public_key.into(), kid: kid.into(), alg: "EdDSA".into(), use_: "sig".into() }
    }
}

/// A key set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Jwks {
    /// The keys.
    pub keys: Vec<Jwk>,
}
