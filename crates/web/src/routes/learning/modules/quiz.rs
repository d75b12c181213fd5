//! `GET|POST /modules/{slug}/quiz`: a module's quiz. The answers are scored and each shown with
//! its explanation; an unanswered question is a 422 with the answers kept. Passing records a
//! completion for the signed-in account (its e-mail recognises the person; the commune gives
//! the territory and is remembered). Without an account the score is only shown: anyone could
//! otherwise record completions under someone else's e-mail.

use crate::error::AppError;
use crate::pages::{Ctx, FormErrors, render};
use crate::routes::events::staff::private;
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use tremplin_domain::accounts::{FieldError, User};
use tremplin_domain::coaching::Booker;
use tremplin_domain::learning::evidence::quiz_completion;
use tremplin_domain::learning::quiz::{QuizResult, field_name, score};
use tremplin_domain::learning::tokens::holder_path;
use tremplin_domain::learning::{CompletionOutcome, HolderRef, LearningRepo, Module};
use tremplin_domain::territories::{self, Territory, TerritoryRepo};

/// Session key of the commune last given on a quiz.
const COMMUNE_KEY: &str = "learning_commune";

/// What recording the pass did, for the page.
pub struct Recorded {
    /// Whether the completion is new.
    pub new: bool,
    /// The territory it counts in.
    pub territory: String,
    /// The holder's passport link, when this pass issued it.
    pub passport_href: Option<String>,
}

#[derive(Template)]
#[template(path = "learning_modules/quiz.html")]
struct QuizPage {
    ctx: Ctx,
    module: Module,
    /// Choice given per question (as typed).
    given: Vec<Option<usize>>,
    commune: String,
    errors: FormErrors,
    result: Option<QuizResult>,
    recorded: Option<Recorded>,
}

/// A question or choice index as askama passes it (by value or by reference).
trait Index {
    fn index(&self) -> usize;
}

impl Index for usize {
    fn index(&self) -> usize {
        *self
    }
}

impl<T: Index> Index for &T {
    fn index(&self) -> usize {
        (**self).index()
    }
}

impl QuizPage {
    fn is_given(&self, question: impl Index, choice: impl Index) -> bool {
        let (question, choice) = (question.index(), choice.index());
        self.given.get(question).copied().flatten() == Some(choice)
    }
    fn field(&self, question: impl Index) -> String {
        let question = question.index();
        field_name(question)
    }
    fn answer_right(&self, question: impl Index) -> bool {
        let question = question.index();
        self.result.as_ref().and_then(|r| r.answers.get(question)).is_some_and(|a| a.right)
    }
    fn error_of(&self, question: impl Index) -> Option<&'static str> {
        let question = question.index();
        self.errors.key(&field_name(question))
    }
    /// The answer given to a question, in words.
    fn given_text(&self, question: impl Index) -> Option<String> {
        let question = question.index();
        let choice = self.given.get(question).copied().flatten()?;
        self.module.quiz.questions.get(question)?.choices.get(choice).cloned()
    }
    /// The right answer of a question, in words.
    fn right_text(&self, question: impl Index) -> String {
        let question = question.index();
        self.module.quiz.questions.get(question).and_then(|q| q.choices.get(q.correct).cloned()).unwrap_or_default()
    }
    /// "4 right answers out of 5".
    fn score_text(&self) -> String {
        let (right, total) = self.result.as_ref().map(|r| (r.right, r.total)).unwrap_or_default();
        self.ctx.tr.args("quiz-score", &[("right", right.to_string()), ("total", total.to_string())])
    }
}

/// The quiz, blank (the commune remembered for a signed-in account).
pub async fn show(State(state): State<AppState>, ctx: Ctx, Path(slug): Path<String>) -> Result<Response, AppError> {
    let module = quiz_module(&state, &slug).await?;
    let commune = remembered_commune(&ctx).await;
    let given = vec![None; module.quiz.questions.len()];
    let page =
        QuizPage { ctx: ctx.with_form().await?, module, given, commune, errors: FormErrors::default(), result: None, recorded: None };
    Ok(private(render(StatusCode::OK, &page)))
}

/// Scores the answers; records a pass for a signed-in account.
pub async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(slug): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let module = quiz_module(&state, &slug).await?;
    let count = module.quiz.questions.len();
    let mut given = vec![None; count];
    let mut commune = String::new();
    for (name, value) in pairs {
        if name == "commune" {
            commune = value.trim().to_owned();
        } else if let Some(index) = name.strip_prefix('q').and_then(|i| i.parse::<usize>().ok()).filter(|i| *i < count) {
            given[index] = value.parse::<usize>().ok();
        }
    }
    let scored = score(&module.quiz, &given);
    let mut errors = scored.as_ref().err().cloned().unwrap_or_default();
    // The commune matters only to record a pass, so only a signed-in account is asked for it.
    let territory = match &ctx.user {
        Some(_) => match territory_of(&state, &commune).await? {
            Ok(territory) => Some(territory),
            Err(error) => {
                errors.push(error);
                None
            }
        },
        None => None,
    };
    let ctx = ctx.with_form().await?;
    let result = match scored {
        Ok(result) if errors.is_empty() => result,
        _ => {
            let page = QuizPage { ctx, module, given, commune, errors: FormErrors(errors), result: None, recorded: None };
            return Ok(private(render(StatusCode::UNPROCESSABLE_ENTITY, &page)));
        }
    };
    let mut recorded = None;
    if let (Some(user), Some(territory)) = (&ctx.user, territory) {
        if let Err(e) = ctx.session().insert(COMMUNE_KEY, &commune).await {
            tracing::warn!(error = %e, "commune not remembered");
        }
        if result.passed {
            let completion = quiz_completion(&module.slug, result.right, result.total, state.clock.now_ts());
            let outcome = state.db.record_completions(&holder(user, &territory), &[completion], state.clock.now_ts()).await?;
            recorded = Some(recorded_of(outcome, territory));
        }
    }
    let page = QuizPage { ctx, module, given, commune, errors: FormErrors::default(), result: Some(result), recorded };
    Ok(private(render(StatusCode::OK, &page)))
}

fn recorded_of(outcome: CompletionOutcome, territory: Territory) -> Recorded {
    Recorded {
        new: outcome.recorded > 0,
        territory: territory.name,
        passport_href: outcome.issued.map(|p| holder_path(&p.public_id, &p.secret)),
    }
}

/// The account's person as a holder in `territory`.
fn holder(user: &User, territory: &Territory) -> HolderRef {
    HolderRef::Person {
        territory_id: territory.id,
        person: Booker {
            name: user.display_name.clone(),
            email: Some(user.email.clone()),
            phone: None,
            business: String::new(),
            locale: user.locale,
        },
    }
}

async fn quiz_module(state: &AppState, slug: &str) -> Result<Module, AppError> {
    state.db.module_by_slug(slug).await?.filter(|m| !m.quiz.questions.is_empty()).ok_or(AppError::NotFound)
}

async fn remembered_commune(ctx: &Ctx) -> String {
    ctx.session().get::<String>(COMMUNE_KEY).await.ok().flatten().unwrap_or_default()
}

/// The most specific territory covering the commune typed (name or postcode).
pub async fn territory_of(state: &AppState, commune: &str) -> Result<Result<Territory, FieldError>, AppError> {
    if commune.is_empty() {
        return Ok(Err(FieldError { field: "commune", key: "quiz-error-commune-required" }));
    }
    let Some(place) = territories::search_places(&state.db, commune, 1).await?.into_iter().next() else {
        return Ok(Err(FieldError { field: "commune", key: "error-place-unknown" }));
    };
    Ok(state.db.territory_of_commune(&place.insee).await?.ok_or(FieldError { field: "commune", key: "quiz-error-commune-outside" }))
}
