//! `tremplin bench ecosystem`: fills the database with generated actors over the real communes
//! of Maine-et-Loire (kept and reused by the next run), then measures matching over HTTP on a
//! server started on a local port: the API and the page for a need near Angers, with sector
//! and stage, and a need across the whole territory. Any answer but 200 fails the run.

use super::load::{HttpClient, get, measure};
use super::start_instances;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use sea_query::ExprTrait;
use std::sync::Arc;
use tremplin_domain::ecosystem::{ActorKind, Sector, Stage, Topic};
use tremplin_domain::territories::{NewTerritory, TerritoryKind, TerritoryRepo};
use tremplin_kernel::{Clock, SystemClock};
use tremplin_store::{Db, Value};

/// Options of the ecosystem benchmark.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Actors wanted in the benchmark's territory.
    pub actors: usize,
    /// Seconds of load per measured path.
    pub seconds: u64,
    /// Concurrent clients.
    pub concurrency: usize,
}

/// The benchmark's territory: every commune of Maine-et-Loire.
const TERRITORY: &str = "banc-ecosysteme";

/// Kinds of actor, weighted as a territory's ecosystem might be (mostly projects and firms).
const KINDS: [(ActorKind, u32); 7] = [
    (ActorKind::Project, 40),
    (ActorKind::Firm, 25),
    (ActorKind::Mentor, 10),
    (ActorKind::Funder, 5),
    (ActorKind::Distributor, 8),
    (ActorKind::Association, 7),
    (ActorKind::TrainingBody, 5),
];

fn pick_kind(rng: &mut StdRng) -> ActorKind {
    let total: u32 = KINDS.iter().map(|(_, w)| w).sum();
    let mut draw = rng.random_range(0..total);
    for (kind, weight) in KINDS {
        if draw < weight {
            return kind;
        }
        draw -= weight;
    }
    ActorKind::Project
}

/// Between `fewest` and `most` distinct values of a vocabulary, `a|b` as stored.
fn some<T: Copy>(rng: &mut StdRng, all: &[T], (fewest, most): (usize, usize), id: fn(T) -> &'static str) -> String {
    let count = rng.random_range(fewest..=most);
    let mut chosen: Vec<&'static str> = all.choose_multiple(rng, count).map(|v| id(*v)).collect();
    chosen.sort_unstable();
    chosen.join("|")
}

/// Creates the benchmark's territory if missing; returns its id.
async fn territory(db: &Db) -> anyhow::Result<i64> {
    if let Some(t) = db.territory_by_slug(TERRITORY).await? {
        return Ok(t.id);
    }
    let communes = db.department_communes("49").await?;
    anyhow::ensure!(!communes.is_empty(), "no reference communes: run `tremplin migrate` first");
    let new = NewTerritory {
        slug: TERRITORY.into(),
        name: "Banc d'essai écosystème".into(),
        kind: TerritoryKind::Department,
        parent_slug: None,
        communes,
    };
    db.upsert_territory(&new).await?;
    Ok(db.territory_by_slug(TERRITORY).await?.ok_or_else(|| anyhow::anyhow!("territory not created"))?.id)
}

/// Adds actors (each with its own account) until the territory holds `wanted`; returns how
/// many it holds.
async fn fill(db: &Db, territory_id: i64, wanted: usize) -> anyhow::Result<usize> {
    let held: (i64,) = db
        .fetch_one(
            sea_query::Query::select()
                .expr(sea_query::Expr::col("id").count())
                .from("eco_actors")
                .and_where(sea_query::Expr::col("territory_id").eq(territory_id)),
        )
        .await?;
    let held = usize::try_from(held.0).unwrap_or(0);
    if held >= wanted {
        return Ok(held);
    }
    let communes: Vec<(String, Option<f64>, Option<f64>)> = db
        .fetch_all(
            sea_query::Query::select()
                .columns(["insee", "latitude", "longitude"])
                .from("communes")
                .and_where(sea_query::Expr::col("department").eq("49")),
        )
        .await?;
    let communes: Vec<(String, f64, f64)> = communes.into_iter().filter_map(|(i, lat, lon)| Some((i, lat?, lon?))).collect();
    anyhow::ensure!(!communes.is_empty(), "no communes with a position in Maine-et-Loire");
    let now = SystemClock.now_ts();
    let mut rng = StdRng::seed_from_u64(held as u64);
    let range = held..wanted;
    let mut tx = db.begin().await?;
    let users = range.clone().map(|n| -> [Value; 6] {
        [
            format!("banc-ecosysteme-{n}@bench.example").into(),
            format!("Acteur {n}").into(),
            "fr".into(),
            false.into(),
            now.into(),
            Option::<String>::None.into(),
        ]
    });
    tx.insert_rows("users", ["email", "display_name", "locale", "is_platform_admin", "created_at", "password_hash"], users).await?;
    let ids: Vec<(i64, String)> = tx
        .fetch_all(
            sea_query::Query::select()
                .columns(["id", "email"])
                .from("users")
                .and_where(sea_query::Expr::col("email").like("banc-ecosysteme-%")),
        )
        .await?;
    let by_email: std::collections::HashMap<String, i64> = ids.into_iter().map(|(id, e)| (e, id)).collect();
    let mut rows: Vec<[Value; 24]> = Vec::with_capacity(range.len());
    for n in range {
        let user_id = by_email.get(&format!("banc-ecosysteme-{n}@bench.example")).copied().ok_or_else(|| anyhow::anyhow!("user {n}"))?;
        let kind = pick_kind(&mut rng);
        let (insee, lat, lon) = communes.choose(&mut rng).cloned().ok_or_else(|| anyhow::anyhow!("no commune"))?;
        let offering = !matches!(kind, ActorKind::Project);
        let offers = if offering { some(&mut rng, Topic::ALL, (1, 4), Topic::as_str) } else { String::new() };
        let needs = if matches!(kind, ActorKind::Project | ActorKind::Firm) {
            some(&mut rng, Topic::ALL, (1, 3), Topic::as_str)
        } else {
            String::new()
        };
        let stages = if offering && !matches!(kind, ActorKind::Firm) {
            some(&mut rng, Stage::ALL, (1, 3), Stage::as_str)
        } else {
            some(&mut rng, Stage::ALL, (1, 1), Stage::as_str)
        };
        rows.push([
            user_id.into(),
            territory_id.into(),
            format!("banc-acteur-{n}").into(),
            kind.as_str().into(),
            format!("Acteur {n}").into(),
            "Acteur généré par le banc d'essai.".into(),
            some(&mut rng, Sector::ALL, (1, 2), Sector::as_str).into(),
            stages.into(),
            needs.into(),
            offers.into(),
            String::new().into(),
            if offering { "accompagnement, conseils".into() } else { String::new().into() },
            insee.into(),
            (lat + rng.random_range(-0.01..0.01)).into(),
            (lon + rng.random_range(-0.01..0.01)).into(),
            String::new().into(),
            format!("Contact {n}").into(),
            format!("contact-{n}@bench.example").into(),
            String::new().into(),
            "active".into(),
            String::new().into(),
            now.into(),
            now.into(),
            Option::<i64>::None.into(),
        ]);
    }
    tx.insert_rows(
        "eco_actors",
        [
            "user_id",
            "territory_id",
            "slug",
            "kind",
            "name",
            "presentation",
            "sectors",
            "stages",
            "needs",
            "offers",
            "need_words",
            "offer_words",
            "insee",
            "latitude",
            "longitude",
            "website",
            "contact_name",
            "contact_email",
            "contact_phone",
            "status",
            "status_note",
            "created_at",
            "updated_at",
            "listing_id",
        ],
        rows,
    )
    .await?;
    tx.commit().await?;
    db.analyze().await?;
    Ok(wanted)
}

/// Fills the territory, then measures matching; returns the Markdown table of figures.
pub async fn run(settings: &crate::settings::Settings, db: Db, options: Options) -> anyhow::Result<String> {
    let territory_id = territory(&db).await?;
    let started = std::time::Instant::now();
    let held = fill(&db, territory_id, options.actors).await?;
    eprintln!("{held} actors ready in {:.1} s", started.elapsed().as_secs_f64());
    let address = *start_instances(settings, 1).await?.first().ok_or_else(|| anyhow::anyhow!("no server"))?;
    let client: HttpClient = Client::builder(TokioExecutor::new()).pool_max_idle_per_host(options.concurrency).build_http();
    let near = format!("need=mentoring&sector=retail&stage=launch&commune=49007&territory={TERRITORY}");
    let paths = [
        format!("/api/v1/ecosystem/matches?{near}"),
        format!("/api/v1/ecosystem/matches?need=funding&territory={TERRITORY}"),
        format!("/ecosysteme?besoin=mentoring&secteur=retail&stade=launch&commune=49007&territoire={TERRITORY}"),
    ];
    let mut report = format!(
        "## Ecosystem matching, {:?}\n\n{held} actors in one territory; {} concurrent clients, {} s per line.\n\n\
         | request | req/s | p50 ms | p95 ms | p99 ms | failures |\n|---|---|---|---|---|---|\n",
        db.engine(),
        options.concurrency,
        options.seconds
    );
    let mut failures = Vec::new();
    for path in paths {
        let url = Arc::new(format!("http://{address}{path}"));
        let client = client.clone();
        let mut figures = measure(options.seconds, options.concurrency, move |_| {
            let (client, url) = (client.clone(), url.clone());
            async move { get(&client, &url, "").await }
        })
        .await;
        let line = figures.row(&format!("GET {path}"));
        eprint!("{line}");
        report.push_str(&line);
        failures.append(&mut figures.failures);
    }
    failures.sort();
    failures.dedup();
    anyhow::ensure!(failures.is_empty(), "{report}\nfailures:\n{}", failures.join("\n"));
    Ok(report)
}
