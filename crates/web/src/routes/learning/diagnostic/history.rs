//! `GET /diagnostic/historique`: a signed-in account's results, newest first, and the
//! progress between the last two (per axis, chart and table).

use super::chart::{Chart, axis_title, chart};
use super::private;
use super::take::result_path;
use crate::auth::RequireUser;
use crate::error::AppError;
use crate::pages::{Ctx, ok};
use crate::routes::events::staff::paris_datetime;
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use tremplin_domain::learning::diagnostic::{AxisProgress, Diagnostic, DiagnosticRepo, Level, StoredQuestionnaire, progress};

/// One result in the list.
pub struct HistoryRow {
    /// Its page.
    pub url: String,
    /// When, Europe/Paris.
    pub taken_at: String,
    /// Overall score.
    pub overall: i64,
    /// Level.
    pub level: Level,
    /// Questionnaire version.
    pub version: i64,
}

/// The progress between the last two results.
pub struct Progress {
    /// Per axis.
    pub axes: Vec<AxisProgress>,
    /// Both results in one chart.
    pub chart: Chart,
    /// Overall before and after.
    pub overall: (i64, i64),
    /// Dates of both.
    pub dates: (String, String),
    /// The later result's questionnaire (axis titles).
    pub questionnaire: StoredQuestionnaire,
}

#[derive(Template)]
#[template(path = "learning_diagnostic/history.html")]
struct HistoryPage {
    ctx: Ctx,
    rows: Vec<HistoryRow>,
    progress: Option<Progress>,
}

impl HistoryPage {
    fn level(&self, level: &Level) -> String {
        self.ctx.tr.t(&format!("diagnostic-level-{}", level.as_str()))
    }
    fn axis_title(&self, progress: &Progress, axis: &str) -> String {
        axis_title(&progress.questionnaire.content, axis)
    }
    fn signed(&self, delta: &Option<i64>) -> String {
        match delta {
            Some(d) if *d > 0 => format!("+{d}"),
            Some(d) => d.to_string(),
            None => "—".into(),
        }
    }
}

async fn progress_of(state: &AppState, later: &Diagnostic, earlier: &Diagnostic) -> Result<Progress, AppError> {
    let questionnaire = state.db.questionnaire_by_id(later.data.questionnaire_id).await?.ok_or(AppError::NotFound)?;
    Ok(Progress {
        axes: progress(&earlier.data.axis_scores, &later.data.axis_scores),
        chart: chart(&questionnaire.content, &later.data.axis_scores, Some(&earlier.data.axis_scores)),
        overall: (earlier.data.overall, later.data.overall),
        dates: (paris_datetime(earlier.data.created_at), paris_datetime(later.data.created_at)),
        questionnaire,
    })
}

/// The history page.
pub async fn page(State(state): State<AppState>, RequireUser(user): RequireUser, ctx: Ctx) -> Result<Response, AppError> {
    let results = state.db.diagnostics_of_user(user.id).await?;
    let progress = match results.as_slice() {
        [later, earlier, ..] => Some(progress_of(&state, later, earlier).await?),
        _ => None,
    };
    let mut versions = std::collections::HashMap::new();
    let mut rows = Vec::with_capacity(results.len());
    for d in &results {
        let id = d.data.questionnaire_id;
        let version = match versions.get(&id) {
            Some(v) => *v,
            None => {
                let v = state.db.questionnaire_by_id(id).await?.map_or(0, |q| q.version);
                versions.insert(id, v);
                v
            }
        };
        rows.push(HistoryRow {
            url: result_path(&d.data.public_id),
            taken_at: paris_datetime(d.data.created_at),
            overall: d.data.overall,
            level: d.data.level,
            version,
        });
    }
    Ok(private(ok(&HistoryPage { ctx, rows, progress })))
}
