//! Changes to an appointment after booking (cancel, move), the coach's agenda and the key of
//! their private feed. A move is decided like a booking: under the coach's row lock, the
//! appointment first steps out of the booked ones (so that its own slot and buffer do not
//! stand in its way), the new slot is checked with the same `slot_is_free`, and the row takes
//! its new times — or the transaction rolls back and nothing moved.

use crate::appointments::{AppointmentRecord, BENEFICIARY_COLUMNS, BeneficiaryRecord, appointment_select, lock_coach, slot_is_free};
use crate::db::{Db, Result, Tx};
use crate::outbox::enqueue_all;
use sea_query::{Expr, ExprTrait, Order, Query};
use std::collections::HashMap;
use tremplin_domain::coaching::mail::CancelledBy;
use tremplin_domain::coaching::manage::{AppointmentManageRepo, MoveOutcome};
use tremplin_domain::coaching::repo::BookingMail;
use tremplin_domain::coaching::{Appointment, AppointmentStatus, Beneficiary, Slot};

/// Status an appointment holds for the moment of a move (never committed).
const MOVING: &str = "moving";

/// An appointment and its person, read inside a transaction.
async fn appointment_and_person(tx: &mut Tx, appointment_id: i64) -> Result<(Appointment, Beneficiary)> {
    let record: AppointmentRecord =
        tx.fetch_one(appointment_select().and_where(Expr::col(("appointments", "id")).eq(appointment_id))).await?;
    let appointment = record.into_appointment();
    let person: BeneficiaryRecord = tx
        .fetch_one(
            Query::select().columns(BENEFICIARY_COLUMNS).from("beneficiaries").and_where(Expr::col("id").eq(appointment.beneficiary_id)),
        )
        .await?;
    Ok((appointment, person.into_beneficiary()))
}

impl AppointmentManageRepo for Db {
    async fn cancel_appointment(
        &self,
        appointment_id: i64,
        by: CancelledBy,
        now: i64,
        mail: BookingMail<'_>,
    ) -> Result<Option<Appointment>> {
        let mut tx = self.begin().await?;
        // Only a booked appointment not started yet: two cancellations at once change one row.
        let changed = tx
            .execute(
                Query::update()
                    .table("appointments")
                    .value("status", AppointmentStatus::Cancelled.as_str())
                    .value("cancelled_at", now)
                    .value("cancelled_by", by.as_str())
                    .value("sequence", Expr::col("sequence").add(1))
                    .and_where(Expr::col("id").eq(appointment_id))
                    .and_where(Expr::col("status").eq(AppointmentStatus::Booked.as_str()))
                    .and_where(Expr::col("starts_at").gt(now)),
            )
            .await?;
        if changed != 1 {
            return Ok(None);
        }
        let (appointment, person) = appointment_and_person(&mut tx, appointment_id).await?;
        enqueue_all(&mut tx, &mail(&appointment, &person), now).await?;
        tx.commit().await?;
        Ok(Some(appointment))
    }

    async fn move_appointment(&self, appointment_id: i64, slot: Slot, now: i64, mail: BookingMail<'_>) -> Result<MoveOutcome> {
        let mut tx = self.begin().await?;
        let current: Option<(i64,)> = tx
            .fetch_optional(Query::select().column("coach_id").from("appointments").and_where(Expr::col("id").eq(appointment_id)))
            .await?;
        let Some((coach_id,)) = current else { return Ok(MoveOutcome::Closed) };
        let Some((_, rules)) = lock_coach(&mut tx, coach_id).await? else { return Ok(MoveOutcome::SlotTaken) };
        // Under the lock: still booked and not started, it steps out of the booked ones.
        let stepped_out = tx
            .execute(
                Query::update()
                    .table("appointments")
                    .value("status", MOVING)
                    .and_where(Expr::col("id").eq(appointment_id))
                    .and_where(Expr::col("status").eq(AppointmentStatus::Booked.as_str()))
                    .and_where(Expr::col("starts_at").gt(now)),
            )
            .await?;
        if stepped_out != 1 {
            return Ok(MoveOutcome::Closed);
        }
        if !slot_is_free(&mut tx, coach_id, rules, slot, now).await? {
            // Dropping the transaction rolls the step out back.
            return Ok(MoveOutcome::SlotTaken);
        }
        tx.execute(
            Query::update()
                .table("appointments")
                .value("status", AppointmentStatus::Booked.as_str())
                .value("starts_at", slot.starts_at)
                .value("ends_at", slot.ends_at)
                .value("sequence", Expr::col("sequence").add(1))
                .value("reminder_sent_at", Option::<i64>::None)
                .and_where(Expr::col("id").eq(appointment_id)),
        )
        .await?;
        let (appointment, person) = appointment_and_person(&mut tx, appointment_id).await?;
        enqueue_all(&mut tx, &mail(&appointment, &person), now).await?;
        tx.commit().await?;
        Ok(MoveOutcome::Moved(Box::new((appointment, person))))
    }

    async fn coach_appointments(&self, coach_id: i64, from: i64, until: i64) -> Result<Vec<(Appointment, Beneficiary)>> {
        let records: Vec<AppointmentRecord> = self
            .fetch_all(
                appointment_select()
                    .and_where(Expr::col(("appointments", "coach_id")).eq(coach_id))
                    .and_where(Expr::col(("appointments", "starts_at")).gte(from))
                    .and_where(Expr::col(("appointments", "starts_at")).lt(until))
                    .order_by(("appointments", "starts_at"), Order::Asc)
                    .order_by(("appointments", "id"), Order::Asc),
            )
            .await?;
        let appointments: Vec<Appointment> = records.into_iter().map(AppointmentRecord::into_appointment).collect();
        let mut ids: Vec<i64> = appointments.iter().map(|a| a.beneficiary_id).collect();
        ids.sort_unstable();
        ids.dedup();
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let people: Vec<BeneficiaryRecord> = self
            .fetch_all(Query::select().columns(BENEFICIARY_COLUMNS).from("beneficiaries").and_where(Expr::col("id").is_in(ids)))
            .await?;
        let people: HashMap<i64, Beneficiary> = people.into_iter().map(|p| p.into_beneficiary()).map(|p| (p.id, p)).collect();
        Ok(appointments.into_iter().filter_map(|a| people.get(&a.beneficiary_id).cloned().map(|p| (a, p))).collect())
    }

    async fn cancelled_by(&self, appointment_ids: &[i64]) -> Result<HashMap<i64, String>> {
        if appointment_ids.is_empty() {
            return Ok(HashMap::new());
        }
        let rows: Vec<(i64, Option<String>)> = self
            .fetch_all(
                Query::select()
                    .columns(["id", "cancelled_by"])
                    .from("appointments")
                    .and_where(Expr::col("id").is_in(appointment_ids.iter().copied())),
            )
            .await?;
        Ok(rows.into_iter().filter_map(|(id, by)| by.map(|by| (id, by))).collect())
    }

    async fn set_feed_secret(&self, coach_id: i64, secret: &str, now: i64) -> Result<()> {
        self.execute(
            Query::update().table("coaches").value("feed_secret", secret).value("updated_at", now).and_where(Expr::col("id").eq(coach_id)),
        )
        .await?;
        Ok(())
    }
}
