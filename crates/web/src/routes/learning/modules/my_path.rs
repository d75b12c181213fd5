//! `GET /mon-parcours`: a signed-in person's path in each territory where their e-mail is
//! known as a holder: the path's modules done (each with its evidence) or to do (with the
//! ways to do them), and the passport once issued.

use super::catalogue::{WorkshopLine, coming_sessions, workshop_lines};
use super::{duration_label, module_path, source_label};
use crate::auth::RequireUser;
use crate::error::AppError;
use crate::pages::{Ctx, render};
use crate::routes::events::staff::private;
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use tremplin_domain::events::Event;
use tremplin_domain::learning::evidence::french_date;
use tremplin_domain::learning::steering::SteeringRepo;
use tremplin_domain::learning::tokens::holder_path;
use tremplin_domain::learning::{Completion, LearningRepo, Module};

/// A module of the path as it stands for the holder.
pub struct PathStep {
    /// Title.
    pub title: String,
    /// `/modules/{slug}`.
    pub href: String,
    /// "2 h".
    pub duration: String,
    /// Evidence lines ("Quiz réussi (5/5) — Quiz, 12 mars 2026"); empty while to do.
    pub evidence: Vec<String>,
    /// The next session covering it (link, title and when), while to do.
    pub next_workshop: Option<WorkshopLine>,
}

/// The path in one territory.
pub struct TerritoryPath {
    /// Territory name.
    pub territory: String,
    /// Modules done.
    pub done: Vec<PathStep>,
    /// Modules to do.
    pub to_do: Vec<PathStep>,
    /// The holder's passport page, once issued.
    pub passport_href: Option<String>,
    /// Completions of modules outside the path.
    pub extra: Vec<String>,
    /// "1 module done out of 3".
    pub progress: String,
}

#[derive(Template)]
#[template(path = "learning_modules/my_path.html")]
struct MyPathPage {
    ctx: Ctx,
    paths: Vec<TerritoryPath>,
}

fn evidence_line(ctx: &Ctx, completion: &Completion) -> String {
    format!("{} — {}, {}", completion.evidence.narrative, source_label(&ctx.tr, completion.source), french_date(completion.completed_at))
}

fn step(ctx: &Ctx, slug: &str, modules: &[Module], completions: &[Completion], coming: &[Event]) -> PathStep {
    let module = modules.iter().find(|m| m.slug == slug);
    let next = coming.iter().find(|e| e.modules.iter().any(|m| m == slug));
    PathStep {
        next_workshop: next.and_then(|e| workshop_lines(ctx, std::slice::from_ref(e)).into_iter().next()),
        title: module.map(|m| m.title.clone()).unwrap_or_else(|| slug.to_owned()),
        href: module_path(slug),
        duration: module.map(|m| duration_label(m.duration_minutes)).unwrap_or_default(),
        evidence: completions.iter().filter(|c| c.module_slug == slug).map(|c| evidence_line(ctx, c)).collect(),
    }
}

/// The page.
pub async fn show(State(state): State<AppState>, RequireUser(user): RequireUser, ctx: Ctx) -> Result<Response, AppError> {
    let modules = state.db.modules().await?;
    let coming = coming_sessions(&state, state.clock.now_ts()).await?;
    let mut paths = Vec::new();
    for place in state.db.holders_by_email(user.email.as_str()).await? {
        let path = state.db.passport_path(place.holder.territory_id).await?;
        let completions = state.db.completions_of(place.holder.id).await?;
        let passport = state.db.passport_of(place.holder.id).await?;
        let (done, to_do): (Vec<PathStep>, Vec<PathStep>) =
            path.modules.iter().map(|slug| step(&ctx, slug, &modules, &completions, &coming)).partition(|s| !s.evidence.is_empty());
        let extra = completions.iter().filter(|c| !path.modules.contains(&c.module_slug)).map(|c| evidence_line(&ctx, c)).collect();
        let progress = ctx.tr.args("my-path-progress", &[("done", done.len().to_string()), ("total", path.modules.len().to_string())]);
        paths.push(TerritoryPath {
            progress,
            territory: place.territory_name,
            done,
            to_do,
            passport_href: passport.map(|p| holder_path(&p.public_id, &p.secret)),
            extra,
        });
    }
    Ok(private(render(StatusCode::OK, &MyPathPage { ctx, paths })))
}
