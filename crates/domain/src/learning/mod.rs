//! Learning: the digital-maturity diagnostic, the module catalogue, module completions with
//! their evidence, and the digital passport issued when a territory's path is complete.
//!
//! Completions come from three sources (a workshop attended, a coach's validation in an
//! accompaniment record, a module's quiz passed); each records its evidence. Whoever records
//! a completion goes through the store's one completion use case, which issues the passport
//! in the same transaction when the path becomes complete (exactly once, see `repo`).

pub mod catalogue;
pub mod credentials;
pub mod diagnostic;
pub mod error;
pub mod evidence;
pub mod mail;
pub mod model;
pub mod passport_policy;
pub mod path;
pub mod quiz;
pub mod repo;
pub mod steering;
pub mod tokens;

pub use error::LearningError;
pub use model::*;
pub use repo::{CompletionOutcome, LearningRepo};
