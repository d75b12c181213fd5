//! The counts behind the managers' coaching statistics, each one query grouped in SQL on
//! both engines. Sums are cast to BIGINT: PostgreSQL would answer NUMERIC for sums of BIGINT.

use crate::coaches::split_list;
use crate::db::{Db, Result};
use sea_query::{Expr, ExprTrait, Query, SelectStatement};
use std::collections::HashMap;
use tremplin_domain::coaching::activity::{ActivityRepo, AppointmentCounts, RecordCounts};

/// `CAST(COALESCE(SUM(CASE WHEN {condition} THEN {value} ELSE 0 END), 0) AS BIGINT)`.
fn sum_when(condition: &str, value: &str) -> Expr {
    Expr::cust(format!("CAST(COALESCE(SUM(CASE WHEN {condition} THEN {value} ELSE 0 END), 0) AS BIGINT)"))
}

/// Appointments of the coaches of these territories starting in `[from, until)`, with their
/// record if any; callers add the columns.
fn appointments_in(territory_ids: &[i64], from: i64, until: i64) -> SelectStatement {
    Query::select()
        .from("appointments")
        .inner_join("coaches", Expr::col(("coaches", "id")).equals(("appointments", "coach_id")))
        .left_join("accompaniments", Expr::col(("accompaniments", "appointment_id")).equals(("appointments", "id")))
        .and_where(Expr::col(("coaches", "territory_id")).is_in(territory_ids.iter().copied()))
        .and_where(Expr::col(("appointments", "starts_at")).gte(from))
        .and_where(Expr::col(("appointments", "starts_at")).lt(until))
        .to_owned()
}

#[derive(sqlx::FromRow)]
struct AppointmentCountRow {
    coach_id: i64,
    booked: i64,
    cancelled: i64,
    held: i64,
    no_shows: i64,
    beneficiaries: i64,
    booked_seconds: i64,
}

impl ActivityRepo for Db {
    async fn appointment_counts(&self, territory_ids: &[i64], from: i64, until: i64, now: i64) -> Result<HashMap<i64, AppointmentCounts>> {
        let live = "appointments.status = 'booked'";
        // Held: started, not cancelled, and not recorded as missed (a record not written yet
        // counts as held: the coach saw the person unless they say otherwise).
        let held =
            format!("{live} AND appointments.starts_at < {now} AND (accompaniments.no_show IS NULL OR accompaniments.no_show = FALSE)");
        let rows: Vec<AppointmentCountRow> = self
            .fetch_all(
                appointments_in(territory_ids, from, until)
                    .column(("appointments", "coach_id"))
                    .expr_as(Expr::cust("CAST(COUNT(*) AS BIGINT)"), "booked")
                    .expr_as(sum_when("appointments.status = 'cancelled'", "1"), "cancelled")
                    .expr_as(sum_when(&held, "1"), "held")
                    .expr_as(sum_when(&format!("{live} AND accompaniments.no_show = TRUE"), "1"), "no_shows")
                    .expr_as(
                        Expr::cust(format!("CAST(COUNT(DISTINCT CASE WHEN {live} THEN appointments.beneficiary_id END) AS BIGINT)")),
                        "beneficiaries",
                    )
                    .expr_as(sum_when(live, "appointments.ends_at - appointments.starts_at"), "booked_seconds")
                    .group_by_col(("appointments", "coach_id")),
            )
            .await?;
        Ok(rows
            .into_iter()
            .map(|r| {
                let counts = AppointmentCounts {
                    booked: r.booked,
                    cancelled: r.cancelled,
                    held: r.held,
                    no_shows: r.no_shows,
                    beneficiaries: r.beneficiaries,
                    booked_minutes: r.booked_seconds / 60,
                };
                (r.coach_id, counts)
            })
            .collect())
    }

    async fn record_counts(&self, territory_ids: &[i64], from: i64, until: i64) -> Result<HashMap<i64, RecordCounts>> {
        let rows: Vec<(i64, i64, i64)> = self
            .fetch_all(
                Query::select()
                    .column(("accompaniments", "coach_id"))
                    .expr(Expr::cust("CAST(COUNT(*) AS BIGINT)"))
                    .expr(sum_when("accompaniments.no_show = FALSE", "accompaniments.duration_minutes"))
                    .from("accompaniments")
                    .inner_join("coaches", Expr::col(("coaches", "id")).equals(("accompaniments", "coach_id")))
                    .and_where(Expr::col(("coaches", "territory_id")).is_in(territory_ids.iter().copied()))
                    .and_where(Expr::col(("accompaniments", "occurred_at")).gte(from))
                    .and_where(Expr::col(("accompaniments", "occurred_at")).lt(until))
                    .group_by_col(("accompaniments", "coach_id")),
            )
            .await?;
        Ok(rows.into_iter().map(|(coach_id, records, minutes)| (coach_id, RecordCounts { records, minutes })).collect())
    }

    async fn theme_counts(&self, territory_ids: &[i64], themes: &[&str], from: i64, until: i64) -> Result<Vec<(String, i64)>> {
        // One scan grouped by the stored `a|b` lists (a few dozen combinations), then each
        // combination's count goes to each of its themes.
        let combinations: Vec<(String, i64)> = self
            .fetch_all(
                appointments_in(territory_ids, from, until)
                    .column(("appointments", "themes"))
                    .expr(Expr::cust("CAST(COUNT(*) AS BIGINT)"))
                    .and_where(Expr::col(("appointments", "status")).eq("booked"))
                    .group_by_col(("appointments", "themes")),
            )
            .await?;
        let mut counts: Vec<(String, i64)> = themes.iter().map(|t| ((*t).to_owned(), 0)).collect();
        for (combination, n) in combinations {
            for theme in split_list(&combination) {
                if let Some(count) = counts.iter_mut().find(|(t, _)| *t == theme) {
                    count.1 += n;
                }
            }
        }
        Ok(counts)
    }

    async fn first_booking_delays(&self, territory_ids: &[i64], from: i64, until: i64) -> Result<Vec<i64>> {
        // A beneficiary's first booking is its first appointment row (ids grow with time):
        // no appointment of theirs has a smaller id.
        let first = "NOT EXISTS (SELECT 1 FROM appointments earlier WHERE earlier.beneficiary_id = appointments.beneficiary_id \
                     AND earlier.id < appointments.id)";
        let rows: Vec<(i64,)> = self
            .fetch_all(
                Query::select()
                    .expr(Expr::cust("appointments.starts_at - appointments.created_at"))
                    .from("appointments")
                    .inner_join("coaches", Expr::col(("coaches", "id")).equals(("appointments", "coach_id")))
                    .and_where(Expr::col(("coaches", "territory_id")).is_in(territory_ids.iter().copied()))
                    .and_where(Expr::cust(first))
                    .and_where(Expr::col(("appointments", "created_at")).gte(from))
                    .and_where(Expr::col(("appointments", "created_at")).lt(until)),
            )
            .await?;
        Ok(rows.into_iter().map(|(delay,)| delay).collect())
    }
}
