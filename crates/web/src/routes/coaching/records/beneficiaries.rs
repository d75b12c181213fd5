//! `GET /espace-coach/beneficiaires`: the beneficiaries a coach follows; and
//! `GET /territoires/{slug}/accompagnements`: those of a territory, for its managers. Both
//! searched by name or business (`?q=`), with counts and a link to each timeline.

use super::labels::Labels;
use super::{ActorData, private};
use crate::auth::RequireUser;
use crate::error::AppError;
use crate::i18n::Tr;
use crate::pages::{Ctx, ok};
use crate::routes::privacy::staff::log::record_many;
use crate::routes::territories::find as find_territory;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use serde::Deserialize;
use tremplin_domain::coaching::follow_up::{LIST_LIMIT, my_beneficiaries, territory_beneficiaries};
use tremplin_domain::coaching::records::BeneficiarySummary;
use tremplin_domain::privacy::{AccessKind, Subject};

#[derive(Template)]
#[template(path = "coaching_records/beneficiaries.html")]
struct ListPage {
    ctx: Ctx,
    title: String,
    here: String,
    query: String,
    lines: Vec<BeneficiarySummary>,
    limit: u32,
    /// For managers: the link to the statistics.
    activity: Option<String>,
}

impl Labels for ListPage {
    fn tr(&self) -> &Tr {
        &self.ctx.tr
    }
}

/// Logs the people a list shows, each in their own territory.
async fn log_list(state: &AppState, data: &ActorData, context: &str, lines: &[BeneficiarySummary]) -> Result<(), AppError> {
    let subjects =
        lines.iter().map(|l| (l.beneficiary.territory_id, Subject::by_email(l.beneficiary.email.as_deref(), &l.beneficiary.name)));
    record_many(state, &data.user, AccessKind::Beneficiaries, context, subjects).await
}

/// The search typed.
#[derive(Debug, Default, Deserialize)]
pub struct Search {
    #[serde(default)]
    q: String,
}

/// The coach's beneficiaries (404 for an account without a coach profile).
pub async fn mine(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    ctx: Ctx,
    Query(search): Query<Search>,
) -> Result<Response, AppError> {
    let data = ActorData::of(&state, user).await?;
    let lines = my_beneficiaries(&state.db, data.actor(), &search.q).await?;
    log_list(&state, &data, "/espace-coach/beneficiaires", &lines).await?;
    let title = ctx.tr.t("beneficiaries-mine-title");
    let page =
        ListPage { ctx, title, here: "/espace-coach/beneficiaires".into(), query: search.q, lines, limit: LIST_LIMIT, activity: None };
    Ok(private(ok(&page)))
}

/// The territory's beneficiaries, for its managers (and those of territories above).
pub async fn territory(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    ctx: Ctx,
    Path(slug): Path<String>,
    Query(search): Query<Search>,
) -> Result<Response, AppError> {
    let (territory, _, _) = find_territory(&state, &slug).await?;
    let data = ActorData::of(&state, user).await?;
    let lines = territory_beneficiaries(&state.db, data.actor(), territory.id, &search.q).await?;
    log_list(&state, &data, &territory.slug, &lines).await?;
    let title = ctx.tr.t1("beneficiaries-territory-title", "territory", territory.name.clone());
    let page = ListPage {
        ctx,
        title,
        here: format!("/territoires/{slug}/accompagnements"),
        query: search.q,
        lines,
        limit: LIST_LIMIT,
        activity: Some(format!("/territoires/{slug}/coachs/activite")),
    };
    Ok(private(ok(&page)))
}
