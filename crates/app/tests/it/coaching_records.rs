//! Accompaniment records through the real router, on both engines: the coach records an
//! appointment once it started (not before), edits the record, records a no-show and a contact
//! without appointment; the record shows on the timeline and in the person's copy and JSON.

use crate::coach_fixtures::{booking, coach, slots};
use crate::events_staff::as_user;
use crate::helpers::TestApp;
use axum::http::{StatusCode, header};
use chrono::TimeDelta;
use tremplin_domain::coaching::commands::book_slot;
use tremplin_domain::coaching::tokens::manage_token;
use tremplin_domain::coaching::{Appointment, Beneficiary, Coach, Slot};
use tremplin_kernel::{Clock, Locale};

crate::both_engines!(
    a_record_after_the_appointment_shows_on_the_timeline_and_in_the_persons_copy,
    a_record_before_the_appointment_starts_is_refused,
    bad_input_is_explained_and_kept,
    a_no_show_needs_nothing_else_and_a_contact_needs_no_appointment,
);

/// Books `slot` with `coach` for person number `n`.
pub async fn booked(app: &TestApp, coach: &Coach, n: usize, slot: Slot) -> (Appointment, Beneficiary) {
    book_slot(&app.db, &app.clock, coach, &booking(n, slot), Locale::Fr).await.expect("booked")
}

/// Moves the test clock to ten minutes after the start of `appointment`.
pub fn during(app: &TestApp, appointment: &Appointment) {
    app.clock.advance(TimeDelta::seconds(appointment.starts_at + 600 - app.clock.now_ts()));
}

/// The record form's path of an appointment.
pub fn form_path(appointment: &Appointment) -> String {
    format!("/espace-coach/rendez-vous/{}/compte-rendu", appointment.public_id)
}

/// A complete record.
pub fn record(summary: &str) -> Vec<(&str, &str)> {
    vec![
        ("themes", "website"),
        ("themes", "visibility"),
        ("duration", "45"),
        ("outcome", "in_progress"),
        ("summary", summary),
        ("next_steps", "Écrire les textes des pages."),
        ("modules", "creer-son-site"),
        ("modules", "augmenter-son-trafic"),
    ]
}

async fn a_record_after_the_appointment_shows_on_the_timeline_and_in_the_persons_copy(mut app: TestApp) {
    let camille = coach(&mut app, "coach@example.fr", "camille", "Camille Conseil").await;
    let (appointment, person) = booked(&app, &camille, 1, slots(&app, &camille, 14).await[0]).await;
    during(&app, &appointment);
    as_user(&mut app, "coach@example.fr").await;
    let form = app.get(&form_path(&appointment)).await;
    form.assert_status(StatusCode::OK);
    assert!(form.body.contains(r#"value="website" checked"#), "the themes asked for are ticked");
    assert!(!form.body.contains(r#"value="security" checked"#));
    assert!(form.body.contains(r#"value="60""#), "the duration is the appointment's length");
    let saved = app.post_form(&form_path(&appointment), &record("Nom de domaine choisi avec la gérante.")).await;
    saved.assert_status(StatusCode::SEE_OTHER);
    let timeline_path = format!("/espace-coach/beneficiaires/{}", person.public_id);
    assert_eq!(saved.location(), timeline_path);
    let timeline = app.get(&timeline_path).await;
    timeline.assert_status(StatusCode::OK);
    for shown in
        ["Nom de domaine choisi avec la gérante.", "Écrire les textes des pages.", "creer-son-site, augmenter-son-trafic", "En cours"]
    {
        assert!(timeline.body.contains(shown), "the timeline shows {shown}");
    }
    assert!(timeline.body.contains("Modifier le compte rendu"), "the coach may edit it");
    // Editing rewrites the one record of the appointment.
    let edited = app.post_form(&form_path(&appointment), &record("Site publié pendant le rendez-vous.")).await;
    edited.assert_status(StatusCode::SEE_OTHER);
    assert_eq!(app.count("accompaniments").await, 1);
    assert!(app.get(&form_path(&appointment)).await.body.contains("Site publié pendant le rendez-vous."));
    // The person, without an account, sees and downloads it with their appointment's link.
    app.new_visitor();
    let base = format!("/rendez-vous/{}/{}", appointment.public_id, manage_token(&appointment.secret));
    let copy = app.get(&format!("{base}/suivi")).await;
    copy.assert_status(StatusCode::OK);
    assert!(copy.body.contains("Site publié pendant le rendez-vous.") && copy.body.contains("Personne 1"));
    assert!(!copy.body.contains("Nom de domaine choisi"), "the old text is gone");
    let json = app.get(&format!("{base}/suivi.json")).await;
    json.assert_status(StatusCode::OK);
    let disposition = json.headers.get(header::CONTENT_DISPOSITION).and_then(|v| v.to_str().ok()).unwrap_or_default();
    assert!(disposition.starts_with("attachment"), "{disposition}");
    let data = json.json();
    assert_eq!(data["beneficiary"]["email"], "personne1@example.fr");
    assert_eq!(data["records"][0]["summary"], "Site publié pendant le rendez-vous.");
    assert_eq!(data["records"][0]["modules"][1], "augmenter-son-trafic");
    assert_eq!(data["records"][0]["coach_name"], "Camille Conseil");
    assert_eq!(data["appointments"][0]["public_id"], appointment.public_id.as_str());
    // A wrong token opens nothing.
    let wrong = format!("/rendez-vous/{}/{}", appointment.public_id, manage_token("another secret"));
    app.get(&format!("{wrong}/suivi")).await.assert_status(StatusCode::NOT_FOUND);
    let wrong_json = app.get(&format!("{wrong}/suivi.json")).await;
    wrong_json.assert_status(StatusCode::NOT_FOUND);
    assert!(!wrong_json.body.contains("Personne 1"));
}

async fn a_record_before_the_appointment_starts_is_refused(mut app: TestApp) {
    let camille = coach(&mut app, "coach@example.fr", "camille", "Camille Conseil").await;
    let (appointment, _) = booked(&app, &camille, 1, slots(&app, &camille, 14).await[0]).await;
    as_user(&mut app, "coach@example.fr").await;
    let early = app.get(&form_path(&appointment)).await;
    early.assert_status(StatusCode::CONFLICT);
    assert!(early.body.contains("pas encore commencé"));
    app.post_form(&form_path(&appointment), &record("Trop tôt.")).await.assert_status(StatusCode::CONFLICT);
    assert_eq!(app.count("accompaniments").await, 0);
    // From its start, it may be recorded.
    app.clock.advance(TimeDelta::seconds(appointment.starts_at - app.clock.now_ts()));
    app.get(&form_path(&appointment)).await.assert_status(StatusCode::OK);
}

async fn bad_input_is_explained_and_kept(mut app: TestApp) {
    let camille = coach(&mut app, "coach@example.fr", "camille", "Camille Conseil").await;
    let (appointment, _) = booked(&app, &camille, 1, slots(&app, &camille, 14).await[0]).await;
    during(&app, &appointment);
    as_user(&mut app, "coach@example.fr").await;
    let bad = [("themes", "astrology"), ("duration", "0"), ("outcome", "great"), ("summary", "  "), ("next_steps", "Rappeler lundi.")];
    let refused = app.post_form(&form_path(&appointment), &bad).await;
    refused.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refused.body.matches(r#"class="field-error""#).count(), 4, "one message beside each wrong field");
    assert!(refused.body.contains(r#"role="alert""#));
    assert!(refused.body.contains("Rappeler lundi."), "what was typed is kept");
    assert!(refused.body.contains("Indiquez une durée entre 1 et 600 minutes."));
    assert_eq!(app.count("accompaniments").await, 0);
}

async fn a_no_show_needs_nothing_else_and_a_contact_needs_no_appointment(mut app: TestApp) {
    let camille = coach(&mut app, "coach@example.fr", "camille", "Camille Conseil").await;
    let (appointment, person) = booked(&app, &camille, 1, slots(&app, &camille, 14).await[0]).await;
    during(&app, &appointment);
    as_user(&mut app, "coach@example.fr").await;
    app.post_form(&form_path(&appointment), &[("no_show", "1")]).await.assert_status(StatusCode::SEE_OTHER);
    let timeline_path = format!("/espace-coach/beneficiaires/{}", person.public_id);
    let timeline = app.get(&timeline_path).await;
    assert!(timeline.body.contains("absent au rendez-vous"), "the no-show shows");
    // A phone call the next day, recorded from the timeline.
    app.clock.advance(TimeDelta::days(1));
    let contact = format!("{timeline_path}/compte-rendu");
    let form = app.get(&contact).await;
    form.assert_status(StatusCode::OK);
    assert!(!form.body.contains(r#"name="no_show""#), "a contact has no no-show box");
    let mut call = record("Appel : la personne avait oublié, nouveau rendez-vous pris.");
    call.push(("date", "2020-13-45"));
    app.post_form(&contact, &call).await.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    call.pop();
    app.post_form(&contact, &call).await.assert_status(StatusCode::SEE_OTHER);
    assert_eq!(app.count("accompaniments").await, 2);
    let timeline = app.get(&timeline_path).await.body;
    let call_at = timeline.find("Appel : la personne avait oublié").expect("the call shows");
    let missed_at = timeline.find("absent au rendez-vous").expect("the no-show still shows");
    assert!(call_at < missed_at, "newest first");
}
