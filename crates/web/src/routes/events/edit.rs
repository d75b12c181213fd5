//! `GET|POST /ateliers/{slug}/modifier`: the session's trainers and staff change its fields
//! (the creation form without the series and the capacity, which has its own form on the
//! staff page so that nobody confirmed is ever dropped). The slug stays: links hold it.

use super::create::{CreatePage, TrainerChoice, trainers_of};
use super::create_form::{EventFields, parse, themes};
use super::programme_field::{pick, with_programme};
use super::staff::{gestion_path, grants_and_ancestry, session_for_staff};
use crate::auth::RequireUser;
use crate::error::AppError;
use crate::flash;
use crate::pages::{Ctx, FormErrors, ok, render};
use crate::state::AppState;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use tremplin_domain::accounts::User;
use tremplin_domain::events::editing::{registrants_to_tell, update_event};
use tremplin_domain::events::{Audience, Event, EventError, Level, Programme, RegistrationRepo};
use tremplin_domain::territories::{TerritoryRepo, ancestry};

async fn form_page(
    state: &AppState,
    user: &User,
    ctx: Ctx,
    event: &Event,
    fields: EventFields,
    errors: FormErrors,
) -> Result<(CreatePage, Vec<i64>, bool), AppError> {
    let all = state.db.list_territories().await?;
    let chain = ancestry(&all, event.territory_id);
    let territory = chain.last().cloned().ok_or(AppError::NotFound)?;
    let (grants, ids) = grants_and_ancestry(state, user, event.territory_id).await?;
    let mut author = trainers_of(state, user, territory, &chain, &grants, &ids).await?;
    // The session's own trainers stay choosable even if they left the territory's team.
    for t in &event.trainers {
        if !author.trainers.iter().any(|c| c.user_id == t.user_id) {
            author.trainers.push(TrainerChoice { user_id: t.user_id, name: t.name.clone() });
        }
    }
    // The session's own large event stays choosable, wherever it was organised.
    if let (Some(id), Some(slug)) = (event.programme_id, &event.programme_slug)
        && !author.programmes.iter().any(|p| p.id == id)
    {
        let title = event.programme_title.clone().unwrap_or_else(|| slug.clone());
        author.programmes.push(Programme { id, slug: slug.clone(), territory_id: event.territory_id, title, description: String::new() });
    }
    let allowed = author.trainers.iter().map(|t| t.user_id).collect();
    let to_tell = registrants_to_tell(&state.db.registrations_of_event(event.id).await?);
    let page = CreatePage {
        heading: ctx.tr.t1("session-edit-title", "title", event.title.clone()),
        action: format!("/ateliers/{}/modifier", event.slug),
        editing: true,
        ctx: ctx.with_form().await?,
        fields,
        errors,
        themes: themes(),
        audiences: Audience::ALL,
        levels: Level::ALL,
        trainers: author.trainers,
        programmes: author.programmes,
        // Large events are created from the creation form and `/mes-ateliers`, not here.
        new_programme: None,
        to_tell: Some(i64::try_from(to_tell).unwrap_or(i64::MAX)),
    };
    Ok((page, allowed, author.is_trainer))
}

/// The form, filled.
pub async fn show(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let (event, _) = session_for_staff(&state, &user, &slug).await?;
    let fields = EventFields::from_event(&event);
    let (page, _, _) = form_page(&state, &user, ctx, &event, fields, FormErrors::default()).await?;
    Ok(ok(&page))
}

/// Saves the changes.
pub async fn submit(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    ctx: Ctx,
    Path(slug): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let (event, _) = session_for_staff(&state, &user, &slug).await?;
    let mut fields = EventFields::from_pairs(pairs);
    // Neither is on this form: the capacity has its own, and a session stays in its series.
    fields.capacity = event.capacity.to_string();
    fields.repeat = "1".into();
    let (page, allowed, is_trainer) = form_page(&state, &user, ctx, &event, fields.clone(), FormErrors::default()).await?;
    let refused = |mut page: CreatePage, errors| {
        page.errors = FormErrors(errors);
        render(StatusCode::UNPROCESSABLE_ENTITY, &page)
    };
    let picked = pick(&fields, &page.programmes);
    let parsed = match with_programme(parse(&state, &fields, event.territory_id, &allowed, user.id, is_trainer).await, picked) {
        Ok((mut parsed, programme_id)) => {
            parsed.event.programme_id = programme_id;
            parsed
        }
        Err(errors) => return Ok(refused(page, errors)),
    };
    match update_event(&state.db, &event, &parsed.event, state.clock.now_ts()).await {
        Ok(0) => {
            flash::push(page.ctx.session(), "session-edit-saved").await;
            Ok(Redirect::to(&gestion_path(&slug)).into_response())
        }
        Ok(told) => {
            flash::push_count(page.ctx.session(), "session-edit-saved-told", i64::try_from(told).unwrap_or(i64::MAX)).await;
            Ok(Redirect::to(&gestion_path(&slug)).into_response())
        }
        Err(EventError::Invalid(errors)) => Ok(refused(page, errors)),
        Err(other) => Err(other.into()),
    }
}
