//! Registrants are told when a session moves: a new time or place e-mails every confirmed or
//! waitlisted person with an address (not cancelled ones, not phone-only ones), with an updated
//! invitation (same UID, higher SEQUENCE) for those holding a seat; other edits tell nobody.

use crate::event_files::{parse_calendar, value};
use crate::event_fixtures::person;
use crate::events_staff::{account, paris_hm, registered, stored, trained_session};
use crate::helpers::TestApp;
use axum::http::StatusCode;
use tremplin_domain::events::commands::{cancel, register};
use tremplin_domain::events::{EventRepo, RegistrationStatus};
use tremplin_kernel::{Locale, Role};
use tremplin_mail::SentMail;

const CHANGED_FR: &str = "La séance a changé";

fn ics_of(mail: &SentMail) -> String {
    let file = mail.message.attachments.iter().find(|a| a.name.ends_with(".ics")).expect("an invitation");
    String::from_utf8(file.bytes.clone()).expect("utf-8")
}

/// The form of the session with the given times and description (venue as in the fixture).
fn fields<'a>(date: &'a str, start: &'a str, end: &'a str, description: &'a str, trainer: &'a str) -> Vec<(&'static str, &'a str)> {
    vec![
        ("title", "Atelier atelier-change"),
        ("description", description),
        ("themes", "website"),
        ("modules", "creer-son-site"),
        ("audiences", "professionals"),
        ("level", "beginner"),
        ("language", "fr"),
        ("venue_name", "Médiathèque Toussaint"),
        ("venue_address", "49 rue Toussaint, 49000 Angers"),
        ("venue_commune", "Angers"),
        ("room", "Salle 2"),
        ("accessibility", "Accessible en fauteuil roulant."),
        ("date", date),
        ("start_time", start),
        ("end_time", end),
        ("trainers", trainer),
    ]
}

async fn a_new_time_is_mailed_to_registrants_with_an_updated_invitation(mut app: TestApp) {
    let trainer = account(&mut app, "formation@exemple.fr", Some(Role::Trainer)).await;
    let event = trained_session(&app, "atelier-change", 2, 3, &[trainer]).await;
    assert_eq!(event.sequence, 0);
    // Two confirmed, one waitlisted with an e-mail, one waitlisted by phone only, one cancelled.
    registered(&app, &event, 1).await;
    registered(&app, &event, 2).await;
    let waiting = registered(&app, &event, 3).await;
    assert_eq!((waiting.status, waiting.position), (RegistrationStatus::Waitlisted, Some(1)));
    let mut phone_only = person(4);
    phone_only.email = String::new();
    phone_only.phone = "06 12 34 56 78".into();
    register(&app.db, &app.clock, std::slice::from_ref(&event), &phone_only, Locale::Fr).await.expect("registered by phone");
    let leaving = registered(&app, &event, 5).await;
    let event = app.db.event_by_slug("atelier-change").await.expect("lookup").expect("session");
    cancel(&app.db, &app.clock, &stored(&app, &leaving.public_id).await, &event, false).await.expect("cancelled");
    app.run_pending_jobs().await;
    let before = app.sent_mail().len();
    let first = app.sent_mail().into_iter().find(|m| m.to == "personne1@example.fr").expect("confirmation");
    let (_, original) = parse_calendar(&ics_of(&first));
    assert_eq!(value(&original[0], "SEQUENCE"), "0");

    // The form says beforehand who will be told.
    let form = app.get("/ateliers/atelier-change/modifier").await;
    form.assert_status(StatusCode::OK);
    assert!(form.body.contains("les 3 personnes inscrites"), "{}", form.body);

    let date = chrono::DateTime::from_timestamp(event.starts_at, 0)
        .expect("ts")
        .with_timezone(&chrono_tz::Europe::Paris)
        .format("%Y-%m-%d")
        .to_string();
    let trainer_id = trainer.to_string();
    let saved = app.post_form("/ateliers/atelier-change/modifier", &fields(&date, "15:00", "17:30", "Créer son site.", &trainer_id)).await;
    saved.assert_status(StatusCode::SEE_OTHER);
    let after = app.db.event_by_slug("atelier-change").await.expect("lookup").expect("session");
    assert_eq!((paris_hm(after.starts_at), after.sequence), ("15:00".to_owned(), 1));
    let page = app.get(saved.location()).await;
    assert!(page.body.contains("3 personnes inscrites sont prévenues par e-mail"), "{}", page.body);

    app.run_pending_jobs().await;
    let changed: Vec<SentMail> = app.sent_mail().into_iter().skip(before).filter(|m| m.message.subject.starts_with(CHANGED_FR)).collect();
    let mut told: Vec<&str> = changed.iter().map(|m| m.to.as_str()).collect();
    told.sort_unstable();
    assert_eq!(told, ["personne1@example.fr", "personne2@example.fr", "personne3@example.fr"], "not the cancelled one");
    for mail in &changed {
        assert!(mail.message.text.contains("15 h 00") && mail.message.text.contains("17 h 30"), "{}", mail.message.text);
        // The former time, as "de 10 h 00 à …", or "du … à 23 h 00 au …" for a session run
        // late in the evening that ends after midnight.
        // French times have no leading zero ("9 h 30"), whatever the hour the test runs at.
        let (hour, minute) =
            paris_hm(event.starts_at).split_once(':').map(|(h, m)| (h.trim_start_matches('0').to_owned(), m.to_owned())).expect("hh:mm");
        let hour = if hour.is_empty() { "0".to_owned() } else { hour };
        assert!(mail.message.text.contains(&format!("{hour} h {minute}")), "old time shown: {}", mail.message.text);
    }
    let waitlisted = changed.iter().find(|m| m.to == "personne3@example.fr").expect("waitlisted told");
    assert!(waitlisted.message.attachments.is_empty(), "no seat, nothing to update in a calendar");
    assert!(waitlisted.message.text.contains("liste d'attente, n° 1"), "{}", waitlisted.message.text);
    for to in ["personne1@example.fr", "personne2@example.fr"] {
        let mail = changed.iter().find(|m| m.to == to).expect("confirmed told");
        let (own, events) = parse_calendar(&ics_of(mail));
        assert_eq!(value(&own, "METHOD"), "REQUEST");
        assert_eq!(events.len(), 1);
        assert_eq!(value(&events[0], "UID"), value(&original[0], "UID"), "the same entry, replaced");
        let sequence: i64 = value(&events[0], "SEQUENCE").parse().expect("a number");
        assert!(sequence > 0, "a higher SEQUENCE than the first invitation");
        let start = chrono::DateTime::from_timestamp(after.starts_at, 0).expect("ts").format("%Y%m%dT%H%M%SZ").to_string();
        let end = chrono::DateTime::from_timestamp(after.ends_at, 0).expect("ts").format("%Y%m%dT%H%M%SZ").to_string();
        assert_eq!((value(&events[0], "DTSTART"), value(&events[0], "DTEND")), (start.as_str(), end.as_str()));
        assert!(value(&events[0], "ATTENDEE").contains(to));
    }
    // The public feed carries the same revision, so a calendar holding both keeps the newest.
    let (_, feed) = parse_calendar(&app.get("/ateliers.ics").await.body);
    let in_feed = feed.iter().find(|e| value(e, "UID") == value(&original[0], "UID")).expect("in the feed");
    assert_eq!(value(in_feed, "SEQUENCE"), "1");

    // Changing only the description tells nobody and keeps the revision.
    let told_so_far = app.sent_mail().len();
    app.get("/ateliers/atelier-change/modifier").await;
    let saved =
        app.post_form("/ateliers/atelier-change/modifier", &fields(&date, "15:00", "17:30", "Autre description.", &trainer_id)).await;
    saved.assert_status(StatusCode::SEE_OTHER);
    let page = app.get(saved.location()).await;
    assert!(page.body.contains("Les modifications sont enregistrées.") && !page.body.contains("prévenues"), "{}", page.body);
    app.run_pending_jobs().await;
    assert_eq!(app.sent_mail().len(), told_so_far, "nobody told of a new description");
    let last = app.db.event_by_slug("atelier-change").await.expect("lookup").expect("session");
    assert_eq!((last.description.as_str(), last.sequence), ("Autre description.", 1));

    // A new room is a new place: told again, one revision up.
    app.get("/ateliers/atelier-change/modifier").await;
    let mut moved = fields(&date, "15:00", "17:30", "Autre description.", &trainer_id);
    moved.retain(|(k, _)| *k != "room");
    moved.push(("room", "Salle 5"));
    app.post_form("/ateliers/atelier-change/modifier", &moved).await.assert_status(StatusCode::SEE_OTHER);
    app.run_pending_jobs().await;
    let again: Vec<SentMail> = app.sent_mail().into_iter().skip(told_so_far).collect();
    assert_eq!(again.len(), 3);
    let mail = again.iter().find(|m| m.to == "personne1@example.fr").expect("told of the room");
    assert!(mail.message.text.contains("Salle 5") && mail.message.text.contains("Salle 2"), "new and old place: {}", mail.message.text);
    let (_, events) = parse_calendar(&ics_of(mail));
    assert_eq!(value(&events[0], "SEQUENCE"), "2");
}

crate::both_engines!(a_new_time_is_mailed_to_registrants_with_an_updated_invitation,);
