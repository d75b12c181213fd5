//! `GET /ateliers/{slug}`: a session's page (every detail, schema.org `Event` data, the
//! registration form); `GET /api/v1/events/{slug}`.

use super::register::PersonInput;
use super::view::{self, EventDto};
use crate::error::AppError;
use crate::pages::{Ctx, FormErrors, render};
use crate::state::AppState;
use askama::Template;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use tremplin_domain::events::cancelling::EventCancellingRepo;
use tremplin_domain::events::{Audience, Event, EventRepo, EventStatus};
use tremplin_interchange::event_jsonld::{embeddable, event_json_ld};

/// The session page, with the registration form as typed and its errors.
#[derive(Template)]
#[template(path = "events/show.html")]
pub struct SessionPage {
    /// Page context.
    pub ctx: Ctx,
    /// The session.
    pub event: Event,
    /// schema.org data.
    pub json_ld: String,
    /// Whether the form is offered.
    pub open: bool,
    /// The form as typed.
    pub input: PersonInput,
    /// Its errors.
    pub errors: FormErrors,
    /// A refusal that concerns the whole form (registration closed meanwhile).
    pub refusal: Option<&'static str>,
    /// The instant of the request.
    pub now: i64,
    /// The session's feed as `webcal://`.
    pub webcal: String,
    /// Whether the user may run the session (the link to its staff page).
    pub may_run: bool,
    /// Why staff called the session off (H6), when they did.
    pub cancel_reason: String,
}

impl SessionPage {
    /// The page for `event` with an empty form.
    pub fn new(state: &AppState, ctx: Ctx, event: Event) -> Self {
        let json_ld = embeddable(&event_json_ld(&event, state.config.base_url.trim_end_matches('/')));
        let now = state.clock.now_ts();
        let open = event.registration_open(now);
        let webcal = super::webcal::webcal(&state.config.base_url, &format!("/ateliers/{}/agenda.ics", event.slug));
        SessionPage {
            ctx,
            event,
            json_ld,
            open,
            input: PersonInput::default(),
            errors: FormErrors::default(),
            refusal: None,
            now,
            webcal,
            may_run: false,
            cancel_reason: String::new(),
        }
    }

    fn when(&self) -> String {
        view::when(&self.ctx.tr, &self.event)
    }
    fn theme_label(&self, theme: &str) -> String {
        view::theme_label(&self.ctx.tr, theme)
    }
    fn audience_label(&self, audience: &Audience) -> String {
        view::audience_label(&self.ctx.tr, audience)
    }
    fn level_label(&self) -> String {
        view::level_label(&self.ctx.tr, &self.event.level)
    }
    fn seats(&self) -> String {
        view::seats_text(&self.ctx.tr, &self.event)
    }
    fn seats_class(&self) -> &'static str {
        view::seats_class(&self.event)
    }
    fn is_cancelled(&self) -> bool {
        self.event.status == EventStatus::Cancelled
    }
    fn language_label(&self) -> String {
        self.ctx.tr.t(&format!("event-language-{}", if self.event.language == "en" { "en" } else { "fr" }))
    }
    fn closed_reason(&self) -> &'static str {
        if self.is_cancelled() {
            "event-error-cancelled"
        } else if self.event.registration_opens_at.is_some_and(|at| self.now < at) {
            "event-registration-not-yet"
        } else {
            "event-registration-closed-text"
        }
    }
    fn opens_at(&self) -> String {
        self.event
            .registration_opens_at
            .map(|at| format!("{} {}", view::day_label(&self.ctx.tr, at), view::paris(at).format("%H:%M")))
            .unwrap_or_default()
    }
}

/// The session page.
pub async fn page(State(state): State<AppState>, ctx: Ctx, Path(slug): Path<String>) -> Result<Response, AppError> {
    let event = state.db.event_by_slug(&slug).await?.ok_or(AppError::NotFound)?;
    let ctx = if event.registration_open(state.clock.now_ts()) { ctx.with_form().await? } else { ctx };
    let may_run = match &ctx.user {
        Some(user) => super::staff::may_run(&state, user, &event).await?,
        None => false,
    };
    let mut page = SessionPage::new(&state, ctx, event);
    page.may_run = may_run;
    if page.is_cancelled() {
        page.cancel_reason = state.db.cancel_reason(page.event.id).await?;
    }
    Ok(render(StatusCode::OK, &page))
}

/// A session in the API.
#[utoipa::path(get, path = "/api/v1/events/{slug}", tag = "events",
    params(("slug" = String, Path, description = "Identifier of the session")),
    responses((status = 200, description = "The session", body = EventDto), (status = 404, description = "No such session")))]
pub async fn api(State(state): State<AppState>, Path(slug): Path<String>) -> Result<Json<EventDto>, AppError> {
    let event = state.db.event_by_slug(&slug).await?.ok_or(AppError::NotFound)?;
    Ok(Json(EventDto::new(&event, state.config.base_url.trim_end_matches('/'), state.clock.now_ts())))
}
