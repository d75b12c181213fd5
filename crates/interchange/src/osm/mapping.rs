//! From an OSM object's tags to a listing.
//!
//! | OSM | listing |
//! |---|---|
//! | `name` (else `name:fr`) | name |
//! | `addr:housenumber` + `addr:street` (else `addr:place`) | address |
//! | `addr:postcode` | postcode |
//! | `addr:city` | commune name ([`ImportedListing::commune`]) |
//! | `phone`, `contact:phone`, `contact:mobile`, `mobile` | phone, international form |
//! | `email`, `contact:email` | e-mail (first) |
//! | `website`, `contact:website`, `url` | website |
//! | `contact:facebook`, `contact:instagram`, … (and the same without `contact:`) | social pages |
//! | `opening_hours` | opening hours, verbatim |
//! | `description` (else `description:fr`) | description |
//! | `cuisine` (`;`-separated) | tags |
//! | `delivery=yes/only` | Delivery |
//! | `click_and_collect=yes/only` | ClickCollect (`takeaway` is not: it means a meal to go) |
//! | `wheelchair=yes` | Wheelchair (`limited` is not) |
//! | `ref:FR:NAF` | NAF code; category from it when no tag maps one |
//! | `ref:FR:SIRET` | [`ImportedListing::siret`] |
//!
//! The category is that of the first key, in the order shop, craft, amenity, office, tourism,
//! leisure, club, whose `key=value` a category lists. The kind is the category's; without a
//! category: shop for `shop=*`, craft for `craft=*`, public service for the public amenities,
//! service otherwise.

use super::{OsmOptions, OsmType};
use crate::categories::{CategoryIndex, kind_of};
use crate::record::{ImportedListing, SkipReason};
use crate::text::{clean_siret, normalize_phone, split_values};
use tremplin_domain::directory::{Amenity, Category, ListingInput, ListingKind, dotted_naf};
use tremplin_kernel::GeoPoint;

/// Amenities kept even when no category maps them: public services a resident looks for.
pub const PUBLIC_SERVICE_AMENITIES: [&str; 6] = ["townhall", "library", "post_office", "community_centre", "social_centre", "courthouse"];

/// Keys of social pages, and the site a bare user name belongs to.
const SOCIAL_KEYS: [(&str, &str); 6] = [
    ("facebook", "https://www.facebook.com/"),
    ("instagram", "https://www.instagram.com/"),
    ("linkedin", "https://www.linkedin.com/in/"),
    ("twitter", "https://x.com/"),
    ("youtube", "https://www.youtube.com/"),
    ("tiktok", "https://www.tiktok.com/@"),
];

/// The tags of one element, looked up by key.
#[derive(Debug, Default)]
pub struct Tags<'a>(Vec<(&'a str, &'a str)>);

impl<'a> Tags<'a> {
    /// Tags from key/value pairs.
    pub fn new(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        Tags(pairs.into_iter().collect())
    }

    /// A tag's value, trimmed, if present and not empty.
    pub fn get(&self, key: &str) -> Option<&'a str> {
        self.0.iter().find(|(k, _)| *k == key).map(|(_, v)| v.trim()).filter(|v| !v.is_empty())
    }

    fn first(&self, keys: &[&str]) -> Option<&'a str> {
        keys.iter().find_map(|k| self.get(k))
    }

    /// Whether some key could make the element a place (a cheap test before mapping).
    pub fn has_candidate(&self) -> bool {
        self.0.iter().any(|(k, _)| is_candidate_key(k))
    }
}

/// Whether a key could make an element a place: a cheap test before collecting its tags.
pub fn is_candidate_key(key: &str) -> bool {
    crate::categories::OSM_KEY_PRECEDENCE.contains(&key)
}

/// What becomes of one element.
#[derive(Debug)]
pub(crate) enum Mapped {
    Listing(Box<ImportedListing>),
    Skip(SkipReason),
}

/// Maps OSM objects with the categories and options of one import.
#[derive(Debug, Clone)]
pub(crate) struct Mapper {
    index: CategoryIndex,
    options: OsmOptions,
}

impl Mapper {
    pub(crate) fn new(categories: &[Category], options: OsmOptions) -> Self {
        Mapper { index: CategoryIndex::new(categories), options }
    }

    /// Whether a position passes the area filter (an unknown one does).
    pub(crate) fn in_area(&self, point: Option<&GeoPoint>) -> bool {
        match (&self.options.area, point) {
            (Some(area), Some(p)) => area.contains(p),
            _ => true,
        }
    }

    /// The listing of an element, or why it is left out. The area filter is the caller's,
    /// once the position is known.
    pub(crate) fn map(&self, osm_type: OsmType, id: i64, tags: &Tags<'_>, point: Option<GeoPoint>) -> Mapped {
        let category = self.index.for_osm(|k| tags.get(k));
        let Some(default_kind) = self.default_kind(tags, category.is_some()) else {
            return Mapped::Skip(if matches!(tags.get("shop"), Some("vacant" | "no")) {
                SkipReason::Vacant
            } else {
                SkipReason::NotAPlace
            });
        };
        let Some(name) = tags.first(&["name", "name:fr"]) else {
            return Mapped::Skip(SkipReason::NoName);
        };
        let naf_code = tags.get("ref:FR:NAF").map(dotted_naf);
        let category = category.or_else(|| naf_code.as_deref().and_then(|c| self.index.for_naf(c)));
        let input = ListingInput {
            source: "osm".into(),
            source_id: format!("{}/{id}", osm_type.as_str()),
            kind: Some(category.and_then(kind_of).unwrap_or(default_kind)),
            name: name.to_owned(),
            description: tags.first(&["description", "description:fr"]).unwrap_or("").to_owned(),
            address: address(tags),
            postcode: tags.get("addr:postcode").unwrap_or("").to_owned(),
            insee: None,
            point,
            category: category.map(|c| c.slug.clone()),
            naf_code,
            tags: tags.get("cuisine").map(|c| split_values(&c.replace('_', " "), &[';'])).unwrap_or_default(),
            phone: tags.first(&["phone", "contact:phone", "contact:mobile", "mobile"]).map(normalize_phone).unwrap_or_default(),
            email: tags.first(&["email", "contact:email"]).and_then(|e| split_values(e, &[';']).into_iter().next()).unwrap_or_default(),
            website: tags
                .first(&["website", "contact:website", "url"])
                .and_then(|w| split_values(w, &[';']).into_iter().next())
                .unwrap_or_default(),
            social: social(tags),
            amenities: amenities(tags),
            opening_hours: tags.get("opening_hours").unwrap_or("").to_owned(),
            ..ListingInput::default()
        };
        let commune = tags.get("addr:city").map(str::to_owned);
        let siret = tags.get("ref:FR:SIRET").and_then(clean_siret);
        Mapped::Listing(Box::new(ImportedListing { input, commune, siret }))
    }

    /// The kind an element has without a category, or `None` when it is no place for the
    /// directory.
    fn default_kind(&self, tags: &Tags<'_>, has_category: bool) -> Option<ListingKind> {
        let amenity = tags.get("amenity");
        let public = amenity.is_some_and(|a| PUBLIC_SERVICE_AMENITIES.contains(&a));
        match (tags.get("shop"), tags.get("craft"), tags.get("office")) {
            (Some("vacant" | "no"), _, _) if !has_category => None,
            _ if public => Some(ListingKind::PublicService),
            (Some(_), _, _) => Some(ListingKind::Shop),
            (_, Some(_), _) => Some(ListingKind::Craft),
            (_, _, Some(_)) => Some(ListingKind::Service),
            _ if has_category => Some(ListingKind::Service),
            _ => None,
        }
    }
}

fn address(tags: &Tags<'_>) -> String {
    let way = tags.first(&["addr:street", "addr:place"]);
    match (tags.get("addr:housenumber"), way) {
        (Some(number), Some(way)) => format!("{number} {way}"),
        (None, Some(way)) => way.to_owned(),
        _ => String::new(),
    }
}

fn social(tags: &Tags<'_>) -> Vec<String> {
    let mut pages = Vec::new();
    for (network, base) in SOCIAL_KEYS {
        let Some(value) = tags.first(&[format!("contact:{network}").as_str(), network]) else { continue };
        let page = if value.starts_with("http://") || value.starts_with("https://") {
            value.to_owned()
        } else {
            format!("{base}{}", value.trim_start_matches('@'))
        };
        if !pages.contains(&page) {
            pages.push(page);
        }
    }
    pages
}

fn amenities(tags: &Tags<'_>) -> Vec<Amenity> {
    let yes = |key: &str| matches!(tags.get(key), Some("yes" | "only"));
    let mut out = Vec::new();
    if yes("click_and_collect") {
        out.push(Amenity::ClickCollect);
    }
    if yes("delivery") {
        out.push(Amenity::Delivery);
    }
    if tags.get("wheelchair") == Some("yes") {
        out.push(Amenity::Wheelchair);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn category(slug: &str, kind: &str, osm: &[&str]) -> Category {
        Category {
            slug: slug.into(),
            label_fr: slug.into(),
            label_en: slug.into(),
            kind: kind.into(),
            naf_prefixes: vec!["47.24".into()],
            osm_tags: osm.iter().map(|s| s.to_string()).collect(),
        }
    }

    fn mapper() -> Mapper {
        Mapper::new(
            &[category("boulangerie", "shop", &["shop=bakery"]), category("coiffure", "service", &["shop=hairdresser"])],
            OsmOptions::default(),
        )
    }

    fn listing(mapped: Mapped) -> ImportedListing {
        match mapped {
            Mapped::Listing(l) => *l,
            Mapped::Skip(r) => panic!("skipped: {r}"),
        }
    }

    #[test]
    fn maps_a_bakery_node() {
        let tags = Tags::new([
            ("shop", "bakery"),
            ("amenity", "cafe"),
            ("name", "Aux Délices"),
            ("addr:housenumber", "3"),
            ("addr:street", "Rue Plantagenêt"),
            ("addr:postcode", "49100"),
            ("addr:city", "Angers"),
            ("contact:phone", "02 41 00 00 00"),
            ("delivery", "yes"),
            ("takeaway", "yes"),
            ("wheelchair", "limited"),
            ("contact:instagram", "auxdelices49"),
            ("ref:FR:SIRET", "123 456 789 00012"),
        ]);
        let got = listing(mapper().map(OsmType::Node, 42, &tags, GeoPoint::new(47.47, -0.55)));
        assert_eq!(got.input.source_id, "node/42");
        assert_eq!(got.input.category.as_deref(), Some("boulangerie"));
        assert_eq!(got.input.kind, Some(ListingKind::Shop));
        assert_eq!(got.input.address, "3 Rue Plantagenêt");
        assert_eq!(got.input.phone, "+33241000000");
        assert_eq!(got.input.amenities, vec![Amenity::Delivery]);
        assert_eq!(got.input.social, vec!["https://www.instagram.com/auxdelices49".to_owned()]);
        assert_eq!(got.commune.as_deref(), Some("Angers"));
        assert_eq!(got.siret.as_deref(), Some("12345678900012"));
    }

    #[test]
    fn kinds_and_skips() {
        let m = mapper();
        let kind = |pairs: &[(&'static str, &'static str)]| match m.map(OsmType::Node, 1, &Tags::new(pairs.iter().copied()), None) {
            Mapped::Listing(l) => Ok(l.input.kind),
            Mapped::Skip(r) => Err(r),
        };
        assert_eq!(kind(&[("shop", "hairdresser"), ("name", "Coupe")]), Ok(Some(ListingKind::Service)));
        assert_eq!(kind(&[("craft", "potter"), ("name", "Poterie")]), Ok(Some(ListingKind::Craft)));
        assert_eq!(kind(&[("office", "lawyer"), ("name", "Maître X")]), Ok(Some(ListingKind::Service)));
        assert_eq!(kind(&[("amenity", "townhall"), ("name", "Mairie")]), Ok(Some(ListingKind::PublicService)));
        assert_eq!(kind(&[("amenity", "bench"), ("name", "Banc")]), Err(SkipReason::NotAPlace));
        assert_eq!(kind(&[("shop", "bakery")]), Err(SkipReason::NoName));
        assert_eq!(kind(&[("shop", "vacant"), ("name", "Ex-boutique")]), Err(SkipReason::Vacant));
        assert_eq!(kind(&[("highway", "bus_stop"), ("name", "Ralliement")]), Err(SkipReason::NotAPlace));
    }
}
