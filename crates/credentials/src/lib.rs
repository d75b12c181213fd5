//! The verifiable digital passport, kept apart from the web layer so that it stays light to
//! rebuild: territory signing keys (Ed25519) and their JWKS, the Open Badges 3.0 credential,
//! its VC-JWT signature and verification, and the PDF with its QR code.
//!
//! Everything here is pure (no database, no clock, no network): the callers pass the facts
//! and the key, and get bytes back. Ed25519 signatures are deterministic and the JSON is
//! written with sorted keys, so the same passport signed with the same key always gives the
//! same credential, byte for byte.

pub mod badge;
pub mod dates;
pub mod jwks;
pub mod jwt;
pub mod keys;
pub mod pdf;
pub mod qr;

pub use badge::{BadgeInput, BadgeModule, EvidenceInput, credential};
pub use jwks::{Jwk, Jwks};
pub use jwt::{VerifyError, sign, verify};
pub use keys::KeyMaterial;

/// Why a credential or a document could not be produced.
#[derive(Debug, thiserror::Error)]
pub enum CredentialError {
    /// A stored key is malformed.
    #[error("malformed key: {0}")]
    Key(String),
    /// Signing failed.
    #[error("signing: {0}")]
    Sign(String),
    /// The PDF could not be produced.
    #[error("pdf: {0}")]
    Pdf(String),
}
