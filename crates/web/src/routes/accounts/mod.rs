//! Sign-up, login (password or e-mailed link), logout, password reset, account page.

pub mod account;
pub mod login;
pub mod login_link;
pub mod logout;
pub mod password_reset;
pub mod signup;

use crate::auth::{AuthSession, SessionUser};
use crate::error::AppError;
use crate::flash;
use crate::state::AppState;
use axum::response::{IntoResponse, Redirect, Response};
use tremplin_domain::accounts::User;

/// Opens a session for `user` (a new session id, against fixation), leaves a flash
/// message and goes to `to`.
pub async fn log_in_and_go(state: &AppState, auth: &mut AuthSession, user: User, flash_key: &str, to: &str) -> Result<Response, AppError> {
    // The last login decides when an inactive account is erased (retention).
    tremplin_store::privacy::retention::touch_login(&state.db, user.id, state.clock.now_ts()).await?;
    auth.login(&SessionUser(user)).await.map_err(|e| AppError::Internal(format!("login: {e}")))?;
    flash::push(&auth.session, flash_key).await;
    Ok(Redirect::to(to).into_response())
}
