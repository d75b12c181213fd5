//! Steering statistics kept exact and current (see `migrations/*/0014_statistics.sql`).
//!
//! Triggers leave a mark in `stat_dirty` for every write to the activity tables. [`settle`]
//! turns the marks into buckets (a kind of activity, a territory, a month), recounts each bucket
//! from the activity tables (`own`), and adds the difference to the rolled-up rows of the
//! territory, its parents and the whole platform; people reached are kept per territory and
//! person (`reach`). [`rebuild`] recounts everything (after the territory tree changed, or
//! after a bulk load); [`recount`] computes the same in memory, so that a test can compare.

mod history;
mod own;
mod reach;
mod read;
mod tree;

use crate::db::{Db, Reader, Result, Tx};
use sea_query::{Expr, ExprTrait, OnConflict, Order, Query};
use std::collections::{BTreeMap, BTreeSet};
use tremplin_domain::stats::{Metric, Month, STOCK};

pub use history::{coach_names, history, top_coaches};
pub use own::Kind;
use tree::Tree;

/// Aggregates: (territory, month, metric, dim) → value. Zero values are left out.
pub type Counts = BTreeMap<(i64, String, String, String), i64>;

/// People reached: (kind, territory, person hash) → first month.
pub type Reach = BTreeMap<(String, i64, String), String>;

/// Everything the statistics hold, to compare the maintained tables with a recount.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Snapshot {
    /// Rolled-up rows (territory 0 is the platform).
    pub rollup: Counts,
    /// People and businesses reached.
    pub reach: Reach,
}

/// What a round of [`settle`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SettleReport {
    /// Marks consumed.
    pub marks: usize,
    /// Buckets recounted.
    pub buckets: usize,
    /// Persons whose reach was recomputed.
    pub persons: usize,
    /// Whether everything was recounted (the territory tree changed).
    pub rebuilt: bool,
}

/// Marks read per transaction.
const BATCH: usize = 2000;

/// Brings the aggregates up to date with every write committed so far and with the workshops
/// that ended by `now`. Cheap when there is nothing to do (two reads, no transaction).
/// Safe to run from several processes at once: rounds take turns on a lock.
pub async fn settle(db: &Db, now: i64) -> Result<SettleReport> {
    let mut report = SettleReport::default();
    if !has_work(db, now).await? {
        return Ok(report);
    }
    loop {
        let round = settle_round(db, now).await?;
        report.marks += round.marks;
        report.buckets += round.buckets;
        report.persons += round.persons;
        report.rebuilt |= round.rebuilt;
        if round.marks < BATCH {
            return Ok(report);
        }
    }
}

async fn has_work(db: &Db, now: i64) -> Result<bool> {
    let mark: Option<(i64,)> = db.fetch_optional(Query::select().column("id").from("stat_dirty").limit(1)).await?;
    if mark.is_some() {
        return Ok(true);
    }
    let held_until = held_until(&mut Reader::Pool(db)).await?;
    let ended: Option<(i64,)> = db
        .fetch_optional(
            Query::select()
                .column("id")
                .from("events")
                .and_where(Expr::col("ends_at").gt(held_until))
                .and_where(Expr::col("ends_at").lte(now))
                .limit(1),
        )
        .await?;
    Ok(ended.is_some())
}

async fn held_until(reader: &mut Reader<'_>) -> Result<i64> {
    let rows: Vec<(i64,)> =
        reader.fetch_all(Query::select().column("value").from("stat_state").and_where(Expr::col("name").eq("held_until"))).await?;
    Ok(rows.first().map(|r| r.0).unwrap_or(0))
}

/// Takes the statistics lock: SQLite's write transaction is already exclusive; on PostgreSQL
/// the state row is locked, so that two processes never apply the same difference twice.
async fn lock(tx: &mut Tx) -> Result<i64> {
    let rows: Vec<(i64,)> = tx
        .fetch_all(
            Query::select()
                .column("value")
                .from("stat_state")
                .and_where(Expr::col("name").eq("held_until"))
                .lock(sea_query::LockType::Update),
        )
        .await?;
    Ok(rows.first().map(|r| r.0).unwrap_or(0))
}

async fn set_held_until(tx: &mut Tx, now: i64) -> Result<()> {
    tx.execute(Query::update().table("stat_state").value("value", now).and_where(Expr::col("name").eq("held_until"))).await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct Mark {
    id: i64,
    kind: String,
    territory_id: Option<i64>,
    at: Option<i64>,
    ref_key: Option<String>,
}

async fn settle_round(db: &Db, now: i64) -> Result<SettleReport> {
    let mut tx = db.begin().await?;
    let held_until = lock(&mut tx).await?;
    // Time only moves forward for the statistics: a process whose clock lags behind the last
    // round's must not count as upcoming a workshop already counted as held.
    let now = Ord::max(now, held_until);
    if now > held_until {
        // Workshops that ended since the last round now count as held.
        tx.execute(
            Query::insert()
                .into_table("stat_dirty")
                .columns(["kind", "territory_id", "at"])
                .select_from(
                    Query::select()
                        .expr(Expr::val(Kind::Events.as_str()))
                        .columns(["territory_id", "starts_at"])
                        .from("events")
                        .and_where(Expr::col("ends_at").gt(held_until))
                        .and_where(Expr::col("ends_at").lte(now))
                        .to_owned(),
                )
                .map_err(crate::db::store_err)?,
        )
        .await?;
        set_held_until(&mut tx, now).await?;
    }
    let marks: Vec<Mark> = tx
        .fetch_all(
            Query::select()
                .columns(["id", "kind", "territory_id", "at", "ref_key"])
                .from("stat_dirty")
                .order_by("id", Order::Asc)
                .limit(BATCH as u64),
        )
        .await?;
    let mut report = SettleReport { marks: marks.len(), ..SettleReport::default() };
    if marks.iter().any(|m| m.kind == "tree") {
        let last = marks.iter().map(|m| m.id).max().unwrap_or(0);
        rebuild_in(&mut tx, now).await?;
        report.rebuilt = true;
        // Everything marked so far is in the recount.
        tx.execute(Query::delete().from_table("stat_dirty").and_where(Expr::col("id").lte(last))).await?;
        tx.commit().await?;
        return Ok(report);
    }
    let mut buckets: BTreeSet<(Kind, i64, String)> = BTreeSet::new();
    let mut persons: BTreeSet<(reach::ReachKind, String)> = BTreeSet::new();
    let mut communes: BTreeSet<String> = BTreeSet::new();
    for mark in &marks {
        match (Kind::parse(&mark.kind), reach::ReachKind::parse(&mark.kind)) {
            (Some(Kind::Listings), _) => communes.extend(mark.ref_key.clone()),
            (Some(kind), _) => {
                if let (Some(territory), Some(at)) = (mark.territory_id, mark.at) {
                    buckets.insert((kind, territory, Month::of(at).to_string()));
                }
            }
            (None, Some(kind)) => persons.extend(mark.ref_key.clone().map(|key| (kind, key))),
            (None, None) => {}
        }
    }
    if !communes.is_empty() {
        let territories: Vec<(i64,)> = tx
            .fetch_all(
                Query::select()
                    .distinct()
                    .column("territory_id")
                    .from("stat_commune_territory")
                    .and_where(Expr::col("insee").is_in(communes.iter().cloned().collect::<Vec<String>>())),
            )
            .await?;
        buckets.extend(territories.into_iter().map(|(t,)| (Kind::Listings, t, STOCK.to_owned())));
    }
    let territories: Vec<i64> = buckets.iter().map(|b| b.1).collect();
    let tree = Tree::load_for(&mut Reader::Tx(&mut tx), territories).await?;
    let mut delta = Counts::new();
    for (kind, territory, month) in &buckets {
        let scope = own::Scope::bucket(*kind, *territory, month);
        let fresh = own::compute(&mut Reader::Tx(&mut tx), *kind, &scope, now).await?;
        let stored = own::stored(&mut tx, *kind, *territory, month).await?;
        own::replace(&mut tx, *kind, *territory, month, &fresh).await?;
        for ((t, m, metric, dim), value) in fresh {
            *delta.entry((t, m, metric, dim)).or_default() += value;
        }
        for ((t, m, metric, dim), value) in stored {
            *delta.entry((t, m, metric, dim)).or_default() -= value;
        }
    }
    let mut rolled = tree.roll_up(&delta);
    for (kind, key) in &persons {
        reach::refresh(&mut tx, *kind, key, &mut rolled).await?;
    }
    add_to_rollup(&mut tx, &rolled).await?;
    for chunk in marks.chunks(500) {
        let ids: Vec<i64> = chunk.iter().map(|m| m.id).collect();
        tx.execute(Query::delete().from_table("stat_dirty").and_where(Expr::col("id").is_in(ids))).await?;
    }
    tx.commit().await?;
    report.buckets = buckets.len();
    report.persons = persons.len();
    Ok(report)
}

/// The table a rolled-up row lives in: per-coach rows apart (migration 0018), so that the
/// other reads stay small whatever the number of coaches.
fn rollup_table(metric: &str) -> &'static str {
    if Metric::parse(metric).is_some_and(Metric::is_per_coach) { "stat_coach_rollup" } else { "stat_rollup" }
}

/// Adds differences to the rolled-up rows (a row created at need; rows may fall to 0).
async fn add_to_rollup(tx: &mut Tx, delta: &Counts) -> Result<()> {
    for table in ["stat_rollup", "stat_coach_rollup"] {
        let changed: Vec<_> = delta.iter().filter(|((_, _, metric, _), v)| **v != 0 && rollup_table(metric) == table).collect();
        for chunk in changed.chunks(500) {
            let mut insert = Query::insert();
            insert.into_table(table).columns(["territory_id", "month", "metric", "dim", "value"]);
            for ((territory, month, metric, dim), value) in chunk {
                insert
                    .values([(*territory).into(), month.clone().into(), metric.clone().into(), dim.clone().into(), (**value).into()])
                    .map_err(crate::db::store_err)?;
            }
            insert.on_conflict(
                OnConflict::columns(["territory_id", "month", "metric", "dim"])
                    .value("value", Expr::cust(format!("{table}.value + excluded.value")))
                    .to_owned(),
            );
            tx.execute(&insert).await?;
        }
    }
    Ok(())
}

/// Recounts everything from the activity tables, in one transaction.
pub async fn rebuild(db: &Db, now: i64) -> Result<()> {
    let mut tx = db.begin().await?;
    lock(&mut tx).await?;
    let last: Option<(Option<i64>,)> = tx.fetch_optional(Query::select().expr(Expr::col("id").max()).from("stat_dirty")).await?;
    rebuild_in(&mut tx, now).await?;
    if let Some((Some(last),)) = last {
        tx.execute(Query::delete().from_table("stat_dirty").and_where(Expr::col("id").lte(last))).await?;
    }
    tx.commit().await
}

async fn rebuild_in(tx: &mut Tx, now: i64) -> Result<()> {
    for table in ["stat_own", "stat_rollup", "stat_coach_rollup", "stat_reach", "stat_commune_territory"] {
        tx.execute(Query::delete().from_table(table)).await?;
    }
    let tree = Tree::load_all(&mut Reader::Tx(tx)).await?;
    let communes = tree::commune_map(&mut Reader::Tx(tx)).await?;
    tree::save_commune_map(tx, &communes).await?;
    let mut own_rows: Vec<(Kind, Counts)> = Vec::new();
    for kind in Kind::ALL {
        own_rows.push((kind, own::compute(&mut Reader::Tx(tx), kind, &own::Scope::All(&communes), now).await?));
    }
    let mut rolled = Counts::new();
    for (kind, counts) in &own_rows {
        own::insert(tx, *kind, counts).await?;
        for (key, value) in tree.roll_up(counts) {
            *rolled.entry(key).or_default() += value;
        }
    }
    let reached = reach::compute_all(&mut Reader::Tx(tx), &tree).await?;
    reach::insert(tx, &reached).await?;
    for ((kind, territory, _), month) in &reached {
        let metric = reach::ReachKind::parse(kind).map(|k| k.metric().as_str()).unwrap_or_default();
        *rolled.entry((*territory, month.clone(), metric.to_owned(), String::new())).or_default() += 1;
    }
    add_to_rollup(tx, &rolled).await?;
    set_held_until(tx, now).await
}

/// Computes in memory what the statistics tables should hold, from the activity tables alone.
pub async fn recount(db: &Db, now: i64) -> Result<Snapshot> {
    let mut reader = Reader::Pool(db);
    let tree = Tree::load_all(&mut reader).await?;
    let communes = tree::commune_map(&mut reader).await?;
    let mut rollup = Counts::new();
    for kind in Kind::ALL {
        for (key, value) in tree.roll_up(&own::compute(&mut reader, kind, &own::Scope::All(&communes), now).await?) {
            *rollup.entry(key).or_default() += value;
        }
    }
    let reach = reach::compute_all(&mut reader, &tree).await?;
    for ((kind, territory, _), month) in &reach {
        let metric = reach::ReachKind::parse(kind).map(|k| k.metric().as_str()).unwrap_or_default();
        *rollup.entry((*territory, month.clone(), metric.to_owned(), String::new())).or_default() += 1;
    }
    rollup.retain(|_, v| *v != 0);
    Ok(Snapshot { rollup, reach })
}

/// What the statistics tables hold now.
pub async fn stored(db: &Db) -> Result<Snapshot> {
    let mut rollup = Counts::new();
    for table in ["stat_rollup", "stat_coach_rollup"] {
        let rows: Vec<(i64, String, String, String, i64)> = db
            .fetch_all(
                Query::select()
                    .columns(["territory_id", "month", "metric", "dim", "value"])
                    .from(table)
                    .and_where(Expr::col("value").ne(0)),
            )
            .await?;
        rollup.extend(rows.into_iter().map(|(t, m, metric, dim, v)| ((t, m, metric, dim), v)));
    }
    let rows: Vec<(String, i64, String, String)> =
        db.fetch_all(Query::select().columns(["kind", "territory_id", "person", "month"]).from("stat_reach")).await?;
    let reach = rows.into_iter().map(|(k, t, p, m)| ((k, t, p), m)).collect();
    Ok(Snapshot { rollup, reach })
}
