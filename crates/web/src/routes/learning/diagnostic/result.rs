//! `GET /diagnostic/resultats/{public_id}`: the scores per axis and overall with the level,
//! the chart and its data table, each answer's explanation, and the recommendations. A
//! result kept on an account is shown to that account only; an anonymous one to whoever
//! holds its unguessable link. Old results show their own version's questions.

use super::chart::{Chart, axis_title, chart};
use super::private;
use super::recommend::{Recommendations, recommend};
use crate::error::AppError;
use crate::pages::{Ctx, ok};
use crate::routes::events::staff::paris_datetime;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use tremplin_domain::learning::diagnostic::{Diagnostic, DiagnosticRepo, Level, StoredQuestionnaire};

/// One answered question.
pub struct AnsweredQuestion {
    /// The question.
    pub text: String,
    /// The answer chosen.
    pub answer: String,
    /// Why it matters.
    pub explanation: String,
}

/// One axis of the result.
pub struct AxisResult {
    /// Axis id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Score.
    pub percent: i64,
    /// Its questions as answered.
    pub questions: Vec<AnsweredQuestion>,
}

/// The axes of a result with their answered questions, in the questionnaire's order.
pub fn axes_of(diagnostic: &Diagnostic, questionnaire: &StoredQuestionnaire) -> Vec<AxisResult> {
    diagnostic
        .data
        .axis_scores
        .iter()
        .map(|score| {
            let questions = questionnaire
                .content
                .axis(&score.axis)
                .map(|axis| {
                    axis.questions
                        .iter()
                        .filter_map(|q| {
                            let answer = diagnostic.data.answers.get(&q.id).and_then(|a| q.answer(a))?;
                            Some(AnsweredQuestion {
                                text: q.text.clone(),
                                answer: answer.label.clone(),
                                explanation: answer.explanation.clone(),
                            })
                        })
                        .collect()
                })
                .unwrap_or_default();
            AxisResult { id: score.axis.clone(), title: axis_title(&questionnaire.content, &score.axis), percent: score.percent, questions }
        })
        .collect()
}

#[derive(Template)]
#[template(path = "learning_diagnostic/result.html")]
struct ResultPage {
    ctx: Ctx,
    diagnostic: Diagnostic,
    questionnaire: StoredQuestionnaire,
    axes: Vec<AxisResult>,
    chart: Chart,
    recommendations: Recommendations,
    taken_at: String,
}

impl ResultPage {
    fn level(&self, level: &Level) -> String {
        self.ctx.tr.t(&format!("diagnostic-level-{}", level.as_str()))
    }
    fn level_of(&self, percent: &i64) -> String {
        self.level(&Level::of(*percent))
    }
    fn axis_title(&self, id: &str) -> String {
        axis_title(&self.questionnaire.content, id)
    }
    fn workshop_when(&self, starts_at: &i64) -> String {
        paris_datetime(*starts_at)
    }
}

/// A result the visitor may see: 404 when unknown or kept on another account.
pub async fn visible(state: &AppState, ctx: &Ctx, public_id: &str) -> Result<(Diagnostic, StoredQuestionnaire), AppError> {
    let diagnostic = state.db.diagnostic_by_public_id(public_id).await?.ok_or(AppError::NotFound)?;
    if let Some(owner) = diagnostic.data.user_id
        && ctx.user.as_ref().is_none_or(|u| u.id != owner)
    {
        return Err(AppError::NotFound);
    }
    let questionnaire = state.db.questionnaire_by_id(diagnostic.data.questionnaire_id).await?.ok_or(AppError::NotFound)?;
    Ok((diagnostic, questionnaire))
}

/// The result page.
pub async fn page(State(state): State<AppState>, ctx: Ctx, Path(public_id): Path<String>) -> Result<Response, AppError> {
    let (diagnostic, questionnaire) = visible(&state, &ctx, &public_id).await?;
    let recommendations = recommend(
        &state,
        &questionnaire.content,
        &diagnostic.data.axis_scores,
        diagnostic.data.insee.as_deref(),
        &diagnostic.data.audience,
    )
    .await?;
    let axes = axes_of(&diagnostic, &questionnaire);
    let chart = chart(&questionnaire.content, &diagnostic.data.axis_scores, None);
    let taken_at = paris_datetime(diagnostic.data.created_at);
    Ok(private(ok(&ResultPage { ctx, diagnostic, questionnaire, axes, chart, recommendations, taken_at })))
}
