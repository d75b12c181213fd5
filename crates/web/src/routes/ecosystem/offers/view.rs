//! What the offer pages show of an offer: its fields with their labels in the visitor's
//! language, and the Paris dates written for people.

use crate::i18n::Tr;
use crate::routes::ecosystem::labels;
use crate::state::AppState;
use tremplin_domain::ecosystem::catalogue::CategoryGroup;
use tremplin_domain::ecosystem::offers::{OfferColumn, OfferStatus, PartnerOffer, paris_today};
use tremplin_domain::territories::{Territory, TerritoryKind};
use tremplin_kernel::Locale;

/// Most territories a selector lists before leaving communes out (at the scale of France a
/// deployment holds tens of thousands of communes; their department or EPCI stands for them).
const MAX_TERRITORY_CHOICES: usize = 300;

/// Today's Paris date from the injected clock, `YYYY-MM-DD`.
pub fn today(state: &AppState) -> String {
    paris_today(state.clock.now_ts())
}

/// A `YYYY-MM-DD` day as people write it: `31/12/2026` in French, `2026-12-31` in English.
pub fn day(tr: &Tr, iso: &str) -> String {
    match (tr.locale, iso.split('-').collect::<Vec<_>>().as_slice()) {
        (Locale::Fr, [y, m, d]) => format!("{d}/{m}/{y}"),
        _ => iso.to_owned(),
    }
}

/// The territories a visitor may pick, by name (communes left out when there are too many).
pub fn territory_choices(all: &[Territory]) -> Vec<Territory> {
    let mut choices: Vec<Territory> = if all.len() > MAX_TERRITORY_CHOICES {
        all.iter().filter(|t| t.kind != TerritoryKind::Commune).cloned().collect()
    } else {
        all.to_vec()
    };
    choices.sort_by_cached_key(|t| tremplin_kernel::text::fold(&t.name));
    choices
}

/// An offer ready to show.
#[derive(Debug, Clone)]
pub struct OfferCard {
    /// Slug.
    pub slug: String,
    /// Provider.
    pub provider: String,
    /// Title.
    pub title: String,
    /// The need it answers.
    pub category: String,
    /// Description.
    pub description: String,
    /// Free or preferential.
    pub pricing: String,
    /// Price terms.
    pub price_terms: String,
    /// Conditions.
    pub conditions: String,
    /// Data the provider receives.
    pub data_shared: String,
    /// Open source.
    pub open_source: bool,
    /// Licence.
    pub licence: String,
    /// Provider's page.
    pub url: String,
    /// The text of the link to it (names the offer, so that two links of one provider differ).
    pub visit: String,
    /// First day, written for people.
    pub starts_on: String,
    /// Last day, written for people.
    pub ends_on: String,
    /// Territory it holds in.
    pub territory: String,
    /// Status identifier.
    pub status: OfferStatus,
    /// Status label.
    pub status_label: String,
    /// The manager's note.
    pub review_note: String,
    /// Past its last day.
    pub expired: bool,
}

impl OfferCard {
    /// The card of `offer` on `today`.
    pub fn new(tr: &Tr, offer: &PartnerOffer, today: &str) -> Self {
        let d = &offer.draft;
        OfferCard {
            slug: offer.slug.clone(),
            provider: d.provider.clone(),
            title: d.title.clone(),
            category: labels::offer_category(tr, d.category),
            description: d.description.clone(),
            pricing: labels::pricing(tr, d.pricing),
            price_terms: d.price_terms.clone(),
            conditions: d.conditions.clone(),
            data_shared: d.data_shared.clone(),
            open_source: d.open_source,
            licence: d.licence.clone(),
            url: d.url.clone(),
            visit: tr.args("eco-offer-visit", &[("title", d.title.clone()), ("provider", d.provider.clone())]),
            starts_on: day(tr, &d.starts_on),
            ends_on: day(tr, &d.ends_on),
            territory: offer.territory_name.clone(),
            status: offer.status,
            status_label: tr.t(&format!("eco-offer-status-{}", offer.status.as_str())),
            review_note: offer.review_note.clone(),
            expired: offer.is_expired(today),
        }
    }
}

/// One column of a category on the page.
#[derive(Debug, Clone)]
pub struct ColumnView {
    /// Identifier (`open_source`, `free`, `preferential`).
    pub id: &'static str,
    /// Heading.
    pub heading: String,
    /// Offers, in the neutral order.
    pub cards: Vec<OfferCard>,
}

/// One category on the page.
#[derive(Debug, Clone)]
pub struct GroupView {
    /// Identifier.
    pub id: &'static str,
    /// Heading (the need).
    pub heading: String,
    /// The three columns, always all three (an empty one says so).
    pub columns: Vec<ColumnView>,
}

impl GroupView {
    /// The view of a group.
    pub fn new(tr: &Tr, group: &CategoryGroup, today: &str) -> Self {
        GroupView {
            id: group.category.as_str(),
            heading: labels::offer_category(tr, group.category),
            columns: OfferColumn::ALL
                .iter()
                .map(|&column| ColumnView {
                    id: column.as_str(),
                    heading: tr.t(&format!("eco-offer-column-{}", column.as_str())),
                    cards: group.column(column).iter().map(|o| OfferCard::new(tr, o, today)).collect(),
                })
                .collect(),
        }
    }
}
