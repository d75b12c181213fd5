//! Imports through the same use case as every change: idempotent, with a report, rejections
//! explained by line, a dry run that saves nothing, and hand-edited fields kept.

use crate::helpers::TestApp;
use std::path::PathBuf;
use tremplin::import::{Format, Options, run};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../interchange/tests/fixtures").join(name)
}

async fn angers(app: &TestApp) {
    app.commune_territory("angers", "Angers", "49007").await;
}

async fn mediation_places_import_once_and_explain_rejections(mut app: TestApp) {
    let path = fixture("mediation-lieux.csv");
    let dry = run(&app.db, &app.clock, Format::Mediation, &path, &Options { dry_run: true, ..Options::default() }).await.expect("dry run");
    assert!(dry.new > 0, "{dry:?}");
    assert_eq!(app.count("listings").await, 0, "a dry run saves nothing");
    let first = run(&app.db, &app.clock, Format::Mediation, &path, &Options::default()).await.expect("import");
    assert_eq!(first.created, dry.new);
    assert!(!first.rejected.is_empty(), "the fixture has a malformed line");
    assert!(first.rejected.iter().all(|r| r.location.starts_with("line ")), "{:?}", first.rejected);
    let again = run(&app.db, &app.clock, Format::Mediation, &path, &Options::default()).await.expect("import again");
    assert_eq!((again.created, again.updated, again.unchanged), (0, 0, first.created), "re-importing changes nothing");
    let dry_again =
        run(&app.db, &app.clock, Format::Mediation, &path, &Options { dry_run: true, ..Options::default() }).await.expect("dry run");
    assert_eq!((dry_again.new, dry_again.known), (0, first.created));
    let found = app.get("/api/v1/listings?kind=mediation&place=Angers").await.json();
    assert!(found["total"].as_u64().expect("total") >= 1, "{found}");
}

async fn sirene_needs_a_territory_and_keeps_its_communes(app: TestApp) {
    let path = fixture("StockEtablissement_extract.csv");
    assert!(run(&app.db, &app.clock, Format::Sirene, &path, &Options::default()).await.is_err(), "the national file needs a territory");
    angers(&app).await;
    let report = run(&app.db, &app.clock, Format::Sirene, &path, &Options { territory: Some("angers".into()), ..Options::default() })
        .await
        .expect("import");
    assert!(report.created > 0, "{report:?}");
    assert!(report.rejected.iter().any(|r| r.location == "line 6"), "the malformed line is named: {:?}", report.rejected);
    assert!(report.skipped.contains_key("closed") || report.skipped.contains_key("outside_communes"), "{:?}", report.skipped);
    let communes: Vec<String> = match &app.db {
        tremplin_store::Db::Sqlite(pool) => sqlx::query_scalar("SELECT DISTINCT insee FROM listings").fetch_all(pool).await.expect("insee"),
        tremplin_store::Db::Pg(pool) => sqlx::query_scalar("SELECT DISTINCT insee FROM listings").fetch_all(pool).await.expect("insee"),
    };
    assert_eq!(communes, vec!["49007"]);
    let text = report.to_text(false);
    assert!(text.starts_with(&format!("created {}", report.created)));
}

async fn openstreetmap_overpass_and_pbf(app: TestApp) {
    let overpass = run(&app.db, &app.clock, Format::Osm, &fixture("overpass-angers.json"), &Options::default()).await.expect("overpass");
    assert!(overpass.created > 0, "{overpass:?}");
    let pbf = run(&app.db, &app.clock, Format::Osm, &fixture("angers-dense.osm.pbf"), &Options::default()).await.expect("pbf");
    assert!(pbf.created + pbf.updated + pbf.unchanged > 0, "{pbf:?}");
    let total = app.count("listings").await;
    let again = run(&app.db, &app.clock, Format::Osm, &fixture("overpass-angers.json"), &Options::default()).await.expect("overpass again");
    assert_eq!(again.created, 0);
    assert_eq!(app.count("listings").await, total);
}

crate::both_engines!(
    mediation_places_import_once_and_explain_rejections,
    sirene_needs_a_territory_and_keeps_its_communes,
    openstreetmap_overpass_and_pbf
);
