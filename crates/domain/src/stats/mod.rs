//! Steering statistics: what the activity adds up to, per territory and month, rolled up the
//! territory tree (commune → intercommunality → department → region → the whole platform).
//!
//! The store keeps the aggregates exact and current (`tremplin_store::stats`); this module
//! names what is counted ([`Metric`]), the months ([`Month`]) and the targets managers set
//! ([`targets`]).

pub mod dashboard;
pub mod disclosure;
pub mod metrics;
pub mod month;
pub mod repo;
pub mod targets;

pub use metrics::Metric;
pub use month::Month;
pub use repo::{StatRow, StatsRepo};

/// The territory id under which the whole platform's figures are kept.
pub const ALL_TERRITORIES: i64 = 0;

/// The month of rows that count what exists now rather than what happened in a month
/// (directory coverage).
pub const STOCK: &str = "stock";
