//! The place look-up behind every "near …" search.

use crate::helpers::TestApp;
use axum::http::StatusCode;

async fn first(app: &mut TestApp, q: &str) -> serde_json::Value {
    let response = app
        .get(&format!("/api/v1/places?q={}", serde_urlencoded::to_string([("", q)]).expect("encode").trim_start_matches("=").to_owned()))
        .await;
    response.assert_status(StatusCode::OK);
    response.json()[0].clone()
}

async fn finds_communes_by_name_or_postcode(mut app: TestApp) {
    for q in ["Angers", "angers", "ANGÉRS", "ang", "49000", "49100", "49 000"] {
        let place = first(&mut app, q).await;
        assert_eq!(place["insee"], "49007", "{q}: {place}");
    }
    assert_eq!(first(&mut app, "49100").await["postcode"], "49100");
    let place = first(&mut app, "st barthelemy d'anjou").await;
    assert_eq!(place["insee"], "49267");
    assert_eq!(place["label"], "Saint-Barthélemy-d'Anjou (49124)");
    assert_eq!(place["department_name"], "Maine-et-Loire");
    assert!((place["lat"].as_f64().expect("lat") - 47.47).abs() < 0.1);
    // A word inside the name.
    assert_eq!(first(&mut app, "barthelemy d anjou").await["insee"], "49267");
    // Paris arrondissements by postcode.
    let paris = app.get("/api/v1/places?q=75011").await.json();
    assert!(paris.as_array().expect("array").iter().any(|p| p["name"].as_str().unwrap_or_default().contains("Paris")), "{paris}");
    // Limits.
    let many = app.get("/api/v1/places?q=saint&limit=5").await.json();
    assert_eq!(many.as_array().expect("array").len(), 5);
    let none = app.get("/api/v1/places?q=zzzzzz").await.json();
    assert_eq!(none.as_array().expect("array").len(), 0);
}

async fn missing_query_is_a_json_error(mut app: TestApp) {
    let response = app.get("/api/v1/places").await;
    response.assert_status(StatusCode::BAD_REQUEST);
    let json = response.json();
    assert_eq!(json["error"]["code"], "place-query");
    assert!(json["error"]["message"].as_str().expect("message").contains("code postal"));
    app.with_header("accept-language", "en");
    let json = app.get("/api/v1/places?q=").await.json();
    assert!(json["error"]["message"].as_str().expect("message").contains("postcode"));
}

async fn places_page_works_without_javascript(mut app: TestApp) {
    let page = app.get("/lieux?q=49100").await;
    page.assert_status(StatusCode::OK);
    assert!(page.body.contains("<strong>Angers</strong> (49100)"), "{}", page.body);
    assert!(page.body.contains("value=\"49100\""), "query kept");
    let empty = app.get("/lieux?q=zzzzzz").await;
    assert!(empty.body.contains("Aucune commune trouvée"));
}

crate::both_engines!(finds_communes_by_name_or_postcode, missing_query_is_a_json_error, places_page_works_without_javascript);
