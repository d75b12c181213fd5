//! The managers' passport path (and the pace against the passport target) through the real router, on both engines: a path set
//! by a territory is inherited by those within it (and decides the passport there), a manager of
//! another territory is refused, bad input is explained and kept; the passports issued by
//! month equal on the page and in the CSV; the module pages and the API.

use crate::event_fixtures::angers;
use crate::events_staff::{account, as_user, trained_session};
use crate::helpers::TestApp;
use crate::learning_fixtures::{complete, completion, exec, holder, passport_for};
use axum::http::StatusCode;
use tremplin_domain::accounts::AccountRepo;
use tremplin_domain::learning::CompletionSource;
use tremplin_domain::learning::steering::month_of;
use tremplin_domain::territories::{NewTerritory, TerritoryKind, TerritoryRepo};
use tremplin_kernel::{Clock, Email, Role};

crate::both_engines!(
    a_department_path_is_inherited_and_decides_the_passport,
    only_managers_of_the_territory_or_above_steer_its_path,
    path_input_is_checked_and_kept,
    passports_by_month_on_the_page_equal_the_csv,
    module_pages_show_resources_workshops_and_coaches,
    the_api_gives_the_catalogue_without_the_answers,
);

/// Maine-et-Loire, containing Angers; Nantes beside them.
async fn territories(app: &TestApp) -> i64 {
    let department = NewTerritory {
        slug: "maine-et-loire".into(),
        name: "Maine-et-Loire".into(),
        kind: TerritoryKind::Department,
        parent_slug: None,
        communes: vec!["49015".into()],
    };
    app.db.upsert_territory(&department).await.expect("department");
    let angers = NewTerritory {
        slug: "angers".into(),
        name: "Angers".into(),
        kind: TerritoryKind::Commune,
        parent_slug: Some("maine-et-loire".into()),
        communes: vec!["49007".into()],
    };
    app.db.upsert_territory(&angers).await.expect("angers");
    app.commune_territory("nantes", "Nantes", "44109").await;
    app.db.territory_by_slug("maine-et-loire").await.expect("lookup").expect("department").id
}

/// A manager account of territory `slug`, logged in.
async fn manager(app: &mut TestApp, email: &str, slug: &str) {
    account(app, email, None).await;
    let user = app.db.user_by_email(&Email::parse(email).expect("email")).await.expect("lookup").expect("user");
    let territory = app.db.territory_by_slug(slug).await.expect("lookup").expect("territory");
    app.db.grant_role(user.id, territory.id, Role::Manager, None, 0).await.expect("grant");
    as_user(app, email).await;
}

async fn a_department_path_is_inherited_and_decides_the_passport(mut app: TestApp) {
    territories(&app).await;
    manager(&mut app, "dept@example.fr", "maine-et-loire").await;
    let page = app.get("/territoires/angers/parcours").await;
    page.assert_status(StatusCode::OK);
    assert!(page.body.contains("Parcours par défaut de la plateforme."));
    assert_eq!(page.headers["cache-control"], "private, no-store");

    let saved = app
        .post_form("/territoires/maine-et-loire/parcours", &[("modules", "cybersecurite"), ("modules", "premiers-pas"), ("action", "save")])
        .await;
    saved.assert_status(StatusCode::SEE_OTHER);
    let inherited = app.get("/territoires/angers/parcours").await;
    assert!(inherited.body.contains("Parcours hérité de Maine-et-Loire."), "{}", inherited.body);
    assert!(inherited.body.contains(r#"value="cybersecurite" checked"#));

    // In Angers the department's path decides: the historical modules alone issue nothing.
    let lina = holder(&app, 1).await;
    let historical: Vec<_> = tremplin_domain::learning::catalogue::HISTORICAL_MODULES
        .iter()
        .map(|slug| completion(&app, slug, CompletionSource::Quiz, "quiz"))
        .collect();
    assert!(complete(&app, &lina, &historical).await.issued.is_none());
    let rest = [
        completion(&app, "cybersecurite", CompletionSource::Quiz, "quiz"),
        completion(&app, "premiers-pas", CompletionSource::Quiz, "quiz"),
    ];
    let issued = complete(&app, &lina, &rest).await.issued.expect("issued on the inherited path");
    assert_eq!(issued.modules.iter().map(|m| m.slug.as_str()).collect::<Vec<_>>(), ["cybersecurite", "premiers-pas"]);

    // Angers sets its own, then goes back to the inherited one.
    app.post_form("/territoires/angers/parcours", &[("modules", "vendre-en-ligne"), ("action", "save")]).await;
    assert!(app.get("/territoires/angers/parcours").await.body.contains("Parcours défini par ce territoire."));
    app.post_form("/territoires/angers/parcours", &[("action", "inherit")]).await.assert_status(StatusCode::SEE_OTHER);
    assert!(app.get("/territoires/angers/parcours").await.body.contains("Parcours hérité de Maine-et-Loire."));
}

async fn only_managers_of_the_territory_or_above_steer_its_path(mut app: TestApp) {
    territories(&app).await;
    manager(&mut app, "nantes@example.fr", "nantes").await;
    app.get("/territoires/angers/parcours").await.assert_status(StatusCode::FORBIDDEN);
    app.get("/territoires/angers/parcours/passeports.csv").await.assert_status(StatusCode::FORBIDDEN);
    app.get("/territoires/nantes/parcours").await.assert_status(StatusCode::OK);
    app.post_form("/territoires/angers/parcours", &[("modules", "cybersecurite")]).await.assert_status(StatusCode::FORBIDDEN);
    assert_eq!(app.count("passport_paths").await, 0);
    // A manager of Angers may not steer the department above it.
    manager(&mut app, "angers@example.fr", "angers").await;
    app.get("/territoires/maine-et-loire/parcours").await.assert_status(StatusCode::FORBIDDEN);
    app.get("/territoires/angers/parcours").await.assert_status(StatusCode::OK);
    // A trainer of Angers neither; signed out, one is sent to sign in.
    account(&mut app, "formation@example.fr", Some(Role::Trainer)).await;
    app.get("/territoires/angers/parcours").await.assert_status(StatusCode::FORBIDDEN);
    app.new_visitor();
    assert_ne!(app.get("/territoires/angers/parcours").await.status, StatusCode::OK);
}

async fn path_input_is_checked_and_kept(mut app: TestApp) {
    territories(&app).await;
    manager(&mut app, "angers@example.fr", "angers").await;
    app.get("/territoires/angers/parcours").await;
    let none = app.post_form("/territoires/angers/parcours", &[("action", "save")]).await;
    none.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(none.body.contains("Cochez au moins un module."));
    // The passport target is set with the other targets.
    assert!(none.body.contains("href=\"/pilotage/objectifs?territoire=angers\""));
    let bad = app.post_form("/territoires/angers/parcours", &[("modules", "astrologie"), ("modules", "cybersecurite")]).await;
    bad.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("Ce module n&#39;existe pas") || bad.body.contains("Ce module n'existe pas"));
    assert!(bad.body.contains(r#"value="cybersecurite" checked"#), "input kept");
    assert_eq!(app.count("passport_paths").await, 0);
}

async fn passports_by_month_on_the_page_equal_the_csv(mut app: TestApp) {
    territories(&app).await;
    for n in 1..=3 {
        passport_for(&app, n).await;
    }
    exec(&app, "UPDATE passports SET revoked_at = issued_at WHERE holder_name = 'Personne 3'").await;
    manager(&mut app, "dept@example.fr", "maine-et-loire").await;
    app.post_form(
        "/territoires/maine-et-loire/parcours",
        &[("modules", "creer-son-site"), ("modules", "augmenter-son-trafic"), ("modules", "ameliorer-ses-performances")],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    // The passport target, on the targets page: the path page shows the pace against it.
    app.get("/pilotage/objectifs?territoire=maine-et-loire").await;
    app.post_form(
        "/pilotage/objectifs?territoire=maine-et-loire",
        &[("indicator", "passports"), ("value", "10"), ("starts_on", "2020-01-01"), ("ends_on", "2099-12-31")],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    // The department counts the passports of Angers, within it.
    let page = app.get("/territoires/maine-et-loire/parcours").await;
    page.assert_status(StatusCode::OK);
    let month = month_of(app.clock.now_ts());
    assert!(page.body.contains("2 passeport(s) valide(s), 1 révoqué(s)"), "{}", page.body);
    assert!(page.body.contains("il en reste 8"));
    let row = format!("<tr><th scope=\"row\">{month}</th><td>2</td><td>1</td><td>2</td></tr>");
    assert!(page.body.contains(&row), "{row}");
    let csv = app.get("/territoires/maine-et-loire/parcours/passeports.csv").await;
    csv.assert_status(StatusCode::OK);
    assert_eq!(csv.headers["cache-control"], "private, no-store");
    let lines: Vec<&str> = csv.body.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(lines, ["Mois;Délivrés (valides);Révoqués;Total valide", &format!("{month};2;1;2")]);
    // Nantes counts none of them.
    manager(&mut app, "nantes@example.fr", "nantes").await;
    let nantes = app.get("/territoires/nantes/parcours/passeports.csv").await;
    assert_eq!(nantes.body.trim_start_matches('\u{feff}').lines().count(), 1);
}

async fn module_pages_show_resources_workshops_and_coaches(mut app: TestApp) {
    angers(&app).await;
    let trainer = account(&mut app, "formation@exemple.fr", Some(Role::Trainer)).await;
    let event = trained_session(&app, "atelier-site", 10, 3, &[trainer]).await;
    exec(&app, &format!("UPDATE events SET modules = 'creer-son-site' WHERE id = {}", event.id)).await;
    app.new_visitor();
    let list = app.get("/modules").await;
    list.assert_status(StatusCode::OK);
    for title in ["Créer son site internet", "Se protéger des risques numériques", "Faire ses démarches administratives en ligne"] {
        assert!(list.body.contains(title), "{title}");
    }
    let page = app.get("/modules/creer-son-site").await;
    page.assert_status(StatusCode::OK);
    assert!(page.body.contains("https://entreprendre.service-public.fr/vosdroits/F31228"));
    assert!(page.body.contains("Réserver un nom de domaine"), "objectives");
    assert!(page.body.contains("href=\"/ateliers/atelier-site\""), "the next workshop covering it");
    assert!(page.body.contains("href=\"/coachs?theme=website\""));
    assert!(page.body.contains("href=\"/modules/creer-son-site/quiz\""));
    assert!(!app.get("/modules/cybersecurite").await.body.contains("atelier-site"));
    app.get("/modules/nope").await.assert_status(StatusCode::NOT_FOUND);
}

async fn the_api_gives_the_catalogue_without_the_answers(mut app: TestApp) {
    let list = app.get("/api/v1/modules").await;
    list.assert_status(StatusCode::OK);
    let modules = list.json()["modules"].as_array().cloned().expect("modules");
    assert_eq!(modules.len(), 8);
    assert_eq!(modules[0]["slug"], "creer-son-site");
    assert!(modules.iter().all(|m| m["resources"].as_array().is_some_and(|r| (2..=4).contains(&r.len()))));
    let detail = app.get("/api/v1/modules/cybersecurite").await;
    detail.assert_status(StatusCode::OK);
    let data = detail.json();
    assert_eq!((data["pass_mark"].as_u64(), data["questions"].as_array().map(Vec::len)), (Some(4), Some(5)));
    assert!(!detail.body.contains("\"correct\"") && !detail.body.contains("explanation"), "no answers");
    let missing = app.get("/api/v1/modules/nope").await;
    missing.assert_status(StatusCode::NOT_FOUND);
    assert!(missing.json()["error"]["code"].is_string(), "{}", missing.body);
    let doc = app.get("/api/v1/openapi.json").await;
    assert!(doc.body.contains("/api/v1/modules/{slug}") && doc.body.contains("ModuleDetailDto"));
}
