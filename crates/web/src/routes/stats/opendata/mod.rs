//! Public statistics as open data: `/donnees/statistiques` (tables and their CSV) and `GET
//! /api/v1/stats` (JSON). Both read the precomputed aggregates (settled first) and show only
//! what `tremplin_domain::stats::disclosure` lets the public see.

pub mod api;
pub mod page;
pub mod tables;

use crate::state::AppState;
use axum::Router;
use axum::routing::get;
use std::collections::BTreeMap;
use tremplin_domain::StoreResult;
use tremplin_domain::stats::disclosure::{PublicMonth, publish, publish_stock};
use tremplin_domain::stats::{ALL_TERRITORIES, Month, StatRow, StatsRepo};
use tremplin_domain::territories::Territory;

/// Licence of the statistics dataset.
pub const LICENCE_ID: &str = "etalab-2.0";
/// Its text.
pub const LICENCE_URL: &str = "https://www.etalab.gouv.fr/licence-ouverte-open-licence";
/// At most this many months in one answer (ten years).
pub const MAX_MONTHS: i32 = 120;
/// Months shown by default: the last twelve, the current one included.
pub const DEFAULT_MONTHS: i32 = 12;

/// Routes of the open statistics.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/donnees/statistiques", get(page::show))
        .route("/donnees/statistiques.csv", get(page::csv))
        .route("/api/v1/stats", get(api::stats))
}

/// A period of whole months, `from..=to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    /// First month.
    pub from: Month,
    /// Last month.
    pub to: Month,
}

impl Period {
    /// The period asked for (empty values take the default: the twelve months ending with the
    /// current one), or the Fluent key of what is wrong.
    pub fn parse(from: Option<&str>, to: Option<&str>, now: i64) -> Result<Period, &'static str> {
        fn given(v: Option<&str>) -> Option<&str> {
            v.map(str::trim).filter(|v| !v.is_empty())
        }
        let month = |v: &str| Month::parse(v).ok_or("stats-open-error-month");
        let to = match given(to) {
            Some(v) => month(v)?,
            None => Month::of(now),
        };
        let from = match given(from) {
            Some(v) => month(v)?,
            None => to.plus(1 - DEFAULT_MONTHS),
        };
        if from > to {
            return Err("stats-open-error-reversed");
        }
        if from.months_until(to) >= MAX_MONTHS {
            return Err("stats-open-error-too-long");
        }
        Ok(Period { from, to })
    }

    /// Every month of the period, in order.
    pub fn months(self) -> impl Iterator<Item = Month> {
        (0..=self.from.months_until(self.to)).map(move |n| self.from.plus(n))
    }
}

/// What the public sees of a territory (or of the whole platform) over a period.
#[derive(Debug, Clone)]
pub struct Published {
    /// The territory; none for the whole platform.
    pub territory: Option<Territory>,
    /// The period.
    pub period: Period,
    /// Each month of the period, empty ones included.
    pub months: Vec<(Month, PublicMonth)>,
    /// The directory as it is now.
    pub stock: PublicMonth,
}

/// Brings the aggregates up to date, then reads and filters them.
pub async fn load(state: &AppState, territory: Option<Territory>, period: Period) -> StoreResult<Published> {
    tremplin_store::stats::settle(&state.db, state.clock.now_ts()).await?;
    let id = territory.as_ref().map_or(ALL_TERRITORIES, |t| t.id);
    let mut by_month: BTreeMap<String, Vec<StatRow>> = BTreeMap::new();
    for row in state.db.stat_rows(id, &period.from.to_string(), &period.to.to_string()).await? {
        by_month.entry(row.month.clone()).or_default().push(row);
    }
    let months = period.months().map(|month| (month, publish(by_month.get(&month.to_string()).map_or(&[][..], Vec::as_slice)))).collect();
    let stock = publish_stock(&state.db.stock_rows(id).await?);
    Ok(Published { territory, period, months, stock })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_default_and_are_checked() {
        // 2026-11-26 12:00 UTC.
        let now = 1_795_694_400;
        let default = Period::parse(None, Some(""), now).expect("default");
        assert_eq!((default.from.to_string(), default.to.to_string()), ("2025-12".into(), "2026-11".into()));
        assert_eq!(default.months().count(), 12);
        assert_eq!(Period::parse(Some("2026-13"), None, now), Err("stats-open-error-month"));
        assert_eq!(Period::parse(Some("2026-05"), Some("2026-04"), now), Err("stats-open-error-reversed"));
        assert_eq!(Period::parse(Some("2016-01"), Some("2025-12"), now).map(|p| p.months().count()), Ok(120));
        assert_eq!(Period::parse(Some("2015-12"), Some("2025-12"), now), Err("stats-open-error-too-long"));
    }
}
