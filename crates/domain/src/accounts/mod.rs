//! Accounts, login by password or e-mailed link, password reset, roles per territory.

pub mod commands;
pub mod error;
pub mod model;
pub mod policy;
pub mod repo;
#[cfg(test)]
pub(crate) mod test_support;

pub use commands::*;
pub use error::{AccountError, FieldError};
pub use model::*;
pub use repo::{AccountRepo, EmailTaken, TokenState};
