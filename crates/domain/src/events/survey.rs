//! The satisfaction survey after a session (the quality framework): content, trainer,
//! usefulness and "would recommend", each from 1 to 5, and a free comment. One answer per
//! registration, held by the table's primary key. Results are averaged per session,
//! workshop (a series, else the same title), trainer and theme; an average of fewer than
//! [`MIN_ANSWERS`] answers is not shown, so that a trainer cannot tell who answered what.

use super::model::Event;
use crate::StoreResult;
use crate::accounts::FieldError;
use std::collections::BTreeMap;
use std::future::Future;

/// Longest comment accepted, in characters.
pub const COMMENT_MAX: usize = 2_000;
/// Fewest answers for an average to be shown.
pub const MIN_ANSWERS: i64 = 3;

/// The four questions, in the order of the form and of the results.
pub const QUESTIONS: [&str; 4] = ["content", "trainer", "usefulness", "recommend"];

/// The survey as typed.
#[derive(Debug, Clone, Default)]
pub struct SurveyForm {
    /// Content, 1–5.
    pub content: String,
    /// Trainer, 1–5.
    pub trainer: String,
    /// Usefulness, 1–5.
    pub usefulness: String,
    /// Would recommend, 1–5.
    pub recommend: String,
    /// Free comment.
    pub comment: String,
}

/// A valid answer.
#[derive(Debug, Clone, PartialEq)]
pub struct SurveyAnswer {
    /// Scores in the order of [`QUESTIONS`].
    pub scores: [i64; 4],
    /// Free comment (may be empty).
    pub comment: String,
}

/// One stored answer, for the results.
#[derive(Debug, Clone, PartialEq)]
pub struct SurveyRow {
    /// Session.
    pub event_id: i64,
    /// Scores in the order of [`QUESTIONS`].
    pub scores: [i64; 4],
    /// Comment.
    pub comment: String,
    /// Unix seconds.
    pub created_at: i64,
}

/// What the survey needs from the store.
pub trait SurveyRepo: Send + Sync {
    /// Saves the answer of a registration; returns false (and changes nothing) when the
    /// registration has answered already.
    fn save_survey(
        &self,
        registration_id: i64,
        event_id: i64,
        answer: &SurveyAnswer,
        now: i64,
    ) -> impl Future<Output = StoreResult<bool>> + Send;
    /// Whether a registration has answered.
    fn has_answered(&self, registration_id: i64) -> impl Future<Output = StoreResult<bool>> + Send;
    /// Every answer about these sessions, oldest first.
    fn survey_rows(&self, event_ids: &[i64]) -> impl Future<Output = StoreResult<Vec<SurveyRow>>> + Send;
}

/// Checks the form; every problem is reported at once.
pub fn validate_survey(form: &SurveyForm) -> Result<SurveyAnswer, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut scores = [0; 4];
    let typed = [&form.content, &form.trainer, &form.usefulness, &form.recommend];
    for (i, (field, value)) in QUESTIONS.iter().zip(typed).enumerate() {
        match value.trim().parse::<i64>() {
            Ok(n) if (1..=5).contains(&n) => scores[i] = n,
            _ => errors.push(FieldError { field, key: "survey-error-score" }),
        }
    }
    let comment = form.comment.trim();
    if comment.chars().count() > COMMENT_MAX {
        errors.push(FieldError { field: "comment", key: "survey-error-comment-too-long" });
    }
    if errors.is_empty() { Ok(SurveyAnswer { scores, comment: comment.to_owned() }) } else { Err(errors) }
}

/// The results of one group of answers.
#[derive(Debug, Clone, PartialEq)]
pub struct ResultLine {
    /// What the line is about (a session title and date, a workshop, a trainer, a theme slug).
    pub label: String,
    /// Session slug, for a link (per-session lines only).
    pub slug: Option<String>,
    /// Number of answers.
    pub answers: i64,
    /// Averages in the order of [`QUESTIONS`]; `None` below [`MIN_ANSWERS`].
    pub averages: Option<[f64; 4]>,
}

/// Results grouped four ways.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SurveyResults {
    /// Per session, by start.
    pub sessions: Vec<ResultLine>,
    /// Per workshop (a series, else the same title).
    pub workshops: Vec<ResultLine>,
    /// Per trainer.
    pub trainers: Vec<ResultLine>,
    /// Per theme (label = theme slug).
    pub themes: Vec<ResultLine>,
}

#[derive(Default)]
struct Sum {
    answers: i64,
    totals: [i64; 4],
}

impl Sum {
    fn add(&mut self, scores: &[i64; 4]) {
        self.answers += 1;
        for (t, s) in self.totals.iter_mut().zip(scores) {
            *t += s;
        }
    }

    fn line(&self, label: String, slug: Option<String>) -> ResultLine {
        let averages = (self.answers >= MIN_ANSWERS).then(|| self.totals.map(|t| t as f64 / self.answers as f64));
        ResultLine { label, slug, answers: self.answers, averages }
    }
}

/// Groups answers about `events` (answers about other sessions are ignored). `session_label`
/// names a session line (e.g. title and date).
pub fn results(events: &[Event], rows: &[SurveyRow], session_label: impl Fn(&Event) -> String) -> SurveyResults {
    let mut per_event: BTreeMap<i64, Sum> = BTreeMap::new();
    for row in rows {
        per_event.entry(row.event_id).or_default().add(&row.scores);
    }
    let mut out = SurveyResults::default();
    // A workshop is its series when it has one, else its title.
    let mut workshops: BTreeMap<(String, String), Sum> = BTreeMap::new();
    let (mut trainers, mut themes): (BTreeMap<String, Sum>, BTreeMap<String, Sum>) = Default::default();
    for event in events {
        let Some(sum) = per_event.get(&event.id) else { continue };
        out.sessions.push(sum.line(session_label(event), Some(event.slug.clone())));
        let rows_of = rows.iter().filter(|r| r.event_id == event.id);
        for row in rows_of {
            workshops.entry((event.title.clone(), event.series_slug.clone().unwrap_or_default())).or_default().add(&row.scores);
            for t in &event.trainers {
                trainers.entry(t.name.clone()).or_default().add(&row.scores);
            }
            for theme in &event.themes {
                themes.entry(theme.clone()).or_default().add(&row.scores);
            }
        }
    }
    out.workshops = workshops.iter().map(|((title, _), s)| s.line(title.clone(), None)).collect();
    out.trainers = trainers.iter().map(|(k, s)| s.line(k.clone(), None)).collect();
    out.themes = themes.iter().map(|(k, s)| s.line(k.clone(), None)).collect();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_are_one_to_five_and_comments_bounded() {
        let form = SurveyForm {
            content: "5".into(),
            trainer: "4".into(),
            usefulness: "3".into(),
            recommend: "1".into(),
            comment: " Merci ".into(),
        };
        assert_eq!(validate_survey(&form).expect("valid"), SurveyAnswer { scores: [5, 4, 3, 1], comment: "Merci".into() });
        let bad = SurveyForm { content: "0".into(), trainer: "6".into(), usefulness: String::new(), comment: "x".repeat(2001), ..form };
        let fields: Vec<&str> = validate_survey(&bad).expect_err("invalid").iter().map(|e| e.field).collect();
        assert_eq!(fields, ["content", "trainer", "usefulness", "comment"]);
    }

    #[test]
    fn averages_hidden_below_three_answers() {
        let mut sum = Sum::default();
        sum.add(&[5, 5, 5, 5]);
        sum.add(&[3, 3, 3, 3]);
        assert_eq!(sum.line("x".into(), None).averages, None);
        sum.add(&[4, 1, 4, 4]);
        assert_eq!(sum.line("x".into(), None).averages, Some([4.0, 3.0, 4.0, 4.0]));
    }
}
