//! Changing a session's fields and trainers (capacity excepted: see `registrations.rs`).

use crate::db::{Db, Result};
use sea_query::{Expr, ExprTrait, Query};
use tremplin_domain::events::NewEvent;
use tremplin_domain::events::editing::EventEditRepo;

impl EventEditRepo for Db {
    async fn update_event(&self, event_id: i64, changes: &NewEvent, now: i64) -> Result<()> {
        let audiences: Vec<&str> = changes.audiences.iter().map(|a| a.as_str()).collect();
        let venue = &changes.venue;
        let mut tx = self.begin().await?;
        tx.execute(
            Query::update()
                .table("events")
                .value("programme_id", changes.programme_id)
                .value("title", changes.title.as_str())
                .value("description", changes.description.as_str())
                .value("themes", changes.themes.join("|"))
                .value("modules", changes.modules.join("|"))
                .value("audiences", audiences.join("|"))
                .value("level", changes.level.as_str())
                .value("language", changes.language.as_str())
                .value("venue_listing_id", venue.listing_id)
                .value("venue_name", venue.name.as_str())
                .value("venue_address", venue.address.as_str())
                .value("insee", venue.insee.clone())
                .value("latitude", venue.latitude)
                .value("longitude", venue.longitude)
                .value("room", venue.room.as_str())
                .value("online_url", changes.online_url.as_str())
                .value("accessibility", changes.accessibility.as_str())
                .value("starts_at", changes.starts_at)
                .value("ends_at", changes.ends_at)
                .value("registration_opens_at", changes.registration_opens_at)
                .value("registration_closes_at", changes.registration_closes_at)
                .value("updated_at", now)
                .and_where(Expr::col("id").eq(event_id)),
        )
        .await?;
        tx.execute(Query::delete().from_table("event_trainers").and_where(Expr::col("event_id").eq(event_id))).await?;
        tx.insert_rows_or_ignore(
            "event_trainers",
            ["event_id", "user_id"],
            &["event_id", "user_id"],
            changes.trainer_ids.iter().map(|user| -> [sea_query::Value; 2] { [event_id.into(), (*user).into()] }).collect::<Vec<_>>(),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
