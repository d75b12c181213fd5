//! The attendance list of a session, for its trainers and staff:
//! `GET /ateliers/{slug}/presence.csv` — every registration in the order of the staff page
//! (confirmed, waitlist, cancelled): name, business, e-mail, phone, status, walk-in, present at
//! (Europe/Paris). UTF-8 with a byte-order mark and `;` as separator, as French spreadsheet
//! programs expect; cells that a spreadsheet would read as a formula are prefixed with `'`.
//! `GET /ateliers/{slug}/presence/imprimer` — a sign-in sheet to print (confirmed people and
//! a few empty lines for walk-ins, with a signature column).

use super::staff::{log_access, paris_datetime, private, session_for_staff, when};
use crate::auth::RequireUser;
use crate::error::AppError;
use crate::i18n::Tr;
use crate::pages::{Ctx, ok};
use crate::spreadsheet;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use tremplin_domain::events::mail::location_line;
use tremplin_domain::events::{Event, Registration, RegistrationRepo, RegistrationStatus};
use tremplin_domain::privacy::AccessKind;

/// Empty lines of the printed sheet, for people added at the door.
const BLANK_LINES: usize = 5;

/// The label of a registration's status.
pub fn status_label(tr: &Tr, status: RegistrationStatus) -> String {
    tr.t(&format!("staff-status-{}", status.as_str()))
}

/// The CSV text (with its byte-order mark).
pub fn csv(tr: &Tr, registrations: &[Registration]) -> String {
    let headers = ["name", "business", "email", "phone", "status", "walk-in", "present-at"].map(|k| tr.t(&format!("staff-csv-{k}")));
    let rows = registrations.iter().map(|r| {
        let walk_in = if r.walk_in { tr.t("staff-yes") } else { String::new() };
        let present = r.checked_in_at.map(paris_datetime).unwrap_or_default();
        [
            r.name.clone(),
            r.business.clone(),
            r.email.clone().unwrap_or_default(),
            r.phone.clone().unwrap_or_default(),
            status_label(tr, r.status),
            walk_in,
            present,
        ]
    });
    spreadsheet::csv_text(std::iter::once(headers).chain(rows))
}

/// The CSV download.
pub async fn download(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let (event, _) = session_for_staff(&state, &user, &slug).await?;
    let registrations = state.db.registrations_of_event(event.id).await?;
    log_access(&state, &user, &event, AccessKind::AttendanceCsv, &registrations.iter().collect::<Vec<_>>()).await?;
    let body = csv(&ctx.tr, &registrations);
    Ok(spreadsheet::download(&format!("presence-{}.csv", event.slug), body))
}

/// The sign-in sheet.
#[derive(Template)]
#[template(path = "events_staff/print.html")]
struct PrintPage {
    ctx: Ctx,
    event: Event,
    when: String,
    location: String,
    people: Vec<Registration>,
    blank: Vec<usize>,
}

/// The page to print.
pub async fn print(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let (event, _) = session_for_staff(&state, &user, &slug).await?;
    let people: Vec<Registration> =
        state.db.registrations_of_event(event.id).await?.into_iter().filter(|r| r.status == RegistrationStatus::Confirmed).collect();
    log_access(&state, &user, &event, AccessKind::AttendancePrint, &people.iter().collect::<Vec<_>>()).await?;
    let page = PrintPage { ctx, when: when(&event), location: location_line(&event), event, people, blank: (1..=BLANK_LINES).collect() };
    Ok(private(ok(&page)))
}
