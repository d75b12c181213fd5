//! The register of processings (art. 30 RGPD) and the residents' privacy notice, both
//! generated from `domain::privacy::processings::PROCESSINGS`, with the retention periods of
//! this deployment's settings (`WebConfig.retention`).
//!
//! - `GET /territoires/{slug}/registre-des-traitements`: the full register, the territory as
//!   controller, for its managers and admins and those above (printable: the page's own print
//!   style hides the navigation).
//! - `GET /confidentialite`: the public summary (what, why, how long, who sees it, the rights),
//!   linked from every page's footer; the controllers are the deployment's outermost territories.

use super::journal::reviewed;
use crate::auth::RequireUser;
use crate::error::AppError;
use crate::pages::{Ctx, ok};
use crate::routes::events::staff::private;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use tremplin_domain::privacy::RetentionPolicy;
use tremplin_domain::privacy::processings::{PROCESSINGS, keep_text};
use tremplin_domain::territories::{Territory, TerritoryRepo};
use tremplin_kernel::Locale;

/// One retention line, in words.
pub struct KeepLine {
    /// What.
    pub what: &'static str,
    /// How long.
    pub how_long: String,
}

/// One processing in the page's language.
pub struct Section {
    /// Anchor.
    pub id: &'static str,
    /// Name.
    pub name: &'static str,
    /// Purpose.
    pub purpose: &'static str,
    /// Legal basis.
    pub legal_basis: &'static str,
    /// Persons concerned.
    pub persons: &'static str,
    /// Data collected.
    pub data: &'static str,
    /// Retention.
    pub retention: Vec<KeepLine>,
    /// Recipients.
    pub recipients: &'static str,
    /// Transfers outside the EU.
    pub transfers: &'static str,
    /// Security measures.
    pub security: &'static str,
    /// Whether it holds personal data.
    pub personal: bool,
}

/// The register in `locale` with `policy`'s periods.
pub fn sections(policy: &RetentionPolicy, locale: Locale) -> Vec<Section> {
    PROCESSINGS
        .iter()
        .map(|p| Section {
            id: p.id,
            name: p.name.get(locale),
            purpose: p.purpose.get(locale),
            legal_basis: p.legal_basis.get(locale),
            persons: p.persons.get(locale),
            data: p.data.get(locale),
            retention: p
                .retention
                .iter()
                .map(|r| KeepLine { what: r.what.get(locale), how_long: keep_text(&r.keep, policy, locale) })
                .collect(),
            recipients: p.recipients.get(locale),
            transfers: p.transfers.get(locale),
            security: p.security.get(locale),
            personal: p.personal,
        })
        .collect()
}

#[derive(Template)]
#[template(path = "privacy/staff/register.html")]
struct RegisterPage {
    ctx: Ctx,
    territory: Territory,
    sections: Vec<Section>,
}

/// The register of a territory.
pub async fn show(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let (territory, _) = reviewed(&state, &user, &slug).await?;
    let sections = sections(&state.config.retention, ctx.tr.locale);
    Ok(private(ok(&RegisterPage { ctx, territory, sections })))
}

#[derive(Template)]
#[template(path = "privacy/staff/notice.html")]
struct NoticePage {
    ctx: Ctx,
    controllers: String,
    sections: Vec<Section>,
}

/// The public privacy notice.
pub async fn notice(State(state): State<AppState>, ctx: Ctx) -> Result<Response, AppError> {
    let territories = state.db.list_territories().await?;
    let controllers = territories.iter().filter(|t| t.parent_id.is_none()).map(|t| t.name.as_str()).collect::<Vec<_>>().join(", ");
    let sections = sections(&state.config.retention, ctx.tr.locale);
    Ok(ok(&NoticePage { ctx, controllers, sections }))
}
