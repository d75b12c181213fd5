//! iCalendar feeds: `GET /ateliers.ics` (the agenda, with the same filters as `/ateliers`
//! and `/api/v1/events`: one parser, `filters::AgendaForm`, so a subscription shows what the
//! page showed), `GET /territoires/{slug}/ateliers.ics` (a territory's sessions, and those of
//! the territories inside it) and `GET /ateliers/{slug}/agenda.ics` (one session; a separate
//! segment because the router cannot match `{slug}.ics` beside H1's `/ateliers/{slug}`).
//! Cancelled sessions stay in the feeds with `STATUS:CANCELLED`, so subscribed calendars
//! learn about it.

use super::calendar::{calendar_event, ics_response};
use super::filters::AgendaForm;
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::{Path, RawQuery, State};
use axum::response::Response;
use tremplin_domain::events::EventRepo;
use tremplin_domain::territories::TerritoryRepo;
use tremplin_interchange::icalendar::{Calendar, Method, write_calendar};

/// Most sessions in one feed (about a season of a busy territory).
pub const FEED_LIMIT: u32 = 1_000;
/// Calendar applications poll feeds; five minutes keeps them fresh without load.
const FEED_CACHE: &str = "public, max-age=300";

async fn feed(state: &AppState, form: &AgendaForm, name: String) -> Result<Response, AppError> {
    let now = state.clock.now_ts();
    let (mut filter, _) = form.resolve(state, now).await?.map_err(AppError::Invalid)?;
    // A feed is one document, not a page.
    filter.limit = FEED_LIMIT;
    filter.offset = 0;
    filter.include_cancelled = true;
    let base = state.config.base_url.trim_end_matches('/');
    let events = state.db.find_events(&filter).await?;
    let calendar = Calendar {
        method: Method::Publish,
        name: Some(name),
        stamp: now,
        events: events.iter().map(|e| calendar_event(e, base)).collect(),
    };
    Ok(ics_response(write_calendar(&calendar), FEED_CACHE, "inline; filename=\"ateliers.ics\"".into()))
}

/// `GET /ateliers.ics`.
pub async fn agenda(State(state): State<AppState>, RawQuery(query): RawQuery) -> Result<Response, AppError> {
    let form = AgendaForm::from_query(query.as_deref());
    feed(&state, &form, "Ateliers Tremplin".into()).await
}

/// `GET /territoires/{slug}/ateliers.ics`.
pub async fn territory(State(state): State<AppState>, Path(slug): Path<String>, RawQuery(query): RawQuery) -> Result<Response, AppError> {
    let territory = state.db.territory_by_slug(&slug).await?.ok_or(AppError::NotFound)?;
    let mut form = AgendaForm::from_query(query.as_deref());
    form.territory = territory.slug.clone();
    feed(&state, &form, format!("Ateliers — {}", territory.name)).await
}

/// `GET /ateliers/{slug}/agenda.ics`.
pub async fn session(State(state): State<AppState>, Path(slug): Path<String>) -> Result<Response, AppError> {
    let event = state.db.event_by_slug(&slug).await?.ok_or(AppError::NotFound)?;
    let base = state.config.base_url.trim_end_matches('/');
    let calendar =
        Calendar { method: Method::Publish, name: None, stamp: state.clock.now_ts(), events: vec![calendar_event(&event, base)] };
    let disposition = format!("attachment; filename=\"{}.ics\"", event.slug);
    Ok(ics_response(write_calendar(&calendar), FEED_CACHE, disposition))
}
