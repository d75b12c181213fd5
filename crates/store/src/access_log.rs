//! The staff access log to personal data (`staff_access_log`, migration 0020): rows written
//! when staff are shown someone's data, read back by the territory's review page.

use crate::db::{Db, Result};
use sea_query::{Expr, ExprTrait, Func, Order, Query, SelectStatement, Value};
use tremplin_domain::privacy::{AccessEntry, AccessFilter, AccessKind, AccessLogRepo, NewAccess};

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    at: i64,
    staff_user_id: i64,
    staff_email: Option<String>,
    subject_user_id: Option<i64>,
    subject_email_hash: Option<String>,
    subject_label: String,
    kind: String,
    territory_id: i64,
    territory_name: Option<String>,
    context: String,
}

/// The rows matching a filter (joined with the staff account, for its address).
fn matching(filter: &AccessFilter) -> SelectStatement {
    let mut select = Query::select();
    select
        .from("staff_access_log")
        .left_join("users", Expr::col(("users", "id")).equals(("staff_access_log", "staff_user_id")))
        .and_where(Expr::col(("staff_access_log", "territory_id")).is_in(filter.territory_ids.iter().copied()));
    if let Some(hash) = &filter.subject_email_hash {
        select.and_where(Expr::col(("staff_access_log", "subject_email_hash")).eq(hash.as_str()));
    }
    if let Some(email) = &filter.staff_email {
        select.and_where(Expr::col(("users", "email")).eq(email.as_str()));
    }
    if let Some(from) = filter.from {
        select.and_where(Expr::col(("staff_access_log", "at")).gte(from));
    }
    if let Some(until) = filter.until {
        select.and_where(Expr::col(("staff_access_log", "at")).lt(until));
    }
    select
}

impl AccessLogRepo for Db {
    async fn record_access(&self, rows: &[NewAccess]) -> Result<()> {
        let values: Vec<[Value; 8]> = rows
            .iter()
            .map(|r| {
                [
                    r.at.into(),
                    r.staff_user_id.into(),
                    r.subject_user_id.into(),
                    r.subject_email_hash.clone().into(),
                    r.subject_label.clone().into(),
                    r.kind.as_str().into(),
                    r.territory_id.into(),
                    r.context.clone().into(),
                ]
            })
            .collect();
        let mut tx = self.begin().await?;
        tx.insert_rows(
            "staff_access_log",
            ["at", "staff_user_id", "subject_user_id", "subject_email_hash", "subject_label", "kind", "territory_id", "context"],
            values,
        )
        .await?;
        tx.commit().await
    }

    async fn access_log(&self, filter: &AccessFilter, offset: u64, limit: u64) -> Result<(Vec<AccessEntry>, u64)> {
        if filter.territory_ids.is_empty() {
            return Ok((Vec::new(), 0));
        }
        let (total,): (i64,) = self.fetch_one(matching(filter).expr(Func::count(Expr::col(("staff_access_log", "id"))))).await?;
        let rows: Vec<Row> = self
            .fetch_all(
                matching(filter)
                    .columns([
                        ("staff_access_log", "id"),
                        ("staff_access_log", "at"),
                        ("staff_access_log", "staff_user_id"),
                        ("staff_access_log", "subject_user_id"),
                        ("staff_access_log", "subject_email_hash"),
                        ("staff_access_log", "subject_label"),
                        ("staff_access_log", "kind"),
                        ("staff_access_log", "territory_id"),
                        ("staff_access_log", "context"),
                    ])
                    .expr_as(Expr::col(("users", "email")), "staff_email")
                    .expr_as(Expr::cust("(SELECT t.name FROM territories t WHERE t.id = staff_access_log.territory_id)"), "territory_name")
                    .order_by(("staff_access_log", "at"), Order::Desc)
                    .order_by(("staff_access_log", "id"), Order::Desc)
                    .limit(limit)
                    .offset(offset),
            )
            .await?;
        let entries = rows
            .into_iter()
            .map(|r| AccessEntry {
                id: r.id,
                at: r.at,
                staff_user_id: r.staff_user_id,
                staff_email: r.staff_email,
                subject_user_id: r.subject_user_id,
                subject_email_hash: r.subject_email_hash,
                subject_label: r.subject_label,
                kind: AccessKind::parse(&r.kind),
                territory_id: r.territory_id,
                territory_name: r.territory_name.unwrap_or_default(),
                context: r.context,
            })
            .collect();
        Ok((entries, u64::try_from(total).unwrap_or(0)))
    }
}
