//! Claiming due introductions for their reminder or expiry. The batch is read with
//! `FOR UPDATE SKIP LOCKED` on PostgreSQL (under `BEGIN IMMEDIATE`'s write lock on SQLite),
//! and each row is claimed by `UPDATE … WHERE id = ? AND due_at = ? AND status = 'pending'`
//! checked for one row, with its e-mail enqueued in the same transaction: two workers never
//! send one reminder twice, and a crash sends none or both.

use super::introductions::{IntroRecord, intro_select};
use crate::db::{Db, Result};
use crate::outbox::enqueue;
use sea_query::{Expr, ExprTrait, LockBehavior, LockType, Order, Query};
use tremplin_domain::ecosystem::intro_jobs::{IntroJobRepo, Step, mail_of, step_of};
use tremplin_domain::ecosystem::introductions::IntroStatus;

impl IntroJobRepo for Db {
    async fn claim_due_introductions(&self, now: i64, limit: u64) -> Result<(usize, usize)> {
        let mut tx = self.begin().await?;
        let rows: Vec<IntroRecord> = tx
            .fetch_all(
                intro_select()
                    .and_where(Expr::col(("eco_introductions", "status")).eq(IntroStatus::Pending.as_str()))
                    .and_where(Expr::col(("eco_introductions", "due_at")).lte(now))
                    .order_by(("eco_introductions", "id"), Order::Asc)
                    .limit(limit)
                    .lock_with_behavior(LockType::Update, LockBehavior::SkipLocked),
            )
            .await?;
        let (mut claimed, mut enqueued) = (0, 0);
        for record in rows {
            let intro = record.into_introduction();
            let step = step_of(&intro);
            let mut update = Query::update();
            update.table("eco_introductions");
            match step {
                Step::Remind { number, next_due } => {
                    update.value("reminders", number).value("due_at", next_due);
                }
                Step::Expire => {
                    update.value("status", IntroStatus::Expired.as_str()).value("due_at", Option::<i64>::None).value("answered_at", now);
                }
            }
            update
                .and_where(Expr::col("id").eq(intro.id))
                .and_where(Expr::col("due_at").eq(intro.due_at))
                .and_where(Expr::col("status").eq(IntroStatus::Pending.as_str()));
            if tx.execute(&update).await? != 1 {
                // Another worker claimed it between our read and our update.
                continue;
            }
            claimed += 1;
            if let Some(mail) = mail_of(&intro, step) {
                enqueue(&mut tx, &mail, now).await?;
                enqueued += 1;
            }
        }
        tx.commit().await?;
        Ok((claimed, enqueued))
    }
}
