//! Reports of actors. The reporter's limits are counted inside the report's transaction.

use crate::db::{Db, Result};
use sea_query::{Expr, ExprTrait, Order, Query};
use tremplin_domain::ecosystem::reports::{DAILY_REPORTS, OpenReport, ReportReason, ReportRefusal, ReportRepo};

/// Status of a report waiting for a manager.
const OPEN: &str = "open";
/// Status of a report a manager closed.
const CLOSED: &str = "closed";

#[derive(sqlx::FromRow)]
struct OpenReportRecord {
    id: i64,
    actor_slug: String,
    actor_name: String,
    territory_id: i64,
    reason: String,
    details: String,
    created_at: i64,
}

impl ReportRepo for Db {
    async fn create_report(
        &self,
        actor_id: i64,
        reporter_id: i64,
        reason: ReportReason,
        details: &str,
        now: i64,
    ) -> Result<std::result::Result<(), ReportRefusal>> {
        let mut tx = self.begin().await?;
        // Serialises this reporter's reports (PostgreSQL; SQLite holds the write lock).
        let _: Option<(i64,)> = tx
            .fetch_optional(
                Query::select().column("id").from("users").and_where(Expr::col("id").eq(reporter_id)).lock(sea_query::LockType::Update),
            )
            .await?;
        let counted = |select: &mut sea_query::SelectStatement| {
            select.expr(Expr::col("id").count()).from("eco_reports").and_where(Expr::col("reporter_id").eq(reporter_id));
            select.clone()
        };
        let (open,): (i64,) = tx
            .fetch_one(
                &counted(&mut Query::select())
                    .and_where(Expr::col("actor_id").eq(actor_id))
                    .and_where(Expr::col("status").eq(OPEN))
                    .to_owned(),
            )
            .await?;
        if open > 0 {
            return Ok(Err(ReportRefusal::AlreadyOpen));
        }
        let (today,): (i64,) =
            tx.fetch_one(&counted(&mut Query::select()).and_where(Expr::col("created_at").gt(now - 86_400)).to_owned()).await?;
        if today >= DAILY_REPORTS {
            return Ok(Err(ReportRefusal::Daily));
        }
        tx.execute(
            Query::insert()
                .into_table("eco_reports")
                .columns(["actor_id", "reporter_id", "reason", "details", "status", "created_at"])
                .values_panic([actor_id.into(), reporter_id.into(), reason.as_str().into(), details.into(), OPEN.into(), now.into()]),
        )
        .await?;
        tx.commit().await?;
        Ok(Ok(()))
    }

    async fn open_reports(&self, territory_ids: &[i64]) -> Result<Vec<OpenReport>> {
        let records: Vec<OpenReportRecord> = self
            .fetch_all(
                Query::select()
                    .columns([("eco_reports", "id"), ("eco_reports", "reason"), ("eco_reports", "details"), ("eco_reports", "created_at")])
                    .expr_as(Expr::col(("eco_actors", "slug")), "actor_slug")
                    .expr_as(Expr::col(("eco_actors", "name")), "actor_name")
                    .expr_as(Expr::col(("eco_actors", "territory_id")), "territory_id")
                    .from("eco_reports")
                    .inner_join("eco_actors", Expr::col(("eco_actors", "id")).equals(("eco_reports", "actor_id")))
                    .and_where(Expr::col(("eco_reports", "status")).eq(OPEN))
                    .and_where(Expr::col(("eco_actors", "territory_id")).is_in(territory_ids.iter().copied()))
                    .order_by(("eco_reports", "created_at"), Order::Asc)
                    .order_by(("eco_reports", "id"), Order::Asc),
            )
            .await?;
        Ok(records
            .into_iter()
            .map(|r| OpenReport {
                id: r.id,
                actor_slug: r.actor_slug,
                actor_name: r.actor_name,
                territory_id: r.territory_id,
                reason: ReportReason::parse(&r.reason).unwrap_or(ReportReason::Other),
                details: r.details,
                created_at: r.created_at,
            })
            .collect())
    }

    async fn close_report(&self, id: i64, by: i64, now: i64) -> Result<bool> {
        let changed = self
            .execute(
                Query::update()
                    .table("eco_reports")
                    .value("status", CLOSED)
                    .value("handled_by", by)
                    .value("handled_at", now)
                    .and_where(Expr::col("id").eq(id))
                    .and_where(Expr::col("status").eq(OPEN)),
            )
            .await?;
        Ok(changed == 1)
    }
}
