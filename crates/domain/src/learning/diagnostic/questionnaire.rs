//! A questionnaire document and its validation. Managers publish new versions as JSON, so
//! every rule a result depends on is checked here, with a message per problem.

use crate::events::model::is_theme;
use crate::learning::catalogue;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::sync::LazyLock;

/// The six axes, in display order: online presence, being found, selling online, customer
/// relationship and social networks, internal tools, data and security.
pub const AXES: [&str; 6] = ["presence", "visibility", "selling", "relationship", "tools", "security"];

/// Answers a question may offer.
const ANSWERS_MIN: usize = 2;
const ANSWERS_MAX: usize = 5;
/// Questions an axis may hold (the shipped version has 3 or 4 per axis).
const QUESTIONS_MIN: usize = 1;
const QUESTIONS_MAX: usize = 8;

/// A questionnaire: a title, an introduction and the six axes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Questionnaire {
    /// Title shown above the form.
    pub title: String,
    /// One or two sentences of introduction.
    #[serde(default)]
    pub intro: String,
    /// The axes, in display order.
    pub axes: Vec<Axis>,
}

/// One axis of maturity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Axis {
    /// One of [`AXES`].
    pub id: String,
    /// Title shown.
    pub title: String,
    /// Module slugs recommended when the axis is weak.
    #[serde(default)]
    pub modules: Vec<String>,
    /// Workshop and coaching themes recommended when the axis is weak.
    #[serde(default)]
    pub themes: Vec<String>,
    /// Its questions.
    pub questions: Vec<Question>,
}

/// A question with its possible answers (one is chosen).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Question {
    /// Unique in the questionnaire (form field name).
    pub id: String,
    /// The question.
    pub text: String,
    /// Possible answers, in order.
    pub answers: Vec<Answer>,
}

/// One possible answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Answer {
    /// Unique within its question.
    pub id: String,
    /// What the taker ticks.
    pub label: String,
    /// Points earned (0 or more).
    pub points: i64,
    /// Why it matters, in plain words, shown on the result.
    pub explanation: String,
}

impl Questionnaire {
    /// Parses and validates a document; the problems found otherwise.
    pub fn parse(text: &str) -> Result<Questionnaire, Vec<Issue>> {
        let questionnaire: Questionnaire = serde_json::from_str(text).map_err(|e| vec![Issue::Json { detail: e.to_string() }])?;
        let issues = validate(&questionnaire);
        if issues.is_empty() { Ok(questionnaire) } else { Err(issues) }
    }

    /// Every question, with its axis.
    pub fn questions(&self) -> impl Iterator<Item = (&Axis, &Question)> {
        self.axes.iter().flat_map(|axis| axis.questions.iter().map(move |q| (axis, q)))
    }

    /// An axis by id.
    pub fn axis(&self, id: &str) -> Option<&Axis> {
        self.axes.iter().find(|a| a.id == id)
    }
}

impl Question {
    /// An answer by id.
    pub fn answer(&self, id: &str) -> Option<&Answer> {
        self.answers.iter().find(|a| a.id == id)
    }

    /// The most points an answer gives.
    pub fn max_points(&self) -> i64 {
        self.answers.iter().map(|a| a.points).max().unwrap_or(0)
    }
}

/// A problem in a questionnaire document. `key` is a translation key, `args` its values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Issue {
    /// Not JSON of the expected shape.
    Json { detail: String },
    /// The title is empty.
    EmptyTitle,
    /// An axis of [`AXES`] is missing.
    MissingAxis { axis: String },
    /// An axis not in [`AXES`].
    UnknownAxis { axis: String },
    /// An axis twice.
    DuplicateAxis { axis: String },
    /// An axis without a title.
    EmptyAxisTitle { axis: String },
    /// Too few or too many questions in an axis.
    QuestionCount { axis: String },
    /// A question id used twice, or empty.
    BadQuestionId { question: String },
    /// A question without text.
    EmptyQuestion { question: String },
    /// Too few or too many answers.
    AnswerCount { question: String },
    /// An answer id used twice in a question, or empty.
    BadAnswerId { question: String, answer: String },
    /// An answer without label or explanation.
    EmptyAnswer { question: String, answer: String },
    /// Negative points.
    NegativePoints { question: String, answer: String },
    /// No answer gives any point: the question could not be scored.
    NoPoints { question: String },
    /// A module slug not in the catalogue.
    UnknownModule { axis: String, module: String },
    /// A theme not in the workshops' vocabulary.
    UnknownTheme { axis: String, theme: String },
}

impl Issue {
    /// Translation key of the message.
    pub fn key(&self) -> &'static str {
        match self {
            Issue::Json { .. } => "diagnostic-issue-json",
            Issue::EmptyTitle => "diagnostic-issue-title",
            Issue::MissingAxis { .. } => "diagnostic-issue-missing-axis",
            Issue::UnknownAxis { .. } => "diagnostic-issue-unknown-axis",
            Issue::DuplicateAxis { .. } => "diagnostic-issue-duplicate-axis",
            Issue::EmptyAxisTitle { .. } => "diagnostic-issue-axis-title",
            Issue::QuestionCount { .. } => "diagnostic-issue-question-count",
            Issue::BadQuestionId { .. } => "diagnostic-issue-question-id",
            Issue::EmptyQuestion { .. } => "diagnostic-issue-question-text",
            Issue::AnswerCount { .. } => "diagnostic-issue-answer-count",
            Issue::BadAnswerId { .. } => "diagnostic-issue-answer-id",
            Issue::EmptyAnswer { .. } => "diagnostic-issue-answer-text",
            Issue::NegativePoints { .. } => "diagnostic-issue-negative-points",
            Issue::NoPoints { .. } => "diagnostic-issue-no-points",
            Issue::UnknownModule { .. } => "diagnostic-issue-unknown-module",
            Issue::UnknownTheme { .. } => "diagnostic-issue-unknown-theme",
        }
    }

    /// The values of the message (`axis`, `question`, `answer`, `module`, `theme`, `detail`,
    /// `min`, `max`).
    pub fn args(&self) -> Vec<(&'static str, String)> {
        let mut args = vec![
            ("min_questions", QUESTIONS_MIN.to_string()),
            ("max_questions", QUESTIONS_MAX.to_string()),
            ("min_answers", ANSWERS_MIN.to_string()),
            ("max_answers", ANSWERS_MAX.to_string()),
        ];
        match self {
            Issue::Json { detail } => args.push(("detail", detail.clone())),
            Issue::EmptyTitle => {}
            Issue::MissingAxis { axis }
            | Issue::UnknownAxis { axis }
            | Issue::DuplicateAxis { axis }
            | Issue::EmptyAxisTitle { axis }
            | Issue::QuestionCount { axis } => args.push(("axis", axis.clone())),
            Issue::BadQuestionId { question }
            | Issue::EmptyQuestion { question }
            | Issue::AnswerCount { question }
            | Issue::NoPoints { question } => args.push(("question", question.clone())),
            Issue::BadAnswerId { question, answer }
            | Issue::EmptyAnswer { question, answer }
            | Issue::NegativePoints { question, answer } => {
                args.push(("question", question.clone()));
                args.push(("answer", answer.clone()));
            }
            Issue::UnknownModule { axis, module } => {
                args.push(("axis", axis.clone()));
                args.push(("module", module.clone()));
            }
            Issue::UnknownTheme { axis, theme } => {
                args.push(("axis", axis.clone()));
                args.push(("theme", theme.clone()));
            }
        }
        args
    }
}

/// Every problem of a questionnaire, in document order (empty when it can be published).
pub fn validate(questionnaire: &Questionnaire) -> Vec<Issue> {
    let mut issues = Vec::new();
    if questionnaire.title.trim().is_empty() {
        issues.push(Issue::EmptyTitle);
    }
    let mut axes_seen = HashSet::new();
    let mut questions_seen = HashSet::new();
    for axis in &questionnaire.axes {
        if !AXES.contains(&axis.id.as_str()) {
            issues.push(Issue::UnknownAxis { axis: axis.id.clone() });
        } else if !axes_seen.insert(axis.id.as_str()) {
            issues.push(Issue::DuplicateAxis { axis: axis.id.clone() });
        }
        if axis.title.trim().is_empty() {
            issues.push(Issue::EmptyAxisTitle { axis: axis.id.clone() });
        }
        if !(QUESTIONS_MIN..=QUESTIONS_MAX).contains(&axis.questions.len()) {
            issues.push(Issue::QuestionCount { axis: axis.id.clone() });
        }
        for module in &axis.modules {
            if !catalogue::modules().iter().any(|m| &m.slug == module) {
                issues.push(Issue::UnknownModule { axis: axis.id.clone(), module: module.clone() });
            }
        }
        for theme in &axis.themes {
            if !is_theme(theme) {
                issues.push(Issue::UnknownTheme { axis: axis.id.clone(), theme: theme.clone() });
            }
        }
        for question in &axis.questions {
            validate_question(question, &mut questions_seen, &mut issues);
        }
    }
    for axis in AXES {
        if !axes_seen.contains(axis) {
            issues.push(Issue::MissingAxis { axis: axis.to_owned() });
        }
    }
    issues
}

fn validate_question<'a>(question: &'a Question, seen: &mut HashSet<&'a str>, issues: &mut Vec<Issue>) {
    let id = question.id.trim();
    if id.is_empty() || id != question.id || !seen.insert(question.id.as_str()) {
        issues.push(Issue::BadQuestionId { question: question.id.clone() });
    }
    if question.text.trim().is_empty() {
        issues.push(Issue::EmptyQuestion { question: question.id.clone() });
    }
    if !(ANSWERS_MIN..=ANSWERS_MAX).contains(&question.answers.len()) {
        issues.push(Issue::AnswerCount { question: question.id.clone() });
    }
    let mut answers_seen = HashSet::new();
    for answer in &question.answers {
        if answer.id.trim().is_empty() || !answers_seen.insert(answer.id.as_str()) {
            issues.push(Issue::BadAnswerId { question: question.id.clone(), answer: answer.id.clone() });
        }
        if answer.label.trim().is_empty() || answer.explanation.trim().is_empty() {
            issues.push(Issue::EmptyAnswer { question: question.id.clone(), answer: answer.id.clone() });
        }
        if answer.points < 0 {
            issues.push(Issue::NegativePoints { question: question.id.clone(), answer: answer.id.clone() });
        }
    }
    if !question.answers.is_empty() && question.max_points() <= 0 {
        issues.push(Issue::NoPoints { question: question.id.clone() });
    }
}

/// The shipped questionnaire's text (version 1 of the platform questionnaire).
pub const PLATFORM_QUESTIONNAIRE: &str = include_str!("../catalogue/questionnaire.json");

static PLATFORM: LazyLock<Questionnaire> = LazyLock::new(|| {
    // The file is part of the build and validated by the tests below: a broken file is a bug.
    #[allow(clippy::expect_used)]
    Questionnaire::parse(PLATFORM_QUESTIONNAIRE).expect("catalogue/questionnaire.json is valid")
});

/// The shipped questionnaire.
pub fn platform_questionnaire() -> &'static Questionnaire {
    &PLATFORM
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_questionnaire_is_valid_with_about_twenty_questions() {
        let q = platform_questionnaire();
        assert_eq!(q.axes.iter().map(|a| a.id.as_str()).collect::<Vec<_>>(), AXES);
        let count = q.questions().count();
        assert!((18..=24).contains(&count), "{count}");
        assert!(q.axes.iter().all(|a| (3..=4).contains(&a.questions.len())));
        assert!(q.axes.iter().all(|a| !a.modules.is_empty() && !a.themes.is_empty()));
    }

    #[test]
    fn validation_names_each_problem() {
        let mut q = platform_questionnaire().clone();
        q.axes.retain(|a| a.id != "security");
        q.axes[0].questions[1].id = q.axes[0].questions[0].id.clone();
        q.axes[0].questions[0].answers.truncate(1);
        q.axes[1].questions[0].answers[0].points = -1;
        q.axes[1].questions[0].answers[1].id = q.axes[1].questions[0].answers[0].id.clone();
        q.axes[2].modules.push("inconnu".into());
        q.axes[2].themes.push("cuisine".into());
        q.axes[3].questions.clear();
        let issues = validate(&q);
        let site = "site".to_owned();
        assert!(issues.contains(&Issue::MissingAxis { axis: "security".into() }), "{issues:?}");
        assert!(issues.contains(&Issue::BadQuestionId { question: site.clone() }));
        assert!(issues.contains(&Issue::AnswerCount { question: site }));
        assert!(issues.contains(&Issue::NegativePoints { question: "recherche".into(), answer: "non".into() }));
        assert!(issues.contains(&Issue::BadAnswerId { question: "recherche".into(), answer: "non".into() }));
        assert!(issues.contains(&Issue::UnknownModule { axis: "selling".into(), module: "inconnu".into() }));
        assert!(issues.contains(&Issue::UnknownTheme { axis: "selling".into(), theme: "cuisine".into() }));
        assert!(issues.contains(&Issue::QuestionCount { axis: "relationship".into() }));
        assert!(matches!(Questionnaire::parse("{").expect_err("not JSON")[0], Issue::Json { .. }));
    }
}
