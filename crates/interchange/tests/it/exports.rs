//! The open-data writers' outputs, checked with independent parsers.

use crate::support::sample_listings;
use geojson::{GeoJson, GeometryValue};
use tremplin_interchange::ExportOptions;
use tremplin_interchange::geojson::write_geojson;
use tremplin_interchange::jsonld::write_jsonld;
use tremplin_interchange::listings_csv::{COLUMNS, write_csv};
use tremplin_interchange::mediation::{FIELDS, PIVOT_PLACEHOLDER, write_mediation_csv, write_mediation_json};

fn options() -> ExportOptions {
    ExportOptions { base_url: Some("https://tremplin.example.fr/".into()) }
}

#[test]
fn geojson_is_a_valid_feature_collection_with_lon_lat() {
    let listings = sample_listings();
    let mut out = Vec::new();
    assert_eq!(write_geojson(&mut out, &listings, &options()).expect("write"), 3);
    let text = String::from_utf8(out).expect("UTF-8");
    let GeoJson::FeatureCollection(collection) = text.parse::<GeoJson>().expect("valid GeoJSON") else { panic!("not a collection") };
    assert_eq!(collection.features.len(), 3);
    let bakery = &collection.features[0];
    let Some(GeometryValue::Point { coordinates }) = bakery.geometry.as_ref().map(|g| &g.value) else { panic!("no point") };
    assert_eq!(coordinates.as_slice(), [-0.552_68, 47.471_72], "RFC 7946: longitude first");
    assert_eq!(bakery.id, Some(geojson::feature::Id::String("boulangerie-du-ralliement-49007".into())));
    let properties = bakery.properties.as_ref().expect("properties");
    assert_eq!(properties["name"], "Boulangerie du Ralliement");
    assert_eq!(properties["url"], "https://tremplin.example.fr/annuaire/boulangerie-du-ralliement-49007");
    assert_eq!(properties["amenities"], serde_json::json!(["click_collect", "wheelchair"]));
    assert_eq!(properties["updated_at"], "2026-05-01T08:00:00Z");
    assert!(collection.features[2].geometry.is_none(), "a listing without position has a null geometry");
}

#[test]
fn empty_geojson_and_jsonld_are_valid() {
    let mut out = Vec::new();
    write_geojson(&mut out, Vec::<tremplin_domain::directory::Listing>::new(), &ExportOptions::default()).expect("write");
    assert!(String::from_utf8(out).expect("UTF-8").parse::<GeoJson>().is_ok());
    let mut out = Vec::new();
    write_jsonld(&mut out, Vec::<tremplin_domain::directory::Listing>::new(), &ExportOptions::default()).expect("write");
    let value: serde_json::Value = serde_json::from_slice(&out).expect("JSON");
    assert_eq!(value["numberOfItems"], 0);
}

#[test]
fn jsonld_is_a_schema_org_item_list() {
    let listings = sample_listings();
    let mut out = Vec::new();
    write_jsonld(&mut out, listings.iter(), &options()).expect("write");
    let value: serde_json::Value = serde_json::from_slice(&out).expect("JSON");
    assert_eq!(value["@context"], "https://schema.org");
    assert_eq!(value["@type"], "ItemList");
    assert_eq!(value["numberOfItems"], 3);
    let bakery = &value["itemListElement"][0];
    assert_eq!(bakery["position"], 1);
    assert_eq!(bakery["item"]["@type"], "Bakery");
    assert_eq!(bakery["item"]["@id"], "https://tremplin.example.fr/annuaire/boulangerie-du-ralliement-49007");
    assert_eq!(bakery["item"]["geo"]["latitude"], 47.471_72);
    assert_eq!(bakery["item"]["address"]["postalCode"], "49100");
    assert_eq!(bakery["item"]["sameAs"][0], "https://www.instagram.com/boulangerie_ralliement");
    assert_eq!(value["itemListElement"][1]["item"]["@type"], "NGO");
    assert_eq!(value["itemListElement"][2]["item"]["@type"], "HomeAndConstructionBusiness");
    assert!(value["itemListElement"][2]["item"].get("geo").is_none());
}

#[test]
fn csv_has_the_documented_header_and_rereads() {
    let listings = sample_listings();
    let mut out = Vec::new();
    write_csv(&mut out, &listings, &options()).expect("write");
    let mut reader = csv::Reader::from_reader(out.as_slice());
    assert_eq!(reader.headers().expect("header").iter().collect::<Vec<_>>(), COLUMNS);
    let rows: Vec<csv::StringRecord> = reader.records().collect::<Result<_, _>>().expect("records");
    assert_eq!(rows.len(), 3);
    assert_eq!(&rows[0][1], "https://tremplin.example.fr/annuaire/boulangerie-du-ralliement-49007");
    assert!(rows[0][6].contains('\n') && rows[0][6].contains('"'), "description with a line break and quotes kept");
}

#[test]
fn mediation_export_follows_the_schema() {
    let listings = sample_listings();
    let mut out = Vec::new();
    let report = write_mediation_csv(&mut out, &listings, "Ville d'Angers", |_| None).expect("write");
    assert_eq!((report.written, report.other_kinds, report.left_out.len()), (1, 2, 0));
    let mut reader = csv::Reader::from_reader(out.as_slice());
    assert_eq!(reader.headers().expect("header").iter().collect::<Vec<_>>(), FIELDS);
    let row = reader.records().next().expect("a row").expect("valid row");
    let get = |name: &str| row.get(FIELDS.iter().position(|f| *f == name).expect("field")).unwrap_or("").to_owned();
    assert_eq!(get("id"), "epn-belle-beille-49007");
    assert_eq!(get("pivot"), PIVOT_PLACEHOLDER);
    assert_eq!(get("date_maj"), "2026-05-01");
    assert_eq!(get("typologie"), "MUNI");
    assert_eq!(get("services"), "Aide aux démarches administratives");
    assert_eq!(get("publics_specifiquement_adresses"), "Seniors");
    assert_eq!(get("site_web"), "https://www.angers.example/epn|https://www.facebook.com/epnbellebeille");
    assert!(get("presentation_resume").chars().count() <= 280);
    assert!(get("presentation_resume").ends_with('…'));
    assert_eq!(get("presentation_detail"), listings[1].description);
    assert_eq!(get("source"), "Ville d'Angers");

    let mut epn = listings[1].clone();
    epn.commune = None;
    let mut out = Vec::new();
    let report = write_mediation_json(&mut out, [epn], "Ville d'Angers", |_| Some("21490007800012".into())).expect("write");
    assert_eq!(report.left_out[0].to_string(), "epn-belle-beille-49007: no commune");
    assert_eq!(serde_json::from_slice::<serde_json::Value>(&out).expect("JSON"), serde_json::json!([]));
}

#[test]
fn mediation_json_uses_numbers_for_coordinates_and_gives_the_pivot() {
    let listings = sample_listings();
    let mut out = Vec::new();
    write_mediation_json(&mut out, &listings, "Ville d'Angers", |l| (l.slug == "epn-belle-beille-49007").then(|| "21490007800012".into()))
        .expect("write");
    let value: serde_json::Value = serde_json::from_slice(&out).expect("JSON");
    assert_eq!(value[0]["latitude"], 47.476_83);
    assert_eq!(value[0]["pivot"], "21490007800012");
    assert!(value[0].get("complement_adresse").is_none(), "empty fields are left out");
}
