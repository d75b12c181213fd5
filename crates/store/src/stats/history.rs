//! Reads the dashboard needs besides `StatsRepo`: the whole history of a few metrics (for
//! cumulative figures and targets) and the names of the coaches counted.

use crate::db::{Db, Result};
use sea_query::{Expr, ExprTrait, Query};
use std::collections::BTreeMap;
use tremplin_domain::stats::{Metric, STOCK, StatRow};

/// The rows without a dimension of `metrics` for a territory, every month up to `to`
/// (`YYYY-MM`) included: a few rows per month, whatever the activity.
pub async fn history(db: &Db, territory_id: i64, metrics: &[Metric], to: &str) -> Result<Vec<StatRow>> {
    let rows: Vec<(String, String, String, i64)> = db
        .fetch_all(
            Query::select()
                .columns(["month", "metric", "dim", "value"])
                .from("stat_rollup")
                .and_where(Expr::col("territory_id").eq(territory_id))
                .and_where(Expr::col("metric").is_in(metrics.iter().map(|m| m.as_str()).collect::<Vec<_>>()))
                .and_where(Expr::col("dim").eq(""))
                .and_where(Expr::col("month").lte(to))
                .and_where(Expr::col("month").ne(STOCK))
                .and_where(Expr::col("value").ne(0)),
        )
        .await?;
    let mut rows: Vec<StatRow> = rows.into_iter().map(|(month, metric, dim, value)| StatRow { month, metric, dim, value }).collect();
    rows.sort();
    Ok(rows)
}

/// The `limit` coaches with the most accompaniments in `from..=to` under a territory, each as
/// two rows (accompaniments, minutes) summed over the period and dated at its last month, and
/// how many coaches were active in all. Two grouped reads of `stat_coach_rollup`: a platform of
/// 2,000 coaches does not bring 96,000 rows to the page.
pub async fn top_coaches(db: &Db, territory_id: i64, from: &str, to: &str, limit: usize) -> Result<(Vec<StatRow>, usize)> {
    let sums = async |metric: Metric, coaches: Option<Vec<String>>| -> Result<Vec<(String, i64)>> {
        let mut select = Query::select();
        select
            .column("dim")
            .expr(Expr::cust("CAST(SUM(value) AS BIGINT)"))
            .from("stat_coach_rollup")
            .and_where(Expr::col("territory_id").eq(territory_id))
            .and_where(Expr::col("metric").eq(metric.as_str()))
            .and_where(Expr::col("month").gte(from))
            .and_where(Expr::col("month").lte(to))
            .group_by_col("dim");
        if let Some(coaches) = coaches {
            select.and_where(Expr::col("dim").is_in(coaches));
        }
        db.fetch_all(&select).await
    };
    let mut counts: Vec<(String, i64)> = sums(Metric::CoachAccompaniments, None).await?.into_iter().filter(|(_, n)| *n > 0).collect();
    let active = counts.len();
    counts.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    counts.truncate(limit);
    let shown: Vec<String> = counts.iter().map(|(dim, _)| dim.clone()).collect();
    let minutes = if shown.is_empty() { Vec::new() } else { sums(Metric::CoachMinutes, Some(shown)).await? };
    let row =
        |metric: Metric, (dim, value): (String, i64)| StatRow { month: to.to_owned(), metric: metric.as_str().to_owned(), dim, value };
    let rows = counts
        .into_iter()
        .map(|c| row(Metric::CoachAccompaniments, c))
        .chain(minutes.into_iter().map(|m| row(Metric::CoachMinutes, m)))
        .collect();
    Ok((rows, active))
}

/// Display names of coaches by id.
pub async fn coach_names(db: &Db, ids: &[i64]) -> Result<BTreeMap<i64, String>> {
    if ids.is_empty() {
        return Ok(BTreeMap::new());
    }
    let rows: Vec<(i64, String)> = db
        .fetch_all(Query::select().columns(["id", "display_name"]).from("coaches").and_where(Expr::col("id").is_in(ids.to_vec())))
        .await?;
    Ok(rows.into_iter().collect())
}
