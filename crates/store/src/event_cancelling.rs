//! Calling off a session: the status changes only if it was scheduled (one conditional
//! UPDATE, so two staff calling it off at once tell people once), and the e-mails to every
//! confirmed or waitlisted registrant are enqueued in the same transaction. Seats are no
//! longer taken afterwards: `take_seat` and the SQLite batch look at the status too.

use crate::db::{Db, Result};
use crate::outbox::enqueue;
use sea_query::{Expr, ExprTrait, Order, Query};
use tremplin_domain::events::cancelling::{CancelledMail, CancelledRecipient, EventCancellingRepo};
use tremplin_domain::events::{Event, EventStatus, RegistrationStatus};

impl EventCancellingRepo for Db {
    async fn call_off_event(&self, event: &Event, reason: &str, now: i64, mail: CancelledMail<'_>) -> Result<Option<usize>> {
        let mut tx = self.begin().await?;
        let changed = tx
            .execute(
                Query::update()
                    .table("events")
                    .value("status", EventStatus::Cancelled.as_str())
                    .value("cancel_reason", reason)
                    .value("cancelled_at", now)
                    // A new revision of the session for calendars (see `editing.rs`).
                    .value("sequence", Expr::col("sequence").add(1))
                    .value("updated_at", now)
                    .and_where(Expr::col("id").eq(event.id))
                    .and_where(Expr::col("status").eq(EventStatus::Scheduled.as_str())),
            )
            .await?;
        if changed != 1 {
            return Ok(None);
        }
        // Read after the update: on PostgreSQL the row lock it took makes any registration
        // committing now either visible here or unable to take a seat.
        let rows: Vec<(String, String, String, String, String)> = tx
            .fetch_all(
                Query::select()
                    .columns(["public_id", "secret", "email", "locale", "status"])
                    .from("registrations")
                    .and_where(Expr::col("event_id").eq(event.id))
                    .and_where(Expr::col("status").is_in([RegistrationStatus::Confirmed.as_str(), RegistrationStatus::Waitlisted.as_str()]))
                    .and_where(Expr::col("email").is_not_null())
                    .order_by("id", Order::Asc),
            )
            .await?;
        let mut told = 0;
        for (public_id, secret, email, locale, status) in rows {
            let recipient = CancelledRecipient { public_id, secret, email, locale, status: RegistrationStatus::parse(&status) };
            if let Some(message) = mail(event, &recipient) {
                enqueue(&mut tx, &message, now).await?;
                told += 1;
            }
        }
        tx.commit().await?;
        Ok(Some(told))
    }

    async fn cancel_reason(&self, event_id: i64) -> Result<String> {
        let row: Option<(String,)> =
            self.fetch_optional(Query::select().column("cancel_reason").from("events").and_where(Expr::col("id").eq(event_id))).await?;
        Ok(row.map(|(r,)| r).unwrap_or_default())
    }
}
