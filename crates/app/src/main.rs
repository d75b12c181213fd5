//! `tremplin`: one binary for the web server, the worker and the command-line tools.

use anyhow::Context;
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::sync::Arc;
use tokio::sync::watch;
use tremplin::settings::Settings;
use tremplin::{demo, server, worker};
use tremplin_domain::accounts::{self, AccountRepo as _};
use tremplin_domain::territories::TerritoryRepo;
use tremplin_kernel::{Clock, Email, Role, SystemClock};

/// Tremplin: the public platform that brings a territory's businesses, associations and
/// residents into the digital economy.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Cli {
    /// Settings file (TOML); missing is fine. Every key can also be set as TREMPLIN_<KEY>.
    #[arg(long, global = true, default_value = "tremplin.toml", env = "TREMPLIN_CONFIG")]
    config: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the web pages and API (and run the background worker unless run_worker = false).
    Serve,
    /// Run only the background worker (e-mail outbox, clean-ups).
    Worker,
    /// Apply database migrations and load the reference geography, then exit.
    Migrate,
    /// Load the demo territory (Maine-et-Loire) and its accounts, print them, and serve.
    Demo {
        /// Load the demo data and exit without serving.
        #[arg(long)]
        no_serve: bool,
    },
    /// Import listings into the directory (idempotent: re-importing updates, never duplicates,
    /// never overwrites a field edited by hand).
    Import {
        /// The file's format: osm (`.osm.pbf` or Overpass JSON), sirene (INSEE
        /// StockEtablissement CSV; needs --territory) or mediation (the national standard of
        /// digital-mediation places, CSV or JSON).
        #[arg(value_parser = tremplin::import::parse_format)]
        format: tremplin::import::Format,
        /// The file.
        file: PathBuf,
        /// Keep only listings of this territory's communes (required for SIRENE).
        #[arg(long)]
        territory: Option<String>,
        /// Read and check everything, save nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Export the directory as open data (to standard output, or --output).
    Export {
        /// csv, geojson, jsonld, mediation-csv or mediation-json.
        #[arg(value_parser = parse_export_format)]
        format: tremplin_web::opendata::Format,
        /// Only the listings of this territory's communes.
        #[arg(long)]
        territory: Option<String>,
        /// File to write (default: standard output).
        #[arg(long)]
        output: Option<PathBuf>,
    },
    /// Copy the SQLite database to FILE while the server runs (consistent, checked, atomic:
    /// written under a temporary name, then renamed). For PostgreSQL use pg_dump.
    Backup {
        /// The backup file (replaced if it exists).
        #[arg(long)]
        output: PathBuf,
    },
    /// Benchmarks, run on demand (figures for docs/PERFORMANCE.md).
    #[command(subcommand)]
    Bench(Bench),
    /// Administration tasks.
    #[command(subcommand)]
    Admin(Admin),
    /// Steering statistics tools.
    #[command(subcommand)]
    Stats(Stats),
}

#[derive(Debug, Subcommand)]
enum Stats {
    /// Fill a fresh database with generated activity over the real communes (the territory
    /// tree of France, then workshops, registrations, survey answers, beneficiaries,
    /// accompaniments, appointments, diagnostics and passports over 24 months), then rebuild
    /// the statistics. For `tremplin bench dashboard`.
    Generate {
        /// Activity records wanted, all tables together.
        #[arg(long, default_value_t = 10_000_000)]
        records: usize,
        /// Seed of the random generator (the same seed gives the same rows).
        #[arg(long, default_value_t = 2026)]
        seed: u64,
    },
}

#[derive(Debug, Subcommand)]
enum Bench {
    /// On a database filled by `tremplin stats generate`: latency of the steering statistics
    /// (store read path, /pilotage and /api/v1/stats for the largest region, the largest
    /// department and all territories) and the cost of keeping them current.
    Dashboard {
        /// Seconds of load per measured path.
        #[arg(long, default_value_t = 10)]
        seconds: u64,
        /// Concurrent clients.
        #[arg(long, default_value_t = 4)]
        concurrency: usize,
        /// Measure the store's read path and the settle costs only (no HTTP).
        #[arg(long)]
        store_only: bool,
    },
    /// Fill the database with generated ecosystem actors over Maine-et-Loire (kept for the next
    /// run), then measure matching: the API and the page `/ecosysteme`.
    Ecosystem {
        /// Actors wanted in the benchmark's territory.
        #[arg(long, default_value_t = 10_000)]
        actors: usize,
        /// Seconds of load per measured request.
        #[arg(long, default_value_t = 10)]
        seconds: u64,
        /// Concurrent clients.
        #[arg(long, default_value_t = 4)]
        concurrency: usize,
    },
    /// Fill the database with generated listings over all of France, then measure the search API.
    Directory {
        /// Listings wanted (generated ones are kept and reused by the next run).
        #[arg(long, default_value_t = 100_000)]
        listings: usize,
        /// Seconds of load per query kind.
        #[arg(long, default_value_t = 20)]
        seconds: u64,
        /// Concurrent clients.
        #[arg(long, default_value_t = 8)]
        concurrency: usize,
    },
    /// Create sessions, start server instances on local ports and send registrations at once,
    /// then check the database: no session overbooked, no acknowledged registration lost.
    Registrations {
        /// Registration requests sent.
        #[arg(long, default_value_t = 10_000)]
        requests: usize,
        /// Sessions they go to.
        #[arg(long, default_value_t = 100)]
        sessions: usize,
        /// Seats of all sessions together.
        #[arg(long, default_value_t = 4_300)]
        seats: i64,
        /// Concurrent clients (open connections).
        #[arg(long, default_value_t = 256)]
        concurrency: usize,
        /// Server instances on the one database (several make sense on PostgreSQL).
        #[arg(long, default_value_t = 1)]
        instances: usize,
    },
    /// Create coaches, start server instances on local ports and send bookings at once (most
    /// wanting the same early slots), then check the database: no double booking, none lost.
    Bookings {
        /// Booking requests sent.
        #[arg(long, default_value_t = 5_000)]
        requests: usize,
        /// Coaches they go to.
        #[arg(long, default_value_t = 200)]
        coaches: usize,
        /// Concurrent clients (open connections).
        #[arg(long, default_value_t = 128)]
        concurrency: usize,
        /// Server instances on the one database.
        #[arg(long, default_value_t = 1)]
        instances: usize,
    },
}

#[derive(Debug, Subcommand)]
enum Admin {
    /// Create an account (or reuse an existing one) and grant it a role in a territory.
    CreateUser {
        /// E-mail address of the account.
        #[arg(long)]
        email: String,
        /// Role: admin, manager, coach, trainer, merchant or member.
        #[arg(long)]
        role: Option<String>,
        /// Slug of the territory where the role holds (see /territoires).
        #[arg(long)]
        territory: Option<String>,
        /// Password (12 characters or more). Without it, the person logs in by e-mailed link.
        #[arg(long, env = "TREMPLIN_NEW_USER_PASSWORD")]
        password: Option<String>,
        /// Display name.
        #[arg(long, default_value = "")]
        name: String,
        /// Make the account an operator of the whole deployment.
        #[arg(long)]
        platform_admin: bool,
    },
}

fn init_logs(settings: &Settings) {
    let filter =
        tracing_subscriber::EnvFilter::try_from_env("TREMPLIN_LOG").unwrap_or_else(|_| "info,sqlx=warn,tower_sessions=warn".into());
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    if settings.log_format == "json" {
        builder.json().flatten_event(true).init();
    } else {
        builder.init();
    }
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let settings = Settings::load(&cli.config)?;
    init_logs(&settings);
    tracing::debug!(?settings, "settings");
    // A backup reads the database as it is: no migration, and no connection to PostgreSQL.
    if let Command::Backup { output } = &cli.command {
        println!("{}", tremplin::backup::run(&settings.database_url, output).await?.to_text());
        return Ok(());
    }
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    let db = server::open_database(&settings).await?;
    match cli.command {
        Command::Serve => server::serve(&settings, db).await,
        Command::Migrate => {
            println!("Base de données à jour / database up to date.");
            Ok(())
        }
        Command::Worker => {
            let (_stop_tx, stop_rx) = watch::channel(false);
            let retention = settings.retention();
            worker::run(db, server::mailer(&settings)?, clock, settings.base_url(), retention, settings.worker_interval_secs, stop_rx)
                .await;
            Ok(())
        }
        Command::Demo { no_serve } => {
            demo::load(&db, clock.as_ref(), demo::DEMO_LISTINGS).await?;
            print_demo(&settings);
            if no_serve { Ok(()) } else { server::serve(&settings, db).await }
        }
        Command::Import { format, file, territory, dry_run } => {
            let options = tremplin::import::Options { territory, dry_run };
            let report = tremplin::import::run(&db, clock.as_ref(), format, &file, &options).await?;
            print!("{}", report.to_text(dry_run));
            Ok(())
        }
        Command::Export { format, territory, output } => {
            let communes = match &territory {
                Some(slug) => Some(tremplin::import::territory_communes(&db, slug).await?.into_iter().collect::<Vec<_>>()),
                None => None,
            };
            let base_url = settings.base_url();
            let handle = tokio::runtime::Handle::current();
            let written = tokio::task::block_in_place(|| -> anyhow::Result<usize> {
                match &output {
                    Some(path) => {
                        let file =
                            std::io::BufWriter::new(std::fs::File::create(path).with_context(|| format!("creating {}", path.display()))?);
                        Ok(tremplin_web::opendata::write(&db, handle, format, communes.as_deref(), &base_url, file)?)
                    }
                    None => {
                        Ok(tremplin_web::opendata::write(&db, handle, format, communes.as_deref(), &base_url, std::io::stdout().lock())?)
                    }
                }
            })?;
            eprintln!("{written} listings written");
            Ok(())
        }
        Command::Backup { .. } => unreachable!("handled before the database is opened"),
        Command::Stats(Stats::Generate { records, seed }) => {
            let options = tremplin::bench::stats_data::Options { records, seed, now: clock.now_ts() };
            let generated = tremplin::bench::stats_data::generate(&db, options).await?;
            let engine = match db.engine() {
                tremplin_store::Engine::Sqlite => "SQLite",
                tremplin_store::Engine::Postgres => "PostgreSQL",
            };
            println!("{}", generated.report(engine));
            Ok(())
        }
        Command::Bench(Bench::Dashboard { seconds, concurrency, store_only }) => {
            let options = tremplin::bench::dashboard::Options { seconds, concurrency, store_only };
            println!("{}", tremplin::bench::dashboard::run(&settings, db, options).await?);
            Ok(())
        }
        Command::Bench(Bench::Registrations { requests, sessions, seats, concurrency, instances }) => {
            let options = tremplin::bench::registrations::Options { requests, sessions, seats, concurrency, instances };
            println!("{}", tremplin::bench::registrations::run(&settings, db, options).await?);
            Ok(())
        }
        Command::Bench(Bench::Bookings { requests, coaches, concurrency, instances }) => {
            let options = tremplin::bench::bookings::Options { requests, coaches, concurrency, instances };
            println!("{}", tremplin::bench::bookings::run(&settings, db, options).await?);
            Ok(())
        }
        Command::Bench(Bench::Ecosystem { actors, seconds, concurrency }) => {
            let options = tremplin::bench::ecosystem::Options { actors, seconds, concurrency };
            println!("{}", tremplin::bench::ecosystem::run(&settings, db, options).await?);
            Ok(())
        }
        Command::Bench(Bench::Directory { listings, seconds, concurrency }) => {
            let report = tremplin::bench::directory(&settings, db, tremplin::bench::Options { listings, seconds, concurrency }).await?;
            println!("{report}");
            Ok(())
        }
        Command::Admin(Admin::CreateUser { email, role, territory, password, name, platform_admin }) => {
            let email = Email::parse(&email).map_err(|e| anyhow::anyhow!("--email: {e}"))?;
            let user = accounts::ensure_user(&db, clock.as_ref(), &email, &name, password.as_deref(), platform_admin)
                .await
                .map_err(|e| anyhow::anyhow!("creating {email}: {e:?}"))?;
            match (role, territory) {
                (Some(role), Some(slug)) => {
                    let role = Role::parse(&role).context("--role must be admin, manager, coach, trainer, merchant or member")?;
                    let territory = db.territory_by_slug(&slug).await?.with_context(|| format!("no territory with slug {slug}"))?;
                    db.grant_role(user.id, territory.id, role, None, clock.now_ts()).await?;
                    println!("{email}: {} — {}", role.as_str(), territory.name);
                }
                (None, None) => println!("{email}: account ready"),
                _ => anyhow::bail!("--role and --territory go together"),
            }
            Ok(())
        }
    }
}

fn parse_export_format(name: &str) -> Result<tremplin_web::opendata::Format, String> {
    tremplin_web::opendata::Format::from_name(name)
        .ok_or_else(|| format!("one of {}", tremplin_web::opendata::Format::ALL.map(|f| f.name()).join(", ")))
}

fn print_demo(settings: &Settings) {
    println!();
    println!("Tremplin — démo / demo: {}", settings.base_url());
    println!("Comptes de démonstration / demo accounts (mot de passe / password: {}):", demo::DEMO_PASSWORD);
    for (email, _, role, territory) in demo::DEMO_ACCOUNTS {
        println!("  {email:<34} {:<9} {territory}", role.as_str());
    }
    println!();
}
