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
use axum::response::{IntoResponse, Redirect, Response};
use tremplin_domain::accounts::User;

/// Opens a session for `user` (a new session id, against fixation), leaves a flash
/// message and goes to `to`.
pub async fn log_in_and_go(auth: &mut AuthSession, user: User, flash_key: &str, to: &str) -> Result<Response, AppError> {
    auth.login(&SessionUser(user)).await.map_err(|e| AppError::Internal(format!("login: {e}")))?;
    flash::push(&auth.session, flash_key).await;
    Ok(Redirect::to(to).into_response())
}
