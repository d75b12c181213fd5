//! What the diagnostic needs from the store: questionnaire versions resolved up the
//! territory's parents, results, a taker's history and the counts for the statistics.

use super::questionnaire::Questionnaire;
use super::scoring::{Answers, AxisScore, Level};
use crate::StoreResult;
use std::future::Future;

/// A published questionnaire version.
#[derive(Debug, Clone)]
pub struct StoredQuestionnaire {
    /// Internal id (kept by each result).
    pub id: i64,
    /// Publishing territory; `None` for the platform's.
    pub territory_id: Option<i64>,
    /// Version number, from 1 per territory.
    pub version: i64,
    /// The document.
    pub content: Questionnaire,
    /// When (Unix seconds).
    pub published_at: i64,
    /// Who published it (`None` for the shipped version).
    pub published_by: Option<i64>,
}

/// A result to store.
#[derive(Debug, Clone)]
pub struct NewDiagnostic {
    /// Public identifier (unguessable, in the result's URL).
    pub public_id: String,
    /// The questionnaire version answered.
    pub questionnaire_id: i64,
    /// Territory of the commune, if any.
    pub territory_id: Option<i64>,
    /// Commune (INSEE), if given.
    pub insee: Option<String>,
    /// `business` or `resident`.
    pub audience: String,
    /// The account, when signed in; anonymous results keep no personal data.
    pub user_id: Option<i64>,
    /// The answers.
    pub answers: Answers,
    /// Per-axis scores.
    pub axis_scores: Vec<AxisScore>,
    /// Overall score.
    pub overall: i64,
    /// Level.
    pub level: Level,
    /// When (Unix seconds).
    pub created_at: i64,
}

/// A stored result.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    /// Internal id.
    pub id: i64,
    /// What was stored.
    pub data: NewDiagnostic,
}

/// Diagnostics taken in one month (Europe/Paris), `YYYY-MM`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct MonthCount {
    /// `YYYY-MM`.
    pub month: String,
    /// How many.
    pub count: i64,
}

/// Counts for the statistics: no personal data.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct DiagnosticCounts {
    /// All diagnostics counted.
    pub total: i64,
    /// Per month, oldest first.
    pub by_month: Vec<MonthCount>,
    /// Average score per axis (rounded), in the axes' order.
    pub average_axes: Vec<AxisScore>,
    /// Average overall score (rounded).
    pub average_overall: i64,
}

/// Store of questionnaires and diagnostics.
pub trait DiagnosticRepo: Send + Sync {
    /// The questionnaire a diagnostic taken in `territory_id` uses: the nearest published
    /// up its parents, else the platform's latest.
    fn questionnaire_for(&self, territory_id: Option<i64>) -> impl Future<Output = StoreResult<StoredQuestionnaire>> + Send;
    /// A questionnaire version by id.
    fn questionnaire_by_id(&self, id: i64) -> impl Future<Output = StoreResult<Option<StoredQuestionnaire>>> + Send;
    /// The versions published by a territory (`None`: the platform), newest first.
    fn questionnaire_versions(&self, territory_id: Option<i64>) -> impl Future<Output = StoreResult<Vec<StoredQuestionnaire>>> + Send;
    /// Publishes a new version (the next number) for a territory or the platform.
    fn publish_questionnaire(
        &self,
        territory_id: Option<i64>,
        content: &Questionnaire,
        by: i64,
        now: i64,
    ) -> impl Future<Output = StoreResult<StoredQuestionnaire>> + Send;
    /// Stores a result.
    fn save_diagnostic(&self, diagnostic: &NewDiagnostic) -> impl Future<Output = StoreResult<Diagnostic>> + Send;
    /// A result by public id.
    fn diagnostic_by_public_id(&self, public_id: &str) -> impl Future<Output = StoreResult<Option<Diagnostic>>> + Send;
    /// An account's results, newest first.
    fn diagnostics_of_user(&self, user_id: i64) -> impl Future<Output = StoreResult<Vec<Diagnostic>>> + Send;
    /// Counts of the diagnostics taken in these territories within `[from, until)`.
    fn diagnostic_counts(&self, territory_ids: &[i64], from: i64, until: i64)
    -> impl Future<Output = StoreResult<DiagnosticCounts>> + Send;
}
