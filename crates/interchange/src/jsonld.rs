//! JSON-LD with the schema.org vocabulary: one `ItemList` whose `ListItem`s hold a
//! `LocalBusiness` (or a subtype) per listing, written one item at a time (`numberOfItems`
//! comes last).
//!
//! Each item has the same properties as the listing page's embedded data: `@type` (the
//! category's schema.org type, else the kind's), `@id` (the page, when the base address is
//! known), `name`, `description`, `address` (`PostalAddress`), `geo` (`GeoCoordinates`),
//! `telephone`, `email`, `url` (the website), `sameAs` (social pages), `openingHours` (OSM
//! syntax, which schema.org's own resembles), `keywords` (tags), `amenityFeature`
//! (`LocationFeatureSpecification` per amenity) and `dateModified`.

use crate::error::InterchangeError;
use crate::export::{ExportOptions, rfc3339};
use serde_json::{Value, json};
use std::borrow::Borrow;
use std::io::Write;
use tremplin_domain::directory::Listing;

/// schema.org types more precise than the kind's, by category slug.
const CATEGORY_TYPES: [(&str, &str); 32] = [
    ("boulangerie-patisserie", "Bakery"),
    ("epicerie", "GroceryStore"),
    ("supermarche", "GroceryStore"),
    ("caviste", "LiquorStore"),
    ("restaurant", "Restaurant"),
    ("cafe-bar", "CafeOrCoffeeShop"),
    ("librairie-papeterie", "BookStore"),
    ("fleuriste", "Florist"),
    ("vetements", "ClothingStore"),
    ("chaussures", "ShoeStore"),
    ("bijouterie", "JewelryStore"),
    ("meubles-decoration", "FurnitureStore"),
    ("quincaillerie-bricolage", "HardwareStore"),
    ("jardinerie", "GardenStore"),
    ("electromenager-informatique", "ElectronicsStore"),
    ("jouets", "ToyStore"),
    ("animalerie", "PetStore"),
    ("velo", "BikeStore"),
    ("pharmacie", "Pharmacy"),
    ("opticien", "Optician"),
    ("coiffure", "HairSalon"),
    ("institut-de-beaute", "BeautySalon"),
    ("pressing", "DryCleaningOrLaundry"),
    ("agence-immobiliere", "RealEstateAgent"),
    ("banque-assurance", "FinancialService"),
    ("hotel-hebergement", "LodgingBusiness"),
    ("sport-loisirs", "SportsActivityLocation"),
    ("garage-automobile", "AutoRepair"),
    ("plomberie", "Plumber"),
    ("electricite", "Electrician"),
    ("peinture-revetements", "HousePainter"),
    ("maconnerie", "GeneralContractor"),
];

/// The schema.org type of a listing.
pub fn schema_org_type(listing: &Listing) -> &'static str {
    listing
        .category
        .as_deref()
        .and_then(|slug| CATEGORY_TYPES.iter().find(|(s, _)| *s == slug))
        .map_or_else(|| listing.kind.schema_org_type(), |(_, t)| *t)
}

/// One listing as a schema.org object (without `@context`).
pub fn item(listing: &Listing, options: &ExportOptions) -> Value {
    let mut item = json!({
        "@type": schema_org_type(listing),
        "name": listing.name,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": listing.address,
            "postalCode": listing.postcode,
            "addressLocality": listing.commune,
            "addressCountry": "FR",
        },
    });
    let optional = [
        ("@id", options.listing_url(listing).unwrap_or_default()),
        ("description", listing.description.clone()),
        ("telephone", listing.phone.clone()),
        ("email", listing.email.clone()),
        ("url", listing.website.clone()),
        ("openingHours", listing.opening_hours.clone()),
        ("keywords", listing.tags.join(", ")),
        ("dateModified", rfc3339(listing.updated_at)),
    ];
    for (key, value) in optional {
        if !value.trim().is_empty() {
            item[key] = Value::String(value);
        }
    }
    if let Some(p) = listing.point {
        item["geo"] = json!({"@type": "GeoCoordinates", "latitude": p.lat, "longitude": p.lon});
    }
    if !listing.social.is_empty() {
        item["sameAs"] = json!(listing.social);
    }
    if !listing.amenities.is_empty() {
        let features: Vec<Value> =
            listing.amenities.iter().map(|a| json!({"@type": "LocationFeatureSpecification", "name": a.as_str(), "value": true})).collect();
        item["amenityFeature"] = Value::Array(features);
    }
    item
}

/// Writes listings as a schema.org `ItemList` in JSON-LD; returns how many items.
pub fn write_jsonld<L: Borrow<Listing>>(
    mut out: impl Write,
    listings: impl IntoIterator<Item = L>,
    options: &ExportOptions,
) -> Result<usize, InterchangeError> {
    out.write_all(b"{\"@context\":\"https://schema.org\",\"@type\":\"ItemList\",\"itemListElement\":[")?;
    let mut written = 0;
    for listing in listings {
        let element = json!({"@type": "ListItem", "position": written + 1, "item": item(listing.borrow(), options)});
        out.write_all(if written == 0 { b"\n" } else { b",\n" })?;
        serde_json::to_writer(&mut out, &element)?;
        written += 1;
    }
    write!(out, "\n],\"numberOfItems\":{written}}}\n")?;
    out.flush()?;
    Ok(written)
}
