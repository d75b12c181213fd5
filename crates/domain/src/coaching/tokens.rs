//! The link a person receives for an appointment: see it, add it to a calendar, move it,
//! cancel it, and see what the coach recorded. The token is the SHA-256 of the appointment's
//! secret and this purpose, so it cannot be confused with a workshop link.

use sha2::{Digest, Sha256};
use tremplin_kernel::token::tokens_equal;

/// The token of an appointment's link (43 URL-safe characters).
pub fn manage_token(secret: &str) -> String {
    use base64::Engine;
    let digest = Sha256::new().chain_update(b"appointment-manage:").chain_update(secret.as_bytes()).finalize();
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(digest)
}

/// Whether `token` opens the appointment of this secret (compared in constant time).
pub fn manage_token_matches(secret: &str, token: &str) -> bool {
    !secret.is_empty() && tokens_equal(&manage_token(secret), token)
}

/// Path of the person's page for an appointment.
pub fn appointment_path(public_id: &str, secret: &str) -> String {
    format!("/rendez-vous/{public_id}/{}", manage_token(secret))
}

#[cfg(test)]
mod tests {
    use super::*;
    use tremplin_kernel::token::new_token;

    #[test]
    fn the_token_belongs_to_its_secret_and_purpose() {
        let secret = new_token();
        let token = manage_token(&secret);
        assert_eq!(token.len(), 43);
        assert!(manage_token_matches(&secret, &token));
        assert!(!manage_token_matches(&new_token(), &token));
        assert!(!manage_token_matches("", &manage_token("")));
        assert_ne!(token, crate::events::tokens::token_for(&secret, crate::events::tokens::Purpose::Manage));
    }
}
