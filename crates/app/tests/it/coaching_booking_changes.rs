//! The person changes their appointment with the link of their e-mail: cancel (the slot is
//! free again, a METHOD:CANCEL goes to them and the coach is told who cancelled), move (the
//! old slot freed, the new taken, SEQUENCE 1, an updated invitation), a move to a taken slot
//! refused, and nothing changes once the appointment has started.

use crate::coach_fixtures::{coach, slots};
use crate::coaching_booking::{book, mails_to, stored};
use crate::event_files::{parse_calendar, value};
use crate::helpers::TestApp;
use axum::http::StatusCode;
use chrono::TimeDelta;
use tremplin_domain::coaching::AppointmentStatus;

crate::both_engines!(
    the_person_cancels_and_the_slot_is_free_again,
    the_person_moves_to_another_free_slot,
    a_move_to_a_taken_slot_is_refused,
    nothing_changes_once_the_appointment_has_started,
);

/// The iCalendar attachment of the last message to `to` whose subject starts with `subject`.
fn invitation_of(app: &TestApp, to: &str, subject: &str) -> (String, String, String) {
    let mail =
        mails_to(app, to).into_iter().rev().find(|m| m.message.subject.starts_with(subject)).unwrap_or_else(|| panic!("no {subject}"));
    let text = String::from_utf8(mail.message.attachments[0].bytes.clone()).expect("utf-8");
    let (own, events) = parse_calendar(&text);
    (value(&own, "METHOD").to_owned(), value(&events[0], "UID").to_owned(), value(&events[0], "SEQUENCE").to_owned())
}

async fn the_person_cancels_and_the_slot_is_free_again(mut app: TestApp) {
    let coach = coach(&mut app, "coach@example.fr", "camille", "Camille Conseil").await;
    let slot = slots(&app, &coach, 14).await[0];
    let path = book(&mut app, "camille", 1, slot).await;
    assert!(!slots(&app, &coach, 14).await.contains(&slot));
    let confirm = app.get(&format!("{path}/annuler")).await;
    confirm.assert_status(StatusCode::OK);
    assert!(confirm.body.contains("Annuler ce rendez-vous"));
    let done = app.post_form(&format!("{path}/annuler"), &[]).await;
    done.assert_status(StatusCode::SEE_OTHER);
    assert_eq!(done.location(), path);
    let page = app.get(&path).await;
    assert!(page.body.contains("Votre rendez-vous est annulé") && page.body.contains("Vous avez annulé ce rendez-vous"));
    assert!(!page.body.contains(&format!("{path}/deplacer")), "nothing left to move");
    let appointment = stored(&app, &path).await;
    assert_eq!((appointment.status, appointment.sequence), (AppointmentStatus::Cancelled, 1));
    assert!(slots(&app, &coach, 14).await.contains(&slot), "the slot is free again");

    app.run_pending_jobs().await;
    let (method, uid, sequence) = invitation_of(&app, "personne1@example.fr", "Rendez-vous annulé");
    let (_, booked_uid, _) = invitation_of(&app, "personne1@example.fr", "Rendez-vous confirmé");
    assert_eq!((method.as_str(), sequence.as_str()), ("CANCEL", "1"));
    assert_eq!(uid, booked_uid, "the same UID removes the invitation");
    let to_coach =
        mails_to(&app, "coach@example.fr").into_iter().find(|m| m.message.subject.starts_with("Rendez-vous annulé")).expect("coach told");
    assert!(to_coach.message.text.contains("Personne 1 a annulé"), "{}", to_coach.message.text);
    assert!(to_coach.message.attachments.is_empty());

    // Someone else can book it now; cancelling again changes nothing.
    book(&mut app, "camille", 2, slot).await;
    app.get(&path).await;
    app.post_form(&format!("{path}/annuler"), &[]).await.assert_status(StatusCode::SEE_OTHER);
    assert_eq!(app.count("appointments WHERE status = 'booked'").await, 1);
}

async fn the_person_moves_to_another_free_slot(mut app: TestApp) {
    let coach = coach(&mut app, "coach@example.fr", "camille", "Camille Conseil").await;
    let free = slots(&app, &coach, 14).await;
    let (old, new) = (free[0], free[3]);
    let path = book(&mut app, "camille", 1, old).await;
    let form = app.get(&format!("{path}/deplacer")).await;
    form.assert_status(StatusCode::OK);
    assert!(form.body.contains(&format!("value=\"{}\"", new.starts_at)));
    let moved = app.post_form(&format!("{path}/deplacer"), &[("starts_at", &new.starts_at.to_string())]).await;
    moved.assert_status(StatusCode::SEE_OTHER);
    assert_eq!(moved.location(), path, "the same link still works");
    assert!(app.get(&path).await.body.contains("Votre rendez-vous est déplacé"));
    let appointment = stored(&app, &path).await;
    assert_eq!((appointment.starts_at, appointment.ends_at, appointment.sequence), (new.starts_at, new.ends_at, 1));
    let now_free = slots(&app, &coach, 14).await;
    assert!(now_free.contains(&old) && !now_free.contains(&new));
    assert_eq!(app.count("appointments").await, 1);

    app.run_pending_jobs().await;
    let (method, uid, sequence) = invitation_of(&app, "personne1@example.fr", "Rendez-vous déplacé");
    let (_, booked_uid, _) = invitation_of(&app, "personne1@example.fr", "Rendez-vous confirmé");
    assert_eq!((method.as_str(), sequence.as_str(), uid), ("REQUEST", "1", booked_uid));
    let to_coach =
        mails_to(&app, "coach@example.fr").into_iter().find(|m| m.message.subject.starts_with("Rendez-vous déplacé")).expect("coach told");
    assert!(to_coach.message.text.contains("Personne 1 a déplacé"), "{}", to_coach.message.text);
}

async fn a_move_to_a_taken_slot_is_refused(mut app: TestApp) {
    let coach = coach(&mut app, "coach@example.fr", "camille", "Camille Conseil").await;
    let free = slots(&app, &coach, 14).await;
    let first = book(&mut app, "camille", 1, free[0]).await;
    book(&mut app, "camille", 2, free[1]).await;
    app.get(&format!("{first}/deplacer")).await;
    let refused = app.post_form(&format!("{first}/deplacer"), &[("starts_at", &free[1].starts_at.to_string())]).await;
    refused.assert_status(StatusCode::CONFLICT);
    assert!(refused.body.contains("plus libre"), "{}", refused.body);
    // Off the coach's hours: refused the same way; no slot chosen: 422.
    let off = app.post_form(&format!("{first}/deplacer"), &[("starts_at", &(free[2].starts_at + 600).to_string())]).await;
    off.assert_status(StatusCode::CONFLICT);
    app.post_form(&format!("{first}/deplacer"), &[]).await.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    let appointment = stored(&app, &first).await;
    assert_eq!((appointment.starts_at, appointment.sequence, appointment.status), (free[0].starts_at, 0, AppointmentStatus::Booked));
    assert_eq!(app.count("appointments WHERE status = 'booked'").await, 2);
}

async fn nothing_changes_once_the_appointment_has_started(mut app: TestApp) {
    let coach = coach(&mut app, "coach@example.fr", "camille", "Camille Conseil").await;
    let free = slots(&app, &coach, 14).await;
    let path = book(&mut app, "camille", 1, free[0]).await;
    let page = app.get(&path).await;
    app.clock.set(chrono::DateTime::from_timestamp(free[0].starts_at, 0).expect("instant") + TimeDelta::minutes(5));
    let page_after = app.get(&path).await;
    assert!(page.body.contains(&format!("{path}/deplacer")));
    assert!(!page_after.body.contains(&format!("{path}/deplacer")) && !page_after.body.contains(&format!("{path}/annuler\"")));
    assert!(page_after.body.contains("Le rendez-vous a commencé"));
    let cancel = app.post_form(&format!("{path}/annuler"), &[]).await;
    cancel.assert_status(StatusCode::SEE_OTHER);
    let moved = app.post_form(&format!("{path}/deplacer"), &[("starts_at", &free[3].starts_at.to_string())]).await;
    moved.assert_status(StatusCode::SEE_OTHER);
    assert!(app.get(&path).await.body.contains("ne peut plus être modifié"));
    app.get(&format!("{path}/deplacer")).await.assert_status(StatusCode::SEE_OTHER);
    let appointment = stored(&app, &path).await;
    assert_eq!((appointment.status, appointment.starts_at, appointment.sequence), (AppointmentStatus::Booked, free[0].starts_at, 0));
}
