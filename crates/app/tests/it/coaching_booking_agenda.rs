//! The coach's side and the jobs: the reminder the day before (once, even with two workers at
//! once; again after a move), the private calendar feed (right key, wrong key, renewed key),
//! the agenda (the coach's, a manager's view, nobody else's) and a cancellation by the coach
//! with a reason e-mailed to the person.

use crate::coach_fixtures::{coach, slots};
use crate::coaching_booking::{book, mails_to, stored};
use crate::event_files::{parse_calendar, value};
use crate::events_staff::{account, as_user};
use crate::helpers::TestApp;
use axum::http::StatusCode;
use chrono::TimeDelta;
use tremplin_domain::coaching::jobs::run_reminders;
use tremplin_domain::coaching::{AppointmentStatus, CoachRepo};
use tremplin_kernel::{Clock, Role};

crate::both_engines!(
    reminders_go_once_even_with_two_workers,
    the_private_feed_needs_its_key_and_a_renewed_key_replaces_the_old,
    the_agenda_is_the_coach_s_and_their_managers,
    the_coach_cancels_with_a_reason_sent_to_the_person,
);

/// Runs the reminder job on two workers at the same moment; returns what each enqueued.
async fn two_workers(app: &TestApp) -> (usize, usize) {
    let (db1, db2) = (app.db.clone(), app.db.clone());
    let (clock1, clock2) = (app.clock.clone(), app.clock.clone());
    let first = tokio::spawn(async move { run_reminders(&db1, &clock1).await });
    let second = tokio::spawn(async move { run_reminders(&db2, &clock2).await });
    (first.await.expect("task").expect("round"), second.await.expect("task").expect("round"))
}

/// Whether the appointment with this public id has its reminder marked sent.
async fn reminded(app: &TestApp, public_id: &str) -> bool {
    let sql =
        sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM appointments WHERE public_id = '{public_id}' AND reminder_sent_at IS NOT NULL"));
    let count: i64 = match &app.db {
        tremplin_store::Db::Sqlite(pool) => sqlx::query_scalar(sql).fetch_one(pool).await.expect("count"),
        tremplin_store::Db::Pg(pool) => sqlx::query_scalar(sql).fetch_one(pool).await.expect("count"),
    };
    count == 1
}

async fn reminders_go_once_even_with_two_workers(mut app: TestApp) {
    let coach = coach(&mut app, "coach@example.fr", "camille", "Camille Conseil").await;
    let now = app.clock.now_ts();
    let free = slots(&app, &coach, 21).await;
    let later: Vec<_> = free.iter().copied().filter(|s| s.starts_at > now + 3 * 86_400).collect();
    let path = book(&mut app, "camille", 1, later[0]).await;
    let public_id = stored(&app, &path).await.public_id;
    assert_eq!(two_workers(&app).await, (0, 0), "not yet: more than a day ahead");

    app.clock.set(chrono::DateTime::from_timestamp(later[0].starts_at, 0).expect("instant") - TimeDelta::hours(20));
    let (a, b) = two_workers(&app).await;
    assert_eq!(a + b, 1, "one reminder between the two workers");
    assert_eq!(two_workers(&app).await, (0, 0), "a second round sends nothing");
    app.run_pending_jobs().await;
    let reminders: Vec<_> =
        mails_to(&app, "personne1@example.fr").into_iter().filter(|m| m.message.subject.starts_with("Demain")).collect();
    assert_eq!(reminders.len(), 1);
    assert!(reminders[0].message.text.contains(&path) && reminders[0].message.text.contains("Camille Conseil"));
    assert!(reminded(&app, &public_id).await);

    // Moved to another day: the new time is reminded in its turn.
    let target = later.iter().find(|s| s.starts_at > later[0].starts_at + 86_400).copied().expect("a later slot");
    app.get(&format!("{path}/deplacer")).await;
    app.post_form(&format!("{path}/deplacer"), &[("starts_at", &target.starts_at.to_string())]).await.assert_status(StatusCode::SEE_OTHER);
    assert!(!reminded(&app, &public_id).await, "the move clears the reminder");
    app.clock.set(chrono::DateTime::from_timestamp(target.starts_at, 0).expect("instant") - TimeDelta::hours(2));
    assert_eq!(run_reminders(&app.db, &app.clock).await.expect("round"), 1);
}

async fn the_private_feed_needs_its_key_and_a_renewed_key_replaces_the_old(mut app: TestApp) {
    let coach = coach(&mut app, "coach@example.fr", "camille", "Camille Conseil").await;
    let free = slots(&app, &coach, 14).await;
    let kept = book(&mut app, "camille", 1, free[0]).await;
    let dropped = book(&mut app, "camille", 2, free[1]).await;
    app.get(&format!("{dropped}/annuler")).await;
    app.post_form(&format!("{dropped}/annuler"), &[]).await.assert_status(StatusCode::SEE_OTHER);

    let feed = app.get("/coachs/camille/agenda-prive.ics?cle=secret-camille").await;
    feed.assert_status(StatusCode::OK);
    assert!(feed.headers["content-type"].to_str().expect("type").starts_with("text/calendar"));
    let (own, events) = parse_calendar(&feed.body);
    assert_eq!(value(&own, "METHOD"), "PUBLISH");
    assert_eq!(events.len(), 1, "booked appointments only");
    assert_eq!(value(&events[0], "UID"), format!("rendez-vous-{}@localhost", stored(&app, &kept).await.public_id));
    assert!(value(&events[0], "SUMMARY").contains("Personne 1"));
    for wrong in ["", "?cle=", "?cle=secret-camill", "?cle=secret-camille2"] {
        app.get(&format!("/coachs/camille/agenda-prive.ics{wrong}")).await.assert_status(StatusCode::NOT_FOUND);
    }

    as_user(&mut app, "coach@example.fr").await;
    let agenda = app.get("/espace-coach").await;
    assert!(agenda.body.contains("webcal://localhost/coachs/camille/agenda-prive.ics?cle=secret-camille"));
    app.post_form("/espace-coach/agenda-prive/renouveler", &[("coach", "")]).await.assert_status(StatusCode::SEE_OTHER);
    let renewed = app.db.coach_by_slug("camille").await.expect("lookup").expect("coach").feed_secret;
    assert_ne!(renewed, "secret-camille");
    assert!(app.get("/espace-coach").await.body.contains(&renewed));
    app.get("/coachs/camille/agenda-prive.ics?cle=secret-camille").await.assert_status(StatusCode::NOT_FOUND);
    app.get(&format!("/coachs/camille/agenda-prive.ics?cle={renewed}")).await.assert_status(StatusCode::OK);
}

async fn the_agenda_is_the_coach_s_and_their_managers(mut app: TestApp) {
    let coach = coach(&mut app, "coach@example.fr", "camille", "Camille Conseil").await;
    crate::coach_fixtures::coach(&mut app, "autre@example.fr", "dominique", "Dominique Conseil").await;
    account(&mut app, "gestion@example.fr", Some(Role::Manager)).await;
    let free = slots(&app, &coach, 14).await;
    let past = book(&mut app, "camille", 1, free[0]).await;
    book(&mut app, "camille", 2, free[2]).await;

    app.new_visitor();
    let anonymous = app.get("/espace-coach").await;
    anonymous.assert_status(StatusCode::SEE_OTHER);
    assert!(anonymous.location().starts_with("/connexion"));

    as_user(&mut app, "coach@example.fr").await;
    let agenda = app.get("/espace-coach").await;
    agenda.assert_status(StatusCode::OK);
    assert!(agenda.body.contains("Personne 1 — Boutique 1") && agenda.body.contains("personne2@example.fr"));
    assert!(agenda.body.contains("/espace-coach/profil") && agenda.body.contains("/espace-coach/disponibilites"));
    // Once the first is over, it is listed with the link to its report.
    app.clock.set(chrono::DateTime::from_timestamp(free[0].ends_at, 0).expect("instant") + TimeDelta::minutes(1));
    let later = app.get("/espace-coach").await;
    let past_id = stored(&app, &past).await.public_id;
    assert!(later.body.contains(&format!("/espace-coach/rendez-vous/{past_id}/compte-rendu")));

    as_user(&mut app, "autre@example.fr").await;
    let own = app.get("/espace-coach").await;
    assert!(!own.body.contains("Personne 1"), "another coach sees their own agenda only");
    app.get("/espace-coach?coach=camille").await.assert_status(StatusCode::FORBIDDEN);

    as_user(&mut app, "gestion@example.fr").await;
    let managed = app.get("/espace-coach?coach=camille").await;
    managed.assert_status(StatusCode::OK);
    assert!(managed.body.contains("Rendez-vous de Camille Conseil") && managed.body.contains("Personne 2"));
    let none = app.get("/espace-coach").await;
    assert!(none.body.contains("pas encore de profil"));
}

async fn the_coach_cancels_with_a_reason_sent_to_the_person(mut app: TestApp) {
    let coach = coach(&mut app, "coach@example.fr", "camille", "Camille Conseil").await;
    crate::coach_fixtures::coach(&mut app, "autre@example.fr", "dominique", "Dominique Conseil").await;
    let slot = slots(&app, &coach, 14).await[0];
    let path = book(&mut app, "camille", 1, slot).await;
    let public_id = stored(&app, &path).await.public_id;
    let action = format!("/espace-coach/rendez-vous/{public_id}/annuler");

    as_user(&mut app, "autre@example.fr").await;
    app.get("/espace-coach").await;
    app.post_form(&action, &[("reason", "Je ne suis pas son conseiller")]).await.assert_status(StatusCode::FORBIDDEN);

    as_user(&mut app, "coach@example.fr").await;
    app.get("/espace-coach").await;
    let empty = app.post_form(&action, &[("reason", "  ")]).await;
    empty.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(empty.body.contains("Indiquez le motif") && empty.body.contains("role=\"alert\""));
    let done = app.post_form(&action, &[("reason", "Je suis malade ce jour-là, désolé.")]).await;
    done.assert_status(StatusCode::SEE_OTHER);
    let agenda = app.get("/espace-coach").await;
    assert!(agenda.body.contains("la personne est prévenue") && agenda.body.contains("Annulé par le conseiller"));
    assert_eq!(stored(&app, &path).await.status, AppointmentStatus::Cancelled);
    assert!(slots(&app, &coach, 14).await.contains(&slot));

    app.run_pending_jobs().await;
    let to_person =
        mails_to(&app, "personne1@example.fr").into_iter().find(|m| m.message.subject.starts_with("Rendez-vous annulé")).expect("told");
    assert!(to_person.message.text.contains("Camille Conseil a annulé votre rendez-vous"), "{}", to_person.message.text);
    assert!(to_person.message.text.contains("Je suis malade ce jour-là, désolé."));
    app.new_visitor();
    assert!(app.get(&path).await.body.contains("Le conseiller a annulé ce rendez-vous"));
}
