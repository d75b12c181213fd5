//! The statistics stay exact: after random inserts, moves, cancellations, check-ins and
//! erasures, written with plain SQL between rounds of the statistics job, the maintained
//! aggregates equal a full recount from the activity tables, on both engines.

use crate::coach_fixtures::coach;
use crate::helpers::TestApp;
use crate::learning_fixtures::exec;
use crate::stats_fixtures::{Tree, accompaniment, beneficiary, diagnostic, listing, passport, register, tree, workshop};
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use tremplin_kernel::Clock;
use tremplin_store::stats;

crate::both_engines!(aggregates_equal_a_full_recount_after_random_activity, a_rebuild_gives_what_the_rounds_kept);

const DAY: i64 = 86_400;

/// The tree and a coach.
async fn setup(app: &mut TestApp) -> (Tree, i64) {
    (tree(app).await, coach(app, "coach-stats@example.fr", "coach-stats", "Camille Stat").await.id)
}

/// Random activity from `now`, with ids from `first_id`: returns the last `now`.
async fn random_activity(app: &mut TestApp, (t, coach_id): (Tree, i64), seed: u64, steps: usize, first_id: i64, mut now: i64) -> i64 {
    let territories = [t.angers, t.saumur, t.nantes, t.department];
    let communes = ["49007", "49328", "44109"];
    let people: Vec<String> = (0..25).map(|n| format!("email:p{n}@example.fr")).collect();
    let mut rng = StdRng::seed_from_u64(seed);
    let (mut events, mut registrations, mut beneficiaries, mut accompaniments, mut diagnostics, mut passports, mut listings) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut answered = Vec::new();
    for (id, _) in (first_id + 1..).zip(0..steps) {
        match rng.random_range(0..16) {
            0 | 1 => {
                let territory = *territories.choose(&mut rng).expect("territory");
                let starts = now + rng.random_range(-60..20) * DAY + rng.random_range(0..24) * 3600;
                let audiences = ["public", "professionals|seniors", "students"].choose(&mut rng).expect("audience");
                workshop(app, id, territory, starts, rng.random_range(5..30), audiences).await;
                events.push(id);
            }
            2..=4 if !events.is_empty() => {
                let event = *events.choose(&mut rng).expect("event");
                let person = if rng.random_bool(0.15) { String::new() } else { people.choose(&mut rng).expect("person").clone() };
                let status = if rng.random_bool(0.8) { "confirmed" } else { "waitlisted" };
                // One registration per person and workshop, as the unique key wants.
                exec(app, &format!("DELETE FROM registrations WHERE event_id = {event} AND person_key = '{person}'")).await;
                register(app, id, event, &person, status).await;
                registrations.push((id, event));
            }
            5 | 6 if !registrations.is_empty() => {
                let (registration, _) = *registrations.choose(&mut rng).expect("registration");
                exec(app, &format!("UPDATE registrations SET checked_in_at = {now}, status = 'confirmed' WHERE id = {registration}")).await;
            }
            7 if !registrations.is_empty() => {
                let (registration, _) = *registrations.choose(&mut rng).expect("registration");
                let sql = if rng.random_bool(0.5) {
                    format!("UPDATE registrations SET status = 'cancelled', checked_in_at = NULL WHERE id = {registration}")
                } else {
                    format!("UPDATE registrations SET checked_in_at = NULL WHERE id = {registration}")
                };
                exec(app, &sql).await;
            }
            8 if !events.is_empty() => {
                let event = *events.choose(&mut rng).expect("event");
                let sql = match rng.random_range(0..3) {
                    0 => format!("UPDATE events SET status = 'cancelled' WHERE id = {event}"),
                    1 => {
                        let shift = rng.random_range(-40..40) * DAY;
                        format!("UPDATE events SET starts_at = starts_at + {shift}, ends_at = ends_at + {shift} WHERE id = {event}")
                    }
                    _ => {
                        format!("UPDATE events SET territory_id = {} WHERE id = {event}", territories.choose(&mut rng).expect("territory"))
                    }
                };
                exec(app, &sql).await;
            }
            9 if !registrations.is_empty() => {
                let (registration, event) = *registrations.choose(&mut rng).expect("registration");
                if !answered.contains(&registration)
                    && app.count_where("registrations", "public_id", &format!("r{registration}")).await == 1
                {
                    let mark = |rng: &mut StdRng| rng.random_range(1..=5);
                    let (a, b, c, d) = (mark(&mut rng), mark(&mut rng), mark(&mut rng), mark(&mut rng));
                    exec(
                        app,
                        &format!(
                            "INSERT INTO survey_responses (registration_id, event_id, content, trainer, usefulness, recommend, comment, \
                             created_at) VALUES ({registration}, {event}, {a}, {b}, {c}, {d}, '', {now})"
                        ),
                    )
                    .await;
                    answered.push(registration);
                }
            }
            10 => {
                let territory = *territories.choose(&mut rng).expect("territory");
                let person = people.choose(&mut rng).expect("person");
                let kind = if rng.random_bool(0.7) { "business" } else { "resident" };
                exec(app, &format!("DELETE FROM beneficiaries WHERE territory_id = {territory} AND person_key = '{person}'")).await;
                beneficiary(app, id, territory, person, kind).await;
                beneficiaries.push(id);
            }
            11 if !beneficiaries.is_empty() => {
                let b = *beneficiaries.choose(&mut rng).expect("beneficiary");
                if app.count_where("beneficiaries", "public_id", &format!("b{b}")).await == 1 {
                    let at = now - rng.random_range(0..50) * DAY;
                    accompaniment(app, id, b, coach_id, at, rng.random_range(15..120), rng.random_bool(0.2)).await;
                    accompaniments.push(id);
                }
            }
            12 if !accompaniments.is_empty() => {
                let a = *accompaniments.choose(&mut rng).expect("accompaniment");
                let sql = match rng.random_range(0..3) {
                    0 => format!("DELETE FROM accompaniments WHERE id = {a}"),
                    1 => format!("UPDATE accompaniments SET no_show = NOT no_show WHERE id = {a}"),
                    _ => format!("UPDATE accompaniments SET occurred_at = occurred_at - {} WHERE id = {a}", 20 * DAY),
                };
                exec(app, &sql).await;
            }
            13 => {
                if diagnostics.is_empty() || rng.random_bool(0.7) {
                    let territory = *territories.choose(&mut rng).expect("territory");
                    let level = ["basic", "intermediate", "advanced"].choose(&mut rng).expect("level");
                    diagnostic(
                        app,
                        id,
                        territory,
                        now - rng.random_range(0..70) * DAY,
                        rng.random_range(0..=100),
                        rng.random_range(0..=100),
                        level,
                    )
                    .await;
                    diagnostics.push(id);
                } else {
                    let d = *diagnostics.choose(&mut rng).expect("diagnostic");
                    exec(app, &format!("DELETE FROM diagnostics WHERE id = {d}")).await;
                }
            }
            14 if !beneficiaries.is_empty() => {
                let b = *beneficiaries.choose(&mut rng).expect("beneficiary");
                if passports.contains(&b) {
                    exec(app, &format!("UPDATE passports SET revoked_at = {now}, revoked_reason = 'erreur' WHERE beneficiary_id = {b}"))
                        .await;
                } else if app.count_where("beneficiaries", "public_id", &format!("b{b}")).await == 1 {
                    let territory = *territories.choose(&mut rng).expect("territory");
                    passport(app, id, b, territory, now - rng.random_range(0..40) * DAY).await;
                    passports.push(b);
                }
            }
            15 => {
                if listings.is_empty() || rng.random_bool(0.6) {
                    let insee = communes.choose(&mut rng).expect("commune");
                    listing(app, id, insee, if rng.random_bool(0.5) { "https://exemple.fr" } else { "" }, rng.random_bool(0.3)).await;
                    listings.push(id);
                } else {
                    let l = *listings.choose(&mut rng).expect("listing");
                    let sql = match rng.random_range(0..3) {
                        0 => format!("DELETE FROM listings WHERE id = {l}"),
                        1 => format!("UPDATE listings SET website = '' WHERE id = {l}"),
                        _ => format!("UPDATE listings SET insee = '{}' WHERE id = {l}", communes.choose(&mut rng).expect("commune")),
                    };
                    exec(app, &sql).await;
                }
            }
            _ => {
                // Erasure of a person: their registrations keep no key, their follow-up goes.
                let person = people.choose(&mut rng).expect("person");
                exec(app, &format!("UPDATE registrations SET person_key = 'erased:{id}', name = '' WHERE person_key = '{person}'")).await;
                exec(app, &format!("DELETE FROM beneficiaries WHERE person_key = '{person}'")).await;
            }
        }
        if rng.random_bool(0.2) {
            now += rng.random_range(1..48) * 3600;
        }
        if rng.random_bool(0.15) {
            stats::settle(&app.db, now).await.expect("settle");
        }
    }
    now
}

async fn aggregates_equal_a_full_recount_after_random_activity(mut app: TestApp) {
    let setup = setup(&mut app).await;
    let mut now = app.clock.now_ts();
    for (round, seed) in [7_u64, 2026].into_iter().enumerate() {
        now = random_activity(&mut app, setup, seed, 400, 1000 + 1000 * round as i64, now).await;
        let report = stats::settle(&app.db, now).await.expect("settle");
        let kept = stats::stored(&app.db).await.expect("stored");
        let recount = stats::recount(&app.db, now).await.expect("recount");
        assert!(recount.rollup.len() > 100, "the activity fills the statistics: {} rows", recount.rollup.len());
        assert!(!recount.reach.is_empty(), "people were reached");
        let differences: Vec<_> = recount
            .rollup
            .iter()
            .filter(|(k, v)| kept.rollup.get(*k) != Some(*v))
            .map(|(k, v)| (k.clone(), *v, kept.rollup.get(k).copied()))
            .chain(kept.rollup.iter().filter(|(k, _)| !recount.rollup.contains_key(*k)).map(|(k, v)| (k.clone(), 0, Some(*v))))
            .take(20)
            .collect();
        assert!(differences.is_empty(), "seed {seed}, last round {report:?}: (row, recount, kept) {differences:#?}");
        assert_eq!(kept.reach, recount.reach, "seed {seed}: people reached");
        // Nothing is left to do.
        assert_eq!(stats::settle(&app.db, now).await.expect("settle").marks, 0);
    }
}

async fn a_rebuild_gives_what_the_rounds_kept(mut app: TestApp) {
    let setup = setup(&mut app).await;
    let start = app.clock.now_ts();
    let now = random_activity(&mut app, setup, 99, 250, 1000, start).await;
    stats::settle(&app.db, now).await.expect("settle");
    let kept = stats::stored(&app.db).await.expect("stored");
    stats::rebuild(&app.db, now).await.expect("rebuild");
    let rebuilt = stats::stored(&app.db).await.expect("stored");
    assert_eq!(kept, rebuilt);
    for territory in [0, setup.0.region] {
        assert!(kept.rollup.keys().any(|(t, ..)| *t == territory), "territory {territory} has rows");
    }
}
