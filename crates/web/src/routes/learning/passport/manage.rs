//! For the managers of a territory (or of one above): `GET /territoires/{slug}/passeports`
//! lists the passports issued there (and in the territories inside it) with their status and
//! the territory's signing keys; `GET|POST …/passeports/{id}/revoquer` revokes one (reason
//! required, confirmation ticked; the holder is told by e-mail); `POST …/passeports/cle`
//! rotates the signing key (the old one stays published, so what it signed still verifies).

use super::signing::{active_key, new_key};
use super::view::paris_day;
use crate::auth::RequireUser;
use crate::error::AppError;
use crate::flash;
use crate::pages::{Ctx, FormErrors, render};
use crate::routes::events::staff::private;
use crate::routes::privacy::staff::log::record_many;
use crate::routes::territories::find as find_territory;
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tremplin_domain::accounts::{AccountRepo, FieldError, User};
use tremplin_domain::learning::credentials::{CredentialKey, CredentialRepo, Revocation};
use tremplin_domain::learning::passport_policy::{REASON_MAX, can_manage_passports};
use tremplin_domain::learning::{LearningRepo, Passport};
use tremplin_domain::privacy::{AccessKind, Subject};
use tremplin_domain::territories::Territory;
use tremplin_domain::territories::commands::ancestry;

/// The territory and those inside it, if `user` manages its passports.
async fn managed(state: &AppState, user: &User, slug: &str) -> Result<(Territory, Vec<i64>), AppError> {
    let (territory, chain, all) = find_territory(state, slug).await?;
    let grants = state.db.grants_of(user.id).await?;
    let chain_ids: Vec<i64> = chain.iter().map(|t| t.id).collect();
    if !can_manage_passports(user, &grants, &chain_ids) {
        return Err(AppError::Forbidden);
    }
    let inside: Vec<i64> = all.iter().filter(|t| ancestry(&all, t.id).iter().any(|a| a.id == territory.id)).map(|t| t.id).collect();
    Ok((territory, inside))
}

/// One line of the list.
pub struct Line {
    /// Passport.
    pub passport: Passport,
    /// Issue day.
    pub issued_on: String,
    /// Revocation day (empty when valid).
    pub revoked_on: String,
    /// Module titles.
    pub modules: String,
}

/// One key of the territory.
pub struct KeyLine {
    /// Key id.
    pub kid: String,
    /// Creation day.
    pub created_on: String,
    /// Retirement day (empty for the active key).
    pub retired_on: String,
}

#[derive(Template)]
#[template(path = "learning_passport/manage.html")]
struct ListPage {
    ctx: Ctx,
    territory: Territory,
    lines: Vec<Line>,
    keys: Vec<KeyLine>,
}

fn key_line(key: &CredentialKey) -> KeyLine {
    KeyLine { kid: key.kid.clone(), created_on: paris_day(key.created_at), retired_on: key.retired_at.map(paris_day).unwrap_or_default() }
}

/// The territory's passports and keys.
pub async fn list(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let (territory, inside) = managed(&state, &user, &slug).await?;
    let passports = state.db.passports_in(&inside).await?;
    let holders = passports.iter().map(|p| (p.territory_id, Subject::by_email(None, &p.holder_name)));
    record_many(&state, &user, AccessKind::Passports, &territory.slug, holders).await?;
    let lines = passports
        .into_iter()
        .map(|passport| Line {
            issued_on: paris_day(passport.issued_at),
            revoked_on: passport.revoked_at.map(paris_day).unwrap_or_default(),
            modules: passport.modules.iter().map(|m| m.title.as_str()).collect::<Vec<_>>().join(", "),
            passport,
        })
        .collect();
    let mut keys: Vec<KeyLine> = state.db.keys_of(Some(territory.id)).await?.iter().map(key_line).collect();
    keys.reverse();
    Ok(private(render(StatusCode::OK, &ListPage { ctx: ctx.with_form().await?, territory, lines, keys })))
}

#[derive(Template)]
#[template(path = "learning_passport/revoke.html")]
struct RevokePage {
    ctx: Ctx,
    territory: Territory,
    line: Line,
    reason: String,
    confirm: bool,
    errors: FormErrors,
}

async fn revoke_page(state: &AppState, user: &User, ctx: Ctx, slug: &str, public_id: &str) -> Result<(RevokePage, i64), AppError> {
    let (territory, inside) = managed(state, user, slug).await?;
    let passport =
        state.db.passport_by_public_id(public_id).await?.filter(|p| inside.contains(&p.territory_id)).ok_or(AppError::NotFound)?;
    let id = passport.id;
    let line = Line {
        issued_on: paris_day(passport.issued_at),
        revoked_on: passport.revoked_at.map(paris_day).unwrap_or_default(),
        modules: passport.modules.iter().map(|m| m.title.as_str()).collect::<Vec<_>>().join(", "),
        passport,
    };
    let page =
        RevokePage { ctx: ctx.with_form().await?, territory, line, reason: String::new(), confirm: false, errors: FormErrors::default() };
    Ok((page, id))
}

/// The revocation form.
pub async fn revoke_form(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    ctx: Ctx,
    Path((slug, public_id)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let (page, _) = revoke_page(&state, &user, ctx, &slug, &public_id).await?;
    Ok(private(render(StatusCode::OK, &page)))
}

/// The revocation typed.
#[derive(Debug, Deserialize)]
pub struct RevokeFields {
    #[serde(default)]
    reason: String,
    #[serde(default)]
    confirm: Option<String>,
}

fn check(fields: &RevokeFields) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let reason = fields.reason.trim();
    if reason.is_empty() {
        errors.push(FieldError { field: "reason", key: "revoke-error-reason" });
    } else if reason.chars().count() > REASON_MAX {
        errors.push(FieldError { field: "reason", key: "revoke-error-reason-long" });
    }
    if fields.confirm.is_none() {
        errors.push(FieldError { field: "confirm", key: "revoke-error-confirm" });
    }
    errors
}

/// Revokes; back to the list.
pub async fn revoke(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    ctx: Ctx,
    Path((slug, public_id)): Path<(String, String)>,
    Form(fields): Form<RevokeFields>,
) -> Result<Response, AppError> {
    let (mut page, passport_id) = revoke_page(&state, &user, ctx, &slug, &public_id).await?;
    let errors = check(&fields);
    if !errors.is_empty() {
        page.confirm = fields.confirm.is_some();
        page.reason = fields.reason;
        page.errors = FormErrors(errors);
        return Ok(private(render(StatusCode::UNPROCESSABLE_ENTITY, &page)));
    }
    let revocation = Revocation { reason: fields.reason.trim().to_owned(), by: Some(user.id), at: state.clock.now_ts() };
    let done = state.db.revoke(passport_id, &revocation).await?;
    tracing::info!(user_id = user.id, passport = %public_id, done, "passport revoked");
    flash::push(page.ctx.session(), if done { "passport-revoked" } else { "passport-already-revoked" }).await;
    Ok(Redirect::to(&format!("/territoires/{slug}/passeports")).into_response())
}

/// Rotates the territory's signing key; back to the list.
pub async fn rotate(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let (territory, _) = managed(&state, &user, &slug).await?;
    // A territory without a key yet gets one first, so that a rotation always retires one.
    active_key(&state, territory.id).await?;
    let key = state.db.rotate_key(territory.id, &new_key(), state.clock.now_ts()).await?;
    tracing::info!(user_id = user.id, territory = %slug, kid = %key.kid, "passport key rotated");
    flash::push(ctx.session(), "passport-key-rotated").await;
    Ok(Redirect::to(&format!("/territoires/{slug}/passeports")).into_response())
}
