//! `GET /ateliers/serie/{slug}`: the upcoming dates of a weekly series.

use super::view;
use crate::error::AppError;
use crate::pages::{Ctx, ok};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use tremplin_domain::events::{Event, EventFilter, EventRepo, Series};

/// Most dates listed.
const MAX_DATES: u32 = 100;

#[derive(Template)]
#[template(path = "events/series.html")]
struct SeriesPage {
    ctx: Ctx,
    series: Series,
    events: Vec<Event>,
}

impl SeriesPage {
    fn when(&self, event: &Event) -> String {
        view::when(&self.ctx.tr, event)
    }
    fn seats(&self, event: &Event) -> String {
        view::seats_text(&self.ctx.tr, event)
    }
    fn seats_class(&self, event: &Event) -> &'static str {
        view::seats_class(event)
    }
}

/// The series page.
pub async fn page(State(state): State<AppState>, ctx: Ctx, Path(slug): Path<String>) -> Result<Response, AppError> {
    let series = state.db.series_by_slug(&slug).await?.ok_or(AppError::NotFound)?;
    let filter = EventFilter { series_id: Some(series.id), ends_after: state.clock.now_ts(), limit: MAX_DATES, ..EventFilter::default() };
    let events = state.db.find_events(&filter).await?;
    Ok(ok(&SeriesPage { ctx, series, events }))
}
