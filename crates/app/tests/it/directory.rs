//! The directory: search by words, place, filters and opening hours; listing pages; the
//! opening-hours API.

use crate::helpers::TestApp;
use axum::http::StatusCode;
use chrono::NaiveDateTime;
use tremplin_domain::directory::hours::from_paris_local;
use tremplin_domain::directory::{Amenity, ListingInput, ListingKind, UpsertOutcome, save_listing};
use tremplin_kernel::GeoPoint;

const ANGERS: (f64, f64) = (47.4711, -0.5473);
const SAUMUR: (f64, f64) = (47.2600, -0.0769);

struct Seed<'a> {
    name: &'a str,
    kind: ListingKind,
    category: &'a str,
    at: (f64, f64),
    insee: &'a str,
    hours: &'a str,
    amenities: &'a [Amenity],
}

async fn seed(app: &TestApp, s: Seed<'_>) -> UpsertOutcome {
    let input = ListingInput {
        source: "test".into(),
        source_id: format!("{}-{}", s.name, s.insee),
        kind: Some(s.kind),
        name: s.name.into(),
        description: "Une adresse du quartier.".into(),
        address: "1 rue Lenepveu".into(),
        postcode: "49000".into(),
        insee: Some(s.insee.into()),
        point: GeoPoint::new(s.at.0, s.at.1),
        category: Some(s.category.into()),
        opening_hours: s.hours.into(),
        amenities: s.amenities.to_vec(),
        ..ListingInput::default()
    };
    save_listing(&app.db, &input, Some(s.category), Some("Angers"), 0).await.expect("saved")
}

fn local(text: &str) -> chrono::DateTime<chrono::Utc> {
    from_paris_local(NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").expect("date"))
}

async fn names(app: &mut TestApp, query: &str) -> Vec<String> {
    let response = app.get(&format!("/api/v1/listings?{query}")).await;
    response.assert_status(StatusCode::OK);
    response.json()["items"].as_array().expect("items").iter().map(|i| i["name"].as_str().expect("name").to_owned()).collect()
}

async fn sample(app: &TestApp) {
    let shop = ListingKind::Shop;
    seed(
        app,
        Seed {
            name: "Boulangerie du Centre",
            kind: shop,
            category: "boulangerie-patisserie",
            at: ANGERS,
            insee: "49007",
            hours: "Mo-Sa 07:00-19:00; PH off",
            amenities: &[Amenity::ClickCollect],
        },
    )
    .await;
    seed(
        app,
        Seed {
            name: "Boulangerie de la Gare",
            kind: shop,
            category: "boulangerie-patisserie",
            at: (47.4650, -0.5560),
            insee: "49007",
            hours: "Tu-Su 06:30-13:00",
            amenities: &[Amenity::ClickCollect, Amenity::Delivery],
        },
    )
    .await;
    seed(
        app,
        Seed {
            name: "Boulangerie Saumuroise",
            kind: shop,
            category: "boulangerie-patisserie",
            at: SAUMUR,
            insee: "49328",
            hours: "Mo-Su 07:00-19:00",
            amenities: &[],
        },
    )
    .await;
    seed(
        app,
        Seed {
            name: "Le Bar de Nuit",
            kind: ListingKind::Service,
            category: "cafe-bar",
            at: (47.4720, -0.5500),
            insee: "49007",
            hours: "Mo-Su 18:00-02:00",
            amenities: &[Amenity::Wheelchair],
        },
    )
    .await;
    seed(
        app,
        Seed {
            name: "Réparation Téléphones Express",
            kind: ListingKind::Craft,
            category: "reparation-informatique-telephones",
            at: (47.4700, -0.5480),
            insee: "49007",
            hours: "",
            amenities: &[],
        },
    )
    .await;
}

async fn words_ignore_case_accents_plurals_and_a_typo(mut app: TestApp) {
    sample(&app).await;
    for q in ["boulangerie", "BOULANGERIES", "boulang", "Boulangérie", "boulangeie"] {
        let found = names(&mut app, &format!("q={q}")).await;
        assert_eq!(found.len(), 3, "{q}: {found:?}");
    }
    let typo = app.get("/api/v1/listings?q=boulangeie").await.json();
    assert_eq!(typo["corrections"][0][1], "boulangerie");
    assert_eq!(names(&mut app, "q=telephone").await, vec!["Réparation Téléphones Express"]);
    assert_eq!(names(&mut app, "q=boulangerie%20gare").await, vec!["Boulangerie de la Gare"]);
    assert!(names(&mut app, "q=zzzzzz").await.is_empty());
}

async fn near_a_place_ranked_by_distance(mut app: TestApp) {
    sample(&app).await;
    let near_angers = names(&mut app, "q=boulangerie&place=Angers&radius_km=10").await;
    assert_eq!(near_angers, vec!["Boulangerie du Centre", "Boulangerie de la Gare"], "Saumur is 50 km away");
    let by_postcode = names(&mut app, "q=boulangerie&place=49400&radius_km=5").await;
    assert_eq!(by_postcode, vec!["Boulangerie Saumuroise"]);
    let everything_near = app.get("/api/v1/listings?lat=47.4711&lon=-0.5473&radius_km=2").await.json();
    let distances: Vec<f64> =
        everything_near["items"].as_array().expect("items").iter().map(|i| i["distance_km"].as_f64().expect("distance")).collect();
    assert_eq!(distances.len(), 4);
    assert!(distances.windows(2).all(|w| w[0] <= w[1]), "nearest first: {distances:?}");
    assert_eq!(distances[0], 0.0);
}

async fn filters_category_kind_and_services(mut app: TestApp) {
    sample(&app).await;
    assert_eq!(names(&mut app, "category=cafe-bar").await, vec!["Le Bar de Nuit"]);
    assert_eq!(names(&mut app, "kind=craft").await, vec!["Réparation Téléphones Express"]);
    assert_eq!(names(&mut app, "service=click_collect").await.len(), 2);
    assert_eq!(names(&mut app, "service=click_collect&service=delivery").await, vec!["Boulangerie de la Gare"]);
    let bad =
        app.get("/api/v1/listings?radius_km=1000&category=inconnue&service=teleportation&kind=x&open_at=demain&page=0&lat=95&lon=0").await;
    bad.assert_status(StatusCode::BAD_REQUEST);
    let fields = bad.json()["error"]["fields"].clone();
    for field in ["radius_km", "category", "service", "kind", "open_at", "page", "lat"] {
        assert!(fields[field].is_string(), "{field} explained: {fields}");
    }
    let unknown_place = app.get("/api/v1/listings?place=Nullepart-sur-Rien").await;
    unknown_place.assert_status(StatusCode::BAD_REQUEST);
    assert!(unknown_place.json()["error"]["fields"]["place"].as_str().expect("message").contains("introuvable"));
}

async fn open_now_across_holidays_and_midnight(mut app: TestApp) {
    sample(&app).await;
    // Christmas 2026 is a Friday: "PH off" closes the first bakery, the second is open on Fridays.
    let christmas = names(&mut app, "q=boulangerie&place=Angers&open_at=2026-12-25T10:00").await;
    assert_eq!(christmas, vec!["Boulangerie de la Gare"]);
    let eve = names(&mut app, "q=boulangerie&place=Angers&open_at=2026-12-24T10:00").await;
    assert_eq!(eve.len(), 2);
    assert_eq!(names(&mut app, "category=cafe-bar&open_at=2026-11-27T01:30").await, vec!["Le Bar de Nuit"]);
    assert!(names(&mut app, "category=cafe-bar&open_at=2026-11-27T02:30").await.is_empty());
    // "Open now" follows the clock; listings without hours are never "open".
    app.clock.set(local("2026-11-26 23:00"));
    assert_eq!(names(&mut app, "open_now=true").await, vec!["Le Bar de Nuit"]);
    app.clock.set(local("2026-11-26 10:00"));
    let morning = app.get("/api/v1/listings?open_now=true&place=Angers").await.json();
    assert_eq!(morning["total"], 2, "the bakeries, not the bar: {morning}");
    assert_eq!(morning["items"][0]["next_change"], "2026-11-26T19:00:00");
    assert_eq!(morning["at"], "2026-11-26T10:00:00");
}

async fn results_are_paged(mut app: TestApp) {
    for i in 0..25 {
        let name = format!("Fleuriste numéro {i:02}");
        seed(
            &app,
            Seed { name: &name, kind: ListingKind::Shop, category: "fleuriste", at: ANGERS, insee: "49007", hours: "", amenities: &[] },
        )
        .await;
    }
    let first = app.get("/api/v1/listings?q=fleuriste").await.json();
    assert_eq!((first["total"].as_u64(), first["items"].as_array().map(Vec::len)), (Some(25), Some(20)));
    let second = app.get("/api/v1/listings?q=fleuriste&page=2").await.json();
    assert_eq!(second["items"].as_array().map(Vec::len), Some(5));
    let page = app.get("/annuaire?q=fleuriste&service=wheelchair&page=1").await;
    assert!(page.body.contains("Aucun résultat"));
    let page = app.get("/annuaire?q=fleuriste").await;
    assert!(page.body.contains("rel=\"next\""));
    let next = page.body.split("rel=\"next\"").next().and_then(|before| before.rsplit("href=\"").next()).unwrap_or_default().to_owned();
    assert!(next.starts_with("/annuaire?q=fleuriste&") && next.contains("page=2"), "filters kept in the next link: {next}");
}

async fn saving_is_idempotent_and_slugs_are_unique(app: TestApp) {
    let s = || Seed {
        name: "Fromagerie Martin",
        kind: ListingKind::Shop,
        category: "fromagerie",
        at: ANGERS,
        insee: "49007",
        hours: "Tu-Sa 09:00-19:00",
        amenities: &[],
    };
    assert_eq!(seed(&app, s()).await, UpsertOutcome::Created);
    assert_eq!(seed(&app, s()).await, UpsertOutcome::Unchanged);
    assert_eq!(seed(&app, Seed { hours: "Tu-Sa 09:00-19:30", ..s() }).await, UpsertOutcome::Updated);
    assert_eq!(app.count("listings").await, 1);
    // Same name in the same commune from another source: another slug.
    let other = ListingInput {
        source: "other".into(),
        source_id: "1".into(),
        name: "Fromagerie Martin".into(),
        insee: Some("49007".into()),
        ..ListingInput::default()
    };
    save_listing(&app.db, &other, None, None, 0).await.expect("saved");
    let slugs: Vec<String> = match &app.db {
        tremplin_store::Db::Sqlite(pool) => {
            sqlx::query_scalar("SELECT slug FROM listings ORDER BY id").fetch_all(pool).await.expect("slugs")
        }
        tremplin_store::Db::Pg(pool) => sqlx::query_scalar("SELECT slug FROM listings ORDER BY id").fetch_all(pool).await.expect("slugs"),
    };
    assert_eq!(slugs, vec!["fromagerie-martin-49007", "fromagerie-martin-49007-2"]);
}

async fn listing_page_with_schema_org_data(mut app: TestApp) {
    sample(&app).await;
    app.clock.set(local("2026-11-26 10:00"));
    let page = app.get("/annuaire/boulangerie-du-centre-49007").await;
    page.assert_status(StatusCode::OK);
    assert!(page.body.contains("<h1>Boulangerie du Centre</h1>"));
    assert!(page.body.contains("Ouvert · jusqu&#39;à 19:00") || page.body.contains("Ouvert · jusqu&#x27;à 19:00"), "{}", page.body);
    assert!(page.body.contains("<script type=\"application/ld+json\">"));
    let start = page.body.find("application/ld+json\">").expect("json-ld") + "application/ld+json\">".len();
    let end = page.body[start..].find("</script>").expect("end") + start;
    let data: serde_json::Value = serde_json::from_str(&page.body[start..end]).expect("valid JSON-LD");
    assert_eq!(data["@type"], "Store");
    assert_eq!(data["address"]["postalCode"], "49000");
    assert_eq!(data["geo"]["latitude"], ANGERS.0);
    assert!(page.body.contains("Jeudi 26/11"), "week table");
    app.get("/annuaire/inconnue").await.assert_status(StatusCode::NOT_FOUND);
    let api = app.get("/api/v1/listings/boulangerie-du-centre-49007").await.json();
    assert_eq!(api["amenities"][0], "click_collect");
    app.get("/api/v1/listings/inconnue").await.assert_status(StatusCode::NOT_FOUND);
}

async fn search_page_works_without_javascript(mut app: TestApp) {
    sample(&app).await;
    let page = app.get("/annuaire?q=boulangerie&place=Angers&radius_km=5&service=click_collect").await;
    page.assert_status(StatusCode::OK);
    assert!(page.body.contains("2 résultats"), "{}", page.body);
    assert!(page.body.contains("href=\"/annuaire/boulangerie-du-centre-49007\""));
    assert!(page.body.contains("value=\"boulangerie\"") && page.body.contains("value=\"Angers\""), "filters kept");
    assert!(page.body.contains("value=\"5\" selected"));
    assert!(page.body.contains("value=\"click_collect\" checked"));
    assert!(page.body.contains("<svg viewBox=\"0 0 600 400\" role=\"img\""), "map drawn on the server");
    assert!(page.body.contains("Autour de Angers (49000)"));
    let bad = app.get("/annuaire?q=pain&place=Nullepart-sur-Rien").await;
    bad.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("role=\"alert\"") && bad.body.contains("introuvable"));
    assert!(bad.body.contains("value=\"Nullepart-sur-Rien\""), "input kept");
}

async fn opening_hours_api(mut app: TestApp) {
    let ok = app.get("/api/v1/opening-hours?value=Mo-Fr%2009:00-18:00%3B%20PH%20off&at=2026-12-25T10:00").await;
    ok.assert_status(StatusCode::OK);
    let json = ok.json();
    assert_eq!(json["valid"], true);
    assert_eq!(json["is_open"], false, "Christmas");
    assert_eq!(json["next_change"], "2026-12-28T09:00:00");
    assert_eq!(json["week"].as_array().map(Vec::len), Some(7));
    let bad = app.get("/api/v1/opening-hours?value=Lu-Ve%209h-18h").await;
    bad.assert_status(StatusCode::BAD_REQUEST);
    assert_eq!(bad.json()["valid"], false);
    assert!(!bad.json()["error"]["message"].as_str().expect("message").is_empty());
    app.get("/api/v1/opening-hours?value=24/7&at=tomorrow").await.assert_status(StatusCode::BAD_REQUEST);
}

async fn bulk_generated_listings_are_searchable(mut app: TestApp) {
    use tremplin_domain::directory::generator::{Place, generate};
    use tremplin_domain::directory::{DirectoryRepo, NewListingRow, index_words};
    let categories = app.db.categories().await.expect("categories");
    let places =
        vec![Place { insee: "49007".into(), postcode: "49000".into(), point: GeoPoint { lat: ANGERS.0, lon: ANGERS.1 }, population: 1 }];
    // The index is built before the bulk insert, which it then reads as a batch of changes.
    assert_eq!(app.get("/api/v1/listings?place=Angers").await.json()["total"], 0);
    let rows: Vec<NewListingRow> = generate(&categories, &places, 300, 1)
        .into_iter()
        .enumerate()
        .map(|(i, input)| {
            let (search_name, search_body) = index_words(&input, None, Some("Angers"));
            NewListingRow { slug: format!("bulk-{i}"), input, search_name, search_body }
        })
        .collect();
    assert_eq!(app.db.insert_new_listings(&rows, 0).await.expect("inserted"), 300);
    assert_eq!(app.db.count_from_source("demo").await.expect("count"), 300);
    let near = app.get("/api/v1/listings?place=Angers&radius_km=3").await.json();
    assert_eq!(near["total"], 300, "all within 1.5 km of the town hall");
    let all = app.get("/api/v1/listings?q=angers").await.json();
    assert_eq!(all["total"], 300, "the commune's name is indexed");
    assert_eq!(all["items"].as_array().map(Vec::len), Some(20));
}

/// The index of an instance follows every change committed to the database, whoever made it:
/// new, changed and unpublished listings are found (or not) by the next search, and a batch
/// of changes larger than the index can absorb makes it rebuild.
async fn search_follows_every_change(mut app: TestApp) {
    use tremplin_domain::directory::generator::{Place, generate};
    use tremplin_domain::directory::{DirectoryRepo, NewListingRow, index_words};
    sample(&app).await;
    assert!(names(&mut app, "q=fromagerie").await.is_empty());
    let cheese = |name: &str| ListingInput {
        source: "test".into(),
        source_id: "fromagerie-1".into(),
        kind: Some(ListingKind::Shop),
        name: name.into(),
        insee: Some("49007".into()),
        point: GeoPoint::new(ANGERS.0, ANGERS.1),
        ..ListingInput::default()
    };
    save_listing(&app.db, &cheese("Fromagerie Martin"), None, Some("Angers"), 1).await.expect("saved");
    assert_eq!(names(&mut app, "q=fromagerie&place=Angers").await, vec!["Fromagerie Martin"]);
    save_listing(&app.db, &cheese("Crèmerie Martin"), None, Some("Angers"), 2).await.expect("saved");
    assert!(names(&mut app, "q=fromagerie").await.is_empty(), "the old name is forgotten");
    assert_eq!(names(&mut app, "q=cremerie").await, vec!["Crèmerie Martin"]);
    assert_eq!(names(&mut app, "q=cremrie").await, vec!["Crèmerie Martin"], "a new word is known to typo correction");
    // A proposal by the public is found only once a manager publishes it.
    let mut proposal = cheese("Épicerie Proposée");
    proposal.source_id = "proposal-1".into();
    proposal.pending = true;
    save_listing(&app.db, &proposal, None, Some("Angers"), 3).await.expect("saved");
    assert!(names(&mut app, "q=epicerie").await.is_empty());
    let listing = app.db.index_rows(None, 0, 100).await.expect("rows").into_iter().find(|r| r.name == "Épicerie Proposée").expect("row");
    use tremplin_domain::directory::ownership::OwnershipRepo;
    assert!(app.db.decide_listing(listing.id, true, 4).await.expect("decided"));
    assert_eq!(names(&mut app, "q=epicerie").await, vec!["Épicerie Proposée"]);
    // 2,100 listings at once: more than the overlay takes (2,000 + 5 %), the index rebuilds.
    let categories = app.db.categories().await.expect("categories");
    let places =
        vec![Place { insee: "49328".into(), postcode: "49400".into(), point: GeoPoint { lat: SAUMUR.0, lon: SAUMUR.1 }, population: 1 }];
    let rows: Vec<NewListingRow> = generate(&categories, &places, 2_100, 7)
        .into_iter()
        .enumerate()
        .map(|(i, input)| {
            let (search_name, search_body) = index_words(&input, None, Some("Saumur"));
            NewListingRow { slug: format!("bulk-{i}"), input, search_name, search_body }
        })
        .collect();
    assert_eq!(app.db.insert_new_listings(&rows, 5).await.expect("inserted"), 2_100);
    assert_eq!(app.get("/api/v1/listings?q=saumur").await.json()["total"], 2_101, "2,100 and the Saumur bakery");
    assert_eq!(names(&mut app, "q=cremerie").await, vec!["Crèmerie Martin"]);
}

crate::both_engines!(
    search_follows_every_change,
    bulk_generated_listings_are_searchable,
    words_ignore_case_accents_plurals_and_a_typo,
    near_a_place_ranked_by_distance,
    filters_category_kind_and_services,
    open_now_across_holidays_and_midnight,
    results_are_paged,
    saving_is_idempotent_and_slugs_are_unique,
    listing_page_with_schema_org_data,
    search_page_works_without_javascript,
    opening_hours_api,
);
