//! Booking a coach through HTTP, without an account: the form (the slot shown in Paris time,
//! invalid input kept with a message per field, the confirmation e-mail with a parsable
//! invitation and the coach's notice), the same slot booked twice (the second refused with
//! the next free slots), the JSON API (201, 409, 422) and links with a wrong token.

use crate::coach_fixtures::{coach, slots};
use crate::event_files::{parse_calendar, value};
use crate::events_staff::paris_hm;
use crate::helpers::{BASE_URL, TestApp, TestResponse};
use axum::http::{Method, StatusCode};
use tremplin_domain::coaching::{Appointment, AppointmentRepo, Slot};
use tremplin_mail::SentMail;

crate::both_engines!(
    booking_by_form_confirms_by_mail_with_an_invitation_and_tells_the_coach,
    invalid_input_comes_back_with_a_message_per_field,
    the_same_slot_booked_twice_is_refused_the_second_time,
    the_api_books_and_refuses_taken_slots_and_bad_input,
    a_wrong_token_shows_the_same_page_as_an_unknown_appointment,
);

/// The fields of a valid booking for person `n` at `slot`.
pub fn fields(n: usize, slot: Slot) -> Vec<(String, String)> {
    vec![
        ("debut".into(), slot.starts_at.to_string()),
        ("modality".into(), "at_venue".into()),
        ("themes".into(), "website".into()),
        ("themes".into(), "visibility".into()),
        ("need".into(), "Je voudrais créer le site de ma boutique.".into()),
        ("name".into(), format!("Personne {n}")),
        ("email".into(), format!("personne{n}@example.fr")),
        ("phone".into(), String::new()),
        ("business".into(), format!("Boutique {n}")),
        ("consent".into(), "yes".into()),
    ]
}

/// Posts the booking form of `coach_slug` as a new visitor, as a browser would (the form
/// page first, for its token).
pub async fn post_booking(app: &mut TestApp, coach_slug: &str, fields: &[(String, String)]) -> TestResponse {
    app.new_visitor();
    let start = fields.iter().find(|(k, _)| k == "debut").map(|(_, v)| v.clone()).unwrap_or_default();
    app.get(&format!("/coachs/{coach_slug}/reserver?debut={start}")).await.assert_status(StatusCode::OK);
    let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    app.post_form(&format!("/coachs/{coach_slug}/reserver"), &pairs).await
}

/// Books `slot` for person `n` through the form; returns the person's page path.
pub async fn book(app: &mut TestApp, coach_slug: &str, n: usize, slot: Slot) -> String {
    let response = post_booking(app, coach_slug, &fields(n, slot)).await;
    response.assert_status(StatusCode::SEE_OTHER);
    assert!(response.location().starts_with("/rendez-vous/"), "{}", response.location());
    response.location().to_owned()
}

/// The appointment behind a person's page path.
pub async fn stored(app: &TestApp, path: &str) -> Appointment {
    let public_id = path.split('/').nth(2).expect("public id");
    app.db.appointment_by_public_id(public_id).await.expect("lookup").expect("appointment")
}

/// Messages delivered to `to`.
pub fn mails_to(app: &TestApp, to: &str) -> Vec<SentMail> {
    app.sent_mail().into_iter().filter(|m| m.to == to).collect()
}

async fn booking_by_form_confirms_by_mail_with_an_invitation_and_tells_the_coach(mut app: TestApp) {
    let coach = coach(&mut app, "coach@example.fr", "camille", "Camille Conseil").await;
    let slot = slots(&app, &coach, 14).await[0];
    app.new_visitor();
    let form = app.get(&format!("/coachs/camille/reserver?debut={}", slot.starts_at)).await;
    form.assert_status(StatusCode::OK);
    assert!(form.body.contains(&paris_hm(slot.starts_at)), "the slot in Paris time");
    assert!(form.body.contains("value=\"phone\""), "the coach's modalities are offered");
    assert!(!form.body.contains("value=\"video\""), "not the others");

    let path = book(&mut app, "camille", 1, slot).await;
    let page = app.get(&path).await;
    page.assert_status(StatusCode::OK);
    assert!(page.body.contains("Votre rendez-vous est confirmé"), "flash");
    assert!(page.body.contains("Camille Conseil") && page.body.contains("Je voudrais créer le site de ma boutique."));
    assert!(page.body.contains(&format!("{path}/agenda.ics")) && page.body.contains(&format!("{path}/deplacer")));
    assert!(page.body.contains(&format!("{path}/annuler")) && page.body.contains(&format!("{path}/suivi")));
    let appointment = stored(&app, &path).await;
    assert_eq!((appointment.starts_at, appointment.themes.len()), (slot.starts_at, 2));

    app.run_pending_jobs().await;
    let to_person = mails_to(&app, "personne1@example.fr");
    assert_eq!(to_person.len(), 1);
    let message = &to_person[0].message;
    assert!(message.subject.starts_with("Rendez-vous confirmé avec Camille Conseil"), "{}", message.subject);
    assert!(message.text.contains(&format!("{BASE_URL}{path}")), "absolute link: {}", message.text);
    assert!(message.html.contains(&format!("href=\"{BASE_URL}{path}\"")));
    assert_eq!(message.attachments.len(), 1);
    assert!(message.attachments[0].content_type.contains("method=REQUEST"));
    let (own, events) = parse_calendar(std::str::from_utf8(&message.attachments[0].bytes).expect("utf-8"));
    assert_eq!(value(&own, "METHOD"), "REQUEST");
    assert_eq!(events.len(), 1);
    assert_eq!(value(&events[0], "UID"), format!("rendez-vous-{}@localhost", appointment.public_id));
    assert_eq!(value(&events[0], "SEQUENCE"), "0");
    let start = chrono::DateTime::from_timestamp(slot.starts_at, 0).expect("instant").format("%Y%m%dT%H%M%SZ").to_string();
    assert_eq!(value(&events[0], "DTSTART"), start);
    assert!(events[0].iter().any(|(n, _, v)| n == "ATTENDEE" && v == "mailto:personne1@example.fr"));

    let to_coach: Vec<SentMail> =
        mails_to(&app, "coach@example.fr").into_iter().filter(|m| m.message.subject.starts_with("Nouveau rendez-vous")).collect();
    assert_eq!(to_coach.len(), 1);
    let notice = &to_coach[0].message.text;
    assert!(notice.contains("Personne 1 — Boutique 1") && notice.contains("personne1@example.fr"), "{notice}");
    assert!(notice.contains(&format!("{BASE_URL}/espace-coach")));
}

async fn invalid_input_comes_back_with_a_message_per_field(mut app: TestApp) {
    let coach = coach(&mut app, "coach@example.fr", "camille", "Camille Conseil").await;
    let slot = slots(&app, &coach, 14).await[0];
    let mut bad = fields(1, slot);
    for (key, value) in &mut bad {
        match key.as_str() {
            "need" => value.clear(),
            "email" => *value = "pas-un-courriel".into(),
            "modality" => *value = "video".into(),
            _ => {}
        }
    }
    bad.retain(|(k, _)| k != "consent");
    let response = post_booking(&mut app, "camille", &bad).await;
    response.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(response.body.contains("value=\"Personne 1\""), "the input is kept");
    assert!(response.body.contains("value=\"pas-un-courriel\""));
    for message in ["Décrivez votre besoin", "Choisissez une des façons", "Cochez la case"] {
        assert!(response.body.contains(message), "{message}");
    }
    assert!(response.body.matches("role=\"alert\"").count() >= 5, "a message beside each field and the summary");
    assert_eq!(app.count("appointments").await, 0);
}

async fn the_same_slot_booked_twice_is_refused_the_second_time(mut app: TestApp) {
    let coach = coach(&mut app, "coach@example.fr", "camille", "Camille Conseil").await;
    let free = slots(&app, &coach, 14).await;
    book(&mut app, "camille", 1, free[0]).await;
    let second = post_booking(&mut app, "camille", &fields(2, free[0])).await;
    second.assert_status(StatusCode::CONFLICT);
    assert!(
        second.body.contains("Ce créneau n&#39;est plus libre") || second.body.contains("Ce créneau n'est plus libre"),
        "{}",
        second.body
    );
    assert!(second.body.contains(&format!("/coachs/camille/reserver?debut={}", free[1].starts_at)), "the next free slots");
    assert!(!second.body.contains(&format!("/coachs/camille/reserver?debut={}\"", free[0].starts_at)), "not the taken one");
    assert_eq!(app.count("appointments").await, 1);
}

async fn post_json(app: &mut TestApp, path: &str, body: serde_json::Value) -> TestResponse {
    app.request(Method::POST, path, Some(("application/json", body.to_string().into_bytes())), &[]).await
}

async fn the_api_books_and_refuses_taken_slots_and_bad_input(mut app: TestApp) {
    let coach = coach(&mut app, "coach@example.fr", "camille", "Camille Conseil").await;
    let slot = slots(&app, &coach, 14).await[0];
    app.new_visitor();
    let body = serde_json::json!({
        "starts_at": slot.starts_at, "modality": "phone", "themes": ["website"], "need": "Un site vitrine.",
        "name": "Léa Martin", "email": "lea@example.fr", "consent": true, "locale": "en"
    });
    let created = post_json(&mut app, "/api/v1/coaches/camille/appointments", body.clone()).await;
    created.assert_status(StatusCode::CREATED);
    let json = created.json();
    assert_eq!(json["appointment"]["starts_at"], slot.starts_at);
    assert_eq!(json["appointment"]["modality"], "phone");
    let manage = json["appointment"]["manage_url"].as_str().expect("manage url").to_owned();
    assert!(manage.starts_with(&format!("{BASE_URL}/rendez-vous/")));
    app.get(manage.trim_start_matches(BASE_URL)).await.assert_status(StatusCode::OK);

    let taken = post_json(&mut app, "/api/v1/coaches/camille/appointments", body.clone()).await;
    taken.assert_status(StatusCode::CONFLICT);
    assert_eq!(taken.json()["error"]["code"], "slot-taken");

    let invalid =
        post_json(&mut app, "/api/v1/coaches/camille/appointments", serde_json::json!({"starts_at": slot.starts_at, "name": "X"})).await;
    invalid.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    let fields = &invalid.json()["error"]["fields"];
    for field in ["need", "email", "consent"] {
        assert!(fields[field].is_string(), "{field}: {fields}");
    }
    post_json(&mut app, "/api/v1/coaches/personne/appointments", body).await.assert_status(StatusCode::NOT_FOUND);
    assert_eq!(app.count("appointments").await, 1);

    // English, as asked.
    app.run_pending_jobs().await;
    assert!(mails_to(&app, "lea@example.fr")[0].message.subject.starts_with("Appointment confirmed"));
    let openapi = app.get("/api/v1/openapi.json").await;
    assert!(openapi.body.contains("/api/v1/coaches/{slug}/appointments"));
}

async fn a_wrong_token_shows_the_same_page_as_an_unknown_appointment(mut app: TestApp) {
    let coach = coach(&mut app, "coach@example.fr", "camille", "Camille Conseil").await;
    let slot = slots(&app, &coach, 14).await[0];
    let path = book(&mut app, "camille", 1, slot).await;
    let public_id = path.split('/').nth(2).expect("public id").to_owned();
    let wrong = format!("/rendez-vous/{public_id}/{}", "A".repeat(43));
    let unknown = format!("/rendez-vous/inconnu/{}", "A".repeat(43));
    app.new_visitor();
    let (wrong_page, unknown_page) = (app.get(&wrong).await, app.get(&unknown).await);
    wrong_page.assert_status(StatusCode::NOT_FOUND);
    unknown_page.assert_status(StatusCode::NOT_FOUND);
    let main = |body: &str| body[body.find("<main").expect("main")..body.find("</main>").expect("main end")].to_owned();
    assert_eq!(main(&wrong_page.body), main(&unknown_page.body), "nothing tells the two apart");
    assert!(wrong_page.body.contains("Ce lien de rendez-vous n&#39;existe pas"));
    assert!(!wrong_page.body.contains("Camille Conseil"));
    for suffix in ["/agenda.ics", "/deplacer", "/annuler"] {
        app.get(&format!("{wrong}{suffix}")).await.assert_status(StatusCode::NOT_FOUND);
    }
    app.get(&path).await;
    app.post_form(&format!("{wrong}/annuler"), &[]).await.assert_status(StatusCode::NOT_FOUND);
    app.post_form(&format!("{wrong}/deplacer"), &[("starts_at", "1")]).await.assert_status(StatusCode::NOT_FOUND);
    assert_eq!(stored(&app, &path).await.status.as_str(), "booked");
}
