//! Running the finder and computing free slots for many coaches in a few queries: all the
//! candidates' availability in one, their booked appointments in another, then the pure slot
//! computation per coach.

use crate::error::AppError;
use crate::state::AppState;
use std::collections::HashMap;
use tremplin_domain::coaching::finder::{FinderQuery, RankedCoach, rank};
use tremplin_domain::coaching::slots::{free_slots, local_date, next_free_slot};
use tremplin_domain::coaching::{Coach, CoachFilter, CoachRepo, Slot};

/// The local day of `now`, as the store filters exceptions (`YYYY-MM-DD`).
fn today(now: i64) -> String {
    local_date(now).format("%Y-%m-%d").to_string()
}

/// The next free slot of each coach that has one within their horizon.
pub async fn next_slots(state: &AppState, coaches: &[Coach], now: i64) -> Result<HashMap<i64, Slot>, AppError> {
    if coaches.is_empty() {
        return Ok(HashMap::new());
    }
    let refs: Vec<&Coach> = coaches.iter().collect();
    let availabilities = state.db.availabilities(&refs, &today(now)).await?;
    let horizon = coaches.iter().map(|c| i64::from(c.rules.horizon_days)).max().unwrap_or(0) * 86_400;
    let ids: Vec<i64> = coaches.iter().map(|c| c.id).collect();
    // From a day back: appointments earlier today count towards the daily maximum.
    let booked = state.db.booked_slots(&ids, now - 86_400, now + horizon).await?;
    Ok(coaches
        .iter()
        .filter_map(|coach| {
            let availability = availabilities.get(&coach.id)?;
            let taken = booked.get(&coach.id).map(Vec::as_slice).unwrap_or_default();
            next_free_slot(availability, taken, now).map(|slot| (coach.id, slot))
        })
        .collect())
}

/// The free slots of one coach starting in `[from, until)`.
pub async fn coach_slots(state: &AppState, coach: &Coach, now: i64, from: i64, until: i64) -> Result<Vec<Slot>, AppError> {
    let availability = state.db.availabilities(&[coach], &today(now)).await?.remove(&coach.id).unwrap_or_default();
    // A day either side: appointments just outside the window still keep their buffer, and
    // those of the same local day count towards the daily maximum.
    let booked = state.db.booked_slots(&[coach.id], from - 86_400, until + 86_400).await?.remove(&coach.id).unwrap_or_default();
    Ok(free_slots(&availability, &booked, now, from, until))
}

/// The active coaches ranked for `query`, each with their next free slot.
pub async fn find(state: &AppState, query: &FinderQuery) -> Result<Vec<RankedCoach>, AppError> {
    let coaches = state.db.find_coaches(&CoachFilter { territory_ids: None, active_only: true }).await?;
    let now = state.clock.now_ts();
    // Slots only for the coaches that pass the filters: the others are not shown.
    let candidates: Vec<Coach> = coaches.into_iter().filter(|c| tremplin_domain::coaching::finder::matches_filters(c, query)).collect();
    let slots = next_slots(state, &candidates, now).await?;
    Ok(rank(candidates, query, &slots))
}
