//! Who is logged in: axum-login over our database sessions.

use crate::error::AppError;
use crate::locale::safe_return;
use axum::extract::{FromRequestParts, OriginalUri};
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use axum_login::{AuthUser, AuthnBackend, UserId};
use tremplin_domain::StoreError;
use tremplin_domain::accounts::{AccountRepo, User};
use tremplin_store::Db;

/// The logged-in account as kept in the session.
#[derive(Debug, Clone)]
pub struct SessionUser(pub User);

impl AuthUser for SessionUser {
    type Id = i64;

    fn id(&self) -> i64 {
        self.0.id
    }

    /// Changing the password changes this hash, which ends every other session.
    fn session_auth_hash(&self) -> &[u8] {
        self.0.password_hash.as_deref().unwrap_or(self.0.email.as_str()).as_bytes()
    }
}

/// Looks accounts up for axum-login. Credentials are checked by the accounts domain
/// (with its rate limits and messages) before calling `AuthSession::login`.
#[derive(Debug, Clone)]
pub struct Backend {
    db: Db,
}

impl Backend {
    /// A backend on `db`.
    pub fn new(db: Db) -> Self {
        Self { db }
    }
}

impl AuthnBackend for Backend {
    type User = SessionUser;
    type Credentials = std::convert::Infallible;
    type Error = StoreError;

    async fn authenticate(&self, creds: Self::Credentials) -> Result<Option<SessionUser>, StoreError> {
        match creds {}
    }

    async fn get_user(&self, id: &UserId<Self>) -> Result<Option<SessionUser>, StoreError> {
        Ok(self.db.user_by_id(*id).await?.map(SessionUser))
    }
}

/// The session's authentication handle.
pub type AuthSession = axum_login::AuthSession<Backend>;

/// Extractor for pages that need a logged-in account: visitors are sent to the login
/// page, and brought back afterwards.
#[derive(Debug, Clone)]
pub struct RequireUser(pub User);

impl<S: Send + Sync> FromRequestParts<S> for RequireUser {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let auth = AuthSession::from_request_parts(parts, state)
            .await
            .map_err(|_| AppError::Internal("auth session missing".into()).into_response())?;
        match auth.user {
            Some(SessionUser(user)) => Ok(RequireUser(user)),
            None => {
                let uri = parts.extensions.get::<OriginalUri>().map(|u| u.0.clone()).unwrap_or_else(|| parts.uri.clone());
                let back = safe_return(uri.path_and_query().map(|p| p.as_str()));
                let target = format!("/connexion?retour={}", urlencode(&back));
                Err(Redirect::to(&target).into_response())
            }
        }
    }
}

/// Percent-encodes a query value.
pub fn urlencode(value: &str) -> String {
    serde_urlencoded::to_string([("", value)]).map(|s| s.trim_start_matches('=').to_owned()).unwrap_or_default()
}
