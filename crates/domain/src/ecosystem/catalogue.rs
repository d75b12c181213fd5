//! The neutral order of the catalogue, shared by the page and the API: offers grouped by the
//! need they answer (the category, in the vocabulary's order), each group in three columns
//! (open source, free, preferential rate), each column alphabetical by provider then title,
//! accents and case ignored. Nothing else counts: no position, weight or "featured" flag
//! exists, so no place in the catalogue can be bought.

use super::offers::{OfferColumn, PartnerOffer};
use super::vocabulary::OfferCategory;
use tremplin_kernel::text::fold;

/// The offers of one category, by column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CategoryGroup {
    /// The need the offers answer.
    pub category: OfferCategory,
    /// Free and open-source options.
    pub open_source: Vec<PartnerOffer>,
    /// Free options.
    pub free: Vec<PartnerOffer>,
    /// Preferential rates.
    pub preferential: Vec<PartnerOffer>,
}

impl CategoryGroup {
    /// A column's offers.
    pub fn column(&self, column: OfferColumn) -> &[PartnerOffer] {
        match column {
            OfferColumn::OpenSource => &self.open_source,
            OfferColumn::Free => &self.free,
            OfferColumn::Preferential => &self.preferential,
        }
    }
}

/// The sort key of an offer inside its column: provider, title (folded), then the slug so
/// that two identical names keep one order.
fn key(offer: &PartnerOffer) -> (String, String, String) {
    (fold(&offer.draft.provider), fold(&offer.draft.title), offer.slug.clone())
}

/// Groups offers in the neutral order; categories without an offer are left out.
pub fn neutral_order(mut offers: Vec<PartnerOffer>) -> Vec<CategoryGroup> {
    offers.sort_by_cached_key(key);
    OfferCategory::ALL
        .iter()
        .map(|&category| {
            let mut group = CategoryGroup { category, open_source: Vec::new(), free: Vec::new(), preferential: Vec::new() };
            for offer in offers.iter().filter(|o| o.draft.category == category) {
                match offer.column() {
                    OfferColumn::OpenSource => group.open_source.push(offer.clone()),
                    OfferColumn::Free => group.free.push(offer.clone()),
                    OfferColumn::Preferential => group.preferential.push(offer.clone()),
                }
            }
            group
        })
        .filter(|g| !g.open_source.is_empty() || !g.free.is_empty() || !g.preferential.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ecosystem::offers::{OfferDraft, OfferStatus};
    use crate::ecosystem::vocabulary::Pricing;

    fn offer(slug: &str, provider: &str, title: &str, category: OfferCategory, open_source: bool, pricing: Pricing) -> PartnerOffer {
        PartnerOffer {
            id: 0,
            slug: slug.into(),
            territory_id: 1,
            territory_slug: "t".into(),
            territory_name: "T".into(),
            submitted_by: None,
            draft: OfferDraft {
                provider: provider.into(),
                title: title.into(),
                category,
                description: String::new(),
                pricing,
                price_terms: String::new(),
                conditions: String::new(),
                data_shared: "Aucune donnée".into(),
                open_source,
                licence: String::new(),
                url: String::new(),
                starts_on: String::new(),
                ends_on: String::new(),
            },
            status: OfferStatus::Approved,
            review_note: String::new(),
            reviewed_at: None,
            created_at: 0,
            updated_at: 0,
        }
    }

    #[test]
    fn groups_by_category_then_column_then_folded_provider_and_title() {
        use OfferCategory::{Accounting, Website};
        use Pricing::{Free, Preferential};
        let offers = vec![
            offer("z", "Zeste Web", "Site", Website, false, Preferential),
            offer("e2", "Élan", "Boutique", Website, false, Preferential),
            offer("a", "atelier libre", "WordPress", Website, true, Free),
            offer("c", "Compta Plus", "Logiciel", Accounting, false, Free),
            offer("e1", "Elan", "Agenda", Website, false, Preferential),
            offer("b", "Bureau libre", "Dolibarr", Accounting, true, Preferential),
        ];
        let groups = neutral_order(offers);
        let slugs = |g: &CategoryGroup, c| g.column(c).iter().map(|o| o.slug.clone()).collect::<Vec<String>>();
        assert_eq!(groups.iter().map(|g| g.category).collect::<Vec<_>>(), vec![Website, Accounting]);
        assert_eq!(slugs(&groups[0], OfferColumn::OpenSource), vec!["a"]);
        assert!(slugs(&groups[0], OfferColumn::Free).is_empty());
        // "Élan" and "Elan" fold alike: the title decides.
        assert_eq!(slugs(&groups[0], OfferColumn::Preferential), vec!["e1", "e2", "z"]);
        assert_eq!(slugs(&groups[1], OfferColumn::OpenSource), vec!["b"]);
        assert_eq!(slugs(&groups[1], OfferColumn::Free), vec!["c"]);
    }
}
