//! `GET /mes-ateliers`: the upcoming sessions a user runs — those they train, and for staff
//! those of their territories (and the territories in them) — with their counts, and links to
//! create sessions and to the survey results where the user may.

use super::staff::when;
use crate::auth::RequireUser;
use crate::error::AppError;
use crate::pages::{Ctx, ok};
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use std::collections::BTreeSet;
use tremplin_domain::accounts::AccountRepo;
use tremplin_domain::events::attendance::AttendanceRepo;
use tremplin_domain::events::{Event, EventFilter, EventRepo};
use tremplin_domain::territories::{TerritoryRepo, with_descendants};
use tremplin_kernel::Role;

/// Most sessions listed.
const LIMIT: u32 = 200;

struct Line {
    event: Event,
    when: String,
    present: i64,
}

/// A territory where the user may create sessions or read results.
struct Place {
    slug: String,
    name: String,
    staff: bool,
}

#[derive(Template)]
#[template(path = "events_staff/mine.html")]
struct MinePage {
    ctx: Ctx,
    lines: Vec<Line>,
    places: Vec<Place>,
}

/// The list.
pub async fn show(State(state): State<AppState>, RequireUser(user): RequireUser, ctx: Ctx) -> Result<Response, AppError> {
    let now = state.clock.now_ts();
    let grants = state.db.grants_of(user.id).await?;
    let mut events = state.db.sessions_of_trainer(user.id, now, LIMIT).await?;
    let all = state.db.list_territories().await?;
    let staff_territories: Vec<i64> = if user.is_platform_admin {
        all.iter().map(|t| t.id).collect()
    } else {
        let set: BTreeSet<i64> = grants.iter().filter(|g| g.role.is_staff()).flat_map(|g| with_descendants(&all, g.territory_id)).collect();
        set.into_iter().collect()
    };
    if !staff_territories.is_empty() {
        let filter = EventFilter {
            territory_ids: Some(staff_territories),
            ends_after: now,
            limit: LIMIT,
            include_cancelled: true,
            ..EventFilter::default()
        };
        events.extend(state.db.find_events(&filter).await?);
    }
    let mut seen = BTreeSet::new();
    events.retain(|e| seen.insert(e.id));
    events.sort_by_key(|e| (e.starts_at, e.id));
    events.truncate(LIMIT as usize);
    let ids: Vec<i64> = events.iter().map(|e| e.id).collect();
    let present = state.db.present_counts(&ids).await?;
    let lines =
        events.into_iter().map(|event| Line { when: when(&event), present: present.get(&event.id).copied().unwrap_or(0), event }).collect();
    let mut places: Vec<Place> = grants
        .iter()
        .filter(|g| g.role.is_staff() || g.role == Role::Trainer)
        .map(|g| Place { slug: g.territory_slug.clone(), name: g.territory_name.clone(), staff: g.role.is_staff() })
        .collect();
    places.sort_by(|a, b| (a.name.as_str(), !a.staff).cmp(&(b.name.as_str(), !b.staff)));
    places.dedup_by(|a, b| a.slug == b.slug);
    Ok(ok(&MinePage { ctx, lines, places }))
}
