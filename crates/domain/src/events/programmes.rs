//! Large events ("Deux jours du numérique"): created by the staff of a territory, then
//! sessions are added to them from the session form. A large event's slug comes from its
//! title and is made unique, since the programme page's address holds it.

use super::error::EventError;
use super::model::Programme;
use super::repo::EventRepo;
use crate::StoreResult;
use crate::accounts::FieldError;
use std::future::Future;
use tremplin_kernel::text::slugify;

/// Longest title of a large event.
pub const TITLE_MAX: usize = 200;
/// Longest description of a large event.
pub const DESCRIPTION_MAX: usize = 5_000;

/// What large events need from the store besides [`EventRepo`].
pub trait ProgrammeRepo: Send + Sync {
    /// Whether a large event's slug is taken.
    fn programme_slug_taken(&self, slug: &str) -> impl Future<Output = StoreResult<bool>> + Send;
    /// The large events organised by these territories, by title.
    fn programmes_of_territories(&self, territory_ids: &[i64]) -> impl Future<Output = StoreResult<Vec<Programme>>> + Send;
}

/// Checks a large event's title and description.
pub fn check_programme(title: &str, description: &str) -> Result<(), Vec<FieldError>> {
    let mut errors = Vec::new();
    let title = title.trim();
    if title.is_empty() {
        errors.push(FieldError { field: "title", key: "event-error-title-required" });
    } else if title.chars().count() > TITLE_MAX {
        errors.push(FieldError { field: "title", key: "staff-error-too-long" });
    } else if slugify(title).is_empty() {
        // The address is made of the title: it needs at least one letter or digit.
        errors.push(FieldError { field: "title", key: "programme-error-title-letters" });
    }
    if description.trim().chars().count() > DESCRIPTION_MAX {
        errors.push(FieldError { field: "description", key: "staff-error-too-long" });
    }
    if errors.is_empty() { Ok(()) } else { Err(errors) }
}

/// A free slug for a large event: its title (`deux-jours-du-numerique`), with a number added
/// when taken.
pub async fn free_programme_slug(repo: &impl ProgrammeRepo, title: &str) -> Result<String, EventError> {
    let base: String = slugify(title).chars().take(80).collect::<String>().trim_end_matches('-').to_owned();
    let base = if base.is_empty() { "evenement".to_owned() } else { base };
    if !repo.programme_slug_taken(&base).await? {
        return Ok(base);
    }
    for n in 2..1000 {
        let candidate = format!("{base}-{n}");
        if !repo.programme_slug_taken(&candidate).await? {
            return Ok(candidate);
        }
    }
    Err(EventError::field("title", "event-error-slug-exhausted"))
}

/// Creates a large event after checking it (the caller checked the user steers the
/// territory's events); returns its slug.
pub async fn create_programme(
    repo: &(impl EventRepo + ProgrammeRepo),
    territory_id: i64,
    title: &str,
    description: &str,
    now: i64,
) -> Result<String, EventError> {
    check_programme(title, description).map_err(EventError::Invalid)?;
    let slug = free_programme_slug(repo, title).await?;
    repo.create_programme(territory_id, &slug, title.trim(), description.trim(), now).await?;
    Ok(slug)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_is_required_and_bounded() {
        assert!(check_programme("Deux jours du numérique", "").is_ok());
        let keys = |t: &str, d: &str| check_programme(t, d).err().unwrap_or_default().iter().map(|e| e.key).collect::<Vec<_>>();
        assert_eq!(keys("  ", ""), ["event-error-title-required"]);
        assert_eq!(keys("!!!", ""), ["programme-error-title-letters"]);
        assert_eq!(keys(&"a".repeat(TITLE_MAX + 1), &"b".repeat(DESCRIPTION_MAX + 1)), ["staff-error-too-long", "staff-error-too-long"]);
    }
}
