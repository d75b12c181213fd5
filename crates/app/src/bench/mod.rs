//! Benchmarks, run on demand (`tremplin bench …`); their figures go to docs/PERFORMANCE.md.

pub mod bookings;
pub mod directory;
pub mod registrations;

pub use directory::{Options, directory};

use std::time::Duration;

/// The `p` quantile (0–1) of sorted durations, in milliseconds.
pub(crate) fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index].as_secs_f64() * 1000.0
}
