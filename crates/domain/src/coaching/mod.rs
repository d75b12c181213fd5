//! Coaches and accompaniment: coach profiles with their availability, free slots in
//! Europe/Paris time, booking without an account (no double booking), and the record a
//! coach writes after each appointment, gathered in each beneficiary's follow-up.

pub mod activity;
pub mod commands;
pub mod error;
pub mod finder;
pub mod follow_up;
pub mod jobs;
pub mod mail;
pub mod manage;
pub mod model;
pub mod policy;
pub mod records;
pub mod records_policy;
pub mod repo;
pub mod slots;
pub mod tokens;

pub use error::CoachingError;
pub use model::*;
pub use repo::{AppointmentRepo, BookOutcome, CoachFilter, CoachRepo};
