//! `POST /api/v1/coaches/{slug}/appointments`: books a slot without an account (no CSRF:
//! nothing here reads a cookie). 201 with the appointment and the person's page; 409 when the
//! slot is taken; 422 with a message per field.

use crate::client::ClientIp;
use crate::error::AppError;
use crate::locale::locale_of;
use crate::routes::events::api::error;
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use serde_json::json;
use tremplin_domain::coaching::commands::{BookingForm, book_slot};
use tremplin_domain::coaching::tokens::appointment_path;
use tremplin_domain::coaching::{CoachRepo, CoachingError};
use tremplin_kernel::Locale;
use utoipa::ToSchema;

/// A booking.
#[derive(Debug, Deserialize, ToSchema)]
#[schema(example = json!({"starts_at": 1_773_306_000, "modality": "phone", "themes": ["website"], "need": "Refaire le site de la boutique", "name": "Camille Martin", "email": "camille@example.org", "consent": true}))]
pub struct AppointmentBody {
    /// Start of a free slot (Unix seconds, as the coach's slots give it).
    #[serde(default)]
    pub starts_at: i64,
    /// `at_business`, `at_venue`, `phone` or `video`, among the coach's.
    #[serde(default)]
    pub modality: String,
    /// Themes of the need (workshop vocabulary).
    #[serde(default)]
    pub themes: Vec<String>,
    /// The need in a few words.
    #[serde(default)]
    pub need: String,
    /// Name.
    #[serde(default)]
    pub name: String,
    /// E-mail (this or the phone).
    #[serde(default)]
    pub email: Option<String>,
    /// Phone (this or the e-mail).
    #[serde(default)]
    pub phone: Option<String>,
    /// Business or association, optional.
    #[serde(default)]
    pub business: Option<String>,
    /// Consent to the processing of these details for the accompaniment. Must be `true`.
    #[serde(default)]
    pub consent: bool,
    /// Language of the e-mails: `fr` (default) or `en`.
    #[serde(default)]
    pub locale: Option<String>,
}

impl AppointmentBody {
    fn form(&self) -> BookingForm {
        BookingForm {
            starts_at: self.starts_at.to_string(),
            modality: self.modality.clone(),
            themes: self.themes.clone(),
            need: self.need.clone(),
            name: self.name.clone(),
            email: self.email.clone().unwrap_or_default(),
            phone: self.phone.clone().unwrap_or_default(),
            business: self.business.clone().unwrap_or_default(),
            consent: self.consent,
        }
    }
}

/// A booked appointment.
#[derive(Debug, Serialize, ToSchema)]
pub struct AppointmentDto {
    /// Public identifier.
    pub public_id: String,
    /// The coach's slug.
    pub coach: String,
    /// Start (Unix seconds).
    pub starts_at: i64,
    /// End (Unix seconds).
    pub ends_at: i64,
    /// Modality.
    pub modality: String,
    /// `booked`.
    pub status: String,
    /// The person's page (see, move, cancel; the calendar file).
    pub manage_url: String,
}

/// Books a slot with a coach.
#[utoipa::path(post, path = "/api/v1/coaches/{slug}/appointments", tag = "coaches", request_body = AppointmentBody,
    params(("slug" = String, Path, description = "Identifier of the coach")),
    responses((status = 201, description = "Booked: `{\"appointment\": …}`; the confirmation is e-mailed", body = AppointmentDto),
              (status = 404, description = "No such coach"),
              (status = 409, description = "The slot is no longer free, or the coach takes no appointments"),
              (status = 422, description = "Invalid input, with a message per field"),
              (status = 429, description = "Too many bookings from this client or for this e-mail address in the last hour")))]
pub async fn book(
    State(state): State<AppState>,
    ClientIp(client): ClientIp,
    headers: HeaderMap,
    Path(slug): Path<String>,
    Json(body): Json<AppointmentBody>,
) -> Result<Response, AppError> {
    let locale = body.locale.as_deref().and_then(Locale::parse).unwrap_or_else(|| locale_of(&headers));
    let coach = state.db.coach_by_slug(&slug).await?.ok_or(AppError::NotFound)?;
    if !super::form::allow_booking(&state, client.as_deref(), body.email.as_deref().unwrap_or_default()).await? {
        return Ok(error(StatusCode::TOO_MANY_REQUESTS, locale, super::form::RATE_LIMITED, &[]));
    }
    match book_slot(&state.db, state.clock.as_ref(), &coach, &body.form(), locale).await {
        Ok((appointment, _)) => {
            let base = state.config.base_url.trim_end_matches('/');
            let dto = AppointmentDto {
                manage_url: format!("{base}{}", appointment_path(&appointment.public_id, &appointment.secret)),
                public_id: appointment.public_id,
                coach: coach.slug,
                starts_at: appointment.starts_at,
                ends_at: appointment.ends_at,
                modality: appointment.modality.as_str().to_owned(),
                status: appointment.status.as_str().to_owned(),
            };
            Ok((StatusCode::CREATED, Json(json!({ "appointment": dto }))).into_response())
        }
        Err(CoachingError::Invalid(errors)) => {
            let fields: Vec<_> = errors.iter().map(|e| (e.field, e.key)).collect();
            Ok(error(StatusCode::UNPROCESSABLE_ENTITY, locale, "error-invalid-form", &fields))
        }
        Err(refused @ (CoachingError::SlotTaken | CoachingError::NotBookable)) => {
            Ok(error(StatusCode::CONFLICT, locale, refused.key(), &[]))
        }
        Err(other) => Err(super::refusal(other)),
    }
}
