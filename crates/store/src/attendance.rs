//! Check-in at the door and walk-ins. A mark of presence is one conditional update (only a
//! confirmed registration, only once); a walk-in takes its seat with the registrations'
//! `take_seat`, in one transaction with its row, so the door cannot overbook either.

use crate::attendance_completions::complete_attendance;
use crate::db::{Db, Result};
use crate::events::event_select;
use crate::registrations::{NewRow, existing_registration, insert_registration, take_seat};
use sea_query::{Expr, ExprTrait, Func, Order, Query};
use std::collections::HashMap;
use tremplin_domain::events::attendance::{AttendanceRepo, CheckInOutcome, WalkIn, WalkInOutcome};
use tremplin_domain::events::tokens::new_secret;
use tremplin_domain::events::{Event, RegistrationStatus};
use tremplin_kernel::token::new_public_id;

impl AttendanceRepo for Db {
    async fn check_in(&self, registration_id: i64, now: i64) -> Result<CheckInOutcome> {
        let mut tx = self.begin().await?;
        let marked = tx
            .execute(
                Query::update()
                    .table("registrations")
                    .value("checked_in_at", now)
                    .and_where(Expr::col("id").eq(registration_id))
                    .and_where(Expr::col("status").eq(RegistrationStatus::Confirmed.as_str()))
                    .and_where(Expr::col("checked_in_at").is_null()),
            )
            .await?;
        if marked == 1 {
            // The modules the session covers are completed with the presence, or neither is.
            complete_attendance(&mut tx, registration_id, now).await?;
            tx.commit().await?;
            return Ok(CheckInOutcome::Marked);
        }
        drop(tx);
        let row: Option<(String, Option<i64>)> = self
            .fetch_optional(
                Query::select().columns(["status", "checked_in_at"]).from("registrations").and_where(Expr::col("id").eq(registration_id)),
            )
            .await?;
        Ok(match row {
            Some((status, Some(_))) if RegistrationStatus::parse(&status) == RegistrationStatus::Confirmed => {
                CheckInOutcome::AlreadyPresent
            }
            _ => CheckInOutcome::NotConfirmed,
        })
    }

    async fn undo_check_in(&self, registration_id: i64) -> Result<bool> {
        let changed = self
            .execute(
                Query::update()
                    .table("registrations")
                    .value("checked_in_at", Option::<i64>::None)
                    .and_where(Expr::col("id").eq(registration_id))
                    .and_where(Expr::col("checked_in_at").is_not_null()),
            )
            .await?;
        Ok(changed == 1)
    }

    async fn add_walk_in(&self, event_id: i64, walk_in: &WalkIn, now: i64) -> Result<WalkInOutcome> {
        let registrant = &walk_in.registrant;
        let public_id = new_public_id();
        // Without a contact, nothing tells two walk-ins apart: each gets a key of its own.
        let key = match registrant.person_key() {
            key if key.is_empty() => format!("walk-in:{public_id}"),
            key => key,
        };
        let mut tx = self.begin().await?;
        if let Some((id, existing_public_id, status, _)) = existing_registration(&mut tx, event_id, &key).await? {
            if status != RegistrationStatus::Cancelled {
                return Ok(WalkInOutcome::AlreadyRegistered(existing_public_id));
            }
            tx.execute(Query::delete().from_table("registrations").and_where(Expr::col("id").eq(id))).await?;
        }
        if !take_seat(&mut tx, event_id, now).await? {
            return Ok(WalkInOutcome::Full);
        }
        let secret = new_secret();
        let row = NewRow {
            event_id,
            key: &key,
            registrant,
            status: RegistrationStatus::Confirmed,
            public_id: &public_id,
            secret: &secret,
            walk_in: true,
            now,
        };
        let registration_id = insert_registration(&mut tx, &row).await?;
        // A walk-in is present as soon as they are added.
        complete_attendance(&mut tx, registration_id, now).await?;
        tx.commit().await?;
        Ok(WalkInOutcome::Added(public_id))
    }

    async fn sessions_of_trainer(&self, user_id: i64, ends_after: i64, limit: u32) -> Result<Vec<Event>> {
        // One query for the sessions (and one for their trainers), not one per session.
        let mine = Query::select().column("event_id").from("event_trainers").and_where(Expr::col("user_id").eq(user_id)).to_owned();
        let mut select = event_select();
        select
            .and_where(Expr::col(("events", "id")).in_subquery(mine))
            .and_where(Expr::col(("events", "ends_at")).gt(ends_after))
            .order_by(("events", "starts_at"), Order::Asc)
            .order_by(("events", "id"), Order::Asc)
            .limit(u64::from(limit));
        self.events_with_trainers(&select).await
    }

    async fn present_counts(&self, event_ids: &[i64]) -> Result<HashMap<i64, i64>> {
        if event_ids.is_empty() {
            return Ok(HashMap::new());
        }
        let rows: Vec<(i64, i64)> = self
            .fetch_all(
                Query::select()
                    .column("event_id")
                    .expr(Func::count(Expr::col("id")))
                    .from("registrations")
                    .and_where(Expr::col("event_id").is_in(event_ids.iter().copied()))
                    .and_where(Expr::col("checked_in_at").is_not_null())
                    .group_by_col("event_id"),
            )
            .await?;
        Ok(rows.into_iter().collect())
    }
}
