//! Workshops and large events: sessions with their capacity, registration without an
//! account, the waitlist, the links a registrant receives, check-in and the survey.

pub mod attendance;
pub mod cancelling;
pub mod commands;
pub mod editing;
pub mod error;
pub mod jobs;
pub mod mail;
pub mod model;
pub mod policy;
pub mod programmes;
pub mod repo;
pub mod survey;
pub mod tokens;

pub use error::EventError;
pub use model::*;
pub use repo::{CancelOutcome, CapacityOutcome, EventFilter, EventRepo, RegistrationRepo};
