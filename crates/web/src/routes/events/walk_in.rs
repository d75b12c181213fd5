//! `POST /ateliers/{slug}/sur-place`: a person who came without registering is added at the
//! door — only while seats remain (the same conditional seat-taking as registrations), and
//! marked present at once.

use super::manage::{Forms, build};
use super::staff::{gestion_path, private, session_for_staff};
use crate::auth::RequireUser;
use crate::error::AppError;
use crate::flash;
use crate::pages::{Ctx, FormErrors, render};
use crate::state::AppState;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tremplin_domain::events::EventError;
use tremplin_domain::events::attendance::{WalkInForm, WalkInOutcome, add_walk_in};

/// The walk-in form.
#[derive(Debug, Deserialize)]
pub struct WalkInFields {
    #[serde(default)]
    walk_in_name: String,
    #[serde(default)]
    walk_in_contact: String,
}

/// Adds the person.
pub async fn submit(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    ctx: Ctx,
    Path(slug): Path<String>,
    Form(fields): Form<WalkInFields>,
) -> Result<Response, AppError> {
    let (event, _) = session_for_staff(&state, &user, &slug).await?;
    let form = WalkInForm { name: fields.walk_in_name.clone(), contact: fields.walk_in_contact.clone() };
    let kept = |errors: FormErrors, refused: Option<String>| Forms {
        walk_in_name: fields.walk_in_name.clone(),
        walk_in_contact: fields.walk_in_contact.clone(),
        errors,
        walk_in_refused: refused,
        ..Forms::default()
    };
    match add_walk_in(&state.db, state.clock.as_ref(), &event, &form, ctx.tr.locale).await {
        Ok(WalkInOutcome::Added(public_id)) => {
            flash::push(ctx.session(), "staff-walk-in-added").await;
            Ok(Redirect::to(&format!("{}#r-{public_id}", gestion_path(&slug))).into_response())
        }
        Ok(WalkInOutcome::AlreadyRegistered(public_id)) => {
            flash::push(ctx.session(), "staff-walk-in-already").await;
            Ok(Redirect::to(&format!("{}#r-{public_id}", gestion_path(&slug))).into_response())
        }
        Ok(WalkInOutcome::Full) => {
            let forms = kept(FormErrors::default(), Some(ctx.tr.t("staff-walk-in-full")));
            Ok(private(render(StatusCode::UNPROCESSABLE_ENTITY, &build(&state, ctx, event, String::new(), forms).await?)))
        }
        Err(EventError::Invalid(errors)) => {
            let forms = kept(FormErrors(errors), None);
            Ok(private(render(StatusCode::UNPROCESSABLE_ENTITY, &build(&state, ctx, event, String::new(), forms).await?)))
        }
        Err(other) => Err(other.into()),
    }
}
