//! Running the matching: the active actors of the wanted territories, ranked by the domain.

use crate::error::AppError;
use crate::state::AppState;
use tremplin_domain::ecosystem::matching::{Match, MatchQuery, rank};
use tremplin_domain::ecosystem::{Actor, ActorFilter, ActorRepo};

/// Most results a page shows (the API gives them all).
pub const PAGE_CAP: usize = 50;

/// The active actors of `territory_ids` (all when `None`).
pub async fn active_actors(state: &AppState, territory_ids: Option<Vec<i64>>) -> Result<Vec<Actor>, AppError> {
    Ok(state.db.find_actors(&ActorFilter { territory_ids, active_only: true, offering: None }).await?)
}

/// The actors answering `query`, best first.
pub async fn find(state: &AppState, query: &MatchQuery, territory_ids: Option<Vec<i64>>) -> Result<Vec<Match>, AppError> {
    // The store narrows to the actors offering the need or having free offer words; the
    // domain decides whether those words mention it.
    let candidates = state.db.find_actors(&ActorFilter { territory_ids, active_only: true, offering: Some(query.need) }).await?;
    Ok(rank(&candidates, query))
}
