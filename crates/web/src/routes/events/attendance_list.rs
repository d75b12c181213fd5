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
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use tremplin_domain::events::mail::location_line;
use tremplin_domain::events::{Event, Registration, RegistrationRepo, RegistrationStatus};

/// Separator of the CSV file.
pub const SEPARATOR: char = ';';
/// Empty lines of the printed sheet, for people added at the door.
const BLANK_LINES: usize = 5;

/// One CSV cell, quoted when needed.
fn cell(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{value}") } else { value.to_owned() };
    if value.contains([SEPARATOR, '"', '\n', '\r']) { format!("\"{}\"", value.replace('"', "\"\"")) } else { value }
}

/// The label of a registration's status.
pub fn status_label(tr: &Tr, status: RegistrationStatus) -> String {
    tr.t(&format!("staff-status-{}", status.as_str()))
}

/// The CSV text (with its byte-order mark).
pub fn csv(tr: &Tr, registrations: &[Registration]) -> String {
    let mut out = String::from("\u{feff}");
    let headers = ["name", "business", "email", "phone", "status", "walk-in", "present-at"].map(|k| tr.t(&format!("staff-csv-{k}")));
    out.push_str(&headers.iter().map(|h| cell(h)).collect::<Vec<_>>().join(&SEPARATOR.to_string()));
    out.push_str("\r\n");
    for r in registrations {
        let walk_in = if r.walk_in { tr.t("staff-yes") } else { String::new() };
        let present = r.checked_in_at.map(paris_datetime).unwrap_or_default();
        let row = [
            r.name.as_str(),
            r.business.as_str(),
            r.email.as_deref().unwrap_or_default(),
            r.phone.as_deref().unwrap_or_default(),
            &status_label(tr, r.status),
            &walk_in,
            &present,
        ];
        out.push_str(&row.iter().map(|v| cell(v)).collect::<Vec<_>>().join(&SEPARATOR.to_string()));
        out.push_str("\r\n");
    }
    out
}

/// The CSV download.
pub async fn download(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let (event, _) = session_for_staff(&state, &user, &slug).await?;
    log_access(&user, &event, "attendance csv");
    let registrations = state.db.registrations_of_event(event.id).await?;
    let body = csv(&ctx.tr, &registrations);
    let disposition = format!("attachment; filename=\"presence-{}.csv\"", event.slug);
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
            // Personal data: never kept by a shared cache.
            (header::CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        body,
    )
        .into_response())
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
    log_access(&user, &event, "sign-in sheet");
    let people: Vec<Registration> =
        state.db.registrations_of_event(event.id).await?.into_iter().filter(|r| r.status == RegistrationStatus::Confirmed).collect();
    let page = PrintPage { ctx, when: when(&event), location: location_line(&event), event, people, blank: (1..=BLANK_LINES).collect() };
    Ok(private(ok(&page)))
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn cells_are_quoted_and_formulas_defused() {
        assert_eq!(cell("Léa"), "Léa");
        assert_eq!(cell("A;B"), "\"A;B\"");
        assert_eq!(cell("dit \"Lou\""), "\"dit \"\"Lou\"\"\"");
        assert_eq!(cell("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        assert_eq!(cell("+33612345678"), "'+33612345678");
    }
}
