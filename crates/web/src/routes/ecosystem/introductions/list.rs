//! `GET /ecosysteme/mises-en-relation`: the visitor's introductions, received (pending first,
//! with accept and decline forms) and sent, with their status.

use super::access::{own_actor, private, to_profile};
use crate::auth::RequireUser;
use crate::error::AppError;
use crate::i18n::Tr;
use crate::pages::{Ctx, ok};
use crate::routes::ecosystem::labels;
use crate::routes::learning::passport::view::paris_day;
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use tremplin_domain::ecosystem::introductions::{IntroRepo, IntroStatus, Introduction, Side};
use tremplin_domain::ecosystem::{Actor, Topic};

/// One introduction as a line of the list.
pub struct Row {
    /// Opaque id.
    pub public_id: String,
    /// The other side's name.
    pub other: String,
    /// The need's label.
    pub need: String,
    /// Status identifier.
    pub status: &'static str,
    /// Status label.
    pub status_label: String,
    /// Day asked.
    pub day: String,
    /// Pending (answer forms shown for received ones).
    pub pending: bool,
    /// Accepting may open a mentoring relationship.
    pub mentoring_possible: bool,
}

impl Row {
    /// The line of `intro` seen from `side` by the holder of `mine`.
    pub fn new(tr: &Tr, intro: &Introduction, side: Side, mine: &Actor) -> Self {
        Row {
            public_id: intro.public_id.clone(),
            other: intro.other(side).name.clone(),
            need: labels::topic(tr, intro.need),
            status: intro.status.as_str(),
            status_label: status_label(tr, intro.status),
            day: paris_day(intro.created_at),
            pending: intro.status == IntroStatus::Pending,
            mentoring_possible: side == Side::Recipient && intro.need == Topic::Mentoring && mine.offers.contains(&Topic::Mentoring),
        }
    }
}

/// The label of a status.
pub fn status_label(tr: &Tr, status: IntroStatus) -> String {
    tr.t(&format!("eco-intro-status-{}", status.as_str()))
}

#[derive(Template)]
#[template(path = "ecosystem_introductions/list.html")]
struct ListPage {
    ctx: Ctx,
    received: Vec<Row>,
    sent: Vec<Row>,
    suspended: bool,
}

/// The page.
pub async fn show(State(state): State<AppState>, RequireUser(user): RequireUser, ctx: Ctx) -> Result<Response, AppError> {
    let Some(mine) = own_actor(&state, &user).await? else { return Ok(to_profile(&ctx).await) };
    let all = state.db.introductions_of(mine.id).await?;
    let (mut received, mut sent) = (Vec::new(), Vec::new());
    for intro in &all {
        match intro.side_of(mine.id) {
            Some(Side::Recipient) => received.push(Row::new(&ctx.tr, intro, Side::Recipient, &mine)),
            Some(Side::Requester) => sent.push(Row::new(&ctx.tr, intro, Side::Requester, &mine)),
            None => {}
        }
    }
    // Pending first, each group newest first (the store's order, kept by a stable sort).
    received.sort_by_key(|row| !row.pending);
    let suspended = !mine.is_active() && mine.status == tremplin_domain::ecosystem::ActorStatus::Suspended;
    Ok(private(ok(&ListPage { ctx: ctx.with_form().await?, received, sent, suspended })))
}
