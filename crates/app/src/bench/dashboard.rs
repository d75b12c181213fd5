//! `tremplin bench dashboard`: on a database filled by `tremplin stats generate`, measures what
//! steering statistics cost at scale:
//! - the store's read path (what every dashboard and open-data request does before drawing):
//!   `settle` with nothing to do, 24 months of rolled-up rows, the stock rows and the targets,
//!   for the largest region, the largest department and the whole platform, in-process;
//! - the pages and API over HTTP, on a server started on a local port, logged in as a platform
//!   administrator the benchmark creates: `/pilotage` for the same three scopes and
//!   `/api/v1/stats` and the public page `/donnees/statistiques` with and without a territory
//!   (any answer but 200 fails the run);
//! - keeping the aggregates current: `settle` after 1 and after 1,000 new check-ins spread over
//!   the territories.

use super::load::{HttpClient, get, measure};
use super::start_instances;
use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sea_query::ExprTrait;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tremplin_domain::accounts;
use tremplin_domain::stats::{ALL_TERRITORIES, Month, StatsRepo};
use tremplin_kernel::{Clock, Email, SystemClock};
use tremplin_store::{Db, Engine, stats};

/// Options of the dashboard benchmark.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Seconds of load per measured path.
    pub seconds: u64,
    /// Concurrent clients.
    pub concurrency: usize,
    /// Measure the store's read path and the settle costs only (no HTTP).
    pub store_only: bool,
}

/// A scope measured: a territory (0 for the platform) and its slug.
#[derive(Debug, Clone)]
struct Scope {
    label: String,
    id: i64,
    slug: Option<String>,
}

/// The territory of `kind` whose communes hold the most residents.
async fn largest(db: &Db, kind: &str) -> anyhow::Result<Scope> {
    let rows: Vec<(i64, String, String)> = db
        .fetch_all(
            sea_query::Query::select()
                .column(("territories", "id"))
                .column(("territories", "slug"))
                .column(("territories", "name"))
                .from("territories")
                .inner_join(
                    "territory_communes",
                    sea_query::Expr::col(("territory_communes", "territory_id")).equals(("territories", "id")),
                )
                .inner_join("communes", sea_query::Expr::col(("communes", "insee")).equals(("territory_communes", "insee")))
                .and_where(sea_query::Expr::col(("territories", "kind")).eq(kind))
                .group_by_col(("territories", "id"))
                .group_by_col(("territories", "slug"))
                .group_by_col(("territories", "name"))
                .order_by_expr(sea_query::Expr::cust("SUM(communes.population)"), sea_query::Order::Desc)
                .order_by(("territories", "id"), sea_query::Order::Asc)
                .limit(1),
        )
        .await?;
    let (id, slug, name) = rows.into_iter().next().ok_or_else(|| anyhow::anyhow!("no {kind}: run `tremplin stats generate` first"))?;
    Ok(Scope { label: format!("{kind} {name}"), id, slug: Some(slug) })
}

/// What a dashboard request reads from the store, for one territory.
async fn store_read(db: &Db, territory: i64) -> anyhow::Result<()> {
    let now = SystemClock.now_ts();
    stats::settle(db, now).await?;
    let to = Month::of(now);
    let from = to.plus(-23);
    let rows = db.stat_rows(territory, &from.to_string(), &to.to_string()).await?;
    anyhow::ensure!(!rows.is_empty(), "no statistics for territory {territory}");
    db.stock_rows(territory).await?;
    db.targets(territory).await?;
    Ok(())
}

/// The `Set-Cookie` pairs of a response, as a `Cookie` header.
fn cookies(response: &hyper::Response<hyper::body::Incoming>, jar: &mut Vec<String>) {
    for value in response.headers().get_all(hyper::header::SET_COOKIE) {
        if let Some(pair) = value.to_str().ok().and_then(|v| v.split(';').next()) {
            let name = pair.split('=').next().unwrap_or_default().to_owned();
            jar.retain(|c| !c.starts_with(&format!("{name}=")));
            jar.push(pair.to_owned());
        }
    }
}

/// Logs in through the login form; returns the session's `Cookie` header.
async fn log_in(client: &HttpClient, address: SocketAddr, email: &str, password: &str) -> anyhow::Result<String> {
    let mut jar = Vec::new();
    let response = client.request(hyper::Request::get(format!("http://{address}/connexion")).body(Full::new(Bytes::new()))?).await?;
    cookies(&response, &mut jar);
    let body = String::from_utf8_lossy(&response.into_body().collect().await?.to_bytes()).into_owned();
    let marker = "name=\"_csrf\" value=\"";
    let csrf = body.find(marker).map(|i| &body[i + marker.len()..]).and_then(|rest| rest.split('"').next()).unwrap_or_default();
    let form = serde_urlencoded_pairs(&[("_csrf", csrf), ("email", email), ("password", password)]);
    let response = client
        .request(
            hyper::Request::post(format!("http://{address}/connexion"))
                .header("content-type", "application/x-www-form-urlencoded")
                .header("cookie", jar.join("; "))
                .body(Full::new(Bytes::from(form)))?,
        )
        .await?;
    anyhow::ensure!(response.status() == hyper::StatusCode::SEE_OTHER, "logging in answered {}", response.status());
    cookies(&response, &mut jar);
    Ok(jar.join("; "))
}

/// A form body (the values here are e-mail addresses, tokens and passwords: only a few
/// characters need escaping).
fn serde_urlencoded_pairs(pairs: &[(&str, &str)]) -> String {
    let escape = |s: &str| {
        s.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
                _ => format!("%{b:02X}"),
            })
            .collect::<String>()
    };
    pairs.iter().map(|(k, v)| format!("{}={}", escape(k), escape(v))).collect::<Vec<_>>().join("&")
}

/// New check-ins at `count` held workshops drawn over the whole range; returns settle's time.
async fn settle_after(db: &Db, rng: &mut StdRng, run: i64, count: usize) -> anyhow::Result<(Duration, stats::SettleReport)> {
    let now = SystemClock.now_ts();
    stats::settle(db, now).await?;
    let (low, high): (Option<i64>, Option<i64>) = db
        .fetch_one(
            sea_query::Query::select()
                .expr(sea_query::Expr::col("id").min())
                .expr(sea_query::Expr::col("id").max())
                .from("events")
                .and_where(sea_query::Expr::col("ends_at").lte(now)),
        )
        .await?;
    let (low, high) = (low.ok_or_else(|| anyhow::anyhow!("no workshop held"))?, high.unwrap_or_default());
    let mut tx = db.begin().await?;
    let rows: Vec<[sea_query::Value; 12]> = (0..count)
        .map(|n| {
            let event = rng.random_range(low..=high);
            [
                format!("settle-{run}-{count}-{n}").into(),
                event.into(),
                format!("email:settle-{run}-{count}-{n}@bench.example").into(),
                "Participant".into(),
                "".into(),
                "fr".into(),
                "confirmed".into(),
                "s".into(),
                true.into(),
                now.into(),
                now.into(),
                now.into(),
            ]
        })
        .collect();
    tx.insert_rows(
        "registrations",
        [
            "public_id",
            "event_id",
            "person_key",
            "name",
            "business",
            "locale",
            "status",
            "secret",
            "walk_in",
            "consent_at",
            "created_at",
            "checked_in_at",
        ],
        rows,
    )
    .await?;
    tx.commit().await?;
    let started = Instant::now();
    let report = stats::settle(db, now).await?;
    Ok((started.elapsed(), report))
}

/// Runs the benchmark; prints each table as soon as it is measured and returns the report.
pub async fn run(settings: &crate::settings::Settings, db: Db, options: Options) -> anyhow::Result<String> {
    let engine = match db.engine() {
        Engine::Sqlite => "SQLite",
        Engine::Postgres => "PostgreSQL",
    };
    let mut scopes = vec![largest(&db, "region").await?, largest(&db, "department").await?];
    scopes.push(Scope { label: "all territories".into(), id: ALL_TERRITORIES, slug: None });
    let rollup: (i64,) = db.fetch_one(sea_query::Query::select().expr(sea_query::Expr::cust("COUNT(*)")).from("stat_rollup")).await?;
    let size = db.size_bytes().await? as f64 / 1_048_576.0;
    let mut report = format!(
        "## Steering statistics, {engine}\n\n{} rolled-up rows; database {size:.0} MB. {} concurrent clients, {} s per line.\n\n",
        rollup.0, options.concurrency, options.seconds
    );
    report.push_str("| path | requests/s | p50 ms | p95 ms | p99 ms | errors |\n|---|---|---|---|---|---|\n");
    let mut failures = Vec::new();
    for scope in &scopes {
        let (db, id) = (db.clone(), scope.id);
        let mut figures = measure(options.seconds, options.concurrency, move |_| {
            let db = db.clone();
            async move { store_read(&db, id).await }
        })
        .await;
        let line = figures.row(&format!("store read path, {}", scope.label));
        eprint!("{line}");
        report.push_str(&line);
        failures.append(&mut figures.failures);
    }

    let mut rng = StdRng::seed_from_u64(7);
    let run = SystemClock.now_ts();
    for count in [1, 1000] {
        let (took, settled) = settle_after(&db, &mut rng, run, count).await?;
        let line = format!(
            "| settle after {count} new check-in(s) ({} marks, {} buckets, {} persons) | — | {:.1} | — | — | 0 |\n",
            settled.marks,
            settled.buckets,
            settled.persons,
            took.as_secs_f64() * 1000.0
        );
        eprint!("{line}");
        report.push_str(&line);
    }

    if !options.store_only {
        let address = *start_instances(settings, 1).await?.first().ok_or_else(|| anyhow::anyhow!("no server"))?;
        let email = format!("bench-admin-{run}@bench.example");
        let password = "banc-d-essai-pilotage";
        let parsed = Email::parse(&email).map_err(|e| anyhow::anyhow!("{e}"))?;
        accounts::ensure_user(&db, &SystemClock, &parsed, "Banc d'essai", Some(password), true)
            .await
            .map_err(|e| anyhow::anyhow!("creating the administrator: {e:?}"))?;
        let client: HttpClient = Client::builder(TokioExecutor::new()).pool_max_idle_per_host(options.concurrency).build_http();
        let cookie = Arc::new(log_in(&client, address, &email, password).await?);
        let mut urls: Vec<String> = scopes
            .iter()
            .map(|s| match &s.slug {
                Some(slug) => format!("/pilotage?territoire={slug}"),
                None => "/pilotage".to_owned(),
            })
            .collect();
        urls.extend(scopes.iter().map(|s| match &s.slug {
            Some(slug) => format!("/api/v1/stats?territory={slug}"),
            None => "/api/v1/stats".to_owned(),
        }));
        urls.extend(scopes.iter().map(|s| format!("/donnees/statistiques?territoire={}", s.slug.as_deref().unwrap_or_default())));
        for path in urls {
            let url = Arc::new(format!("http://{address}{path}"));
            let (client, cookie) = (client.clone(), cookie.clone());
            let mut figures = measure(options.seconds, options.concurrency, move |_| {
                let (client, cookie, url) = (client.clone(), cookie.clone(), url.clone());
                async move { get(&client, &url, &cookie).await }
            })
            .await;
            let line = figures.row(&format!("GET {path}"));
            eprint!("{line}");
            report.push_str(&line);
            failures.append(&mut figures.failures);
        }
    }
    failures.sort();
    failures.dedup();
    anyhow::ensure!(failures.is_empty(), "{report}\nfailures:\n{}", failures.join("\n"));
    Ok(report)
}
