//! `GET /evenements/{slug}`: a large event's programme, by day then by room, with one form
//! to register for several sessions; `POST /evenements/{slug}/inscription` registers for
//! every ticked session in one step and lists the answer per session.

use super::register::PersonInput;
use super::view;
use crate::client::ClientIp;
use crate::error::AppError;
use crate::pages::{Ctx, FormErrors, render};
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use tremplin_domain::events::commands;
use tremplin_domain::events::{Event, EventError, EventFilter, EventRepo, Programme, RegistrationOutcome, RegistrationStatus, tokens};
use tremplin_domain::territories::TerritoryRepo;

/// Most sessions a programme page lists.
const MAX_SESSIONS: u32 = 1000;

/// The sessions of one room on one day.
struct Room {
    name: String,
    events: Vec<Event>,
}

/// One day of the programme.
struct Day {
    label: String,
    rooms: Vec<Room>,
}

#[derive(Template)]
#[template(path = "events/programme.html")]
struct ProgrammePage {
    ctx: Ctx,
    programme: Programme,
    days: Vec<Day>,
    now: i64,
    chosen: Vec<String>,
    input: PersonInput,
    errors: FormErrors,
    refusal: Option<&'static str>,
    /// The session form with this large event pre-selected, for the staff of its territory.
    add_session: Option<String>,
}

impl ProgrammePage {
    fn time(&self, event: &Event) -> String {
        view::time_range(event)
    }
    fn seats(&self, event: &Event) -> String {
        view::seats_text(&self.ctx.tr, event)
    }
    fn seats_class(&self, event: &Event) -> &'static str {
        view::seats_class(event)
    }
    fn open(&self, event: &Event) -> bool {
        event.registration_open(self.now)
    }
    fn any_open(&self) -> bool {
        self.days.iter().flat_map(|d| d.rooms.iter()).flat_map(|r| r.events.iter()).any(|e| e.registration_open(self.now))
    }
    fn is_chosen(&self, event: &Event) -> bool {
        self.chosen.contains(&event.slug)
    }
    fn room_name(&self, room: &Room) -> String {
        if room.name.is_empty() { self.ctx.tr.t("programme-no-room") } else { room.name.clone() }
    }
}

/// One line of the answer to a multi-session registration.
struct Answer {
    title: String,
    when: String,
    status: String,
    link: String,
}

#[derive(Template)]
#[template(path = "events/programme_result.html")]
struct ResultPage {
    ctx: Ctx,
    programme: Programme,
    answers: Vec<Answer>,
}

/// The programme and all its sessions (by start).
async fn load(state: &AppState, slug: &str) -> Result<(Programme, Vec<Event>), AppError> {
    let programme = state.db.programme_by_slug(slug).await?.ok_or(AppError::NotFound)?;
    let filter = EventFilter { programme_id: Some(programme.id), include_cancelled: true, limit: MAX_SESSIONS, ..EventFilter::default() };
    let events = state.db.find_events(&filter).await?;
    Ok((programme, events))
}

/// The link adding a session to the large event, when the user steers the events of its
/// territory (staff, platform admins).
async fn add_session_link(state: &AppState, ctx: &Ctx, programme: &Programme) -> Result<Option<String>, AppError> {
    let Some(user) = &ctx.user else { return Ok(None) };
    let Some(territory) = state.db.list_territories().await?.into_iter().find(|t| t.id == programme.territory_id) else { return Ok(None) };
    if !super::staff::may_steer(state, user, &territory).await? {
        return Ok(None);
    }
    Ok(Some(format!("/territoires/{}/ateliers/nouveau?evenement={}", territory.slug, programme.slug)))
}

/// Sessions by local day, then by room (rooms in name order).
fn arrange(ctx: &Ctx, events: Vec<Event>) -> Vec<Day> {
    view::by_day(&ctx.tr, events)
        .into_iter()
        .map(|group| {
            let mut rooms: Vec<Room> = Vec::new();
            for event in group.events {
                match rooms.iter_mut().find(|r| r.name == event.venue.room) {
                    Some(room) => room.events.push(event),
                    None => rooms.push(Room { name: event.venue.room.clone(), events: vec![event] }),
                }
            }
            rooms.sort_by(|a, b| a.name.cmp(&b.name));
            Day { label: group.label, rooms }
        })
        .collect()
}

/// The programme page.
pub async fn page(State(state): State<AppState>, ctx: Ctx, Path(slug): Path<String>) -> Result<Response, AppError> {
    let (programme, events) = load(&state, &slug).await?;
    let now = state.clock.now_ts();
    let ctx = if events.iter().any(|e| e.registration_open(now)) { ctx.with_form().await? } else { ctx };
    let add_session = add_session_link(&state, &ctx, &programme).await?;
    let days = arrange(&ctx, events);
    let page = ProgrammePage {
        add_session,
        ctx,
        programme,
        days,
        now,
        chosen: Vec::new(),
        input: PersonInput::default(),
        errors: FormErrors::default(),
        refusal: None,
    };
    Ok(render(StatusCode::OK, &page))
}

/// Registers for every ticked session of the programme in one step.
pub async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    ClientIp(client): ClientIp,
    Path(slug): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let (programme, events) = load(&state, &slug).await?;
    let input = PersonInput::from_pairs(&pairs);
    let chosen: Vec<String> = pairs.iter().filter(|(k, _)| k == "session").map(|(_, v)| v.clone()).collect();
    let selected: Vec<Event> = events.iter().filter(|e| chosen.contains(&e.slug)).cloned().collect();
    let allowed = super::register::allow_registration(&state, client.as_deref(), &input.email).await?;
    let result = if allowed {
        commands::register(&state.db, state.clock.as_ref(), &selected, &input.to_form(), ctx.tr.locale).await
    } else {
        Err(EventError::Invalid(Vec::new()))
    };
    let (status, errors, refusal) = match result {
        Err(_) if !allowed => (StatusCode::TOO_MANY_REQUESTS, FormErrors::default(), Some(super::register::RATE_LIMITED)),
        Ok(outcomes) => {
            let answers = answers(&ctx, &selected, &outcomes);
            return Ok(render(StatusCode::OK, &ResultPage { ctx, programme, answers }));
        }
        Err(EventError::Invalid(errors)) => (StatusCode::UNPROCESSABLE_ENTITY, FormErrors(errors), None),
        Err(refusal @ (EventError::RegistrationClosed | EventError::EventCancelled)) => {
            (StatusCode::CONFLICT, FormErrors::default(), Some(refusal.key()))
        }
        Err(other) => return Err(other.into()),
    };
    let ctx = ctx.with_form().await?;
    let days = arrange(&ctx, events);
    let now = state.clock.now_ts();
    let add_session = None;
    Ok(render(status, &ProgrammePage { ctx, programme, days, now, chosen, input, errors, refusal, add_session }))
}

/// The answer per session, in the programme's order.
fn answers(ctx: &Ctx, selected: &[Event], outcomes: &[RegistrationOutcome]) -> Vec<Answer> {
    selected
        .iter()
        .filter_map(|event| {
            let outcome = outcomes.iter().find(|o| o.event_slug == event.slug)?;
            let status = match (outcome.status, outcome.position) {
                (RegistrationStatus::Confirmed, _) => ctx.tr.t("event-status-confirmed"),
                (_, position) => ctx.tr.tn("event-status-waitlisted", "position", position.unwrap_or(0)),
            };
            let status = if outcome.already { format!("{status} ({})", ctx.tr.t("event-already-short")) } else { status };
            Some(Answer {
                title: event.title.clone(),
                when: view::when(&ctx.tr, event),
                status,
                link: tokens::manage_path(&outcome.public_id, &outcome.secret),
            })
        })
        .collect()
}
