//! `GET /rendez-vous/{public_id}/{token}/suivi`: what is recorded about a person, seen with
//! the link of one of their appointments (no account): their details, every appointment and
//! every record, whatever the coach; `…/suivi.json` downloads it all. A wrong link gets the
//! "link invalid" page (404).

use super::labels::Labels;
use super::private;
use super::timeline::{Entry, entries};
use crate::error::AppError;
use crate::i18n::Tr;
use crate::pages::{Ctx, ok, render};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use tremplin_domain::coaching::follow_up::{RecordError, person_copy};
use tremplin_domain::coaching::records::FollowUp;

#[derive(Template)]
#[template(path = "coaching_records/person_copy.html")]
struct CopyPage {
    ctx: Ctx,
    follow_up: FollowUp,
    entries: Vec<Entry>,
    back: String,
}

impl Labels for CopyPage {
    fn tr(&self) -> &Tr {
        &self.ctx.tr
    }
}

#[derive(Template)]
#[template(path = "coaching_records/link_invalid.html")]
struct LinkInvalidPage {
    ctx: Ctx,
}

/// The follow-up behind a person's link, or `None` for a wrong link.
async fn find(state: &AppState, public_id: &str, token: &str) -> Result<Option<FollowUp>, AppError> {
    match person_copy(&state.db, public_id, token).await {
        Ok(found) => Ok(Some(found)),
        Err(RecordError::TokenInvalid | RecordError::NotFound) => Ok(None),
        Err(other) => Err(other.into()),
    }
}

/// The person's page.
pub async fn page(State(state): State<AppState>, ctx: Ctx, Path((public_id, token)): Path<(String, String)>) -> Result<Response, AppError> {
    let Some(follow_up) = find(&state, &public_id, &token).await? else {
        return Ok(render(StatusCode::NOT_FOUND, &LinkInvalidPage { ctx }));
    };
    let entries = entries(&follow_up, None, state.clock.now_ts());
    let back = format!("/rendez-vous/{public_id}/{token}");
    Ok(private(ok(&CopyPage { ctx, follow_up, entries, back })))
}

/// Everything as a JSON file.
pub async fn download(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((public_id, token)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let Some(follow_up) = find(&state, &public_id, &token).await? else {
        return Ok(render(StatusCode::NOT_FOUND, &LinkInvalidPage { ctx }));
    };
    let body = serde_json::to_string_pretty(&follow_up).map_err(|e| AppError::Internal(e.to_string()))?;
    let disposition = format!("attachment; filename=\"suivi-{}.json\"", follow_up.beneficiary.public_id);
    Ok((
        [
            (header::CONTENT_TYPE, "application/json; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        body,
    )
        .into_response())
}
