//! `GET /ateliers/{slug}/gestion`: a session's staff page — counts, the capacity form, the
//! registrants (confirmed, then the waitlist with positions, then cancelled) with a search by
//! name (`?q=`, server-side), a "present" button per person, a cancel button, the walk-in
//! form, the camera scan (progressive enhancement) and the survey's comments.

use super::staff::{gestion_path, log_access, paris_datetime, private, session_for_staff, when};
use crate::auth::RequireUser;
use crate::error::AppError;
use crate::pages::{Ctx, FormErrors, ok};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use serde::Deserialize;
use tremplin_domain::events::mail::location_line;
use tremplin_domain::events::survey::{SurveyRepo, results};
use tremplin_domain::events::{Event, Registration, RegistrationRepo, RegistrationStatus};
use tremplin_domain::privacy::AccessKind;
use tremplin_kernel::text::fold;

/// A registrant as listed to staff (personal data: this page is for the session's staff).
pub struct Row {
    /// Public id (buttons' targets).
    pub public_id: String,
    /// Name.
    pub name: String,
    /// E-mail and phone, as given.
    pub contact: String,
    /// Business.
    pub business: String,
    /// Added at the door.
    pub walk_in: bool,
    /// When marked present (Europe/Paris), if present.
    pub present_at: Option<String>,
    /// Place in the waitlist.
    pub position: Option<i64>,
}

impl Row {
    fn new(r: &Registration, position: Option<i64>) -> Self {
        let contact: Vec<&str> = [r.email.as_deref(), r.phone.as_deref()].into_iter().flatten().collect();
        Row {
            public_id: r.public_id.clone(),
            name: r.name.clone(),
            contact: contact.join(" · "),
            business: r.business.clone(),
            walk_in: r.walk_in,
            present_at: r.checked_in_at.map(paris_datetime),
            position,
        }
    }
}

/// The form state a re-rendered page keeps.
#[derive(Default)]
pub struct Forms {
    /// Capacity as typed.
    pub capacity: String,
    /// Message beside the capacity field (translated).
    pub capacity_error: Option<String>,
    /// Walk-in fields.
    pub walk_in_name: String,
    /// Walk-in contact.
    pub walk_in_contact: String,
    /// Walk-in errors per field.
    pub errors: FormErrors,
    /// The session is full: the walk-in was refused (translated message).
    pub walk_in_refused: Option<String>,
}

/// The page.
#[derive(Template)]
#[template(path = "events_staff/gestion.html")]
pub struct GestionPage {
    ctx: Ctx,
    event: Event,
    when: String,
    location: String,
    present: i64,
    q: String,
    confirmed: Vec<Row>,
    waitlisted: Vec<Row>,
    cancelled: Vec<Row>,
    forms: Forms,
    answers: i64,
    averages: Option<[String; 4]>,
    comments: Vec<String>,
}

/// Builds the page; `forms` carries what a refused form keeps.
pub async fn build(state: &AppState, ctx: Ctx, event: Event, q: String, mut forms: Forms) -> Result<GestionPage, AppError> {
    let registrations = state.db.registrations_of_event(event.id).await?;
    let present = registrations.iter().filter(|r| r.checked_in_at.is_some()).count() as i64;
    let needle = fold(q.trim());
    let (mut confirmed, mut waitlisted, mut cancelled) = (Vec::new(), Vec::new(), Vec::new());
    let mut position = 0;
    let mut shown = Vec::new();
    // Positions count every waiting person, also those a search hides.
    for r in &registrations {
        if r.status == RegistrationStatus::Waitlisted {
            position += 1;
        }
        if !needle.is_empty() && !fold(&r.name).contains(&needle) {
            continue;
        }
        shown.push(r);
        match r.status {
            RegistrationStatus::Confirmed => confirmed.push(Row::new(r, None)),
            RegistrationStatus::Waitlisted => waitlisted.push(Row::new(r, Some(position))),
            RegistrationStatus::Cancelled => cancelled.push(Row::new(r, None)),
        }
    }
    if let Some(user) = &ctx.user {
        log_access(state, user, &event, AccessKind::Registrants, &shown).await?;
    }
    if forms.capacity.is_empty() {
        forms.capacity = event.capacity.to_string();
    }
    let rows = state.db.survey_rows(&[event.id]).await?;
    let summary = results(std::slice::from_ref(&event), &rows, |e| e.title.clone()).sessions.into_iter().next();
    let averages = summary.as_ref().and_then(|s| s.averages).map(|a| a.map(|v| format!("{v:.1}")));
    let comments = rows.iter().map(|r| r.comment.clone()).filter(|c| !c.is_empty()).collect();
    Ok(GestionPage {
        ctx: ctx.with_form().await?,
        when: when(&event),
        location: location_line(&event),
        event,
        present,
        q,
        confirmed,
        waitlisted,
        cancelled,
        forms,
        answers: rows.len() as i64,
        averages,
        comments,
    })
}

/// The search.
#[derive(Debug, Default, Deserialize)]
pub struct Search {
    #[serde(default)]
    q: String,
}

/// The staff page of a session.
pub async fn show(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    ctx: Ctx,
    Path(slug): Path<String>,
    Query(search): Query<Search>,
) -> Result<Response, AppError> {
    let (event, _) = session_for_staff(&state, &user, &slug).await?;
    Ok(private(ok(&build(&state, ctx, event, search.q, Forms::default()).await?)))
}

/// Where a button of the page sends back to: the page, with the search kept.
pub fn back_to(slug: &str, q: &str) -> String {
    if q.trim().is_empty() { gestion_path(slug) } else { format!("{}?q={}", gestion_path(slug), crate::auth::urlencode(q.trim())) }
}
