//! The links a registrant receives. Each registration holds a random secret (256 bits); a
//! link's token is the SHA-256 of that secret and the link's purpose, so a check-in QR code
//! cannot cancel a registration nor open the survey, and the links can be rebuilt for a
//! reminder without storing them. Each purpose has its own time limit (see [`Purpose`]).

use super::model::Event;
use sha2::{Digest, Sha256};
use tremplin_kernel::token::{new_token, tokens_equal};

/// What a link lets its holder do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// See the registration, download it to a calendar, cancel it (until the session starts).
    Manage,
    /// Be marked present (the QR code), from the day before until the session ends.
    CheckIn,
    /// Answer the satisfaction survey, after the session ends, for 30 days.
    Survey,
}

/// How long after the session the survey stays open.
pub const SURVEY_DAYS: i64 = 30;

impl Purpose {
    fn label(self) -> &'static str {
        match self {
            Purpose::Manage => "manage",
            Purpose::CheckIn => "check-in",
            Purpose::Survey => "survey",
        }
    }

    /// Whether a link of this purpose is usable at `now` for `event`.
    pub fn is_live(self, event: &Event, now: i64) -> bool {
        match self {
            // Kept after the session so that the person can still see what they registered for.
            Purpose::Manage => now < event.ends_at + SURVEY_DAYS * 86_400,
            Purpose::CheckIn => now >= event.starts_at - 86_400 && now < event.ends_at + 3_600,
            Purpose::Survey => now >= event.ends_at - 900 && now < event.ends_at + SURVEY_DAYS * 86_400,
        }
    }
}

/// A new registration secret.
pub fn new_secret() -> String {
    new_token()
}

/// The token of `purpose` for a registration's secret (43 URL-safe characters).
pub fn token_for(secret: &str, purpose: Purpose) -> String {
    use base64::Engine;
    let digest = Sha256::new().chain_update(purpose.label()).chain_update(b":").chain_update(secret.as_bytes()).finalize();
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(digest)
}

/// Whether `token` is the token of `purpose` for this secret (compared in constant time).
pub fn token_matches(secret: &str, purpose: Purpose, token: &str) -> bool {
    !secret.is_empty() && tokens_equal(&token_for(secret, purpose), token)
}

/// Path of the page where a registrant sees and cancels their registration.
pub fn manage_path(public_id: &str, secret: &str) -> String {
    format!("/inscriptions/{public_id}/{}", token_for(secret, Purpose::Manage))
}

/// Path the check-in QR code points to.
pub fn check_in_path(public_id: &str, secret: &str) -> String {
    format!("/pointage/{public_id}/{}", token_for(secret, Purpose::CheckIn))
}

/// Path of the satisfaction survey.
pub fn survey_path(public_id: &str, secret: &str) -> String {
    format!("/enquete/{public_id}/{}", token_for(secret, Purpose::Survey))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_token_per_purpose() {
        let secret = new_secret();
        let manage = token_for(&secret, Purpose::Manage);
        assert_eq!(manage.len(), 43);
        assert!(token_matches(&secret, Purpose::Manage, &manage));
        assert!(!token_matches(&secret, Purpose::CheckIn, &manage));
        assert!(!token_matches(&secret, Purpose::Survey, &manage));
        assert!(!token_matches(&new_secret(), Purpose::Manage, &manage));
        assert!(!token_matches("", Purpose::Manage, &token_for("", Purpose::Manage)));
        assert_ne!(token_for(&secret, Purpose::CheckIn), token_for(&secret, Purpose::Survey));
    }
}
