//! Reminders of unanswered requests (3 and 7 days) and their expiry (14 days), each sent
//! once even when the job runs twice, or in two workers at once.

use crate::ecosystem_intro::{ask, pair, public_id};
use crate::helpers::TestApp;
use axum::http::StatusCode;
use tremplin_domain::ecosystem::intro_jobs::run_intro_job;
use tremplin_store::Db;

async fn run_twice(app: &TestApp) {
    // Two workers at once (two pools on the same database, as two instances), then once more.
    let other = Db::connect(&app.database_url).await.expect("second pool");
    let (a, b) = tokio::join!(run_intro_job(&app.db, &app.clock), run_intro_job(&other, &app.clock));
    a.expect("job");
    b.expect("job");
    run_intro_job(&app.db, &app.clock).await.expect("job");
}

fn count_to(app: &TestApp, to: &str, subject: &str) -> usize {
    app.sent_mail().iter().filter(|m| m.to == to && m.message.subject.contains(subject)).count()
}

async fn reminders_then_expiry_each_once(mut app: TestApp) {
    pair(&mut app).await;
    let id = public_id(ask(&mut app, "claire-mentor", "mentoring").await.location());
    app.run_pending_jobs().await;
    let day = chrono::TimeDelta::days(1);
    // Nothing before three days.
    app.clock.advance(day * 3 - chrono::TimeDelta::seconds(5));
    run_twice(&app).await;
    app.run_pending_jobs().await;
    assert_eq!(count_to(&app, "claire@example.org", "Rappel"), 0);
    app.clock.advance(chrono::TimeDelta::seconds(10));
    run_twice(&app).await;
    app.run_pending_jobs().await;
    assert_eq!(count_to(&app, "claire@example.org", "Rappel"), 1);
    app.clock.advance(day * 4);
    run_twice(&app).await;
    app.run_pending_jobs().await;
    assert_eq!(count_to(&app, "claire@example.org", "Rappel"), 2);
    assert_eq!(app.count_where("eco_introductions", "status", "pending").await, 1);
    app.clock.advance(day * 7);
    run_twice(&app).await;
    app.run_pending_jobs().await;
    assert_eq!(count_to(&app, "claire@example.org", "Rappel"), 2);
    assert_eq!(count_to(&app, "alex@example.org", "expiré"), 1);
    assert_eq!(app.count_where("eco_introductions", "status", "expired").await, 1);
    // Later rounds send nothing more.
    app.clock.advance(day * 30);
    run_twice(&app).await;
    app.run_pending_jobs().await;
    let ours = app.sent_mail().iter().filter(|m| m.message.text.contains(&format!("/ecosysteme/mises-en-relation/{id}"))).count();
    assert_eq!(ours, 4, "request, two reminders, expiry");
    assert_eq!(app.count_where("eco_introductions", "status", "expired").await, 1);
}

async fn an_answered_request_gets_no_reminder(mut app: TestApp) {
    pair(&mut app).await;
    let id = public_id(ask(&mut app, "claire-mentor", "mentoring").await.location());
    crate::events_staff::as_user(&mut app, "claire@example.org").await;
    app.get("/ecosysteme/mises-en-relation").await;
    app.post_form(&format!("/ecosysteme/mises-en-relation/{id}/reponse"), &[("decision", "accept")])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    app.clock.advance(chrono::TimeDelta::days(20));
    run_twice(&app).await;
    app.run_pending_jobs().await;
    assert_eq!(count_to(&app, "claire@example.org", "Rappel"), 0);
    assert_eq!(app.count_where("eco_introductions", "status", "accepted").await, 1);
}

async fn each_side_is_written_to_in_its_own_language(mut app: TestApp) {
    pair(&mut app).await;
    crate::learning_fixtures::exec(&app, "UPDATE users SET locale = 'en' WHERE email = 'claire@example.org'").await;
    ask(&mut app, "claire-mentor", "mentoring").await.assert_status(StatusCode::SEE_OTHER);
    app.clock.advance(chrono::TimeDelta::days(3));
    run_twice(&app).await;
    app.run_pending_jobs().await;
    assert_eq!(count_to(&app, "claire@example.org", "asks for an introduction"), 1);
    assert_eq!(count_to(&app, "claire@example.org", "Reminder"), 1);
    app.clock.advance(chrono::TimeDelta::days(11));
    run_twice(&app).await;
    app.run_pending_jobs().await;
    assert_eq!(count_to(&app, "alex@example.org", "a expiré"), 1);
}

crate::both_engines!(reminders_then_expiry_each_once, an_answered_request_gets_no_reminder, each_side_is_written_to_in_its_own_language);
