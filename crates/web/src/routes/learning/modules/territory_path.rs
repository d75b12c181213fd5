//! `GET|POST /territoires/{slug}/parcours`: the passport path of a territory for its managers
//! (and those above): which catalogue modules, the path it inherits otherwise and the default,
//! and the passports issued month by month against the territory's passport targets (set on
//! `/pilotage/objectifs`, the one place for targets).

use super::territory_counts::{Counts, counts};
use crate::auth::RequireUser;
use crate::error::AppError;
use crate::flash;
use crate::pages::{Ctx, FormErrors, render};
use crate::routes::events::staff::private;
use crate::routes::territories::find as find_territory;
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use tremplin_domain::accounts::policy::is_staff_over;
use tremplin_domain::accounts::{AccountRepo, User};
use tremplin_domain::learning::steering::{PathForm, SteeringRepo, validate_path};
use tremplin_domain::learning::{LearningRepo, Module, PassportPath, catalogue};
use tremplin_domain::stats::targets::Progress;
use tremplin_domain::territories::{Territory, TerritoryRepo};

/// The territory of `slug` if `user` may steer its path; 404 or 403 otherwise.
pub async fn steer(state: &AppState, user: &User, slug: &str) -> Result<Territory, AppError> {
    let (territory, chain, _) = find_territory(state, slug).await?;
    let grants = state.db.grants_of(user.id).await?;
    let ancestry: Vec<i64> = chain.iter().map(|t| t.id).collect();
    if is_staff_over(user, &grants, &ancestry) { Ok(territory) } else { Err(AppError::Forbidden) }
}

#[derive(Template)]
#[template(path = "learning_modules/territory_path.html")]
struct PathPage {
    ctx: Ctx,
    territory: Territory,
    modules: Vec<Module>,
    /// The path in force (own, inherited or default).
    path: PassportPath,
    /// Where it comes from, in words.
    origin: String,
    /// Whether the territory set its own.
    own: bool,
    /// The default path's titles.
    default_titles: Vec<String>,
    form: PathForm,
    errors: FormErrors,
    counts: Counts,
    csv: String,
}

impl PathPage {
    fn ticked(&self, slug: &str) -> bool {
        self.form.modules.iter().any(|m| m == slug)
    }
    fn summary(&self) -> String {
        self.ctx.tr.args("path-counts-summary", &[("issued", self.counts.issued.to_string()), ("revoked", self.counts.revoked.to_string())])
    }
    /// "Target: 100 passports by 2027-06-30; 60 to go, 10 a month over 6 months."
    fn pace_text(&self, progress: &Progress) -> String {
        let pace = &progress.pace;
        let target = progress.target.value.to_string();
        let date = progress.target.ends_on.to_string();
        let key = match pace.per_month {
            Some(0) => "path-pace-reached",
            Some(_) => "path-pace",
            None => "path-pace-late",
        };
        self.ctx.tr.args(
            key,
            &[
                ("target", target),
                ("date", date),
                ("remaining", pace.remaining.to_string()),
                ("months", pace.months_left.to_string()),
                ("per_month", pace.per_month.unwrap_or_default().to_string()),
            ],
        )
    }
}

async fn page(state: &AppState, ctx: Ctx, territory: Territory, form: Option<PathForm>, errors: FormErrors) -> Result<PathPage, AppError> {
    let path = state.db.passport_path(territory.id).await?;
    let all = state.db.list_territories().await?;
    let own = path.defined_by == Some(territory.id);
    let origin = match path.defined_by {
        None => ctx.tr.t("path-origin-default"),
        Some(id) if id == territory.id => ctx.tr.t("path-origin-own"),
        Some(id) => {
            ctx.tr.t1("path-origin-inherited", "territory", all.iter().find(|t| t.id == id).map(|t| t.name.clone()).unwrap_or_default())
        }
    };
    let form = form.unwrap_or_else(|| PathForm { modules: path.modules.clone() });
    let modules = state.db.modules().await?;
    let default_titles = catalogue::default_path()
        .iter()
        .map(|slug| modules.iter().find(|m| &m.slug == slug).map(|m| m.title.clone()).unwrap_or_else(|| slug.clone()))
        .collect();
    let counts = counts(state, &ctx.tr, &territory).await?;
    let csv = format!("/territoires/{}/parcours/passeports.csv", territory.slug);
    Ok(PathPage { ctx: ctx.with_form().await?, territory, modules, path, origin, own, default_titles, form, errors, counts, csv })
}

/// The page.
pub async fn show(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let territory = steer(&state, &user, &slug).await?;
    let page = page(&state, ctx, territory, None, FormErrors::default()).await?;
    Ok(private(render(StatusCode::OK, &page)))
}

/// Saves the territory's own path and target, or (`action=inherit`) removes it.
pub async fn submit(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    ctx: Ctx,
    Path(slug): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let territory = steer(&state, &user, &slug).await?;
    let mut form = PathForm::default();
    let mut inherit = false;
    for (name, value) in pairs {
        match name.as_str() {
            "modules" => form.modules.push(value),
            "action" => inherit = value == "inherit",
            _ => {}
        }
    }
    let back = format!("/territoires/{}/parcours", territory.slug);
    if inherit {
        state.db.clear_path(territory.id).await?;
        flash::push(ctx.session(), "path-inherited").await;
        return Ok(Redirect::to(&back).into_response());
    }
    match validate_path(&form) {
        Ok(input) => {
            state.db.save_path(territory.id, &input, user.id, state.clock.now_ts()).await?;
            flash::push(ctx.session(), "path-saved").await;
            Ok(Redirect::to(&back).into_response())
        }
        Err(errors) => {
            let page = page(&state, ctx, territory, Some(form), FormErrors(errors)).await?;
            Ok(private(render(StatusCode::UNPROCESSABLE_ENTITY, &page)))
        }
    }
}
