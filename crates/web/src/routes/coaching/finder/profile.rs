//! `GET|POST /espace-coach/profil`: a coach edits their profile (or creates it, holding the
//! coach role and no profile yet); a manager edits any coach of their territories with
//! `?coach={slug}`. Every field of the profile; invalid input is a 422 with the input kept.

use super::access::{CoachParam, Editing, editing, suffix};
use super::profile_form::ProfileFields;
use super::view::{audience_label, language_label, modality_label, structure_label};
use crate::auth::RequireUser;
use crate::error::AppError;
use crate::flash;
use crate::pages::{Ctx, FormErrors, ok, render};
use crate::routes::events::view::theme_label;
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use tremplin_domain::accounts::User;
use tremplin_domain::coaching::{BookingRules, CoachAudience, CoachRepo, LANGUAGES, Modality, StructureKind, THEMES};
use tremplin_kernel::text::slugify;
use tremplin_kernel::token::new_token;

/// The profile page.
pub const PROFILE_PATH: &str = "/espace-coach/profil";

#[derive(Template)]
#[template(path = "coaching_finder/profile.html")]
pub struct ProfilePage {
    ctx: Ctx,
    fields: ProfileFields,
    errors: FormErrors,
    /// Creating a profile (not editing one).
    creating: bool,
    /// `?coach=…` when a manager acts on someone else's profile.
    suffix: String,
    /// The public page, once created.
    slug: Option<String>,
}

impl ProfilePage {
    fn themes(&self) -> [&'static str; 8] {
        THEMES
    }
    fn theme_label(&self, theme: &str) -> String {
        theme_label(&self.ctx.tr, theme)
    }
    fn languages(&self) -> [&'static str; 8] {
        LANGUAGES
    }
    fn language_label(&self, code: &str) -> String {
        language_label(&self.ctx.tr, code)
    }
    fn audiences(&self) -> &'static [CoachAudience] {
        CoachAudience::ALL
    }
    fn audience_label(&self, audience: &CoachAudience) -> String {
        audience_label(&self.ctx.tr, *audience)
    }
    fn modalities(&self) -> &'static [Modality] {
        Modality::ALL
    }
    fn modality_label(&self, modality: &Modality) -> String {
        modality_label(&self.ctx.tr, *modality)
    }
    fn structures(&self) -> &'static [StructureKind] {
        StructureKind::ALL
    }
    fn structure_label(&self, kind: &StructureKind) -> String {
        structure_label(&self.ctx.tr, *kind)
    }
}

/// A free slug for a new coach: the name's, numbered if taken.
pub async fn free_slug(state: &AppState, name: &str) -> Result<String, AppError> {
    let base = match slugify(name) {
        s if s.is_empty() => "coach".to_owned(),
        s => s.chars().take(60).collect(),
    };
    let mut slug = base.clone();
    let mut n = 2;
    while state.db.coach_slug_taken(&slug).await? {
        slug = format!("{base}-{n}");
        n += 1;
    }
    Ok(slug)
}

async fn page(ctx: Ctx, user: &User, editing: &Editing, fields: ProfileFields, errors: FormErrors) -> Result<ProfilePage, AppError> {
    let (creating, suffix, slug) = match editing {
        Editing::Coach(coach) => (false, suffix(user, coach), Some(coach.slug.clone())),
        Editing::OwnNew(_) => (true, String::new(), None),
    };
    Ok(ProfilePage { ctx: ctx.with_form().await?, fields, errors, creating, suffix, slug })
}

/// The form, filled.
pub async fn show(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    ctx: Ctx,
    Query(param): Query<CoachParam>,
) -> Result<Response, AppError> {
    let editing = editing(&state, &user, param.slug()).await?;
    let fields = match &editing {
        Editing::Coach(coach) => ProfileFields::of(coach),
        Editing::OwnNew(_) => ProfileFields::blank(&user.display_name),
    };
    Ok(ok(&page(ctx, &user, &editing, fields, FormErrors::default()).await?))
}

/// Saves (or creates) the profile.
pub async fn submit(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    ctx: Ctx,
    Query(param): Query<CoachParam>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let editing = editing(&state, &user, param.slug()).await?;
    let fields = ProfileFields::from_pairs(pairs);
    let rules = match &editing {
        Editing::Coach(coach) => coach.rules,
        Editing::OwnNew(_) => BookingRules::default(),
    };
    let profile = match fields.parse(&state, rules).await? {
        Ok(profile) => profile,
        Err(errors) => {
            let page = page(ctx, &user, &editing, fields, FormErrors(errors)).await?;
            return Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &page));
        }
    };
    let now = state.clock.now_ts();
    let target = match &editing {
        Editing::Coach(coach) => {
            state.db.update_coach(coach.id, &profile, now).await?;
            format!("{PROFILE_PATH}{}", suffix(&user, coach))
        }
        Editing::OwnNew(territory_id) => {
            let slug = free_slug(&state, &profile.display_name).await?;
            state.db.create_coach(user.id, *territory_id, &slug, &profile, &new_token(), now).await?;
            super::availability::AVAILABILITY_PATH.to_owned()
        }
    };
    flash::push(ctx.session(), "coach-edit-profile-saved").await;
    Ok(Redirect::to(&target).into_response())
}
