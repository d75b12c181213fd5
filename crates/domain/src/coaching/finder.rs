//! Ranking coaches for a visitor: "I am a business / a resident, near this place, I need
//! this". Pure: the web gives the coaches, the place and each coach's next free slot.
//!
//! Audience, language and modality are filters (a coach who does not help residents, speak
//! the language or offer the modality is left out). Themes and place rank: first the number
//! of wanted themes covered, then whether the coach serves the place, then the distance from
//! their base, then the next free slot, then the name.
//!
//! A coach serves a place when its commune is one of their communes, or when it lies within
//! their radius of their base. When the visitor asks for a phone or video appointment and the
//! coach offers it, distance no longer matters: the coach serves the place wherever it is
//! (coaches are only ever listed for the territories of this deployment, so "anywhere" stays
//! within the territories' reach).

use super::model::{Coach, CoachAudience, Modality, Slot};
use std::cmp::Ordering;
use std::collections::HashMap;
use tremplin_kernel::GeoPoint;

/// Where the visitor is: a commune (its INSEE code and town-hall position) or a position.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Whereabouts {
    /// INSEE code of the commune, when a commune was given.
    pub insee: Option<String>,
    /// Position (the commune's town hall, or "near me").
    pub point: Option<GeoPoint>,
}

/// What the visitor asks for.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FinderQuery {
    /// Business or resident; `None` for both.
    pub audience: Option<CoachAudience>,
    /// Where, if given.
    pub place: Option<Whereabouts>,
    /// Wanted themes (see `THEMES`), possibly none.
    pub themes: Vec<String>,
    /// Wanted language (ISO 639-1).
    pub language: Option<String>,
    /// Wanted modality.
    pub modality: Option<Modality>,
}

/// A coach as ranked, with what explains the rank.
#[derive(Debug, Clone)]
pub struct RankedCoach {
    /// The coach.
    pub coach: Coach,
    /// Wanted themes the coach covers, in the visitor's order.
    pub matched_themes: Vec<String>,
    /// Whether the coach serves the place (true when no place was given).
    pub serves_place: bool,
    /// Distance from the place to the coach's base, km, when both are known.
    pub distance_km: Option<f64>,
    /// The coach's next free slot.
    pub next_slot: Option<Slot>,
}

/// Whether the coach passes the filters (audience, language, modality).
pub fn matches_filters(coach: &Coach, query: &FinderQuery) -> bool {
    query.audience.is_none_or(|a| coach.audiences.contains(&a))
        && query.language.as_deref().is_none_or(|l| coach.languages.iter().any(|c| c == l))
        && query.modality.is_none_or(|m| coach.modalities.contains(&m))
}

/// The coach's base position, if known.
pub fn base_point(coach: &Coach) -> Option<GeoPoint> {
    coach.latitude.zip(coach.longitude).and_then(|(lat, lon)| GeoPoint::new(lat, lon))
}

/// Whether the coach serves `place` for an appointment in `modality` (see the module's
/// documentation), and the distance from the place to their base.
pub fn serves(coach: &Coach, place: &Whereabouts, modality: Option<Modality>) -> (bool, Option<f64>) {
    let distance = place.point.zip(base_point(coach)).map(|(p, b)| p.distance_km(&b));
    let remote = matches!(modality, Some(Modality::Phone | Modality::Video)) && modality.is_some_and(|m| coach.modalities.contains(&m));
    let in_communes = place.insee.as_ref().is_some_and(|insee| coach.zone_communes.contains(insee));
    let in_radius = distance.zip(coach.zone_radius_km).is_some_and(|(d, r)| d <= r);
    (remote || in_communes || in_radius, distance)
}

/// Ranks the coaches passing the filters. `next_slots` holds each coach's next free slot (by
/// coach id; absent when none within their horizon).
pub fn rank(coaches: Vec<Coach>, query: &FinderQuery, next_slots: &HashMap<i64, Slot>) -> Vec<RankedCoach> {
    let mut ranked: Vec<RankedCoach> = coaches
        .into_iter()
        .filter(|c| matches_filters(c, query))
        .map(|coach| {
            let matched_themes = query.themes.iter().filter(|t| coach.themes.contains(t)).cloned().collect();
            let (serves_place, distance_km) = match &query.place {
                Some(place) => serves(&coach, place, query.modality),
                None => (true, None),
            };
            let next_slot = next_slots.get(&coach.id).copied();
            RankedCoach { coach, matched_themes, serves_place, distance_km, next_slot }
        })
        .collect();
    ranked.sort_by(compare);
    ranked
}

/// The ranking order (best first).
fn compare(a: &RankedCoach, b: &RankedCoach) -> Ordering {
    // `None` (unknown distance, no slot) after every known value.
    fn some_first<T: PartialOrd>(a: Option<T>, b: Option<T>) -> Ordering {
        match (a, b) {
            (Some(a), Some(b)) => a.partial_cmp(&b).unwrap_or(Ordering::Equal),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        }
    }
    b.matched_themes
        .len()
        .cmp(&a.matched_themes.len())
        .then(b.serves_place.cmp(&a.serves_place))
        .then_with(|| some_first(a.distance_km, b.distance_km))
        .then_with(|| some_first(a.next_slot.map(|s| s.starts_at), b.next_slot.map(|s| s.starts_at)))
        .then_with(|| tremplin_kernel::text::fold(&a.coach.display_name).cmp(&tremplin_kernel::text::fold(&b.coach.display_name)))
}

/// Distance as shown: "800 m" below a kilometre (100 m at least: places are town halls or
/// bases, never exact doors), "3 km" (rounded) above, "12 km".
pub fn distance_label(km: f64) -> String {
    if km < 1.0 { format!("{} m", ((km * 10.0).round().max(1.0) * 100.0) as i64) } else { format!("{} km", km.round() as i64) }
}

/// A coach built for unit tests of this module and of the policies.
#[cfg(test)]
pub(crate) mod tests_support {
    use crate::coaching::model::{BookingRules, Coach, CoachAudience, Modality, StructureKind};

    /// An active coach of `user_id` in territory `territory_id`, based in Angers.
    pub fn coach_of(user_id: i64, territory_id: i64) -> Coach {
        Coach {
            id: user_id,
            user_id,
            email: String::new(),
            slug: format!("coach-{user_id}"),
            territory_id,
            territory_slug: String::new(),
            territory_name: String::new(),
            display_name: format!("Coach {user_id}"),
            structure_kind: StructureKind::Association,
            structure_name: String::new(),
            presentation: String::new(),
            themes: vec![],
            languages: vec!["fr".into()],
            audiences: vec![CoachAudience::Business, CoachAudience::Resident],
            zone_communes: vec![],
            zone_radius_km: Some(15.0),
            base_insee: None,
            base_commune: None,
            base_address: String::new(),
            latitude: Some(47.4698),
            longitude: Some(-0.5527),
            modalities: vec![Modality::AtVenue],
            accessibility: String::new(),
            rules: BookingRules::default(),
            feed_secret: String::new(),
            active: true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::tests_support::coach_of;
    use super::*;

    /// Angers town hall, Trélazé (about 6 km east), Saumur (about 45 km south-east).
    const ANGERS: (f64, f64) = (47.4698, -0.5527);
    const TRELAZE: (f64, f64) = (47.4459, -0.4666);
    const SAUMUR: (f64, f64) = (47.2600, -0.0769);

    fn coach(id: i64, name: &str, base: (f64, f64), themes: &[&str]) -> Coach {
        let mut coach = coach_of(id, 1);
        coach.display_name = name.into();
        coach.themes = themes.iter().map(|t| (*t).to_owned()).collect();
        (coach.latitude, coach.longitude) = (Some(base.0), Some(base.1));
        coach
    }

    fn near(point: (f64, f64)) -> Option<Whereabouts> {
        Some(Whereabouts { insee: None, point: GeoPoint::new(point.0, point.1) })
    }

    fn names(ranked: &[RankedCoach]) -> Vec<&str> {
        ranked.iter().map(|r| r.coach.display_name.as_str()).collect()
    }

    #[test]
    fn theme_match_ranks_before_distance_and_distance_before_slot() {
        let coaches = vec![
            coach(1, "Near", ANGERS, &["social_networks"]),
            coach(2, "Both", TRELAZE, &["website", "social_networks"]),
            coach(3, "Website", TRELAZE, &["website"]),
            coach(4, "Closer", ANGERS, &["website"]),
        ];
        let query = FinderQuery { place: near(ANGERS), themes: vec!["website".into(), "social_networks".into()], ..FinderQuery::default() };
        let slots = HashMap::from([(3, Slot { starts_at: 100, ends_at: 200 }), (4, Slot { starts_at: 900, ends_at: 1000 })]);
        let ranked = rank(coaches, &query, &slots);
        // Two themes first; then one theme, the closer before the sooner; "Near" and "Closer"
        // are both in Angers with one theme: "Closer" has a slot.
        assert_eq!(names(&ranked), ["Both", "Closer", "Near", "Website"]);
        assert_eq!(ranked[0].matched_themes, ["website", "social_networks"]);
        assert!(ranked[1].distance_km.expect("distance") < 0.1);
        let trelaze = ranked[3].distance_km.expect("distance");
        assert!((5.0..8.0).contains(&trelaze), "{trelaze}");
    }

    #[test]
    fn the_next_slot_then_the_name_break_ties() {
        let coaches =
            vec![coach(1, "Zoé", ANGERS, &["website"]), coach(2, "Élise", ANGERS, &["website"]), coach(3, "Marc", ANGERS, &["website"])];
        let slots = HashMap::from([(3, Slot { starts_at: 100, ends_at: 200 })]);
        let ranked = rank(coaches, &FinderQuery { place: near(ANGERS), ..FinderQuery::default() }, &slots);
        assert_eq!(names(&ranked), ["Marc", "Élise", "Zoé"], "accents folded: Élise before Zoé");
    }

    #[test]
    fn serving_the_place_ranks_before_a_shorter_distance() {
        let mut far_but_serving = coach(1, "Saumur", SAUMUR, &["website"]);
        far_but_serving.zone_communes = vec!["49007".into()];
        let mut close_not_serving = coach(2, "Trélazé", TRELAZE, &["website"]);
        close_not_serving.zone_radius_km = Some(2.0);
        let place = Some(Whereabouts { insee: Some("49007".into()), point: GeoPoint::new(ANGERS.0, ANGERS.1) });
        let query = FinderQuery { place, themes: vec!["website".into()], ..FinderQuery::default() };
        let ranked = rank(vec![close_not_serving, far_but_serving], &query, &HashMap::new());
        assert_eq!(names(&ranked), ["Saumur", "Trélazé"]);
        assert!(ranked[0].serves_place && !ranked[1].serves_place);
    }

    #[test]
    fn remote_modalities_serve_everywhere_and_filters_leave_coaches_out() {
        let mut remote = coach(1, "Remote", SAUMUR, &["website"]);
        remote.modalities = vec![Modality::Video];
        remote.zone_radius_km = Some(5.0);
        let mut business_only = coach(2, "Business", ANGERS, &["website"]);
        business_only.audiences = vec![CoachAudience::Business];
        business_only.modalities = vec![Modality::Video];
        let mut english = coach(3, "English", ANGERS, &["website"]);
        english.languages = vec!["en".into()];
        english.modalities = vec![Modality::Video];
        let all = || vec![remote.clone(), business_only.clone(), english.clone()];
        let resident = FinderQuery { audience: Some(CoachAudience::Resident), place: near(ANGERS), ..FinderQuery::default() };
        assert_eq!(names(&rank(all(), &resident, &HashMap::new())), ["English", "Remote"]);
        let by_video = FinderQuery { modality: Some(Modality::Video), language: Some("fr".into()), ..resident.clone() };
        let ranked = rank(all(), &by_video, &HashMap::new());
        assert_eq!(names(&ranked), ["Remote"]);
        assert!(ranked[0].serves_place, "by video, 45 km away is served");
        let on_site = rank(vec![remote.clone()], &resident, &HashMap::new());
        assert!(!on_site[0].serves_place, "without asking for video, the radius holds");
        let business = FinderQuery { audience: Some(CoachAudience::Business), ..FinderQuery::default() };
        assert_eq!(rank(all(), &business, &HashMap::new()).len(), 3);
        assert!(!matches_filters(&business_only, &resident));
    }

    #[test]
    fn distances_read_in_metres_then_kilometres() {
        assert_eq!(distance_label(0.43), "400 m");
        assert_eq!(distance_label(0.0), "100 m", "the same town hall reads as close, not as 0 m");
        assert_eq!(distance_label(3.4), "3 km");
        assert_eq!(distance_label(12.6), "13 km");
    }
}
