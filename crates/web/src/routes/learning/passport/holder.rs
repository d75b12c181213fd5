//! The holder's pages, opened by the link of their e-mail (no account): `GET
//! /passeport/{id}/{token}` shows the passport (modules, dates, evidence, territory,
//! downloads, printable), `POST` the same address records what the verification page may
//! show; `…/passeport.pdf`, `…/passeport.jwt` (VC-JWT) and `…/passeport.json` (the Open
//! Badges document) download it. A wrong token gets the same 404 as an unknown passport.

use super::signing::signed;
use super::view::{VerificationDto, paris_day, territory};
use crate::error::AppError;
use crate::flash;
use crate::i18n::Tr;
use crate::pages::{Ctx, ok, render};
use crate::routes::events::staff::private;
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tremplin_credentials::pdf::{PdfInput, PdfModule};
use tremplin_domain::learning::credentials::CredentialRepo;
use tremplin_domain::learning::tokens::{holder_token_matches, verification_path};
use tremplin_domain::learning::{LearningRepo, Passport};
use tremplin_domain::territories::Territory;

/// A module as the holder's page shows it.
pub struct ModuleLine {
    /// Title.
    pub title: String,
    /// Completion day.
    pub day: String,
    /// Evidence: day and description.
    pub evidence: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "learning_passport/holder.html")]
struct HolderPage {
    ctx: Ctx,
    passport: Passport,
    territory: Territory,
    issued_on: String,
    revoked_on: String,
    modules: Vec<ModuleLine>,
    here: String,
    verify_url: String,
    qr: String,
    public: VerificationDto,
}

/// The unknown-passport page (404), also for a wrong token.
#[derive(Template)]
#[template(path = "learning_passport/not_found.html")]
pub struct NotFoundPage {
    /// Context.
    pub ctx: Ctx,
}

/// The passport behind a holder's link, or `None` for a wrong link.
async fn find(state: &AppState, public_id: &str, token: &str) -> Result<Option<(Passport, Territory)>, AppError> {
    match state.db.passport_by_public_id(public_id).await? {
        Some(passport) if holder_token_matches(&passport.secret, token) => {
            let territory = territory(state, passport.territory_id).await?;
            Ok(Some((passport, territory)))
        }
        _ => Ok(None),
    }
}

fn not_found(ctx: Ctx) -> Response {
    private(render(StatusCode::NOT_FOUND, &NotFoundPage { ctx }))
}

fn lines(passport: &Passport) -> Vec<ModuleLine> {
    passport
        .modules
        .iter()
        .map(|m| ModuleLine {
            title: m.title.clone(),
            day: paris_day(m.completed_at),
            evidence: m.evidence.iter().map(|e| (paris_day(e.completed_at), e.narrative.clone())).collect(),
        })
        .collect()
}

/// The holder's page.
pub async fn page(State(state): State<AppState>, ctx: Ctx, Path((public_id, token)): Path<(String, String)>) -> Result<Response, AppError> {
    let Some((passport, territory)) = find(&state, &public_id, &token).await? else {
        return Ok(not_found(ctx));
    };
    let verify_url = format!("{}{}", state.config.base_url.trim_end_matches('/'), verification_path(&passport.public_id));
    let page = HolderPage {
        ctx: ctx.with_form().await?,
        issued_on: paris_day(passport.issued_at),
        revoked_on: passport.revoked_at.map(paris_day).unwrap_or_default(),
        modules: lines(&passport),
        here: format!("/passeport/{public_id}/{token}"),
        qr: tremplin_credentials::qr::svg(&verify_url).unwrap_or_default(),
        verify_url,
        public: VerificationDto::of(&passport, &territory),
        passport,
        territory,
    };
    Ok(private(ok(&page)))
}

/// The consent checkboxes (absent = not ticked).
#[derive(Debug, Deserialize)]
pub struct ConsentFields {
    #[serde(default)]
    show_name: Option<String>,
    #[serde(default)]
    show_modules: Option<String>,
}

/// Records what the verification page shows; back to the holder's page.
pub async fn consent(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((public_id, token)): Path<(String, String)>,
    Form(fields): Form<ConsentFields>,
) -> Result<Response, AppError> {
    let Some((passport, _)) = find(&state, &public_id, &token).await? else {
        return Ok(not_found(ctx));
    };
    let (show_name, show_modules) = (fields.show_name.is_some(), fields.show_modules.is_some());
    state.db.set_consent(passport.id, show_name, show_modules).await?;
    tracing::info!(passport = %public_id, show_name, show_modules, "passport consent changed");
    flash::push(ctx.session(), "passport-consent-saved").await;
    Ok(Redirect::to(&format!("/passeport/{public_id}/{token}")).into_response())
}

fn download(content_type: &str, name: String, body: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")),
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        body,
    )
        .into_response()
}

/// The signed credential (VC-JWT).
pub async fn jwt(State(state): State<AppState>, ctx: Ctx, Path((public_id, token)): Path<(String, String)>) -> Result<Response, AppError> {
    let Some((passport, territory)) = find(&state, &public_id, &token).await? else {
        return Ok(not_found(ctx));
    };
    let (_, jwt) = signed(&state, &passport, &territory).await?;
    Ok(download("application/vc+jwt", format!("passeport-{public_id}.jwt"), jwt.into_bytes()))
}

/// The Open Badges document, with its VC-JWT beside it.
pub async fn json(State(state): State<AppState>, ctx: Ctx, Path((public_id, token)): Path<(String, String)>) -> Result<Response, AppError> {
    let Some((passport, territory)) = find(&state, &public_id, &token).await? else {
        return Ok(not_found(ctx));
    };
    let (document, _) = signed(&state, &passport, &territory).await?;
    let body = serde_json::to_vec_pretty(&document).map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(download("application/json; charset=utf-8", format!("passeport-{public_id}.json"), body))
}

/// What the PDF prints, in the visitor's language.
fn pdf_input(tr: &Tr, passport: &Passport, territory: &Territory, verify_url: String) -> PdfInput {
    PdfInput {
        title: tr.t("passport-pdf-title"),
        holder: passport.holder_name.clone(),
        business: passport.business.clone(),
        territory: territory.name.clone(),
        issued_line: tr.t1("passport-issued-on", "date", paris_day(passport.issued_at)),
        territory_line: tr.t1("passport-issued-by", "territory", territory.name.clone()),
        id_line: tr.t1("passport-number", "id", passport.public_id.clone()),
        modules_heading: tr.t("passport-modules"),
        col_module: tr.t("passport-col-module"),
        col_date: tr.t("passport-col-date"),
        modules: lines(passport)
            .into_iter()
            .map(|m| PdfModule {
                evidence: m.evidence.iter().map(|(_, narrative)| narrative.as_str()).collect::<Vec<_>>().join(" · "),
                title: m.title,
                date: m.day,
            })
            .collect(),
        qr_alt: tr.t1("passport-qr-alt", "url", verify_url.clone()),
        verify_url,
        footer: tr.t("passport-pdf-footer"),
    }
}

/// The PDF, laid out on a blocking thread (Typst is CPU-bound).
pub async fn pdf(State(state): State<AppState>, ctx: Ctx, Path((public_id, token)): Path<(String, String)>) -> Result<Response, AppError> {
    let Some((passport, territory)) = find(&state, &public_id, &token).await? else {
        return Ok(not_found(ctx));
    };
    let verify_url = format!("{}{}", state.config.base_url.trim_end_matches('/'), verification_path(&passport.public_id));
    let input = pdf_input(&ctx.tr, &passport, &territory, verify_url);
    let started = std::time::Instant::now();
    let bytes = tokio::task::spawn_blocking(move || tremplin_credentials::pdf::render(&input))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?
        .map_err(|e| AppError::Internal(e.to_string()))?;
    tracing::debug!(passport = %public_id, ms = started.elapsed().as_millis() as u64, "passport pdf");
    Ok(download("application/pdf", format!("passeport-{public_id}.pdf"), bytes))
}
