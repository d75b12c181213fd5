//! Claiming appointments for their reminder. The batch is read with `FOR UPDATE SKIP LOCKED`
//! on PostgreSQL (under `BEGIN IMMEDIATE`'s write lock on SQLite), and each appointment is
//! claimed by `UPDATE … SET reminder_sent_at = now WHERE id = ? AND reminder_sent_at IS NULL`
//! checked for one row, with its e-mail enqueued in the same transaction: two workers never
//! send one reminder twice, and a crash sends none or both.

use crate::appointments::{AppointmentRecord, BENEFICIARY_COLUMNS, BeneficiaryRecord, appointment_select};
use crate::db::{Db, Result};
use crate::outbox::enqueue;
use sea_query::{Expr, ExprTrait, LockBehavior, LockType, Order, Query};
use tremplin_domain::coaching::AppointmentStatus;
use tremplin_domain::coaching::jobs::{AppointmentJobRepo, ReminderMail};

impl AppointmentJobRepo for Db {
    async fn reminder_coach_ids(&self, from: i64, until: i64) -> Result<Vec<i64>> {
        let rows: Vec<(i64,)> = self
            .fetch_all(
                Query::select()
                    .distinct()
                    .column("coach_id")
                    .from("appointments")
                    .and_where(Expr::col("status").eq(AppointmentStatus::Booked.as_str()))
                    .and_where(Expr::col("reminder_sent_at").is_null())
                    .and_where(Expr::col("starts_at").gt(from))
                    .and_where(Expr::col("starts_at").lte(until)),
            )
            .await?;
        Ok(rows.into_iter().map(|(id,)| id).collect())
    }

    async fn claim_reminders(&self, from: i64, until: i64, now: i64, limit: u64, mail: ReminderMail<'_>) -> Result<(usize, usize)> {
        let mut tx = self.begin().await?;
        let rows: Vec<AppointmentRecord> = tx
            .fetch_all(
                appointment_select()
                    .and_where(Expr::col(("appointments", "status")).eq(AppointmentStatus::Booked.as_str()))
                    .and_where(Expr::col(("appointments", "reminder_sent_at")).is_null())
                    .and_where(Expr::col(("appointments", "starts_at")).gt(from))
                    .and_where(Expr::col(("appointments", "starts_at")).lte(until))
                    .order_by(("appointments", "id"), Order::Asc)
                    .limit(limit)
                    .lock_with_behavior(LockType::Update, LockBehavior::SkipLocked),
            )
            .await?;
        let (mut claimed, mut enqueued) = (0, 0);
        for record in rows {
            let appointment = record.into_appointment();
            let changed = tx
                .execute(
                    Query::update()
                        .table("appointments")
                        .value("reminder_sent_at", now)
                        .and_where(Expr::col("id").eq(appointment.id))
                        .and_where(Expr::col("reminder_sent_at").is_null()),
                )
                .await?;
            if changed != 1 {
                // Another worker claimed it between our read and our update.
                continue;
            }
            claimed += 1;
            let person: Option<BeneficiaryRecord> = tx
                .fetch_optional(
                    Query::select()
                        .columns(BENEFICIARY_COLUMNS)
                        .from("beneficiaries")
                        .and_where(Expr::col("id").eq(appointment.beneficiary_id)),
                )
                .await?;
            let Some(person) = person else { continue };
            if let Some(message) = mail(&appointment, &person.into_beneficiary()) {
                enqueue(&mut tx, &message, now).await?;
                enqueued += 1;
            }
        }
        tx.commit().await?;
        Ok((claimed, enqueued))
    }
}
