//! `GET /territoires/{slug}/journal-acces`: the staff access log of a territory (and of the
//! territories inside it), for its managers and admins and those above: filters by person
//! (their e-mail, looked up by its hash), by staff member (login e-mail) and by period
//! (Europe/Paris days), 50 rows a page, newest first; `…/journal-acces.csv` exports what the
//! filters select. Reading the log is not itself logged: it shows names already logged.

use crate::auth::RequireUser;
use crate::error::AppError;
use crate::i18n::Tr;
use crate::pages::{Ctx, FormErrors, render};
use crate::routes::events::staff::{paris_datetime, private};
use crate::routes::territories::find as find_territory;
use crate::spreadsheet;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use chrono::NaiveDate;
use chrono_tz::Europe::Paris;
use serde::Deserialize;
use tremplin_domain::accounts::policy::is_staff_over;
use tremplin_domain::accounts::{AccountRepo, FieldError, User};
use tremplin_domain::privacy::access_log::email_hash;
use tremplin_domain::privacy::{AccessEntry, AccessFilter, AccessLogRepo};
use tremplin_domain::territories::{Territory, ancestry};
use tremplin_kernel::Email;

/// Rows per page.
const PER_PAGE: u64 = 50;
/// Rows read at a time by the CSV export.
const EXPORT_BATCH: u64 = 2_000;

/// The territory and the ids of those inside it (itself included), if `user` may review its
/// log: staff (manager or admin) of it or of a territory containing it, or a platform admin.
pub async fn reviewed(state: &AppState, user: &User, slug: &str) -> Result<(Territory, Vec<i64>), AppError> {
    let (territory, chain, all) = find_territory(state, slug).await?;
    let grants = state.db.grants_of(user.id).await?;
    let chain_ids: Vec<i64> = chain.iter().map(|t| t.id).collect();
    if !is_staff_over(user, &grants, &chain_ids) {
        return Err(AppError::Forbidden);
    }
    let inside = all.iter().filter(|t| ancestry(&all, t.id).iter().any(|a| a.id == territory.id)).map(|t| t.id).collect();
    Ok((territory, inside))
}

/// The filters, as typed (kept on the page).
#[derive(Debug, Default, Clone, Deserialize)]
pub struct Filters {
    /// The person's e-mail.
    #[serde(default)]
    pub personne: String,
    /// The staff member's login e-mail.
    #[serde(default)]
    pub personnel: String,
    /// First day (YYYY-MM-DD, Europe/Paris).
    #[serde(default)]
    pub du: String,
    /// Last day, included.
    #[serde(default)]
    pub au: String,
    /// Page number (1-based).
    #[serde(default)]
    pub page: Option<u32>,
}

impl Filters {
    /// The store's filter, or the fields in error.
    fn parse(&self, territory_ids: Vec<i64>) -> Result<AccessFilter, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut email = |field: &'static str, raw: &str| -> Option<String> {
            if raw.trim().is_empty() {
                return None;
            }
            match Email::parse(raw) {
                Ok(e) => Some(e.as_str().to_owned()),
                Err(_) => {
                    errors.push(FieldError { field, key: "access-log-error-email" });
                    None
                }
            }
        };
        let person = email("personne", &self.personne);
        let staff = email("personnel", &self.personnel);
        let mut day = |field: &'static str, raw: &str, next: bool| -> Option<i64> {
            if raw.trim().is_empty() {
                return None;
            }
            match NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").ok().and_then(|d| if next { d.succ_opt() } else { Some(d) }) {
                Some(d) => d.and_hms_opt(0, 0, 0).and_then(|t| t.and_local_timezone(Paris).earliest()).map(|t| t.timestamp()),
                None => {
                    errors.push(FieldError { field, key: "access-log-error-date" });
                    None
                }
            }
        };
        let from = day("du", &self.du, false);
        let until = day("au", &self.au, true);
        if let (Some(f), Some(u)) = (from, until)
            && u <= f
        {
            errors.push(FieldError { field: "au", key: "access-log-error-period" });
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(AccessFilter { territory_ids, subject_email_hash: person.as_deref().map(email_hash), staff_email: staff, from, until })
    }

    /// The query string of these filters (for the pages and the export link), without `page`.
    pub fn query(&self) -> String {
        let pairs = [("personne", &self.personne), ("personnel", &self.personnel), ("du", &self.du), ("au", &self.au)];
        pairs
            .iter()
            .filter(|(_, v)| !v.trim().is_empty())
            .map(|(k, v)| format!("{k}={}", crate::auth::urlencode(v.trim())))
            .collect::<Vec<_>>()
            .join("&")
    }
}

/// One row as shown.
pub struct Line {
    /// When (Europe/Paris).
    pub at: String,
    /// The staff member (login e-mail, or `#id` once the account is gone).
    pub staff: String,
    /// The person (their name as shown, or empty once erased).
    pub person: String,
    /// The start of their e-mail's hash (to tell people apart), when known.
    pub person_hash: String,
    /// What was read, in words.
    pub kind: String,
    /// Territory name.
    pub territory: String,
    /// Where.
    pub context: String,
}

fn line(tr: &Tr, e: &AccessEntry) -> Line {
    Line {
        at: paris_datetime(e.at),
        staff: e.staff_email.clone().unwrap_or_else(|| format!("#{}", e.staff_user_id)),
        person: if e.subject_label.is_empty() { tr.t("access-log-erased") } else { e.subject_label.clone() },
        person_hash: e.subject_email_hash.as_deref().map(|h| h.chars().take(12).collect()).unwrap_or_default(),
        kind: e.kind.map(|k| tr.t(&format!("access-kind-{}", k.as_str()))).unwrap_or_else(|| "?".into()),
        territory: e.territory_name.clone(),
        context: e.context.clone(),
    }
}

#[derive(Template)]
#[template(path = "privacy/staff/journal.html")]
struct JournalPage {
    ctx: Ctx,
    territory: Territory,
    filters: Filters,
    errors: FormErrors,
    lines: Vec<Line>,
    total: u64,
    page: u32,
    pages: u32,
    query: String,
}

/// The review page.
pub async fn show(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    ctx: Ctx,
    Path(slug): Path<String>,
    Query(filters): Query<Filters>,
) -> Result<Response, AppError> {
    let (territory, inside) = reviewed(&state, &user, &slug).await?;
    let query = filters.query();
    let (status, errors, lines, total, page, pages) = match filters.parse(inside) {
        Err(errors) => (StatusCode::UNPROCESSABLE_ENTITY, FormErrors(errors), Vec::new(), 0, 1, 1),
        Ok(filter) => {
            let page = filters.page.unwrap_or(1).max(1);
            let (entries, total) = state.db.access_log(&filter, u64::from(page - 1) * PER_PAGE, PER_PAGE).await?;
            let pages = u32::try_from(total.div_ceil(PER_PAGE)).unwrap_or(u32::MAX).max(1);
            (StatusCode::OK, FormErrors::default(), entries.iter().map(|e| line(&ctx.tr, e)).collect(), total, page, pages)
        }
    };
    let page = JournalPage { ctx, territory, filters, errors, lines, total, page, pages, query };
    Ok(private(render(status, &page)))
}

/// The CSV export of what the filters select (every page).
pub async fn download(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    ctx: Ctx,
    Path(slug): Path<String>,
    Query(filters): Query<Filters>,
) -> Result<Response, AppError> {
    let (territory, inside) = reviewed(&state, &user, &slug).await?;
    let filter = filters.parse(inside).map_err(|_| AppError::BadRequest("access-log-error-filters"))?;
    let tr = ctx.tr;
    let mut rows = vec![
        [
            "access-log-at",
            "access-log-staff",
            "access-log-person",
            "access-log-person-hash",
            "access-log-kind",
            "access-log-territory",
            "access-log-context",
        ]
        .map(|k| tr.t(k)),
    ];
    let mut offset = 0;
    loop {
        let (entries, _) = state.db.access_log(&filter, offset, EXPORT_BATCH).await?;
        let done = (entries.len() as u64) < EXPORT_BATCH;
        rows.extend(entries.iter().map(|e| {
            let l = line(&tr, e);
            [l.at, l.staff, l.person, e.subject_email_hash.clone().unwrap_or_default(), l.kind, l.territory, l.context]
        }));
        offset += EXPORT_BATCH;
        if done {
            break;
        }
    }
    Ok(spreadsheet::download(&format!("journal-acces-{}.csv", territory.slug), spreadsheet::csv_text(rows)))
}
