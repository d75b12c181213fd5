//! A living steering dashboard for the demo: eighteen months of past activity in the demo
//! territories (workshops with registrations, check-ins, no-shows and survey answers across
//! audiences; accompaniments by the demo coaches; diagnostics; passports), a passport target,
//! then the statistics rebuilt.
//!
//! The history is written in bulk (a few thousand rows), not through the use cases: they
//! refuse the past (registration closes when a workshop starts). It is drawn from a seeded
//! generator, relative to the current month, so that every load gives the same figures. Its
//! rows carry ids from a fixed range far above anything the demo creates otherwise
//! ([`HISTORY_IDS`]), so that the loader knows them without reading them back and a second
//! load inserts nothing (`ON CONFLICT DO NOTHING`); no sequence is touched.

use crate::activity_rows;
use chrono::Datelike;
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use tremplin_domain::coaching::{CoachFilter, CoachRepo};
use tremplin_domain::learning::diagnostic::{AXES, DiagnosticRepo, Level};
use tremplin_domain::stats::targets::{Indicator, TargetInput};
use tremplin_domain::stats::{Month, StatsRepo};
use tremplin_domain::territories::TerritoryRepo;
use tremplin_kernel::Clock;
use tremplin_store::{Db, Value};

/// First id of the history rows in every table.
pub const HISTORY_IDS: i64 = 900_000_000;
/// Months of history before the current one.
pub const MONTHS: i64 = 18;
/// The passport target of the department: this many valid passports by the end of next year.
pub const PASSPORT_TARGET: i64 = 400;

const DAY: i64 = 86_400;
const AUDIENCES: [&str; 4] = ["public", "professionals", "seniors", "students"];
const THEMES: [&str; 4] = ["website", "social", "security", "selling"];

/// Rows of each table, in insertion order.
#[derive(Default)]
struct History {
    events: Vec<[Value; 22]>,
    registrations: Vec<[Value; 13]>,
    surveys: Vec<[Value; 8]>,
    beneficiaries: Vec<[Value; 9]>,
    accompaniments: Vec<[Value; 14]>,
    diagnostics: Vec<[Value; 10]>,
    passports: Vec<[Value; 12]>,
}

/// A moment of month `month` (day 2 to 26, 9:00 to 17:00 UTC).
fn moment(rng: &mut StdRng, month: Month) -> i64 {
    month.start() + rng.random_range(2..27) * DAY + rng.random_range(9..17) * 3600
}

fn workshops(rng: &mut StdRng, h: &mut History, index: i64, month: Month, territories: &[i64]) {
    let count = 6 + index / 3;
    for k in 0..count {
        let id = HISTORY_IDS + index * 20 + k;
        let territory = *territories.choose(rng).unwrap_or(&territories[0]);
        let starts = moment(rng, month);
        let capacity: i64 = rng.random_range(8..21);
        let cancelled = k == 0 && index % 3 == 1;
        let audience = if rng.random_bool(0.2) {
            format!("{}|{}", AUDIENCES[0], AUDIENCES[rng.random_range(1..4)])
        } else {
            AUDIENCES[rng.random_range(0..4)].to_owned()
        };
        let mut confirmed = 0;
        if !cancelled {
            let people: Vec<i64> = (0..500).collect();
            let registered = (capacity as f64 * rng.random_range(0.5..1.0)).round() as usize;
            for (r, person) in people.choose_multiple(rng, registered).enumerate() {
                let rid = (id - HISTORY_IDS) * 40 + r as i64 + HISTORY_IDS;
                let checked_in = rng.random_bool(0.85).then_some(starts + 600);
                h.registrations.push([
                    rid.into(),
                    format!("h{rid}").into(),
                    id.into(),
                    format!("email:habitant{person}@demo.tremplin.example").into(),
                    format!("Habitant {person}").into(),
                    "".into(),
                    "fr".into(),
                    "confirmed".into(),
                    format!("demo-{rid}").into(),
                    false.into(),
                    (starts - 7 * DAY).into(),
                    (starts - 7 * DAY).into(),
                    checked_in.into(),
                ]);
                confirmed += 1;
                if checked_in.is_some() && rng.random_bool(0.45) {
                    let mut mark = || -> i64 { rng.random_range(3..=5) };
                    h.surveys.push([
                        rid.into(),
                        id.into(),
                        mark().into(),
                        mark().into(),
                        mark().into(),
                        mark().into(),
                        "".into(),
                        (starts + DAY).into(),
                    ]);
                }
            }
        }
        h.events.push([
            id.into(),
            format!("historique-{month}-{k}").into(),
            territory.into(),
            format!("Atelier numérique {month} n°{}", k + 1).into(),
            "Atelier passé (historique de démonstration).".into(),
            THEMES[(k % 4) as usize].into(),
            "".into(),
            audience.into(),
            "beginner".into(),
            "fr".into(),
            "Médiathèque".into(),
            "".into(),
            "".into(),
            "".into(),
            "".into(),
            starts.into(),
            (starts + 2 * 3600).into(),
            capacity.into(),
            confirmed.into(),
            (if cancelled { "cancelled" } else { "scheduled" }).into(),
            (starts - 30 * DAY).into(),
            (starts - 30 * DAY).into(),
        ]);
    }
}

fn coaching(rng: &mut StdRng, h: &mut History, index: i64, month: Month, coaches: &[i64]) {
    for k in 0..8 + index / 2 {
        let id = HISTORY_IDS + index * 40 + k;
        // Beneficiaries 0..150, each first seen in the month of their first accompaniment.
        let beneficiary = HISTORY_IDS + rng.random_range(0..(20 + index * 8).min(150));
        let at = moment(rng, month);
        h.accompaniments.push([
            id.into(),
            format!("h{id}").into(),
            beneficiary.into(),
            (*coaches.choose(rng).unwrap_or(&coaches[0])).into(),
            at.into(),
            (*[30_i64, 45, 60, 90].choose(rng).unwrap_or(&60)).into(),
            THEMES[(k % 4) as usize].into(),
            "".into(),
            "Accompagnement (historique de démonstration).".into(),
            "".into(),
            "".into(),
            rng.random_bool(0.1).into(),
            at.into(),
            at.into(),
        ]);
    }
}

fn diagnostics(rng: &mut StdRng, h: &mut History, index: i64, month: Month, questionnaire: i64, territories: &[i64]) {
    for k in 0..6 + index / 2 {
        let id = HISTORY_IDS + index * 20 + k;
        // Maturity grows over the months.
        let scores: Vec<i64> = AXES.iter().map(|_| (rng.random_range(10..70) + index * 2).min(100)).collect();
        let overall = scores.iter().sum::<i64>() / scores.len() as i64;
        let axis_scores =
            AXES.iter().zip(&scores).map(|(a, s)| format!("{{\"axis\":\"{a}\",\"percent\":{s}}}")).collect::<Vec<_>>().join(",");
        h.diagnostics.push([
            id.into(),
            format!("h{id}").into(),
            questionnaire.into(),
            (*territories.choose(rng).unwrap_or(&territories[0])).into(),
            "business".into(),
            "{}".into(),
            format!("[{axis_scores}]").into(),
            overall.into(),
            Level::of(overall).as_str().into(),
            moment(rng, month).into(),
        ]);
    }
}

/// Writes the history (once), the passport target, and rebuilds the statistics.
pub async fn load(db: &Db, clock: &dyn Clock, manager: i64) -> anyhow::Result<()> {
    let now = clock.now_ts();
    let mut territories = Vec::new();
    for slug in ["angers", "angers", "angers-loire-metropole", "saumur-val-de-loire", "maine-et-loire"] {
        territories.push(db.territory_by_slug(slug).await?.ok_or_else(|| anyhow::anyhow!("territory {slug}"))?.id);
    }
    let coaches: Vec<i64> =
        db.find_coaches(&CoachFilter { active_only: true, ..CoachFilter::default() }).await?.iter().map(|c| c.id).collect();
    anyhow::ensure!(!coaches.is_empty(), "the demo coaches come first");
    let questionnaire = db.questionnaire_for(None).await?.id;
    let mut rng = StdRng::seed_from_u64(2026);
    let mut h = History::default();
    let first = Month::of(now).plus(-(MONTHS as i32));
    for n in 0..150 {
        let id = HISTORY_IDS + n;
        let territory = territories[(n % territories.len() as i64) as usize];
        let kind = if n % 5 == 4 { "resident" } else { "business" };
        h.beneficiaries.push([
            id.into(),
            format!("h{id}").into(),
            territory.into(),
            format!("email:entreprise{n}@demo.tremplin.example").into(),
            kind.into(),
            format!("Entreprise {n}").into(),
            format!("Commerce {n}").into(),
            first.start().into(),
            first.start().into(),
        ]);
    }
    for index in 0..MONTHS {
        let month = first.plus(index as i32);
        workshops(&mut rng, &mut h, index, month, &territories);
        coaching(&mut rng, &mut h, index, month, &coaches);
        diagnostics(&mut rng, &mut h, index, month, questionnaire, &territories);
        // Passports: a few a month, more as the path gets known; a couple revoked.
        for k in 0..index / 3 {
            let n = index * 5 + k;
            let id = HISTORY_IDS + n;
            let revoked = (n % 23 == 7).then_some(now - DAY);
            h.passports.push([
                id.into(),
                format!("h{id}").into(),
                format!("demo-{id}").into(),
                id.into(),
                territories[(n % territories.len() as i64) as usize].into(),
                format!("Entreprise {n}").into(),
                format!("Commerce {n}").into(),
                "[]".into(),
                false.into(),
                false.into(),
                moment(&mut rng, month).into(),
                revoked.into(),
            ]);
        }
    }
    let mut tx = db.begin().await?;
    let key = &["id"];
    tx.insert_rows_or_ignore(
        "events",
        [
            "id",
            "slug",
            "territory_id",
            "title",
            "description",
            "themes",
            "modules",
            "audiences",
            "level",
            "language",
            "venue_name",
            "venue_address",
            "room",
            "online_url",
            "accessibility",
            "starts_at",
            "ends_at",
            "capacity",
            "confirmed",
            "status",
            "created_at",
            "updated_at",
        ],
        key,
        h.events,
    )
    .await?;
    tx.insert_rows_or_ignore("registrations", activity_rows::REGISTRATIONS, key, h.registrations).await?;
    tx.insert_rows_or_ignore("survey_responses", activity_rows::SURVEY_RESPONSES, &["registration_id"], h.surveys).await?;
    tx.insert_rows_or_ignore(
        "beneficiaries",
        ["id", "public_id", "territory_id", "person_key", "kind", "name", "business", "created_at", "updated_at"],
        key,
        h.beneficiaries,
    )
    .await?;
    tx.insert_rows_or_ignore("accompaniments", activity_rows::ACCOMPANIMENTS, key, h.accompaniments).await?;
    tx.insert_rows_or_ignore(
        "diagnostics",
        [
            "id",
            "public_id",
            "questionnaire_id",
            "territory_id",
            "audience",
            "answers",
            "axis_scores",
            "overall_score",
            "level",
            "created_at",
        ],
        key,
        h.diagnostics,
    )
    .await?;
    tx.insert_rows_or_ignore("passports", activity_rows::PASSPORTS, key, h.passports).await?;
    tx.commit().await?;

    // The department's passport target: 400 valid passports by the end of next year.
    let department = db.territory_by_slug("maine-et-loire").await?.ok_or_else(|| anyhow::anyhow!("department"))?;
    let today = tremplin_domain::coaching::slots::local_date(now);
    let target = TargetInput {
        indicator: Indicator::Passports,
        value: PASSPORT_TARGET,
        starts_on: first.first_day(),
        ends_on: chrono::NaiveDate::from_ymd_opt(today.year() + 1, 12, 31).unwrap_or(today),
    };
    db.save_target(department.id, &target, manager, now).await?;
    // The metropolis, which the demo manager steers, has its own: people trained and businesses accompanied.
    let metropolis = db.territory_by_slug("angers-loire-metropole").await?.ok_or_else(|| anyhow::anyhow!("metropolis"))?;
    for (indicator, value) in [(Indicator::PeopleReached, 900), (Indicator::BusinessesAccompanied, 150)] {
        db.save_target(metropolis.id, &TargetInput { indicator, value, ..target.clone() }, manager, now).await?;
    }
    tremplin_store::stats::rebuild(db, now).await?;
    Ok(())
}
