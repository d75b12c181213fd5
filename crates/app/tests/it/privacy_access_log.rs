//! The staff access log through the real router, on both engines: each staff page with
//! personal data writes one row per person shown (workshop staff page, attendance CSV and
//! sign-in sheet, check-in link, coaching follow-up and lists, team, passports, moderation);
//! the staff member's own data is not logged; the review page is for the territory's
//! managers (and those above) only, filters by person, staff member and period, pages, and
//! exports CSV; erasure clears a person's label. Plus the cost of logging 500 registrants.

use crate::coach_fixtures::{coach, slots};
use crate::coaching_records::booked;
use crate::event_fixtures::{angers, person};
use crate::events_staff::{account, as_user, registered, stored, trained_session};
use crate::helpers::TestApp;
use axum::http::StatusCode;
use std::time::Instant;
use tremplin_domain::accounts::AccountRepo;
use tremplin_domain::events::commands::register;
use tremplin_domain::events::tokens;
use tremplin_domain::privacy::access_log::email_hash;
use tremplin_domain::privacy::{AccessEntry, AccessFilter, AccessKind, AccessLogRepo};
use tremplin_domain::territories::TerritoryRepo;
use tremplin_kernel::{Clock, Locale, Role};

crate::both_engines!(
    the_workshop_staff_pages_log_each_registrant_shown,
    own_data_is_not_logged,
    coaching_team_and_passport_pages_are_logged,
    only_the_territory_managers_review_the_log,
    the_review_filters_pages_and_exports,
    erasure_clears_the_label_and_keeps_the_hash,
    logging_500_registrants_costs_one_insert,
);

/// Every row of the log for Angers, newest first.
async fn rows(app: &TestApp) -> Vec<AccessEntry> {
    let territory = angers(app).await;
    let filter = AccessFilter { territory_ids: vec![territory], ..AccessFilter::default() };
    app.db.access_log(&filter, 0, 10_000).await.expect("log").0
}

fn of_kind(rows: &[AccessEntry], kind: AccessKind) -> Vec<&AccessEntry> {
    rows.iter().filter(|r| r.kind == Some(kind)).collect()
}

/// A manager of a neighbouring commune (Trélazé), not of Angers.
async fn neighbouring_manager(app: &mut TestApp, email: &str) {
    app.commune_territory("trelaze", "Trélazé", "49353").await;
    let territory = app.db.territory_by_slug("trelaze").await.expect("lookup").expect("trelaze").id;
    let user_id = account(app, email, None).await;
    app.db.grant_role(user_id, territory, Role::Manager, None, 0).await.expect("grant");
}

async fn the_workshop_staff_pages_log_each_registrant_shown(mut app: TestApp) {
    let manager = account(&mut app, "gestion@example.fr", Some(Role::Manager)).await;
    let event = crate::event_fixtures::session(&app, "site-vitrine", 2, 3).await;
    for n in 1..=3 {
        registered(&app, &event, n).await; // two seats, the third waits
    }
    as_user(&mut app, "gestion@example.fr").await;
    let page = app.get("/ateliers/site-vitrine/gestion").await;
    page.assert_status(StatusCode::OK);
    let log = rows(&app).await;
    let read = of_kind(&log, AccessKind::Registrants);
    assert_eq!(read.len(), 3, "one row per registrant shown");
    assert!(read.iter().all(|r| r.staff_user_id == manager && r.context == "site-vitrine" && r.territory_name == "Angers"));
    let hashes: Vec<_> = read.iter().filter_map(|r| r.subject_email_hash.clone()).collect();
    assert!(hashes.contains(&email_hash("personne2@example.fr")));
    assert!(read.iter().any(|r| r.subject_label == "Personne 3"));

    // A search shows one person: one row.
    app.get("/ateliers/site-vitrine/gestion?q=Personne%201").await.assert_status(StatusCode::OK);
    assert_eq!(of_kind(&rows(&app).await, AccessKind::Registrants).len(), 4);

    // The CSV holds everyone; the sign-in sheet the confirmed only.
    app.get("/ateliers/site-vitrine/presence.csv").await.assert_status(StatusCode::OK);
    app.get("/ateliers/site-vitrine/presence/imprimer").await.assert_status(StatusCode::OK);
    let log = rows(&app).await;
    assert_eq!(of_kind(&log, AccessKind::AttendanceCsv).len(), 3);
    assert_eq!(of_kind(&log, AccessKind::AttendancePrint).len(), 2);

    // The check-in link opened by staff names one person.
    let outcome = registered(&app, &crate::event_fixtures::session(&app, "autre", 5, 1).await, 7).await;
    let registration = stored(&app, &outcome.public_id).await;
    app.clock.advance(chrono::TimeDelta::hours(23)); // check-in opens the day before
    app.get(&tokens::check_in_path(&registration.public_id, &registration.secret)).await.assert_status(StatusCode::OK);
    let check_in = rows(&app).await;
    let check_in = of_kind(&check_in, AccessKind::CheckIn);
    assert_eq!(check_in.len(), 1);
    assert_eq!(check_in[0].subject_label, "Personne 7");

    // A visitor or someone without a role reads nothing, and nothing is logged for them.
    let before = app.count("staff_access_log").await;
    account(&mut app, "curieux@example.fr", None).await;
    app.get("/ateliers/site-vitrine/gestion").await.assert_status(StatusCode::FORBIDDEN);
    assert_eq!(app.count("staff_access_log").await, before);
}

async fn own_data_is_not_logged(mut app: TestApp) {
    let trainer = account(&mut app, "personne1@example.fr", Some(Role::Trainer)).await;
    let event = trained_session(&app, "site-vitrine", 10, 3, &[trainer]).await;
    registered(&app, &event, 1).await; // the trainer's own registration
    registered(&app, &event, 2).await;
    account(&mut app, "gestion@example.fr", Some(Role::Manager)).await;

    as_user(&mut app, "personne1@example.fr").await;
    app.get("/ateliers/site-vitrine/gestion").await.assert_status(StatusCode::OK);
    let log = rows(&app).await;
    assert_eq!(log.len(), 1, "only the other registrant");
    assert_eq!(log[0].subject_email_hash.as_deref(), Some(email_hash("personne2@example.fr").as_str()));
    assert_eq!(log[0].staff_user_id, trainer);

    // The team page shows the manager themself and the trainer: one row, the trainer.
    as_user(&mut app, "gestion@example.fr").await;
    app.get("/territoires/angers/equipe").await.assert_status(StatusCode::OK);
    let log = rows(&app).await;
    let team = of_kind(&log, AccessKind::Team);
    assert_eq!(team.len(), 1);
    assert_eq!(team[0].subject_user_id, Some(trainer));
    // Reading the review page is not itself a logged read, and one's own account page neither.
    app.get("/territoires/angers/journal-acces").await.assert_status(StatusCode::OK);
    app.get("/compte").await.assert_status(StatusCode::OK);
    assert_eq!(app.count("staff_access_log").await, 2);
}

async fn coaching_team_and_passport_pages_are_logged(mut app: TestApp) {
    let camille = coach(&mut app, "camille@example.fr", "camille", "Camille Conseil").await;
    account(&mut app, "gestion@example.fr", Some(Role::Manager)).await;
    let (_, person) = booked(&app, &camille, 1, slots(&app, &camille, 14).await[0]).await;
    let timeline = format!("/espace-coach/beneficiaires/{}", person.public_id);

    as_user(&mut app, "camille@example.fr").await;
    app.get(&timeline).await.assert_status(StatusCode::OK);
    app.get("/espace-coach/beneficiaires").await.assert_status(StatusCode::OK);
    app.get("/espace-coach").await.assert_status(StatusCode::OK);
    as_user(&mut app, "gestion@example.fr").await;
    app.get(&timeline).await.assert_status(StatusCode::OK);
    app.get("/espace-coach?coach=camille").await.assert_status(StatusCode::OK);
    app.get("/territoires/angers/accompagnements").await.assert_status(StatusCode::OK);
    app.get("/territoires/angers/moderation").await.assert_status(StatusCode::OK);
    app.get("/territoires/angers/passeports").await.assert_status(StatusCode::OK);

    let log = rows(&app).await;
    let follow_up = of_kind(&log, AccessKind::FollowUp);
    assert_eq!(follow_up.len(), 2, "the coach's read and the manager's");
    assert!(follow_up.iter().all(|r| r.context == person.public_id && r.subject_label == "Personne 1"));
    assert!(follow_up.iter().all(|r| r.subject_email_hash.as_deref() == Some(email_hash("personne1@example.fr").as_str())));
    let staff: Vec<_> = follow_up.iter().map(|r| r.staff_email.clone().unwrap_or_default()).collect();
    assert!(staff.contains(&"camille@example.fr".to_owned()) && staff.contains(&"gestion@example.fr".to_owned()));
    assert_eq!(of_kind(&log, AccessKind::Beneficiaries).len(), 2, "the coach's list and the territory's");
    let agenda = of_kind(&log, AccessKind::Appointments);
    assert_eq!(agenda.len(), 2, "the coach's agenda, read by the coach and by the manager");
    assert!(agenda.iter().all(|r| r.context == "camille" && r.subject_label == "Personne 1"));
    // Nobody to show on the moderation and passport pages: nothing logged for them.
    assert!(of_kind(&log, AccessKind::Claims).is_empty() && of_kind(&log, AccessKind::Passports).is_empty());
}

async fn only_the_territory_managers_review_the_log(mut app: TestApp) {
    account(&mut app, "gestion@example.fr", Some(Role::Manager)).await;
    account(&mut app, "admin@example.fr", Some(Role::Admin)).await;
    account(&mut app, "coach@example.fr", Some(Role::Coach)).await;
    account(&mut app, "formation@example.fr", Some(Role::Trainer)).await;
    neighbouring_manager(&mut app, "voisin@example.fr").await;
    let event = crate::event_fixtures::session(&app, "site-vitrine", 10, 3).await;
    registered(&app, &event, 1).await;
    as_user(&mut app, "gestion@example.fr").await;
    app.get("/ateliers/site-vitrine/gestion").await.assert_status(StatusCode::OK);

    for email in ["gestion@example.fr", "admin@example.fr"] {
        as_user(&mut app, email).await;
        let page = app.get("/territoires/angers/journal-acces").await;
        page.assert_status(StatusCode::OK);
        assert!(page.body.contains("Personne 1") && page.body.contains("gestion@example.fr"), "{email}");
        assert_eq!(page.headers.get("cache-control").map(|v| v.to_str().unwrap_or_default()), Some("private, no-store"));
        app.get("/territoires/angers/journal-acces.csv").await.assert_status(StatusCode::OK);
    }
    for email in ["voisin@example.fr", "coach@example.fr", "formation@example.fr"] {
        as_user(&mut app, email).await;
        let page = app.get("/territoires/angers/journal-acces").await;
        page.assert_status(StatusCode::FORBIDDEN);
        assert!(!page.body.contains("Personne 1"), "{email}");
        app.get("/territoires/angers/journal-acces.csv").await.assert_status(StatusCode::FORBIDDEN);
    }
    // The neighbour's own log does not show Angers' rows.
    as_user(&mut app, "voisin@example.fr").await;
    let theirs = app.get("/territoires/trelaze/journal-acces").await;
    theirs.assert_status(StatusCode::OK);
    assert!(!theirs.body.contains("Personne 1"));
    app.new_visitor();
    let anonymous = app.get("/territoires/angers/journal-acces").await;
    anonymous.assert_status(StatusCode::SEE_OTHER);
}

async fn the_review_filters_pages_and_exports(mut app: TestApp) {
    account(&mut app, "gestion@example.fr", Some(Role::Manager)).await;
    let trainer = account(&mut app, "formation@example.fr", Some(Role::Trainer)).await;
    let event = trained_session(&app, "site-vitrine", 100, 30, &[trainer]).await;
    for n in 1..=30 {
        registered(&app, &event, n).await;
    }
    // The manager reads 30 people today; the trainer reads them again 3 days later: 60 rows.
    as_user(&mut app, "gestion@example.fr").await;
    app.get("/ateliers/site-vitrine/gestion").await.assert_status(StatusCode::OK);
    let first_day = chrono::DateTime::from_timestamp(app.clock.now_ts(), 0)
        .expect("now")
        .with_timezone(&chrono_tz::Europe::Paris)
        .format("%Y-%m-%d")
        .to_string();
    app.clock.advance(chrono::TimeDelta::days(3));
    as_user(&mut app, "formation@example.fr").await;
    app.get("/ateliers/site-vitrine/gestion").await.assert_status(StatusCode::OK);
    assert_eq!(app.count("staff_access_log").await, 60);

    as_user(&mut app, "gestion@example.fr").await;
    let all = app.get("/territoires/angers/journal-acces").await;
    all.assert_status(StatusCode::OK);
    assert!(all.body.contains("60 lectures") && all.body.contains("rel=\"next\""));
    // Newest first: the trainer's 30 reads, then 20 of the manager's; the last 10 on page 2.
    let first_trainer = all.body.find("<td>formation@example.fr</td>").expect("trainer's reads");
    assert!(first_trainer < all.body.find("<td>gestion@example.fr</td>").expect("manager's reads"));
    let second = app.get("/territoires/angers/journal-acces?page=2").await;
    assert!(second.body.contains("<td>gestion@example.fr</td>") && second.body.contains("rel=\"prev\""));
    assert!(!second.body.contains("<td>formation@example.fr</td>") && !second.body.contains("rel=\"next\""));

    // By person: their two reads.
    let person = app.get("/territoires/angers/journal-acces?personne=PERSONNE7%40example.fr").await;
    person.assert_status(StatusCode::OK);
    assert!(person.body.contains("2 lectures") && person.body.contains("Personne 7") && !person.body.contains("Personne 8"));
    // By staff member.
    let staff = app.get("/territoires/angers/journal-acces?personnel=gestion%40example.fr").await;
    assert!(staff.body.contains("30 lectures") && !staff.body.contains("formation@example.fr"));
    // By period: the first day only.
    let day = app.get(&format!("/territoires/angers/journal-acces?du={first_day}&au={first_day}")).await;
    assert!(day.body.contains("30 lectures") && !day.body.contains("<td>formation@example.fr</td>"), "{first_day}");
    // Refused filters come back with the input and a message beside the field.
    let refused = app.get("/territoires/angers/journal-acces?personne=pas-une-adresse&du=hier").await;
    refused.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("value=\"pas-une-adresse\"") && refused.body.contains("id=\"personne-error\" role=\"alert\""));
    assert!(refused.body.contains("id=\"du-error\" role=\"alert\""));

    // The CSV holds what the filters select, every page of it.
    let csv = app.get("/territoires/angers/journal-acces.csv?personnel=formation%40example.fr").await;
    csv.assert_status(StatusCode::OK);
    assert_eq!(csv.body.lines().count(), 31, "header and 30 rows");
    assert!(csv.body.contains(&email_hash("personne30@example.fr")));
    assert!(!csv.body.contains("gestion@example.fr"));
}

async fn erasure_clears_the_label_and_keeps_the_hash(mut app: TestApp) {
    account(&mut app, "gestion@example.fr", Some(Role::Manager)).await;
    let event = crate::event_fixtures::session(&app, "site-vitrine", 10, 3).await;
    registered(&app, &event, 1).await;
    registered(&app, &event, 2).await;
    as_user(&mut app, "gestion@example.fr").await;
    app.get("/ateliers/site-vitrine/gestion").await.assert_status(StatusCode::OK);
    // The erasure of a person without an account (asked by e-mailed link).
    let subject = tremplin_store::privacy::Subject { user_id: None, email: "personne1@example.fr".into() };
    let report = tremplin_store::privacy::erase::erase(&app.db, &subject, app.clock.now_ts()).await.expect("erase");
    assert!(report.tables.contains(&("staff_access_log", 1)), "{report:?}");
    let page = app.get("/territoires/angers/journal-acces?personne=personne1%40example.fr").await;
    assert!(page.body.contains("Une lecture") && page.body.contains("(personne effacée)") && !page.body.contains("Personne 1"));
    assert!(app.get("/territoires/angers/journal-acces").await.body.contains("Personne 2"));
}

async fn logging_500_registrants_costs_one_insert(mut app: TestApp) {
    account(&mut app, "gestion@example.fr", Some(Role::Manager)).await;
    let event = crate::event_fixtures::session(&app, "grand-atelier", 500, 3).await;
    for n in 1..=500 {
        register(&app.db, &app.clock, std::slice::from_ref(&event), &person(n), Locale::Fr).await.expect("registered");
    }
    as_user(&mut app, "gestion@example.fr").await;
    // The page without the log's cost, for comparison: the same rows, already logged once.
    let started = Instant::now();
    app.get("/ateliers/grand-atelier/gestion").await.assert_status(StatusCode::OK);
    let with_log = started.elapsed();
    assert_eq!(app.count_where("staff_access_log", "kind", "registrants").await, 500);
    let rows: Vec<_> = (1..=500)
        .map(|n| tremplin_domain::privacy::Subject::by_email(Some(&format!("personne{n}@example.fr")), &format!("Personne {n}")))
        .collect();
    let staff = app.db.user_by_email(&tremplin_kernel::Email::parse("gestion@example.fr").expect("e")).await.expect("l").expect("u");
    let started = Instant::now();
    let written = tremplin_domain::privacy::access_log::record(&app.db, &staff, event.territory_id, AccessKind::Registrants, "x", &rows, 0)
        .await
        .expect("logged");
    let insert = started.elapsed();
    assert_eq!(written, 500);
    eprintln!("access log, 500 registrants ({:?}): staff page {with_log:?}, of which the log's insert about {insert:?}", app.db.engine());
    assert!(insert < std::time::Duration::from_secs(2), "{insert:?}");
}
