//! Territories nest and roll up their communes.

use crate::helpers::TestApp;
use axum::http::StatusCode;
use tremplin_domain::territories::{NewTerritory, TerritoryKind, TerritoryRepo};

async fn territories_nest_and_roll_up(mut app: TestApp) {
    let db = &app.db;
    db.upsert_territory(&NewTerritory {
        slug: "agglo".into(),
        name: "Agglo".into(),
        kind: TerritoryKind::Custom,
        parent_slug: None,
        communes: vec!["49007".into()],
    })
    .await
    .expect("parent");
    db.upsert_territory(&NewTerritory {
        slug: "quartiers".into(),
        name: "Communes voisines".into(),
        kind: TerritoryKind::Custom,
        parent_slug: Some("agglo".into()),
        communes: vec!["49267".into(), "49007".into()],
    })
    .await
    .expect("child");
    let agglo = db.territory_by_slug("agglo").await.expect("lookup").expect("agglo");
    assert_eq!(agglo.commune_count, 1);
    let rolled = db.territory_communes(agglo.id, 1, 50).await.expect("communes");
    assert_eq!(rolled.total, 2, "its own commune and its child's, once each");
    assert_eq!(rolled.items.iter().map(|c| c.insee.as_str()).collect::<Vec<_>>(), vec!["49007", "49267"]);
    assert_eq!(rolled.items[0].postcodes, vec!["49000", "49100"]);

    // Upserting again replaces, never duplicates.
    db.upsert_territory(&NewTerritory {
        slug: "agglo".into(),
        name: "Agglomération".into(),
        kind: TerritoryKind::Custom,
        parent_slug: None,
        communes: vec!["49007".into()],
    })
    .await
    .expect("again");
    assert_eq!(db.list_territories().await.expect("list").len(), 2);

    let list = app.get("/territoires").await;
    list.assert_status(StatusCode::OK);
    assert!(list.body.contains("Agglomération") && list.body.contains("Communes voisines"));
    let page = app.get("/territoires/agglo").await;
    page.assert_status(StatusCode::OK);
    assert!(page.body.contains("Saint-Barthélemy-d&#39;Anjou") || page.body.contains("Saint-Barthélemy-d&#x27;Anjou"), "{}", page.body);
    assert!(page.body.contains("Communes voisines"), "child listed");
    let child = app.get("/territoires/quartiers").await;
    assert!(child.body.contains("href=\"/territoires/agglo\""), "breadcrumb to the parent");

    let api = app.get("/api/v1/territories").await.json();
    let child = api.as_array().expect("array").iter().find(|t| t["slug"] == "quartiers").expect("child").clone();
    assert_eq!(child["parent"], "agglo");
    assert_eq!(child["commune_count"], 2);
    assert!(child["population"].as_i64().expect("population") > 150_000);
}

async fn department_pages_are_paged(mut app: TestApp) {
    let communes = app.db.department_communes("49").await.expect("communes");
    assert!(communes.len() > 150, "{}", communes.len());
    app.db
        .upsert_territory(&NewTerritory {
            slug: "dep".into(),
            name: "Maine-et-Loire".into(),
            kind: TerritoryKind::Department,
            parent_slug: None,
            communes,
        })
        .await
        .expect("dep");
    let first = app.get("/territoires/dep").await;
    assert!(first.body.contains("rel=\"next\""));
    assert!(first.body.contains("Page 1 sur"));
    let second = app.get("/territoires/dep?page=2").await;
    second.assert_status(StatusCode::OK);
    assert!(second.body.contains("rel=\"prev\""));
    assert_ne!(first.body, second.body);
}

crate::both_engines!(territories_nest_and_roll_up, department_pages_are_paged);
