//! Reads the dashboard needs besides `StatsRepo`: the whole history of a few metrics (for
//! cumulative figures and targets) and the names of the coaches counted.

use crate::db::{Db, Result};
use sea_query::{Expr, ExprTrait, Order, Query};
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
                .and_where(Expr::col("value").ne(0))
                .order_by("month", Order::Asc)
                .order_by("metric", Order::Asc),
        )
        .await?;
    Ok(rows.into_iter().map(|(month, metric, dim, value)| StatRow { month, metric, dim, value }).collect())
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
