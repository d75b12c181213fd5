//! `tremplin bench directory`: fills the database with N generated listings over every
//! French commune (weighted by population), then measures the search API under a realistic
//! mix, through the real router in-process (no TCP: the figures are the application's and the
//! database's). Run on demand; the figures go to docs/PERFORMANCE.md.

use super::percentile;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tower::ServiceExt;
use tremplin_domain::directory::generator::{Place, generate};
use tremplin_domain::directory::{DirectoryRepo, NewListingRow, index_words};
use tremplin_kernel::text::slugify;
use tremplin_kernel::{Clock, GeoPoint, SystemClock};
use tremplin_store::{Db, Engine};

/// Options of the directory benchmark.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Listings wanted in the database.
    pub listings: usize,
    /// Seconds of load per run.
    pub seconds: u64,
    /// Concurrent clients.
    pub concurrency: usize,
}

const SOURCE: &str = "bench";
const CHUNK: usize = 5000;
const WORDS: [&str; 8] = ["boulangerie", "coiffure", "pharmacie", "restaurant", "garage", "fleuriste", "librairie", "opticien"];

/// Generates the missing listings; returns how many were inserted and how long it took.
async fn fill(db: &Db, wanted: usize) -> anyhow::Result<(usize, Duration)> {
    let existing = usize::try_from(db.count_from_source(SOURCE).await?).unwrap_or(0);
    if existing >= wanted {
        return Ok((0, Duration::ZERO));
    }
    let categories = db.categories().await?;
    let labels: HashMap<String, String> = categories.iter().map(|c| (c.slug.clone(), c.label_fr.clone())).collect();
    let communes = tremplin_store::reference::communes().map_err(|e| anyhow::anyhow!(e.0))?;
    let names: HashMap<String, String> = communes.iter().map(|c| (c.insee.clone(), c.name.clone())).collect();
    let places: Vec<Place> = communes
        .iter()
        .filter(|c| c.kind == "commune")
        .filter_map(|c| {
            Some(Place {
                insee: c.insee.clone(),
                postcode: c.postcodes.split('|').next()?.to_owned(),
                point: GeoPoint::new(c.latitude?, c.longitude?)?,
                population: c.population.unwrap_or(1),
            })
        })
        .collect();
    let started = Instant::now();
    let now = SystemClock.now_ts();
    let mut inserted = 0;
    let first_chunk = existing / CHUNK;
    for chunk in first_chunk..wanted.div_ceil(CHUNK) {
        let skip = existing.saturating_sub(chunk * CHUNK);
        let count = CHUNK.min(wanted - chunk * CHUNK);
        let rows: Vec<NewListingRow> = generate(&categories, &places, count, 10_000 + chunk as u64)
            .into_iter()
            .enumerate()
            .skip(skip)
            .map(|(i, mut input)| {
                input.source = SOURCE.into();
                input.source_id = format!("{}", chunk * CHUNK + i);
                let category = input.category.as_ref().and_then(|c| labels.get(c)).map(String::as_str);
                let commune = input.insee.as_ref().and_then(|c| names.get(c)).map(String::as_str);
                let (search_name, search_body) = index_words(&input, category, commune);
                let mut base = slugify(&input.name);
                base.truncate(60);
                let slug = format!("{}-b{}", base.trim_end_matches('-'), input.source_id);
                NewListingRow { input, search_name, search_body, slug }
            })
            .collect();
        inserted += usize::try_from(db.insert_new_listings(&rows, now).await?).unwrap_or(0);
        if chunk % 20 == 0 {
            eprintln!("  {} / {} listings", chunk * CHUNK + count, wanted);
        }
    }
    db.analyze().await?;
    Ok((inserted, started.elapsed()))
}

/// One kind of query of the mix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Kind {
    WordsNearOpenNow,
    CategoryNearPlace,
    WordsAcrossFrance,
}

impl Kind {
    fn label(self) -> &'static str {
        match self {
            Kind::WordsNearOpenNow => "words + 5 km + open now",
            Kind::CategoryNearPlace => "category + place (10 km)",
            Kind::WordsAcrossFrance => "words alone, all France",
        }
    }
}

fn query(kind: Kind, rng: &mut StdRng, centres: &[GeoPoint], categories: &[String]) -> String {
    let centre = centres[rng.random_range(0..centres.len())];
    let word = WORDS[rng.random_range(0..WORDS.len())];
    match kind {
        Kind::WordsNearOpenNow => {
            format!("/api/v1/listings?q={word}&lat={:.4}&lon={:.4}&radius_km=5&open_now=true", centre.lat, centre.lon)
        }
        Kind::CategoryNearPlace => format!(
            "/api/v1/listings?category={}&lat={:.4}&lon={:.4}",
            categories[rng.random_range(0..categories.len())],
            centre.lat,
            centre.lon
        ),
        Kind::WordsAcrossFrance => format!("/api/v1/listings?q={word}"),
    }
}

/// Resident memory of this process, MB (Linux; 0 elsewhere).
fn resident_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kb = status.lines().find_map(|l| l.strip_prefix("VmRSS:")).and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok());
    kb.unwrap_or(0.0) / 1024.0
}

/// Runs the benchmark and returns its report (Markdown).
pub async fn directory(settings: &crate::settings::Settings, db: Db, options: Options) -> anyhow::Result<String> {
    let engine = match db.engine() {
        Engine::Sqlite => "SQLite",
        Engine::Postgres => "PostgreSQL",
    };
    eprintln!("filling to {} listings on {engine} …", options.listings);
    let (inserted, took) = fill(&db, options.listings).await?;
    let total = db.count_listings().await?;
    let size = db.size_bytes().await?;

    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    // Thousands of requests from one address, on purpose: no rate limits.
    let settings = &crate::settings::Settings { rate_limits: false, ..settings.clone() };
    let state = crate::server::state(settings, db.clone(), clock);
    let memory_before = resident_mb();
    let started = Instant::now();
    let indexed = state.search_index.view(&db).await?.len();
    let index_took = started.elapsed();
    let index_mb = resident_mb() - memory_before;
    let app = tremplin_web::router(state);
    let mut communes = tremplin_store::reference::communes().map_err(|e| anyhow::anyhow!(e.0))?;
    communes.sort_by_key(|c| std::cmp::Reverse(c.population.unwrap_or(0)));
    // Searches happen where people live: the 500 most populated communes.
    let centres: Arc<Vec<GeoPoint>> =
        Arc::new(communes.iter().filter_map(|c| GeoPoint::new(c.latitude?, c.longitude?)).take(500).collect());
    let categories: Arc<Vec<String>> = Arc::new(db.categories().await?.into_iter().map(|c| c.slug).collect());

    let mut report = format!(
        "## Directory search, {engine}, {total} listings\n\nGenerated now: {inserted} listings in {:.1} s ({:.0} listings/s). Database size: {:.0} MB.\n\n",
        took.as_secs_f64(),
        if took.is_zero() { 0.0 } else { inserted as f64 / took.as_secs_f64() },
        size as f64 / 1_048_576.0
    );
    report.push_str(&format!(
        "Search index: {indexed} listings read and indexed in {:.1} s; resident memory grew by {index_mb:.0} MB.\n\n",
        index_took.as_secs_f64()
    ));
    report.push_str("| query | requests/s | p50 ms | p99 ms | errors |\n|---|---|---|---|---|\n");
    for kind in [Kind::WordsNearOpenNow, Kind::CategoryNearPlace, Kind::WordsAcrossFrance] {
        let deadline = Instant::now() + Duration::from_secs(options.seconds);
        let mut workers = Vec::new();
        for worker in 0..options.concurrency {
            let (app, centres, categories) = (app.clone(), centres.clone(), categories.clone());
            workers.push(tokio::spawn(async move {
                let mut rng = StdRng::seed_from_u64(worker as u64);
                let mut latencies = Vec::new();
                let mut errors = 0usize;
                while Instant::now() < deadline {
                    let uri = query(kind, &mut rng, &centres, &categories);
                    let started = Instant::now();
                    let request = Request::builder().uri(uri).body(Body::empty()).map_err(|e| anyhow::anyhow!(e))?;
                    let response = app.clone().oneshot(request).await.map_err(|e| anyhow::anyhow!("{e:?}"))?;
                    let ok = response.status() == StatusCode::OK;
                    let _ = axum::body::to_bytes(response.into_body(), usize::MAX).await;
                    latencies.push(started.elapsed());
                    errors += usize::from(!ok);
                }
                anyhow::Ok((latencies, errors))
            }));
        }
        let mut latencies = Vec::new();
        let mut errors = 0;
        for worker in workers {
            let (l, e) = worker.await??;
            latencies.extend(l);
            errors += e;
        }
        latencies.sort_unstable();
        report.push_str(&format!(
            "| {} | {:.0} | {:.1} | {:.1} | {} |\n",
            kind.label(),
            latencies.len() as f64 / options.seconds as f64,
            percentile(&latencies, 0.5),
            percentile(&latencies, 0.99),
            errors
        ));
    }
    report.push_str(&format!("\n{} concurrent clients, {} s per query kind, in-process router.\n", options.concurrency, options.seconds));
    Ok(report)
}
