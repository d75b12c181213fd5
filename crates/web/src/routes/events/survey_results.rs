//! `GET /territoires/{slug}/ateliers/enquetes`: satisfaction results of the territory's past
//! sessions (and those of the territories in it) for its staff — averages and counts per
//! session, workshop, trainer and theme. An average of fewer than three answers is not shown
//! (see `domain::events::survey::MIN_ANSWERS`); the count is.

use super::staff::{may_steer, paris_datetime, vocabulary_label};
use crate::auth::RequireUser;
use crate::error::AppError;
use crate::pages::{Ctx, ok};
use crate::routes::territories::find as find_territory;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use tremplin_domain::events::survey::{MIN_ANSWERS, ResultLine, SurveyRepo, results};
use tremplin_domain::events::{EventFilter, EventRepo};
use tremplin_domain::territories::{Territory, with_descendants};

/// Most past sessions read for the results.
const MAX_SESSIONS: u32 = 5_000;

/// One table of results.
struct Table {
    heading_key: &'static str,
    label_key: &'static str,
    lines: Vec<ResultLine>,
}

#[derive(Template)]
#[template(path = "events_staff/survey_results.html")]
struct ResultsPage {
    ctx: Ctx,
    territory: Territory,
    tables: Vec<Table>,
    min_answers: i64,
    columns: [usize; 4],
}

impl ResultsPage {
    /// An average as shown ("4.3"), or a dash when hidden.
    fn average(&self, line: &ResultLine, i: &usize) -> String {
        line.averages.and_then(|a| a.get(*i).copied()).map(|v| format!("{v:.1}")).unwrap_or_else(|| "—".into())
    }
}

/// The results.
pub async fn show(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let (territory, _, all) = find_territory(&state, &slug).await?;
    if !may_steer(&state, &user, &territory).await? {
        return Err(AppError::Forbidden);
    }
    let filter = EventFilter {
        territory_ids: Some(with_descendants(&all, territory.id)),
        ends_after: 0,
        starts_before: Some(state.clock.now_ts()),
        limit: MAX_SESSIONS,
        ..EventFilter::default()
    };
    let events = state.db.find_events(&filter).await?;
    let ids: Vec<i64> = events.iter().map(|e| e.id).collect();
    let rows = state.db.survey_rows(&ids).await?;
    let mut grouped = results(&events, &rows, |e| format!("{} ({})", e.title, paris_datetime(e.starts_at)));
    for line in &mut grouped.themes {
        line.label = vocabulary_label(&ctx.tr, "theme", &line.label);
    }
    let tables = vec![
        Table { heading_key: "results-per-session", label_key: "results-col-session", lines: grouped.sessions },
        Table { heading_key: "results-per-workshop", label_key: "results-col-workshop", lines: grouped.workshops },
        Table { heading_key: "results-per-trainer", label_key: "results-col-trainer", lines: grouped.trainers },
        Table { heading_key: "results-per-theme", label_key: "results-col-theme", lines: grouped.themes },
    ];
    Ok(ok(&ResultsPage { ctx, territory, tables, min_answers: MIN_ANSWERS, columns: [0, 1, 2, 3] }))
}
