//! What the finder's pages and API share: labels of the coaching vocabularies, slot times in
//! Europe/Paris, and a ranked coach as a card with its one-line explanation.

use crate::i18n::Tr;
use crate::routes::events::view::{day_label, paris, theme_label};
use tremplin_domain::coaching::finder::{RankedCoach, distance_label};
use tremplin_domain::coaching::{Coach, CoachAudience, Modality, Slot, StructureKind};

/// Label of a modality.
pub fn modality_label(tr: &Tr, modality: Modality) -> String {
    tr.t(&format!("finder-modality-{}", modality.as_str().replace('_', "-")))
}

/// Label of an audience.
pub fn audience_label(tr: &Tr, audience: CoachAudience) -> String {
    tr.t(&format!("finder-audience-{}", audience.as_str()))
}

/// Label of a structure kind.
pub fn structure_label(tr: &Tr, kind: StructureKind) -> String {
    tr.t(&format!("finder-structure-{}", kind.as_str().replace('_', "-")))
}

/// Name of a language in the interface's language.
pub fn language_label(tr: &Tr, code: &str) -> String {
    tr.t(&format!("finder-language-{code}"))
}

/// "Mardi 01/12/2026 10:15", the start of a slot in Europe/Paris.
pub fn slot_label(tr: &Tr, slot: &Slot) -> String {
    format!("{} {}", day_label(tr, slot.starts_at), paris(slot.starts_at).format("%H:%M"))
}

/// "10:15", the start of a slot in Europe/Paris.
pub fn slot_time(slot: &Slot) -> String {
    paris(slot.starts_at).format("%H:%M").to_string()
}

/// The booking form of a slot (built by the booking part).
pub fn booking_href(coach: &Coach, slot: &Slot) -> String {
    format!("/coachs/{}/reserver?debut={}", coach.slug, slot.starts_at)
}

/// A ranked coach as the finder shows it.
pub struct CoachCard {
    /// Profile.
    pub coach: Coach,
    /// Labels of the coach's themes.
    pub themes: Vec<String>,
    /// Labels of the modalities.
    pub modalities: Vec<String>,
    /// Names of the languages.
    pub languages: Vec<String>,
    /// Structure: "CCI Maine-et-Loire (Chambre de commerce)".
    pub structure: String,
    /// "800 m", "12 km", when a place was given.
    pub distance: Option<String>,
    /// Whether the coach serves the place.
    pub serves_place: bool,
    /// Next free slot, its label and its booking link.
    pub next_slot: Option<(Slot, String, String)>,
    /// "website, social networks · 3 km · next slot Tuesday 01/12/2026 10:15".
    pub explanation: String,
}

impl CoachCard {
    /// The card of a ranked coach.
    pub fn new(tr: &Tr, ranked: RankedCoach) -> Self {
        let RankedCoach { coach, matched_themes, serves_place, distance_km, next_slot } = ranked;
        let distance = distance_km.map(distance_label);
        let next_slot = next_slot.map(|s| (s, slot_label(tr, &s), booking_href(&coach, &s)));
        let mut parts = Vec::new();
        if !matched_themes.is_empty() {
            parts.push(matched_themes.iter().map(|t| theme_label(tr, t)).collect::<Vec<_>>().join(", "));
        }
        match (&distance, serves_place) {
            (Some(d), true) => parts.push(d.clone()),
            (Some(d), false) => parts.push(tr.t1("finder-explain-outside", "distance", d)),
            (None, false) => parts.push(tr.t("finder-explain-outside-zone")),
            (None, true) => {}
        }
        parts.push(match &next_slot {
            Some((_, label, _)) => tr.t1("finder-explain-next-slot", "slot", label),
            None => tr.t("finder-explain-no-slot"),
        });
        CoachCard {
            themes: coach.themes.iter().map(|t| theme_label(tr, t)).collect(),
            modalities: coach.modalities.iter().map(|m| modality_label(tr, *m)).collect(),
            languages: coach.languages.iter().map(|l| language_label(tr, l)).collect(),
            structure: structure_of(tr, &coach),
            distance,
            serves_place,
            next_slot,
            explanation: parts.join(" · "),
            coach,
        }
    }
}

/// "CCI Maine-et-Loire (Chambre de commerce et d'industrie)", or the kind alone.
pub fn structure_of(tr: &Tr, coach: &Coach) -> String {
    let kind = structure_label(tr, coach.structure_kind);
    if coach.structure_name.is_empty() { kind } else { format!("{} ({kind})", coach.structure_name) }
}
