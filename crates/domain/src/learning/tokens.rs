//! The holder's link to their passport (see it, download the PDF and the credential, choose
//! what the verification page shows), and the public verification address.

use sha2::{Digest, Sha256};
use tremplin_kernel::token::tokens_equal;

/// The token of a passport holder's link (43 URL-safe characters): the SHA-256 of the
/// passport's secret and this purpose, so it cannot open anything else.
pub fn holder_token(secret: &str) -> String {
    use base64::Engine;
    let digest = Sha256::new().chain_update(b"passport-holder:").chain_update(secret.as_bytes()).finalize();
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(digest)
}

/// Whether `token` opens the passport of this secret (compared in constant time).
pub fn holder_token_matches(secret: &str, token: &str) -> bool {
    !secret.is_empty() && tokens_equal(&holder_token(secret), token)
}

/// Path of the holder's page.
pub fn holder_path(public_id: &str, secret: &str) -> String {
    format!("/passeport/{public_id}/{}", holder_token(secret))
}

/// Path of the public verification page.
pub fn verification_path(public_id: &str) -> String {
    format!("/passeport/verifier/{public_id}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use tremplin_kernel::token::new_token;

    #[test]
    fn the_holder_token_belongs_to_its_secret() {
        let secret = new_token();
        let token = holder_token(&secret);
        assert_eq!(token.len(), 43);
        assert!(holder_token_matches(&secret, &token));
        assert!(!holder_token_matches(&new_token(), &token));
        assert!(!holder_token_matches("", &holder_token("")));
        assert_ne!(token, crate::coaching::tokens::manage_token(&secret));
    }
}
