//! `GET|POST /annuaire/{slug}/signaler`: anyone reports an error on a listing; it goes to the
//! moderation queue of the listing's territory.

use super::find;
use crate::error::AppError;
use crate::flash;
use crate::pages::{Ctx, FormErrors, ok, render};
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tremplin_domain::directory::Listing;
use tremplin_domain::directory::ownership::{self, OwnershipError};

#[derive(Template)]
#[template(path = "directory/report.html")]
struct ReportPage {
    ctx: Ctx,
    listing: Listing,
    errors: FormErrors,
    message: String,
    contact: String,
}

/// The report form.
pub async fn show(State(state): State<AppState>, ctx: Ctx, Path(slug): Path<String>) -> Result<Response, AppError> {
    let listing = find(&state, &slug).await?;
    Ok(ok(&ReportPage {
        ctx: ctx.with_form().await?,
        listing,
        errors: FormErrors::default(),
        message: String::new(),
        contact: String::new(),
    }))
}

/// Fields of the report form.
#[derive(Debug, Deserialize)]
pub struct ReportForm {
    #[serde(default)]
    message: String,
    #[serde(default)]
    contact: String,
}

/// Records the report.
pub async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    Form(form): Form<ReportForm>,
) -> Result<Response, AppError> {
    let listing = find(&state, &slug).await?;
    match ownership::report(&state.db, state.clock.as_ref(), &listing, &form.message, &form.contact).await {
        Ok(()) => {
            flash::push(ctx.session(), "report-sent").await;
            Ok(Redirect::to(&format!("/annuaire/{slug}")).into_response())
        }
        Err(OwnershipError::Invalid(errors)) => {
            let ctx = ctx.with_form().await?;
            Ok(render(
                StatusCode::UNPROCESSABLE_ENTITY,
                &ReportPage { ctx, listing, errors: FormErrors(errors), message: form.message, contact: form.contact },
            ))
        }
        Err(other) => Err(other.into()),
    }
}
