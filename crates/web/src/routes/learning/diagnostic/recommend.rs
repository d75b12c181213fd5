//! Recommendations of a result, for the axes it shows weak: the modules the questionnaire
//! names for those axes, the next workshops on their themes near the commune, and the
//! coaches the finder ranks first for those themes and that place.

use crate::error::AppError;
use crate::routes::coaching::finder::search::find;
use crate::state::AppState;
use serde::Serialize;
use tremplin_domain::coaching::CoachAudience;
use tremplin_domain::coaching::finder::{FinderQuery, Whereabouts};
use tremplin_domain::events::{EventFilter, EventRepo};
use tremplin_domain::learning::catalogue;
use tremplin_domain::learning::diagnostic::{AxisScore, Questionnaire, weak_axes};
use tremplin_domain::territories::TerritoryRepo;
use tremplin_kernel::GeoPoint;
use utoipa::ToSchema;

/// How many of each kind are recommended.
const SHOWN: usize = 3;
/// Workshops farther than this from the commune are not "near".
const NEAR_KM: f64 = 40.0;

/// A recommended module.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ModuleLink {
    /// Slug.
    pub slug: String,
    /// Title.
    pub title: String,
    /// One sentence.
    pub summary: String,
    /// Its page.
    pub url: String,
}

/// A recommended workshop.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct WorkshopLink {
    /// Slug.
    pub slug: String,
    /// Title.
    pub title: String,
    /// Start (Unix seconds).
    pub starts_at: i64,
    /// Its page.
    pub url: String,
}

/// A recommended coach.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CoachLink {
    /// Slug.
    pub slug: String,
    /// Name.
    pub name: String,
    /// Structure.
    pub structure: String,
    /// Its page.
    pub url: String,
}

/// What a result recommends.
#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct Recommendations {
    /// Axes addressed, weakest first.
    pub axes: Vec<String>,
    /// Modules.
    pub modules: Vec<ModuleLink>,
    /// Next workshops.
    pub workshops: Vec<WorkshopLink>,
    /// Coaches.
    pub coaches: Vec<CoachLink>,
}

/// The axes to work on: those at 50 % or less, else the weakest one not at 100 %.
pub fn focus(scores: &[AxisScore]) -> Vec<String> {
    let weak: Vec<String> = weak_axes(scores).into_iter().map(|a| a.axis.clone()).collect();
    if !weak.is_empty() {
        return weak;
    }
    scores.iter().filter(|a| a.percent < 100).min_by_key(|a| a.percent).map(|a| vec![a.axis.clone()]).unwrap_or_default()
}

/// The recommendations of a result taken with `questionnaire`, near `insee` if known.
pub async fn recommend(
    state: &AppState,
    questionnaire: &Questionnaire,
    scores: &[AxisScore],
    insee: Option<&str>,
    audience: &str,
) -> Result<Recommendations, AppError> {
    let axes = focus(scores);
    let mut slugs: Vec<&str> = Vec::new();
    let mut themes: Vec<String> = Vec::new();
    for axis in axes.iter().filter_map(|id| questionnaire.axis(id)) {
        for slug in &axis.modules {
            if !slugs.contains(&slug.as_str()) {
                slugs.push(slug);
            }
        }
        for theme in &axis.themes {
            if !themes.contains(theme) {
                themes.push(theme.clone());
            }
        }
    }
    let modules = slugs
        .iter()
        .filter_map(|slug| catalogue::modules().iter().find(|m| m.slug == *slug))
        .take(SHOWN + 1)
        .map(|m| ModuleLink {
            slug: m.slug.clone(),
            title: m.title.clone(),
            summary: m.summary.clone(),
            url: format!("/modules/{}", m.slug),
        })
        .collect();
    if themes.is_empty() {
        return Ok(Recommendations { axes, modules, ..Recommendations::default() });
    }
    let point = match insee {
        Some(insee) => state.db.commune(insee).await?.and_then(|c| c.point),
        None => None,
    };
    let workshops = workshops(state, &themes, point).await?;
    let coaches = coaches(state, &themes, insee, point, audience).await?;
    Ok(Recommendations { axes, modules, workshops, coaches })
}

async fn workshops(state: &AppState, themes: &[String], point: Option<GeoPoint>) -> Result<Vec<WorkshopLink>, AppError> {
    let filter = EventFilter {
        ends_after: state.clock.now_ts(),
        near: point.map(|p| (p, NEAR_KM)),
        free_seats: true,
        limit: 200,
        ..EventFilter::default()
    };
    let events = state.db.find_events(&filter).await?;
    Ok(events
        .into_iter()
        .filter(|e| e.themes.iter().any(|t| themes.contains(t)))
        .take(SHOWN)
        .map(|e| WorkshopLink { url: format!("/ateliers/{}", e.slug), slug: e.slug, title: e.title, starts_at: e.starts_at })
        .collect())
}

async fn coaches(
    state: &AppState,
    themes: &[String],
    insee: Option<&str>,
    point: Option<GeoPoint>,
    audience: &str,
) -> Result<Vec<CoachLink>, AppError> {
    let place = insee.map(|insee| Whereabouts { insee: Some(insee.to_owned()), point });
    let query = FinderQuery { audience: CoachAudience::parse(audience), place, themes: themes.to_vec(), ..FinderQuery::default() };
    let ranked = find(state, &query).await?;
    Ok(ranked
        .into_iter()
        .filter(|r| !r.matched_themes.is_empty() && r.serves_place)
        .take(SHOWN)
        .map(|r| CoachLink {
            url: format!("/coachs/{}", r.coach.slug),
            slug: r.coach.slug,
            name: r.coach.display_name,
            structure: r.coach.structure_name,
        })
        .collect())
}
