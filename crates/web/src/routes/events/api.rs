//! The registration API (no account, no CSRF: nothing here reads a cookie):
//! `POST /api/v1/events/{slug}/registrations`, `POST /api/v1/registrations` (several
//! sessions in one step) and `POST /api/v1/registrations/{public_id}/cancel`.
//!
//! Kept cheap for load: one read of the session(s), then the store's one transaction; no
//! session row, no other query.

use crate::client::ClientIp;
use crate::error::AppError;
use crate::i18n::Tr;
use crate::locale::locale_of;
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use serde_json::json;
use tremplin_domain::events::commands::{self, MAX_SESSIONS_PER_REQUEST, RegistrationForm, registration_for_link};
use tremplin_domain::events::tokens::{self, Purpose};
use tremplin_domain::events::{CancelOutcome, Event, EventError, EventRepo, RegistrationOutcome};
use tremplin_kernel::Locale;
use utoipa::ToSchema;

/// A person registering.
#[derive(Debug, Deserialize, ToSchema)]
#[schema(example = json!({"name": "Camille Martin", "email": "camille@example.org", "business": "Atelier Martin", "consent": true, "locale": "fr"}))]
pub struct PersonBody {
    /// Name.
    #[serde(default)]
    pub name: String,
    /// E-mail (this or the phone).
    #[serde(default)]
    pub email: Option<String>,
    /// Phone (this or the e-mail).
    #[serde(default)]
    pub phone: Option<String>,
    /// Business or association.
    #[serde(default)]
    pub business: Option<String>,
    /// Consent to the processing of these details for the session (kept 12 months after it,
    /// seen by its trainers and the territory's team). Must be `true`.
    #[serde(default)]
    pub consent: bool,
    /// Language of the e-mails and messages: `fr` (default) or `en`.
    #[serde(default)]
    pub locale: Option<String>,
}

impl PersonBody {
    fn form(&self) -> RegistrationForm {
        RegistrationForm {
            name: self.name.clone(),
            email: self.email.clone().unwrap_or_default(),
            phone: self.phone.clone().unwrap_or_default(),
            business: self.business.clone().unwrap_or_default(),
            consent: self.consent,
        }
    }

    fn locale(&self, headers: &HeaderMap) -> Locale {
        self.locale.as_deref().and_then(Locale::parse).unwrap_or_else(|| locale_of(headers))
    }
}

/// Several sessions and the person.
#[derive(Debug, Deserialize, ToSchema)]
#[schema(example = json!({"sessions": ["creer-sa-fiche-google-2026-03-12", "securiser-ses-mots-de-passe-2026-03-19"], "name": "Camille Martin", "phone": "06 12 34 56 78", "consent": true}))]
pub struct MultiBody {
    /// Session slugs (at most 20).
    #[serde(default)]
    pub sessions: Vec<String>,
    /// The person.
    #[serde(flatten)]
    pub person: PersonBody,
}

/// The manage token of a registration.
#[derive(Debug, Deserialize, ToSchema)]
#[schema(example = json!({"token": "the last segment of manage_url, as returned by the registration"}))]
pub struct CancelBody {
    /// The token of the registrant's link (`/inscriptions/{public_id}/{token}`).
    #[serde(default)]
    pub token: String,
}

/// One registration.
#[derive(Debug, Serialize, ToSchema)]
pub struct RegistrationDto {
    /// The session's slug.
    pub event: String,
    /// Public identifier of the registration.
    pub public_id: String,
    /// `confirmed`, `waitlisted` or `cancelled`.
    pub status: String,
    /// Place in the waitlist (1 = next), when waitlisted.
    pub position: Option<i64>,
    /// The person was registered already: nothing changed.
    pub already: bool,
    /// The registrant's page (see, cancel); its last segment is the token to cancel.
    pub manage_url: Option<String>,
}

impl RegistrationDto {
    fn new(outcome: &RegistrationOutcome, base: &str) -> Self {
        RegistrationDto {
            event: outcome.event_slug.clone(),
            public_id: outcome.public_id.clone(),
            status: outcome.status.as_str().to_owned(),
            position: outcome.position,
            already: outcome.already,
            manage_url: Some(format!("{base}{}", tokens::manage_path(&outcome.public_id, &outcome.secret))),
        }
    }
}

/// `{"error": {"code", "message", "fields"}}`, in the caller's language. The code is the
/// translation key without its `error-` / `<domain>-error-` prefix.
pub(crate) fn error(status: StatusCode, locale: Locale, key: &'static str, fields: &[(&'static str, &'static str)]) -> Response {
    let tr = Tr::new(locale);
    let code = key.split_once("error-").map_or(key, |(_, code)| code);
    let mut body = json!({"code": code, "message": tr.t(key)});
    if !fields.is_empty() {
        body["fields"] =
            fields.iter().map(|(f, k)| ((*f).to_owned(), serde_json::Value::String(tr.t(k)))).collect::<serde_json::Map<_, _>>().into();
    }
    (status, Json(json!({ "error": body }))).into_response()
}

/// The answer to a registration request: 201 when something was created, 200 when the
/// person was registered already everywhere; 422 for invalid input; 409 when closed.
async fn register(
    state: &AppState,
    client: Option<&str>,
    events: &[Event],
    person: &PersonBody,
    locale: Locale,
    single: bool,
) -> Result<Response, AppError> {
    if !super::register::allow_registration(state, client, person.email.as_deref().unwrap_or_default()).await? {
        return Ok(error(StatusCode::TOO_MANY_REQUESTS, locale, super::register::RATE_LIMITED, &[]));
    }
    match commands::register(&state.db, state.clock.as_ref(), events, &person.form(), locale).await {
        Ok(outcomes) => {
            let base = state.config.base_url.trim_end_matches('/');
            let status = if outcomes.iter().all(|o| o.already) { StatusCode::OK } else { StatusCode::CREATED };
            let dtos: Vec<RegistrationDto> = outcomes.iter().map(|o| RegistrationDto::new(o, base)).collect();
            let body = if single { json!({ "registration": dtos.into_iter().next() }) } else { json!({ "registrations": dtos }) };
            Ok((status, Json(body)).into_response())
        }
        Err(EventError::Invalid(errors)) => {
            let fields: Vec<_> = errors.iter().map(|e| (e.field, e.key)).collect();
            Ok(error(StatusCode::UNPROCESSABLE_ENTITY, locale, "error-invalid-form", &fields))
        }
        Err(refusal @ (EventError::RegistrationClosed | EventError::EventCancelled)) => {
            Ok(error(StatusCode::CONFLICT, locale, refusal.key(), &[]))
        }
        Err(other) => Err(other.into()),
    }
}

/// Registers a person for a session.
#[utoipa::path(post, path = "/api/v1/events/{slug}/registrations", tag = "events", request_body = PersonBody,
    params(("slug" = String, Path, description = "Identifier of the session")),
    responses((status = 201, description = "Registered: `{\"registration\": …}`, confirmed or waitlisted with the position", body = RegistrationDto),
              (status = 200, description = "The same person was registered already (`already: true`)", body = RegistrationDto),
              (status = 404, description = "No such session"),
              (status = 409, description = "Registration closed or session cancelled"),
              (status = 422, description = "Invalid input, with a message per field"),
              (status = 429, description = "Too many registrations from this client or for this e-mail address in the last hour")))]
pub async fn register_one(
    State(state): State<AppState>,
    ClientIp(client): ClientIp,
    headers: HeaderMap,
    Path(slug): Path<String>,
    Json(body): Json<PersonBody>,
) -> Result<Response, AppError> {
    let event = state.db.event_by_slug(&slug).await?.ok_or(AppError::NotFound)?;
    register(&state, client.as_deref(), std::slice::from_ref(&event), &body, body.locale(&headers), true).await
}

/// Registers a person for several sessions in one step.
#[utoipa::path(post, path = "/api/v1/registrations", tag = "events", request_body = MultiBody,
    responses((status = 201, description = "`{\"registrations\": […]}`, one per session", body = [RegistrationDto]),
              (status = 200, description = "Registered already for every session"),
              (status = 409, description = "Registration closed for one of the sessions"),
              (status = 422, description = "Invalid input or unknown session"),
              (status = 429, description = "Too many registrations from this client or for this e-mail address in the last hour")))]
pub async fn register_many(
    State(state): State<AppState>,
    ClientIp(client): ClientIp,
    headers: HeaderMap,
    Json(body): Json<MultiBody>,
) -> Result<Response, AppError> {
    let locale = body.person.locale(&headers);
    if body.sessions.len() > MAX_SESSIONS_PER_REQUEST {
        return Ok(error(StatusCode::UNPROCESSABLE_ENTITY, locale, "error-invalid-form", &[("sessions", "event-error-too-many-sessions")]));
    }
    let mut events = Vec::with_capacity(body.sessions.len());
    for slug in &body.sessions {
        match state.db.event_by_slug(slug).await? {
            Some(event) => events.push(event),
            None => {
                return Ok(error(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    locale,
                    "error-invalid-form",
                    &[("sessions", "event-error-session-unknown")],
                ));
            }
        }
    }
    register(&state, client.as_deref(), &events, &body.person, locale, false).await
}

/// Cancels a registration with its link's token; the seat goes to the first of the waitlist.
#[utoipa::path(post, path = "/api/v1/registrations/{public_id}/cancel", tag = "events", request_body = CancelBody,
    params(("public_id" = String, Path, description = "Public identifier of the registration")),
    responses((status = 200, description = "Cancelled (or was already)"),
              (status = 404, description = "Unknown registration or wrong token"),
              (status = 409, description = "The session has started")))]
pub async fn cancel(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(public_id): Path<String>,
    Json(body): Json<CancelBody>,
) -> Result<Response, AppError> {
    let locale = locale_of(&headers);
    let (registration, event) = match registration_for_link(&state.db, state.clock.as_ref(), &public_id, &body.token, Purpose::Manage).await
    {
        Ok(found) => found,
        Err(EventError::TokenInvalid | EventError::NotFound) => {
            return Ok(error(StatusCode::NOT_FOUND, locale, "event-link-invalid-title", &[]));
        }
        Err(other) => return Err(other.into()),
    };
    match commands::cancel(&state.db, state.clock.as_ref(), &registration, &event, false).await {
        Ok(outcome) => {
            let already = outcome == CancelOutcome::AlreadyCancelled;
            Ok(Json(json!({"registration": {"public_id": public_id, "event": event.slug, "status": "cancelled", "already": already}}))
                .into_response())
        }
        Err(EventError::RegistrationClosed) => Ok(error(StatusCode::CONFLICT, locale, "event-cancel-too-late", &[])),
        Err(other) => Err(other.into()),
    }
}
