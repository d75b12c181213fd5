//! Reads of the rolled-up rows, and the targets.

use crate::db::{Db, Result, store_err};
use sea_query::{Expr, ExprTrait, OnConflict, Order, Query};
use tremplin_domain::stats::targets::{Indicator, Target, TargetInput};
use tremplin_domain::stats::{STOCK, StatRow, StatsRepo};

type Row = (String, String, String, i64);

fn to_rows(rows: Vec<Row>) -> Vec<StatRow> {
    rows.into_iter().map(|(month, metric, dim, value)| StatRow { month, metric, dim, value }).collect()
}

const TARGET_COLUMNS: [&str; 6] = ["id", "territory_id", "indicator", "value", "starts_on", "ends_on"];

type TargetRecord = (i64, i64, String, i64, String, String);

fn to_target((id, territory_id, indicator, value, starts_on, ends_on): TargetRecord) -> Result<Target> {
    let day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(store_err);
    Ok(Target {
        id,
        territory_id,
        indicator: Indicator::parse(&indicator).ok_or_else(|| store_err(format!("unknown indicator {indicator}")))?,
        value,
        starts_on: day(&starts_on)?,
        ends_on: day(&ends_on)?,
    })
}

impl StatsRepo for Db {
    async fn stat_rows(&self, territory_id: i64, from: &str, to: &str) -> Result<Vec<StatRow>> {
        let rows: Vec<Row> = self
            .fetch_all(
                Query::select()
                    .columns(["month", "metric", "dim", "value"])
                    .from("stat_rollup")
                    .and_where(Expr::col("territory_id").eq(territory_id))
                    .and_where(Expr::col("month").gte(from))
                    .and_where(Expr::col("month").lte(to))
                    .and_where(Expr::col("month").ne(STOCK))
                    .and_where(Expr::col("value").ne(0)),
            )
            .await?;
        let mut rows = to_rows(rows);
        rows.sort();
        Ok(rows)
    }

    async fn stock_rows(&self, territory_id: i64) -> Result<Vec<StatRow>> {
        let rows: Vec<Row> = self
            .fetch_all(
                Query::select()
                    .columns(["month", "metric", "dim", "value"])
                    .from("stat_rollup")
                    .and_where(Expr::col("territory_id").eq(territory_id))
                    .and_where(Expr::col("month").eq(STOCK))
                    .and_where(Expr::col("value").ne(0))
                    .order_by("metric", Order::Asc)
                    .order_by("dim", Order::Asc),
            )
            .await?;
        Ok(to_rows(rows))
    }

    async fn targets(&self, territory_id: i64) -> Result<Vec<Target>> {
        let rows: Vec<TargetRecord> = self
            .fetch_all(
                Query::select()
                    .columns(TARGET_COLUMNS)
                    .from("stat_targets")
                    .and_where(Expr::col("territory_id").eq(territory_id))
                    .order_by("ends_on", Order::Asc)
                    .order_by("indicator", Order::Asc),
            )
            .await?;
        rows.into_iter().map(to_target).collect()
    }

    async fn save_target(&self, territory_id: i64, input: &TargetInput, by_user: i64, now: i64) -> Result<Target> {
        let ends_on = input.ends_on.format("%Y-%m-%d").to_string();
        self.execute(
            Query::insert()
                .into_table("stat_targets")
                .columns(["territory_id", "indicator", "value", "starts_on", "ends_on", "updated_by", "updated_at"])
                .values_panic([
                    territory_id.into(),
                    input.indicator.as_str().into(),
                    input.value.into(),
                    input.starts_on.format("%Y-%m-%d").to_string().into(),
                    ends_on.clone().into(),
                    by_user.into(),
                    now.into(),
                ])
                .on_conflict(
                    OnConflict::columns(["territory_id", "indicator", "ends_on"])
                        .update_columns(["value", "starts_on", "updated_by", "updated_at"])
                        .to_owned(),
                ),
        )
        .await?;
        let row: TargetRecord = self
            .fetch_one(
                Query::select()
                    .columns(TARGET_COLUMNS)
                    .from("stat_targets")
                    .and_where(Expr::col("territory_id").eq(territory_id))
                    .and_where(Expr::col("indicator").eq(input.indicator.as_str()))
                    .and_where(Expr::col("ends_on").eq(ends_on)),
            )
            .await?;
        to_target(row)
    }

    async fn delete_target(&self, territory_id: i64, target_id: i64) -> Result<bool> {
        let deleted = self
            .execute(
                Query::delete()
                    .from_table("stat_targets")
                    .and_where(Expr::col("territory_id").eq(territory_id))
                    .and_where(Expr::col("id").eq(target_id)),
            )
            .await?;
        Ok(deleted > 0)
    }
}
