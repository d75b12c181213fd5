//! `GET /api/v1/ecosystem/introductions` and `GET /api/v1/ecosystem/introductions/{public_id}`:
//! the JSON twins of the pages, with the session cookie. 401 when not logged in, 404 for an
//! introduction the account is not a side of; `contact` is `null` until accepted.

use super::access::{own_actor, private, seen_by};
use crate::error::AppError;
use crate::locale::locale_of;
use crate::pages::Ctx;
use crate::routes::events::api::error;
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use tremplin_domain::ecosystem::ActorRepo;
use tremplin_domain::ecosystem::introductions::{IntroRepo, Introduction, Side, contact_visible};
use utoipa::ToSchema;

/// The other side of an introduction, as anyone may see it.
#[derive(Debug, Serialize, ToSchema)]
pub struct IntroActorDto {
    /// Actor slug.
    pub slug: String,
    /// Name.
    pub name: String,
}

/// How to reach the other side: only once both agreed.
#[derive(Debug, Serialize, ToSchema)]
pub struct IntroContactDto {
    /// Person to ask for.
    pub name: String,
    /// E-mail.
    pub email: String,
    /// Phone, may be empty.
    pub phone: String,
}

/// An introduction seen by one of its sides.
#[derive(Debug, Serialize, ToSchema)]
pub struct IntroductionDto {
    /// Opaque identifier.
    pub public_id: String,
    /// Its page.
    pub url: String,
    /// `requester` or `recipient`: the caller's side.
    pub role: String,
    /// The other side.
    pub other: IntroActorDto,
    /// The need (a topic identifier: `mentoring`, `funding` …).
    pub need: String,
    /// `pending`, `accepted`, `declined`, `withdrawn` or `expired`.
    pub status: String,
    /// The requester's message.
    pub message: String,
    /// The recipient's answer message.
    pub answer: String,
    /// Whether the acceptance opened a mentoring relationship.
    pub mentoring: bool,
    /// Asked, Unix seconds.
    pub created_at: i64,
    /// Answered, withdrawn or expired, Unix seconds.
    pub answered_at: Option<i64>,
    /// The other side's contact: `null` until accepted.
    pub contact: Option<IntroContactDto>,
}

/// The caller's introductions.
#[derive(Debug, Serialize, ToSchema)]
pub struct IntroductionListDto {
    /// Newest first.
    pub introductions: Vec<IntroductionDto>,
}

async fn dto(state: &AppState, intro: &Introduction, side: Side) -> Result<IntroductionDto, AppError> {
    let other = intro.other(side);
    let contact = if contact_visible(intro, Some(side)) { state.db.actor_contact(other.actor_id).await? } else { None };
    Ok(IntroductionDto {
        public_id: intro.public_id.clone(),
        url: format!(
            "{}{}",
            state.config.base_url.trim_end_matches('/'),
            tremplin_domain::ecosystem::intro_mail::intro_path(&intro.public_id)
        ),
        role: if side == Side::Requester { "requester" } else { "recipient" }.to_owned(),
        other: IntroActorDto { slug: other.slug.clone(), name: other.name.clone() },
        need: intro.need.as_str().to_owned(),
        status: intro.status.as_str().to_owned(),
        message: intro.message.clone(),
        answer: intro.answer.clone(),
        mentoring: intro.mentoring,
        created_at: intro.created_at,
        answered_at: intro.answered_at,
        contact: contact.map(|c| IntroContactDto { name: c.name, email: c.email, phone: c.phone }),
    })
}

fn unauthorized(headers: &HeaderMap) -> Response {
    private(error(StatusCode::UNAUTHORIZED, locale_of(headers), "eco-intro-error-login", &[]))
}

/// The caller's introductions.
#[utoipa::path(get, path = "/api/v1/ecosystem/introductions", tag = "ecosystem",
    responses((status = 200, body = IntroductionListDto), (status = 401, description = "Not logged in (session cookie)")))]
pub async fn list(State(state): State<AppState>, headers: HeaderMap, ctx: Ctx) -> Result<Response, AppError> {
    let Some(user) = ctx.user else { return Ok(unauthorized(&headers)) };
    let mut introductions = Vec::new();
    if let Some(mine) = own_actor(&state, &user).await? {
        for intro in state.db.introductions_of(mine.id).await? {
            if let Some(side) = intro.side_of(mine.id) {
                introductions.push(dto(&state, &intro, side).await?);
            }
        }
    }
    Ok(private(Json(IntroductionListDto { introductions }).into_response()))
}

/// One introduction of the caller.
#[utoipa::path(get, path = "/api/v1/ecosystem/introductions/{public_id}", tag = "ecosystem",
    params(("public_id" = String, Path, description = "Opaque identifier")),
    responses((status = 200, body = IntroductionDto), (status = 401, description = "Not logged in"),
        (status = 404, description = "No such introduction, or the caller is not a side of it")))]
pub async fn detail(
    State(state): State<AppState>,
    headers: HeaderMap,
    ctx: Ctx,
    Path(public_id): Path<String>,
) -> Result<Response, AppError> {
    let Some(user) = ctx.user else { return Ok(unauthorized(&headers)) };
    let (intro, side) = seen_by(&state, &user, &public_id).await?;
    Ok(private(Json(dto(&state, &intro, side).await?).into_response()))
}
