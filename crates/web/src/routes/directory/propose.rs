//! `GET|POST /annuaire/proposer`: anyone proposes a place missing from the directory; a
//! manager of its territory publishes it.

use crate::error::AppError;
use crate::flash;
use crate::pages::{Ctx, FormErrors, ok, render};
use crate::state::AppState;
use askama::Template;
use axum::extract::{RawForm, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use tremplin_domain::directory::editing::EditableFields;
use tremplin_domain::directory::ownership::{self, OwnershipError};
use tremplin_domain::directory::{Category, DirectoryRepo};

#[derive(Template)]
#[template(path = "directory/propose.html")]
struct ProposePage {
    ctx: Ctx,
    fields: EditableFields,
    categories: Vec<Category>,
    errors: FormErrors,
}

/// The form.
pub async fn show(State(state): State<AppState>, ctx: Ctx) -> Result<Response, AppError> {
    let categories = state.db.categories().await?;
    Ok(ok(&ProposePage { ctx: ctx.with_form().await?, fields: EditableFields::default(), categories, errors: FormErrors::default() }))
}

/// Records the proposal.
pub async fn submit(State(state): State<AppState>, ctx: Ctx, RawForm(body): RawForm) -> Result<Response, AppError> {
    let (fields, _) = super::edit::fields_from_form(&body);
    match ownership::propose(&state.db, state.clock.as_ref(), fields.clone()).await {
        Ok(()) => {
            flash::push(ctx.session(), "propose-sent").await;
            Ok(Redirect::to("/annuaire").into_response())
        }
        Err(OwnershipError::Invalid(errors)) => {
            let categories = state.db.categories().await?;
            let ctx = ctx.with_form().await?;
            Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &ProposePage { ctx, fields, categories, errors: FormErrors(errors) }))
        }
        Err(other) => Err(other.into()),
    }
}
