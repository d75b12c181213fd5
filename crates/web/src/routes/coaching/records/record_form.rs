//! `GET|POST /espace-coach/rendez-vous/{public_id}/compte-rendu`: the coach of an appointment
//! records it once it has started (writing again updates the record). One column, pre-filled
//! from the appointment (themes asked for, its length), to fill in two minutes on a phone.

use super::labels::Labels;
use super::{ActorData, private, timeline_path};
use crate::auth::RequireUser;
use crate::error::AppError;
use crate::flash;
use crate::i18n::Tr;
use crate::pages::{Ctx, FormErrors, render};
use crate::routes::privacy::staff::log::record as record_read;
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use tremplin_domain::coaching::follow_up::{RecordError, appointment_to_record, record_appointment};
use tremplin_domain::coaching::records::RecordForm;
use tremplin_domain::coaching::{Accompaniment, Appointment, Beneficiary, Outcome, THEMES};
use tremplin_domain::learning::catalogue;
use tremplin_domain::privacy::{AccessKind, Subject};

/// The fields as typed (kept to fill the form again).
#[derive(Debug, Clone, Default)]
pub struct RecordFields {
    /// Themes ticked.
    pub themes: Vec<String>,
    /// Minutes.
    pub duration: String,
    /// Outcome identifier.
    pub outcome: String,
    /// What was done.
    pub summary: String,
    /// Next steps.
    pub next_steps: String,
    /// Modules advised (catalogue slugs ticked).
    pub modules: Vec<String>,
    /// Modules validated (catalogue slugs ticked).
    pub validated: Vec<String>,
    /// The person did not come.
    pub no_show: bool,
    /// Day of a contact without appointment (YYYY-MM-DD).
    pub date: String,
}

impl RecordFields {
    /// Reads posted pairs (themes repeat).
    pub fn from_pairs(pairs: Vec<(String, String)>) -> Self {
        let mut fields = RecordFields::default();
        for (name, value) in pairs {
            match name.as_str() {
                "themes" => fields.themes.push(value),
                "duration" => fields.duration = value,
                "outcome" => fields.outcome = value,
                "summary" => fields.summary = value,
                "next_steps" => fields.next_steps = value,
                "modules" => fields.modules.push(value),
                "validated" => fields.validated.push(value),
                "no_show" => fields.no_show = !value.is_empty(),
                "date" => fields.date = value,
                _ => {}
            }
        }
        fields
    }

    /// The form the domain checks.
    pub fn form(&self) -> RecordForm {
        RecordForm {
            themes: self.themes.clone(),
            duration: self.duration.clone(),
            outcome: self.outcome.clone(),
            summary: self.summary.clone(),
            next_steps: self.next_steps.clone(),
            modules: self.modules.join(", "),
            validated: self.validated.clone(),
            no_show: self.no_show,
        }
    }

    /// The fields of a record already written.
    pub fn of_record(record: &Accompaniment) -> Self {
        RecordFields {
            themes: record.themes.clone(),
            duration: record.duration_minutes.to_string(),
            outcome: record.outcome.as_str().to_owned(),
            summary: record.summary.clone(),
            next_steps: record.next_steps.clone(),
            modules: record.modules.clone(),
            validated: record.validated.clone(),
            no_show: record.no_show,
            date: String::new(),
        }
    }

    /// Defaults for a new record of an appointment: its themes and length, work in progress.
    pub fn of_appointment(appointment: &Appointment) -> Self {
        RecordFields {
            themes: appointment.themes.clone(),
            duration: ((appointment.ends_at - appointment.starts_at) / 60).to_string(),
            outcome: Outcome::InProgress.as_str().to_owned(),
            ..RecordFields::default()
        }
    }
}

/// The record form (of an appointment, or of a contact without one).
#[derive(Template)]
#[template(path = "coaching_records/record_form.html")]
pub struct RecordPage {
    /// Page context.
    pub ctx: Ctx,
    /// Who the record is about.
    pub beneficiary: Beneficiary,
    /// The appointment recorded, if any.
    pub appointment: Option<Appointment>,
    /// Where the form posts.
    pub action: String,
    /// Whether a record is being rewritten.
    pub editing: bool,
    /// Errors per field.
    pub errors: FormErrors,
    /// Values.
    pub fields: RecordFields,
    /// Every theme.
    pub all_themes: [&'static str; 8],
    /// Every outcome.
    pub outcomes: &'static [Outcome],
    /// The module catalogue (slug, title), for the advised and validated modules.
    pub modules: Vec<(String, String)>,
}

impl Labels for RecordPage {
    fn tr(&self) -> &Tr {
        &self.ctx.tr
    }
}

impl RecordPage {
    fn has_theme(&self, theme: &str) -> bool {
        self.fields.themes.iter().any(|t| t == theme)
    }

    fn is_outcome(&self, outcome: &Outcome) -> bool {
        self.fields.outcome == outcome.as_str()
    }

    fn advised(&self, slug: &str) -> bool {
        self.fields.modules.iter().any(|m| m == slug)
    }

    fn validated(&self, slug: &str) -> bool {
        self.fields.validated.iter().any(|m| m == slug)
    }
}

/// The page with these values.
pub fn record_page(
    ctx: Ctx,
    beneficiary: Beneficiary,
    appointment: Option<Appointment>,
    action: String,
    fields: RecordFields,
) -> RecordPage {
    RecordPage {
        ctx,
        beneficiary,
        appointment,
        action,
        editing: false,
        errors: FormErrors::default(),
        fields,
        all_themes: THEMES,
        outcomes: Outcome::ALL,
        modules: catalogue::modules().iter().map(|m| (m.slug.clone(), m.title.clone())).collect(),
    }
}

/// An appointment not open to a record (not started, cancelled): 409 with why.
#[derive(Template)]
#[template(path = "coaching_records/not_open.html")]
struct NotOpenPage {
    ctx: Ctx,
    key: &'static str,
}

fn refused(ctx: Ctx, error: RecordError) -> Result<Response, AppError> {
    let key = match error {
        RecordError::NotYet => "record-not-yet",
        RecordError::Cancelled => "record-cancelled",
        other => return Err(other.into()),
    };
    Ok(render(StatusCode::CONFLICT, &NotOpenPage { ctx, key }))
}

/// The form, pre-filled from the record already written or from the appointment.
pub async fn show(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    ctx: Ctx,
    Path(public_id): Path<String>,
) -> Result<Response, AppError> {
    let data = ActorData::of(&state, user).await?;
    let (appointment, beneficiary, record) = match appointment_to_record(&state.db, state.clock.as_ref(), data.actor(), &public_id).await {
        Ok(found) => found,
        Err(error) => return refused(ctx, error),
    };
    let fields = record.as_ref().map(RecordFields::of_record).unwrap_or_else(|| RecordFields::of_appointment(&appointment));
    let subject = Subject::by_email(beneficiary.email.as_deref(), &beneficiary.name);
    record_read(&state, &data.user, beneficiary.territory_id, AccessKind::Record, &beneficiary.public_id, &[subject]).await?;
    let action = format!("/espace-coach/rendez-vous/{public_id}/compte-rendu");
    let mut page = record_page(ctx.with_form().await?, beneficiary, Some(appointment), action, fields);
    page.editing = record.is_some();
    Ok(private(render(StatusCode::OK, &page)))
}

/// Saves the record; back to the beneficiary's timeline.
pub async fn submit(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    ctx: Ctx,
    Path(public_id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let data = ActorData::of(&state, user).await?;
    let fields = RecordFields::from_pairs(pairs);
    match record_appointment(&state.db, state.clock.as_ref(), data.actor(), &public_id, &fields.form()).await {
        Ok(beneficiary) => {
            flash::push(ctx.session(), "record-saved").await;
            Ok(Redirect::to(&timeline_path(&beneficiary)).into_response())
        }
        Err(RecordError::Invalid(errors)) => {
            let (appointment, beneficiary, record) =
                appointment_to_record(&state.db, state.clock.as_ref(), data.actor(), &public_id).await?;
            let action = format!("/espace-coach/rendez-vous/{public_id}/compte-rendu");
            let mut page = record_page(ctx.with_form().await?, beneficiary, Some(appointment), action, fields);
            page.editing = record.is_some();
            page.errors = FormErrors(errors);
            Ok(private(render(StatusCode::UNPROCESSABLE_ENTITY, &page)))
        }
        Err(error) => refused(ctx, error),
    }
}
