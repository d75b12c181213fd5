//! The profile form's fields as typed, and their checking into a [`CoachProfile`]: the base
//! commune and the communes served are looked up (name, postcode or INSEE code).

use crate::state::AppState;
use tremplin_domain::StoreResult;
use tremplin_domain::accounts::FieldError;
use tremplin_domain::coaching::{BookingRules, Coach, CoachAudience, CoachProfile, LANGUAGES, Modality, StructureKind, is_theme};
use tremplin_domain::territories::{self, TerritoryRepo};

/// Longest name, structure name and address.
const SHORT_TEXT: usize = 150;
/// Longest presentation and accessibility note.
const LONG_TEXT: usize = 2000;
/// Most communes listed as served (a radius covers more).
const MAX_COMMUNES: usize = 100;

/// The fields as typed (kept to fill the form again).
#[derive(Debug, Clone, Default)]
pub struct ProfileFields {
    /// Name shown.
    pub display_name: String,
    /// Structure kind.
    pub structure_kind: String,
    /// Structure name.
    pub structure_name: String,
    /// Presentation.
    pub presentation: String,
    /// Themes ticked.
    pub themes: Vec<String>,
    /// Languages ticked.
    pub languages: Vec<String>,
    /// Audiences ticked.
    pub audiences: Vec<String>,
    /// Communes served: names, postcodes or INSEE codes, separated by commas.
    pub communes: String,
    /// Radius, km.
    pub radius_km: String,
    /// Base commune (name, postcode or INSEE code).
    pub base: String,
    /// Venue address.
    pub address: String,
    /// Modalities ticked.
    pub modalities: Vec<String>,
    /// Accessibility.
    pub accessibility: String,
    /// Shown in the finder and bookable.
    pub active: bool,
}

impl ProfileFields {
    /// The fields of an existing coach (communes as INSEE codes).
    pub fn of(coach: &Coach) -> Self {
        ProfileFields {
            display_name: coach.display_name.clone(),
            structure_kind: coach.structure_kind.as_str().to_owned(),
            structure_name: coach.structure_name.clone(),
            presentation: coach.presentation.clone(),
            themes: coach.themes.clone(),
            languages: coach.languages.clone(),
            audiences: coach.audiences.iter().map(|a| a.as_str().to_owned()).collect(),
            communes: coach.zone_communes.join(", "),
            radius_km: coach.zone_radius_km.map(|r| r.to_string()).unwrap_or_default(),
            base: coach.base_insee.clone().unwrap_or_default(),
            address: coach.base_address.clone(),
            modalities: coach.modalities.iter().map(|m| m.as_str().to_owned()).collect(),
            accessibility: coach.accessibility.clone(),
            active: coach.active,
        }
    }

    /// A new profile: French, everyone, at the venue, active.
    pub fn blank(name: &str) -> Self {
        ProfileFields {
            display_name: name.to_owned(),
            structure_kind: StructureKind::Other.as_str().to_owned(),
            languages: vec!["fr".into()],
            audiences: CoachAudience::ALL.iter().map(|a| a.as_str().to_owned()).collect(),
            modalities: vec![Modality::AtVenue.as_str().to_owned()],
            active: true,
            ..ProfileFields::default()
        }
    }

    /// Reads a submitted form.
    pub fn from_pairs(pairs: Vec<(String, String)>) -> Self {
        let mut fields = ProfileFields::default();
        for (key, value) in pairs {
            let value = value.trim().to_owned();
            match key.as_str() {
                "display_name" => fields.display_name = value,
                "structure_kind" => fields.structure_kind = value,
                "structure_name" => fields.structure_name = value,
                "presentation" => fields.presentation = value,
                "themes" => fields.themes.push(value),
                "languages" => fields.languages.push(value),
                "audiences" => fields.audiences.push(value),
                "communes" => fields.communes = value,
                "radius_km" => fields.radius_km = value,
                "base" => fields.base = value,
                "address" => fields.address = value,
                "modalities" => fields.modalities.push(value),
                "accessibility" => fields.accessibility = value,
                "active" => fields.active = matches!(value.as_str(), "true" | "on" | "1"),
                _ => {}
            }
        }
        fields
    }

    /// Whether a box is ticked in one of the lists (`list` = themes, languages, audiences,
    /// modalities).
    pub fn ticked(&self, list: &str, value: &str) -> bool {
        let values = match list {
            "themes" => &self.themes,
            "languages" => &self.languages,
            "audiences" => &self.audiences,
            _ => &self.modalities,
        };
        values.iter().any(|v| v == value)
    }

    /// Checks the fields; `rules` are kept as they are (they are edited with the hours).
    pub async fn parse(&self, state: &AppState, rules: BookingRules) -> StoreResult<Result<CoachProfile, Vec<FieldError>>> {
        let mut errors = Vec::new();
        let mut error = |field: &'static str, key: &'static str| errors.push(FieldError { field, key });
        let display_name = self.display_name.clone();
        if display_name.is_empty() || display_name.chars().count() > SHORT_TEXT {
            error("display_name", "coach-edit-form-error-name");
        }
        let structure_kind = StructureKind::parse(&self.structure_kind).unwrap_or_else(|| {
            error("structure_kind", "coach-edit-form-error-structure");
            StructureKind::Other
        });
        if self.structure_name.chars().count() > SHORT_TEXT || self.address.chars().count() > SHORT_TEXT {
            error(if self.address.chars().count() > SHORT_TEXT { "address" } else { "structure_name" }, "coach-edit-form-error-too-long");
        }
        if self.presentation.chars().count() > LONG_TEXT || self.accessibility.chars().count() > LONG_TEXT {
            error(
                if self.presentation.chars().count() > LONG_TEXT { "presentation" } else { "accessibility" },
                "coach-edit-form-error-too-long",
            );
        }
        if self.themes.is_empty() || !self.themes.iter().all(|t| is_theme(t)) {
            error("themes", "coach-edit-form-error-themes");
        }
        if self.languages.is_empty() || !self.languages.iter().all(|l| LANGUAGES.contains(&l.as_str())) {
            error("languages", "coach-edit-form-error-languages");
        }
        let audiences: Vec<CoachAudience> = self.audiences.iter().filter_map(|a| CoachAudience::parse(a)).collect();
        if audiences.is_empty() || audiences.len() != self.audiences.len() {
            error("audiences", "coach-edit-form-error-audiences");
        }
        let modalities: Vec<Modality> = self.modalities.iter().filter_map(|m| Modality::parse(m)).collect();
        if modalities.is_empty() || modalities.len() != self.modalities.len() {
            error("modalities", "coach-edit-form-error-modalities");
        }
        let radius = if self.radius_km.is_empty() {
            None
        } else {
            match self.radius_km.replace(',', ".").parse::<f64>() {
                Ok(r) if (0.5..=200.0).contains(&r) => Some(r),
                _ => {
                    error("radius_km", "coach-edit-form-error-radius");
                    None
                }
            }
        };
        let base = if self.base.is_empty() { None } else { commune_of(state, &self.base).await? };
        if !self.base.is_empty() && base.is_none() {
            error("base", "error-place-unknown");
        }
        if radius.is_some() && base.is_none() && self.base.is_empty() {
            error("base", "coach-edit-form-error-base-needed");
        }
        let mut communes = Vec::new();
        for entry in self.communes.split([',', ';', '\n']).map(str::trim).filter(|e| !e.is_empty()) {
            match commune_of(state, entry).await? {
                Some((insee, _)) if !communes.contains(&insee) => communes.push(insee),
                Some(_) => {}
                None => {
                    error("communes", "coach-edit-form-error-commune");
                    break;
                }
            }
        }
        if communes.len() > MAX_COMMUNES {
            error("communes", "coach-edit-form-error-too-many-communes");
        }
        if communes.is_empty() && radius.is_none() {
            error("communes", "coach-edit-form-error-zone");
        }
        if !errors.is_empty() {
            return Ok(Err(errors));
        }
        let (base_insee, point) = base.unzip();
        let point = point.flatten();
        Ok(Ok(CoachProfile {
            display_name,
            structure_kind,
            structure_name: self.structure_name.clone(),
            presentation: self.presentation.clone(),
            themes: self.themes.clone(),
            languages: self.languages.clone(),
            audiences,
            zone_communes: communes,
            zone_radius_km: radius,
            base_insee,
            base_address: self.address.clone(),
            latitude: point.map(|p| p.0),
            longitude: point.map(|p| p.1),
            modalities,
            accessibility: self.accessibility.clone(),
            rules,
            active: self.active,
        }))
    }
}

/// A commune by INSEE code, postcode or name: its INSEE code and town-hall position.
async fn commune_of(state: &AppState, entry: &str) -> StoreResult<Option<(String, Option<(f64, f64)>)>> {
    // A five-character entry may be an INSEE code (2A004) or a postcode (49000).
    if entry.len() == 5
        && entry.chars().all(|c| c.is_ascii_alphanumeric())
        && let Some(commune) = state.db.commune(entry).await?
    {
        return Ok(Some((commune.insee, commune.point.map(|p| (p.lat, p.lon)))));
    }
    Ok(territories::search_places(&state.db, entry, 1).await?.into_iter().next().map(|p| (p.insee, p.lat.zip(p.lon))))
}
