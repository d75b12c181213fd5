//! The processings register and the privacy notice through the real router, on both engines:
//! the register is for the territory's managers and admins (the territory named controller,
//! every processing with its retention), follows the retention settings, speaks English; the
//! notice is public and linked from every page's footer.

use crate::events_staff::{account, as_user};
use crate::helpers::TestApp;
use axum::http::StatusCode;
use std::sync::Arc;
use tremplin::settings::Settings;
use tremplin_domain::accounts::AccountRepo;
use tremplin_domain::privacy::processings::PROCESSINGS;
use tremplin_domain::territories::TerritoryRepo;
use tremplin_kernel::Role;

crate::both_engines!(
    managers_read_the_register_of_their_territory,
    the_register_shows_the_configured_retention,
    the_privacy_notice_is_public_and_linked_from_every_page,
);

async fn managers_read_the_register_of_their_territory(mut app: TestApp) {
    account(&mut app, "gestion@example.fr", Some(Role::Manager)).await;
    account(&mut app, "coach@example.fr", Some(Role::Coach)).await;
    app.commune_territory("trelaze", "Trélazé", "49353").await;
    let trelaze = app.db.territory_by_slug("trelaze").await.expect("lookup").expect("trelaze").id;
    let neighbour = account(&mut app, "voisin@example.fr", None).await;
    app.db.grant_role(neighbour, trelaze, Role::Manager, None, 0).await.expect("grant");

    as_user(&mut app, "gestion@example.fr").await;
    let page = app.get("/territoires/angers/registre-des-traitements").await;
    page.assert_status(StatusCode::OK);
    assert!(page.body.contains("Responsable des traitements : Angers."));
    for processing in PROCESSINGS {
        assert!(page.body.contains(&format!("id=\"{}\"", processing.id)), "{}", processing.id);
        assert!(page.body.contains(&askama_escape(processing.name.fr)), "{}", processing.id);
    }
    // The defaults: registrations 12 months, follow-ups 36, sent mail 30 days.
    assert!(page.body.contains("12 mois") && page.body.contains("36 mois") && page.body.contains("30 jours"));
    assert_eq!(page.headers.get("cache-control").map(|v| v.to_str().unwrap_or_default()), Some("private, no-store"));

    // In English.
    app.get("/langue/en").await;
    let english = app.get("/territoires/angers/registre-des-traitements").await;
    assert!(english.body.contains("Controller: Angers.") && english.body.contains("12 months"));
    assert!(english.body.contains(&askama_escape(PROCESSINGS[0].purpose.en)));

    for email in ["coach@example.fr", "voisin@example.fr"] {
        as_user(&mut app, email).await;
        app.get("/territoires/angers/registre-des-traitements").await.assert_status(StatusCode::FORBIDDEN);
    }
}

/// Askama's HTML escaping of a declared text (apostrophes).
fn askama_escape(text: &str) -> String {
    text.replace('&', "&#38;").replace('\'', "&#39;").replace('"', "&#34;")
}

async fn the_register_shows_the_configured_retention(mut app: TestApp) {
    let settings = Settings {
        base_url: "http://localhost".into(),
        retention_registrations_months: 18,
        retention_access_log_months: 6,
        retention_sent_mail_days: 7,
        retention_reports_months: 9,
        ..Settings::default()
    };
    app.router = tremplin_web::router(tremplin::server::state(&settings, app.db.clone(), Arc::new(app.clock.clone())));
    account(&mut app, "gestion@example.fr", Some(Role::Manager)).await;
    as_user(&mut app, "gestion@example.fr").await;
    let page = app.get("/territoires/angers/registre-des-traitements").await;
    page.assert_status(StatusCode::OK);
    assert!(page.body.contains("18 mois") && page.body.contains("6 mois") && page.body.contains("9 mois") && page.body.contains("7 jours"));
    assert!(!page.body.contains("12 mois") && !page.body.contains("30 jours"), "the defaults are gone");
    let notice = app.get("/confidentialite").await;
    assert!(notice.body.contains("18 mois") && notice.body.contains("7 jours"));
}

async fn the_privacy_notice_is_public_and_linked_from_every_page(mut app: TestApp) {
    crate::event_fixtures::angers(&app).await;
    let notice = app.get("/confidentialite").await;
    notice.assert_status(StatusCode::OK);
    assert!(notice.body.contains("Responsable des traitements : Angers."));
    for processing in PROCESSINGS {
        assert!(notice.body.contains(&askama_escape(processing.name.fr)), "{}", processing.id);
    }
    assert!(notice.body.contains("12 mois"));
    for path in ["/", "/annuaire", "/ateliers", "/connexion", "/confidentialite"] {
        let page = app.get(path).await;
        assert!(page.body.contains("<a href=\"/confidentialite\">"), "{path}");
    }
    app.get("/langue/en").await;
    let english = app.get("/confidentialite").await;
    assert!(english.body.contains("Privacy and personal data") && english.body.contains("12 months"));
}
