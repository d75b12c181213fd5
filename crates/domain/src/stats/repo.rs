//! What the statistics need from the store.

use super::targets::{Target, TargetInput};
use crate::StoreResult;
use std::future::Future;

/// One aggregate: a metric, split by `dim` (empty when not split), in a month (`YYYY-MM`, or
/// [`super::STOCK`]), for a territory and everything under it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct StatRow {
    /// `YYYY-MM` or `stock`.
    pub month: String,
    /// [`super::Metric`] identifier.
    pub metric: String,
    /// Dimension value (audience, axis, level, coach id) or empty.
    pub dim: String,
    /// The count or sum.
    pub value: i64,
}

/// Reads of the precomputed aggregates, and the targets.
pub trait StatsRepo: Send + Sync {
    /// The rows of a territory (rolled up: it and everything under it; [`super::ALL_TERRITORIES`]
    /// for the whole platform) for the months `from..=to` (`YYYY-MM`), in (month, metric, dim)
    /// order, per-coach metrics left out (see `Metric::is_per_coach`). Rows whose value is 0 may
    /// be absent.
    fn stat_rows(&self, territory_id: i64, from: &str, to: &str) -> impl Future<Output = StoreResult<Vec<StatRow>>> + Send;
    /// The stock rows (month `stock`) of a territory, rolled up.
    fn stock_rows(&self, territory_id: i64) -> impl Future<Output = StoreResult<Vec<StatRow>>> + Send;
    /// A territory's targets (its own, not inherited), by end date.
    fn targets(&self, territory_id: i64) -> impl Future<Output = StoreResult<Vec<Target>>> + Send;
    /// Adds a target, or replaces the one with the same indicator and end date.
    fn save_target(
        &self,
        territory_id: i64,
        input: &TargetInput,
        by_user: i64,
        now: i64,
    ) -> impl Future<Output = StoreResult<Target>> + Send;
    /// Deletes a target of this territory; false when there was none.
    fn delete_target(&self, territory_id: i64, target_id: i64) -> impl Future<Output = StoreResult<bool>> + Send;
}
