//! Large events: slugs taken and the large events of territories (for the session form).

use crate::db::{Db, Result};
use sea_query::{Expr, ExprTrait, Order, Query};
use tremplin_domain::events::Programme;
use tremplin_domain::events::programmes::ProgrammeRepo;

impl ProgrammeRepo for Db {
    async fn programme_slug_taken(&self, slug: &str) -> Result<bool> {
        let row: Option<(i64,)> =
            self.fetch_optional(Query::select().column("id").from("event_programmes").and_where(Expr::col("slug").eq(slug))).await?;
        Ok(row.is_some())
    }

    async fn programmes_of_territories(&self, territory_ids: &[i64]) -> Result<Vec<Programme>> {
        if territory_ids.is_empty() {
            return Ok(Vec::new());
        }
        let rows: Vec<(i64, String, i64, String, String)> = self
            .fetch_all(
                Query::select()
                    .columns(["id", "slug", "territory_id", "title", "description"])
                    .from("event_programmes")
                    .and_where(Expr::col("territory_id").is_in(territory_ids.iter().copied()))
                    .order_by("title", Order::Asc)
                    .order_by("id", Order::Asc),
            )
            .await?;
        Ok(rows
            .into_iter()
            .map(|(id, slug, territory_id, title, description)| Programme { id, slug, territory_id, title, description })
            .collect())
    }
}
