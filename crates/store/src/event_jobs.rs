//! Claiming registrations for the workshop jobs (reminders, survey invitations). The batch
//! is read with `FOR UPDATE SKIP LOCKED` on PostgreSQL (under `BEGIN IMMEDIATE`'s write lock
//! on SQLite), and each registration is claimed by `UPDATE … SET <column> = now WHERE id = ?
//! AND <column> IS NULL` checked for one row, with its e-mail enqueued in the same
//! transaction: two workers never send one message twice, and a crash sends none or both.

use crate::db::{Db, Result};
use crate::outbox::enqueue;
use sea_query::{Expr, ExprTrait, LockBehavior, LockType, Order, Query};
use std::collections::HashMap;
use tremplin_domain::events::jobs::{EventJob, EventJobRepo, JobMail, JobRecipient};
use tremplin_domain::events::{Event, RegistrationStatus};

/// A registration due for a job.
#[derive(sqlx::FromRow)]
struct Due {
    id: i64,
    event_id: i64,
    public_id: String,
    secret: String,
    email: Option<String>,
    locale: String,
    confirmed_at: Option<i64>,
}

/// The column that records a job's message.
fn sent_column(job: EventJob) -> &'static str {
    match job {
        EventJob::Reminder => "reminder_sent_at",
        EventJob::Survey => "survey_sent_at",
    }
}

impl EventJobRepo for Db {
    async fn claim_job(&self, job: EventJob, events: &[Event], now: i64, limit: u64, mail: JobMail<'_>) -> Result<(usize, usize)> {
        if events.is_empty() {
            return Ok((0, 0));
        }
        let by_id: HashMap<i64, &Event> = events.iter().map(|e| (e.id, e)).collect();
        let column = sent_column(job);
        let mut select = Query::select();
        select
            .columns(["id", "event_id", "public_id", "secret", "email", "locale", "confirmed_at"])
            .from("registrations")
            .and_where(Expr::col("event_id").is_in(by_id.keys().copied()))
            .and_where(Expr::col("status").eq(RegistrationStatus::Confirmed.as_str()))
            .and_where(Expr::col("email").is_not_null())
            .and_where(Expr::col(column).is_null())
            .order_by("id", Order::Asc)
            .limit(limit)
            .lock_with_behavior(LockType::Update, LockBehavior::SkipLocked);
        if job == EventJob::Survey {
            select.and_where(Expr::col("checked_in_at").is_not_null());
        }
        let mut tx = self.begin().await?;
        let rows: Vec<Due> = tx.fetch_all(&select).await?;
        let (mut claimed, mut enqueued) = (0, 0);
        for Due { id, event_id, public_id, secret, email, locale, confirmed_at } in rows {
            let changed = tx
                .execute(
                    Query::update()
                        .table("registrations")
                        .value(column, now)
                        .and_where(Expr::col("id").eq(id))
                        .and_where(Expr::col(column).is_null()),
                )
                .await?;
            if changed != 1 {
                // Another worker claimed it between our read and our update.
                continue;
            }
            claimed += 1;
            let (Some(event), Some(email)) = (by_id.get(&event_id), email) else { continue };
            if let Some(message) = mail(event, &JobRecipient { public_id, secret, email, locale, confirmed_at }) {
                enqueue(&mut tx, &message, now).await?;
                enqueued += 1;
            }
        }
        tx.commit().await?;
        Ok((claimed, enqueued))
    }
}
