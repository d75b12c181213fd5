//! OSM imports: `.osm.pbf` (generated fixtures and a real extract) and Overpass JSON.

use crate::support::{by_id, categories, drain, fixture, near};
use std::fs::File;
use std::io::BufReader;
use tremplin_domain::directory::{Amenity, ListingKind};
use tremplin_interchange::SkipReason;
use tremplin_interchange::osm::{BoundingBox, OsmOptions, OsmPbfReader, OverpassReader};

const ANGERS: BoundingBox = BoundingBox { south: 47.40, west: -0.65, north: 47.55, east: -0.45 };

fn import_pbf(name: &str, options: OsmOptions) -> (Vec<tremplin_interchange::ImportedListing>, tremplin_interchange::ImportStats) {
    let mut reader = OsmPbfReader::open(fixture(name), &categories(), options).expect("open");
    let (listings, rejections) = drain(reader.by_ref());
    assert!(rejections.is_empty(), "{rejections:?}");
    (listings, reader.stats().clone())
}

#[test]
fn pbf_dense_nodes_and_a_way_resolved_in_a_second_pass() {
    let (listings, stats) = import_pbf("angers-dense.osm.pbf", OsmOptions::default());
    let ids: Vec<&str> = listings.iter().map(|l| l.input.source_id.as_str()).collect();
    assert_eq!(ids, ["node/1001", "node/1002", "node/1003", "node/1004", "node/1008", "way/3001"]);

    let bakery = by_id(&listings, "node/1001");
    assert_eq!(bakery.input.source, "osm");
    assert_eq!(bakery.input.name, "Boulangerie du Ralliement");
    assert_eq!(bakery.input.kind, Some(ListingKind::Shop));
    assert_eq!(bakery.input.category.as_deref(), Some("boulangerie-patisserie"));
    assert_eq!(bakery.input.address, "5 Rue Lenepveu");
    assert_eq!(bakery.input.postcode, "49100");
    assert_eq!(bakery.commune.as_deref(), Some("Angers"));
    assert_eq!(bakery.input.phone, "+33241871234");
    assert_eq!(bakery.input.opening_hours, "Tu-Sa 07:00-19:30; Su 07:00-13:00");
    assert_eq!(bakery.input.amenities, vec![Amenity::Wheelchair]);
    assert_eq!(bakery.input.social, vec!["https://www.instagram.com/boulangerie_ralliement".to_owned()]);
    assert_eq!(bakery.siret.as_deref(), Some("81234567800014"));
    assert!(near(bakery.input.point, 47.47172, -0.55268));

    let cafe = by_id(&listings, "node/1002");
    assert_eq!(cafe.input.category.as_deref(), Some("cafe-bar"));
    assert_eq!(cafe.input.amenities, vec![Amenity::ClickCollect]);
    assert_eq!(cafe.input.tags, vec!["coffee shop".to_owned(), "breakfast".to_owned()]);
    assert_eq!(by_id(&listings, "node/1003").input.kind, Some(ListingKind::Service));
    assert_eq!(by_id(&listings, "node/1003").input.email, "contact@coupe-doutre.example.fr");
    let town_hall = by_id(&listings, "node/1004");
    assert_eq!(town_hall.input.kind, Some(ListingKind::PublicService));
    assert_eq!(town_hall.input.category.as_deref(), Some("mairie-services-publics"));
    assert_eq!(town_hall.input.address, "Boulevard de la Résistance et de la Déportation");

    let bookshop = by_id(&listings, "way/3001");
    assert_eq!(bookshop.input.category.as_deref(), Some("librairie-papeterie"));
    assert!(near(bookshop.input.point, 47.47305, -0.5558), "{:?}", bookshop.input.point);

    assert_eq!(stats.imported, 6);
    assert_eq!(stats.skipped(SkipReason::NoName), 1);
    assert_eq!(stats.skipped(SkipReason::Vacant), 1);
    assert_eq!(stats.skipped(SkipReason::NotAPlace), 5, "the bench and the four corners");
    assert_eq!(stats.read, 13);
}

#[test]
fn pbf_plain_nodes_give_the_same_listings() {
    let (dense, _) = import_pbf("angers-dense.osm.pbf", OsmOptions::default());
    let (plain, _) = import_pbf("angers-plain.osm.pbf", OsmOptions::default());
    assert_eq!(
        format!("{:?}", dense.iter().map(|l| &l.input).collect::<Vec<_>>()),
        format!("{:?}", plain.iter().map(|l| &l.input).collect::<Vec<_>>())
    );
}

#[test]
fn pbf_way_position_from_locations_on_ways() {
    let (listings, stats) = import_pbf("angers-locations.osm.pbf", OsmOptions::default());
    assert!(near(by_id(&listings, "way/3001").input.point, 47.47305, -0.5558));
    assert_eq!(stats.skipped(SkipReason::NotAPlace), 1, "no corner nodes in this file");
}

#[test]
fn pbf_area_filter() {
    let (listings, stats) = import_pbf("angers-dense.osm.pbf", OsmOptions { area: Some(ANGERS) });
    assert!(listings.iter().all(|l| l.commune.as_deref() == Some("Angers")));
    assert_eq!(listings.len(), 5);
    assert_eq!(stats.skipped(SkipReason::OutsideArea), 1, "the wine shop in Saumur");
}

/// A small real extract (Kotka, Finland; © OpenStreetMap contributors, ODbL) copied from
/// pyrosm. Expected values checked with pyosmium.
#[test]
fn pbf_real_extract() {
    let (listings, stats) = import_pbf("pyrosm-test.osm.pbf", OsmOptions::default());
    let ids: Vec<&str> = listings.iter().map(|l| l.input.source_id.as_str()).collect();
    assert_eq!(ids, ["node/1324225782", "node/1926683699", "node/4891821852", "way/221819567"]);
    assert_eq!(by_id(&listings, "node/1324225782").input.category.as_deref(), Some("epicerie"));
    assert_eq!(by_id(&listings, "node/1926683699").input.category.as_deref(), Some("garage-automobile"));
    assert_eq!(by_id(&listings, "node/1926683699").input.kind, Some(ListingKind::Craft));
    assert_eq!(by_id(&listings, "node/4891821852").input.category.as_deref(), Some("cours-formation"));
    let garden = by_id(&listings, "way/221819567");
    assert_eq!(garden.input.name, "Piispan Puutarha");
    assert_eq!(garden.input.category.as_deref(), Some("jardinerie"));
    assert_eq!(garden.input.address, "9 Ristikalliontie");
    assert_eq!(garden.input.phone, "+3585288824");
    assert!(near(garden.input.point, 60.527_149_15, 26.952_786_725), "{:?}", garden.input.point);
    assert_eq!(stats.read, 14222 + 2653 + 5);
    assert_eq!(stats.skipped(SkipReason::Relation), 0);
}

#[test]
fn pbf_garbage_is_a_fatal_error() {
    let reader =
        OsmPbfReader::new(std::io::Cursor::new(b"not a pbf file at all".to_vec()), &categories(), OsmOptions::default()).expect("open");
    let items: Vec<_> = reader.collect();
    assert!(items.iter().any(Result::is_err), "{items:?}");
}

#[test]
fn overpass_json() {
    let file = BufReader::new(File::open(fixture("overpass-angers.json")).expect("fixture"));
    let mut reader = OverpassReader::new(file, &categories(), OsmOptions::default());
    let (listings, rejections) = drain(reader.by_ref());
    let ids: Vec<&str> = listings.iter().map(|l| l.input.source_id.as_str()).collect();
    assert_eq!(ids, ["node/1001", "way/3001", "way/3002", "relation/4001"]);
    assert!(near(by_id(&listings, "way/3001").input.point, 47.47305, -0.5558));
    let epn = by_id(&listings, "way/3002");
    assert!(near(epn.input.point, 47.4785, -0.541), "centroid of the geometry: {:?}", epn.input.point);
    assert_eq!(epn.input.kind, Some(ListingKind::Mediation));
    assert_eq!(epn.input.category.as_deref(), Some("espace-public-numerique"));
    let library = by_id(&listings, "relation/4001");
    assert_eq!(library.input.kind, Some(ListingKind::PublicService));
    assert_eq!(library.input.address, "49 Rue Toussaint");

    assert_eq!(rejections.len(), 2, "{rejections:?}");
    assert_eq!(rejections[0].location, "node 1009");
    assert!(rejections[0].reason.contains("invalid coordinates"), "{}", rejections[0].reason);
    assert_eq!(rejections[1].location, "element 4 (line 49)");
    assert_eq!(rejections[1].reason, "invalid element: invalid type: string \"oops\", expected i64");
    let stats = reader.stats();
    assert_eq!((stats.read, stats.imported, stats.rejected, stats.skipped(SkipReason::NotAPlace)), (7, 4, 2, 1));
}

#[test]
fn overpass_broken_document_is_fatal() {
    let reader = OverpassReader::new(
        &b"{\"elements\": [{\"type\": \"node\", \"id\": 1} {\"type\": \"node\"}]}"[..],
        &categories(),
        OsmOptions::default(),
    );
    let items: Vec<_> = reader.collect();
    assert!(matches!(items.last(), Some(Err(tremplin_interchange::InterchangeError::Json { line: 1, .. }))), "{items:?}");
}
