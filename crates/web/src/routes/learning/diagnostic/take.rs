//! `GET /diagnostic`: the questionnaire on one page, one fieldset per axis (no account
//! needed); `POST` scores it, stores the result and sends the taker to it. Unanswered
//! questions bring the form back (422) as answered, with a message at each.

use super::private;
use crate::error::AppError;
use crate::pages::{Ctx, FormErrors, render};
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tremplin_domain::accounts::FieldError;
use tremplin_domain::learning::diagnostic::{
    Answers, Diagnostic, DiagnosticRepo, NewDiagnostic, StoredQuestionnaire, missing_answers, score,
};
use tremplin_domain::territories::{self, Place, TerritoryRepo};
use tremplin_kernel::token::new_token;

/// Who takes the diagnostic.
pub const AUDIENCES: [&str; 2] = ["business", "resident"];

/// The form as typed (kept to fill it again).
#[derive(Debug, Clone, Default)]
pub struct TakeInput {
    /// The questionnaire version the form showed.
    pub questionnaire: String,
    /// Commune or postcode, optional.
    pub commune: String,
    /// `business` or `resident`.
    pub audience: String,
    /// Chosen answer by question.
    pub answers: Answers,
}

impl TakeInput {
    /// Reads the form's pairs: answers come as `q-{question id}`.
    pub fn from_pairs(pairs: &[(String, String)]) -> Self {
        let mut input = TakeInput::default();
        for (key, value) in pairs {
            match key.as_str() {
                "questionnaire" => input.questionnaire = value.trim().to_owned(),
                "commune" => input.commune = value.trim().to_owned(),
                "audience" => input.audience = value.trim().to_owned(),
                other => {
                    if let Some(question) = other.strip_prefix("q-") {
                        input.answers.insert(question.to_owned(), value.clone());
                    }
                }
            }
        }
        input
    }
}

/// Why a diagnostic was not stored.
#[derive(Debug, Default)]
pub struct Refusal {
    /// Field errors (commune, audience).
    pub fields: Vec<FieldError>,
    /// Questions without a valid answer.
    pub unanswered: Vec<String>,
}

/// A place and its territory, from what the taker typed.
pub async fn locate(state: &AppState, commune: &str) -> Result<Result<Option<(Place, Option<i64>)>, FieldError>, AppError> {
    if commune.is_empty() {
        return Ok(Ok(None));
    }
    let Some(place) = territories::search_places(&state.db, commune, 1).await?.into_iter().next() else {
        return Ok(Err(FieldError { field: "commune", key: "error-place-unknown" }));
    };
    let territory = state.db.territory_of_commune(&place.insee).await?.map(|t| t.id);
    Ok(Ok(Some((place, territory))))
}

/// Checks, scores and stores a diagnostic: the use case behind the page and the API. The
/// questionnaire is the one of the commune's territory; answers for another version are
/// refused (the form comes back with the right questions).
pub async fn take(
    state: &AppState,
    input: &TakeInput,
    user_id: Option<i64>,
) -> Result<Result<(Diagnostic, StoredQuestionnaire, Option<Place>), (Refusal, StoredQuestionnaire)>, AppError> {
    let mut refusal = Refusal::default();
    let located = match locate(state, &input.commune).await? {
        Ok(located) => located,
        Err(error) => {
            refusal.fields.push(error);
            None
        }
    };
    if !input.audience.is_empty() && !AUDIENCES.contains(&input.audience.as_str()) {
        refusal.fields.push(FieldError { field: "audience", key: "diagnostic-error-audience" });
    }
    let territory_id = located.as_ref().and_then(|(_, t)| *t);
    let questionnaire = state.db.questionnaire_for(territory_id).await?;
    refusal.unanswered = missing_answers(&questionnaire.content, &input.answers);
    if !refusal.fields.is_empty() || !refusal.unanswered.is_empty() {
        return Ok(Err((refusal, questionnaire)));
    }
    let scored = score(&questionnaire.content, &input.answers);
    let new = NewDiagnostic {
        public_id: new_token(),
        questionnaire_id: questionnaire.id,
        territory_id,
        insee: located.as_ref().map(|(p, _)| p.insee.clone()),
        audience: if input.audience.is_empty() { AUDIENCES[0].to_owned() } else { input.audience.clone() },
        user_id,
        answers: input.answers.clone(),
        axis_scores: scored.axes,
        overall: scored.overall,
        level: scored.level,
        created_at: state.clock.now_ts(),
    };
    let diagnostic = state.db.save_diagnostic(&new).await?;
    Ok(Ok((diagnostic, questionnaire, located.map(|(p, _)| p))))
}

/// The path of a result.
pub fn result_path(public_id: &str) -> String {
    format!("/diagnostic/resultats/{public_id}")
}

/// The questionnaire page.
#[derive(Template)]
#[template(path = "learning_diagnostic/form.html")]
pub struct TakePage {
    ctx: Ctx,
    questionnaire: StoredQuestionnaire,
    input: TakeInput,
    errors: FormErrors,
    unanswered: Vec<String>,
    /// The form showed another version than the commune's territory uses.
    other_version: bool,
}

impl TakePage {
    fn chosen(&self, question: &str, answer: &str) -> bool {
        self.input.answers.get(question).is_some_and(|a| a == answer)
    }
    fn is_unanswered(&self, question: &str) -> bool {
        self.unanswered.iter().any(|q| q == question)
    }
    fn audiences(&self) -> [&'static str; 2] {
        AUDIENCES
    }
    fn unanswered_count(&self) -> i64 {
        self.unanswered.len() as i64
    }
    fn question_count(&self) -> usize {
        self.questionnaire.content.questions().count()
    }
}

/// The query of the page: a commune selects its territory's questionnaire.
#[derive(Debug, Deserialize)]
pub struct TakeQuery {
    #[serde(default)]
    commune: String,
}

/// The questionnaire.
pub async fn page(State(state): State<AppState>, ctx: Ctx, Query(query): Query<TakeQuery>) -> Result<Response, AppError> {
    let commune = query.commune.trim().to_owned();
    let territory_id = locate(&state, &commune).await?.ok().flatten().and_then(|(_, t)| t);
    let questionnaire = state.db.questionnaire_for(territory_id).await?;
    let input = TakeInput { commune, questionnaire: questionnaire.id.to_string(), ..TakeInput::default() };
    let page = TakePage {
        ctx: ctx.with_form().await?,
        questionnaire,
        input,
        errors: FormErrors::default(),
        unanswered: Vec::new(),
        other_version: false,
    };
    Ok(render(StatusCode::OK, &page))
}

/// Scores and stores; the result, or the form again.
pub async fn submit(State(state): State<AppState>, ctx: Ctx, Form(pairs): Form<Vec<(String, String)>>) -> Result<Response, AppError> {
    let mut input = TakeInput::from_pairs(&pairs);
    match take(&state, &input, ctx.user.as_ref().map(|u| u.id)).await? {
        Ok((diagnostic, _, _)) => Ok(Redirect::to(&result_path(&diagnostic.data.public_id)).into_response()),
        Err((refusal, questionnaire)) => {
            let other_version = input.questionnaire != questionnaire.id.to_string();
            input.questionnaire = questionnaire.id.to_string();
            let mut errors = refusal.fields;
            if !refusal.unanswered.is_empty() {
                errors.push(FieldError { field: "questions", key: "diagnostic-error-unanswered" });
            }
            let page = TakePage {
                ctx: ctx.with_form().await?,
                questionnaire,
                input,
                errors: FormErrors(errors),
                unanswered: refusal.unanswered,
                other_version,
            };
            Ok(private(render(StatusCode::UNPROCESSABLE_ENTITY, &page)))
        }
    }
}
