//! Tremplin's use cases and rules, one folder per domain. Nothing here knows HTTP or SQL:
//! each domain declares the store trait it needs (`repo.rs`) and the web layer calls its
//! commands with the acting user and territory.

#[macro_use]
mod macros;

pub mod accounts;
pub mod coaching;
pub mod directory;
pub mod ecosystem;
pub mod events;
pub mod learning;
pub mod notifications;
pub mod privacy;
pub mod stats;
pub mod territories;

/// A failure of the store, opaque to the domain (logged, shown as a 500).
#[derive(Debug, thiserror::Error)]
#[error("store: {0}")]
pub struct StoreError(pub String);

/// Result of a store call.
pub type StoreResult<T> = Result<T, StoreError>;
