//! `GET /compte/donnees` (the page) and `GET /compte/donnees.json` (the file): everything
//! held about the logged-in account holder.

use super::{GroupView, groups, json_file, private};
use crate::auth::RequireUser;
use crate::error::AppError;
use crate::pages::{Ctx, ok};
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use tremplin_store::privacy::Subject;
use tremplin_store::privacy::export::export;

/// The readable page of one's data.
#[derive(Template)]
#[template(path = "privacy/data.html")]
pub struct DataPage {
    pub(crate) ctx: Ctx,
    pub(crate) email: String,
    pub(crate) groups: Vec<GroupView>,
    /// Where the JSON comes from: a link for account holders, a form (and the token) for a
    /// one-time link, which the page has used up.
    pub(crate) json_href: Option<String>,
}

fn subject_of(user: &tremplin_domain::accounts::User) -> Subject {
    Subject { user_id: Some(user.id), email: user.email.as_str().to_owned() }
}

/// The page.
pub async fn page(State(state): State<AppState>, RequireUser(user): RequireUser, ctx: Ctx) -> Result<Response, AppError> {
    let subject = subject_of(&user);
    let tables = export(&state.db, &subject).await?;
    Ok(private(ok(&DataPage { ctx, email: subject.email, groups: groups(&tables), json_href: Some("/compte/donnees.json".into()) })))
}

/// The JSON file.
pub async fn json(State(state): State<AppState>, RequireUser(user): RequireUser) -> Result<Response, AppError> {
    let subject = subject_of(&user);
    let tables = export(&state.db, &subject).await?;
    Ok(json_file(&subject.email, state.clock.now_ts(), &tables))
}
