//! `GET /coachs/{slug}/reserver?debut={unix seconds}`: the chosen slot in Europe/Paris and the
//! booking form; `POST` books it (no account) and sends the person to their appointment
//! page. A slot taken meanwhile brings the form back (409) with the next free slots; invalid
//! input brings it back (422) as typed, with a message beside each field.

use super::{SlotDay, free_days, modality_label, refusal, when};
use crate::client::ClientIp;
use crate::error::AppError;
use crate::flash;
use crate::pages::{Ctx, FormErrors, render};
use crate::rate_limit::{self, Limit};
use crate::routes::events::view::theme_label;
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tremplin_domain::coaching::commands::{BookingForm, book_slot};
use tremplin_domain::coaching::tokens::appointment_path;
use tremplin_domain::coaching::{Coach, CoachRepo, CoachingError, Modality};

/// How many next free slots a refusal offers.
const NEXT_SLOTS: usize = 12;

/// The booking form as typed (kept to fill the form again).
#[derive(Debug, Clone, Default)]
pub struct BookingInput {
    /// Start of the slot (Unix seconds).
    pub debut: String,
    /// Modality.
    pub modality: String,
    /// Themes ticked.
    pub themes: Vec<String>,
    /// The need.
    pub need: String,
    /// Name.
    pub name: String,
    /// E-mail.
    pub email: String,
    /// Phone.
    pub phone: String,
    /// Business.
    pub business: String,
    /// The consent box (present when ticked).
    pub consent: bool,
}

impl BookingInput {
    /// Reads the form's pairs (themes repeat).
    pub fn from_pairs(pairs: &[(String, String)]) -> Self {
        let mut input = BookingInput::default();
        for (key, value) in pairs {
            match key.as_str() {
                "debut" => input.debut = value.clone(),
                "modality" => input.modality = value.clone(),
                "themes" => input.themes.push(value.clone()),
                "need" => input.need = value.clone(),
                "name" => input.name = value.clone(),
                "email" => input.email = value.clone(),
                "phone" => input.phone = value.clone(),
                "business" => input.business = value.clone(),
                "consent" => input.consent = true,
                _ => {}
            }
        }
        input
    }

    /// The domain's form.
    pub fn to_form(&self) -> BookingForm {
        BookingForm {
            starts_at: self.debut.clone(),
            modality: self.modality.clone(),
            themes: self.themes.clone(),
            need: self.need.clone(),
            name: self.name.clone(),
            email: self.email.clone(),
            phone: self.phone.clone(),
            business: self.business.clone(),
            consent: self.consent,
        }
    }

    /// Whether the consent box is ticked (the shared person fields ask).
    pub fn consented(&self) -> bool {
        self.consent
    }
}

/// The booking page.
#[derive(Template)]
#[template(path = "coaching_booking/form.html")]
pub struct BookingPage {
    ctx: Ctx,
    coach: Coach,
    /// The chosen slot, written out (empty when none was chosen).
    when: String,
    input: BookingInput,
    errors: FormErrors,
    /// A refusal of the whole form (slot taken, coach not bookable).
    refusal: Option<&'static str>,
    /// Too many bookings from this client or address: the form stays, with this message.
    limited: Option<&'static str>,
    /// Next free slots, offered with a refusal or when no slot was chosen.
    next_days: Vec<SlotDay>,
}

impl BookingPage {
    fn modality_label(&self, modality: &Modality) -> String {
        modality_label(&self.ctx.tr, *modality)
    }
    fn theme_label(&self, theme: &str) -> String {
        theme_label(&self.ctx.tr, theme)
    }
    fn themes(&self) -> &'static [&'static str] {
        &tremplin_domain::coaching::THEMES
    }
    fn theme_checked(&self, theme: &str) -> bool {
        self.input.themes.iter().any(|t| t == theme)
    }
    fn modality_checked(&self, modality: &Modality) -> bool {
        self.input.modality == modality.as_str() || (self.input.modality.is_empty() && self.coach.modalities.first() == Some(modality))
    }
}

/// The query of the booking page.
#[derive(Debug, Deserialize)]
pub struct SlotQuery {
    /// Start of the chosen slot (Unix seconds).
    #[serde(default)]
    debut: String,
}

async fn bookable_coach(state: &AppState, slug: &str) -> Result<Coach, AppError> {
    state.db.coach_by_slug(slug).await?.filter(|c| c.active).ok_or(AppError::NotFound)
}

async fn page(state: &AppState, ctx: Ctx, coach: Coach, input: BookingInput) -> Result<BookingPage, AppError> {
    let length = i64::from(coach.rules.appointment_minutes) * 60;
    let when = input.debut.trim().parse::<i64>().ok().filter(|s| *s > 0).map(|s| when(&ctx.tr, s, s + length)).unwrap_or_default();
    let next_days = if when.is_empty() { free_days(state, &ctx.tr, &coach, NEXT_SLOTS).await? } else { Vec::new() };
    Ok(BookingPage {
        ctx: ctx.with_form().await?,
        coach,
        when,
        input,
        errors: FormErrors::default(),
        refusal: None,
        limited: None,
        next_days,
    })
}

/// The message of a booking refused for its rate.
pub const RATE_LIMITED: &str = "rate-limit-booking";

/// Counts a booking attempt from `client` for `email`; false when over a limit (the page and
/// the API share it).
pub async fn allow_booking(state: &AppState, client: Option<&str>, email: &str) -> Result<bool, AppError> {
    rate_limit::allow_all(state, &[(Limit::BookingPerClient, client), (Limit::BookingPerEmail, Some(email))]).await
}

/// The booking form for the chosen slot.
pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    Query(query): Query<SlotQuery>,
) -> Result<Response, AppError> {
    let coach = bookable_coach(&state, &slug).await?;
    let input = BookingInput { debut: query.debut, ..BookingInput::default() };
    let page = page(&state, ctx, coach, input).await?;
    Ok(render(StatusCode::OK, &page))
}

/// Books the slot; the person's page, or the form again.
pub async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    ClientIp(client): ClientIp,
    Path(slug): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let coach = bookable_coach(&state, &slug).await?;
    let input = BookingInput::from_pairs(&pairs);
    if !allow_booking(&state, client.as_deref(), &input.email).await? {
        let mut page = page(&state, ctx, coach, input).await?;
        page.limited = Some(RATE_LIMITED);
        return Ok(render(StatusCode::TOO_MANY_REQUESTS, &page));
    }
    match book_slot(&state.db, state.clock.as_ref(), &coach, &input.to_form(), ctx.tr.locale).await {
        Ok((appointment, _)) => {
            flash::push(ctx.session(), "booking-flash-booked").await;
            Ok(Redirect::to(&appointment_path(&appointment.public_id, &appointment.secret)).into_response())
        }
        Err(CoachingError::Invalid(errors)) => {
            let mut page = page(&state, ctx, coach, input).await?;
            page.errors = FormErrors(errors);
            Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
        Err(taken @ (CoachingError::SlotTaken | CoachingError::NotBookable)) => {
            let mut page = page(&state, ctx, coach, input).await?;
            page.refusal = Some(taken.key());
            page.next_days = free_days(&state, &page.ctx.tr, &page.coach, NEXT_SLOTS).await?;
            Ok(render(StatusCode::CONFLICT, &page))
        }
        Err(other) => Err(refusal(other)),
    }
}
