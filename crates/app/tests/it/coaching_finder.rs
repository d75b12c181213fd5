//! The finder `/coachs`, the coaches API and coach pages, on both engines: ranking on a known
//! set of coaches (theme match before distance, the zone served, resident or business), the
//! next free slot and the explanation of each result, free slots grouped by local day, a
//! daylight-saving week, bad parameters.

use crate::coach_fixtures::{coach, coach_with, profile, slots};
use crate::helpers::TestApp;
use axum::http::StatusCode;
use chrono::{NaiveDate, TimeZone, Utc};
use chrono_tz::Europe::Paris;
use tremplin_domain::coaching::{CoachAudience, CoachRepo, Modality};
use tremplin_kernel::Clock;

crate::both_engines!(
    the_finder_ranks_theme_match_then_zone_then_distance_for_residents_and_businesses,
    the_api_gives_the_rank_explanation_distance_and_next_slot,
    bad_parameters_are_a_422_page_and_a_400_json_error,
    a_coach_page_lists_free_slots_by_day_with_booking_links,
    a_daylight_saving_week_shows_nine_o_clock_on_both_sides,
);

/// Camille (from the fixtures: businesses only, website and visibility, Angers), Dominique
/// (everyone, website and social networks, based in Trélazé 6 km away, 10 km radius), Eva
/// (residents, social networks, Angers) and Fabrice (residents, website, Saumur, 45 km away).
async fn four_coaches(app: &mut TestApp) {
    coach(app, "camille@example.fr", "camille", "Camille Conseil").await;
    let mut dominique = profile("Dominique Durand");
    dominique.audiences = vec![CoachAudience::Business, CoachAudience::Resident];
    dominique.themes = vec!["website".into(), "social_networks".into()];
    dominique.zone_communes = vec![];
    dominique.zone_radius_km = Some(10.0);
    (dominique.latitude, dominique.longitude) = (Some(47.4459), Some(-0.4666));
    dominique.modalities = vec![Modality::AtBusiness, Modality::Video];
    coach_with(app, "dominique@example.fr", "dominique", &dominique).await;
    let mut eva = profile("Eva Morel");
    eva.audiences = vec![CoachAudience::Resident];
    eva.themes = vec!["social_networks".into()];
    eva.languages = vec!["fr".into(), "en".into()];
    coach_with(app, "eva@example.fr", "eva", &eva).await;
    let mut fabrice = profile("Fabrice Petit");
    fabrice.audiences = vec![CoachAudience::Resident];
    fabrice.zone_communes = vec![];
    fabrice.zone_radius_km = Some(10.0);
    (fabrice.latitude, fabrice.longitude) = (Some(47.2600), Some(-0.0769));
    coach_with(app, "fabrice@example.fr", "fabrice", &fabrice).await;
    app.new_visitor();
}

/// The coach slugs of an API answer, in order.
async fn ranked(app: &mut TestApp, query: &str) -> Vec<String> {
    let answer = app.get(&format!("/api/v1/coaches?{query}")).await;
    answer.assert_status(StatusCode::OK);
    answer.json()["coaches"].as_array().expect("coaches").iter().map(|c| c["coach"]["slug"].as_str().expect("slug").to_owned()).collect()
}

async fn the_finder_ranks_theme_match_then_zone_then_distance_for_residents_and_businesses(mut app: TestApp) {
    four_coaches(&mut app).await;
    // A resident in Angers wanting a website: Camille helps businesses only; Dominique serves
    // Angers; Fabrice covers the theme but not the place; Eva neither covers the theme.
    assert_eq!(ranked(&mut app, "audience=resident&place=Angers&theme=website").await, ["dominique", "fabrice", "eva"]);
    // A business: two themes covered rank before one; residents' coaches are left out.
    assert_eq!(ranked(&mut app, "audience=business&place=Angers&theme=website&theme=social_networks").await, ["dominique", "camille"]);
    // Theme match before distance: Eva is in Angers, Dominique 6 km away covers both themes;
    // with one theme each, the closer first.
    assert_eq!(
        ranked(&mut app, "audience=resident&place=49000&theme=website&theme=social_networks").await,
        ["dominique", "eva", "fabrice"]
    );
    assert_eq!(ranked(&mut app, "audience=resident&place=49000&theme=social_networks").await, ["eva", "dominique", "fabrice"]);
    // "Near me" (a position instead of a commune) ranks the same way.
    assert_eq!(ranked(&mut app, "audience=resident&lat=47.4698&lon=-0.5527&theme=website").await, ["dominique", "fabrice", "eva"]);
    // Language and modality filter; by video the distance no longer matters.
    assert_eq!(ranked(&mut app, "language=en").await, ["eva"]);
    assert_eq!(ranked(&mut app, "modality=video&place=Saumur").await, ["dominique"]);
    // The page ranks the same way, with booking links to the next slot.
    let page = app.get("/coachs?audience=resident&place=Angers&theme=website").await;
    page.assert_status(StatusCode::OK);
    let (d, f, e) = (page.body.find("Dominique Durand"), page.body.find("Fabrice Petit"), page.body.find("Eva Morel"));
    assert!(d.is_some() && d < f && f < e, "{}", page.body);
    assert!(!page.body.contains("Camille Conseil"));
    assert!(page.body.contains("/coachs/dominique/reserver?debut="));
    assert!(page.body.contains("hors de sa zone"), "Fabrice is outside his area");
    // Without a question, the page shows only the form.
    let empty = app.get("/coachs").await;
    assert!(empty.body.contains("name=\"audience\"") && !empty.body.contains("results-heading"));
}

async fn the_api_gives_the_rank_explanation_distance_and_next_slot(mut app: TestApp) {
    four_coaches(&mut app).await;
    let dominique = app.db.coach_by_slug("dominique").await.expect("lookup").expect("coach");
    let first = slots(&app, &dominique, 14).await[0];
    app.with_header("accept-language", "en");
    let answer = app.get("/api/v1/coaches?audience=resident&place=Angers&theme=website").await.json();
    let top = &answer["coaches"][0];
    assert_eq!(top["coach"]["slug"], "dominique");
    assert_eq!(top["matched_themes"], serde_json::json!(["website"]));
    assert_eq!(top["serves_place"], true);
    let km = top["distance_km"].as_f64().expect("distance");
    assert!((5.0..8.0).contains(&km), "{km}");
    assert_eq!(top["next_slot"]["starts_at_unix"], first.starts_at);
    let iso = top["next_slot"]["starts_at"].as_str().expect("iso");
    let parsed = chrono::DateTime::parse_from_rfc3339(iso).expect("ISO 8601");
    assert_eq!(parsed.timestamp(), first.starts_at);
    assert!(iso.ends_with("+01:00") || iso.ends_with("+02:00"), "{iso}");
    assert!(
        top["next_slot"]["booking_url"].as_str().expect("url").ends_with(&format!("/coachs/dominique/reserver?debut={}", first.starts_at))
    );
    let explanation = top["explanation"].as_str().expect("explanation");
    assert!(
        explanation.starts_with("Website · 6 km · next slot ") || explanation.starts_with("Website · 7 km · next slot "),
        "{explanation}"
    );
    assert!(
        explanation.ends_with(
            &chrono::DateTime::from_timestamp(first.starts_at, 0).expect("ts").with_timezone(&Paris).format("%H:%M").to_string()
        )
    );
    assert!(answer["coaches"][1]["explanation"].as_str().expect("explanation").contains("outside their area"));
    // The detail: the profile and the free slots of 14 days.
    let detail = app.get("/api/v1/coaches/dominique").await.json();
    assert_eq!(detail["coach"]["name"], "Dominique Durand");
    let listed: Vec<i64> = detail["slots"].as_array().expect("slots").iter().map(|s| s["starts_at_unix"].as_i64().expect("ts")).collect();
    assert_eq!(listed, slots(&app, &dominique, 14).await.iter().map(|s| s.starts_at).collect::<Vec<_>>());
    assert!(listed.len() > 20, "two weeks of weekday hours");
    app.get("/api/v1/coaches/nobody").await.assert_status(StatusCode::NOT_FOUND);
    // The OpenAPI document describes both.
    let doc = app.get("/api/v1/openapi.json").await.json();
    assert!(doc["paths"]["/api/v1/coaches"]["get"].is_object() && doc["paths"]["/api/v1/coaches/{slug}"]["get"].is_object());
}

async fn bad_parameters_are_a_422_page_and_a_400_json_error(mut app: TestApp) {
    four_coaches(&mut app).await;
    let page = app.get("/coachs?audience=alien&theme=knitting&place=Nowhereville").await;
    page.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("role=\"alert\"") && page.body.contains("value=\"Nowhereville\""), "input kept");
    assert!(page.body.contains("value=\"alien\"") || page.body.contains("Choisissez entreprise ou particulier"));
    let api = app.get("/api/v1/coaches?audience=alien&modality=pigeon&lat=95&lon=0").await;
    api.assert_status(StatusCode::BAD_REQUEST);
    let error = &api.json()["error"];
    assert_eq!(error["code"], "invalid-form");
    for field in ["audience", "modality", "lat"] {
        assert!(error["fields"][field].is_string(), "{field}: {error}");
    }
    app.get("/coachs/camille?semaine=99").await.assert_status(StatusCode::BAD_REQUEST);
}

async fn a_coach_page_lists_free_slots_by_day_with_booking_links(mut app: TestApp) {
    let camille = coach(&mut app, "camille@example.fr", "camille", "Camille Conseil").await;
    app.new_visitor();
    let page = app.get("/coachs/camille").await;
    page.assert_status(StatusCode::OK);
    assert!(page.body.contains("CCI Maine-et-Loire") && page.body.contains("Locaux accessibles"));
    let now = app.clock.now_ts();
    let (from, until) = (now, now + 15 * 86_400);
    let free = slots(&app, &camille, 15).await;
    let shown: Vec<_> = free.iter().filter(|s| (from..until).contains(&s.starts_at)).collect();
    let links = page.body.matches("/coachs/camille/reserver?debut=").count();
    assert!(links > 0 && links <= shown.len(), "{links} links, {} slots", shown.len());
    assert!(page.body.contains(&format!("/coachs/camille/reserver?debut={}", free[0].starts_at)));
    assert!(page.body.contains(">09:00<") || page.body.contains(">14:00<"));
    // Later weeks, then back.
    assert!(page.body.contains("/coachs/camille?semaine=2"));
    let later = app.get("/coachs/camille?semaine=2").await;
    assert!(later.body.contains("/coachs/camille?semaine=0") && !later.body.contains(&format!("debut={}", free[0].starts_at)));
    // Inactive or unknown: 404.
    let mut quiet = profile("Camille Conseil");
    quiet.active = false;
    app.db.update_coach(camille.id, &quiet, now).await.expect("update");
    app.get("/coachs/camille").await.assert_status(StatusCode::NOT_FOUND);
    app.get("/coachs/nobody").await.assert_status(StatusCode::NOT_FOUND);
    assert!(!app.get("/coachs?theme=website").await.body.contains("Camille Conseil"), "inactive coaches are not found");
}

async fn a_daylight_saving_week_shows_nine_o_clock_on_both_sides(mut app: TestApp) {
    coach(&mut app, "camille@example.fr", "camille", "Camille Conseil").await;
    app.new_visitor();
    // Wednesday 24 March 2027; clocks go forward on Sunday 28 March.
    app.clock.set(Utc.with_ymd_and_hms(2027, 3, 24, 6, 0, 0).single().expect("date"));
    let page = app.get("/coachs/camille").await;
    let nine = |day: u32| {
        let local = NaiveDate::from_ymd_opt(2027, 3, day).expect("date").and_hms_opt(9, 0, 0).expect("time");
        Paris.from_local_datetime(&local).single().expect("instant").timestamp()
    };
    // Thursday 25 (UTC+1) and Monday 29 (UTC+2): 09:00 local both, 08:00 and 07:00 UTC.
    for (day, utc_hour) in [(25, 8), (29, 7)] {
        assert_eq!(nine(day) % 86_400, utc_hour * 3600);
        assert!(page.body.contains(&format!("/coachs/camille/reserver?debut={}\"", nine(day))), "09:00 on the {day}");
    }
    assert!(page.body.contains("Jeudi 25/03/2027") && page.body.contains("Lundi 29/03/2027"));
    assert!(!page.body.contains(&format!("debut={}\"", nine(29) + 3600)), "no 10:00 summer slot from a winter 09:00");
}
