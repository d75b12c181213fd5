//! `tremplin bench registrations`: the load of a large event's opening. It creates sessions
//! (by default 100 sessions totalling 4,300 seats), starts one or several server instances on
//! real TCP ports, each with its own connection pool on the same database (as several
//! processes behind a load balancer would be), and sends registration requests to the JSON API
//! from many concurrent clients (by default 10,000, spread unevenly over the sessions so that
//! some are oversubscribed and some not). Then it checks the database: for every session,
//! confirmed = min(demand, capacity) and the rest waitlisted; every request answered; every
//! acknowledged registration found with the status the client was told. It reports
//! registrations per second and latency percentiles.

use super::{percentile, start_instances};
use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use tremplin_domain::events::commands::create_event;
use tremplin_domain::events::{Audience, EventRepo, Level, NewEvent, Venue};
use tremplin_domain::territories::{NewTerritory, TerritoryKind, TerritoryRepo};
use tremplin_kernel::{Clock, SystemClock};
use tremplin_store::Db;

/// Options of the registration benchmark.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Registration requests sent.
    pub requests: usize,
    /// Sessions they are spread over.
    pub sessions: usize,
    /// Seats of all sessions together.
    pub seats: i64,
    /// Concurrent clients (open connections).
    pub concurrency: usize,
    /// Server instances, each with its own pool on the database.
    pub instances: usize,
}

/// What a client was told for one request.
struct Answer {
    session: usize,
    latency: Duration,
    status: u16,
    public_id: Option<String>,
    confirmed: Option<bool>,
}

/// Capacities summing to `seats`, uneven (15 to 75 seats), from a seeded generator.
fn capacities(rng: &mut StdRng, sessions: usize, seats: i64) -> Vec<i64> {
    let raw: Vec<f64> = (0..sessions).map(|_| rng.random_range(15.0..75.0)).collect();
    let total: f64 = raw.iter().sum();
    let mut capacities: Vec<i64> = raw.iter().map(|r| (r / total * seats as f64).floor() as i64).collect();
    let mut missing = seats - capacities.iter().sum::<i64>();
    let mut i = 0;
    while missing > 0 {
        capacities[i % sessions] += 1;
        missing -= 1;
        i += 1;
    }
    capacities
}

/// Which session each request is for: demand weighted so that popular sessions are
/// oversubscribed and others keep seats.
fn demand(rng: &mut StdRng, sessions: usize, requests: usize) -> Vec<usize> {
    let weights: Vec<f64> = (0..sessions).map(|_| rng.random_range(0.2f64..3.0).powi(2)).collect();
    let total: f64 = weights.iter().sum();
    (0..requests)
        .map(|_| {
            let mut pick = rng.random_range(0.0..total);
            for (i, w) in weights.iter().enumerate() {
                if pick < *w {
                    return i;
                }
                pick -= w;
            }
            sessions - 1
        })
        .collect()
}

/// Creates the benchmark's territory (once) and this run's sessions; returns their slugs.
async fn create_sessions(db: &Db, run: &str, capacities: &[i64]) -> anyhow::Result<Vec<String>> {
    let territory = match db.territory_by_slug("bench-registrations").await? {
        Some(t) => t,
        None => {
            db.upsert_territory(&NewTerritory {
                slug: "bench-registrations".into(),
                name: "Banc d'essai des inscriptions".into(),
                kind: TerritoryKind::Custom,
                parent_slug: None,
                communes: vec!["49007".into()],
            })
            .await?
        }
    };
    let now = SystemClock.now_ts();
    let mut slugs = Vec::with_capacity(capacities.len());
    for (n, capacity) in capacities.iter().enumerate() {
        let slug = format!("bench-{run}-{n:03}");
        let starts_at = now + 7 * 86_400 + (n as i64 % 8) * 5400;
        let event = NewEvent {
            slug: slug.clone(),
            territory_id: territory.id,
            programme_id: None,
            series_id: None,
            title: format!("Séance {n} du banc d'essai"),
            description: String::new(),
            themes: vec!["digital_basics".into()],
            modules: Vec::new(),
            audiences: vec![Audience::Public],
            level: Level::Beginner,
            language: "fr".into(),
            venue: Venue {
                name: "Centre de congrès".into(),
                address: "Angers".into(),
                room: format!("Salle {}", n % 5),
                ..Venue::default()
            },
            online_url: String::new(),
            accessibility: String::new(),
            starts_at,
            ends_at: starts_at + 3600,
            capacity: *capacity,
            registration_opens_at: None,
            registration_closes_at: None,
            trainer_ids: Vec::new(),
            created_by: None,
        };
        create_event(db, &event, now).await.map_err(|e| anyhow::anyhow!("creating {slug}: {e}"))?;
        slugs.push(slug);
    }
    Ok(slugs)
}

/// Runs the benchmark and returns its report (Markdown).
pub async fn run(settings: &crate::settings::Settings, db: Db, options: Options) -> anyhow::Result<String> {
    anyhow::ensure!(options.sessions > 0 && options.requests > 0 && options.instances > 0, "nothing to measure");
    let mut rng = StdRng::seed_from_u64(4300);
    let capacities = capacities(&mut rng, options.sessions, options.seats);
    let wanted = demand(&mut rng, options.sessions, options.requests);
    let run = format!("{:x}", SystemClock.now_ts());
    let slugs = create_sessions(&db, &run, &capacities).await?;
    let addresses = start_instances(settings, options.instances).await?;

    let client: Client<_, Full<Bytes>> = Client::builder(TokioExecutor::new()).pool_max_idle_per_host(options.concurrency).build_http();
    let next = Arc::new(AtomicUsize::new(0));
    let (wanted, slugs, addresses, run) = (Arc::new(wanted), Arc::new(slugs), Arc::new(addresses), Arc::new(run));
    let started = Instant::now();
    let mut clients = Vec::new();
    for _ in 0..options.concurrency {
        let (client, next, wanted, slugs, addresses, run) =
            (client.clone(), next.clone(), wanted.clone(), slugs.clone(), addresses.clone(), run.clone());
        clients.push(tokio::spawn(async move {
            let mut answers = Vec::new();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= wanted.len() {
                    return answers;
                }
                let session = wanted[i];
                let address = addresses[i % addresses.len()];
                let body = serde_json::json!({
                    "name": format!("Participant {i}"),
                    "email": format!("bench-{run}-{i}@example.org"),
                    "consent": true,
                });
                let request = hyper::Request::post(format!("http://{address}/api/v1/events/{}/registrations", slugs[session]))
                    .header("content-type", "application/json")
                    .body(Full::new(Bytes::from(body.to_string())));
                let sent = Instant::now();
                let mut answer = Answer { session, latency: Duration::ZERO, status: 0, public_id: None, confirmed: None };
                if let Ok(request) = request
                    && let Ok(response) = client.request(request).await
                {
                    answer.status = response.status().as_u16();
                    if let Ok(body) = response.into_body().collect().await {
                        let json: serde_json::Value = serde_json::from_slice(&body.to_bytes()).unwrap_or_default();
                        answer.public_id = json["registration"]["public_id"].as_str().map(str::to_owned);
                        answer.confirmed = json["registration"]["status"].as_str().map(|s| s == "confirmed");
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
    check(&db, &run, &slugs, &capacities, &answers, options, elapsed).await
}

/// Compares what the clients were told with what the database holds.
async fn check(
    db: &Db,
    run: &str,
    slugs: &[String],
    capacities: &[i64],
    answers: &[Answer],
    options: Options,
    elapsed: Duration,
) -> anyhow::Result<String> {
    let mut demand = vec![0i64; slugs.len()];
    for a in answers {
        demand[a.session] += 1;
    }
    let mut wrong_sessions = 0;
    let mut overbooked = 0;
    let mut stored: HashMap<String, bool> = HashMap::new();
    for (n, slug) in slugs.iter().enumerate() {
        let event = db.event_by_slug(slug).await?.ok_or_else(|| anyhow::anyhow!("{slug} vanished"))?;
        if event.confirmed > capacities[n] {
            overbooked += 1;
        }
        if event.confirmed != demand[n].min(capacities[n]) || event.waitlisted != demand[n] - event.confirmed {
            wrong_sessions += 1;
        }
        use tremplin_domain::events::RegistrationRepo;
        for r in db.registrations_of_event(event.id).await? {
            stored.insert(r.public_id, r.status == tremplin_domain::events::RegistrationStatus::Confirmed);
        }
    }
    let acknowledged: Vec<&Answer> = answers.iter().filter(|a| a.status == 201).collect();
    let lost = acknowledged.iter().filter(|a| a.public_id.as_ref().is_none_or(|id| stored.get(id) != a.confirmed.as_ref())).count();
    let failed = answers.len() - acknowledged.len();
    let mut latencies: Vec<Duration> = answers.iter().map(|a| a.latency).collect();
    latencies.sort_unstable();
    let per_second = answers.len() as f64 / elapsed.as_secs_f64();
    let engine = match db.engine() {
        tremplin_store::Engine::Sqlite => "SQLite",
        tremplin_store::Engine::Postgres => "PostgreSQL",
    };
    let seats: i64 = capacities.iter().sum();
    let confirmed: i64 = slugs.iter().enumerate().map(|(n, _)| demand[n].min(capacities[n])).sum();
    let report = format!(
        "## Registrations, {engine}, {instances} instance(s), run {run}\n\n\
         - {requests} requests over {sessions} sessions ({seats} seats), {concurrency} concurrent clients\n\
         - {per_second:.0} registrations/s ({secs:.2} s in all); latency p50 {p50:.1} ms, p99 {p99:.1} ms, max {max:.1} ms\n\
         - answered 201: {ok}; other answers or no answer: {failed}\n\
         - confirmed {confirmed} (= min(demand, capacity) summed), waitlisted {waitlisted}\n\
         - sessions whose counts differ from min(demand, capacity): {wrong_sessions}; overbooked sessions: {overbooked}; \
         acknowledged but missing or different in the database: {lost}\n",
        instances = options.instances,
        requests = answers.len(),
        sessions = slugs.len(),
        concurrency = options.concurrency,
        secs = elapsed.as_secs_f64(),
        p50 = percentile(&latencies, 0.5),
        p99 = percentile(&latencies, 0.99),
        max = percentile(&latencies, 1.0),
        ok = acknowledged.len(),
        waitlisted = answers.len() as i64 - confirmed,
    );
    anyhow::ensure!(wrong_sessions == 0 && overbooked == 0 && lost == 0 && failed == 0, "the run found errors:\n{report}");
    Ok(report)
}
