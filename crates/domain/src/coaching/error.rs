//! Why a coaching use case refused. Each variant's `key` is a translation key.

use crate::StoreError;
use crate::accounts::FieldError;

/// The closed set of refusals of the coaching domain.
#[derive(Debug, thiserror::Error)]
pub enum CoachingError {
    /// Some fields are invalid.
    #[error("invalid input")]
    Invalid(Vec<FieldError>),
    /// The slot was taken meanwhile, or is no longer offered.
    #[error("slot taken")]
    SlotTaken,
    /// The coach takes no appointment (profile inactive).
    #[error("coach not bookable")]
    NotBookable,
    /// The appointment can no longer be changed (it started, or was cancelled).
    #[error("appointment closed")]
    AppointmentClosed,
    /// The link is unknown or wrong.
    #[error("token invalid")]
    TokenInvalid,
    /// The acting user may not do this.
    #[error("forbidden")]
    Forbidden,
    /// No such coach, appointment or beneficiary.
    #[error("not found")]
    NotFound,
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl CoachingError {
    /// Translation key of the message shown to the user.
    pub fn key(&self) -> &'static str {
        match self {
            CoachingError::Invalid(_) => "error-invalid-form",
            CoachingError::SlotTaken => "coach-error-slot-taken",
            CoachingError::NotBookable => "coach-error-not-bookable",
            CoachingError::AppointmentClosed => "coach-error-appointment-closed",
            CoachingError::TokenInvalid => "error-token-invalid",
            CoachingError::Forbidden => "error-forbidden",
            CoachingError::NotFound => "error-not-found",
            CoachingError::Store(_) => "error-internal",
        }
    }

    /// A single-field validation error.
    pub fn field(field: &'static str, key: &'static str) -> Self {
        CoachingError::Invalid(vec![FieldError { field, key }])
    }
}
