//! Why an account use case refused. Each variant's `key` is a translation key.

use crate::StoreError;

/// A problem with one field of a form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// Form field name.
    pub field: &'static str,
    /// Translation key of the message.
    pub key: &'static str,
}

/// The closed set of refusals of the accounts domain.
#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    /// Some fields are invalid.
    #[error("invalid input")]
    Invalid(Vec<FieldError>),
    /// Unknown e-mail or wrong password (deliberately not told apart).
    #[error("bad credentials")]
    BadCredentials,
    /// Too many attempts; try later.
    #[error("rate limited")]
    RateLimited,
    /// The link is unknown, used already, or for another purpose.
    #[error("token invalid")]
    TokenInvalid,
    /// The link is too old.
    #[error("token expired")]
    TokenExpired,
    /// The acting user may not do this here.
    #[error("forbidden")]
    Forbidden,
    /// No such account or territory.
    #[error("not found")]
    NotFound,
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl AccountError {
    /// Translation key of the message shown to the user.
    pub fn key(&self) -> &'static str {
        match self {
            AccountError::Invalid(_) => "error-invalid-form",
            AccountError::BadCredentials => "error-bad-credentials",
            AccountError::RateLimited => "error-rate-limited",
            AccountError::TokenInvalid => "error-token-invalid",
            AccountError::TokenExpired => "error-token-expired",
            AccountError::Forbidden => "error-forbidden",
            AccountError::NotFound => "error-not-found",
            AccountError::Store(_) => "error-internal",
        }
    }

    /// A single-field validation error.
    pub fn field(field: &'static str, key: &'static str) -> Self {
        AccountError::Invalid(vec![FieldError { field, key }])
    }
}
