//! What the readers yield: an imported listing, or the rejection of one record, and counters.

use std::collections::BTreeMap;
use std::fmt;
use tremplin_domain::directory::ListingInput;

/// A listing read from a file, with what [`ListingInput`] has no field for.
#[derive(Debug, Clone, Default)]
pub struct ImportedListing {
    /// The listing to save (keyed by `source` and `source_id`).
    pub input: ListingInput,
    /// The commune's name as the file writes it (`addr:city`, `libelleCommuneEtablissement`,
    /// `commune`). Postcodes are shared by several communes, so the caller needs it, with the
    /// postcode, to find the INSEE code when `input.insee` is `None`.
    pub commune: Option<String>,
    /// The establishment's SIRET (14 digits) when the file gives one (`ref:FR:SIRET`, SIRENE,
    /// the mediation standard's `pivot`): the key to match one place across sources.
    pub siret: Option<String>,
}

/// A record that could not be imported, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejection {
    /// Where: `line 12`, `node 123`, `way 45`, `element 3 (line 17)`.
    pub location: String,
    /// Why, in plain English (`no name`, `latitude "abc" is not a number` …).
    pub reason: String,
}

impl Rejection {
    /// A rejection at a location.
    pub fn new(location: impl Into<String>, reason: impl Into<String>) -> Self {
        Rejection { location: location.into(), reason: reason.into() }
    }
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.reason)
    }
}

/// One record of an import: a listing, or why not.
pub type ImportItem = Result<ImportedListing, Rejection>;

/// Why a record was left out without being an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SkipReason {
    /// An OSM element with no shop, craft, office, kept amenity or mapped tag (untagged nodes
    /// that only shape ways included).
    NotAPlace,
    /// An OSM place without a name.
    NoName,
    /// A vacant shop (`shop=vacant`, `shop=no`).
    Vacant,
    /// Outside the bounding box asked for.
    OutsideArea,
    /// An OSM relation in a `.osm.pbf` file (its position would need its members' members).
    Relation,
    /// A closed SIRENE establishment (`etatAdministratifEtablissement` = `F`).
    Closed,
    /// An establishment whose commune is not in the filter.
    OutsideCommunes,
    /// A SIRENE establishment whose owner refused publication (`statutDiffusionEtablissement`
    /// `P` or `N`): it must not appear in a public directory.
    NotDiffusible,
    /// An establishment whose activity has no category, when only categorised ones are wanted.
    Uncategorised,
    /// An Overpass element of another type than node, way or relation (`area`, `count` …).
    NotAnElement,
}

impl SkipReason {
    /// Stable identifier, for logs and reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::NotAPlace => "not_a_place",
            Self::NoName => "no_name",
            Self::Vacant => "vacant",
            Self::OutsideArea => "outside_area",
            Self::Relation => "relation",
            Self::Closed => "closed",
            Self::OutsideCommunes => "outside_communes",
            Self::NotDiffusible => "not_diffusible",
            Self::Uncategorised => "uncategorised",
            Self::NotAnElement => "not_an_element",
        }
    }
}

impl fmt::Display for SkipReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Counters of a reader, complete once it has returned `None`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportStats {
    /// Records (lines, elements) looked at.
    pub read: u64,
    /// Listings yielded.
    pub imported: u64,
    /// Rejections yielded.
    pub rejected: u64,
    /// Records left out, by reason.
    pub skipped: BTreeMap<SkipReason, u64>,
}

impl ImportStats {
    /// Records left out, all reasons together.
    pub fn skipped_total(&self) -> u64 {
        self.skipped.values().sum()
    }

    /// Records left out for one reason.
    pub fn skipped(&self, reason: SkipReason) -> u64 {
        self.skipped.get(&reason).copied().unwrap_or(0)
    }

    pub(crate) fn skip(&mut self, reason: SkipReason) {
        *self.skipped.entry(reason).or_insert(0) += 1;
    }

    pub(crate) fn count(&mut self, item: &ImportItem) {
        match item {
            Ok(_) => self.imported += 1,
            Err(_) => self.rejected += 1,
        }
    }
}

impl fmt::Display for ImportStats {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} read, {} imported, {} rejected, {} skipped", self.read, self.imported, self.rejected, self.skipped_total())?;
        for (reason, n) in &self.skipped {
            write!(f, "; {reason}: {n}")?;
        }
        Ok(())
    }
}
