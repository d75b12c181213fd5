//! What the pages and the API show of an actor and of a match: the public fields (never the
//! contact), and the one-line explanation of a rank in the visitor's language.

use super::super::labels;
use crate::i18n::Tr;
use serde::Serialize;
use tremplin_domain::ecosystem::matching::{Match, MatchQuery, Reason};
use tremplin_domain::ecosystem::{Actor, ActorKind};
use utoipa::ToSchema;

/// "4 km" (whole kilometres), "less than 1 km".
pub fn distance_text(tr: &Tr, km: f64) -> String {
    if km < 1.0 { tr.t("eco-actors-distance-near") } else { tr.t1("eco-actors-distance-km", "km", format!("{:.0}", km)) }
}

/// The one line that explains a match, e.g. "Offers mentoring in retail, 5 km away, works
/// with projects at launch stage".
pub fn explanation(tr: &Tr, matched: &Match, query: &MatchQuery) -> String {
    let need = query.need;
    let mut head = String::new();
    let (mut distance, mut stage_part) = (None, None);
    for reason in &matched.reasons {
        match reason {
            Reason::OffersNeed => head = tr.t(&format!("eco-actors-offers-{}", need.as_str())),
            Reason::MentionsNeed => head = tr.t1("eco-actors-mentions", "topic", labels::topic(tr, need).to_lowercase()),
            Reason::SameSector => {
                if let Some(sector) = query.sector {
                    head.push(' ');
                    head.push_str(&tr.t(&format!("eco-actors-in-sector-{}", sector.as_str())));
                }
            }
            Reason::Distance => {
                if let Some(km) = matched.distance_km {
                    distance = Some(tr.t1("eco-actors-reason-distance", "distance", distance_text(tr, km)));
                }
            }
            Reason::SameStage => {
                if let Some(stage) = query.stage {
                    let phrase = tr.t(&format!("eco-actors-at-stage-{}", stage.as_str()));
                    let key = if matches!(matched.actor.kind, ActorKind::Project | ActorKind::Firm) {
                        "eco-actors-reason-same-stage"
                    } else {
                        "eco-actors-reason-works-with-stage"
                    };
                    stage_part = Some(tr.t1(key, "stage", phrase));
                }
            }
        }
    }
    // The distance reads best right after the offer, the stage last.
    std::iter::once(head).chain(distance).chain(stage_part).collect::<Vec<_>>().join(", ")
}

/// An actor's public profile.
#[derive(Debug, Serialize, ToSchema)]
pub struct ActorDto {
    /// Identifier.
    pub slug: String,
    /// Its page.
    pub url: String,
    /// `project`, `firm`, `mentor`, `funder`, `distributor`, `association`, `training_body`.
    pub kind: String,
    /// Name.
    pub name: String,
    /// Presentation.
    pub presentation: String,
    /// Sector identifiers.
    pub sectors: Vec<String>,
    /// Its stage (project, firm) or the stages it works with (`idea`, `launch`, `growth`, `established`).
    pub stages: Vec<String>,
    /// Need identifiers (the shared vocabulary).
    pub needs: Vec<String>,
    /// Offer identifiers (the shared vocabulary).
    pub offers: Vec<String>,
    /// Needs in its own words.
    pub need_words: String,
    /// Offers in its own words.
    pub offer_words: String,
    /// INSEE code of its commune.
    pub insee: Option<String>,
    /// Its commune.
    pub commune: Option<String>,
    /// Territory slug.
    pub territory: String,
    /// Territory name.
    pub territory_name: String,
    /// Latitude (its commune's town hall, or its listing's position).
    pub latitude: Option<f64>,
    /// Longitude.
    pub longitude: Option<f64>,
    /// Its directory listing's page, if it is one.
    pub listing_url: Option<String>,
    /// Website.
    pub website: String,
}

impl ActorDto {
    /// The public fields of `actor`; `base` is the site's address.
    pub fn new(actor: &Actor, base: &str) -> Self {
        let ids = |values: Vec<&'static str>| values.into_iter().map(str::to_owned).collect();
        ActorDto {
            slug: actor.slug.clone(),
            url: format!("{base}/ecosysteme/acteurs/{}", actor.slug),
            kind: actor.kind.as_str().into(),
            name: actor.name.clone(),
            presentation: actor.presentation.clone(),
            sectors: ids(actor.sectors.iter().map(|v| v.as_str()).collect()),
            stages: ids(actor.stages.iter().map(|v| v.as_str()).collect()),
            needs: ids(actor.needs.iter().map(|v| v.as_str()).collect()),
            offers: ids(actor.offers.iter().map(|v| v.as_str()).collect()),
            need_words: actor.need_words.clone(),
            offer_words: actor.offer_words.clone(),
            insee: actor.insee.clone(),
            commune: actor.commune.clone(),
            territory: actor.territory_slug.clone(),
            territory_name: actor.territory_name.clone(),
            latitude: actor.latitude,
            longitude: actor.longitude,
            listing_url: actor.listing_slug.as_ref().map(|s| format!("{base}/annuaire/{s}")),
            website: actor.website.clone(),
        }
    }
}

/// A match as a page shows it.
pub struct MatchCard {
    /// Slug (link).
    pub slug: String,
    /// Name.
    pub name: String,
    /// Kind, in words.
    pub kind: String,
    /// Commune, if known.
    pub commune: Option<String>,
    /// "5 km", when known.
    pub distance: Option<String>,
    /// The one-line explanation.
    pub explanation: String,
}

impl MatchCard {
    /// The card of a match.
    pub fn new(tr: &Tr, matched: &Match, query: &MatchQuery) -> Self {
        MatchCard {
            slug: matched.actor.slug.clone(),
            name: matched.actor.name.clone(),
            kind: labels::kind(tr, matched.actor.kind),
            commune: matched.actor.commune.clone(),
            distance: matched.distance_km.map(|km| distance_text(tr, km)),
            explanation: explanation(tr, matched, query),
        }
    }
}
