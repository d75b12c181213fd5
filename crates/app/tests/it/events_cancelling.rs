//! Staff call off a whole session, through the router: who may, the confirmation page, the
//! e-mails (confirmed and waitlisted people with an e-mail, a `METHOD:CANCEL` read back by the
//! `ical` crate for confirmed ones), and afterwards: registration refused on the page and the
//! API, no seat taken by a request in flight, no reminder, the feed and pages say so.

use crate::event_files::{parse_calendar, value};
use crate::events_public::post_json;
use crate::events_staff::{account, as_user, registered, stored, trained_session};
use crate::helpers::TestApp;
use axum::http::StatusCode;
use chrono::TimeDelta;
use serde_json::json;
use tremplin_domain::events::commands::{RegistrationForm, register};
use tremplin_domain::events::jobs::{EventJob, run_job};
use tremplin_domain::events::tokens::manage_path;
use tremplin_domain::events::{EventRepo, EventStatus, RegistrationStatus};
use tremplin_kernel::{Locale, Role};

const REASON: &str = "La formatrice est malade.";

async fn a_trainer_calls_off_a_session_and_everyone_is_told(mut app: TestApp) {
    let trainer = account(&mut app, "formation@exemple.fr", Some(Role::Trainer)).await;
    let _other = account(&mut app, "autre-formation@exemple.fr", Some(Role::Trainer)).await;
    let event = trained_session(&app, "site-web", 2, 3, &[trainer]).await;
    let first = registered(&app, &event, 1).await;
    registered(&app, &event, 2).await;
    let waiting = registered(&app, &event, 3).await;
    let gone = registered(&app, &event, 4).await;
    assert_eq!((first.status, waiting.status), (RegistrationStatus::Confirmed, RegistrationStatus::Waitlisted));
    // Someone who cancelled (person 4 waited, then left) and someone with a phone only.
    let gone_row = stored(&app, &gone.public_id).await;
    tremplin_domain::events::commands::cancel(&app.db, &app.clock, &gone_row, &event, false).await.expect("cancelled");
    let phone_only = RegistrationForm {
        name: "Paul Tel".into(),
        email: String::new(),
        phone: "06 12 34 56 78".into(),
        business: String::new(),
        consent: true,
    };
    register(&app.db, &app.clock, std::slice::from_ref(&event), &phone_only, Locale::Fr).await.expect("registered");
    app.run_pending_jobs().await;
    let mails_before = app.sent_mail().len();

    // Another trainer may neither see nor do it.
    as_user(&mut app, "autre-formation@exemple.fr").await;
    app.get("/ateliers/site-web/annuler").await.assert_status(StatusCode::FORBIDDEN);
    // A valid CSRF token (the public page's form), so that only the policy can refuse.
    app.get("/ateliers/site-web").await;
    let refused = app.post_form("/ateliers/site-web/annuler", &[("reason", REASON)]).await;
    refused.assert_status(StatusCode::FORBIDDEN);
    assert_eq!(app.db.event_by_slug("site-web").await.expect("lookup").expect("session").status, EventStatus::Scheduled);

    // The session's trainer: the link, the confirmation page with the counts, a reason required.
    as_user(&mut app, "formation@exemple.fr").await;
    let gestion = app.get("/ateliers/site-web/gestion").await;
    assert!(gestion.body.contains("href=\"/ateliers/site-web/annuler\""), "{}", gestion.body);
    let page = app.get("/ateliers/site-web/annuler").await;
    page.assert_status(StatusCode::OK);
    assert!(page.body.contains("2 personnes inscrites seront prévenues"), "{}", page.body);
    assert!(page.body.contains("liste d&#39;attente sera prévenue par e-mail"), "{}", page.body);
    assert!(page.body.contains("téléphone : appelez-la"), "{}", page.body);
    let empty = app.post_form("/ateliers/site-web/annuler", &[("reason", "  ")]).await;
    empty.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(empty.body.contains("role=\"alert\"") && empty.body.contains("Indiquez le motif"), "{}", empty.body);
    assert_eq!(app.db.event_by_slug("site-web").await.expect("lookup").expect("session").status, EventStatus::Scheduled);
    let done = app.post_form("/ateliers/site-web/annuler", &[("reason", REASON)]).await;
    done.assert_status(StatusCode::SEE_OTHER);
    assert_eq!(done.location(), "/ateliers/site-web/gestion");
    let after = app.get("/ateliers/site-web/gestion").await;
    assert!(after.body.contains("La séance est annulée"), "flash: {}", after.body);
    assert!(after.body.contains("id=\"called-off\""));
    // Nothing left to change on a session called off: no capacity nor walk-in form.
    assert!(gestion.body.contains("action=\"/ateliers/site-web/capacite\""));
    assert!(
        !after.body.contains("action=\"/ateliers/site-web/capacite\"") && !after.body.contains("action=\"/ateliers/site-web/sur-place\"")
    );
    let cancelled = app.db.event_by_slug("site-web").await.expect("lookup").expect("session");
    assert_eq!(cancelled.status, EventStatus::Cancelled);
    assert_eq!(cancelled.confirmed, 2, "registrations stay as history");
    assert_eq!(stored(&app, &first.public_id).await.status, RegistrationStatus::Confirmed);

    // Calling it off twice tells nobody twice.
    app.get("/ateliers/site-web/annuler").await;
    let again = app.post_form("/ateliers/site-web/annuler", &[("reason", REASON)]).await;
    again.assert_status(StatusCode::SEE_OTHER);

    app.run_pending_jobs().await;
    let mails: Vec<_> = app.sent_mail().into_iter().skip(mails_before).collect();
    let mut to: Vec<&str> = mails.iter().map(|m| m.to.as_str()).collect();
    to.sort();
    assert_eq!(to, ["personne1@example.fr", "personne2@example.fr", "personne3@example.fr"], "not the cancelled one, not the phone");
    for mail in &mails {
        assert!(mail.message.subject.starts_with("Séance annulée"), "{}", mail.message.subject);
        assert!(mail.message.text.contains(REASON), "{}", mail.message.text);
    }
    let confirmed_mail = mails.iter().find(|m| m.to == "personne1@example.fr").expect("mail");
    assert_eq!(confirmed_mail.message.attachments.len(), 1);
    let attachment = &confirmed_mail.message.attachments[0];
    assert!(attachment.content_type.contains("method=CANCEL"));
    let (own, events) = parse_calendar(&String::from_utf8(attachment.bytes.clone()).expect("utf-8"));
    assert_eq!(value(&own, "METHOD"), "CANCEL");
    assert_eq!(events.len(), 1);
    assert_eq!(value(&events[0], "STATUS"), "CANCELLED");
    assert!(value(&events[0], "UID").starts_with("site-web@"), "same UID as the invitation");
    assert_eq!(value(&events[0], "SEQUENCE"), "1", "a revision above the invitation's (0), or calendars ignore it");
    let waiting_mail = mails.iter().find(|m| m.to == "personne3@example.fr").expect("mail");
    assert!(waiting_mail.message.attachments.is_empty(), "nothing in a waiting person's calendar");

    // The public page and the registrant's page say so, with the reason.
    app.new_visitor();
    let public = app.get("/ateliers/site-web").await;
    assert!(public.body.contains("Séance annulée") && public.body.contains(REASON), "{}", public.body);
    let own_page = app.get(&manage_path(&first.public_id, &first.secret)).await;
    own_page.assert_status(StatusCode::OK);
    assert!(own_page.body.contains("Séance annulée") && own_page.body.contains(REASON), "{}", own_page.body);
    assert!(!own_page.body.contains("qr.svg"), "no check-in code for a session called off");
}

async fn nothing_is_taken_or_sent_after_calling_off(mut app: TestApp) {
    let trainer = account(&mut app, "formation@exemple.fr", Some(Role::Trainer)).await;
    let event = trained_session(&app, "site-web", 3, 2, &[trainer]).await;
    registered(&app, &event, 1).await;
    as_user(&mut app, "formation@exemple.fr").await;
    app.get("/ateliers/site-web/annuler").await;
    app.post_form("/ateliers/site-web/annuler", &[("reason", REASON)]).await.assert_status(StatusCode::SEE_OTHER);

    // Registration refused: the page and the API.
    app.new_visitor();
    app.get("/ateliers/site-web").await;
    let fields = [("name", "Léa"), ("email", "lea@example.fr"), ("phone", ""), ("business", ""), ("consent", "yes")];
    let page = app.post_form("/ateliers/site-web/inscription", &fields).await;
    page.assert_status(StatusCode::CONFLICT);
    let api =
        post_json(&mut app, "/api/v1/events/site-web/registrations", json!({"name": "Léa", "email": "lea@example.fr", "consent": true}))
            .await;
    api.assert_status(StatusCode::CONFLICT);
    assert_eq!(app.count("registrations").await, 1);

    // A request in flight, decided on the session as it was before: the store gives no seat.
    let outcome = register(&app.db, &app.clock, std::slice::from_ref(&event), &crate::event_fixtures::person(2), Locale::Fr)
        .await
        .expect("stored")
        .remove(0);
    assert_ne!(outcome.status, RegistrationStatus::Confirmed);
    assert_eq!(app.db.event_by_slug("site-web").await.expect("lookup").expect("session").confirmed, 1);

    // The trainer's list shows it, marked.
    as_user(&mut app, "formation@exemple.fr").await;
    let mine = app.get("/mes-ateliers").await;
    assert!(mine.body.contains("site-web") && mine.body.contains("Séance annulée"), "{}", mine.body);

    // No reminder the day before, no survey after.
    app.run_pending_jobs().await;
    let before = app.sent_mail().len();
    app.clock.advance(TimeDelta::hours(30));
    assert_eq!(run_job(&app.db, &app.clock, EventJob::Reminder).await.expect("round"), 0);
    app.clock.advance(TimeDelta::days(1));
    assert_eq!(run_job(&app.db, &app.clock, EventJob::Survey).await.expect("round"), 0);
    app.run_pending_jobs().await;
    assert_eq!(app.sent_mail().len(), before);

    // The session's feed marks it cancelled; the agenda hides it.
    let feed = app.get("/ateliers/site-web/agenda.ics").await;
    let (_, events) = parse_calendar(&feed.body);
    assert_eq!(value(&events[0], "STATUS"), "CANCELLED");
    let agenda = app.get("/api/v1/events").await;
    assert!(!agenda.body.contains("site-web"), "{}", agenda.body);
}

crate::both_engines!(a_trainer_calls_off_a_session_and_everyone_is_told, nothing_is_taken_or_sent_after_calling_off);
