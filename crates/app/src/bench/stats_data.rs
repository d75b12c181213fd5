//! `tremplin stats generate`: fills a fresh database with millions of activity records over
//! the real communes, for the steering statistics benchmark (`tremplin bench dashboard`).
//!
//! It builds the territory tree of France (regions → departments → intercommunalities →
//! communes, each territory listing all its communes), then spreads workshops, registrations,
//! survey answers, beneficiaries, accompaniments, appointments, diagnostics and passports over
//! 24 months and over the communes, weighted by population. Rows go in with multi-row inserts in
//! large transactions, the statistics triggers off (their marks would only be thrown away by
//! the rebuild that follows); then `stats::rebuild` counts everything once.
//! The same seed gives the same rows.

use crate::activity_rows;
use anyhow::Context;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sea_query::ExprTrait;
use sea_query::Value;
use std::collections::BTreeMap;
use std::time::{Duration, Instant};
use tremplin_domain::learning::diagnostic::questionnaire::AXES;
use tremplin_store::{Db, Tx};

/// Seconds in a day.
const DAY: i64 = 86_400;
/// Rows per transaction.
const CHUNK: usize = 100_000;

/// Options of the generator.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Activity records wanted (all tables together).
    pub records: usize,
    /// Seed of the random generator.
    pub seed: u64,
    /// The instant the 24 months end at (workshops up to two weeks later are upcoming).
    pub now: i64,
}

/// What the generator wrote.
#[derive(Debug, Clone, Default)]
pub struct Generated {
    /// Rows per activity table.
    pub rows: BTreeMap<&'static str, usize>,
    /// Territories created (regions, departments, intercommunalities, communes).
    pub territories: usize,
    /// Time spent inserting.
    pub load: Duration,
    /// Time of `stats::rebuild`.
    pub rebuild: Duration,
}

impl Generated {
    /// Activity rows in all.
    pub fn total(&self) -> usize {
        self.rows.values().sum()
    }

    /// A Markdown report.
    pub fn report(&self, engine: &str) -> String {
        let mut text = format!("## Generated statistics data, {engine}\n\n| table | rows |\n|---|---|\n");
        for (table, rows) in &self.rows {
            text.push_str(&format!("| {table} | {rows} |\n"));
        }
        text.push_str(&format!(
            "| **total** | **{}** |\n\n{} territories. Load {:.1} s ({:.0} rows/s); `stats::rebuild` {:.1} s.\n",
            self.total(),
            self.territories,
            self.load.as_secs_f64(),
            self.total() as f64 / self.load.as_secs_f64().max(0.001),
            self.rebuild.as_secs_f64()
        ));
        text
    }
}

/// A commune, where activity happens.
struct Place {
    /// Its own territory.
    commune: i64,
    /// The territory of its intercommunality (or its department when it has none).
    epci: i64,
    /// Index of its department in the coaches' table.
    department: usize,
    /// INSEE code.
    insee: String,
    /// Residents (at least 1).
    population: i64,
}

/// The communes and a population-weighted draw among them.
struct Geography {
    places: Vec<Place>,
    cumulative: Vec<i64>,
    departments: usize,
}

impl Geography {
    /// A commune drawn with probability proportional to its population.
    fn draw(&self, rng: &mut StdRng) -> usize {
        let total = *self.cumulative.last().unwrap_or(&1);
        let pick = rng.random_range(0..total);
        self.cumulative.partition_point(|c| *c <= pick).min(self.places.len() - 1)
    }
}

/// Raw SQL, for what sea-query does not express (triggers, session settings, sequences).
async fn raw(tx: &mut Tx, sql: &str) -> anyhow::Result<()> {
    let sql = sqlx::AssertSqlSafe(sql.to_owned());
    match tx {
        Tx::Sqlite(tx, _) => sqlx::query(sql).execute(&mut **tx).await.map(|_| ())?,
        Tx::Pg(tx) => sqlx::query(sql).execute(&mut **tx).await.map(|_| ())?,
    }
    Ok(())
}

/// A write transaction in which the statistics triggers do not fire on PostgreSQL (a replica
/// session fires no ordinary trigger; SQLite's are dropped for the load instead).
async fn begin(db: &Db) -> anyhow::Result<Tx> {
    let mut tx = db.begin().await?;
    if matches!(tx, Tx::Pg(_)) {
        raw(&mut tx, "SET LOCAL session_replication_role = replica").await?;
    }
    Ok(tx)
}

/// Inserts rows a transaction per [`CHUNK`]; returns how many.
async fn load<const N: usize>(
    db: &Db,
    table: &'static str,
    columns: [&'static str; N],
    rows: impl IntoIterator<Item = [Value; N]>,
) -> anyhow::Result<usize> {
    let mut rows = rows.into_iter().peekable();
    let mut written = 0;
    while rows.peek().is_some() {
        let chunk: Vec<[Value; N]> = rows.by_ref().take(CHUNK).collect();
        let mut tx = begin(db).await?;
        written += usize::try_from(tx.insert_rows(table, columns, chunk).await?).unwrap_or(0);
        tx.commit().await?;
    }
    Ok(written)
}

/// The next free id of a table (ids are given by the generator, so that rows can refer to
/// each other without reading them back).
async fn next_id(db: &Db, table: &str) -> anyhow::Result<i64> {
    let max: (Option<i64>,) =
        db.fetch_one(sea_query::Query::select().expr(sea_query::Expr::col("id").max()).from(sea_query::Alias::new(table))).await?;
    Ok(max.0.unwrap_or(0) + 1)
}

/// The SQLite statistics triggers, dropped; their SQL is returned to re-create them.
async fn drop_sqlite_triggers(db: &Db) -> anyhow::Result<Vec<String>> {
    let Db::Sqlite(pool) = db else { return Ok(Vec::new()) };
    let triggers: Vec<(String, String)> =
        sqlx::query_as("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'stat\\_%' ESCAPE '\\'")
            .fetch_all(pool)
            .await?;
    let mut tx = db.begin().await?;
    for (name, _) in &triggers {
        raw(&mut tx, &format!("DROP TRIGGER {name}")).await?;
    }
    tx.commit().await?;
    Ok(triggers.into_iter().map(|(_, sql)| sql).collect())
}

async fn restore_sqlite_triggers(db: &Db, triggers: &[String]) -> anyhow::Result<()> {
    let mut tx = db.begin().await?;
    for sql in triggers {
        raw(&mut tx, sql).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// PostgreSQL identities do not move when ids are given: set them past the generated rows.
async fn bump_sequences(db: &Db) -> anyhow::Result<()> {
    if db.engine() != tremplin_store::Engine::Postgres {
        return Ok(());
    }
    let mut tx = db.begin().await?;
    for table in TABLES.iter().chain(&["territories", "users", "coaches"]) {
        raw(
            &mut tx,
            &format!("SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT COALESCE(MAX(id), 0) + 1 FROM {table}), false)"),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The activity tables the generator fills (survey answers have no id of their own).
const TABLES: [&str; 7] = ["events", "registrations", "beneficiaries", "accompaniments", "appointments", "diagnostics", "passports"];

/// A commune as the reference geography holds it.
#[derive(sqlx::FromRow)]
struct CommuneRecord {
    insee: String,
    name: String,
    department: String,
    region: String,
    epci: Option<String>,
    population: Option<i64>,
}

/// A territory to create: id, slug, name, kind, parent, communes.
type TerritoryRow = (i64, String, String, &'static str, Option<i64>, Vec<String>);

/// Regions → departments → intercommunalities → communes, as territories over the real
/// communes; returns the communes with their territories.
async fn territories(db: &Db, now: i64) -> anyhow::Result<(Geography, usize)> {
    let communes: Vec<CommuneRecord> = db
        .fetch_all(
            sea_query::Query::select()
                .columns(["insee", "name", "department", "region", "epci", "population"])
                .from("communes")
                .and_where(sea_query::Expr::col("kind").eq("commune"))
                .order_by("insee", sea_query::Order::Asc),
        )
        .await?;
    anyhow::ensure!(!communes.is_empty(), "no communes: run `tremplin migrate` first");
    let names = |table: &'static str, key: &'static str| async move {
        let rows: Vec<(String, String)> = db.fetch_all(sea_query::Query::select().columns([key, "name"]).from(table)).await?;
        anyhow::Ok(rows.into_iter().collect::<BTreeMap<String, String>>())
    };
    let (region_names, department_names, epci_names) =
        (names("regions", "code").await?, names("departments", "code").await?, names("epcis", "siren").await?);

    let mut id = next_id(db, "territories").await?;
    let mut rows: Vec<TerritoryRow> = Vec::new();
    let mut regions: BTreeMap<String, usize> = BTreeMap::new();
    let mut departments: BTreeMap<String, usize> = BTreeMap::new();
    let mut epcis: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut places = Vec::with_capacity(communes.len());
    for CommuneRecord { insee, name, department, region, epci, population } in communes {
        let region_row = *regions.entry(region.clone()).or_insert_with(|| {
            let name = region_names.get(&region).cloned().unwrap_or_else(|| format!("Région {region}"));
            rows.push((id, format!("region-{region}"), name, "region", None, Vec::new()));
            id += 1;
            rows.len() - 1
        });
        let department_row = *departments.entry(department.clone()).or_insert_with(|| {
            let name = department_names.get(&department).cloned().unwrap_or_else(|| format!("Département {department}"));
            rows.push((id, format!("departement-{department}"), name, "department", Some(rows[region_row].0), Vec::new()));
            id += 1;
            rows.len() - 1
        });
        // An intercommunality spanning two departments gets a territory in each, so that the
        // tree stays a tree.
        let epci_row = epci.map(|siren| {
            *epcis.entry((siren.clone(), department.clone())).or_insert_with(|| {
                let name = epci_names.get(&siren).cloned().unwrap_or_else(|| format!("EPCI {siren}"));
                rows.push((id, format!("epci-{siren}-{department}"), name, "epci", Some(rows[department_row].0), Vec::new()));
                id += 1;
                rows.len() - 1
            })
        });
        let parent = rows[epci_row.unwrap_or(department_row)].0;
        rows.push((id, format!("commune-{insee}"), name, "commune", Some(parent), vec![insee.clone()]));
        let commune_row = rows.len() - 1;
        id += 1;
        for row in [Some(region_row), Some(department_row), epci_row].into_iter().flatten() {
            rows[row].5.push(insee.clone());
        }
        places.push(Place {
            commune: rows[commune_row].0,
            epci: rows[epci_row.unwrap_or(department_row)].0,
            department: department_row,
            insee,
            population: Ord::max(population.unwrap_or(1), 1),
        });
    }
    // Departments numbered 0.. for the coaches.
    let department_index: BTreeMap<usize, usize> = departments.values().enumerate().map(|(i, row)| (*row, i)).collect();
    for place in &mut places {
        place.department = department_index[&place.department];
    }
    let created = rows.len();
    load(
        db,
        "territories",
        ["id", "slug", "name", "kind", "parent_id", "created_at"],
        rows.iter().map(|(id, slug, name, kind, parent, _)| {
            [(*id).into(), slug.clone().into(), name.clone().into(), (*kind).into(), (*parent).into(), now.into()]
        }),
    )
    .await?;
    load(
        db,
        "territory_communes",
        ["territory_id", "insee"],
        rows.iter().flat_map(|(id, _, _, _, _, communes)| communes.iter().map(move |c| [(*id).into(), c.clone().into()])),
    )
    .await?;
    let mut cumulative = Vec::with_capacity(places.len());
    let mut sum = 0;
    for place in &places {
        sum += place.population;
        cumulative.push(sum);
    }
    Ok((Geography { places, cumulative, departments: departments.len() }, created))
}

/// Coaches (a user each), attached to departments in turn; returns each department's coaches.
async fn coaches(db: &Db, geography: &Geography, count: usize, now: i64) -> anyhow::Result<Vec<Vec<i64>>> {
    let first_user = next_id(db, "users").await?;
    let first_coach = next_id(db, "coaches").await?;
    load(
        db,
        "users",
        ["id", "email", "display_name", "password_hash", "locale", "is_platform_admin", "created_at"],
        (0..count as i64).map(|n| {
            [
                (first_user + n).into(),
                format!("coach-{n}@bench.example").into(),
                format!("Conseiller {n}").into(),
                Option::<String>::None.into(),
                "fr".into(),
                false.into(),
                now.into(),
            ]
        }),
    )
    .await?;
    // A coach's own territory plays no part in the statistics (accompaniments count where the
    // beneficiary lives): one of the department's intercommunalities will do.
    let department_territory: BTreeMap<usize, i64> = geography.places.iter().map(|p| (p.department, p.epci)).collect();
    let mut by_department = vec![Vec::new(); geography.departments];
    let mut rows = Vec::with_capacity(count);
    for n in 0..count as i64 {
        let department = n as usize % geography.departments;
        let id = first_coach + n;
        by_department[department].push(id);
        let territory = department_territory.get(&department).copied().unwrap_or(geography.places[0].commune);
        rows.push([
            id.into(),
            (first_user + n).into(),
            territory.into(),
            format!("conseiller-bench-{n}").into(),
            format!("Conseiller {n}").into(),
            "association".into(),
            "Banc d'essai".into(),
            "".into(),
            "website".into(),
            "fr".into(),
            "business".into(),
            "".into(),
            "".into(),
            "in_person".into(),
            "".into(),
            60_i64.into(),
            15_i64.into(),
            6_i64.into(),
            24_i64.into(),
            60_i64.into(),
            format!("feed-{n}").into(),
            true.into(),
            0_i64.into(),
            now.into(),
            now.into(),
        ]);
    }
    load(
        db,
        "coaches",
        [
            "id",
            "user_id",
            "territory_id",
            "slug",
            "display_name",
            "structure_kind",
            "structure_name",
            "presentation",
            "themes",
            "languages",
            "audiences",
            "zone_communes",
            "base_address",
            "modalities",
            "accessibility",
            "appointment_minutes",
            "buffer_minutes",
            "max_per_day",
            "notice_hours",
            "horizon_days",
            "feed_secret",
            "active",
            "booking_turn",
            "created_at",
            "updated_at",
        ],
        rows,
    )
    .await?;
    Ok(by_department)
}

/// Shares of the records per kind of activity (registrations and survey answers follow from
/// the workshops: about 16.5 registrations and 4 answers per workshop).
const EVENTS_SHARE: f64 = 0.03;
const BENEFICIARIES_SHARE: f64 = 0.06;
const ACCOMPANIMENTS_SHARE: f64 = 0.15;
const APPOINTMENTS_SHARE: f64 = 0.08;
const DIAGNOSTICS_SHARE: f64 = 0.05;
const PASSPORTS_SHARE: f64 = 0.01;

const AUDIENCES: [&str; 5] = ["public", "professionals", "seniors", "students", "professionals|public"];
const THEMES: [&str; 4] = ["website", "social_networks", "digital_basics", "online_selling"];

/// Workshops, their registrations and survey answers.
async fn workshops(db: &Db, rng: &mut StdRng, geography: &Geography, options: Options, generated: &mut Generated) -> anyhow::Result<()> {
    let count = ((options.records as f64 * EVENTS_SHARE) as usize).max(1);
    let start = options.now - 730 * DAY;
    let span = 744 * DAY;
    // Each commune has a pool of people: about a third as many as registrations there, so
    // that people come back to several workshops.
    let registrations_expected = count as f64 * 16.5;
    let total_population = *geography.cumulative.last().unwrap_or(&1) as f64;
    let pool = |place: &Place| ((place.population as f64 / total_population * registrations_expected / 3.0) as usize).max(40);
    let (mut event_id, mut registration_id) = (next_id(db, "events").await?, next_id(db, "registrations").await?);
    let (mut events, mut registrations, mut surveys) = (0, 0, 0);
    let mut done = 0;
    while done < count {
        let batch = (CHUNK / 20).min(count - done);
        let mut event_rows = Vec::with_capacity(batch);
        let mut registration_rows = Vec::with_capacity(batch * 20);
        let mut survey_rows = Vec::new();
        for _ in 0..batch {
            let place = &geography.places[geography.draw(rng)];
            let starts_at = start + rng.random_range(0..span) / 3600 * 3600;
            let ends_at = starts_at + 2 * 3600;
            let capacity: i64 = rng.random_range(10..=30);
            let cancelled = rng.random_bool(0.03);
            let held = !cancelled && ends_at <= options.now;
            let wanted = ((capacity as f64) * rng.random_range(0.6..1.05)).round() as i64;
            let people = pool(place);
            let offset = rng.random_range(0..people);
            let mut confirmed_left = 0;
            for n in 0..wanted {
                let person = format!("email:c{}-{}@bench.example", place.insee, (offset + n as usize) % people);
                let status = if n >= capacity {
                    "waitlisted"
                } else if rng.random_bool(0.1) {
                    "cancelled"
                } else {
                    confirmed_left += 1;
                    "confirmed"
                };
                let checked_in = held && status == "confirmed" && rng.random_bool(0.75);
                let id = registration_id;
                registration_id += 1;
                registration_rows.push([
                    id.into(),
                    format!("g{id}").into(),
                    event_id.into(),
                    person.into(),
                    format!("Participant {id}").into(),
                    "".into(),
                    "fr".into(),
                    status.into(),
                    "s".into(),
                    false.into(),
                    (starts_at - 10 * DAY).into(),
                    (starts_at - 10 * DAY).into(),
                    if checked_in { Some(starts_at + 300) } else { None }.into(),
                ]);
                if checked_in && rng.random_bool(0.4) {
                    let mark = |rng: &mut StdRng| rng.random_range(2_i64..=5);
                    survey_rows.push([
                        id.into(),
                        event_id.into(),
                        mark(rng).into(),
                        mark(rng).into(),
                        mark(rng).into(),
                        mark(rng).into(),
                        "".into(),
                        ends_at.into(),
                    ]);
                }
            }
            event_rows.push([
                event_id.into(),
                format!("atelier-bench-{event_id}").into(),
                place.commune.into(),
                format!("Atelier {event_id}").into(),
                "".into(),
                THEMES[rng.random_range(0..THEMES.len())].into(),
                "".into(),
                AUDIENCES[rng.random_range(0..AUDIENCES.len())].into(),
                "beginner".into(),
                "fr".into(),
                "Salle communale".into(),
                "".into(),
                place.insee.clone().into(),
                "".into(),
                "".into(),
                "".into(),
                starts_at.into(),
                ends_at.into(),
                capacity.into(),
                i64::from(confirmed_left).into(),
                if cancelled { "cancelled" } else { "scheduled" }.into(),
                (starts_at - 30 * DAY).into(),
                (starts_at - 30 * DAY).into(),
            ]);
            event_id += 1;
        }
        done += batch;
        events += load(
            db,
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
                "insee",
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
            event_rows,
        )
        .await?;
        registrations += load(db, "registrations", activity_rows::REGISTRATIONS, registration_rows).await?;
        surveys += load(db, "survey_responses", activity_rows::SURVEY_RESPONSES, survey_rows).await?;
        eprintln!("  workshops {done} / {count}, registrations {registrations}, survey answers {surveys}");
    }
    generated.rows.insert("events", events);
    generated.rows.insert("registrations", registrations);
    generated.rows.insert("survey_responses", surveys);
    Ok(())
}

/// Beneficiaries and what coaches do with them: accompaniments, appointments, passports.
async fn coaching(
    db: &Db,
    rng: &mut StdRng,
    geography: &Geography,
    coaches: &[Vec<i64>],
    options: Options,
    generated: &mut Generated,
) -> anyhow::Result<()> {
    let start = options.now - 730 * DAY;
    let span = 730 * DAY;
    let count = |share: f64| ((options.records as f64 * share) as usize).max(1);
    let first = next_id(db, "beneficiaries").await?;
    let homes: Vec<usize> = (0..count(BENEFICIARIES_SHARE)).map(|_| geography.draw(rng)).collect();
    let rows: Vec<[Value; 10]> = homes
        .iter()
        .enumerate()
        .map(|(n, home)| {
            let id = first + n as i64;
            let place = &geography.places[*home];
            let kind = if n % 5 < 3 { "business" } else { "resident" };
            [
                id.into(),
                format!("g{id}").into(),
                place.commune.into(),
                format!("email:b{id}@bench.example").into(),
                kind.into(),
                format!("Bénéficiaire {id}").into(),
                "".into(),
                place.insee.clone().into(),
                start.into(),
                start.into(),
            ]
        })
        .collect();
    let written = load(
        db,
        "beneficiaries",
        ["id", "public_id", "territory_id", "person_key", "kind", "name", "business", "insee", "created_at", "updated_at"],
        rows,
    )
    .await?;
    generated.rows.insert("beneficiaries", written);
    eprintln!("  beneficiaries {written}");
    let coach_of = |rng: &mut StdRng, home: usize| {
        let list = &coaches[geography.places[home].department];
        list[rng.random_range(0..list.len())]
    };

    let first_accompaniment = next_id(db, "accompaniments").await?;
    let rows: Vec<[Value; 14]> = (0..count(ACCOMPANIMENTS_SHARE) as i64)
        .map(|n| {
            let who = rng.random_range(0..homes.len());
            let id = first_accompaniment + n;
            [
                id.into(),
                format!("g{id}").into(),
                (first + who as i64).into(),
                coach_of(rng, homes[who]).into(),
                (start + rng.random_range(0..span)).into(),
                [30_i64, 45, 60, 90][rng.random_range(0..4)].into(),
                "website".into(),
                "".into(),
                "".into(),
                "".into(),
                "".into(),
                rng.random_bool(0.08).into(),
                start.into(),
                start.into(),
            ]
        })
        .collect();
    let written = load(db, "accompaniments", activity_rows::ACCOMPANIMENTS, rows).await?;
    generated.rows.insert("accompaniments", written);
    eprintln!("  accompaniments {written}");

    // Each appointment starts at its own instant, so that no coach is booked twice at once.
    let appointments = count(APPOINTMENTS_SHARE) as i64;
    let first_appointment = next_id(db, "appointments").await?;
    let rows: Vec<[Value; 14]> = (0..appointments)
        .map(|n| {
            let who = rng.random_range(0..homes.len());
            let id = first_appointment + n;
            let starts_at = start + n * span / appointments;
            [
                id.into(),
                format!("g{id}").into(),
                coach_of(rng, homes[who]).into(),
                (first + who as i64).into(),
                starts_at.into(),
                (starts_at + 3600).into(),
                "in_person".into(),
                "website".into(),
                "".into(),
                if rng.random_bool(0.15) { "cancelled" } else { "booked" }.into(),
                "fr".into(),
                "s".into(),
                0_i64.into(),
                (starts_at - 7 * DAY).into(),
            ]
        })
        .collect();
    let written = load(
        db,
        "appointments",
        [
            "id",
            "public_id",
            "coach_id",
            "beneficiary_id",
            "starts_at",
            "ends_at",
            "modality",
            "themes",
            "need",
            "status",
            "locale",
            "secret",
            "sequence",
            "created_at",
        ],
        rows,
    )
    .await?;
    generated.rows.insert("appointments", written);
    eprintln!("  appointments {written}");

    // Passports go to every k-th beneficiary (one each), issued by its intercommunality.
    let passports = count(PASSPORTS_SHARE).min(homes.len());
    let stride = homes.len() / passports;
    let first_passport = next_id(db, "passports").await?;
    let rows: Vec<[Value; 12]> = (0..passports)
        .map(|n| {
            let who = n * stride;
            let id = first_passport + n as i64;
            [
                id.into(),
                format!("g{id}").into(),
                "s".into(),
                (first + who as i64).into(),
                geography.places[homes[who]].epci.into(),
                format!("Titulaire {id}").into(),
                "".into(),
                "[]".into(),
                false.into(),
                false.into(),
                (start + rng.random_range(0..span)).into(),
                if rng.random_bool(0.02) { Some(options.now) } else { None }.into(),
            ]
        })
        .collect();
    let written = load(db, "passports", activity_rows::PASSPORTS, rows).await?;
    generated.rows.insert("passports", written);
    eprintln!("  passports {written}");
    Ok(())
}

/// The maturity band of a percentage, as the diagnostic scores it.
fn level(percent: i64) -> &'static str {
    match percent {
        ..=25 => "basic",
        26..=50 => "average",
        51..=75 => "moderately_advanced",
        _ => "advanced",
    }
}

/// Diagnostics, taken on the portal of the intercommunality of the commune given.
async fn diagnostics(db: &Db, rng: &mut StdRng, geography: &Geography, options: Options, generated: &mut Generated) -> anyhow::Result<()> {
    tremplin_store::diagnostics::ensure_platform_questionnaire(db).await?;
    let questionnaire: (Option<i64>,) =
        db.fetch_one(sea_query::Query::select().expr(sea_query::Expr::col("id").min()).from("questionnaires")).await?;
    let questionnaire = questionnaire.0.context("no questionnaire")?;
    let start = options.now - 730 * DAY;
    let first = next_id(db, "diagnostics").await?;
    let rows: Vec<[Value; 11]> = (0..Ord::max((options.records as f64 * DIAGNOSTICS_SHARE) as i64, 1))
        .map(|n| {
            let place = &geography.places[geography.draw(rng)];
            let id = first + n;
            let scores: Vec<i64> = AXES.iter().map(|_| rng.random_range(0..=100)).collect();
            let overall = scores.iter().sum::<i64>() / scores.len() as i64;
            let axes: Vec<String> =
                AXES.iter().zip(&scores).map(|(axis, percent)| format!("{{\"axis\":\"{axis}\",\"percent\":{percent}}}")).collect();
            [
                id.into(),
                format!("g{id}").into(),
                questionnaire.into(),
                place.epci.into(),
                place.insee.clone().into(),
                if n % 3 == 0 { "resident" } else { "business" }.into(),
                "{}".into(),
                format!("[{}]", axes.join(",")).into(),
                overall.into(),
                level(overall).into(),
                (start + rng.random_range(0..730 * DAY)).into(),
            ]
        })
        .collect();
    let written = load(
        db,
        "diagnostics",
        [
            "id",
            "public_id",
            "questionnaire_id",
            "territory_id",
            "insee",
            "audience",
            "answers",
            "axis_scores",
            "overall_score",
            "level",
            "created_at",
        ],
        rows,
    )
    .await?;
    generated.rows.insert("diagnostics", written);
    eprintln!("  diagnostics {written}");
    Ok(())
}

/// Fills the database (which should hold no territory yet) and rebuilds the statistics.
pub async fn generate(db: &Db, options: Options) -> anyhow::Result<Generated> {
    let existing: (i64,) = db.fetch_one(sea_query::Query::select().expr(sea_query::Expr::cust("COUNT(*)")).from("territories")).await?;
    anyhow::ensure!(existing.0 == 0, "the database already holds territories: generate into a fresh database");
    let mut rng = StdRng::seed_from_u64(options.seed);
    let mut generated = Generated::default();
    let started = Instant::now();
    let triggers = drop_sqlite_triggers(db).await?;
    let filled = async {
        eprintln!("territories …");
        let (geography, territories) = territories(db, options.now).await?;
        generated.territories = territories;
        eprintln!("  {territories} territories over {} communes", geography.places.len());
        let coaches = coaches(db, &geography, (options.records / 5000).max(geography.departments), options.now).await?;
        workshops(db, &mut rng, &geography, options, &mut generated).await?;
        coaching(db, &mut rng, &geography, &coaches, options, &mut generated).await?;
        diagnostics(db, &mut rng, &geography, options, &mut generated).await?;
        anyhow::Ok(())
    }
    .await;
    restore_sqlite_triggers(db, &triggers).await?;
    filled?;
    bump_sequences(db).await?;
    db.analyze().await?;
    generated.load = started.elapsed();
    eprintln!("loaded in {:.1} s; rebuilding the statistics …", generated.load.as_secs_f64());
    let started = Instant::now();
    tremplin_store::stats::rebuild(db, options.now).await?;
    db.analyze().await?;
    generated.rebuild = started.elapsed();
    Ok(generated)
}
