//! `GET /territoires/{slug}/coachs/activite`: coaching statistics of a territory for its
//! managers (and those above) over a period (`?du=&au=`, by default the last 90 days): one
//! line per coach, the themes asked for, the time to first appointment. `…/activite.csv`
//! downloads the per-coach table, cell for cell as shown.

use super::labels::Labels;
use super::{ActorData, private};
use crate::auth::RequireUser;
use crate::error::AppError;
use crate::i18n::Tr;
use crate::pages::{Ctx, FormErrors, render};
use crate::routes::territories::find as find_territory;
use crate::spreadsheet;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use tremplin_domain::coaching::activity::{Activity, CoachActivity, activity};
use tremplin_domain::coaching::follow_up::RecordError;
use tremplin_domain::territories::Territory;

/// Keys of the per-coach columns, after the coach's name.
const COLUMNS: [&str; 10] =
    ["booked", "held", "cancelled", "no-shows", "no-show-rate", "records", "hours", "beneficiaries", "per-week", "load"];

/// The period typed.
#[derive(Debug, Default, Deserialize)]
pub struct PeriodQuery {
    #[serde(default)]
    du: String,
    #[serde(default)]
    au: String,
}

/// The cells of a coach's line, as shown and as downloaded.
fn cells(tr: &Tr, line: &CoachActivity) -> Vec<String> {
    let decimal = |v: f64| {
        let text = format!("{v:.1}");
        if tr.locale == tremplin_kernel::Locale::Fr { text.replace('.', ",") } else { text }
    };
    let percent = |v: Option<f64>| v.map(|r| format!("{} %", (r * 100.0).round() as i64)).unwrap_or_else(|| "—".into());
    let c = &line.counts;
    vec![
        line.name.clone(),
        c.booked.to_string(),
        c.held.to_string(),
        c.cancelled.to_string(),
        c.no_shows.to_string(),
        percent(line.no_show_rate),
        line.records.to_string(),
        decimal(line.hours),
        c.beneficiaries.to_string(),
        decimal(line.per_week),
        percent(line.load),
    ]
}

#[derive(Template)]
#[template(path = "coaching_records/activity.html")]
struct ActivityPage {
    ctx: Ctx,
    territory: Territory,
    query: PeriodQuery,
    errors: FormErrors,
    activity: Option<Activity>,
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
    csv: String,
}

impl Labels for ActivityPage {
    fn tr(&self) -> &Tr {
        &self.ctx.tr
    }
}

fn headers(tr: &Tr) -> Vec<String> {
    std::iter::once(tr.t("activity-col-coach")).chain(COLUMNS.iter().map(|k| tr.t(&format!("activity-col-{k}")))).collect()
}

/// The statistics page.
pub async fn show(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    ctx: Ctx,
    Path(slug): Path<String>,
    Query(query): Query<PeriodQuery>,
) -> Result<Response, AppError> {
    let (territory, _, _) = find_territory(&state, &slug).await?;
    let data = ActorData::of(&state, user).await?;
    let found = activity(&state.db, state.clock.as_ref(), data.actor(), territory.id, &query.du, &query.au).await;
    let (status, activity, errors) = match found {
        Ok(activity) => (StatusCode::OK, Some(activity), FormErrors::default()),
        Err(RecordError::Invalid(errors)) => (StatusCode::UNPROCESSABLE_ENTITY, None, FormErrors(errors)),
        Err(other) => return Err(other.into()),
    };
    let rows = activity.as_ref().map(|a| a.coaches.iter().map(|l| cells(&ctx.tr, l)).collect()).unwrap_or_default();
    let csv = match &activity {
        Some(a) => format!("/territoires/{slug}/coachs/activite.csv?du={}&au={}", a.period.first_day, a.period.last_day),
        None => String::new(),
    };
    let page = ActivityPage { headers: headers(&ctx.tr), ctx, territory, query, errors, activity, rows, csv };
    Ok(private(render(status, &page)))
}

/// The per-coach table as CSV.
pub async fn download(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    ctx: Ctx,
    Path(slug): Path<String>,
    Query(query): Query<PeriodQuery>,
) -> Result<Response, AppError> {
    let (territory, _, _) = find_territory(&state, &slug).await?;
    let data = ActorData::of(&state, user).await?;
    let activity = activity(&state.db, state.clock.as_ref(), data.actor(), territory.id, &query.du, &query.au).await?;
    let body = spreadsheet::csv_text(std::iter::once(headers(&ctx.tr)).chain(activity.coaches.iter().map(|l| cells(&ctx.tr, l))));
    Ok(spreadsheet::download(&format!("activite-{}-{}-{}.csv", territory.slug, activity.period.first_day, activity.period.last_day), body))
}
