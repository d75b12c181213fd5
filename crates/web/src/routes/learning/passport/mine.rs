//! `GET /compte/passeport`: a logged-in person's way to their passport (the holder of a
//! passport issued to their account's e-mail): sent to their holder's page, or told they
//! have none yet.

use crate::auth::RequireUser;
use crate::error::AppError;
use crate::pages::{Ctx, ok};
use crate::routes::events::staff::private;
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use tremplin_domain::learning::credentials::CredentialRepo;
use tremplin_domain::learning::tokens::holder_path;

#[derive(Template)]
#[template(path = "learning_passport/none.html")]
struct NonePage {
    ctx: Ctx,
}

/// The holder's page, or the "none yet" page.
pub async fn show(State(state): State<AppState>, RequireUser(user): RequireUser, ctx: Ctx) -> Result<Response, AppError> {
    match state.db.passport_of_email(user.email.as_str()).await? {
        Some(passport) => Ok(Redirect::to(&holder_path(&passport.public_id, &passport.secret)).into_response()),
        None => Ok(private(ok(&NonePage { ctx }))),
    }
}
