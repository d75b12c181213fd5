//! `GET /api/v1/modules` and `GET /api/v1/modules/{slug}`: the catalogue as open data. The
//! quiz is given without its answers (they are checked by the module's quiz page).

use super::catalogue::next_workshops;
use crate::error::AppError;
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use serde::Serialize;
use tremplin_domain::learning::{LearningRepo, Module};
use utoipa::ToSchema;

/// A free resource of a module.
#[derive(Debug, Serialize, ToSchema)]
pub struct ResourceDto {
    /// Title.
    pub title: String,
    /// Address (an external site).
    pub url: String,
    /// Publisher.
    pub publisher: String,
}

/// A quiz question, without its answer.
#[derive(Debug, Serialize, ToSchema)]
pub struct QuestionDto {
    /// The question.
    pub text: String,
    /// Possible answers, in order.
    pub choices: Vec<String>,
}

/// A module of the catalogue.
#[derive(Debug, Serialize, ToSchema)]
pub struct ModuleDto {
    /// Stable identifier.
    pub slug: String,
    /// Title (French).
    pub title: String,
    /// One sentence.
    pub summary: String,
    /// What one is able to do afterwards.
    pub objectives: Vec<String>,
    /// Expected duration, minutes.
    pub duration_minutes: u32,
    /// `beginner`, `intermediate` or `advanced`.
    pub level: String,
    /// Theme slugs (workshops' and coaches' vocabulary).
    pub themes: Vec<String>,
    /// Free resources.
    pub resources: Vec<ResourceDto>,
    /// Page of the module.
    pub url: String,
}

impl ModuleDto {
    fn new(module: &Module, base: &str) -> Self {
        ModuleDto {
            slug: module.slug.clone(),
            title: module.title.clone(),
            summary: module.summary.clone(),
            objectives: module.objectives.clone(),
            duration_minutes: module.duration_minutes,
            level: module.level.as_str().to_owned(),
            themes: module.themes.clone(),
            resources: module
                .resources
                .iter()
                .map(|r| ResourceDto { title: r.title.clone(), url: r.url.clone(), publisher: r.publisher.clone() })
                .collect(),
            url: format!("{base}/modules/{}", module.slug),
        }
    }
}

/// The catalogue.
#[derive(Debug, Serialize, ToSchema)]
pub struct ModuleListDto {
    /// Active modules, in catalogue order.
    pub modules: Vec<ModuleDto>,
}

/// A module with its quiz (no answers) and the next workshops covering it.
#[derive(Debug, Serialize, ToSchema)]
pub struct ModuleDetailDto {
    /// The module.
    pub module: ModuleDto,
    /// Right answers needed to pass.
    pub pass_mark: usize,
    /// Questions, without answers.
    pub questions: Vec<QuestionDto>,
    /// Addresses of the next sessions covering it.
    pub next_workshops: Vec<String>,
}

/// The module catalogue.
#[utoipa::path(get, path = "/api/v1/modules", tag = "modules",
    responses((status = 200, description = "Active modules, in catalogue order", body = ModuleListDto)))]
pub async fn list(State(state): State<AppState>) -> Result<Json<ModuleListDto>, AppError> {
    let base = state.config.base_url.trim_end_matches('/');
    let modules = state.db.modules().await?.iter().map(|m| ModuleDto::new(m, base)).collect();
    Ok(Json(ModuleListDto { modules }))
}

/// A module, its quiz without the answers, and the next workshops covering it.
#[utoipa::path(get, path = "/api/v1/modules/{slug}", tag = "modules",
    params(("slug" = String, Path, description = "Identifier of the module")),
    responses((status = 200, description = "The module", body = ModuleDetailDto),
              (status = 404, description = "No such module")))]
pub async fn detail(State(state): State<AppState>, Path(slug): Path<String>) -> Result<Json<ModuleDetailDto>, AppError> {
    let module = state.db.module_by_slug(&slug).await?.ok_or(AppError::NotFound)?;
    let base = state.config.base_url.trim_end_matches('/');
    let events = next_workshops(&state, &module.slug, state.clock.now_ts()).await?;
    Ok(Json(ModuleDetailDto {
        pass_mark: module.quiz.pass_mark,
        questions: module.quiz.questions.iter().map(|q| QuestionDto { text: q.text.clone(), choices: q.choices.clone() }).collect(),
        next_workshops: events.iter().map(|e| format!("{base}/ateliers/{}", e.slug)).collect(),
        module: ModuleDto::new(&module, base),
    }))
}
