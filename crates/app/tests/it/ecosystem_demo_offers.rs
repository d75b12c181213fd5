//! The demo's partner offers: loaded twice without duplicates, every category with an
//! open-source option beside the others where one exists, one ended, two awaiting the review
//! of the demo manager, one rejected, and every offer saying what data its provider receives.

use crate::helpers::TestApp;
use axum::http::StatusCode;
use tremplin::demo;

async fn demo_offers_load_twice_and_show_in_the_catalogue(mut app: TestApp) {
    demo::load(&app.db, &app.clock, 20).await.expect("first load");
    demo::load(&app.db, &app.clock, 20).await.expect("second load");
    assert_eq!(app.count("partner_offers").await, 28);
    assert_eq!(app.count_where("partner_offers", "status", "approved").await, 25);
    assert_eq!(app.count_where("partner_offers", "status", "submitted").await, 2);
    assert_eq!(app.count_where("partner_offers", "status", "rejected").await, 1);
    let json = app.get("/api/v1/ecosystem/offers?territory=angers").await.json();
    let categories = json["categories"].as_array().expect("categories");
    // All nine needs, 24 current offers (the ended one is gone), each with its data statement.
    assert_eq!(categories.len(), 9);
    let offers: Vec<serde_json::Value> = categories
        .iter()
        .flat_map(|c| ["open_source", "free", "preferential"].map(|col| c[col].as_array().cloned().unwrap_or_default()))
        .flatten()
        .collect();
    assert_eq!(offers.len(), 24);
    assert!(offers.iter().all(|o| !o["data_shared"].as_str().unwrap_or_default().is_empty()));
    assert!(offers.iter().filter(|o| o["open_source"] == true).count() >= 9);
    assert!(!json.to_string().contains("Flyers à prix réduit") && !json.to_string().contains("Première place garantie"));
    // Saumur's catalogue holds the department's offers only.
    let saumur = app.get("/offres?territory=saumur-val-de-loire").await;
    saumur.assert_status(StatusCode::OK);
    assert!(saumur.body.contains("Nextcloud : fichiers, agenda et visio") && !saumur.body.contains("Dolibarr hébergé"));
    // The demo manager's queue: two to review, the ended one marked.
    app.log_in("gestion@demo.tremplin.example", demo::DEMO_PASSWORD).await;
    let queue = app.get("/territoires/angers-loire-metropole/offres").await;
    queue.assert_status(StatusCode::OK);
    assert!(queue.body.contains("Animation des réseaux sociaux") && queue.body.contains("Nextcloud hébergé dans un centre"));
    assert!(queue.body.contains("Flyers à prix réduit") && queue.body.contains("terminée"));
}

crate::both_engines!(demo_offers_load_twice_and_show_in_the_catalogue);
