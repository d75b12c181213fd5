//! Finding a listing's category from its OSM tags or its NAF code (rules of
//! `reference/README.md`, section on `categories.csv`).

use std::collections::HashMap;
use tremplin_domain::directory::{Category, ListingKind, dotted_naf};

/// The OSM keys that can carry a category, in the order of precedence: an object tagged
/// `shop=bakery` and `amenity=cafe` is a bakery.
pub const OSM_KEY_PRECEDENCE: [&str; 7] = ["shop", "craft", "amenity", "office", "tourism", "leisure", "club"];

/// The categories, indexed for look-ups by OSM tag and by NAF code.
#[derive(Debug, Clone, Default)]
pub struct CategoryIndex {
    categories: Vec<Category>,
    by_osm_tag: HashMap<String, usize>,
}

impl CategoryIndex {
    /// Indexes a list of categories. When a tag appears in two categories (the reference data
    /// forbids it), the first wins.
    pub fn new(categories: &[Category]) -> Self {
        let mut by_osm_tag = HashMap::new();
        for (i, category) in categories.iter().enumerate() {
            for tag in &category.osm_tags {
                by_osm_tag.entry(tag.trim().to_owned()).or_insert(i);
            }
        }
        CategoryIndex { categories: categories.to_vec(), by_osm_tag }
    }

    /// The category of an OSM object: that of its first key, in [`OSM_KEY_PRECEDENCE`] order,
    /// whose `key=value` belongs to a category.
    pub fn for_osm<'a>(&self, tag: impl Fn(&str) -> Option<&'a str>) -> Option<&Category> {
        OSM_KEY_PRECEDENCE.iter().find_map(|key| {
            let value = tag(key)?;
            self.by_osm_tag.get(&format!("{key}={value}")).map(|&i| &self.categories[i])
        })
    }

    /// Whether `key=value` belongs to some category.
    pub fn has_osm_tag(&self, key: &str, value: &str) -> bool {
        self.by_osm_tag.contains_key(&format!("{key}={value}"))
    }

    /// The category of a NAF code (`47.24Z` or `4724Z`): the one with the longest matching
    /// prefix.
    pub fn for_naf(&self, code: &str) -> Option<&Category> {
        let dotted = dotted_naf(code);
        self.categories
            .iter()
            .filter_map(|c| {
                let longest = c.naf_prefixes.iter().filter(|p| !p.is_empty() && dotted.starts_with(p.as_str())).map(String::len).max()?;
                Some((longest, c))
            })
            .max_by_key(|(len, _)| *len)
            .map(|(_, c)| c)
    }

    /// A category by slug.
    pub fn by_slug(&self, slug: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.slug == slug)
    }
}

/// The kind a category's listings have.
pub fn kind_of(category: &Category) -> Option<ListingKind> {
    ListingKind::parse(category.kind.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn category(slug: &str, kind: &str, naf: &[&str], osm: &[&str]) -> Category {
        Category {
            slug: slug.into(),
            label_fr: slug.into(),
            label_en: slug.into(),
            kind: kind.into(),
            naf_prefixes: naf.iter().map(|s| s.to_string()).collect(),
            osm_tags: osm.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn osm_precedence_and_naf_longest_prefix() {
        let index = CategoryIndex::new(&[
            category("cafe-bar", "shop", &["56.30"], &["amenity=cafe"]),
            category("boulangerie", "shop", &["10.71C", "47.24"], &["shop=bakery"]),
            category("commerce", "shop", &["47"], &[]),
        ]);
        let tags = [("amenity", "cafe"), ("shop", "bakery")];
        let lookup = |k: &str| tags.iter().find(|(key, _)| *key == k).map(|(_, v)| *v);
        assert_eq!(index.for_osm(lookup).map(|c| c.slug.as_str()), Some("boulangerie"));
        assert_eq!(index.for_naf("4724Z").map(|c| c.slug.as_str()), Some("boulangerie"));
        assert_eq!(index.for_naf("47.11B").map(|c| c.slug.as_str()), Some("commerce"));
        assert_eq!(index.for_naf("01.11Z"), None);
        assert!(index.has_osm_tag("amenity", "cafe"));
        assert_eq!(kind_of(&category("x", "public_service", &[], &[])), Some(ListingKind::PublicService));
    }
}
