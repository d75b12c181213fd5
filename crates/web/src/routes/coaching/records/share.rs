//! `GET|POST /espace-coach/beneficiaires/{public_id}/partager`: whoever reads a follow-up may
//! share it with another coach of its territory. The person is not told; the timeline shows
//! who shared it and when.

use super::{ActorData, private, timeline_path};
use crate::auth::RequireUser;
use crate::error::AppError;
use crate::flash;
use crate::pages::{Ctx, FormErrors, render};
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tremplin_domain::coaching::follow_up::{RecordError, share, share_candidates};
use tremplin_domain::coaching::records::Follower;
use tremplin_domain::coaching::{Beneficiary, Coach};

#[derive(Template)]
#[template(path = "coaching_records/share.html")]
struct SharePage {
    ctx: Ctx,
    beneficiary: Beneficiary,
    followers: Vec<Follower>,
    candidates: Vec<Coach>,
    chosen: String,
    errors: FormErrors,
}

async fn page(state: &AppState, data: &ActorData, ctx: Ctx, public_id: &str) -> Result<SharePage, AppError> {
    let (beneficiary, followers, candidates) = share_candidates(&state.db, data.actor(), public_id).await?;
    Ok(SharePage { ctx: ctx.with_form().await?, beneficiary, followers, candidates, chosen: String::new(), errors: FormErrors::default() })
}

/// The coaches to share with.
pub async fn show(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    ctx: Ctx,
    Path(public_id): Path<String>,
) -> Result<Response, AppError> {
    let data = ActorData::of(&state, user).await?;
    Ok(private(render(StatusCode::OK, &page(&state, &data, ctx, &public_id).await?)))
}

/// The coach chosen.
#[derive(Debug, Deserialize)]
pub struct ShareFields {
    #[serde(default)]
    coach: String,
}

/// Shares; back to the timeline.
pub async fn submit(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    ctx: Ctx,
    Path(public_id): Path<String>,
    Form(fields): Form<ShareFields>,
) -> Result<Response, AppError> {
    let data = ActorData::of(&state, user).await?;
    match share(&state.db, state.clock.as_ref(), data.actor(), &public_id, &fields.coach).await {
        Ok(added) => {
            tracing::info!(user_id = data.user.id, beneficiary = %public_id, coach = %fields.coach, "follow-up shared");
            flash::push(ctx.session(), if added { "share-done" } else { "share-already" }).await;
            Ok(Redirect::to(&timeline_path(&public_id)).into_response())
        }
        Err(RecordError::Invalid(errors)) => {
            let mut refused = page(&state, &data, ctx, &public_id).await?;
            refused.chosen = fields.coach;
            refused.errors = FormErrors(errors);
            Ok(private(render(StatusCode::UNPROCESSABLE_ENTITY, &refused)))
        }
        Err(error) => Err(error.into()),
    }
}
