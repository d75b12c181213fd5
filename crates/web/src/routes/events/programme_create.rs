//! `GET|POST /territoires/{slug}/evenements/nouveau`: the staff of a territory (not its
//! trainers) create a large event — a title and a description — then add sessions to it from
//! the session form. Invalid input re-renders the form (422) with the input kept.

use super::staff::grants_and_ancestry;
use crate::auth::RequireUser;
use crate::error::AppError;
use crate::flash;
use crate::pages::{Ctx, FormErrors, ok, render};
use crate::routes::territories::find as find_territory;
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tremplin_domain::accounts::User;
use tremplin_domain::events::EventError;
use tremplin_domain::events::policy::can_steer_events;
use tremplin_domain::events::programmes::create_programme;
use tremplin_domain::territories::Territory;

/// The form as typed.
#[derive(Debug, Default, Deserialize)]
pub struct ProgrammeFields {
    /// Title.
    #[serde(default)]
    pub title: String,
    /// Description.
    #[serde(default)]
    pub description: String,
}

#[derive(Template)]
#[template(path = "events_staff/programme_create.html")]
struct ProgrammeCreatePage {
    ctx: Ctx,
    territory: Territory,
    fields: ProgrammeFields,
    errors: FormErrors,
}

/// The territory, when the user steers its events (staff, platform admins); 403 otherwise.
async fn steered(state: &AppState, user: &User, slug: &str) -> Result<Territory, AppError> {
    let (territory, _, _) = find_territory(state, slug).await?;
    let (grants, ids) = grants_and_ancestry(state, user, territory.id).await?;
    if !can_steer_events(user, &grants, &ids) {
        return Err(AppError::Forbidden);
    }
    Ok(territory)
}

/// The empty form.
pub async fn show(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let territory = steered(&state, &user, &slug).await?;
    let page =
        ProgrammeCreatePage { ctx: ctx.with_form().await?, territory, fields: ProgrammeFields::default(), errors: FormErrors::default() };
    Ok(ok(&page))
}

/// Creates the large event and opens its programme page.
pub async fn submit(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    ctx: Ctx,
    Path(slug): Path<String>,
    Form(fields): Form<ProgrammeFields>,
) -> Result<Response, AppError> {
    let territory = steered(&state, &user, &slug).await?;
    match create_programme(&state.db, territory.id, &fields.title, &fields.description, state.clock.now_ts()).await {
        Ok(programme_slug) => {
            flash::push(ctx.session(), "programme-created").await;
            Ok(Redirect::to(&format!("/evenements/{programme_slug}")).into_response())
        }
        Err(EventError::Invalid(errors)) => {
            let page = ProgrammeCreatePage { ctx: ctx.with_form().await?, territory, fields, errors: FormErrors(errors) };
            Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
        Err(other) => Err(other.into()),
    }
}
