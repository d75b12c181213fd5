//! `GET /ecosysteme/acteurs/{slug}`: an actor's public page: everything but its contact
//! details, which only an accepted introduction shares. A hidden or suspended profile is a
//! 404, except to its owner and to the moderators of its territory, who see it with a banner
//! saying why it does not show.

use super::super::labels;
use crate::error::AppError;
use crate::pages::{Ctx, ok};
use crate::routes::ecosystem::access::moderates;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use tremplin_domain::ecosystem::{Actor, ActorRepo, ActorStatus, policy};

#[derive(Template)]
#[template(path = "ecosystem_actors/actor.html")]
struct ActorPage {
    ctx: Ctx,
    actor: Actor,
    kind: String,
    sectors: Vec<String>,
    stages: Vec<String>,
    needs: Vec<String>,
    offers: Vec<String>,
    /// The visitor owns it.
    own: bool,
}

impl ActorPage {
    /// Whether it does not show to the public.
    fn is_hidden(&self) -> bool {
        self.actor.status == ActorStatus::Hidden
    }
    fn is_suspended(&self) -> bool {
        self.actor.status == ActorStatus::Suspended
    }
    /// "Its stage" for a project or a firm, "stages it works with" for the others.
    fn stages_heading(&self) -> String {
        use tremplin_domain::ecosystem::ActorKind::{Firm, Project};
        let key = if matches!(self.actor.kind, Project | Firm) { "eco-actors-page-stage" } else { "eco-actors-page-stages" };
        self.ctx.tr.t(key)
    }
}

/// The page.
pub async fn show(State(state): State<AppState>, ctx: Ctx, Path(slug): Path<String>) -> Result<Response, AppError> {
    let actor = state.db.actor_by_slug(&slug).await?.ok_or(AppError::NotFound)?;
    let own = ctx.user.as_ref().is_some_and(|u| policy::owns(u, &actor));
    let moderator = match &ctx.user {
        Some(user) if !actor.is_active() && !own => moderates(&state, user, actor.territory_id).await?,
        _ => false,
    };
    if !policy::can_view(ctx.user.as_ref(), &actor, moderator) {
        return Err(AppError::NotFound);
    }
    let tr = &ctx.tr;
    let page = ActorPage {
        kind: labels::kind(tr, actor.kind),
        sectors: actor.sectors.iter().map(|v| labels::sector(tr, *v)).collect(),
        stages: actor.stages.iter().map(|v| labels::stage(tr, *v)).collect(),
        needs: actor.needs.iter().map(|v| labels::topic(tr, *v)).collect(),
        offers: actor.offers.iter().map(|v| labels::topic(tr, *v)).collect(),
        own,
        actor,
        ctx,
    };
    let response = ok(&page);
    // A profile that does not show is for its owner and the moderators only.
    Ok(if page.actor.is_active() { response } else { super::private(response) })
}
