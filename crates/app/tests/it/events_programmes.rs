//! Large events from the staff side through the real router: a manager creates one, adds
//! sessions in two rooms from the session form, and the programme page lists them by room;
//! trainers may not create one; refused input; the "manage" link of a session page; the
//! `webcal://` feeds beside their `https://` fallback.

use crate::event_fixtures::angers;
use crate::events_staff::{account, as_user, trained_session};
use crate::helpers::{BASE_URL, TestApp};
use axum::http::StatusCode;
use tremplin_domain::events::{EventFilter, EventRepo};
use tremplin_domain::territories::TerritoryRepo;
use tremplin_kernel::{Clock, Role};

/// The day after tomorrow in Europe/Paris, `YYYY-MM-DD`.
fn day_after_tomorrow(app: &TestApp) -> String {
    chrono::DateTime::from_timestamp(app.clock.now_ts() + 2 * 86_400, 0)
        .expect("date")
        .with_timezone(&chrono_tz::Europe::Paris)
        .format("%Y-%m-%d")
        .to_string()
}

/// The session form's fields for a session of a large event.
fn session_fields<'a>(title: &'a str, date: &'a str, start: &'a str, room: &'a str, programme: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("title", title),
        ("description", "Une séance du grand événement."),
        ("themes", "security"),
        ("audiences", "public"),
        ("level", "beginner"),
        ("language", "fr"),
        ("venue_name", "Centre de congrès"),
        ("venue_address", "33 boulevard Carnot"),
        ("venue_commune", "49000"),
        ("room", room),
        ("programme", programme),
        ("date", date),
        ("start_time", start),
        ("end_time", "17:00"),
        ("capacity", "80"),
        ("repeat", "1"),
    ]
}

async fn a_manager_creates_a_large_event_and_adds_sessions_by_room(mut app: TestApp) {
    account(&mut app, "gestion@exemple.fr", Some(Role::Manager)).await;
    let mine = app.get("/mes-ateliers").await;
    assert!(mine.body.contains("href=\"/territoires/angers/evenements/nouveau\""), "linked from /mes-ateliers");
    let create_form = app.get("/territoires/angers/ateliers/nouveau").await;
    assert!(create_form.body.contains("href=\"/territoires/angers/evenements/nouveau\""), "linked from the session form");
    assert!(!create_form.body.contains("name=\"programme\""), "no select while the territory has no large event");

    app.get("/territoires/angers/evenements/nouveau").await.assert_status(StatusCode::OK);
    let fields = [("title", "Deux jours du numérique"), ("description", "Quarante séances sur deux jours.")];
    let created = app.post_form("/territoires/angers/evenements/nouveau", &fields).await;
    created.assert_status(StatusCode::SEE_OTHER);
    assert_eq!(created.location(), "/evenements/deux-jours-du-numerique");
    let programme = app.db.programme_by_slug("deux-jours-du-numerique").await.expect("lookup").expect("programme");
    assert_eq!((programme.title.as_str(), programme.territory_id), ("Deux jours du numérique", angers(&app).await));
    // The same title again gets a slug of its own.
    app.get("/territoires/angers/evenements/nouveau").await;
    let again = app.post_form("/territoires/angers/evenements/nouveau", &fields).await;
    assert_eq!(again.location(), "/evenements/deux-jours-du-numerique-2");

    // The programme page offers the staff to add a session, with the large event pre-selected.
    let page = app.get("/evenements/deux-jours-du-numerique").await;
    page.assert_status(StatusCode::OK);
    let add = "/territoires/angers/ateliers/nouveau?evenement=deux-jours-du-numerique";
    assert!(page.body.contains(&format!("href=\"{add}\"")), "the add link is shown to the staff");
    let form = app.get(add).await;
    form.assert_status(StatusCode::OK);
    assert!(form.body.contains("<option value=\"deux-jours-du-numerique\" selected>"), "pre-selected");
    assert!(form.body.contains("<option value=\"deux-jours-du-numerique-2\">"), "the other large event is offered");

    // Two sessions in two rooms, the later one in the first room by name.
    let date = day_after_tomorrow(&app);
    let cyber = app.post_form(add, &session_fields("Se protéger des arnaques", &date, "15:00", "Salle A", "deux-jours-du-numerique")).await;
    cyber.assert_status(StatusCode::SEE_OTHER);
    app.get(add).await;
    let site = app.post_form(add, &session_fields("Créer son site vitrine", &date, "14:00", "Salle B", "deux-jours-du-numerique")).await;
    site.assert_status(StatusCode::SEE_OTHER);
    let filter = EventFilter { programme_id: Some(programme.id), ends_after: 0, limit: 10, ..EventFilter::default() };
    let sessions = app.db.find_events(&filter).await.expect("sessions");
    assert_eq!(sessions.iter().map(|e| e.venue.room.as_str()).collect::<Vec<_>>(), ["Salle B", "Salle A"], "by start");

    let page = app.get("/evenements/deux-jours-du-numerique").await;
    let at = |needle: &str| page.body.find(needle).unwrap_or_else(|| panic!("{needle} missing from the programme page"));
    assert!(at("<h3>Salle A</h3>") < at("Se protéger des arnaques"));
    assert!(at("Se protéger des arnaques") < at("<h3>Salle B</h3>"), "rooms in name order, each with its sessions");
    assert!(at("<h3>Salle B</h3>") < at("Créer son site vitrine"));
    app.new_visitor();
    let public = app.get("/evenements/deux-jours-du-numerique").await;
    assert!(public.body.contains("Créer son site vitrine"));
    assert!(!public.body.contains("evenement=deux-jours-du-numerique"), "no add link for the public");

    // Editing a session moves it out of the large event, and back in.
    as_user(&mut app, "gestion@exemple.fr").await;
    let slug = site.location().trim_start_matches("/ateliers/").trim_end_matches("/gestion").to_owned();
    let edit = format!("/ateliers/{slug}/modifier");
    let form = app.get(&edit).await;
    assert!(form.body.contains("<option value=\"deux-jours-du-numerique\" selected>"), "the edit form shows the large event");
    app.post_form(&edit, &session_fields("Créer son site vitrine", &date, "14:00", "Salle B", ""))
        .await
        .assert_status(StatusCode::SEE_OTHER);
    assert_eq!(app.db.event_by_slug(&slug).await.expect("lookup").expect("session").programme_id, None);
    app.get(&edit).await;
    app.post_form(&edit, &session_fields("Créer son site vitrine", &date, "14:00", "Salle C", "deux-jours-du-numerique-2"))
        .await
        .assert_status(StatusCode::SEE_OTHER);
    let moved = app.db.event_by_slug(&slug).await.expect("lookup").expect("session");
    assert_eq!((moved.programme_slug.as_deref(), moved.venue.room.as_str()), (Some("deux-jours-du-numerique-2"), "Salle C"));
}

async fn a_trainer_may_not_create_a_large_event(mut app: TestApp) {
    account(&mut app, "gestion@exemple.fr", Some(Role::Manager)).await;
    app.get("/territoires/angers/evenements/nouveau").await;
    app.post_form("/territoires/angers/evenements/nouveau", &[("title", "Deux jours du numérique"), ("description", "")])
        .await
        .assert_status(StatusCode::SEE_OTHER);

    account(&mut app, "formation@exemple.fr", Some(Role::Trainer)).await;
    app.get("/territoires/angers/evenements/nouveau").await.assert_status(StatusCode::FORBIDDEN);
    let form = app.get("/territoires/angers/ateliers/nouveau").await;
    form.assert_status(StatusCode::OK);
    assert!(!form.body.contains("/evenements/nouveau"), "no link for a trainer");
    assert!(form.body.contains("<option value=\"deux-jours-du-numerique\">"), "a trainer may still add a session to it");
    let refused = app.post_form("/territoires/angers/evenements/nouveau", &[("title", "Mon événement"), ("description", "")]).await;
    refused.assert_status(StatusCode::FORBIDDEN);
    assert!(app.db.programme_by_slug("mon-evenement").await.expect("lookup").is_none());
    let page = app.get("/evenements/deux-jours-du-numerique").await;
    assert!(!page.body.contains("?evenement="), "the add link is for the staff");
    let mine = app.get("/mes-ateliers").await;
    assert!(!mine.body.contains("/evenements/nouveau"));

    // Nobody logged in is sent to log in; a member is refused.
    app.new_visitor();
    let anonymous = app.get("/territoires/angers/evenements/nouveau").await;
    assert_ne!(anonymous.status, StatusCode::OK);
    account(&mut app, "membre@exemple.fr", None).await;
    app.get("/territoires/angers/evenements/nouveau").await.assert_status(StatusCode::FORBIDDEN);
}

async fn invalid_large_events_and_foreign_ones_are_refused(mut app: TestApp) {
    account(&mut app, "gestion@exemple.fr", Some(Role::Manager)).await;
    app.get("/territoires/angers/evenements/nouveau").await;
    for title in ["   ", "!!!"] {
        let refused =
            app.post_form("/territoires/angers/evenements/nouveau", &[("title", title), ("description", "Une description gardée.")]).await;
        refused.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused.body.contains("role=\"alert\""), "a message beside the field");
        assert!(refused.body.contains("Une description gardée."), "the input is kept");
    }
    let long = "a".repeat(201);
    app.post_form("/territoires/angers/evenements/nouveau", &[("title", long.as_str()), ("description", "")])
        .await
        .assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.count("event_programmes").await, 0);

    // A large event of another territory cannot be picked for a session of Angers.
    app.commune_territory("nantes", "Nantes", "44109").await;
    let nantes = app.db.territory_by_slug("nantes").await.expect("lookup").expect("nantes").id;
    app.db.create_programme(nantes, "nantes-numerique", "Nantes numérique", "", 0).await.expect("programme");
    let date = day_after_tomorrow(&app);
    app.get("/territoires/angers/ateliers/nouveau").await;
    let refused = app
        .post_form("/territoires/angers/ateliers/nouveau", &session_fields("Atelier", &date, "14:00", "Salle A", "nantes-numerique"))
        .await;
    refused.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("id=\"programme-error\""), "the error is beside the select");
    assert!(refused.body.contains("value=\"Salle A\""), "the input is kept");
    assert_eq!(app.count("events").await, 0);
}

async fn the_manage_link_and_webcal_feeds(mut app: TestApp) {
    let trainer = account(&mut app, "formation@exemple.fr", Some(Role::Trainer)).await;
    account(&mut app, "autre@exemple.fr", Some(Role::Trainer)).await;
    let event = trained_session(&app, "securite", 10, 3, &[trainer]).await;
    let manage = format!("href=\"/ateliers/{}/gestion\"", event.slug);
    let path = format!("/ateliers/{}", event.slug);

    app.new_visitor();
    let public = app.get(&path).await;
    public.assert_status(StatusCode::OK);
    assert!(!public.body.contains(&manage), "not shown to the public");
    let host = BASE_URL.trim_start_matches("http://");
    assert!(public.body.contains(&format!("href=\"webcal://{host}/ateliers/{}/agenda.ics\"", event.slug)), "webcal feed");
    assert!(public.body.contains(&format!("href=\"/ateliers/{}/agenda.ics\"", event.slug)), "https fallback kept");

    as_user(&mut app, "autre@exemple.fr").await;
    assert!(!app.get(&path).await.body.contains(&manage), "not shown to another trainer");
    as_user(&mut app, "formation@exemple.fr").await;
    let own = app.get(&path).await;
    assert!(own.body.contains(&manage), "shown to the session's trainer");
    app.get(&format!("/ateliers/{}/gestion", event.slug)).await.assert_status(StatusCode::OK);

    app.new_visitor();
    let agenda = app.get("/ateliers?theme=website").await;
    agenda.assert_status(StatusCode::OK);
    assert!(
        agenda.body.contains(&format!("href=\"webcal://{host}/ateliers.ics?theme=website")),
        "the agenda's feed as webcal, with its filters"
    );
    assert!(agenda.body.contains("href=\"/ateliers.ics?theme=website"), "https fallback kept");
}

crate::both_engines!(
    a_manager_creates_a_large_event_and_adds_sessions_by_room,
    a_trainer_may_not_create_a_large_event,
    invalid_large_events_and_foreign_ones_are_refused,
    the_manage_link_and_webcal_feeds,
);
