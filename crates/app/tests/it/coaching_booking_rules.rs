//! Booking rules on both engines, through the store the web uses: exactly one of many
//! simultaneous requests gets a slot, also from another instance; a slot off the coach's hours
//! or past the daily maximum is refused; the same person is recognised in the territory.

use crate::coach_fixtures::{booking, coach, coach_with, profile, slots};
use crate::helpers::TestApp;
use tremplin_domain::coaching::commands::book_slot;
use tremplin_domain::coaching::{AppointmentRepo, CoachingError};
use tremplin_kernel::Locale;
use tremplin_store::Db;

crate::both_engines!(
    concurrent_requests_for_one_slot_leave_exactly_one_appointment,
    a_slot_off_the_hours_or_past_the_daily_maximum_is_refused,
    the_same_person_is_one_beneficiary_with_a_confirmation_and_a_notice,
);

async fn concurrent_requests_for_one_slot_leave_exactly_one_appointment(mut app: TestApp) {
    let coach = coach(&mut app, "coach@example.fr", "camille", "Camille Conseil").await;
    let slot = slots(&app, &coach, 14).await[0];
    // A second pool on the same database, as a second instance would have.
    let other = Db::connect(&app.database_url).await.expect("second instance");
    let mut tasks = Vec::new();
    for n in 0..40 {
        let (db, clock, coach) = (if n % 2 == 0 { app.db.clone() } else { other.clone() }, app.clock.clone(), coach.clone());
        tasks.push(tokio::spawn(async move { book_slot(&db, &clock, &coach, &booking(n, slot), Locale::Fr).await }));
    }
    let (mut won, mut taken) = (0, 0);
    for task in tasks {
        match task.await.expect("task") {
            Ok(_) => won += 1,
            Err(CoachingError::SlotTaken) => taken += 1,
            Err(other) => panic!("unexpected refusal: {other:?}"),
        }
    }
    assert_eq!((won, taken), (1, 39));
    assert_eq!(app.count("appointments").await, 1);
    assert!(!slots(&app, &coach, 14).await.contains(&slot), "the slot is no longer offered");
}

async fn a_slot_off_the_hours_or_past_the_daily_maximum_is_refused(mut app: TestApp) {
    let mut three_a_day = profile("Camille Conseil");
    three_a_day.rules.max_per_day = 3;
    let coach = coach_with(&mut app, "coach@example.fr", "camille", &three_a_day).await;
    let free = slots(&app, &coach, 14).await;
    let mut off_grid = booking(1, free[0]);
    off_grid.starts_at = (free[0].starts_at + 300).to_string();
    assert!(matches!(book_slot(&app.db, &app.clock, &coach, &off_grid, Locale::Fr).await, Err(CoachingError::SlotTaken)));
    // Three a day at most: three slots of one day are taken, nothing is left that day.
    let day = tremplin_domain::coaching::slots::local_date(free[0].starts_at);
    let same_day: Vec<_> = free.iter().filter(|s| tremplin_domain::coaching::slots::local_date(s.starts_at) == day).copied().collect();
    assert_eq!(same_day.len(), 4, "09:00, 10:15, 14:00, 15:15");
    for (n, slot) in same_day.iter().take(3).enumerate() {
        book_slot(&app.db, &app.clock, &coach, &booking(n, *slot), Locale::Fr).await.expect("booked");
    }
    let refused = book_slot(&app.db, &app.clock, &coach, &booking(9, same_day[3]), Locale::Fr).await;
    assert!(matches!(refused, Err(CoachingError::SlotTaken)), "{refused:?}");
    // Bad input is refused field by field and books nothing.
    let mut bad = booking(10, free[free.len() - 1]);
    (bad.email, bad.need, bad.modality, bad.consent) = ("pas-un-courriel".into(), " ".into(), "video".into(), false);
    let Err(CoachingError::Invalid(fields)) = book_slot(&app.db, &app.clock, &coach, &bad, Locale::Fr).await else { panic!("accepted") };
    let names: Vec<&str> = fields.iter().map(|f| f.field).collect();
    assert_eq!(names, ["modality", "need", "email", "consent"]);
    assert_eq!(app.count("appointments").await, 3);
}

async fn the_same_person_is_one_beneficiary_with_a_confirmation_and_a_notice(mut app: TestApp) {
    let coach = coach(&mut app, "coach@example.fr", "camille", "Camille Conseil").await;
    let free = slots(&app, &coach, 14).await;
    let welcome = app.count("outbox").await;
    let (first, _) = book_slot(&app.db, &app.clock, &coach, &booking(1, free[0]), Locale::Fr).await.expect("booked");
    let mut again = booking(1, free[1]);
    again.email = "PERSONNE1@example.fr".into();
    again.business = String::new();
    let (second, beneficiary) = book_slot(&app.db, &app.clock, &coach, &again, Locale::Fr).await.expect("booked");
    assert_eq!(first.beneficiary_id, second.beneficiary_id);
    assert_eq!(beneficiary.business, "Boutique 1", "an empty business keeps the known one");
    assert_eq!(app.count("beneficiaries").await, 1);
    assert_eq!(app.count("beneficiary_coaches").await, 1);
    assert!(app.db.appointment_by_public_id(&first.public_id).await.expect("lookup").is_some());
    // Two bookings: each a confirmation to the person and a notice to the coach.
    assert_eq!(app.count("outbox").await - welcome, 4);
}
