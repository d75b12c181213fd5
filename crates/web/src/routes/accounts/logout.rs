//! `POST /deconnexion`.

use crate::auth::AuthSession;
use crate::error::AppError;
use crate::flash;
use axum::response::{IntoResponse, Redirect, Response};

/// Ends the session and goes home.
pub async fn submit(mut auth: AuthSession) -> Result<Response, AppError> {
    auth.logout().await.map_err(|e| AppError::Internal(format!("logout: {e}")))?;
    flash::push(&auth.session, "logout-done").await;
    Ok(Redirect::to("/").into_response())
}
