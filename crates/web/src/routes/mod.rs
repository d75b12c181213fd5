//! Handlers, one file per action, grouped by domain.

pub mod accounts;
pub mod api;
pub mod assets;
pub mod coaching;
pub mod directory;
pub mod ecosystem;
pub mod events;
pub mod home;
pub mod learning;
pub mod opendata;
pub mod ops;
pub mod places;
pub mod privacy;
pub mod stats;
pub mod territories;
