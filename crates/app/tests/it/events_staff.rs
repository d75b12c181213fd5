//! The staff side of workshops through the real router: creating and editing sessions (one, a
//! weekly series, refused input), capacity changes, staff cancellation, and who may see what.
//! Check-in, walk-ins and the attendance list are in `events_check_in`.

use crate::event_fixtures::{angers, person, session};
use crate::helpers::TestApp;
use axum::http::StatusCode;
use tremplin_domain::accounts::AccountRepo;
use tremplin_domain::events::commands::register;
use tremplin_domain::events::{Event, EventFilter, EventRepo, RegistrationOutcome, RegistrationRepo, RegistrationStatus};
use tremplin_kernel::{Clock, Email, Locale, Role};

/// Password of the test accounts.
pub const PASSWORD: &str = "une phrase de passe solide";

/// An account holding `role` in Angers (or no role), logged in on `app`; returns its id.
pub async fn account(app: &mut TestApp, email: &str, role: Option<Role>) -> i64 {
    let territory = angers(app).await;
    app.new_visitor();
    app.sign_up(email, PASSWORD).await;
    let user = app.db.user_by_email(&Email::parse(email).expect("email")).await.expect("lookup").expect("user");
    if let Some(role) = role {
        app.db.grant_role(user.id, territory, role, None, 0).await.expect("grant");
    }
    user.id
}

/// Logs `email` in as a fresh visitor.
pub async fn as_user(app: &mut TestApp, email: &str) {
    app.new_visitor();
    app.log_in(email, PASSWORD).await;
}

/// A session (see `event_fixtures::session`) trained by `trainers`.
pub async fn trained_session(app: &TestApp, slug: &str, capacity: i64, in_days: i64, trainers: &[i64]) -> Event {
    let event = session(app, slug, capacity, in_days).await;
    for trainer in trainers {
        add_trainer(app, event.id, *trainer).await;
    }
    app.db.event_by_slug(slug).await.expect("lookup").expect("session")
}

async fn add_trainer(app: &TestApp, event_id: i64, user_id: i64) {
    let sql = sqlx::AssertSqlSafe(format!("INSERT INTO event_trainers (event_id, user_id) VALUES ({event_id}, {user_id})"));
    match &app.db {
        tremplin_store::Db::Sqlite(pool) => sqlx::query(sql).execute(pool).await.map(|_| ()).expect("trainer"),
        tremplin_store::Db::Pg(pool) => sqlx::query(sql).execute(pool).await.map(|_| ()).expect("trainer"),
    }
}

/// Registers person `n` for `event`.
pub async fn registered(app: &TestApp, event: &Event, n: usize) -> RegistrationOutcome {
    register(&app.db, &app.clock, std::slice::from_ref(event), &person(n), Locale::Fr).await.expect("registered").remove(0)
}

pub async fn stored(app: &TestApp, public_id: &str) -> tremplin_domain::events::Registration {
    app.db.registration_by_public_id(public_id).await.expect("lookup").expect("registration")
}

async fn a_trainer_creates_a_session_and_a_series(mut app: TestApp) {
    let trainer = account(&mut app, "formation@exemple.fr", Some(Role::Trainer)).await;
    let form = app.get("/territoires/angers/ateliers/nouveau").await;
    form.assert_status(StatusCode::OK);
    assert!(form.body.contains("name=\"themes\" value=\"website\""));
    let tomorrow = chrono::DateTime::from_timestamp(app.clock.now_ts() + 2 * 86_400, 0)
        .expect("date")
        .with_timezone(&chrono_tz::Europe::Paris)
        .format("%Y-%m-%d")
        .to_string();
    let fields = |title: &'static str, repeat: &'static str| {
        vec![
            ("title", title),
            ("description", "Créer son site vitrine."),
            ("themes", "website"),
            ("themes", "visibility"),
            ("modules", "creer-son-site"),
            ("modules", "augmenter-son-trafic"),
            ("audiences", "professionals"),
            ("level", "beginner"),
            ("language", "fr"),
            ("venue_name", "Médiathèque Toussaint"),
            ("venue_address", "49 rue Toussaint"),
            ("venue_commune", "49000"),
            ("room", "Salle 2"),
            ("start_time", "18:00"),
            ("end_time", "20:00"),
            ("capacity", "12"),
            ("accessibility", "Accessible en fauteuil."),
            ("repeat", repeat),
        ]
    };
    let mut one = fields("Créer son site", "1");
    one.push(("date", tomorrow.as_str()));
    let created = app.post_form("/territoires/angers/ateliers/nouveau", &one).await;
    created.assert_status(StatusCode::SEE_OTHER);
    let slug = created.location().trim_start_matches("/ateliers/").trim_end_matches("/gestion").to_owned();
    assert_eq!(slug, format!("creer-son-site-{tomorrow}"));
    let event = app.db.event_by_slug(&slug).await.expect("lookup").expect("created");
    assert_eq!(event.themes, ["website", "visibility"]);
    assert_eq!(event.modules, ["creer-son-site", "augmenter-son-trafic"]);
    assert_eq!((event.capacity, event.ends_at - event.starts_at), (12, 7_200));
    assert_eq!(event.venue.insee.as_deref(), Some("49007"), "the commune is resolved by its postcode");
    assert_eq!(event.trainers.iter().map(|t| t.user_id).collect::<Vec<_>>(), [trainer], "a trainer creating is added");
    assert_eq!(paris_hm(event.starts_at), "18:00");
    app.get(created.location()).await.assert_status(StatusCode::OK);

    // A weekly series of three: one series, three sessions a week apart at the same local time.
    let mut three = fields("Atelier hebdo", "3");
    three.push(("date", tomorrow.as_str()));
    app.get("/territoires/angers/ateliers/nouveau").await;
    let series = app.post_form("/territoires/angers/ateliers/nouveau", &three).await;
    series.assert_status(StatusCode::SEE_OTHER);
    assert_eq!(series.location(), "/mes-ateliers");
    let weekly = app.db.series_by_slug(&format!("atelier-hebdo-serie-{tomorrow}")).await.expect("lookup").expect("series");
    let filter = EventFilter { series_id: Some(weekly.id), ends_after: 0, limit: 10, ..EventFilter::default() };
    let sessions = app.db.find_events(&filter).await.expect("sessions");
    assert_eq!(sessions.len(), 3);
    for pair in sessions.windows(2) {
        let days = (pair[1].starts_at - pair[0].starts_at) as f64 / 86_400.0;
        assert!((6.9..=7.1).contains(&days), "a week apart, give or take a change of time: {days}");
        assert_eq!(paris_hm(pair[1].starts_at), "18:00");
    }
    let mine = app.get("/mes-ateliers").await;
    mine.assert_status(StatusCode::OK);
    assert_eq!(mine.body.matches("Atelier hebdo").count(), 3);
    assert!(mine.body.contains("Créer son site"));
}

/// Europe/Paris hours and minutes of a timestamp.
pub fn paris_hm(ts: i64) -> String {
    chrono::DateTime::from_timestamp(ts, 0).expect("ts").with_timezone(&chrono_tz::Europe::Paris).format("%H:%M").to_string()
}

async fn invalid_sessions_are_refused_with_the_input_kept(mut app: TestApp) {
    account(&mut app, "gestion@exemple.fr", Some(Role::Manager)).await;
    app.get("/territoires/angers/ateliers/nouveau").await.assert_status(StatusCode::OK);
    let refused = app
        .post_form(
            "/territoires/angers/ateliers/nouveau",
            &[
                ("title", ""),
                ("description", "Texte gardé"),
                ("audiences", "public"),
                ("level", "beginner"),
                ("language", "fr"),
                ("venue_commune", "Nulle-Part-Sur-Rien"),
                ("date", "2026-13-45"),
                ("start_time", "18:00"),
                ("end_time", "17:00"),
                ("capacity", "-3"),
                ("repeat", "99"),
                ("themes", "astrologie"),
            ],
        )
        .await;
    refused.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    for message in [
        "Indiquez un titre.",
        "Date attendue au format AAAA-MM-JJ",
        "Indiquez un nombre de places entre 0 et 100",
        "Indiquez un nombre de séances entre 1 et 52.",
        "Commune introuvable",
        "Thème inconnu.",
    ] {
        assert!(refused.body.contains(message), "missing message: {message}");
    }
    assert!(refused.body.contains("Texte gardé"), "input kept");
    assert!(refused.body.contains("role=\"alert\""));
    assert_eq!(app.count("events").await, 0);

    // A member of the public may not create sessions; a visitor is sent to log in.
    account(&mut app, "membre@exemple.fr", None).await;
    app.get("/territoires/angers/ateliers/nouveau").await.assert_status(StatusCode::FORBIDDEN);
    app.new_visitor();
    let login = app.get("/territoires/angers/ateliers/nouveau").await;
    login.assert_status(StatusCode::SEE_OTHER);
    assert!(login.location().starts_with("/connexion"));
}

async fn capacity_is_never_lowered_below_confirmed(mut app: TestApp) {
    let trainer = account(&mut app, "formation@exemple.fr", Some(Role::Trainer)).await;
    let event = trained_session(&app, "atelier-cap", 2, 3, &[trainer]).await;
    for n in 0..4 {
        registered(&app, &event, n).await;
    }
    app.get("/ateliers/atelier-cap/gestion").await.assert_status(StatusCode::OK);
    let refused = app.post_form("/ateliers/atelier-cap/capacite", &[("capacity", "1")]).await;
    refused.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("Impossible : 2 personnes sont confirmées."), "says how many are confirmed");
    let same = app.db.event_by_slug("atelier-cap").await.expect("lookup").expect("event");
    assert_eq!((same.capacity, same.confirmed, same.waitlisted), (2, 2, 2));
    app.post_form("/ateliers/atelier-cap/capacite", &[("capacity", "beaucoup")]).await.assert_status(StatusCode::UNPROCESSABLE_ENTITY);

    // Raising promotes the first waiting person, who is told.
    let mails = app.count("outbox").await;
    let raised = app.post_form("/ateliers/atelier-cap/capacite", &[("capacity", "3")]).await;
    raised.assert_status(StatusCode::SEE_OTHER);
    let after = app.db.event_by_slug("atelier-cap").await.expect("lookup").expect("event");
    assert_eq!((after.capacity, after.confirmed, after.waitlisted), (3, 3, 1));
    assert_eq!(app.count("outbox").await, mails + 1);

    // Staff cancel a confirmed person: the last waiting one gets the seat.
    let page = app.get("/ateliers/atelier-cap/gestion").await;
    assert!(page.body.contains("Personne 3"));
    let first = app.db.registrations_of_event(event.id).await.expect("list").remove(0);
    app.post_form(&format!("/ateliers/atelier-cap/annulation/{}", first.public_id), &[]).await.assert_status(StatusCode::SEE_OTHER);
    let after = app.db.event_by_slug("atelier-cap").await.expect("lookup").expect("event");
    assert_eq!((after.confirmed, after.waitlisted), (3, 0));
    assert_eq!(stored(&app, &first.public_id).await.status, RegistrationStatus::Cancelled);
}

async fn a_trainer_sees_only_their_sessions(mut app: TestApp) {
    let other = account(&mut app, "autre@exemple.fr", Some(Role::Trainer)).await;
    let trainer = account(&mut app, "formation@exemple.fr", Some(Role::Trainer)).await;
    let mine = trained_session(&app, "atelier-moi", 5, 2, &[trainer]).await;
    let theirs = trained_session(&app, "atelier-autre", 5, 2, &[other]).await;
    registered(&app, &mine, 1).await;
    registered(&app, &theirs, 2).await;

    let page = app.get("/ateliers/atelier-moi/gestion").await;
    page.assert_status(StatusCode::OK);
    assert!(page.body.contains("Personne 1") && page.body.contains("personne1@example.fr"));
    for path in ["/ateliers/atelier-autre/gestion", "/ateliers/atelier-autre/presence.csv", "/ateliers/atelier-autre/presence/imprimer"] {
        let refused = app.get(path).await;
        refused.assert_status(StatusCode::FORBIDDEN);
        assert!(!refused.body.contains("Personne 2"), "{path}");
    }
    app.post_form("/ateliers/atelier-autre/capacite", &[("capacity", "1")]).await.assert_status(StatusCode::FORBIDDEN);
    app.post_form("/ateliers/atelier-autre/sur-place", &[("walk_in_name", "X")]).await.assert_status(StatusCode::FORBIDDEN);
    app.get("/territoires/angers/ateliers/enquetes").await.assert_status(StatusCode::FORBIDDEN);
    let list = app.get("/mes-ateliers").await;
    assert!(list.body.contains("Atelier atelier-moi") && !list.body.contains("Atelier atelier-autre"));
    assert!(list.body.contains("1 / 5"));

    // The territory's manager sees both; a member and the public see none.
    account(&mut app, "gestion@exemple.fr", Some(Role::Manager)).await;
    assert!(app.get("/ateliers/atelier-autre/gestion").await.body.contains("Personne 2"));
    let list = app.get("/mes-ateliers").await;
    assert!(list.body.contains("Atelier atelier-moi") && list.body.contains("Atelier atelier-autre"));
    account(&mut app, "membre@exemple.fr", None).await;
    app.get("/ateliers/atelier-moi/gestion").await.assert_status(StatusCode::FORBIDDEN);
    app.new_visitor();
    // The public pages and the API of the session never show who registered.
    for path in ["/ateliers/atelier-moi", "/api/v1/events/atelier-moi", "/api/v1/events", "/ateliers"] {
        let public = app.get(path).await;
        public.assert_status(StatusCode::OK);
        assert!(!public.body.contains("Personne 1") && !public.body.contains("personne1@"), "{path} shows a registrant");
    }
    for path in ["/ateliers/atelier-moi/gestion", "/ateliers/atelier-moi/presence.csv", "/mes-ateliers"] {
        let visitor = app.get(path).await;
        visitor.assert_status(StatusCode::SEE_OTHER);
        assert!(visitor.location().starts_with("/connexion"));
    }
}

async fn a_session_is_edited_but_keeps_its_slug_and_capacity(mut app: TestApp) {
    let other = account(&mut app, "autre@exemple.fr", Some(Role::Trainer)).await;
    let trainer = account(&mut app, "formation@exemple.fr", Some(Role::Trainer)).await;
    let event = trained_session(&app, "atelier-edit", 4, 3, &[trainer]).await;
    let form = app.get("/ateliers/atelier-edit/modifier").await;
    form.assert_status(StatusCode::OK);
    assert!(form.body.contains("value=\"Atelier atelier-edit\"") && form.body.contains("value=\"Salle 2\""), "filled");
    assert!(!form.body.contains("name=\"capacity\""), "the capacity has its own form");
    let date = chrono::DateTime::from_timestamp(event.starts_at, 0)
        .expect("ts")
        .with_timezone(&chrono_tz::Europe::Paris)
        .format("%Y-%m-%d")
        .to_string();
    let other_id = other.to_string();
    let mine = trainer.to_string();
    let mut fields = vec![
        ("title", "Atelier renommé"),
        ("audiences", "public"),
        ("level", "intermediate"),
        ("language", "fr"),
        ("online_url", "https://visio.example.org/salle"),
        ("date", date.as_str()),
        ("start_time", "09:00"),
        ("end_time", "08:00"),
        ("trainers", mine.as_str()),
        ("trainers", other_id.as_str()),
        ("capacity", "1"),
    ];
    let refused = app.post_form("/ateliers/atelier-edit/modifier", &fields).await;
    refused.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("La fin doit venir après le début.") && refused.body.contains("Atelier renommé"));
    fields.retain(|(k, _)| *k != "end_time");
    fields.push(("end_time", "11:30"));
    let saved = app.post_form("/ateliers/atelier-edit/modifier", &fields).await;
    saved.assert_status(StatusCode::SEE_OTHER);
    assert_eq!(saved.location(), "/ateliers/atelier-edit/gestion");
    let after = app.db.event_by_slug("atelier-edit").await.expect("lookup").expect("same slug");
    assert_eq!((after.title.as_str(), after.capacity, after.ends_at - after.starts_at), ("Atelier renommé", 4, 9_000));
    assert_eq!(paris_hm(after.starts_at), "09:00");
    assert!(after.is_online() && after.venue.room.is_empty());
    let mut trainers: Vec<i64> = after.trainers.iter().map(|t| t.user_id).collect();
    trainers.sort_unstable();
    assert_eq!(trainers, {
        let mut both = vec![trainer, other];
        both.sort_unstable();
        both
    });

    // A trainer of the territory who does not run it may not edit it.
    let third = account(&mut app, "tiers@exemple.fr", Some(Role::Trainer)).await;
    assert!(third > 0);
    app.get("/ateliers/atelier-edit/modifier").await.assert_status(StatusCode::FORBIDDEN);
    app.post_form("/ateliers/atelier-edit/modifier", &fields).await.assert_status(StatusCode::FORBIDDEN);
}

crate::both_engines!(
    a_trainer_creates_a_session_and_a_series,
    invalid_sessions_are_refused_with_the_input_kept,
    capacity_is_never_lowered_below_confirmed,
    a_trainer_sees_only_their_sessions,
    a_session_is_edited_but_keeps_its_slug_and_capacity,
);
