//! Workshop e-mails as delivered: the confirmation with its invitation and QR code, the
//! waitlist answer, the promotion after a cancellation, the reminder the day before and the
//! survey invitation after the session — each job sent once per registration even when two
//! workers run at the same moment.

use crate::event_files::{parse_calendar, sql, value, zbar_decode};
use crate::event_fixtures::{person, session};
use crate::helpers::{BASE_URL, TestApp};
use chrono::TimeDelta;
use tremplin_domain::events::commands::{RegistrationForm, cancel, register};
use tremplin_domain::events::jobs::{EventJob, run_job};
use tremplin_domain::events::tokens::{Purpose, check_in_path, manage_path, token_for};
use tremplin_domain::events::{Event, RegistrationOutcome, RegistrationRepo};
use tremplin_kernel::Locale;
use tremplin_mail::SentMail;

async fn registered(app: &TestApp, events: &[Event], form: &RegistrationForm) -> Vec<RegistrationOutcome> {
    register(&app.db, &app.clock, events, form, Locale::Fr).await.expect("registered")
}

fn mails_to<'a>(mails: &'a [SentMail], to: &str) -> Vec<&'a SentMail> {
    mails.iter().filter(|m| m.to == to).collect()
}

/// Runs one job on two workers at the same moment; returns what each claimed.
async fn two_workers(app: &TestApp, job: EventJob) -> (usize, usize) {
    let (db1, db2) = (app.db.clone(), app.db.clone());
    let (clock1, clock2) = (app.clock.clone(), app.clock.clone());
    let first = tokio::spawn(async move { run_job(&db1, &clock1, job).await });
    let second = tokio::spawn(async move { run_job(&db2, &clock2, job).await });
    (first.await.expect("task").expect("round"), second.await.expect("task").expect("round"))
}

async fn confirmation_carries_invitation_and_qr_code(app: TestApp) {
    let event = session(&app, "atelier-mail", 1, 3).await;
    let other = session(&app, "atelier-mail-2", 5, 4).await;
    let third = session(&app, "atelier-mail-3", 5, 5).await;
    let first = registered(&app, std::slice::from_ref(&event), &person(1)).await.remove(0);
    let second = registered(&app, std::slice::from_ref(&event), &person(2)).await.remove(0);
    // Several sessions in one step: one e-mail.
    registered(&app, &[event.clone(), other.clone(), third.clone()], &person(3)).await;
    app.run_pending_jobs().await;
    let mails = app.sent_mail();

    let to_first = mails_to(&mails, "personne1@example.fr");
    assert_eq!(to_first.len(), 1);
    let message = &to_first[0].message;
    assert!(message.subject.starts_with("Inscription confirmée"), "{}", message.subject);
    assert!(message.text.contains(&format!("{BASE_URL}{}", manage_path(&first.public_id, &first.secret))));
    assert!(message.text.contains("Où : Médiathèque Toussaint, Salle 2"));
    let names: Vec<&str> = message.attachments.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["atelier-mail.ics", "pointage-atelier-mail.png"]);
    assert!(message.attachments[0].content_type.starts_with("text/calendar"));
    let (own, events) = parse_calendar(std::str::from_utf8(&message.attachments[0].bytes).expect("utf-8"));
    assert_eq!(value(&own, "METHOD"), "REQUEST");
    assert_eq!(events.len(), 1);
    let attendee = events[0].iter().find(|(n, _, _)| n == "ATTENDEE").expect("attendee");
    assert_eq!(attendee.2, "mailto:personne1@example.fr");
    assert!(attendee.1.iter().any(|(k, v)| k == "PARTSTAT" && v.join(",") == "ACCEPTED"));
    assert_eq!(message.attachments[1].content_type, "image/png");
    assert_eq!(zbar_decode(&message.attachments[1].bytes, "png"), format!("{BASE_URL}{}", check_in_path(&first.public_id, &first.secret)));

    // The waitlist answer: the position, no invitation, no code.
    let to_second = mails_to(&mails, "personne2@example.fr");
    assert_eq!(to_second.len(), 1);
    assert!(to_second[0].message.subject.starts_with("Liste d'attente"));
    assert!(to_second[0].message.text.contains("n° 1"), "{}", to_second[0].message.text);
    assert!(to_second[0].message.attachments.is_empty());
    assert!(to_second[0].message.text.contains(&manage_path(&second.public_id, &second.secret)));

    // Three sessions, one waitlisted: one e-mail, an invitation and a code per confirmed one.
    let to_third = mails_to(&mails, "personne3@example.fr");
    assert_eq!(to_third.len(), 1);
    let message = &to_third[0].message;
    assert!(message.text.contains("Atelier atelier-mail-2") && message.text.contains("n° 2"), "{}", message.text);
    let names: Vec<&str> = message.attachments.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["atelier-mail-2.ics", "pointage-atelier-mail-2.png", "atelier-mail-3.ics", "pointage-atelier-mail-3.png"]);
}

async fn promotion_is_told_with_its_attachments(app: TestApp) {
    let event = session(&app, "atelier-promo", 1, 3).await;
    let first = registered(&app, std::slice::from_ref(&event), &person(1)).await.remove(0);
    let second = registered(&app, std::slice::from_ref(&event), &person(2)).await.remove(0);
    let registration = app.db.registration_by_public_id(&first.public_id).await.expect("lookup").expect("first");
    cancel(&app.db, &app.clock, &registration, &event, false).await.expect("cancelled");
    app.run_pending_jobs().await;
    let mails = app.sent_mail();
    let to_second = mails_to(&mails, "personne2@example.fr");
    assert_eq!(to_second.len(), 2, "the waitlist answer, then the seat");
    let message = &to_second[1].message;
    assert!(message.subject.starts_with("Une place s'est libérée"), "{}", message.subject);
    assert!(message.text.contains(&manage_path(&second.public_id, &second.secret)));
    let names: Vec<&str> = message.attachments.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(names, ["atelier-promo.ics", "pointage-atelier-promo.png"]);
    assert_eq!(
        zbar_decode(&message.attachments[1].bytes, "png"),
        format!("{BASE_URL}{}", check_in_path(&second.public_id, &second.secret))
    );
}

async fn reminders_are_sent_once_the_day_before(app: TestApp) {
    let soon = session(&app, "atelier-demain", 31, 2).await;
    let later = session(&app, "atelier-plus-tard", 5, 3).await;
    for n in 0..30 {
        registered(&app, std::slice::from_ref(&soon), &person(n)).await;
    }
    // Two days ahead: nothing due yet.
    assert_eq!(run_job(&app.db, &app.clock, EventJob::Reminder).await.expect("round"), 0);

    // The last seat goes within the day before: that person just had their confirmation.
    app.clock.advance(TimeDelta::hours(30));
    registered(&app, std::slice::from_ref(&soon), &person(30)).await;
    let waiting = registered(&app, std::slice::from_ref(&soon), &person(100)).await.remove(0);
    assert!(waiting.position.is_some());
    let leaving = registered(&app, std::slice::from_ref(&soon), &person(101)).await.remove(0);
    let leaving = app.db.registration_by_public_id(&leaving.public_id).await.expect("lookup").expect("registration");
    cancel(&app.db, &app.clock, &leaving, &soon, false).await.expect("cancelled");
    let phone_only = RegistrationForm { email: String::new(), phone: "06 12 34 56 78".into(), ..person(102) };
    registered(&app, std::slice::from_ref(&later), &phone_only).await;
    registered(&app, std::slice::from_ref(&later), &person(200)).await;
    app.run_pending_jobs().await;
    let before = app.sent_mail().len();

    // Eleven hours before the first session: two workers at once send each reminder once.
    app.clock.advance(TimeDelta::hours(7));
    let (a, b) = two_workers(&app, EventJob::Reminder).await;
    assert_eq!(a + b, 30, "every confirmed person, once ({a} + {b})");
    assert_eq!(run_job(&app.db, &app.clock, EventJob::Reminder).await.expect("round"), 0, "never twice");
    app.run_pending_jobs().await;
    let mails = app.sent_mail()[before..].to_vec();
    assert_eq!(mails.len(), 30);
    assert!(mails.iter().all(|m| m.message.subject == "Demain : Atelier atelier-demain"));
    let mut recipients: Vec<&str> = mails.iter().map(|m| m.to.as_str()).collect();
    recipients.sort_unstable();
    recipients.dedup();
    assert_eq!(recipients.len(), 30);
    assert!(mails_to(&mails, "personne30@example.fr").is_empty(), "not to someone confirmed within the day");
    assert!(mails_to(&mails, "personne100@example.fr").is_empty(), "not to the waitlist");
    assert!(mails_to(&mails, "personne101@example.fr").is_empty(), "not to a cancelled registration");
    let one = mails_to(&mails, "personne0@example.fr")[0];
    assert!(one.message.text.contains("libérez votre place"));
    assert!(one.message.text.contains("/inscriptions/"));
    assert_eq!(one.message.attachments.iter().map(|a| a.name.as_str()).collect::<Vec<_>>(), ["pointage-atelier-demain.png"]);

    // The later session comes due a day on; the person without an e-mail is skipped.
    app.clock.advance(TimeDelta::days(1));
    assert_eq!(run_job(&app.db, &app.clock, EventJob::Reminder).await.expect("round"), 1);
    app.run_pending_jobs().await;
    assert_eq!(app.sent_mail().last().map(|m| m.to.clone()), Some("personne200@example.fr".into()));
}

async fn survey_goes_to_attendees_once(app: TestApp) {
    let event = session(&app, "atelier-enquete", 10, 1).await;
    let mut outcomes = Vec::new();
    for n in 0..3 {
        outcomes.push(registered(&app, std::slice::from_ref(&event), &person(n)).await.remove(0));
    }
    let present = |o: &RegistrationOutcome| {
        format!("UPDATE registrations SET checked_in_at = {} WHERE public_id = '{}'", event.starts_at, o.public_id)
    };
    sql(&app, &present(&outcomes[0])).await;
    sql(&app, &present(&outcomes[1])).await;
    app.run_pending_jobs().await;
    let before = app.sent_mail().len();

    // Not before the session has ended.
    app.clock.advance(TimeDelta::hours(25));
    assert_eq!(run_job(&app.db, &app.clock, EventJob::Survey).await.expect("round"), 0);
    app.clock.advance(TimeDelta::hours(2));
    let (a, b) = two_workers(&app, EventJob::Survey).await;
    assert_eq!(a + b, 2, "the two attendees, once");
    assert_eq!(run_job(&app.db, &app.clock, EventJob::Survey).await.expect("round"), 0);
    app.run_pending_jobs().await;
    let mails = app.sent_mail()[before..].to_vec();
    let mut recipients: Vec<&str> = mails.iter().map(|m| m.to.as_str()).collect();
    recipients.sort_unstable();
    assert_eq!(recipients, ["personne0@example.fr", "personne1@example.fr"], "not to the absent person");
    let survey = format!("{BASE_URL}/enquete/{}/{}", outcomes[0].public_id, token_for(&outcomes[0].secret, Purpose::Survey));
    let first = mails_to(&mails, "personne0@example.fr")[0];
    assert!(first.message.text.contains(&survey), "{}", first.message.text);
    assert!(first.message.attachments.is_empty());

    // Marked present more than a week after the end: too late for an invitation.
    sql(&app, &present(&outcomes[2])).await;
    app.clock.advance(TimeDelta::days(7));
    assert_eq!(run_job(&app.db, &app.clock, EventJob::Survey).await.expect("round"), 0);
}

async fn smtp_sends_the_attachments_as_multipart_mixed(app: TestApp) {
    use crate::mail_smtp::{SmtpServer, free_port};
    use tremplin_mail::transport::SmtpSettings;
    use tremplin_mail::{Mailer, Transport, deliver_due};
    let event = session(&app, "atelier-smtp", 5, 3).await;
    registered(&app, std::slice::from_ref(&event), &person(1)).await;
    let port = free_port();
    let server = SmtpServer::start(port).await;
    let transport =
        Transport::smtp(&SmtpSettings { host: "127.0.0.1".into(), port, security: "none".into(), username: None, password: None })
            .expect("transport");
    let mailer = Mailer { transport, from: "Tremplin <tremplin@exemple.fr>".parse().expect("from") };
    assert_eq!(deliver_due(&app.db, &mailer, &app.clock, BASE_URL).await.expect("round").sent, 1);
    let received = server.stop();
    for part in [
        "multipart/mixed",
        "multipart/alternative",
        "text/plain",
        "text/html",
        "text/calendar; charset=utf-8; method=REQUEST",
        "filename=\"atelier-smtp.ics\"",
        "image/png",
        "filename=\"pointage-atelier-smtp.png\"",
    ] {
        assert!(received.contains(part), "{part} missing in: {received}");
    }
    // The alternative comes first, then the files.
    assert!(received.find("multipart/alternative") < received.find("text/calendar"));
}

async fn the_worker_round_sends_them(app: TestApp) {
    use std::sync::Arc;
    use tremplin_kernel::Clock;
    use tremplin_mail::{Mailer, MemoryTransport, Transport};
    let event = session(&app, "atelier-worker", 5, 2).await;
    registered(&app, std::slice::from_ref(&event), &person(1)).await;
    let memory = MemoryTransport::default();
    let mailer = Mailer { transport: Transport::Memory(memory.clone()), from: "Tremplin <t@tremplin.example>".parse().expect("from") };
    let clock: Arc<dyn Clock> = Arc::new(app.clock.clone());
    tremplin::worker::run_once(&app.db, &mailer, &clock, BASE_URL).await;
    let subjects = || memory.sent().into_iter().map(|m| m.message.subject).collect::<Vec<_>>();
    assert_eq!(subjects(), ["Inscription confirmée : Atelier atelier-worker"]);
    app.clock.advance(TimeDelta::hours(25));
    tremplin::worker::run_once(&app.db, &mailer, &clock, BASE_URL).await;
    tremplin::worker::run_once(&app.db, &mailer, &clock, BASE_URL).await;
    assert_eq!(subjects(), ["Inscription confirmée : Atelier atelier-worker", "Demain : Atelier atelier-worker"]);
}

crate::both_engines!(
    the_worker_round_sends_them,
    smtp_sends_the_attachments_as_multipart_mixed,
    confirmation_carries_invitation_and_qr_code,
    promotion_is_told_with_its_attachments,
    reminders_are_sent_once_the_day_before,
    survey_goes_to_attendees_once
);
