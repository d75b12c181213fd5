//! `GET /ateliers` (page) and `GET /api/v1/events` (JSON): the agenda, with the same
//! filters (see [`super::filters`]), sessions by start, grouped by day on the page.

use super::filters::{AgendaForm, PER_PAGE};
use super::view::{self, DayGroup, EventDto};
use crate::error::AppError;
use crate::pages::{Ctx, FormErrors, render};
use crate::state::AppState;
use askama::Template;
use axum::Json;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Serialize;
use tremplin_domain::events::{Audience, Event, EventRepo, Level, THEMES};
use tremplin_domain::territories::{Place, Territory, TerritoryRepo};
use utoipa::{IntoParams, ToSchema};

#[derive(Template)]
#[template(path = "events/agenda.html")]
struct AgendaPage {
    ctx: Ctx,
    form: AgendaForm,
    errors: FormErrors,
    territories: Vec<Territory>,
    place: Option<Place>,
    days: Option<Vec<DayGroup>>,
    page: u32,
    has_next: bool,
    /// The site's address, for the `webcal://` link.
    base_url: String,
}

impl AgendaPage {
    fn themes(&self) -> [&'static str; 8] {
        THEMES
    }
    fn audiences(&self) -> [Audience; 4] {
        Audience::ALL
    }
    fn radii(&self) -> [&'static str; 6] {
        ["1", "2", "5", "10", "20", "50"]
    }
    fn theme_label(&self, theme: &str) -> String {
        view::theme_label(&self.ctx.tr, theme)
    }
    fn audience_label(&self, audience: &Audience) -> String {
        view::audience_label(&self.ctx.tr, audience)
    }
    fn level_label(&self, level: &Level) -> String {
        view::level_label(&self.ctx.tr, level)
    }
    fn time(&self, event: &Event) -> String {
        view::time_range(event)
    }
    fn seats(&self, event: &Event) -> String {
        view::seats_text(&self.ctx.tr, event)
    }
    fn seats_class(&self, event: &Event) -> &'static str {
        view::seats_class(event)
    }
    fn place_of(&self, event: &Event) -> String {
        view::where_text(&self.ctx.tr, event)
    }
    fn feed_href(&self) -> String {
        let query = self.form.query();
        if query.is_empty() { "/ateliers.ics".to_owned() } else { format!("/ateliers.ics?{query}") }
    }
    fn feed_webcal(&self) -> String {
        super::webcal::webcal(&self.base_url, &self.feed_href())
    }
}

/// One page of sessions and whether another follows, or the filters' errors.
async fn search(state: &AppState, form: &AgendaForm) -> Result<Result<(Vec<Event>, Option<Place>, u32, bool), FormErrors>, AppError> {
    match form.resolve(state, state.clock.now_ts()).await? {
        Ok((mut filter, place)) => {
            let page = filter.offset / PER_PAGE + 1;
            // One more than a page tells whether a next page exists, without counting.
            filter.limit = PER_PAGE + 1;
            let mut events = state.db.find_events(&filter).await?;
            let has_next = events.len() > PER_PAGE as usize;
            events.truncate(PER_PAGE as usize);
            Ok(Ok((events, place, page, has_next)))
        }
        Err(errors) => Ok(Err(FormErrors(errors))),
    }
}

/// The agenda page: the filter form, then the sessions by day.
pub async fn page(State(state): State<AppState>, ctx: Ctx, RawQuery(query): RawQuery) -> Result<Response, AppError> {
    let form = AgendaForm::from_query(query.as_deref());
    let territories = state.db.list_territories().await?;
    let (status, errors, place, days, page, has_next) = match search(&state, &form).await? {
        Ok((events, place, page, has_next)) => {
            (StatusCode::OK, FormErrors::default(), place, Some(view::by_day(&ctx.tr, events)), page, has_next)
        }
        Err(errors) => (StatusCode::UNPROCESSABLE_ENTITY, errors, None, None, 1, false),
    };
    let base_url = state.config.base_url.clone();
    Ok(render(status, &AgendaPage { ctx, form, errors, territories, place, days, page, has_next, base_url }))
}

/// Parameters of the agenda (the same as the page's).
#[derive(Debug, serde::Deserialize, IntoParams)]
// Read from the raw query string by the handler, so utoipa cannot infer where they are.
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct AgendaParams {
    /// First day, `YYYY-MM-DD` (Europe/Paris).
    from: Option<String>,
    /// Last day, `YYYY-MM-DD`.
    to: Option<String>,
    /// Theme slug: `website`, `visibility`, `social_networks`, `online_selling`, `security`,
    /// `online_administration`, `office_tools`, `digital_basics`.
    theme: Option<String>,
    /// `public`, `professionals`, `students`, `seniors`.
    audience: Option<String>,
    /// Commune name or postcode: sessions in it, or within `radius_km` of it.
    place: Option<String>,
    /// Latitude (with `lon`): sessions within `radius_km` (default 10).
    lat: Option<f64>,
    /// Longitude.
    lon: Option<f64>,
    /// Radius, km (0.1 to 200).
    radius_km: Option<f64>,
    /// `true`: only sessions with seats left.
    free_seats: Option<bool>,
    /// Territory slug (with the territories inside it).
    territory: Option<String>,
    /// Page, from 1.
    page: Option<u32>,
}

/// A page of the agenda.
#[derive(Debug, Serialize, ToSchema)]
pub struct AgendaDto {
    /// Sessions, by start.
    pub events: Vec<EventDto>,
    /// Page number (from 1).
    pub page: u32,
    /// Sessions per page.
    pub per_page: u32,
    /// Whether a next page exists.
    pub has_next: bool,
}

/// The agenda: upcoming sessions matching the filters.
#[utoipa::path(get, path = "/api/v1/events", params(AgendaParams), tag = "events",
    responses((status = 200, description = "Sessions, by start", body = AgendaDto),
              (status = 400, description = "Invalid parameters, with a message per field")))]
pub async fn api(State(state): State<AppState>, RawQuery(query): RawQuery) -> Result<Json<AgendaDto>, AppError> {
    let form = AgendaForm::from_query(query.as_deref());
    let (events, _, page, has_next) = search(&state, &form).await?.map_err(|e| AppError::Invalid(e.0))?;
    let now = state.clock.now_ts();
    let base = state.config.base_url.trim_end_matches('/');
    Ok(Json(AgendaDto { events: events.iter().map(|e| EventDto::new(e, base, now)).collect(), page, per_page: PER_PAGE, has_next }))
}
