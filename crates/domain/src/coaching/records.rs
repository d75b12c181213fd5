//! Accompaniment records as a coach types them, and what the follow-up of a beneficiary is
//! made of (its followers, appointments and records), with the store trait they need.

use super::model::{Accompaniment, Appointment, Beneficiary, Outcome, is_theme};
use crate::StoreResult;
use crate::accounts::FieldError;
use serde::Serialize;
use std::future::Future;

/// Longest duration accepted, in minutes (a whole day).
pub const DURATION_MAX: i64 = 600;
/// Longest "what was done" and "next steps" texts.
const TEXT_MAX: usize = 2_000;
/// Most modules advised in one record.
const MODULES_MAX: usize = 20;
/// Longest module reference.
const MODULE_MAX: usize = 80;

/// A record form as typed.
#[derive(Debug, Clone, Default)]
pub struct RecordForm {
    /// Themes worked on.
    pub themes: Vec<String>,
    /// Minutes spent, as typed.
    pub duration: String,
    /// Outcome identifier (see [`Outcome`]).
    pub outcome: String,
    /// What was done.
    pub summary: String,
    /// Next steps.
    pub next_steps: String,
    /// Modules advised, comma separated.
    pub modules: String,
    /// Modules the coach validates (catalogue slugs ticked).
    pub validated: Vec<String>,
    /// The person did not come.
    pub no_show: bool,
}

/// A record, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordInput {
    /// Themes worked on.
    pub themes: Vec<String>,
    /// Minutes spent (0 for a no-show).
    pub duration_minutes: i64,
    /// Outcome.
    pub outcome: Outcome,
    /// What was done.
    pub summary: String,
    /// Next steps.
    pub next_steps: String,
    /// Modules advised.
    pub modules: Vec<String>,
    /// Modules validated: each completes the module for the beneficiary (source `coach`).
    pub validated: Vec<String>,
    /// The person did not come.
    pub no_show: bool,
}

/// Splits the modules field ("creer-son-site, referencement") into references.
pub fn split_modules(value: &str) -> Vec<String> {
    let mut modules: Vec<String> = value.split([',', '\n']).map(str::trim).filter(|m| !m.is_empty()).map(str::to_owned).collect();
    modules.dedup();
    modules
}

/// Checks a record form; every problem is reported at once, field by field. A no-show needs
/// nothing else: the other fields are then optional (and the duration defaults to 0).
pub fn validate_record(form: &RecordForm) -> Result<RecordInput, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut themes: Vec<String> = form.themes.iter().map(|t| t.trim().to_owned()).filter(|t| !t.is_empty()).collect();
    themes.sort_unstable();
    themes.dedup();
    if themes.iter().any(|t| !is_theme(t)) {
        errors.push(FieldError { field: "themes", key: "record-error-theme" });
    } else if themes.is_empty() && !form.no_show {
        errors.push(FieldError { field: "themes", key: "record-error-theme-required" });
    }
    let duration = form.duration.trim();
    let duration_minutes = match duration.parse::<i64>() {
        Ok(minutes) if (1..=DURATION_MAX).contains(&minutes) => minutes,
        Ok(0) if form.no_show => 0,
        Err(_) if duration.is_empty() && form.no_show => 0,
        _ => {
            errors.push(FieldError { field: "duration", key: "record-error-duration" });
            0
        }
    };
    let outcome = match (Outcome::parse(&form.outcome), form.outcome.trim().is_empty()) {
        (Some(outcome), _) => outcome,
        (None, true) if form.no_show => Outcome::NotSolved,
        _ => {
            errors.push(FieldError { field: "outcome", key: "record-error-outcome" });
            Outcome::NotSolved
        }
    };
    let summary = form.summary.trim();
    if summary.is_empty() && !form.no_show {
        errors.push(FieldError { field: "summary", key: "record-error-summary-required" });
    } else if summary.chars().count() > TEXT_MAX {
        errors.push(FieldError { field: "summary", key: "record-error-too-long" });
    }
    let next_steps = form.next_steps.trim();
    if next_steps.chars().count() > TEXT_MAX {
        errors.push(FieldError { field: "next_steps", key: "record-error-too-long" });
    }
    let modules = split_modules(&form.modules);
    if modules.len() > MODULES_MAX || modules.iter().any(|m| m.chars().count() > MODULE_MAX || m.contains('|')) {
        errors.push(FieldError { field: "modules", key: "record-error-modules" });
    } else if modules.iter().any(|m| !is_module(m)) {
        errors.push(FieldError { field: "modules", key: "module-error-unknown" });
    }
    let mut validated: Vec<String> = form.validated.iter().map(|m| m.trim().to_owned()).filter(|m| !m.is_empty()).collect();
    validated.sort_unstable();
    validated.dedup();
    if validated.iter().any(|m| !is_module(m)) {
        errors.push(FieldError { field: "validated", key: "module-error-unknown" });
    } else if form.no_show && !validated.is_empty() {
        // A no-show validates nothing: said beside the field rather than dropped silently.
        errors.push(FieldError { field: "validated", key: "record-error-validated-no-show" });
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(RecordInput {
        themes,
        duration_minutes,
        outcome,
        summary: summary.to_owned(),
        next_steps: next_steps.to_owned(),
        modules,
        validated,
        no_show: form.no_show,
    })
}

/// Whether `slug` is a module of the shipped catalogue.
fn is_module(slug: &str) -> bool {
    crate::learning::catalogue::modules().iter().any(|m| m.slug == slug)
}

/// A record as the store writes it.
#[derive(Debug, Clone)]
pub struct NewRecord {
    /// The beneficiary.
    pub beneficiary_id: i64,
    /// The coach writing it.
    pub coach_id: i64,
    /// The appointment it follows (one record per appointment: writing again updates it).
    pub appointment_id: Option<i64>,
    /// When the accompaniment took place (Unix seconds).
    pub occurred_at: i64,
    /// What was recorded.
    pub input: RecordInput,
}

/// A coach who may read a beneficiary's follow-up, and why.
#[derive(Debug, Clone, Serialize)]
pub struct Follower {
    /// The coach.
    #[serde(skip)]
    pub coach_id: i64,
    /// Their name.
    pub coach_name: String,
    /// `appointment` (it booked them) or `shared`.
    pub reason: String,
    /// Who shared it with them (display name or e-mail), for a share.
    pub shared_by: Option<String>,
    /// Since when (Unix seconds).
    pub since: i64,
}

/// An appointment in a follow-up, with its coach's name.
#[derive(Debug, Clone, Serialize)]
pub struct AppointmentLine {
    /// The appointment.
    #[serde(flatten)]
    pub appointment: Appointment,
    /// Its coach.
    pub coach_name: String,
}

/// A beneficiary in a list, with what happened with them.
#[derive(Debug, Clone, Serialize)]
pub struct BeneficiarySummary {
    /// The beneficiary.
    pub beneficiary: Beneficiary,
    /// Appointments booked (cancelled ones included).
    pub appointments: i64,
    /// Records written.
    pub records: i64,
    /// Last appointment start or record (Unix seconds), if any.
    pub last_contact: Option<i64>,
}

/// Everything recorded about a beneficiary, newest first.
#[derive(Debug, Clone, Serialize)]
pub struct FollowUp {
    /// Who.
    pub beneficiary: Beneficiary,
    /// The coaches who may read it.
    pub followers: Vec<Follower>,
    /// Appointments, newest first.
    pub appointments: Vec<AppointmentLine>,
    /// Records, newest first.
    pub records: Vec<Accompaniment>,
}

/// Store of accompaniment records and follow-ups.
pub trait RecordRepo: Send + Sync {
    /// A beneficiary by public id.
    fn beneficiary_by_public_id(&self, public_id: &str) -> impl Future<Output = StoreResult<Option<Beneficiary>>> + Send;
    /// The coaches following a beneficiary, oldest first.
    fn followers(&self, beneficiary_id: i64) -> impl Future<Output = StoreResult<Vec<Follower>>> + Send;
    /// A beneficiary's appointments, newest first.
    fn appointments_of_beneficiary(&self, beneficiary_id: i64) -> impl Future<Output = StoreResult<Vec<AppointmentLine>>> + Send;
    /// A beneficiary's records, newest first.
    fn records_of_beneficiary(&self, beneficiary_id: i64) -> impl Future<Output = StoreResult<Vec<Accompaniment>>> + Send;
    /// The record of an appointment, if written.
    fn record_of_appointment(&self, appointment_id: i64) -> impl Future<Output = StoreResult<Option<Accompaniment>>> + Send;
    /// Writes a record (updates the one of its appointment if there is one); returns its public id.
    fn save_record(&self, record: &NewRecord, now: i64) -> impl Future<Output = StoreResult<String>> + Send;
    /// Gives a coach access to a follow-up, noting who shared it; false when they had it.
    fn share_follow_up(&self, beneficiary_id: i64, coach_id: i64, by_user: i64, now: i64)
    -> impl Future<Output = StoreResult<bool>> + Send;
    /// The beneficiaries a coach follows, matching `query` (name or business), by last contact.
    fn beneficiaries_of_coach(
        &self,
        coach_id: i64,
        query: &str,
        limit: u32,
    ) -> impl Future<Output = StoreResult<Vec<BeneficiarySummary>>> + Send;
    /// The beneficiaries of territories, matching `query`, by last contact.
    fn beneficiaries_of_territories(
        &self,
        territory_ids: &[i64],
        query: &str,
        limit: u32,
    ) -> impl Future<Output = StoreResult<Vec<BeneficiarySummary>>> + Send;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> RecordForm {
        RecordForm {
            themes: vec!["website".into()],
            duration: "45".into(),
            outcome: "in_progress".into(),
            summary: "Nom de domaine choisi.".into(),
            next_steps: "Écrire les textes.".into(),
            modules: "creer-son-site, cybersecurite,".into(),
            validated: vec!["premiers-pas".into()],
            no_show: false,
        }
    }

    #[test]
    fn a_complete_record_is_accepted() {
        let input = validate_record(&form()).expect("valid");
        assert_eq!(input.duration_minutes, 45);
        assert_eq!(input.outcome, Outcome::InProgress);
        assert_eq!(input.modules, ["creer-son-site", "cybersecurite"]);
        assert_eq!(input.validated, ["premiers-pas"]);
    }

    #[test]
    fn a_no_show_needs_nothing_else() {
        let input = validate_record(&RecordForm { no_show: true, ..RecordForm::default() }).expect("valid");
        assert_eq!((input.duration_minutes, input.outcome, input.no_show), (0, Outcome::NotSolved, true));
    }

    #[test]
    fn bad_input_is_reported_field_by_field() {
        let bad =
            RecordForm { themes: vec!["astrology".into()], duration: "0".into(), outcome: "great".into(), summary: " ".into(), ..form() };
        let fields: Vec<&str> = validate_record(&bad).expect_err("refused").iter().map(|e| e.field).collect();
        assert_eq!(fields, ["themes", "duration", "outcome", "summary"]);
        let empty = validate_record(&RecordForm::default()).expect_err("refused");
        assert_eq!(empty.len(), 4);
        let unknown = RecordForm { modules: "referencement".into(), validated: vec!["astrologie".into()], ..form() };
        let fields: Vec<&str> = validate_record(&unknown).expect_err("refused").iter().map(|e| e.field).collect();
        assert_eq!(fields, ["modules", "validated"]);
        let absent = RecordForm { no_show: true, ..form() };
        assert_eq!(validate_record(&absent).expect_err("refused")[0].key, "record-error-validated-no-show");
    }
}
