//! Changing a session's fields and trainers (capacity excepted: see `registrations.rs`), and
//! telling its registrants when the time or place moved, in the same transaction.

use crate::db::{Db, Result};
use crate::events::{editable_values, replace_trainers};
use crate::outbox::enqueue;
use sea_query::{Expr, ExprTrait, Order, Query};
use tremplin_domain::events::editing::{ChangeMail, EventEditRepo, ToTell};
use tremplin_domain::events::{NewEvent, RegistrationStatus};

impl EventEditRepo for Db {
    async fn update_event(&self, event_id: i64, changes: &NewEvent, now: i64, notify: Option<ChangeMail<'_>>) -> Result<usize> {
        let mut update = Query::update();
        update.table("events").and_where(Expr::col("id").eq(event_id));
        for (column, value) in editable_values(changes, now) {
            update.value(column, value);
        }
        if notify.is_some() {
            update.value("sequence", Expr::col("sequence").add(1));
        }
        let mut tx = self.begin().await?;
        // The update locks the row first: registrations and cancellations of this session wait,
        // so the list read below is the one the change applies to.
        tx.execute(&update).await?;
        replace_trainers(&mut tx, event_id, &changes.trainer_ids).await?;
        let mut told = 0;
        if let Some(build) = notify {
            let (sequence,): (i64,) =
                tx.fetch_one(Query::select().column("sequence").from("events").and_where(Expr::col("id").eq(event_id))).await?;
            let rows: Vec<(String, String, Option<String>, String, String)> = tx
                .fetch_all(
                    Query::select()
                        .columns(["public_id", "secret", "email", "locale", "status"])
                        .from("registrations")
                        .and_where(Expr::col("event_id").eq(event_id))
                        .and_where(
                            Expr::col("status").is_in([RegistrationStatus::Confirmed.as_str(), RegistrationStatus::Waitlisted.as_str()]),
                        )
                        .order_by("id", Order::Asc),
                )
                .await?;
            let mut waiting = 0;
            for (public_id, secret, email, locale, status) in rows {
                let status = RegistrationStatus::parse(&status);
                // Positions counted over everyone waiting, with or without an e-mail.
                let position = (status == RegistrationStatus::Waitlisted).then(|| {
                    waiting += 1;
                    waiting
                });
                let Some(email) = email.filter(|e| !e.is_empty()) else { continue };
                let person = ToTell { public_id, secret, email, locale, status, position };
                if let Some(message) = build(&person, sequence) {
                    enqueue(&mut tx, &message, now).await?;
                    told += 1;
                }
            }
        }
        tx.commit().await?;
        Ok(told)
    }
}
