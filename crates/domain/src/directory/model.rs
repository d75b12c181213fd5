//! Listings of the directory.

use serde::Serialize;
use tremplin_kernel::GeoPoint;

/// What kind of local actor a listing is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ListingKind {
    /// A shop.
    Shop,
    /// A craftsperson.
    Craft,
    /// A service business (hairdresser, garage, bank …).
    Service,
    /// An association.
    Association,
    /// A digital-mediation place.
    Mediation,
    /// A start-up or digital firm.
    Startup,
    /// A public service (town hall …).
    PublicService,
}

impl ListingKind {
    /// Every kind.
    pub const ALL: [ListingKind; 7] =
        [Self::Shop, Self::Craft, Self::Service, Self::Association, Self::Mediation, Self::Startup, Self::PublicService];

    /// Stable identifier.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Shop => "shop",
            Self::Craft => "craft",
            Self::Service => "service",
            Self::Association => "association",
            Self::Mediation => "mediation",
            Self::Startup => "startup",
            Self::PublicService => "public_service",
        }
    }

    /// Parses the stable identifier.
    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == value)
    }

    /// The schema.org type of this kind.
    pub fn schema_org_type(self) -> &'static str {
        match self {
            Self::Shop => "Store",
            Self::Craft => "HomeAndConstructionBusiness",
            Self::Service | Self::Startup => "LocalBusiness",
            Self::Association | Self::Mediation => "NGO",
            Self::PublicService => "GovernmentOffice",
        }
    }
}

/// A service a listing offers, used as a search filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Amenity {
    /// Order online or by phone, collect in the shop.
    ClickCollect,
    /// Home delivery.
    Delivery,
    /// An online shop.
    OnlineShop,
    /// By appointment.
    Appointment,
    /// Wheelchair access.
    Wheelchair,
}

impl Amenity {
    /// Every amenity.
    pub const ALL: [Amenity; 5] = [Self::ClickCollect, Self::Delivery, Self::OnlineShop, Self::Appointment, Self::Wheelchair];

    /// Stable identifier (also the database column).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::ClickCollect => "click_collect",
            Self::Delivery => "delivery",
            Self::OnlineShop => "online_shop",
            Self::Appointment => "appointment",
            Self::Wheelchair => "wheelchair",
        }
    }

    /// Parses the stable identifier.
    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.as_str() == value)
    }
}

/// A category a resident searches for ("Boulangerie-pâtisserie"), mapped to NAF codes and
/// OpenStreetMap tags.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Category {
    /// Identifier.
    pub slug: String,
    /// French label.
    pub label_fr: String,
    /// English label.
    pub label_en: String,
    /// The kind of listings it holds.
    pub kind: String,
    /// NAF code prefixes (`10.71`).
    pub naf_prefixes: Vec<String>,
    /// OSM tags (`shop=bakery`).
    pub osm_tags: Vec<String>,
}

impl Category {
    /// Whether a NAF code (`10.71C` or `1071C`) belongs to this category.
    pub fn matches_naf(&self, code: &str) -> bool {
        let dotted = dotted_naf(code);
        self.naf_prefixes.iter().any(|p| dotted.starts_with(p.as_str()))
    }
}

/// A NAF code written the INSEE way (`10.71C`), whether given as `1071C` or `10.71C`.
pub fn dotted_naf(code: &str) -> String {
    let compact: String = code.chars().filter(|c| c.is_ascii_alphanumeric()).collect::<String>().to_uppercase();
    if compact.len() == 5 { format!("{}.{}", &compact[..2], &compact[2..]) } else { code.trim().to_uppercase() }
}

/// A listing as shown and searched.
#[derive(Debug, Clone, Serialize)]
pub struct Listing {
    /// Internal id.
    #[serde(skip)]
    pub id: i64,
    /// Public identifier in URLs.
    pub slug: String,
    /// Kind.
    pub kind: ListingKind,
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
    /// Street address.
    pub address: String,
    /// Postcode.
    pub postcode: String,
    /// INSEE code of the commune.
    pub insee: Option<String>,
    /// Commune name.
    pub commune: Option<String>,
    /// Position.
    pub point: Option<GeoPoint>,
    /// Category slug.
    pub category: Option<String>,
    /// NAF/APE code.
    pub naf_code: Option<String>,
    /// Free tags.
    pub tags: Vec<String>,
    /// Phone (international form).
    pub phone: String,
    /// Public e-mail of the business.
    pub email: String,
    /// Website.
    pub website: String,
    /// Social network pages.
    pub social: Vec<String>,
    /// Services offered.
    pub amenities: Vec<Amenity>,
    /// OSM `opening_hours` value (empty if unknown).
    pub opening_hours: String,
    /// Where the data comes from.
    pub source: String,
    /// Unix seconds.
    pub updated_at: i64,
}

/// A listing to create or update, keyed by its source and the id it has there.
#[derive(Debug, Clone, Default)]
pub struct ListingInput {
    /// `demo`, `osm`, `sirene`, `mediation`, `town_hall`, `public` …
    pub source: String,
    /// Identifier within the source.
    pub source_id: String,
    /// Kind.
    pub kind: Option<ListingKind>,
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
    /// Street address.
    pub address: String,
    /// Postcode.
    pub postcode: String,
    /// INSEE code.
    pub insee: Option<String>,
    /// Position.
    pub point: Option<GeoPoint>,
    /// Category slug.
    pub category: Option<String>,
    /// NAF code.
    pub naf_code: Option<String>,
    /// Free tags.
    pub tags: Vec<String>,
    /// Phone.
    pub phone: String,
    /// E-mail.
    pub email: String,
    /// Website.
    pub website: String,
    /// Social pages.
    pub social: Vec<String>,
    /// Services.
    pub amenities: Vec<Amenity>,
    /// Opening hours.
    pub opening_hours: String,
    /// Proposed by the public: created unpublished, for a manager to check.
    pub pending: bool,
}
