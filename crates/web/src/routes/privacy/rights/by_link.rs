//! Through a link e-mailed to the address: `GET|POST /donnees-personnelles` asks for it (to
//! see and download one's data, or to erase it); `/donnees-personnelles/lien/{token}` and
//! `/donnees-personnelles/effacement/{token}` show a button and `POST` uses the link up.
//! The request answers the same whether or not we know the address; a link is only sent
//! when we hold something about it.

use super::download::DataPage;
use super::erase::ErasedPage;
use super::{DOWNLOAD, ERASE, LINK_LIFETIME_SECS, groups, json_file, private};
use crate::client::ClientIp;
use crate::error::AppError;
use crate::pages::{Ctx, FormErrors, ok, render};
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use tremplin_domain::accounts::{AccountRepo, FieldError};
use tremplin_domain::notifications::MailRequest;
use tremplin_kernel::token::{hash_token, new_token};
use tremplin_kernel::{Email, Locale};
use tremplin_store::privacy::export::export;
use tremplin_store::privacy::{Subject, erase, tokens};

/// Requests per address per hour.
const LINKS_PER_EMAIL_PER_HOUR: i64 = 3;
/// Requests per client per hour.
const LINKS_PER_CLIENT_PER_HOUR: i64 = 10;

/// The request form.
#[derive(Template)]
#[template(path = "privacy/request.html")]
pub struct RequestPage {
    ctx: Ctx,
    errors: FormErrors,
    failure: Option<&'static str>,
    email: String,
    purpose: String,
    sent: bool,
}

/// The page a link opens: a button that uses it.
#[derive(Template)]
#[template(path = "privacy/link.html")]
pub struct LinkPage {
    ctx: Ctx,
    errors: FormErrors,
    /// `download` or `erase`.
    erase: bool,
    action: String,
}

/// A link that is unknown, used or expired.
#[derive(Template)]
#[template(path = "privacy/link_problem.html")]
pub struct LinkProblemPage {
    ctx: Ctx,
}

/// The person behind an address: its account if it has one.
async fn subject_of(state: &AppState, email: &Email) -> Result<Subject, AppError> {
    let user = state.db.user_by_email(email).await?;
    Ok(Subject { user_id: user.map(|u| u.id), email: email.as_str().to_owned() })
}

/// E-mails a link of `purpose` to `email` (already checked).
pub(crate) async fn send_link(state: &AppState, email: &str, purpose: &'static str, locale: Locale) -> Result<(), AppError> {
    let to = Email::parse(email).map_err(|_| AppError::BadRequest("error-email-invalid"))?;
    let token = new_token();
    let now = state.clock.now_ts();
    let mail = MailRequest::new(tremplin_mail::privacy::PRIVACY_LINK_TEMPLATE, to, locale).with("token", &token).with("purpose", purpose);
    tokens::issue(&state.db, email, purpose, &hash_token(&token), now, now + LINK_LIFETIME_SECS, &mail).await?;
    Ok(())
}

/// The request form.
pub async fn show_request(ctx: Ctx) -> Result<Response, AppError> {
    let ctx = ctx.with_form().await?;
    let page =
        RequestPage { ctx, errors: FormErrors::default(), failure: None, email: String::new(), purpose: DOWNLOAD.into(), sent: false };
    Ok(private(ok(&page)))
}

/// Fields of the request.
#[derive(Debug, Deserialize)]
pub struct RequestForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    purpose: String,
}

/// Sends the link if we hold something about the address; answers the same either way.
pub async fn submit_request(
    State(state): State<AppState>,
    ClientIp(client): ClientIp,
    ctx: Ctx,
    Form(form): Form<RequestForm>,
) -> Result<Response, AppError> {
    let mut errors = Vec::new();
    let email = Email::parse(form.email.trim()).ok();
    if email.is_none() {
        errors.push(FieldError { field: "email", key: "error-email-invalid" });
    }
    let purpose = match form.purpose.as_str() {
        DOWNLOAD => DOWNLOAD,
        ERASE => ERASE,
        _ => {
            errors.push(FieldError { field: "purpose", key: "privacy-request-purpose-required" });
            DOWNLOAD
        }
    };
    let page = |ctx: Ctx, errors: Vec<FieldError>, failure: Option<&'static str>, sent: bool| RequestPage {
        ctx,
        errors: FormErrors(errors),
        failure,
        email: form.email.clone(),
        purpose: form.purpose.clone(),
        sent,
    };
    let Some(email) = email.filter(|_| errors.is_empty()) else {
        return Ok(private(render(StatusCode::UNPROCESSABLE_ENTITY, &page(ctx.with_form().await?, errors, None, false))));
    };
    if state.config.rate_limits {
        let now = state.clock.now_ts();
        let by_email =
            state.db.allow_attempt(&format!("privacy-link:{}", email.as_str()), now - 3600, now, LINKS_PER_EMAIL_PER_HOUR).await?;
        let by_client = match &client {
            Some(client) => {
                state.db.allow_attempt(&format!("privacy-link-client:{client}"), now - 3600, now, LINKS_PER_CLIENT_PER_HOUR).await?
            }
            None => true,
        };
        if !by_email || !by_client {
            let page = page(ctx.with_form().await?, Vec::new(), Some("error-rate-limited"), false);
            return Ok(private(render(StatusCode::TOO_MANY_REQUESTS, &page)));
        }
    }
    let subject = subject_of(&state, &email).await?;
    // Only the rate-limit bucket holds the address for a stranger: nothing else to send about.
    let holds_something = export(&state.db, &subject).await?.iter().any(|t| t.table != "rate_events");
    if holds_something {
        send_link(&state, email.as_str(), purpose, ctx.tr.locale).await?;
    }
    Ok(private(ok(&page(ctx.with_form().await?, Vec::new(), None, true))))
}

async fn link_page(state: &AppState, ctx: Ctx, token: &str, purpose: &'static str) -> Result<Response, AppError> {
    let ctx = ctx.with_form().await?;
    if tokens::peek(&state.db, &hash_token(token), purpose, state.clock.now_ts()).await?.is_none() {
        return Ok(private(render(StatusCode::GONE, &LinkProblemPage { ctx })));
    }
    let segment = if purpose == ERASE { "effacement" } else { "lien" };
    let page = LinkPage {
        ctx,
        errors: FormErrors::default(),
        erase: purpose == ERASE,
        action: format!("/donnees-personnelles/{segment}/{token}"),
    };
    Ok(private(ok(&page)))
}

/// The download link's page.
pub async fn show_download(State(state): State<AppState>, ctx: Ctx, Path(token): Path<String>) -> Result<Response, AppError> {
    link_page(&state, ctx, &token, DOWNLOAD).await
}

/// The erasure link's page.
pub async fn show_erase(State(state): State<AppState>, ctx: Ctx, Path(token): Path<String>) -> Result<Response, AppError> {
    link_page(&state, ctx, &token, ERASE).await
}

/// Field of the download link's form.
#[derive(Debug, Deserialize)]
pub struct DownloadForm {
    #[serde(default)]
    format: String,
}

/// Uses the link up: the page, or the JSON file.
pub async fn download(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
    Form(form): Form<DownloadForm>,
) -> Result<Response, AppError> {
    let now = state.clock.now_ts();
    let Some(email) = tokens::consume(&state.db, &hash_token(&token), DOWNLOAD, now).await? else {
        return Ok(private(render(StatusCode::GONE, &LinkProblemPage { ctx })));
    };
    let email = Email::parse(&email).map_err(|_| AppError::NotFound)?;
    let subject = subject_of(&state, &email).await?;
    let tables = export(&state.db, &subject).await?;
    if form.format == "json" {
        return Ok(json_file(&subject.email, now, &tables));
    }
    Ok(private(ok(&DataPage { ctx, email: subject.email, groups: groups(&tables), json_href: None })))
}

/// Field of the erasure link's form.
#[derive(Debug, Deserialize)]
pub struct ConfirmForm {
    #[serde(default)]
    confirm: String,
}

/// Uses the link up and erases (box checked).
pub async fn erase(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
    Form(form): Form<ConfirmForm>,
) -> Result<Response, AppError> {
    let now = state.clock.now_ts();
    // A dead or forged link says so before anything about the form.
    if tokens::peek(&state.db, &hash_token(&token), ERASE, now).await?.is_none() {
        return Ok(private(render(StatusCode::GONE, &LinkProblemPage { ctx })));
    }
    if form.confirm != "yes" {
        let ctx = ctx.with_form().await?;
        let errors = FormErrors(vec![FieldError { field: "confirm", key: "privacy-erase-confirm-required" }]);
        let page = LinkPage { ctx, errors, erase: true, action: format!("/donnees-personnelles/effacement/{token}") };
        return Ok(private(render(StatusCode::UNPROCESSABLE_ENTITY, &page)));
    }
    let Some(email) = tokens::consume(&state.db, &hash_token(&token), ERASE, now).await? else {
        return Ok(private(render(StatusCode::GONE, &LinkProblemPage { ctx })));
    };
    let email = Email::parse(&email).map_err(|_| AppError::NotFound)?;
    let subject = subject_of(&state, &email).await?;
    erase::erase(&state.db, &subject, now).await?;
    Ok(private(ok(&ErasedPage { ctx })))
}
