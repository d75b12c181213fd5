//! `GET|POST /territoires/{slug}/imports`: a manager of the territory uploads a file of
//! listings (OpenStreetMap, INSEE SIRENE, the digital-mediation standard) and reads what the
//! import did: only the territory's communes are kept, and the dry run (checked by default)
//! saves nothing. The import is `tremplin_interchange::import::run`, the one `tremplin import`
//! runs too.

use crate::auth::RequireUser;
use crate::error::AppError;
use crate::i18n::Tr;
use crate::limits::UPLOAD_LIMIT_MB;
use crate::pages::{Ctx, FormErrors, ok, render};
use crate::routes::territories::find as find_territory;
use crate::state::AppState;
use askama::Template;
use axum::body::Bytes;
use axum::extract::multipart::MultipartError;
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use std::io::Cursor;
use tremplin_domain::accounts::{AccountRepo, FieldError, User, policy};
use tremplin_domain::territories::Territory;
use tremplin_interchange::Rejection;
use tremplin_interchange::import::{self, Format, ImportError, Options, Report};

/// Rejections listed on the page; the others are counted.
const SHOWN_REJECTIONS: usize = 200;
/// After saving this many listings, the planner's statistics are refreshed (as after
/// `tremplin import`); smaller imports leave them to the engine's own upkeep.
const ANALYZE_AFTER: u64 = 1_000;

#[derive(Template)]
#[template(path = "directory/imports.html")]
struct ImportsPage {
    ctx: Ctx,
    territory: Territory,
    /// The format chosen (a [`Format`] name, or what was sent).
    format: String,
    dry_run: bool,
    errors: FormErrors,
    /// What the reader said of a file it could not read, and how many listings it saved first.
    unreadable: Option<(String, u64)>,
    result: Option<ImportResult>,
}

impl ImportsPage {
    fn formats(&self) -> [Format; 3] {
        Format::ALL
    }

    fn limit_mb(&self) -> i64 {
        UPLOAD_LIMIT_MB
    }

    fn format_key(&self, format: Format) -> String {
        format!("import-format-{}", format.name())
    }

    fn location(&self, location: &str) -> String {
        location_label(&self.ctx.tr, location)
    }
}

/// What an import did, as shown.
struct ImportResult {
    dry_run: bool,
    file_name: String,
    report: Report,
}

impl ImportResult {
    fn rejected(&self) -> i64 {
        self.report.rejected.len() as i64
    }

    fn shown(&self) -> &[Rejection] {
        &self.report.rejected[..self.report.rejected.len().min(SHOWN_REJECTIONS)]
    }

    fn more(&self) -> i64 {
        self.report.rejected.len().saturating_sub(SHOWN_REJECTIONS) as i64
    }

    fn skipped(&self) -> Vec<(String, i64)> {
        self.report.skipped.iter().map(|(reason, count)| (format!("import-skip-{}", reason.replace('_', "-")), *count as i64)).collect()
    }
}

/// Where a rejected record was, in the page's language (`line 12` → `ligne 12`).
pub fn location_label(tr: &Tr, location: &str) -> String {
    location
        .split(' ')
        .map(|word| {
            let (open, bare) = match word.strip_prefix('(') {
                Some(rest) => ("(", rest),
                None => ("", word),
            };
            match bare {
                "line" | "element" | "node" | "way" | "relation" => format!("{open}{}", tr.t(&format!("import-where-{bare}"))),
                _ => word.to_owned(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The territory, if `user` manages it (the moderation queue's rule: its admins and managers).
async fn managed(state: &AppState, user: &User, slug: &str) -> Result<Territory, AppError> {
    let (territory, chain, _) = find_territory(state, slug).await?;
    let grants = state.db.grants_of(user.id).await?;
    if !policy::can_view_team(user, &grants, &chain.iter().map(|t| t.id).collect::<Vec<_>>()) {
        return Err(AppError::Forbidden);
    }
    Ok(territory)
}

fn page(ctx: Ctx, territory: Territory, format: String, dry_run: bool) -> ImportsPage {
    ImportsPage { ctx, territory, format, dry_run, errors: FormErrors::default(), unreadable: None, result: None }
}

/// The form.
pub async fn show(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    ctx: Ctx,
    Path(slug): Path<String>,
) -> Result<Response, AppError> {
    let territory = managed(&state, &user, &slug).await?;
    Ok(ok(&page(ctx.with_form().await?, territory, String::new(), true)))
}

/// The form's fields.
#[derive(Default)]
struct Upload {
    format: String,
    dry_run: bool,
    file_name: String,
    file: Option<Bytes>,
}

/// Reads the multipart form; an error is the status and message key to show beside the file.
async fn read_upload(mut multipart: Multipart) -> Result<Upload, (StatusCode, &'static str)> {
    let broken = |e: MultipartError| match e.status() {
        StatusCode::PAYLOAD_TOO_LARGE => (StatusCode::PAYLOAD_TOO_LARGE, "import-error-file-too-large"),
        _ => (StatusCode::BAD_REQUEST, "import-error-upload-broken"),
    };
    let mut upload = Upload::default();
    while let Some(field) = multipart.next_field().await.map_err(broken)? {
        match field.name() {
            Some("format") => upload.format = field.text().await.map_err(broken)?.trim().to_owned(),
            Some("dry_run") => upload.dry_run = true,
            Some("file") => {
                upload.file_name = field.file_name().unwrap_or_default().to_owned();
                upload.file = Some(field.bytes().await.map_err(broken)?);
            }
            _ => {}
        }
    }
    Ok(upload)
}

/// What became of a file that was read.
enum Outcome {
    /// The report.
    Done(Report),
    /// The file holds nothing.
    Empty,
    /// The file is not of the format chosen: what the reader said, and the listings saved
    /// before it stopped.
    Unreadable(String, u64),
}

/// Runs the import on a blocking thread (the readers parse as they go) and refreshes the
/// statistics after a large one.
async fn run_import(state: &AppState, format: Format, file: Bytes, file_name: String, options: Options) -> Result<Outcome, AppError> {
    let (db, clock, handle) = (state.db.clone(), state.clock.clone(), tokio::runtime::Handle::current());
    let outcome = tokio::task::spawn_blocking(move || {
        handle.block_on(async move {
            let report = import::run(&db, clock.as_ref(), format, Cursor::new(file), &file_name, &options).await?;
            if !options.dry_run && report.saved() >= ANALYZE_AFTER {
                db.analyze().await?;
            }
            Ok::<_, ImportError>(report)
        })
    })
    .await
    .map_err(|e| AppError::Internal(format!("import task: {e}")))?;
    match outcome {
        Ok(report) => Ok(Outcome::Done(report)),
        Err(ImportError::Empty) => Ok(Outcome::Empty),
        Err(ImportError::Unreadable { error, saved, .. }) => Ok(Outcome::Unreadable(error.to_string(), saved)),
        Err(ImportError::Store(e)) => Err(e.into()),
        Err(ImportError::UnknownTerritory(_)) => Err(AppError::NotFound),
        Err(ImportError::SireneNeedsTerritory) => Err(AppError::Internal("SIRENE import without a territory".into())),
    }
}

/// Checks the form, runs the import and shows the report, or the form with its errors.
pub async fn submit(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    ctx: Ctx,
    Path(slug): Path<String>,
    multipart: Multipart,
) -> Result<Response, AppError> {
    let territory = managed(&state, &user, &slug).await?;
    let mut ctx = ctx.with_form().await?;
    // The language switch leads back to the form, without the token of the query string.
    ctx.path = format!("/territoires/{}/imports", territory.slug);
    let upload = match read_upload(multipart).await {
        Ok(upload) => upload,
        Err((status, key)) => {
            let mut form = page(ctx, territory, String::new(), true);
            form.errors = FormErrors(vec![FieldError { field: "file", key }]);
            return Ok(render(status, &form));
        }
    };
    let mut errors = Vec::new();
    let format = Format::parse(&upload.format);
    if format.is_none() {
        errors.push(FieldError { field: "format", key: "import-error-format" });
    }
    match &upload.file {
        Some(bytes) if !bytes.is_empty() => {}
        Some(_) if !upload.file_name.is_empty() => errors.push(FieldError { field: "file", key: "import-error-file-empty" }),
        _ => errors.push(FieldError { field: "file", key: "import-error-file-missing" }),
    }
    let mut form = page(ctx, territory, upload.format, upload.dry_run);
    let (Some(format), Some(file), true) = (format, upload.file, errors.is_empty()) else {
        form.errors = FormErrors(errors);
        return Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &form));
    };
    let options = Options { territory: Some(form.territory.slug.clone()), dry_run: upload.dry_run };
    match run_import(&state, format, file, upload.file_name.clone(), options).await? {
        Outcome::Done(report) => {
            form.result = Some(ImportResult { dry_run: upload.dry_run, file_name: upload.file_name, report });
            Ok(ok(&form))
        }
        Outcome::Empty => {
            form.errors = FormErrors(vec![FieldError { field: "file", key: "import-error-file-empty" }]);
            Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &form))
        }
        Outcome::Unreadable(detail, saved) => {
            form.errors = FormErrors(vec![FieldError { field: "file", key: "import-error-file-format" }]);
            form.unreadable = Some((detail, saved));
            Ok(render(StatusCode::UNPROCESSABLE_ENTITY, &form))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tremplin_interchange::SkipReason;
    use tremplin_interchange::import::OUTSIDE_TERRITORY;
    use tremplin_kernel::Locale;

    #[test]
    fn locations_are_said_in_the_page_language() {
        let fr = Tr::new(Locale::Fr);
        assert_eq!(location_label(&fr, "line 12"), "ligne 12");
        assert_eq!(location_label(&fr, "element 3 (line 17)"), "élément 3 (ligne 17)");
        assert_eq!(location_label(&fr, "way 45"), "chemin 45");
        assert_eq!(location_label(&Tr::new(Locale::En), "node 7"), "node 7");
        assert_eq!(location_label(&fr, "boulangerie-49007"), "boulangerie-49007");
    }

    #[test]
    fn every_skip_reason_has_a_label() {
        let reasons = [
            SkipReason::NotAPlace,
            SkipReason::NoName,
            SkipReason::Vacant,
            SkipReason::OutsideArea,
            SkipReason::Relation,
            SkipReason::Closed,
            SkipReason::OutsideCommunes,
            SkipReason::NotDiffusible,
            SkipReason::Uncategorised,
            SkipReason::NotAnElement,
        ];
        let mut report = Report::default();
        for reason in reasons {
            report.skipped.insert(reason.as_str().to_owned(), 1);
        }
        report.skipped.insert(OUTSIDE_TERRITORY.to_owned(), 1);
        let result = ImportResult { dry_run: true, file_name: String::new(), report };
        for locale in [Locale::Fr, Locale::En] {
            let tr = Tr::new(locale);
            for (key, _) in result.skipped() {
                assert_ne!(tr.t(&key), key, "{key} has no {} label", locale.tag());
            }
        }
    }
}
