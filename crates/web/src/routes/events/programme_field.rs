//! The "large event" select of the session form: the large events of the session's territory
//! and of the territories containing it, picked by slug.

use super::create_form::EventFields;
use crate::error::AppError;
use crate::state::AppState;
use tremplin_domain::accounts::FieldError;
use tremplin_domain::events::Programme;
use tremplin_domain::events::programmes::ProgrammeRepo;
use tremplin_domain::territories::Territory;

/// The large events a session of the territory whose ancestry is `chain` may join.
pub async fn choices(state: &AppState, chain: &[Territory]) -> Result<Vec<Programme>, AppError> {
    let ids: Vec<i64> = chain.iter().map(|t| t.id).collect();
    Ok(state.db.programmes_of_territories(&ids).await?)
}

/// The id of the large event chosen (none when left empty), or an error beside the select
/// when the slug is not one of the `choices` (a large event of another territory).
pub fn pick(fields: &EventFields, choices: &[Programme]) -> Result<Option<i64>, FieldError> {
    let slug = fields.programme.trim();
    if slug.is_empty() {
        return Ok(None);
    }
    choices.iter().find(|p| p.slug == slug).map(|p| Some(p.id)).ok_or(FieldError { field: "programme", key: "staff-error-programme" })
}

/// Merges the outcome of the form's parsing with the pick of the large event: both must
/// succeed, and every error is shown.
pub fn with_programme<T>(
    parsed: Result<T, Vec<FieldError>>,
    picked: Result<Option<i64>, FieldError>,
) -> Result<(T, Option<i64>), Vec<FieldError>> {
    match (parsed, picked) {
        (Ok(parsed), Ok(id)) => Ok((parsed, id)),
        (parsed, picked) => {
            let mut errors = parsed.err().unwrap_or_default();
            errors.extend(picked.err());
            Err(errors)
        }
    }
}
