//! Changing a session's fields and trainers (capacity excepted: see `registrations.rs`).

use crate::db::{Db, Result};
use crate::events::{editable_values, replace_trainers};
use sea_query::{Expr, ExprTrait, Query};
use tremplin_domain::events::NewEvent;
use tremplin_domain::events::editing::EventEditRepo;

impl EventEditRepo for Db {
    async fn update_event(&self, event_id: i64, changes: &NewEvent, now: i64) -> Result<()> {
        let mut update = Query::update();
        update.table("events").and_where(Expr::col("id").eq(event_id));
        for (column, value) in editable_values(changes, now) {
            update.value(column, value);
        }
        let mut tx = self.begin().await?;
        tx.execute(&update).await?;
        replace_trainers(&mut tx, event_id, &changes.trainer_ids).await?;
        tx.commit().await?;
        Ok(())
    }
}
