//! What every page needs (language, account, CSRF token, flash message, current path)
//! and the pages shared by all domains.

use crate::auth::{AuthSession, SessionUser};
use crate::error::AppError;
use crate::flash::{self, Flash};
use crate::i18n::Tr;
use crate::locale::locale_of;
use crate::{auth::urlencode, csrf};
use askama::Template;
use axum::extract::{FromRequestParts, OriginalUri};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{Html, IntoResponse, Response};
use tower_sessions::Session;
use tremplin_domain::accounts::{FieldError, User};
use tremplin_kernel::Locale;

/// The context of a page, extracted from the request.
#[derive(Debug, Clone)]
pub struct Ctx {
    /// Translator in the request's language.
    pub tr: Tr,
    /// The logged-in account.
    pub user: Option<User>,
    /// CSRF token for forms (empty until a form needs one).
    pub csrf: String,
    /// Message left by the previous request.
    pub flash: Option<Flash>,
    /// Path and query of this page (for the language switch).
    pub path: String,
    session: Session,
}

impl<S: Send + Sync> FromRequestParts<S> for Ctx {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        let auth = AuthSession::from_request_parts(parts, state).await.map_err(|_| AppError::Internal("auth layer missing".into()))?;
        let session = auth.session.clone();
        let user = auth.user.map(|SessionUser(u)| u);
        let flash = flash::take(&session).await;
        // Logged-in pages carry the logout form, which needs the token.
        let csrf = if user.is_some() { csrf::token(&session).await? } else { String::new() };
        let uri = parts.extensions.get::<OriginalUri>().map(|u| u.0.clone()).unwrap_or_else(|| parts.uri.clone());
        Ok(Ctx {
            tr: Tr::new(locale_of(&parts.headers)),
            user,
            csrf,
            flash,
            path: uri.path_and_query().map(|p| p.as_str().to_owned()).unwrap_or_else(|| "/".into()),
            session,
        })
    }
}

impl Ctx {
    /// Makes sure forms on this page can carry a CSRF token.
    pub async fn with_form(mut self) -> Result<Self, AppError> {
        if self.csrf.is_empty() {
            self.csrf = csrf::token(&self.session).await?;
        }
        Ok(self)
    }

    /// The session, to log in or leave a flash message.
    pub fn session(&self) -> &Session {
        &self.session
    }

    /// The page's language tag.
    pub fn lang(&self) -> &'static str {
        self.tr.locale.tag()
    }

    /// Link to this same page in the other language.
    pub fn switch_href(&self) -> String {
        let other = match self.tr.locale {
            Locale::Fr => "en",
            Locale::En => "fr",
        };
        format!("/langue/{other}?retour={}", urlencode(&self.path))
    }

    /// Whether the interface is in French (the switch then offers English).
    pub fn is_fr(&self) -> bool {
        self.tr.locale == Locale::Fr
    }

    /// `aria-current="page"` for the navigation link of the current section.
    pub fn current(&self, prefix: &str) -> &'static str {
        let path = self.path.split('?').next().unwrap_or_default();
        let here = if prefix == "/" { path == "/" } else { path.starts_with(prefix) };
        if here { "page" } else { "false" }
    }
}

/// Validation errors of a form, looked up per field by templates.
#[derive(Debug, Clone, Default)]
pub struct FormErrors(pub Vec<FieldError>);

impl FormErrors {
    /// The translation key of the error on `field`, if any.
    pub fn key(&self, field: &str) -> Option<&'static str> {
        self.0.iter().find(|e| e.field == field).map(|e| e.key)
    }

    /// Whether `field` has an error.
    pub fn has(&self, field: &str) -> bool {
        self.key(field).is_some()
    }

    /// Whether any field has an error.
    pub fn any(&self) -> bool {
        !self.0.is_empty()
    }
}

/// Renders a page with a status.
pub fn render(status: StatusCode, page: &impl Template) -> Response {
    match page.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(e) => AppError::Internal(format!("template: {e}")).into_response(),
    }
}

/// Renders a page with 200.
pub fn ok(page: &impl Template) -> Response {
    render(StatusCode::OK, page)
}

/// The error page (403, 404, 500 …), built without a [`Ctx`] since it is rendered by a
/// middleware: no account menu, a link home.
#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorPage {
    tr: Tr,
    status: u16,
    key: &'static str,
}

impl ErrorPage {
    /// The page for `status` with the message `key`.
    pub fn new(tr: Tr, status: u16, key: &'static str) -> Self {
        Self { tr, status, key }
    }
}

/// Whether `url` may be a link's `href`: an `http(s)://` address. Stored addresses come from
/// forms (which check this) but also from imports and older data, so pages check again: a
/// `javascript:` or `data:` address shown as a link would run in the visitor's browser.
pub fn is_web_link(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}
