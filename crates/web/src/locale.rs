//! Which language a request is served in: the `lang` cookie set by the visible switch,
//! else the browser's `Accept-Language`, else French.

use axum::extract::{FromRequestParts, Query};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use std::convert::Infallible;
use tremplin_kernel::Locale;

/// Name of the cookie keeping the visitor's language choice.
pub const LANG_COOKIE: &str = "lang";

/// The language of a request, from its headers.
pub fn locale_of(headers: &HeaderMap) -> Locale {
    let from_cookie = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == LANG_COOKIE)
        .and_then(|(_, value)| Locale::parse(value));
    from_cookie
        .or_else(|| headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).and_then(Locale::from_accept_language))
        .unwrap_or_default()
}

/// Extractor of the request's language.
#[derive(Debug, Clone, Copy)]
pub struct Lang(pub Locale);

impl<S: Send + Sync> FromRequestParts<S> for Lang {
    type Rejection = Infallible;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Lang(locale_of(&parts.headers)))
    }
}

/// Query of the language switch.
#[derive(Debug, Deserialize)]
pub struct SwitchQuery {
    /// Where to go back to.
    retour: Option<String>,
}

/// A local path safe to redirect to (no open redirect to another site).
pub fn safe_return(path: Option<&str>) -> String {
    match path {
        Some(p) if p.starts_with('/') && !p.starts_with("//") && !p.contains('\\') => p.to_owned(),
        _ => "/".to_owned(),
    }
}

/// `GET /langue/{fr|en}?retour=/path`: keeps the choice in a cookie for a year and goes back.
/// A plain link, so the switch works without JavaScript and without a form.
pub async fn switch(axum::extract::Path(tag): axum::extract::Path<String>, Query(query): Query<SwitchQuery>) -> Response {
    let Some(locale) = Locale::parse(&tag) else {
        return crate::error::AppError::NotFound.into_response();
    };
    let cookie = format!("{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax", locale.tag());
    let mut response = Redirect::to(&safe_return(query.retour.as_deref())).into_response();
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookie_beats_header_and_returns_are_local() {
        let mut headers = HeaderMap::new();
        headers.insert(header::ACCEPT_LANGUAGE, HeaderValue::from_static("en"));
        assert_eq!(locale_of(&headers), Locale::En);
        headers.insert(header::COOKIE, HeaderValue::from_static("id=x; lang=fr"));
        assert_eq!(locale_of(&headers), Locale::Fr);
        assert_eq!(safe_return(Some("//evil.example")), "/");
        assert_eq!(safe_return(Some("https://evil.example")), "/");
        assert_eq!(safe_return(Some("/territoires?page=2")), "/territoires?page=2");
    }
}
