//! Open-data exports per territory: each format parses, and what is exported reads back equal.

use crate::helpers::TestApp;
use axum::http::{StatusCode, header};
use std::path::PathBuf;
use tremplin::import::{Format, Options, run};
use tremplin_domain::directory::DirectoryRepo;
use tremplin_domain::territories::TerritoryRepo;
use tremplin_interchange::listings_csv::ListingCsvReader;
use tremplin_interchange::mediation::MediationCsvReader;

async fn exports_read_back_equal(mut app: TestApp) {
    app.commune_territory("angers", "Angers", "49007").await;
    let fixtures = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../interchange/tests/fixtures");
    run(&app.db, &app.clock, Format::Mediation, &fixtures.join("mediation-lieux.csv"), &Options::default()).await.expect("mediation");
    run(&app.db, &app.clock, Format::Osm, &fixtures.join("overpass-angers.json"), &Options::default()).await.expect("osm");
    let in_angers = app.get("/api/v1/listings?place=Angers&radius_km=20").await.json()["total"].as_u64().expect("total");
    assert!(in_angers > 2);

    let page = app.get("/donnees").await;
    page.assert_status(StatusCode::OK);
    assert!(page.body.contains("href=\"/donnees/angers/annuaire.geojson\"") && page.body.contains("Licence Ouverte"));

    let geojson = app.get("/donnees/angers/annuaire.geojson").await;
    geojson.assert_status(StatusCode::OK);
    assert_eq!(geojson.headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()), Some("application/geo+json"));
    let json = geojson.json();
    assert_eq!(json["type"], "FeatureCollection");
    let features = json["features"].as_array().expect("features");
    assert!(!features.is_empty());
    for feature in features.iter().filter(|f| !f["geometry"].is_null()) {
        let coordinates = &feature["geometry"]["coordinates"];
        let (lon, lat) = (coordinates[0].as_f64().expect("lon"), coordinates[1].as_f64().expect("lat"));
        assert!((-1.0..0.0).contains(&lon) && (47.0..48.0).contains(&lat), "[lon, lat] order: {coordinates}");
    }

    let csv = app.get("/donnees/angers/annuaire.csv").await;
    csv.assert_status(StatusCode::OK);
    let mut read_back: Vec<String> = ListingCsvReader::new(csv.body.as_bytes(), None)
        .expect("csv header")
        .filter_map(|item| item.ok().and_then(|i| i.ok()))
        .map(|l| l.input.name)
        .collect();
    let mut exported: Vec<String> = Vec::new();
    let mut after = 0;
    loop {
        let communes = app.db.all_communes_of(app.db.territory_by_slug("angers").await.expect("t").expect("t").id).await.expect("communes");
        let page = app.db.listings_after(after, 100, Some(&communes)).await.expect("page");
        if page.is_empty() {
            break;
        }
        after = page.last().map(|l| l.id).unwrap_or(after);
        exported.extend(page.into_iter().map(|l| l.name));
    }
    read_back.sort();
    exported.sort();
    assert_eq!(read_back, exported, "the CSV reads back equal");
    assert_eq!(features.len(), exported.len());

    let mediation = app.get("/donnees/angers/lieux-de-mediation-numerique.csv").await;
    mediation.assert_status(StatusCode::OK);
    let categories = app.db.categories().await.expect("categories");
    let places: Vec<String> = MediationCsvReader::new(mediation.body.as_bytes(), &categories)
        .expect("header")
        .filter_map(|i| i.ok().and_then(|i| i.ok()))
        .map(|l| l.input.name)
        .collect();
    assert!(!places.is_empty(), "{}", mediation.body);
    assert!(places.iter().all(|p| exported.contains(p)));

    let jsonld = app.get("/donnees/angers/annuaire.jsonld").await;
    assert_eq!(jsonld.json()["@context"], "https://schema.org");
    app.get("/donnees/angers/annuaire.xls").await.assert_status(StatusCode::NOT_FOUND);
    app.get("/donnees/nulle-part/annuaire.csv").await.assert_status(StatusCode::NOT_FOUND);
}

crate::both_engines!(exports_read_back_equal);
