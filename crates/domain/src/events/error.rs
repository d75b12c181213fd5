//! Why a workshop use case refused. Each variant's `key` is a translation key.

use crate::StoreError;
use crate::accounts::FieldError;

/// The closed set of refusals of the events domain.
#[derive(Debug, thiserror::Error)]
pub enum EventError {
    /// Some fields are invalid.
    #[error("invalid input")]
    Invalid(Vec<FieldError>),
    /// Registration is not open for this session (not yet, or no more).
    #[error("registration closed")]
    RegistrationClosed,
    /// The session was called off.
    #[error("event cancelled")]
    EventCancelled,
    /// The new capacity is below the number of confirmed people.
    #[error("capacity below confirmed ({0})")]
    BelowConfirmed(i64),
    /// The link is unknown, expired, or for another purpose.
    #[error("token invalid")]
    TokenInvalid,
    /// The acting user may not do this.
    #[error("forbidden")]
    Forbidden,
    /// No such session or registration.
    #[error("not found")]
    NotFound,
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl EventError {
    /// Translation key of the message shown to the user.
    pub fn key(&self) -> &'static str {
        match self {
            EventError::Invalid(_) => "error-invalid-form",
            EventError::RegistrationClosed => "event-error-registration-closed",
            EventError::EventCancelled => "event-error-cancelled",
            EventError::BelowConfirmed(_) => "event-error-below-confirmed",
            EventError::TokenInvalid => "error-token-invalid",
            EventError::Forbidden => "error-forbidden",
            EventError::NotFound => "error-not-found",
            EventError::Store(_) => "error-internal",
        }
    }

    /// A single-field validation error.
    pub fn field(field: &'static str, key: &'static str) -> Self {
        EventError::Invalid(vec![FieldError { field, key }])
    }
}
