//! `GET /ecosysteme/mises-en-relation/{public_id}`: one introduction, for its two sides only
//! (404 for anyone else): the other side's public summary, the messages, the status and —
//! only once accepted — the other side's contact; for a mentoring relationship, the meetings
//! log and its form.

use super::access::{private, seen_by};
use super::list::status_label;
use crate::auth::RequireUser;
use crate::error::AppError;
use crate::pages::{Ctx, FormErrors, render};
use crate::routes::ecosystem::labels;
use crate::routes::learning::passport::view::paris_day;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use tremplin_domain::accounts::User;
use tremplin_domain::ecosystem::introductions::{
    IntroRepo, IntroStatus, Introduction, MeetingInput, Side, contact_visible, mentoring_possible, paris_date,
};
use tremplin_domain::ecosystem::{Actor, ActorRepo, Contact};

/// A meeting as listed.
pub struct MeetingRow {
    /// `YYYY-MM-DD`.
    pub met_on: String,
    /// Minutes.
    pub minutes: i64,
    /// Who wrote it.
    pub author: String,
    /// Summary.
    pub summary: String,
    /// Next steps.
    pub next_steps: String,
}

#[derive(Template)]
#[template(path = "ecosystem_introductions/show.html")]
pub struct ShowPage {
    ctx: Ctx,
    intro: Introduction,
    requester: bool,
    other: Option<Actor>,
    contact: Option<Contact>,
    meetings: Vec<MeetingRow>,
    input: MeetingInput,
    errors: FormErrors,
    can_answer: bool,
    can_mentor: bool,
    today: String,
}

impl ShowPage {
    fn need(&self) -> String {
        labels::topic(&self.ctx.tr, self.intro.need)
    }
    fn status(&self) -> String {
        status_label(&self.ctx.tr, self.intro.status)
    }
    fn other_name(&self) -> &str {
        let side = if self.requester { Side::Requester } else { Side::Recipient };
        &self.intro.other(side).name
    }
    fn day(&self, ts: &i64) -> String {
        paris_day(*ts)
    }
    fn kind(&self, actor: &Actor) -> String {
        labels::kind(&self.ctx.tr, actor.kind)
    }
    fn offers(&self, actor: &Actor) -> String {
        labels::list(&self.ctx.tr, &actor.offers, labels::topic)
    }
    fn pending(&self) -> bool {
        self.intro.status == IntroStatus::Pending
    }
    fn log_open(&self) -> bool {
        self.intro.status == IntroStatus::Accepted && self.intro.mentoring
    }
}

/// Builds the page for `user` (a side), with the meeting form's input and errors.
pub async fn page(
    state: &AppState,
    ctx: Ctx,
    user: &User,
    public_id: &str,
    input: MeetingInput,
    errors: FormErrors,
) -> Result<ShowPage, AppError> {
    let (intro, side) = seen_by(state, user, public_id).await?;
    let other_party = intro.other(side);
    let other = state.db.actor_by_id(other_party.actor_id).await?;
    // The one place a page reads a contact: the other side's, once both agreed.
    let contact = if contact_visible(&intro, Some(side)) { state.db.actor_contact(other_party.actor_id).await? } else { None };
    let mine = state.db.actor_by_id(intro.recipient.actor_id).await?;
    let can_answer = side == Side::Recipient && intro.status == IntroStatus::Pending && mine.as_ref().is_some_and(Actor::is_active);
    let can_mentor = can_answer && mine.as_ref().is_some_and(|m| mentoring_possible(&intro, m));
    let mut meetings = Vec::new();
    if intro.mentoring {
        for m in state.db.meetings(intro.id).await? {
            let author = if m.author_id == intro.requester.actor_id { &intro.requester.name } else { &intro.recipient.name };
            meetings.push(MeetingRow {
                met_on: m.met_on,
                minutes: m.minutes,
                author: author.clone(),
                summary: m.summary,
                next_steps: m.next_steps,
            });
        }
    }
    let today = paris_date(state.clock.now_ts());
    Ok(ShowPage {
        ctx: ctx.with_form().await?,
        requester: side == Side::Requester,
        intro,
        other,
        contact,
        meetings,
        input,
        errors,
        can_answer,
        can_mentor,
        today,
    })
}

/// Renders [`page`] with a status, never cached.
pub fn respond(status: StatusCode, page: &ShowPage) -> Response {
    private(render(status, page))
}

/// The page.
pub async fn show(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    ctx: Ctx,
    Path(public_id): Path<String>,
) -> Result<Response, AppError> {
    let page = page(&state, ctx, &user, &public_id, MeetingInput::default(), FormErrors::default()).await?;
    Ok(respond(StatusCode::OK, &page))
}
