//! What a territory is made of.

use serde::Serialize;
use tremplin_kernel::GeoPoint;

/// A French commune (or a municipal arrondissement of Paris, Lyon, Marseille) from the INSEE
/// official geographic code.
#[derive(Debug, Clone, Serialize)]
pub struct Commune {
    /// INSEE code (5 characters, e.g. `49007`, `2A004`).
    pub insee: String,
    /// Official name.
    pub name: String,
    /// Postcodes served.
    pub postcodes: Vec<String>,
    /// Department code.
    pub department: String,
    /// Region code.
    pub region: String,
    /// SIREN of its intercommunality, if any.
    pub epci: Option<String>,
    /// Municipal population.
    pub population: Option<i64>,
    /// The town hall, or the centre when unknown.
    pub point: Option<GeoPoint>,
}

/// A place found by the place look-up: a commune with one postcode, ready to be used
/// as the centre of a "near …" search.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Place {
    /// INSEE code.
    pub insee: String,
    /// Commune name.
    pub name: String,
    /// The postcode that matched, or the commune's first one.
    pub postcode: String,
    /// Department code.
    pub department: String,
    /// Department name.
    pub department_name: String,
    /// Latitude of the town hall.
    pub lat: Option<f64>,
    /// Longitude of the town hall.
    pub lon: Option<f64>,
    /// Municipal population, used for ranking.
    pub population: Option<i64>,
}

impl Place {
    /// "Angers (49000)".
    pub fn label(&self) -> String {
        format!("{} ({})", self.name, self.postcode)
    }
}

/// The level of a territory.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TerritoryKind {
    /// One commune.
    Commune,
    /// An intercommunality (EPCI).
    Epci,
    /// A department.
    Department,
    /// A region.
    Region,
    /// Any other set of communes (a chamber's area, a rural district …).
    Custom,
}

impl TerritoryKind {
    /// Stable identifier.
    pub fn as_str(self) -> &'static str {
        match self {
            TerritoryKind::Commune => "commune",
            TerritoryKind::Epci => "epci",
            TerritoryKind::Department => "department",
            TerritoryKind::Region => "region",
            TerritoryKind::Custom => "custom",
        }
    }

    /// Parses the stable identifier.
    pub fn parse(value: &str) -> Option<Self> {
        [Self::Commune, Self::Epci, Self::Department, Self::Region, Self::Custom].into_iter().find(|k| k.as_str() == value)
    }
}

/// A territory served by this deployment: a set of communes, nested in a parent territory.
#[derive(Debug, Clone, Serialize)]
pub struct Territory {
    /// Internal id.
    #[serde(skip)]
    pub id: i64,
    /// Stable public identifier used in URLs.
    pub slug: String,
    /// Display name.
    pub name: String,
    /// Level.
    pub kind: TerritoryKind,
    /// The territory it belongs to.
    #[serde(skip)]
    pub parent_id: Option<i64>,
    /// Number of communes it covers directly.
    pub commune_count: i64,
    /// Population of those communes.
    pub population: i64,
}

/// A territory's place in the tree, without its communes: what a selector or a walk of the
/// tree needs, cheap to read even for the tens of thousands of a national deployment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TerritoryNode {
    /// Internal id.
    pub id: i64,
    /// Stable public identifier used in URLs.
    pub slug: String,
    /// Display name.
    pub name: String,
    /// Level.
    pub kind: TerritoryKind,
    /// The territory it belongs to.
    pub parent_id: Option<i64>,
}

/// Input to create a territory.
#[derive(Debug, Clone)]
pub struct NewTerritory {
    /// URL identifier (unique).
    pub slug: String,
    /// Display name.
    pub name: String,
    /// Level.
    pub kind: TerritoryKind,
    /// Parent territory's slug.
    pub parent_slug: Option<String>,
    /// INSEE codes of its communes.
    pub communes: Vec<String>,
}
