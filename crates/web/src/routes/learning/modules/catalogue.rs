//! `GET /modules`: the catalogue; `GET /modules/{slug}`: a module's objectives, duration,
//! level, free resources, the next workshops covering it and the coaches of its themes.

use super::{duration_label, level_label};
use crate::error::AppError;
use crate::pages::{Ctx, ok};
use crate::routes::events::view::{theme_label, when};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use tremplin_domain::events::{Event, EventFilter, EventRepo};
use tremplin_domain::learning::{LearningRepo, Module};

/// Workshops shown on a module's page.
const NEXT_WORKSHOPS: usize = 5;

/// A module as a card of the catalogue.
pub struct ModuleCard {
    /// The module.
    pub module: Module,
    /// "2 h 30".
    pub duration: String,
    /// Level label.
    pub level: String,
    /// Theme labels.
    pub themes: Vec<String>,
}

impl ModuleCard {
    /// The card of `module` in the page's language.
    pub fn new(ctx: &Ctx, module: Module) -> Self {
        ModuleCard {
            duration: duration_label(module.duration_minutes),
            level: level_label(&ctx.tr, module.level),
            themes: module.themes.iter().map(|t| theme_label(&ctx.tr, t)).collect(),
            module,
        }
    }
}

#[derive(Template)]
#[template(path = "learning_modules/catalogue.html")]
struct CataloguePage {
    ctx: Ctx,
    cards: Vec<ModuleCard>,
}

/// The catalogue.
pub async fn list(State(state): State<AppState>, ctx: Ctx) -> Result<Response, AppError> {
    let cards = state.db.modules().await?.into_iter().map(|m| ModuleCard::new(&ctx, m)).collect();
    Ok(ok(&CataloguePage { ctx, cards }))
}

/// A workshop covering the module: its page and when.
pub struct WorkshopLine {
    /// `/ateliers/{slug}`.
    pub href: String,
    /// Title.
    pub title: String,
    /// When, in words.
    pub when: String,
    /// Where (commune or venue).
    pub place: String,
}

#[derive(Template)]
#[template(path = "learning_modules/module.html")]
struct ModulePage {
    ctx: Ctx,
    card: ModuleCard,
    workshops: Vec<WorkshopLine>,
    coaches_href: String,
}

/// The coming sessions (not cancelled), by start.
pub async fn coming_sessions(state: &AppState, now: i64) -> Result<Vec<Event>, AppError> {
    // Sessions are few per territory; the agenda's filter has no module criterion, so the
    // coming sessions are read once and filtered here.
    let filter = EventFilter { ends_after: now, limit: 500, ..EventFilter::default() };
    Ok(state.db.find_events(&filter).await?)
}

/// The next sessions (not cancelled) that cover `slug`.
pub async fn next_workshops(state: &AppState, slug: &str, now: i64) -> Result<Vec<Event>, AppError> {
    let events = coming_sessions(state, now).await?;
    Ok(events.into_iter().filter(|e| e.modules.iter().any(|m| m == slug)).take(NEXT_WORKSHOPS).collect())
}

/// The lines of those sessions.
pub fn workshop_lines(ctx: &Ctx, events: &[Event]) -> Vec<WorkshopLine> {
    events
        .iter()
        .map(|e| WorkshopLine {
            href: format!("/ateliers/{}", e.slug),
            title: e.title.clone(),
            when: when(&ctx.tr, e),
            place: if e.venue.name.is_empty() { e.territory_name.clone() } else { e.venue.name.clone() },
        })
        .collect()
}

/// `/coachs?theme=a&theme=b` (the finder's repeatable filter): the coaches of the module's themes.
pub fn coaches_href(module: &Module) -> String {
    let query: Vec<String> = module.themes.iter().map(|t| format!("theme={t}")).collect();
    format!("/coachs?{}", query.join("&"))
}

/// A module's page.
pub async fn show(State(state): State<AppState>, ctx: Ctx, Path(slug): Path<String>) -> Result<Response, AppError> {
    let module = state.db.module_by_slug(&slug).await?.ok_or(AppError::NotFound)?;
    let events = next_workshops(&state, &module.slug, state.clock.now_ts()).await?;
    let workshops = workshop_lines(&ctx, &events);
    let coaches_href = coaches_href(&module);
    let card = ModuleCard::new(&ctx, module);
    Ok(ok(&ModulePage { ctx, card, workshops, coaches_href }))
}
