//! `GET|POST /espace-coach/beneficiaires/{public_id}/compte-rendu`: a coach following a
//! beneficiary records a contact without appointment (a phone call, a visit), dated today
//! unless they say otherwise.

use super::record_form::{RecordFields, record_page};
use super::{ActorData, private, timeline_path};
use crate::auth::RequireUser;
use crate::error::AppError;
use crate::flash;
use crate::pages::{Ctx, FormErrors, render};
use crate::routes::privacy::staff::log::record as record_read;
use crate::state::AppState;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use tremplin_domain::coaching::follow_up::{RecordError, follow_up, may_record_contact, record_contact};
use tremplin_domain::coaching::slots::local_date;
use tremplin_domain::coaching::{Beneficiary, Outcome};
use tremplin_domain::privacy::{AccessKind, Subject};

/// The beneficiary, when the actor may write a contact record for it (else 404).
async fn recordable(state: &AppState, data: &ActorData, public_id: &str) -> Result<Beneficiary, AppError> {
    let follow_up = follow_up(&state.db, data.actor(), public_id).await?;
    if !may_record_contact(data.actor(), &follow_up) {
        return Err(AppError::NotFound);
    }
    Ok(follow_up.beneficiary)
}

/// The empty form, dated today.
pub async fn show(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    ctx: Ctx,
    Path(public_id): Path<String>,
) -> Result<Response, AppError> {
    let data = ActorData::of(&state, user).await?;
    let beneficiary = recordable(&state, &data, &public_id).await?;
    let subject = Subject::by_email(beneficiary.email.as_deref(), &beneficiary.name);
    record_read(&state, &data.user, beneficiary.territory_id, AccessKind::Record, &beneficiary.public_id, &[subject]).await?;
    let fields = RecordFields {
        outcome: Outcome::InProgress.as_str().to_owned(),
        duration: "30".into(),
        date: local_date(state.clock.now_ts()).format("%Y-%m-%d").to_string(),
        ..RecordFields::default()
    };
    let action = format!("{}/compte-rendu", timeline_path(&public_id));
    Ok(private(render(StatusCode::OK, &record_page(ctx.with_form().await?, beneficiary, None, action, fields))))
}

/// Saves the record; back to the timeline.
pub async fn submit(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    ctx: Ctx,
    Path(public_id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let data = ActorData::of(&state, user).await?;
    let fields = RecordFields::from_pairs(pairs);
    match record_contact(&state.db, state.clock.as_ref(), data.actor(), &public_id, &fields.form(), &fields.date).await {
        Ok(beneficiary) => {
            flash::push(ctx.session(), "record-saved").await;
            Ok(Redirect::to(&timeline_path(&beneficiary)).into_response())
        }
        Err(RecordError::Invalid(errors)) => {
            let beneficiary = recordable(&state, &data, &public_id).await?;
            let action = format!("{}/compte-rendu", timeline_path(&public_id));
            let mut page = record_page(ctx.with_form().await?, beneficiary, None, action, fields);
            page.errors = FormErrors(errors);
            Ok(private(render(StatusCode::UNPROCESSABLE_ENTITY, &page)))
        }
        Err(error) => Err(error.into()),
    }
}
