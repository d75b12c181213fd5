//! Matching through the router on both engines: on a known set of actors the page
//! `/ecosysteme` and the API `/api/v1/ecosystem/matches` give the same, expected order
//! (vocabulary before free words, then sector, stage and distance, then name), explain each
//! rank in French and in English, leave out the seeker's own profile and hidden or suspended
//! ones, filter by kind and territory, and refuse bad parameters.

use crate::eco_fixtures::{ANGERS, AVRILLE, SAUMUR, actor, offering};
use crate::events_staff::account;
use crate::helpers::TestApp;
use crate::stats_fixtures::tree;
use axum::http::StatusCode;
use tremplin_domain::ecosystem::{ActorKind, ActorProfile, ActorRepo, ActorStatus, Sector, Stage, Topic};
use tremplin_kernel::Clock;

const QUERY: &str = "need=mentoring&sector=retail&stage=launch&commune=49007";
const PAGE_QUERY: &str = "besoin=mentoring&secteur=retail&stade=launch&commune=49007";

/// The expected order for [`QUERY`] as the seeker (Alex) sees it.
const EXPECTED: [&str; 7] =
    ["claude-mentor", "bernard-conseil", "anne-commerce", "denis-industrie", "emma-loin", "zoe-pareil", "fanny-mots"];

/// An actor of the Saumur territory (the fixture's are all in Angers).
async fn in_saumur(app: &mut TestApp, email: &str, slug: &str, profile: &ActorProfile, saumur: i64) {
    let user_id = account(app, email, None).await;
    app.db.create_actor(user_id, saumur, slug, profile, app.clock.now_ts()).await.expect("actor");
}

/// The known set; the seeker Alex is logged in at the end.
async fn known_set(app: &mut TestApp) {
    let ids = tree(app).await;
    let m = [Topic::Mentoring];
    actor(
        app,
        "claude@example.org",
        "claude-mentor",
        &offering(ActorKind::Mentor, "Claude Mentor", AVRILLE, &m, &[Sector::Retail, Sector::Food], &[Stage::Idea, Stage::Launch]),
    )
    .await;
    in_saumur(
        app,
        "bernard@example.org",
        "bernard-conseil",
        &offering(ActorKind::Mentor, "Bernard Conseil", SAUMUR, &m, &[Sector::Retail], &[Stage::Launch]),
        ids.saumur,
    )
    .await;
    actor(
        app,
        "anne@example.org",
        "anne-commerce",
        &offering(ActorKind::Firm, "Anne Commerce", ANGERS, &m, &[Sector::Retail], &[Stage::Established]),
    )
    .await;
    actor(
        app,
        "denis@example.org",
        "denis-industrie",
        &offering(ActorKind::Mentor, "Denis Industrie", ANGERS, &m, &[Sector::Industry], &[Stage::Launch]),
    )
    .await;
    in_saumur(app, "emma@example.org", "emma-loin", &offering(ActorKind::Mentor, "Emma Loin", SAUMUR, &m, &[], &[]), ids.saumur).await;
    in_saumur(app, "zoe@example.org", "zoe-pareil", &offering(ActorKind::Mentor, "Zoé Pareil", SAUMUR, &m, &[], &[]), ids.saumur).await;
    let mut words = offering(ActorKind::Association, "Fanny Mots", ANGERS, &[], &[Sector::Retail], &[Stage::Launch]);
    words.offer_words = "Parrainage de créateurs par des commerçants".into();
    actor(app, "fanny@example.org", "fanny-mots", &words).await;
    let hidden =
        ActorProfile { visible: false, ..offering(ActorKind::Mentor, "Gilles Caché", ANGERS, &m, &[Sector::Retail], &[Stage::Launch]) };
    actor(app, "gilles@example.org", "gilles-cache", &hidden).await;
    let suspended = actor(
        app,
        "hugo@example.org",
        "hugo-suspendu",
        &offering(ActorKind::Mentor, "Hugo Suspendu", ANGERS, &m, &[Sector::Retail], &[Stage::Launch]),
    )
    .await;
    app.db.set_actor_status(suspended.id, ActorStatus::Suspended, "spam", app.clock.now_ts()).await.expect("suspend");
    actor(
        app,
        "iris@example.org",
        "iris-financement",
        &offering(ActorKind::Funder, "Iris Financement", ANGERS, &[Topic::Funding], &[Sector::Retail], &[Stage::Launch]),
    )
    .await;
    // The seeker offers mentoring among peers: never matched with themselves.
    let mut alex = offering(ActorKind::Project, "Alex Projet", ANGERS, &m, &[Sector::Retail], &[Stage::Launch]);
    alex.needs = vec![Topic::Mentoring, Topic::Premises];
    actor(app, "alex@example.org", "alex-projet", &alex).await;
}

fn api_slugs(json: &serde_json::Value) -> Vec<String> {
    json["results"].as_array().expect("results").iter().map(|r| r["actor"]["slug"].as_str().expect("slug").to_owned()).collect()
}

fn page_slugs(body: &str) -> Vec<String> {
    body.split("<h3><a href=\"/ecosysteme/acteurs/").skip(1).map(|rest| rest.split('"').next().unwrap_or_default().to_owned()).collect()
}

async fn page_and_api_give_the_expected_order(mut app: TestApp) {
    known_set(&mut app).await;
    let json = app.get(&format!("/api/v1/ecosystem/matches?{QUERY}")).await;
    json.assert_status(StatusCode::OK);
    let json = json.json();
    assert_eq!(json["need"], "mentoring");
    assert_eq!(api_slugs(&json), EXPECTED);
    let page = app.get(&format!("/ecosysteme?{PAGE_QUERY}")).await;
    page.assert_status(StatusCode::OK);
    assert_eq!(page_slugs(&page.body), EXPECTED);
    // Scores and reasons, as documented.
    let first = &json["results"][0];
    assert_eq!(first["reasons"], serde_json::json!(["offers_need", "same_sector", "same_stage", "distance"]));
    assert_eq!(first["distance_km"], 5.0);
    assert_eq!(json["results"][6]["reasons"][0], "mentions_need");
    let emma = json["results"][4]["score"].as_f64().expect("score");
    let zoe = json["results"][5]["score"].as_f64().expect("score");
    assert_eq!(emma, zoe, "a tie, broken by name");
    // The public fields only.
    assert_eq!(first["actor"]["kind"], "mentor");
    assert_eq!(first["actor"]["commune"], "Avrillé");
    assert!(!json.to_string().contains("contact-") && !json.to_string().contains("06 12"), "no contact in {json}");
}

async fn explanations_in_french_and_english(mut app: TestApp) {
    known_set(&mut app).await;
    let fr = app.get(&format!("/api/v1/ecosystem/matches?{QUERY}&lang=fr")).await.json();
    assert_eq!(fr["results"][0]["explanation"], "Propose du mentorat dans le commerce, à 5 km, accompagne les projets au stade lancement");
    assert_eq!(fr["results"][2]["explanation"], "Propose du mentorat dans le commerce, à moins de 1 km");
    assert_eq!(
        fr["results"][6]["explanation"],
        "Cite « mentorat » dans ce qu'il propose dans le commerce, à moins de 1 km, accompagne les projets au stade lancement"
    );
    let en = app.get(&format!("/api/v1/ecosystem/matches?{QUERY}&lang=en")).await.json();
    assert_eq!(en["results"][0]["explanation"], "Offers mentoring in retail, 5 km away, works with projects at launch stage");
    assert_eq!(en["results"][2]["explanation"], "Offers mentoring in retail, less than 1 km away");
    // The page says the same line.
    let page = app.get(&format!("/ecosysteme?{PAGE_QUERY}")).await;
    assert!(page.body.contains("Propose du mentorat dans le commerce, à 5 km, accompagne les projets au stade lancement"), "{}", page.body);
}

async fn own_hidden_and_suspended_left_out(mut app: TestApp) {
    known_set(&mut app).await;
    // Logged in as Alex: their own profile is not a match.
    let mine = api_slugs(&app.get(&format!("/api/v1/ecosystem/matches?{QUERY}")).await.json());
    assert!(!mine.contains(&"alex-projet".to_owned()));
    // Anyone else sees Alex among the actors offering mentoring; never Gilles nor Hugo.
    app.new_visitor();
    let all = api_slugs(&app.get(&format!("/api/v1/ecosystem/matches?{QUERY}")).await.json());
    assert!(all.contains(&"alex-projet".to_owned()));
    assert!(!all.iter().any(|s| s == "gilles-cache" || s == "hugo-suspendu" || s == "iris-financement"), "{all:?}");
    assert_eq!(all.len(), EXPECTED.len() + 1);
}

async fn filters_by_kind_and_territory(mut app: TestApp) {
    known_set(&mut app).await;
    let firms = api_slugs(&app.get(&format!("/api/v1/ecosystem/matches?{QUERY}&kind=firm")).await.json());
    assert_eq!(firms, ["anne-commerce"]);
    let saumur = api_slugs(&app.get(&format!("/api/v1/ecosystem/matches?{QUERY}&territory=saumur")).await.json());
    assert_eq!(saumur, ["bernard-conseil", "emma-loin", "zoe-pareil"]);
    // A territory takes in the territories within it.
    let department = api_slugs(&app.get(&format!("/api/v1/ecosystem/matches?{QUERY}&territory=maine-et-loire")).await.json());
    assert_eq!(department, EXPECTED);
    let page = app.get(&format!("/ecosysteme?{PAGE_QUERY}&type=firm")).await;
    assert_eq!(page_slugs(&page.body), ["anne-commerce"]);
}

async fn bad_parameters_are_refused(mut app: TestApp) {
    known_set(&mut app).await;
    for (query, field) in [
        ("need=magic", "need"),
        ("sector=retail", "need"),
        ("need=mentoring&sector=space", "sector"),
        ("need=mentoring&stage=someday", "stage"),
        ("need=mentoring&kind=robot", "kind"),
        ("need=mentoring&lat=100&lon=0", "lat"),
        ("need=mentoring&commune=Nullepart-sur-Mer", "commune"),
    ] {
        let response = app.get(&format!("/api/v1/ecosystem/matches?{query}")).await;
        response.assert_status(StatusCode::BAD_REQUEST);
        let json = response.json();
        assert!(json["error"]["fields"][field].is_string(), "{query}: {json}");
    }
    let unknown = app.get("/api/v1/ecosystem/matches?need=mentoring&territory=atlantide").await;
    unknown.assert_status(StatusCode::NOT_FOUND);
    assert_eq!(unknown.json()["error"]["code"], "not-found");
    let doc = app.get("/api/v1/openapi.json").await.json();
    assert!(doc["paths"]["/api/v1/ecosystem/matches"]["get"].is_object());
    assert!(doc["paths"]["/api/v1/ecosystem/actors/{slug}"]["get"].is_object());
    assert!(doc["components"]["schemas"]["MatchesDto"].is_object(), "schemas collected from the paths");
    let page = app.get("/ecosysteme?besoin=magic").await;
    page.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("Choisissez un besoin de la liste."));
}

async fn front_page_counts_and_starts_from_the_profile(mut app: TestApp) {
    known_set(&mut app).await;
    // Alex is logged in: the form starts from their profile, and says so.
    let page = app.get("/ecosysteme").await;
    page.assert_status(StatusCode::OK);
    assert!(
        page.body.contains("Recherche préparée d&#x27;après votre profil")
            || page.body.contains("Recherche préparée d&#39;après votre profil"),
        "{}",
        page.body
    );
    assert_eq!(page_slugs(&page.body), EXPECTED);
    assert!(page.body.contains("/ecosysteme/mises-en-relation"));
    // A visitor gets the vocabulary with the number of actors offering each need.
    app.new_visitor();
    let page = app.get("/ecosysteme").await;
    assert!(page.body.contains("href=\"/ecosysteme?besoin=mentoring\""));
    assert!(page.body.contains("7 acteurs le proposent"), "{}", page.body);
    assert!(page.body.contains("href=\"/offres\"") && page.body.contains("href=\"/ecosysteme/profil\""));
}

crate::both_engines!(
    page_and_api_give_the_expected_order,
    explanations_in_french_and_english,
    own_hidden_and_suspended_left_out,
    filters_by_kind_and_territory,
    bad_parameters_are_refused,
    front_page_counts_and_starts_from_the_profile
);
