//! `POST /ateliers/{slug}/inscription`: registers a visitor (no account) for one session;
//! the answer is their own page, with a message: confirmed, waitlisted, or already there.

use super::show::SessionPage;
use crate::client::ClientIp;
use crate::error::AppError;
use crate::flash;
use crate::pages::{Ctx, FormErrors, render};
use crate::rate_limit::{self, Limit};
use crate::state::AppState;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tremplin_domain::events::commands::{self, RegistrationForm};
use tremplin_domain::events::{EventError, EventRepo, RegistrationOutcome, RegistrationStatus, tokens};

/// The person's fields of a registration form, as typed (kept to fill the form again).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct PersonInput {
    /// Name.
    #[serde(default)]
    pub name: String,
    /// E-mail.
    #[serde(default)]
    pub email: String,
    /// Phone.
    #[serde(default)]
    pub phone: String,
    /// Business or association.
    #[serde(default)]
    pub business: String,
    /// The consent box (present when ticked).
    #[serde(default)]
    pub consent: Option<String>,
}

impl PersonInput {
    /// Reads the person's fields from a form's pairs (forms with repeated fields).
    pub fn from_pairs(pairs: &[(String, String)]) -> Self {
        let mut input = PersonInput::default();
        for (key, value) in pairs {
            match key.as_str() {
                "name" => input.name = value.clone(),
                "email" => input.email = value.clone(),
                "phone" => input.phone = value.clone(),
                "business" => input.business = value.clone(),
                "consent" => input.consent = Some(value.clone()),
                _ => {}
            }
        }
        input
    }

    /// The domain's form.
    pub fn to_form(&self) -> RegistrationForm {
        RegistrationForm {
            name: self.name.clone(),
            email: self.email.clone(),
            phone: self.phone.clone(),
            business: self.business.clone(),
            consent: self.consent.is_some(),
        }
    }

    /// Whether the consent box is ticked.
    pub fn consented(&self) -> bool {
        self.consent.is_some()
    }
}

/// The message of a registration refused for its rate.
pub const RATE_LIMITED: &str = "rate-limit-registration";

/// Counts a registration attempt from `client` for `email`; false when over a limit. The
/// page, the programme form and the API share it, so the limits hold whichever is used.
pub async fn allow_registration(state: &AppState, client: Option<&str>, email: &str) -> Result<bool, AppError> {
    rate_limit::allow_all(state, &[(Limit::RegistrationPerClient, client), (Limit::RegistrationPerEmail, Some(email))]).await
}

/// The message shown after registering for one session.
pub fn outcome_flash(outcome: &RegistrationOutcome) -> &'static str {
    match (outcome.already, outcome.status) {
        (true, _) => "event-flash-already",
        (false, RegistrationStatus::Confirmed) => "event-flash-confirmed",
        _ => "event-flash-waitlisted",
    }
}

/// Registers the visitor and sends them to their page; the form comes back (422) with a
/// message beside each wrong field, or with the refusal when registration closed meanwhile.
pub async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    ClientIp(client): ClientIp,
    Path(slug): Path<String>,
    Form(input): Form<PersonInput>,
) -> Result<Response, AppError> {
    let event = state.db.event_by_slug(&slug).await?.ok_or(AppError::NotFound)?;
    let locale = ctx.tr.locale;
    if !allow_registration(&state, client.as_deref(), &input.email).await? {
        let mut page = SessionPage::new(&state, ctx.with_form().await?, event);
        page.input = input;
        page.refusal = Some(RATE_LIMITED);
        return Ok(render(StatusCode::TOO_MANY_REQUESTS, &page));
    }
    match commands::register(&state.db, state.clock.as_ref(), std::slice::from_ref(&event), &input.to_form(), locale).await {
        Ok(outcomes) => {
            let outcome = outcomes.into_iter().next().ok_or_else(|| AppError::Internal("no registration outcome".into()))?;
            flash::push(ctx.session(), outcome_flash(&outcome)).await;
            Ok(Redirect::to(&tokens::manage_path(&outcome.public_id, &outcome.secret)).into_response())
        }
        Err(EventError::Invalid(errors)) => {
            let mut page = SessionPage::new(&state, ctx.with_form().await?, event);
            page.input = input;
            page.errors = FormErrors(errors);
            Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
        Err(refusal @ (EventError::RegistrationClosed | EventError::EventCancelled)) => {
            let mut page = SessionPage::new(&state, ctx.with_form().await?, event);
            page.input = input;
            page.open = false;
            page.refusal = Some(refusal.key());
            Ok(render(StatusCode::CONFLICT, &page))
        }
        Err(other) => Err(other.into()),
    }
}
