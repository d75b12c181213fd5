//! `tremplin bench bookings`: many people booking coaches at once, most wanting the same
//! early slots. It creates coaches (by default 200, weekdays 09:00–12:00 and 14:00–17:00),
//! starts server instances on real TCP ports (each with its own pool on the database) and sends
//! booking requests to the JSON API from many concurrent clients, the demand skewed so that
//! most slots are asked for by several people at once. Then it checks the database: no coach
//! holds two overlapping appointments, every slot asked for is booked exactly once, every
//! acknowledged booking is there, and every "taken" answer is for a slot someone else holds.
//! It reports requests per second and latency percentiles.

use super::{percentile, start_instances};
use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use tremplin_domain::accounts::{self};
use tremplin_domain::coaching::slots::{free_slots, local_date};
use tremplin_domain::coaching::{BookingRules, CoachAudience, CoachProfile, CoachRepo, Modality, Slot, StructureKind, WeeklyHours};
use tremplin_domain::territories::{NewTerritory, TerritoryKind, TerritoryRepo};
use tremplin_kernel::{Clock, Email, SystemClock};
use tremplin_store::Db;

/// Options of the booking benchmark.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Booking requests sent.
    pub requests: usize,
    /// Coaches they are spread over.
    pub coaches: usize,
    /// Concurrent clients (open connections).
    pub concurrency: usize,
    /// Server instances, each with its own pool on the database.
    pub instances: usize,
}

/// One request: which coach and slot, and what the client was told.
struct Answer {
    coach: usize,
    slot: Slot,
    latency: Duration,
    status: u16,
    public_id: Option<String>,
}

/// Creates the benchmark's territory (once) and this run's coaches with their hours; returns
/// their slugs and free slots over the next two weeks.
async fn create_coaches(db: &Db, run: &str, count: usize) -> anyhow::Result<Vec<(String, i64, Vec<Slot>)>> {
    let territory = match db.territory_by_slug("bench-coaching").await? {
        Some(t) => t,
        None => {
            db.upsert_territory(&NewTerritory {
                slug: "bench-coaching".into(),
                name: "Banc d'essai des rendez-vous".into(),
                kind: TerritoryKind::Custom,
                parent_slug: None,
                communes: vec!["49007".into()],
            })
            .await?
        }
    };
    let clock = SystemClock;
    let now = clock.now_ts();
    let hours: Vec<WeeklyHours> = (1..=5)
        .flat_map(|weekday| {
            [WeeklyHours { weekday, starts_minute: 540, ends_minute: 720 }, WeeklyHours { weekday, starts_minute: 840, ends_minute: 1020 }]
        })
        .collect();
    let rules = BookingRules { appointment_minutes: 60, buffer_minutes: 15, max_per_day: 20, notice_hours: 0, horizon_days: 14 };
    let mut coaches = Vec::with_capacity(count);
    for n in 0..count {
        let email = Email::parse(&format!("bench-{run}-coach-{n}@example.org")).map_err(|e| anyhow::anyhow!("{e}"))?;
        let user = accounts::ensure_user(db, &clock, &email, &format!("Coach {n}"), None, false)
            .await
            .map_err(|e| anyhow::anyhow!("bench coach {n}: {e}"))?;
        let slug = format!("bench-{run}-{n:04}");
        let profile = CoachProfile {
            display_name: format!("Coach {n}"),
            structure_kind: StructureKind::Other,
            structure_name: "Banc d'essai".into(),
            presentation: String::new(),
            themes: vec!["website".into()],
            languages: vec!["fr".into()],
            audiences: vec![CoachAudience::Business],
            zone_communes: vec!["49007".into()],
            zone_radius_km: Some(20.0),
            base_insee: Some("49007".into()),
            base_address: String::new(),
            latitude: Some(47.47),
            longitude: Some(-0.55),
            modalities: vec![Modality::Phone],
            accessibility: String::new(),
            rules,
            active: true,
        };
        let id = db.create_coach(user.id, territory.id, &slug, &profile, &tremplin_kernel::token::new_token(), now).await?;
        db.set_weekly_hours(id, &hours, now).await?;
        let availability = tremplin_domain::coaching::Availability { weekly: hours.clone(), exceptions: Vec::new(), rules };
        coaches.push((slug, id, free_slots(&availability, &[], now, now + 3600, now + 14 * 86_400)));
    }
    Ok(coaches)
}

/// Which (coach, slot) each request asks for: coaches weighted unevenly, and within a coach
/// the earliest slots wanted most (people take the first free one).
fn demand(rng: &mut StdRng, coaches: &[(String, i64, Vec<Slot>)], requests: usize) -> Vec<(usize, Slot)> {
    let weights: Vec<f64> = coaches.iter().map(|_| rng.random_range(0.2f64..3.0).powi(2)).collect();
    let total: f64 = weights.iter().sum();
    (0..requests)
        .filter_map(|_| {
            let mut pick = rng.random_range(0.0..total);
            let mut coach = coaches.len() - 1;
            for (i, w) in weights.iter().enumerate() {
                if pick < *w {
                    coach = i;
                    break;
                }
                pick -= w;
            }
            let slots = &coaches[coach].2;
            // Half ask for one of the first four slots, the rest anywhere.
            let index = if rng.random_bool(0.5) { rng.random_range(0..slots.len().min(4)) } else { rng.random_range(0..slots.len()) };
            slots.get(index).map(|slot| (coach, *slot))
        })
        .collect()
}

/// The JSON body of booking request `i` for `slot`.
fn booking_body(run: &str, i: usize, slot: Slot) -> serde_json::Value {
    serde_json::json!({
        "starts_at": slot.starts_at,
        "modality": "phone",
        "themes": ["website"],
        "need": "Créer le site de la boutique.",
        "name": format!("Personne {i}"),
        "email": format!("bench-{run}-{i}@example.org"),
        "consent": true,
    })
}

/// Runs the benchmark and returns its report (Markdown).
pub async fn run(settings: &crate::settings::Settings, db: Db, options: Options) -> anyhow::Result<String> {
    anyhow::ensure!(options.coaches > 0 && options.requests > 0 && options.instances > 0, "nothing to measure");
    let mut rng = StdRng::seed_from_u64(2026);
    let run = format!("{:x}", SystemClock.now_ts());
    let coaches = create_coaches(&db, &run, options.coaches).await?;
    let wanted = demand(&mut rng, &coaches, options.requests);
    let addresses = start_instances(settings, options.instances).await?;

    let client: Client<_, Full<Bytes>> = Client::builder(TokioExecutor::new()).pool_max_idle_per_host(options.concurrency).build_http();
    let next = Arc::new(AtomicUsize::new(0));
    let slugs: Arc<Vec<String>> = Arc::new(coaches.iter().map(|(slug, _, _)| slug.clone()).collect());
    let (wanted, addresses, run) = (Arc::new(wanted), Arc::new(addresses), Arc::new(run));
    let started = Instant::now();
    let mut clients = Vec::new();
    for _ in 0..options.concurrency {
        let (client, next, wanted, slugs, addresses, run) =
            (client.clone(), next.clone(), wanted.clone(), slugs.clone(), addresses.clone(), run.clone());
        clients.push(tokio::spawn(async move {
            let mut answers = Vec::new();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(&(coach, slot)) = wanted.get(i) else { return answers };
                let address = addresses[i % addresses.len()];
                let request = hyper::Request::post(format!("http://{address}/api/v1/coaches/{}/appointments", slugs[coach]))
                    .header("content-type", "application/json")
                    .body(Full::new(Bytes::from(booking_body(&run, i, slot).to_string())));
                let sent = Instant::now();
                let mut answer = Answer { coach, slot, latency: Duration::ZERO, status: 0, public_id: None };
                if let Ok(request) = request
                    && let Ok(response) = client.request(request).await
                {
                    answer.status = response.status().as_u16();
                    if let Ok(body) = response.into_body().collect().await {
                        let json: serde_json::Value = serde_json::from_slice(&body.to_bytes()).unwrap_or_default();
                        answer.public_id = json["appointment"]["public_id"].as_str().map(str::to_owned);
                    }
                }
                answer.latency = sent.elapsed();
                answers.push(answer);
            }
        }));
    }
    let mut answers = Vec::with_capacity(options.requests);
    for client in clients {
        answers.extend(client.await?);
    }
    let elapsed = started.elapsed();
    check(&db, &coaches, &answers, options, elapsed).await
}

/// Compares what the clients were told with what the database holds.
async fn check(
    db: &Db,
    coaches: &[(String, i64, Vec<Slot>)],
    answers: &[Answer],
    options: Options,
    elapsed: Duration,
) -> anyhow::Result<String> {
    let ids: Vec<i64> = coaches.iter().map(|(_, id, _)| *id).collect();
    let now = SystemClock.now_ts();
    let booked = db.booked_slots(&ids, now - 86_400, now + 15 * 86_400).await?;
    let mut overlapping = 0;
    let mut held: HashSet<(usize, i64)> = HashSet::new();
    for (n, (_, id, _)) in coaches.iter().enumerate() {
        let mut slots = booked.get(id).cloned().unwrap_or_default();
        slots.sort_unstable();
        overlapping += slots.windows(2).filter(|w| w[1].starts_at < w[0].ends_at + 15 * 60).count();
        held.extend(slots.iter().map(|s| (n, s.starts_at)));
    }
    let asked: HashSet<(usize, i64)> = answers.iter().map(|a| (a.coach, a.slot.starts_at)).collect();
    let booked_count: usize = booked.values().map(Vec::len).sum();
    let acknowledged: Vec<&Answer> = answers.iter().filter(|a| a.status == 201).collect();
    let mut per_slot: HashMap<(usize, i64), usize> = HashMap::new();
    for a in &acknowledged {
        *per_slot.entry((a.coach, a.slot.starts_at)).or_default() += 1;
    }
    let twice = per_slot.values().filter(|&&n| n > 1).count();
    let mut lost = 0;
    for a in &acknowledged {
        use tremplin_domain::coaching::AppointmentRepo;
        let found = match &a.public_id {
            Some(id) => db.appointment_by_public_id(id).await?.is_some_and(|ap| ap.starts_at == a.slot.starts_at),
            None => false,
        };
        lost += usize::from(!found);
    }
    let taken: Vec<&Answer> = answers.iter().filter(|a| a.status == 409).collect();
    let taken_but_free = taken.iter().filter(|a| !held.contains(&(a.coach, a.slot.starts_at))).count();
    let failed = answers.len() - acknowledged.len() - taken.len();
    let mut latencies: Vec<Duration> = answers.iter().map(|a| a.latency).collect();
    latencies.sort_unstable();
    let engine = match db.engine() {
        tremplin_store::Engine::Sqlite => "SQLite",
        tremplin_store::Engine::Postgres => "PostgreSQL",
    };
    let day = local_date(now);
    let report = format!(
        "## Bookings, {engine}, {instances} instance(s), {day}\n\n\
         - {requests} requests for {asked} distinct slots of {coaches} coaches, {concurrency} concurrent clients\n\
         - {per_second:.0} requests/s ({secs:.2} s in all); latency p50 {p50:.1} ms, p99 {p99:.1} ms, max {max:.1} ms\n\
         - booked (201): {ok}; slot taken (409): {taken}; other answers or no answer: {failed}\n\
         - appointments in the database: {booked_count} (slots asked for: {asked}); slots acknowledged twice: {twice}; \
         overlapping appointments: {overlapping}; acknowledged but missing: {lost}; told taken but free: {taken_but_free}\n",
        instances = options.instances,
        requests = answers.len(),
        asked = asked.len(),
        coaches = coaches.len(),
        concurrency = options.concurrency,
        per_second = answers.len() as f64 / elapsed.as_secs_f64(),
        secs = elapsed.as_secs_f64(),
        p50 = percentile(&latencies, 0.5),
        p99 = percentile(&latencies, 0.99),
        max = percentile(&latencies, 1.0),
        ok = acknowledged.len(),
        taken = taken.len(),
    );
    let exact = booked_count == asked.len() && acknowledged.len() == asked.len();
    anyhow::ensure!(
        exact && twice == 0 && overlapping == 0 && lost == 0 && taken_but_free == 0 && failed == 0,
        "the run found errors:\n{report}"
    );
    Ok(report)
}
