//! The demo territory loads, and loads again without duplicates.

use crate::helpers::TestApp;
use axum::http::StatusCode;
use tremplin::demo;

async fn demo_loads_twice_without_duplicates(mut app: TestApp) {
    demo::load(&app.db, &app.clock, 100).await.expect("first load");
    demo::load(&app.db, &app.clock, 100).await.expect("second load");
    assert_eq!(app.count("territories").await, 4);
    assert_eq!(app.count("users").await, 6);
    assert_eq!(app.count("role_grants").await, 6);
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

crate::both_engines!(demo_loads_twice_without_duplicates);
