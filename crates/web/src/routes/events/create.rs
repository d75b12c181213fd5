//! `GET|POST /territoires/{slug}/ateliers/nouveau`: staff and trainers of a territory create a
//! session, or a weekly series of N sessions (one `event_series`, slugs from
//! `commands::free_event_slug`). Invalid input re-renders the form (422) with the input kept.

use super::create_form::{EventFields, parse, shifted, themes};
use super::programme_field::{choices, pick, with_programme};
use super::staff::{gestion_path, grants_and_ancestry};
use crate::auth::RequireUser;
use crate::error::AppError;
use crate::flash;
use crate::pages::{Ctx, FormErrors, ok, render};
use crate::routes::territories::find as find_territory;
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use tremplin_domain::accounts::policy::roles_over;
use tremplin_domain::accounts::{AccountRepo, User};
use tremplin_domain::events::commands::{create_event, free_event_slug};
use tremplin_domain::events::policy::can_create_events;
use tremplin_domain::events::{Audience, EventRepo, Level, Programme};
use tremplin_domain::territories::Territory;
use tremplin_kernel::Role;
use tremplin_kernel::text::slugify;

/// A trainer that may be ticked.
pub struct TrainerChoice {
    /// Account id.
    pub user_id: i64,
    /// Name shown.
    pub name: String,
}

/// The session form (creation, or editing with `editing`).
#[derive(Template)]
#[template(path = "events_staff/create.html")]
pub struct CreatePage {
    pub(super) ctx: Ctx,
    pub(super) fields: EventFields,
    pub(super) errors: FormErrors,
    pub(super) themes: Vec<&'static str>,
    pub(super) audiences: [Audience; 4],
    pub(super) levels: [Level; 3],
    pub(super) trainers: Vec<TrainerChoice>,
    /// Where the form is sent.
    pub(super) action: String,
    /// Editing an existing session (no series, capacity on the staff page).
    pub(super) editing: bool,
    /// The page's heading.
    pub(super) heading: String,
    /// The large events the session may join.
    pub(super) programmes: Vec<Programme>,
    /// Where to create a large event, for the staff creating a session.
    pub(super) new_programme: Option<String>,
    /// When editing: how many registrants a change of time or place would tell.
    pub(super) to_tell: Option<i64>,
}

/// Who is creating, and what they may tick.
pub(super) struct Author {
    pub(super) territory: Territory,
    pub(super) trainers: Vec<TrainerChoice>,
    pub(super) is_trainer: bool,
    /// The large events of the territory and of those containing it.
    pub(super) programmes: Vec<Programme>,
    /// Whether the user steers the territory's events (may create large events).
    pub(super) steers: bool,
}

async fn author(state: &AppState, user: &User, slug: &str) -> Result<Author, AppError> {
    let (territory, chain, _) = find_territory(state, slug).await?;
    let (grants, ids) = grants_and_ancestry(state, user, territory.id).await?;
    if !can_create_events(user, &grants, &ids) {
        return Err(AppError::Forbidden);
    }
    trainers_of(state, user, territory, &chain, &grants, &ids).await
}

/// The trainers that may be ticked for a session of `territory` (those of the territory and
/// of the territories containing it), and whether the user is only a trainer there.
pub(super) async fn trainers_of(
    state: &AppState,
    user: &User,
    territory: Territory,
    chain: &[Territory],
    grants: &[tremplin_domain::accounts::Grant],
    ids: &[i64],
) -> Result<Author, AppError> {
    let roles = roles_over(grants, ids);
    let is_trainer = roles.contains(&Role::Trainer) && !roles.iter().any(|r| r.is_staff()) && !user.is_platform_admin;
    // The trainers of the territory and of the territories containing it.
    let mut trainers: Vec<TrainerChoice> = Vec::new();
    for t in chain {
        for m in state.db.team_of(t.id).await? {
            if m.role == Role::Trainer && !trainers.iter().any(|c| c.user_id == m.user_id) {
                trainers.push(TrainerChoice { user_id: m.user_id, name: m.display_name });
            }
        }
    }
    trainers.sort_by(|a, b| a.name.cmp(&b.name));
    let programmes = choices(state, chain).await?;
    let steers = user.is_platform_admin || roles.iter().any(|r| r.is_staff());
    Ok(Author { territory, trainers, is_trainer, programmes, steers })
}

impl CreatePage {
    /// The label of a theme, audience or level (`kind` = `theme`, `audience`, `level`): the
    /// public side's `event-<kind>-<slug>` message, or the slug until that message exists.
    pub(super) fn label(&self, kind: &str, slug: &str) -> String {
        super::staff::vocabulary_label(&self.ctx.tr, kind, slug)
    }
}

fn page(ctx: Ctx, author: Author, fields: EventFields, errors: FormErrors) -> CreatePage {
    let heading = ctx.tr.t1("create-title", "territory", author.territory.name.clone());
    CreatePage {
        action: format!("/territoires/{}/ateliers/nouveau", author.territory.slug),
        new_programme: author.steers.then(|| format!("/territoires/{}/evenements/nouveau", author.territory.slug)),
        programmes: author.programmes,
        editing: false,
        heading,
        ctx,
        fields,
        errors,
        themes: themes(),
        audiences: Audience::ALL,
        levels: Level::ALL,
        trainers: author.trainers,
        to_tell: None,
    }
}

/// The query of the empty form.
#[derive(Debug, Default, serde::Deserialize)]
pub struct Preselect {
    /// Slug of a large event to pre-select (the programme page's "add a session" link).
    #[serde(default)]
    pub evenement: String,
}

/// The empty form.
pub async fn show(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    ctx: Ctx,
    Path(slug): Path<String>,
    Query(preselect): Query<Preselect>,
) -> Result<Response, AppError> {
    let author = author(&state, &user, &slug).await?;
    let mut fields = EventFields::blank();
    if author.is_trainer {
        fields.trainers.push(user.id.to_string());
    }
    if author.programmes.iter().any(|p| p.slug == preselect.evenement) {
        fields.programme = preselect.evenement;
    }
    Ok(ok(&page(ctx.with_form().await?, author, fields, FormErrors::default())))
}

/// A free slug for a series.
async fn free_series_slug(state: &AppState, title: &str, date: &str) -> Result<String, AppError> {
    let base: String = slugify(title).chars().take(60).collect::<String>().trim_end_matches('-').to_owned();
    let base = format!("{}-serie-{date}", if base.is_empty() { "atelier" } else { base.as_str() });
    for n in 1..1000 {
        let candidate = if n == 1 { base.clone() } else { format!("{base}-{n}") };
        if state.db.series_by_slug(&candidate).await?.is_none() {
            return Ok(candidate);
        }
    }
    Err(AppError::BadRequest("event-error-slug-exhausted"))
}

/// Creates the session(s).
pub async fn submit(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    ctx: Ctx,
    Path(slug): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let author = author(&state, &user, &slug).await?;
    let fields = EventFields::from_pairs(pairs);
    let allowed: Vec<i64> = author.trainers.iter().map(|t| t.user_id).collect();
    let picked = pick(&fields, &author.programmes);
    let parsed = with_programme(parse(&state, &fields, author.territory.id, &allowed, user.id, author.is_trainer).await, picked);
    let parsed = match parsed {
        Ok((mut parsed, programme_id)) => {
            parsed.event.programme_id = programme_id;
            parsed
        }
        Err(errors) => {
            let ctx = ctx.with_form().await?;
            return Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &page(ctx, author, fields, FormErrors(errors))));
        }
    };
    let now = state.clock.now_ts();
    let series_id = if parsed.repeat > 1 {
        let series_slug = free_series_slug(&state, &parsed.event.title, &parsed.date.format("%Y-%m-%d").to_string()).await?;
        Some(state.db.create_series(author.territory.id, &series_slug, &parsed.event.title, now).await?)
    } else {
        None
    };
    let mut first_slug = String::new();
    for week in 0..parsed.repeat {
        let Some((starts_at, ends_at, opens, closes)) = shifted(&parsed, week) else { break };
        let mut event = parsed.event.clone();
        event.series_id = series_id;
        event.starts_at = starts_at;
        event.ends_at = ends_at;
        event.registration_opens_at = opens;
        event.registration_closes_at = closes;
        event.slug = free_event_slug(&state.db, &event.title, starts_at).await?;
        create_event(&state.db, &event, now).await?;
        if week == 0 {
            first_slug = event.slug;
        }
    }
    if series_id.is_some() {
        flash::push(ctx.session(), "staff-series-created").await;
        Ok(Redirect::to("/mes-ateliers").into_response())
    } else {
        flash::push(ctx.session(), "staff-created").await;
        Ok(Redirect::to(&gestion_path(&first_slug)).into_response())
    }
}
