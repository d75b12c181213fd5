//! Capacity and waitlist rules, on the store through the domain's use cases: seats, the
//! waitlist and its order, the same person recognised, cancellation promoting the next,
//! capacity changes, and many registrations at once never exceeding the seats.

use crate::event_fixtures::{person, session};
use crate::helpers::TestApp;
use std::sync::Arc;
use tremplin_domain::events::commands::{cancel, change_capacity, register};
use tremplin_domain::events::{CancelOutcome, CapacityOutcome, EventError, EventRepo, RegistrationRepo, RegistrationStatus};
use tremplin_kernel::{Clock, Locale};

async fn seats_then_waitlist_in_order(app: TestApp) {
    let event = session(&app, "atelier-a", 2, 3).await;
    let mut statuses = Vec::new();
    for n in 0..5 {
        let outcome = register(&app.db, &app.clock, std::slice::from_ref(&event), &person(n), Locale::Fr).await.expect("registered");
        statuses.push((outcome[0].status, outcome[0].position));
    }
    use RegistrationStatus::{Confirmed, Waitlisted};
    assert_eq!(statuses, [(Confirmed, None), (Confirmed, None), (Waitlisted, Some(1)), (Waitlisted, Some(2)), (Waitlisted, Some(3))]);
    let event = app.db.event_by_slug("atelier-a").await.expect("lookup").expect("event");
    assert_eq!((event.confirmed, event.waitlisted, event.seats_left()), (2, 3, 0));

    // The same person again (the e-mail typed differently) is recognised, not counted twice.
    let mut again = person(3);
    again.email = " PERSONNE3@Example.FR ".into();
    let outcome = register(&app.db, &app.clock, std::slice::from_ref(&event), &again, Locale::Fr).await.expect("answered");
    assert!(outcome[0].already);
    assert_eq!((outcome[0].status, outcome[0].position), (Waitlisted, Some(2)));
    assert_eq!(app.count("registrations").await, 5);
}

async fn cancelling_promotes_the_first_waiting(app: TestApp) {
    let event = session(&app, "atelier-b", 1, 3).await;
    let first = register(&app.db, &app.clock, std::slice::from_ref(&event), &person(1), Locale::Fr).await.expect("first");
    let second = register(&app.db, &app.clock, std::slice::from_ref(&event), &person(2), Locale::Fr).await.expect("second");
    let third = register(&app.db, &app.clock, std::slice::from_ref(&event), &person(3), Locale::Fr).await.expect("third");
    assert_eq!(second[0].position, Some(1));

    // A waiting person who leaves frees no seat; the queue closes up.
    let reg2 = app.db.registration_by_public_id(&second[0].public_id).await.expect("lookup").expect("second");
    assert_eq!(cancel(&app.db, &app.clock, &reg2, &event, false).await.expect("cancelled"), CancelOutcome::Cancelled(vec![]));
    let reg3 = app.db.registration_by_public_id(&third[0].public_id).await.expect("lookup").expect("third");
    assert_eq!(app.db.waitlist_position(&reg3).await.expect("position"), 1);

    // The confirmed person cancels: the next in line gets the seat and an e-mail.
    let reg1 = app.db.registration_by_public_id(&first[0].public_id).await.expect("lookup").expect("first");
    let mails_before = app.count("outbox").await;
    let CancelOutcome::Cancelled(promoted) = cancel(&app.db, &app.clock, &reg1, &event, false).await.expect("cancelled") else {
        panic!("expected a cancellation");
    };
    assert_eq!(promoted.iter().map(|p| p.public_id.as_str()).collect::<Vec<_>>(), [third[0].public_id.as_str()]);
    assert_eq!(app.count("outbox").await, mails_before + 1, "the promoted person is told");
    let reg3 = app.db.registration_by_public_id(&third[0].public_id).await.expect("lookup").expect("third");
    assert_eq!(reg3.status, RegistrationStatus::Confirmed);
    let event = app.db.event_by_slug("atelier-b").await.expect("lookup").expect("event");
    assert_eq!((event.confirmed, event.waitlisted), (1, 0));

    // Cancelling twice changes nothing; cancelling after the start is refused to the public.
    assert_eq!(cancel(&app.db, &app.clock, &reg1, &event, false).await.expect("answered"), CancelOutcome::AlreadyCancelled);
    // Registering again after cancelling: a new registration, at the end of the queue.
    let back = register(&app.db, &app.clock, std::slice::from_ref(&event), &person(1), Locale::Fr).await.expect("again");
    assert_eq!((back[0].status, back[0].position, back[0].already), (RegistrationStatus::Waitlisted, Some(1), false));
    assert_ne!(back[0].public_id, first[0].public_id);
    app.clock.advance(chrono::TimeDelta::days(4));
    assert!(matches!(cancel(&app.db, &app.clock, &reg3, &event, false).await, Err(EventError::RegistrationClosed)));
}

async fn capacity_changes_never_drop_anyone(app: TestApp) {
    let event = session(&app, "atelier-c", 3, 3).await;
    for n in 0..5 {
        register(&app.db, &app.clock, std::slice::from_ref(&event), &person(n), Locale::Fr).await.expect("registered");
    }
    // Three confirmed: lowering to two is refused, with the count to show.
    assert!(matches!(change_capacity(&app.db, &app.clock, &event, 2).await, Err(EventError::BelowConfirmed(3))));
    let same = app.db.event_by_slug("atelier-c").await.expect("lookup").expect("event");
    assert_eq!((same.capacity, same.confirmed), (3, 3));
    // Raising to four promotes the first waiting person only.
    let CapacityOutcome::Changed(promoted) = change_capacity(&app.db, &app.clock, &event, 4).await.expect("changed") else {
        panic!("expected a change");
    };
    assert_eq!(promoted.len(), 1);
    let after = app.db.event_by_slug("atelier-c").await.expect("lookup").expect("event");
    assert_eq!((after.capacity, after.confirmed, after.waitlisted), (4, 4, 1));
    assert!(matches!(change_capacity(&app.db, &app.clock, &event, -1).await, Err(EventError::Invalid(_))));
}

async fn many_at_once_never_overbook(app: TestApp) {
    let event = session(&app, "atelier-d", 10, 3).await;
    let db = Arc::new(app.db.clone());
    let clock = Arc::new(app.clock.clone());
    let mut tasks = Vec::new();
    for n in 0..60 {
        let (db, clock, event) = (db.clone(), clock.clone(), event.clone());
        tasks.push(tokio::spawn(async move {
            register(db.as_ref(), clock.as_ref(), std::slice::from_ref(&event), &person(n), Locale::Fr).await
        }));
    }
    let mut confirmed = 0;
    let mut positions = Vec::new();
    for task in tasks {
        let outcome = task.await.expect("task").expect("every request answered");
        match outcome[0].status {
            RegistrationStatus::Confirmed => confirmed += 1,
            _ => positions.push(outcome[0].position.expect("a position")),
        }
    }
    assert_eq!(confirmed, 10);
    positions.sort_unstable();
    assert_eq!(positions, (1..=50).collect::<Vec<_>>(), "every waiting person has their own place");
    let stored = app.db.event_by_slug("atelier-d").await.expect("lookup").expect("event");
    assert_eq!((stored.confirmed, stored.waitlisted), (10, 50));
    assert_eq!(app.count("registrations").await, 60);
    assert_eq!(app.count("outbox").await, 60, "one e-mail per registration");

    // The same person sending the form many times at once is registered once.
    let other = session(&app, "atelier-e", 5, 3).await;
    let mut tasks = Vec::new();
    for _ in 0..8 {
        let (db, clock, other) = (db.clone(), clock.clone(), other.clone());
        tasks.push(tokio::spawn(async move {
            register(db.as_ref(), clock.as_ref(), std::slice::from_ref(&other), &person(99), Locale::Fr).await
        }));
    }
    let mut fresh = 0;
    for task in tasks {
        let outcome = task.await.expect("task").expect("answered");
        fresh += usize::from(!outcome[0].already);
    }
    assert_eq!(fresh, 1);
    let stored = app.db.event_by_slug("atelier-e").await.expect("lookup").expect("event");
    assert_eq!(stored.confirmed, 1);
}

async fn one_bad_request_fails_alone(app: TestApp) {
    // Registrations arriving together may be written together (SQLite): a request that fails
    // (here, for a session that does not exist) must not take the others down with it.
    use tremplin_domain::events::commands::validate_registrant;
    let event = session(&app, "atelier-f", 30, 3).await;
    let db = Arc::new(app.db.clone());
    let mut tasks = Vec::new();
    for n in 0..40 {
        let (db, sessions) =
            (db.clone(), if n % 10 == 0 { vec![(i64::MAX, "nulle-part".to_owned())] } else { vec![(event.id, event.slug.clone())] });
        let registrant = validate_registrant(&person(n), Locale::Fr).expect("valid");
        let now = app.clock.now_ts();
        tasks.push(tokio::spawn(async move {
            let mail: tremplin_domain::events::repo::OutcomeMail = Arc::new(|_: &[tremplin_domain::events::RegistrationOutcome]| None);
            db.register(&sessions, &registrant, now, mail).await
        }));
    }
    let (mut ok, mut failed) = (0, 0);
    for task in tasks {
        match task.await.expect("task") {
            Ok(_) => ok += 1,
            Err(_) => failed += 1,
        }
    }
    assert_eq!((ok, failed), (36, 4));
    let stored = app.db.event_by_slug("atelier-f").await.expect("lookup").expect("event");
    assert_eq!((stored.confirmed, stored.waitlisted), (30, 6));
}

async fn several_sessions_in_one_step(app: TestApp) {
    let morning = session(&app, "matin", 1, 3).await;
    let afternoon = session(&app, "apres-midi", 5, 3).await;
    register(&app.db, &app.clock, std::slice::from_ref(&morning), &person(1), Locale::Fr).await.expect("fills the morning");
    let outcomes = register(&app.db, &app.clock, &[morning.clone(), afternoon.clone()], &person(2), Locale::Fr).await.expect("registered");
    let by_slug: Vec<(&str, RegistrationStatus)> = outcomes.iter().map(|o| (o.event_slug.as_str(), o.status)).collect();
    assert_eq!(by_slug, [("matin", RegistrationStatus::Waitlisted), ("apres-midi", RegistrationStatus::Confirmed)]);
    // One e-mail for the whole step.
    assert_eq!(app.count("outbox").await, 2);

    // Closed registration refuses the whole step, and nothing is written.
    app.clock.advance(chrono::TimeDelta::days(5));
    assert!(matches!(register(&app.db, &app.clock, &[afternoon], &person(3), Locale::Fr).await, Err(EventError::RegistrationClosed)));
    assert_eq!(app.count("registrations").await, 3);
}

crate::both_engines!(
    seats_then_waitlist_in_order,
    cancelling_promotes_the_first_waiting,
    capacity_changes_never_drop_anyone,
    many_at_once_never_overbook,
    several_sessions_in_one_step,
    one_bad_request_fails_alone,
);
