//! The demo territory loads, and loads again without duplicates.

use crate::helpers::TestApp;
use axum::http::StatusCode;
use tremplin::demo;
use tremplin_domain::coaching::slots::next_free_slot;
use tremplin_domain::coaching::{CoachFilter, CoachRepo};
use tremplin_domain::events::{EventFilter, EventRepo};
use tremplin_domain::stats::StatsRepo;
use tremplin_domain::territories::TerritoryRepo;
use tremplin_kernel::Clock;

async fn demo_loads_twice_without_duplicates(mut app: TestApp) {
    demo::load(&app.db, &app.clock, 100).await.expect("first load");
    demo::load(&app.db, &app.clock, 100).await.expect("second load");
    assert_eq!(app.count("territories").await, 4);
    // The six demo accounts, three more trainers, twelve more coaches and the ecosystem's
    // thirty-seven actors' accounts (the demo member's is one of the six).
    assert_eq!(app.count("users").await, 21 + 37);
    assert_eq!(app.count("role_grants").await, 21);
    // Thirteen coaches, each bookable within two weeks; the demo coach has four past
    // appointments and three upcoming, the others one upcoming each.
    let coaches = app.db.find_coaches(&CoachFilter { active_only: true, ..CoachFilter::default() }).await.expect("coaches");
    assert_eq!(coaches.len(), 13);
    let now = app.clock.now_ts();
    let today = tremplin_domain::coaching::slots::local_date(now).format("%Y-%m-%d").to_string();
    let refs: Vec<&_> = coaches.iter().collect();
    let availabilities = app.db.availabilities(&refs, &today).await.expect("availabilities");
    for coach in &coaches {
        let slot = next_free_slot(&availabilities[&coach.id], &[], now).expect("a free slot");
        assert!(slot.starts_at < now + 14 * 86_400, "{} has a slot within two weeks", coach.slug);
    }
    assert_eq!(app.count("appointments").await, 4 + 3 + 12);
    // Two of the demo coach's past appointments are recorded (one a no-show), two left to record.
    assert_eq!(demo_count(&app, "accompaniments").await, 2);
    // The two-day event: 40 sessions in five rooms, 4,320 seats; a season of three weekly workshops.
    let programme = app.db.programme_by_slug(tremplin::demo_events::DEMO_PROGRAMME_SLUG).await.expect("lookup").expect("programme");
    let filter = EventFilter { programme_id: Some(programme.id), ends_after: app.clock.now_ts(), limit: 100, ..EventFilter::default() };
    let sessions = app.db.find_events(&filter).await.expect("sessions");
    assert_eq!(sessions.len(), 40);
    assert_eq!(sessions.iter().map(|s| s.capacity).sum::<i64>(), 4_320);
    let rooms: std::collections::BTreeSet<&str> = sessions.iter().map(|s| s.venue.room.as_str()).collect();
    assert_eq!(rooms.len(), 5);
    assert_eq!(app.count("event_series").await, 3);
    // …and two past sessions of Angers whose attendees were checked in (see `demo_learning`).
    assert_eq!(demo_count(&app, "events").await, 40 + 3 * 12 + 2);
    let series = app.db.series_by_slug("creer-le-site-de-son-commerce").await.expect("lookup").expect("series");
    let first = app
        .db
        .find_events(&EventFilter { series_id: Some(series.id), ends_after: app.clock.now_ts(), limit: 1, ..EventFilter::default() })
        .await
        .expect("first date");
    assert_eq!((first[0].confirmed, first[0].capacity, first[0].waitlisted), (12, 12, 2));
    assert_eq!(first[0].venue.listing_slug.as_deref(), Some("mediatheque-toussaint-49007"));
    assert_eq!(demo_count(&app, "registrations").await, 14 + 4 + 5 + 4);
    // Completions from check-ins (18), quizzes (7) and the demo coach's validation (1); six
    // holders complete the default path: six passports, each issued once. The passport demo
    // adds two holders (three modules each), one of them revoked.
    assert_eq!(app.count("module_completions").await, 18 + 7 + 1 + 2 * 3);
    assert_eq!(demo_count(&app, "passports").await, 6 + 2);
    // The real town halls of the department's communes, and the generated listings, once each.
    let listings = app.count("listings").await;
    assert!(listings > 100 + 150, "{listings}");
    // The demo merchant owns the demo bakery.
    app.new_visitor();
    app.log_in("commerce@demo.tremplin.example", demo::DEMO_PASSWORD).await;
    app.get(&format!("/annuaire/{}/modifier", demo::DEMO_BAKERY_SLUG)).await.assert_status(StatusCode::OK);
    let halls = app.get("/api/v1/listings?q=mairie&place=Angers&radius_km=1").await.json();
    assert_eq!(halls["items"][0]["name"], "Mairie d'Angers");
    assert!(!halls["items"][0]["opening_hours"].as_str().expect("hours").is_empty());
    // Every demo account logs in with the printed password.
    for (email, _, _, _) in demo::DEMO_ACCOUNTS {
        app.new_visitor();
        app.log_in(email, demo::DEMO_PASSWORD).await;
    }
    let home = app.get("/").await;
    home.assert_status(StatusCode::OK);
    assert!(home.body.contains("Angers Loire Métropole") && home.body.contains("Maine-et-Loire"));
    // The department rolls up its intercommunalities; Angers belongs to all three levels.
    let api = app.get("/api/v1/territories").await.json();
    let department = api.as_array().expect("array").iter().find(|t| t["slug"] == "maine-et-loire").expect("department").clone();
    assert!(department["commune_count"].as_i64().expect("count") > 150);
    assert!(department["population"].as_i64().expect("population") > 800_000);
}

crate::both_engines!(demo_loads_twice_without_duplicates, the_demo_has_a_living_history);

/// A number read with plain SQL.
pub async fn scalar(app: &TestApp, sql: &str) -> i64 {
    let sql = sqlx::AssertSqlSafe(sql.to_owned());
    match &app.db {
        tremplin_store::Db::Sqlite(pool) => sqlx::query_scalar(sql).fetch_one(pool).await.expect("scalar"),
        tremplin_store::Db::Pg(pool) => sqlx::query_scalar(sql).fetch_one(pool).await.expect("scalar"),
    }
}

/// Rows of `table` the demo creates through its use cases, without the bulk history of
/// `demo_stats` (ids from `HISTORY_IDS`).
pub async fn demo_count(app: &TestApp, table: &str) -> i64 {
    scalar(app, &format!("SELECT COUNT(*) FROM {table} WHERE id < {}", tremplin::demo_stats::HISTORY_IDS)).await
}

/// Eighteen months of history: the platform's open statistics show workshops held in at least
/// ten distinct months, people reached, a passport target for the department; a second load
/// adds nothing.
async fn the_demo_has_a_living_history(mut app: TestApp) {
    demo::load(&app.db, &app.clock, 10).await.expect("first load");
    let rows = scalar(&app, "SELECT COUNT(*) FROM registrations").await + scalar(&app, "SELECT COUNT(*) FROM events").await;
    demo::load(&app.db, &app.clock, 10).await.expect("second load");
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM registrations").await + scalar(&app, "SELECT COUNT(*) FROM events").await, rows);
    let history = scalar(&app, &format!("SELECT COUNT(*) FROM registrations WHERE id >= {}", tremplin::demo_stats::HISTORY_IDS)).await;
    assert!((1000..5000).contains(&history), "a few thousand rows at most: {history} registrations");
    let now = tremplin_domain::stats::Month::of(app.clock.now_ts());
    let stats = app.get(&format!("/api/v1/stats?from={}&to={}", now.plus(-18), now.plus(-1))).await.json();
    let months = stats["months"].as_array().expect("months");
    let held = months.iter().filter(|m| m["metrics"]["workshops_held"]["value"].as_i64().unwrap_or_default() > 0).count();
    assert!(held >= 10, "workshops held in {held} months");
    let reached: i64 = months.iter().filter_map(|m| m["metrics"]["people_new"]["value"].as_i64()).sum();
    assert!(reached > 100, "{reached} people reached");
    assert!(months.iter().any(|m| m["averages"]["satisfaction"]["value"].is_f64()), "satisfaction published");
    assert!(months.iter().any(|m| m["metrics"]["passports_issued"]["value"].as_i64().unwrap_or_default() > 0));
    let department = app.db.territory_by_slug("maine-et-loire").await.expect("lookup").expect("department");
    let targets = app.db.targets(department.id).await.expect("targets");
    assert!(targets.iter().any(|t| t.value == tremplin::demo_stats::PASSPORT_TARGET), "{targets:?}");
    let page = app.get("/donnees/statistiques?territoire=angers").await;
    page.assert_status(StatusCode::OK);
}
