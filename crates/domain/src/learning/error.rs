//! Why a learning use case refused. Each variant's `key` is a translation key.

use crate::StoreError;
use crate::accounts::FieldError;

/// The closed set of refusals of the learning domain.
#[derive(Debug, thiserror::Error)]
pub enum LearningError {
    /// Some fields are invalid.
    #[error("invalid input")]
    Invalid(Vec<FieldError>),
    /// The link is unknown or wrong.
    #[error("token invalid")]
    TokenInvalid,
    /// The acting user may not do this.
    #[error("forbidden")]
    Forbidden,
    /// No such module, diagnostic or passport.
    #[error("not found")]
    NotFound,
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl LearningError {
    /// Translation key of the message shown to the user.
    pub fn key(&self) -> &'static str {
        match self {
            LearningError::Invalid(_) => "error-invalid-form",
            LearningError::TokenInvalid => "error-token-invalid",
            LearningError::Forbidden => "error-forbidden",
            LearningError::NotFound => "error-not-found",
            LearningError::Store(_) => "error-internal",
        }
    }

    /// A single-field validation error.
    pub fn field(field: &'static str, key: &'static str) -> Self {
        LearningError::Invalid(vec![FieldError { field, key }])
    }
}
