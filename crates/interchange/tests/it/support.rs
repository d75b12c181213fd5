//! Helpers: fixtures, the reference categories, draining a reader.

use std::path::PathBuf;
use tremplin_domain::directory::{Amenity, Category, Listing, ListingInput, ListingKind};
use tremplin_interchange::{ImportItem, ImportedListing, InterchangeError, Rejection};
use tremplin_kernel::GeoPoint;

/// Path of a fixture file.
pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// The categories of `reference/categories.csv`, read the way the store reads them.
pub fn categories() -> Vec<Category> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../reference/categories.csv");
    let mut reader = csv::Reader::from_path(path).expect("reference/categories.csv");
    let split = |s: &str| s.split('|').filter(|v| !v.is_empty()).map(str::to_owned).collect::<Vec<_>>();
    reader
        .records()
        .map(|r| {
            let r = r.expect("category row");
            Category {
                slug: r[0].to_owned(),
                label_fr: r[1].to_owned(),
                label_en: r[2].to_owned(),
                kind: r[3].to_owned(),
                naf_prefixes: split(&r[4]),
                osm_tags: split(&r[5]),
            }
        })
        .collect()
}

/// Every item of a reader, split into listings and rejections; panics on a fatal error.
pub fn drain(reader: impl Iterator<Item = Result<ImportItem, InterchangeError>>) -> (Vec<ImportedListing>, Vec<Rejection>) {
    let mut listings = Vec::new();
    let mut rejections = Vec::new();
    for item in reader {
        match item.expect("no fatal error") {
            Ok(listing) => listings.push(listing),
            Err(rejection) => rejections.push(rejection),
        }
    }
    (listings, rejections)
}

/// The listing of a source id.
pub fn by_id<'a>(listings: &'a [ImportedListing], source_id: &str) -> &'a ImportedListing {
    listings.iter().find(|l| l.input.source_id == source_id).unwrap_or_else(|| panic!("no listing {source_id}"))
}

/// Whether a point is within 1e-6 degrees of (lat, lon).
pub fn near(point: Option<GeoPoint>, lat: f64, lon: f64) -> bool {
    point.is_some_and(|p| (p.lat - lat).abs() < 1e-6 && (p.lon - lon).abs() < 1e-6)
}

/// `ListingInput` has no `PartialEq`: compare its fields through `Debug` (f64 included,
/// exactly).
pub fn same(a: &ListingInput, b: &ListingInput) -> bool {
    format!("{a:?}") == format!("{b:?}")
}

/// A listing as the store would return it.
pub fn listing(slug: &str, kind: ListingKind, name: &str) -> Listing {
    Listing {
        id: 1,
        slug: slug.into(),
        kind,
        name: name.into(),
        description: String::new(),
        address: "5 rue Lenepveu".into(),
        postcode: "49100".into(),
        insee: Some("49007".into()),
        commune: Some("Angers".into()),
        point: GeoPoint::new(47.471_72, -0.552_68),
        category: None,
        naf_code: None,
        tags: Vec::new(),
        phone: "+33241871234".into(),
        email: String::new(),
        website: String::new(),
        social: Vec::new(),
        amenities: Vec::new(),
        opening_hours: String::new(),
        source: "osm".into(),
        updated_at: 1_777_622_400,
    }
}

/// A varied set of listings for the exports.
pub fn sample_listings() -> Vec<Listing> {
    let mut bakery = listing("boulangerie-du-ralliement-49007", ListingKind::Shop, "Boulangerie du Ralliement");
    bakery.category = Some("boulangerie-patisserie".into());
    bakery.naf_code = Some("10.71C".into());
    bakery.description = "Pain au levain, viennoiseries \"maison\", gâteaux; commandes la veille.\nFermé en août.".into();
    bakery.tags = vec!["bio".into(), "pain au levain".into()];
    bakery.email = "contact@boulangerie.example".into();
    bakery.website = "https://boulangerie.example".into();
    bakery.social = vec!["https://www.instagram.com/boulangerie_ralliement".into()];
    bakery.amenities = vec![Amenity::ClickCollect, Amenity::Wheelchair];
    bakery.opening_hours = "Tu-Sa 07:00-19:30; Su 07:00-13:00".into();
    let mut epn = listing("epn-belle-beille-49007", ListingKind::Mediation, "Espace public numérique de Belle-Beille");
    epn.category = Some("espace-public-numerique".into());
    epn.address = "5 rue Eugène Bardon".into();
    epn.postcode = "49000".into();
    epn.point = GeoPoint::new(47.476_83, -0.597_12);
    epn.tags = vec![
        "typologie:MUNI".into(),
        "Aide aux démarches administratives".into(),
        "Seniors".into(),
        "Gratuit".into(),
        "Conseillers numériques".into(),
    ];
    epn.description = "Accès libre aux ordinateurs. ".repeat(12).trim().to_owned();
    epn.email = "epn@angers.example".into();
    epn.website = "https://www.angers.example/epn".into();
    epn.social = vec!["https://www.facebook.com/epnbellebeille".into()];
    epn.opening_hours = "Tu,Th 14:00-18:00".into();
    epn.source = "mediation".into();
    let mut unlocated = listing("atelier-du-cuir-49007", ListingKind::Craft, "Atelier du Cuir");
    unlocated.point = None;
    unlocated.phone = String::new();
    unlocated.source = "sirene".into();
    unlocated.insee = None;
    unlocated.commune = None;
    vec![bakery, epn, unlocated]
}
