//! Matching a need with the actors who offer it. Pure: the web gives the candidates (active
//! actors of the wanted territories) and the query; this ranks them and says why.
//!
//! A candidate offers the need in the shared vocabulary, or mentions it in its free offer
//! words (see [`topic_words`]). The score adds up, so that each criterion only ever breaks
//! the ties of the ones above it:
//!
//! | criterion | points |
//! |---|---|
//! | offers the need in the vocabulary | [`OFFERS_POINTS`] (100) |
//! | only mentions it in its free words | [`WORDS_POINTS`] (10) |
//! | works in the wanted sector | [`SECTOR_POINTS`] (40) |
//! | works with the wanted stage | [`STAGE_POINTS`] (20) |
//! | distance from the place | up to [`DISTANCE_POINTS`] (15), minus one per [`KM_PER_POINT`] km |
//!
//! Words-only (10) plus every other criterion (75) stays below the vocabulary (100); sector
//! (40) beats stage and distance together (35); stage (20) beats any distance (15). Equal
//! scores are ordered by name, then slug, so that the order is stable.

use super::model::Actor;
use super::vocabulary::{ActorKind, Sector, Stage, Topic};
use serde::Serialize;
use std::cmp::Ordering;
use tremplin_kernel::GeoPoint;
use tremplin_kernel::text::fold;

/// Points for offering the need in the vocabulary.
pub const OFFERS_POINTS: f64 = 100.0;
/// Points for mentioning the need only in the free offer words.
pub const WORDS_POINTS: f64 = 10.0;
/// Points for working in the wanted sector.
pub const SECTOR_POINTS: f64 = 40.0;
/// Points for working with the wanted stage.
pub const STAGE_POINTS: f64 = 20.0;
/// Points for being at the very place.
pub const DISTANCE_POINTS: f64 = 15.0;
/// Kilometres that cost one point of distance (15 points are gone at 60 km).
pub const KM_PER_POINT: f64 = 4.0;

/// What the seeker asks.
#[derive(Debug, Clone, PartialEq)]
pub struct MatchQuery {
    /// The need.
    pub need: Topic,
    /// Wanted sector.
    pub sector: Option<Sector>,
    /// The seeker's stage.
    pub stage: Option<Stage>,
    /// Where the seeker is.
    pub place: Option<GeoPoint>,
    /// Only actors of this kind.
    pub kind: Option<ActorKind>,
    /// The seeker's own profile, never among the results.
    pub exclude_actor: Option<i64>,
}

impl MatchQuery {
    /// A query for a need alone.
    pub fn new(need: Topic) -> Self {
        MatchQuery { need, sector: None, stage: None, place: None, kind: None, exclude_actor: None }
    }
}

/// Why an actor ranks where it does; each is one piece of the explanation line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// Offers the need in the vocabulary.
    OffersNeed,
    /// Mentions the need in its free offer words.
    MentionsNeed,
    /// Works in the wanted sector.
    SameSector,
    /// Works with (or is at) the wanted stage.
    SameStage,
    /// Its distance is known.
    Distance,
}

impl Reason {
    /// Stable code (API).
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::OffersNeed => "offers_need",
            Reason::MentionsNeed => "mentions_need",
            Reason::SameSector => "same_sector",
            Reason::SameStage => "same_stage",
            Reason::Distance => "distance",
        }
    }
}

/// An actor as ranked.
#[derive(Debug, Clone)]
pub struct Match {
    /// The actor.
    pub actor: Actor,
    /// Its score (see the module's table), one decimal.
    pub score: f64,
    /// Distance from the seeker's place, km, when both positions are known.
    pub distance_km: Option<f64>,
    /// Why, in the order of the explanation.
    pub reasons: Vec<Reason>,
}

/// Beginnings of folded words that say a topic in free words, in French and English.
pub fn topic_words(topic: Topic) -> &'static [&'static str] {
    match topic {
        Topic::Mentoring => &["mentor", "parrain", "marrain", "accompagn", "coach"],
        Topic::Funding => &["financ", "pret", "subvention", "fund", "loan", "invest", "capital", "levee"],
        Topic::Premises => &["local", "locaux", "bureau", "atelier", "entrepot", "coworking", "premise", "office", "workshop"],
        Topic::Distribution => &["distribu", "rayon", "revend", "diffus", "depot vente", "etal"],
        Topic::TechnicalSkills => &["technique", "ingenier", "competence", "skill", "engineer", "prototyp"],
        Topic::FirstCustomers => &["client", "commande", "pilote", "customer", "order"],
        Topic::Digital => &["numerique", "site", "web", "internet", "digital", "reseaux sociaux", "en ligne"],
        Topic::Marketing => &["marketing", "communication", "publicit", "marque", "brand"],
        Topic::LegalAdvice => &["juridi", "comptab", "fiscal", "droit", "legal", "administrati", "accounting"],
        Topic::Recruitment => &["recrut", "apprenti", "benevol", "embauch", "recruit", "hiring"],
        Topic::Training => &["formation", "former", "training", "apprentissage"],
        Topic::Suppliers => &["fournisseur", "achat", "approvisionn", "supplier", "purchas"],
        Topic::Partnership => &["partenari", "partner", "cooperat", "mutualis"],
    }
}

/// Whether free words mention a topic: one of its word beginnings starts a word of them.
pub fn mentions(words: &str, topic: Topic) -> bool {
    let folded = format!(" {}", fold(words));
    topic_words(topic).iter().any(|w| folded.contains(&format!(" {w}")))
}

/// Points for a distance: [`DISTANCE_POINTS`] at the place, none from 60 km.
pub fn distance_points(km: f64) -> f64 {
    (DISTANCE_POINTS - km / KM_PER_POINT).max(0.0)
}

/// Scores one actor, or `None` when it does not answer the query.
pub fn score(actor: &Actor, query: &MatchQuery) -> Option<Match> {
    if !actor.is_active() || query.exclude_actor == Some(actor.id) || query.kind.is_some_and(|k| k != actor.kind) {
        return None;
    }
    let mut reasons = Vec::new();
    let mut score = if actor.offers.contains(&query.need) {
        reasons.push(Reason::OffersNeed);
        OFFERS_POINTS
    } else if mentions(&actor.offer_words, query.need) {
        reasons.push(Reason::MentionsNeed);
        WORDS_POINTS
    } else {
        return None;
    };
    if query.sector.is_some_and(|s| actor.sectors.contains(&s)) {
        reasons.push(Reason::SameSector);
        score += SECTOR_POINTS;
    }
    if query.stage.is_some_and(|s| actor.stages.contains(&s)) {
        reasons.push(Reason::SameStage);
        score += STAGE_POINTS;
    }
    let distance_km = query.place.zip(actor.point()).map(|(a, b)| a.distance_km(&b));
    if let Some(km) = distance_km {
        reasons.push(Reason::Distance);
        score += distance_points(km);
    }
    Some(Match { actor: actor.clone(), score: (score * 10.0).round() / 10.0, distance_km, reasons })
}

/// The actors answering `query`, best first (score, then name, then slug).
pub fn rank(actors: &[Actor], query: &MatchQuery) -> Vec<Match> {
    let mut matches: Vec<Match> = actors.iter().filter_map(|a| score(a, query)).collect();
    matches.sort_by(|a, b| {
        b.score
            .partial_cmp(&a.score)
            .unwrap_or(Ordering::Equal)
            .then_with(|| fold(&a.actor.name).cmp(&fold(&b.actor.name)))
            .then_with(|| a.actor.slug.cmp(&b.actor.slug))
    });
    matches
}

/// How many active actors offer each topic in the vocabulary, in the vocabulary's order.
pub fn offer_counts(actors: &[Actor]) -> Vec<(Topic, usize)> {
    Topic::ALL.iter().map(|t| (*t, actors.iter().filter(|a| a.is_active() && a.offers.contains(t)).count())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ecosystem::ActorStatus;

    fn actor(id: i64, name: &str, offers: &[Topic], words: &str, sectors: &[Sector], stages: &[Stage], at: (f64, f64)) -> Actor {
        Actor {
            id,
            user_id: id,
            slug: tremplin_kernel::text::slugify(name),
            territory_id: 1,
            territory_slug: "t".into(),
            territory_name: "T".into(),
            kind: ActorKind::Mentor,
            name: name.into(),
            presentation: String::new(),
            sectors: sectors.to_vec(),
            stages: stages.to_vec(),
            needs: vec![],
            offers: offers.to_vec(),
            need_words: String::new(),
            offer_words: words.into(),
            insee: None,
            commune: None,
            latitude: Some(at.0),
            longitude: Some(at.1),
            listing_id: None,
            listing_slug: None,
            website: String::new(),
            status: ActorStatus::Active,
            status_note: String::new(),
            created_at: 0,
            updated_at: 0,
        }
    }

    const ANGERS: (f64, f64) = (47.4698, -0.5527);
    const SAUMUR: (f64, f64) = (47.26, -0.0769);

    #[test]
    fn vocabulary_then_sector_then_stage_then_distance() {
        let m = [Topic::Mentoring];
        let actors = vec![
            actor(1, "Words", &[], "Vingt ans de parrainage", &[Sector::Retail], &[Stage::Launch], ANGERS),
            actor(2, "Far", &m, "", &[], &[], SAUMUR),
            actor(3, "Near", &m, "", &[], &[], ANGERS),
            actor(4, "Sector far", &m, "", &[Sector::Retail], &[], SAUMUR),
            actor(5, "Stage far", &m, "", &[], &[Stage::Launch], SAUMUR),
            actor(6, "None", &[Topic::Funding], "des prêts", &[Sector::Retail], &[], ANGERS),
        ];
        let query = MatchQuery {
            sector: Some(Sector::Retail),
            stage: Some(Stage::Launch),
            place: GeoPoint::new(ANGERS.0, ANGERS.1),
            ..MatchQuery::new(Topic::Mentoring)
        };
        let ranked = rank(&actors, &query);
        let names: Vec<&str> = ranked.iter().map(|m| m.actor.name.as_str()).collect();
        assert_eq!(names, ["Sector far", "Stage far", "Near", "Far", "Words"]);
    }

    #[test]
    fn ties_by_name_and_own_profile_left_out() {
        let m = [Topic::Mentoring];
        let actors = vec![actor(1, "Bruno", &m, "", &[], &[], ANGERS), actor(2, "Alice", &m, "", &[], &[], ANGERS)];
        let ranked = rank(&actors, &MatchQuery::new(Topic::Mentoring));
        assert_eq!(ranked.iter().map(|m| m.actor.id).collect::<Vec<_>>(), [2, 1]);
        let query = MatchQuery { exclude_actor: Some(2), ..MatchQuery::new(Topic::Mentoring) };
        assert_eq!(rank(&actors, &query).len(), 1);
    }

    #[test]
    fn free_words_match_word_beginnings_only() {
        assert!(mentions("Je propose du Mentorat", Topic::Mentoring));
        assert!(mentions("prêts d'honneur", Topic::Funding));
        assert!(!mentions("commentaires", Topic::Mentoring));
    }
}
