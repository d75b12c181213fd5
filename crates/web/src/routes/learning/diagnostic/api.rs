//! `GET /api/v1/diagnostic/questionnaire` (the questionnaire a commune's diagnostic uses) and
//! `POST /api/v1/diagnostics` (answers in, 201 with the scores and recommendations; 422 with
//! a message per unanswered question). Anonymous: nothing personal is stored.

use super::recommend::{Recommendations, recommend};
use super::take::{TakeInput, locate, result_path, take};
use crate::error::AppError;
use crate::i18n::Tr;
use crate::locale::locale_of;
use crate::state::AppState;
use axum::Json;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::collections::BTreeMap;
use tremplin_domain::learning::diagnostic::DiagnosticRepo;
use utoipa::{IntoParams, ToSchema};

/// Which questionnaire.
#[derive(Debug, Deserialize, IntoParams)]
pub struct QuestionnaireQuery {
    /// Commune name or postcode: its territory's questionnaire (else the platform's).
    #[serde(default)]
    commune: String,
}

/// A questionnaire version.
#[derive(Debug, Serialize, ToSchema)]
pub struct QuestionnaireDto {
    /// Id, to quote with answers.
    pub id: i64,
    /// Version number (per territory).
    pub version: i64,
    /// The document: title, intro, axes with their questions and answers (points, explanation).
    #[schema(value_type = Object)]
    pub content: serde_json::Value,
}

/// The questionnaire a diagnostic near `commune` uses.
#[utoipa::path(get, path = "/api/v1/diagnostic/questionnaire", tag = "diagnostic", params(QuestionnaireQuery),
    responses((status = 200, body = QuestionnaireDto), (status = 422, description = "Unknown commune")))]
pub async fn questionnaire(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(query): Query<QuestionnaireQuery>,
) -> Result<Response, AppError> {
    let territory_id = match locate(&state, query.commune.trim()).await? {
        Ok(located) => located.and_then(|(_, t)| t),
        Err(e) => {
            return Ok(crate::routes::events::api::error(
                StatusCode::UNPROCESSABLE_ENTITY,
                locale_of(&headers),
                "error-invalid-form",
                &[(e.field, e.key)],
            ));
        }
    };
    let q = state.db.questionnaire_for(territory_id).await?;
    let content = serde_json::to_value(&q.content).map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(Json(QuestionnaireDto { id: q.id, version: q.version, content }).into_response())
}

/// A diagnostic taken.
#[derive(Debug, Deserialize, ToSchema)]
#[schema(example = json!({"answers": {"site": "page", "fiche": "complete", "recherche": "parfois", "avis": "toujours"}, "commune": "49000", "audience": "business"}))]
pub struct DiagnosticBody {
    /// Chosen answer id by question id, for every question.
    #[serde(default)]
    pub answers: BTreeMap<String, String>,
    /// Commune name or postcode, optional.
    #[serde(default)]
    pub commune: Option<String>,
    /// `business` (default) or `resident`.
    #[serde(default)]
    pub audience: Option<String>,
}

/// One axis's score.
#[derive(Debug, Serialize, ToSchema)]
pub struct AxisDto {
    /// Axis id.
    pub axis: String,
    /// Title.
    pub title: String,
    /// 0–100.
    pub percent: i64,
}

/// A result.
#[derive(Debug, Serialize, ToSchema)]
pub struct DiagnosticDto {
    /// Public id.
    pub id: String,
    /// The result page.
    pub url: String,
    /// Questionnaire id and version answered.
    pub questionnaire_id: i64,
    /// Version.
    pub version: i64,
    /// Per axis.
    pub axes: Vec<AxisDto>,
    /// 0–100.
    pub overall: i64,
    /// `basic`, `average`, `moderately_advanced` or `advanced` (EU DMA bands).
    pub level: String,
    /// Modules, workshops and coaches for the weak axes.
    pub recommendations: Recommendations,
}

async fn take_api(state: &AppState, headers: &HeaderMap, body: DiagnosticBody) -> Result<Response, AppError> {
    let input = TakeInput {
        questionnaire: String::new(),
        commune: body.commune.unwrap_or_default().trim().to_owned(),
        audience: body.audience.unwrap_or_default().trim().to_owned(),
        answers: body.answers,
    };
    let tr = Tr::new(locale_of(headers));
    match take(state, &input, None).await? {
        Ok((diagnostic, questionnaire, _)) => {
            let d = &diagnostic.data;
            let recommendations = recommend(state, &questionnaire.content, &d.axis_scores, d.insee.as_deref(), &d.audience).await?;
            let base = state.config.base_url.trim_end_matches('/');
            let dto = DiagnosticDto {
                id: d.public_id.clone(),
                url: format!("{base}{}", result_path(&d.public_id)),
                questionnaire_id: questionnaire.id,
                version: questionnaire.version,
                axes: d
                    .axis_scores
                    .iter()
                    .map(|a| AxisDto {
                        axis: a.axis.clone(),
                        title: super::chart::axis_title(&questionnaire.content, &a.axis),
                        percent: a.percent,
                    })
                    .collect(),
                overall: d.overall,
                level: d.level.as_str().to_owned(),
                recommendations,
            };
            Ok((StatusCode::CREATED, Json(dto)).into_response())
        }
        Err((refusal, _)) => {
            let mut fields = serde_json::Map::new();
            for e in &refusal.fields {
                fields.insert(e.field.to_owned(), tr.t(e.key).into());
            }
            for question in &refusal.unanswered {
                fields.insert(format!("answers.{question}"), tr.t("diagnostic-error-question").into());
            }
            let body = json!({"error": {"code": "invalid-form", "message": tr.t("error-invalid-form"), "fields": fields}});
            Ok((StatusCode::UNPROCESSABLE_ENTITY, Json(body)).into_response())
        }
    }
}

/// Scores and stores a diagnostic.
#[utoipa::path(post, path = "/api/v1/diagnostics", tag = "diagnostic", request_body = DiagnosticBody,
    responses((status = 201, body = DiagnosticDto), (status = 422, description = "Unanswered questions or unknown commune, per field")))]
pub async fn create(State(state): State<AppState>, headers: HeaderMap, Json(body): Json<DiagnosticBody>) -> Result<Response, AppError> {
    take_api(&state, &headers, body).await
}
