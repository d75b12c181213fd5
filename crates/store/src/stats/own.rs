//! Each kind of activity's own figures for a territory and month (not rolled up), counted
//! from the activity tables. The same code counts one bucket (a settle round) and everything
//! (a rebuild or a recount), so that the two cannot disagree on what a metric means.

use super::Counts;
use crate::db::{Reader, Result, Tx, store_err};
use sea_query::{Expr, ExprTrait, Order, Query, SelectStatement};
use std::collections::BTreeMap;
use tremplin_domain::events::Audience;
use tremplin_domain::learning::diagnostic::scoring::AxisScore;
use tremplin_domain::stats::{Metric, Month, STOCK};

/// A kind of activity, counted in buckets of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// Workshops, their registrations and survey answers: the workshop's territory and month.
    Events,
    /// Accompaniment records: the beneficiary's territory, the month it took place.
    Accompaniments,
    /// Appointments: the beneficiary's territory, the month booked for.
    Appointments,
    /// Diagnostics with a territory: its month.
    Diagnostics,
    /// Passports: the issuing territory, the month of issue.
    Passports,
    /// Published listings: the commune's territory, month `stock`.
    Listings,
}

impl Kind {
    /// Every kind.
    pub const ALL: [Kind; 6] = [Kind::Events, Kind::Accompaniments, Kind::Appointments, Kind::Diagnostics, Kind::Passports, Kind::Listings];

    /// Identifier in `stat_dirty` and `stat_own`.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Events => "events",
            Kind::Accompaniments => "accompaniments",
            Kind::Appointments => "appointments",
            Kind::Diagnostics => "diagnostics",
            Kind::Passports => "passports",
            Kind::Listings => "listings",
        }
    }

    /// Parses the identifier.
    pub fn parse(value: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == value)
    }
}

/// What to count.
pub(crate) enum Scope<'a> {
    /// Everything; listings are placed with this commune → territory map.
    All(&'a BTreeMap<String, i64>),
    /// One territory's own activity in `[start, end)`.
    Bucket { territory: i64, start: i64, end: i64 },
    /// One territory's listings (through `stat_commune_territory`).
    Stock { territory: i64 },
}

impl Scope<'static> {
    /// The scope of a bucket named by kind, territory and month (`YYYY-MM` or `stock`).
    pub(crate) fn bucket(kind: Kind, territory: i64, month: &str) -> Scope<'static> {
        match (kind, Month::parse(month)) {
            (Kind::Listings, _) | (_, None) => Scope::Stock { territory },
            (_, Some(m)) => {
                let (start, end) = m.bounds();
                Scope::Bucket { territory, start, end }
            }
        }
    }
}

/// Adds `value` to a row unless it is 0.
fn add(counts: &mut Counts, territory: i64, month: &str, metric: Metric, dim: &str, value: i64) {
    if value != 0 {
        *counts.entry((territory, month.to_owned(), metric.as_str().to_owned(), dim.to_owned())).or_default() += value;
    }
}

/// Restricts a query on `table` to a bucket (its territory column and its time column).
fn within(select: &mut SelectStatement, scope: &Scope<'_>, territory: (&'static str, &'static str), at: (&'static str, &'static str)) {
    if let Scope::Bucket { territory: t, start, end } = scope {
        select.and_where(Expr::col(territory).eq(*t)).and_where(Expr::col(at).gte(*start)).and_where(Expr::col(at).lt(*end));
    }
}

/// Counts one kind of activity in a scope, as of `now` (a workshop counts as held once ended).
pub(crate) async fn compute(reader: &mut Reader<'_>, kind: Kind, scope: &Scope<'_>, now: i64) -> Result<Counts> {
    match kind {
        Kind::Events => events(reader, scope, now).await,
        Kind::Accompaniments => accompaniments(reader, scope).await,
        Kind::Appointments => appointments(reader, scope).await,
        Kind::Diagnostics => diagnostics(reader, scope).await,
        Kind::Passports => passports(reader, scope).await,
        Kind::Listings => listings(reader, scope).await,
    }
}

#[derive(sqlx::FromRow)]
struct EventRow {
    id: i64,
    territory_id: i64,
    starts_at: i64,
    ends_at: i64,
    status: String,
    capacity: i64,
    audiences: String,
}

async fn events(reader: &mut Reader<'_>, scope: &Scope<'_>, now: i64) -> Result<Counts> {
    let territory = ("events", "territory_id");
    let starts = ("events", "starts_at");
    let mut select = Query::select();
    select.columns([
        ("events", "id"),
        ("events", "territory_id"),
        ("events", "starts_at"),
        ("events", "ends_at"),
        ("events", "status"),
        ("events", "capacity"),
        ("events", "audiences"),
    ]);
    select.from("events");
    within(&mut select, scope, territory, starts);
    let events: Vec<EventRow> = reader.fetch_all(&select).await?;

    let mut registrations = Query::select();
    registrations
        .column(("registrations", "event_id"))
        .expr(Expr::cust("SUM(CASE WHEN registrations.status = 'confirmed' THEN 1 ELSE 0 END)"))
        .expr(Expr::cust("SUM(CASE WHEN registrations.status = 'confirmed' AND registrations.checked_in_at IS NOT NULL THEN 1 ELSE 0 END)"))
        .from("registrations")
        .inner_join("events", Expr::col(("events", "id")).equals(("registrations", "event_id")))
        .group_by_col(("registrations", "event_id"));
    within(&mut registrations, scope, territory, starts);
    let registrations: BTreeMap<i64, (i64, i64)> =
        reader.fetch_all::<(i64, i64, i64)>(&registrations).await?.into_iter().map(|(e, r, a)| (e, (r, a))).collect();

    let mut surveys = Query::select();
    surveys
        .column(("survey_responses", "event_id"))
        .expr(Expr::cust("COUNT(*)"))
        .expr(Expr::cust(
            "CAST(SUM(survey_responses.content + survey_responses.trainer + survey_responses.usefulness + survey_responses.recommend) AS BIGINT)",
        ))
        .from("survey_responses")
        .inner_join("events", Expr::col(("events", "id")).equals(("survey_responses", "event_id")))
        .group_by_col(("survey_responses", "event_id"));
    within(&mut surveys, scope, territory, starts);
    let surveys: BTreeMap<i64, (i64, i64)> =
        reader.fetch_all::<(i64, i64, i64)>(&surveys).await?.into_iter().map(|(e, n, p)| (e, (n, p))).collect();

    let mut counts = Counts::new();
    for event in events {
        let month = Month::of(event.starts_at).to_string();
        let t = event.territory_id;
        if event.status == "cancelled" {
            add(&mut counts, t, &month, Metric::WorkshopsCancelled, "", 1);
            continue;
        }
        if event.ends_at > now {
            continue;
        }
        let (registered, attended) = registrations.get(&event.id).copied().unwrap_or_default();
        add(&mut counts, t, &month, Metric::WorkshopsHeld, "", 1);
        add(&mut counts, t, &month, Metric::Seats, "", event.capacity);
        add(&mut counts, t, &month, Metric::Registered, "", registered);
        add(&mut counts, t, &month, Metric::Attended, "", attended);
        add(&mut counts, t, &month, Metric::NoShows, "", registered - attended);
        for audience in event.audiences.split('|').filter_map(Audience::parse) {
            add(&mut counts, t, &month, Metric::AttendedByAudience, audience.as_str(), attended);
        }
        let (responses, points) = surveys.get(&event.id).copied().unwrap_or_default();
        add(&mut counts, t, &month, Metric::SurveyResponses, "", responses);
        add(&mut counts, t, &month, Metric::SatisfactionPoints, "", points);
    }
    Ok(counts)
}

async fn accompaniments(reader: &mut Reader<'_>, scope: &Scope<'_>) -> Result<Counts> {
    let mut select = Query::select();
    select
        .columns([
            ("beneficiaries", "territory_id"),
            ("accompaniments", "occurred_at"),
            ("accompaniments", "coach_id"),
            ("accompaniments", "duration_minutes"),
        ])
        .column(("accompaniments", "no_show"))
        .from("accompaniments")
        .inner_join("beneficiaries", Expr::col(("beneficiaries", "id")).equals(("accompaniments", "beneficiary_id")));
    within(&mut select, scope, ("beneficiaries", "territory_id"), ("accompaniments", "occurred_at"));
    let rows: Vec<(i64, i64, i64, i64, bool)> = reader.fetch_all(&select).await?;
    let mut counts = Counts::new();
    for (t, at, coach, minutes, no_show) in rows {
        let month = Month::of(at).to_string();
        if no_show {
            add(&mut counts, t, &month, Metric::AccompanimentNoShows, "", 1);
            continue;
        }
        let coach = coach.to_string();
        add(&mut counts, t, &month, Metric::Accompaniments, "", 1);
        add(&mut counts, t, &month, Metric::AccompanimentMinutes, "", minutes);
        add(&mut counts, t, &month, Metric::CoachAccompaniments, &coach, 1);
        add(&mut counts, t, &month, Metric::CoachMinutes, &coach, minutes);
    }
    Ok(counts)
}

async fn appointments(reader: &mut Reader<'_>, scope: &Scope<'_>) -> Result<Counts> {
    let mut select = Query::select();
    select
        .columns([("beneficiaries", "territory_id"), ("appointments", "starts_at"), ("appointments", "status")])
        .from("appointments")
        .inner_join("beneficiaries", Expr::col(("beneficiaries", "id")).equals(("appointments", "beneficiary_id")));
    within(&mut select, scope, ("beneficiaries", "territory_id"), ("appointments", "starts_at"));
    let rows: Vec<(i64, i64, String)> = reader.fetch_all(&select).await?;
    let mut counts = Counts::new();
    for (t, at, status) in rows {
        let metric = if status == "cancelled" { Metric::AppointmentsCancelled } else { Metric::AppointmentsBooked };
        add(&mut counts, t, &Month::of(at).to_string(), metric, "", 1);
    }
    Ok(counts)
}

/// Diagnostics are read a page at a time by id: a recount of millions keeps memory flat.
async fn diagnostics(reader: &mut Reader<'_>, scope: &Scope<'_>) -> Result<Counts> {
    const PAGE: u64 = 50_000;
    let mut counts = Counts::new();
    let mut after = 0_i64;
    loop {
        let mut select = Query::select();
        select
            .columns(["id", "territory_id", "created_at", "axis_scores", "overall_score", "level"])
            .from("diagnostics")
            .and_where(Expr::col("territory_id").is_not_null())
            .and_where(Expr::col("id").gt(after))
            .order_by("id", Order::Asc)
            .limit(PAGE);
        within(&mut select, scope, ("diagnostics", "territory_id"), ("diagnostics", "created_at"));
        let rows: Vec<(i64, i64, i64, String, i64, String)> = reader.fetch_all(&select).await?;
        let last_page = (rows.len() as u64) < PAGE;
        for (id, t, at, axes, overall, level) in rows {
            after = id;
            let month = Month::of(at).to_string();
            add(&mut counts, t, &month, Metric::Diagnostics, "", 1);
            add(&mut counts, t, &month, Metric::DiagnosticOverallPoints, "", overall);
            add(&mut counts, t, &month, Metric::DiagnosticsByLevel, &level, 1);
            for axis in serde_json::from_str::<Vec<AxisScore>>(&axes).map_err(store_err)? {
                add(&mut counts, t, &month, Metric::DiagnosticAxisPoints, &axis.axis, axis.percent);
            }
        }
        if last_page {
            return Ok(counts);
        }
    }
}

async fn passports(reader: &mut Reader<'_>, scope: &Scope<'_>) -> Result<Counts> {
    let mut select = Query::select();
    select.columns(["territory_id", "issued_at", "revoked_at"]).from("passports");
    within(&mut select, scope, ("passports", "territory_id"), ("passports", "issued_at"));
    let rows: Vec<(i64, i64, Option<i64>)> = reader.fetch_all(&select).await?;
    let mut counts = Counts::new();
    for (t, at, revoked) in rows {
        let month = Month::of(at).to_string();
        add(&mut counts, t, &month, Metric::PassportsIssued, "", 1);
        if revoked.is_some() {
            add(&mut counts, t, &month, Metric::PassportsRevoked, "", 1);
        }
    }
    Ok(counts)
}

async fn listings(reader: &mut Reader<'_>, scope: &Scope<'_>) -> Result<Counts> {
    let mut select = Query::select();
    select
        .columns(["insee", "website", "click_collect", "online_shop"])
        .from("listings")
        .and_where(Expr::col("status").eq("published"))
        .and_where(Expr::col("insee").is_not_null());
    if let Scope::Stock { territory } = scope {
        select.and_where(Expr::col("insee").in_subquery(
            Query::select().column("insee").from("stat_commune_territory").and_where(Expr::col("territory_id").eq(*territory)).to_owned(),
        ));
    }
    let rows: Vec<(String, String, bool, bool)> = reader.fetch_all(&select).await?;
    let mut counts = Counts::new();
    for (insee, website, click_collect, online_shop) in rows {
        let territory = match scope {
            Scope::All(map) => match map.get(&insee) {
                Some(t) => *t,
                None => continue,
            },
            Scope::Stock { territory } => *territory,
            Scope::Bucket { .. } => continue,
        };
        add(&mut counts, territory, STOCK, Metric::Listings, "", 1);
        add(&mut counts, territory, STOCK, Metric::ListingsWithWebsite, "", i64::from(!website.trim().is_empty()));
        add(&mut counts, territory, STOCK, Metric::ListingsClickCollect, "", i64::from(click_collect));
        add(&mut counts, territory, STOCK, Metric::ListingsOnlineShop, "", i64::from(online_shop));
    }
    Ok(counts)
}

/// A bucket's own rows as last counted.
pub(crate) async fn stored(tx: &mut Tx, kind: Kind, territory: i64, month: &str) -> Result<Counts> {
    let rows: Vec<(String, String, i64)> = tx
        .fetch_all(
            Query::select()
                .columns(["metric", "dim", "value"])
                .from("stat_own")
                .and_where(Expr::col("kind").eq(kind.as_str()))
                .and_where(Expr::col("territory_id").eq(territory))
                .and_where(Expr::col("month").eq(month)),
        )
        .await?;
    Ok(rows.into_iter().map(|(metric, dim, value)| ((territory, month.to_owned(), metric, dim), value)).collect())
}

/// Replaces a bucket's own rows.
pub(crate) async fn replace(tx: &mut Tx, kind: Kind, territory: i64, month: &str, fresh: &Counts) -> Result<()> {
    tx.execute(
        Query::delete()
            .from_table("stat_own")
            .and_where(Expr::col("kind").eq(kind.as_str()))
            .and_where(Expr::col("territory_id").eq(territory))
            .and_where(Expr::col("month").eq(month)),
    )
    .await?;
    insert(tx, kind, fresh).await
}

/// Writes own rows.
pub(crate) async fn insert(tx: &mut Tx, kind: Kind, counts: &Counts) -> Result<()> {
    let rows: Vec<[sea_query::Value; 6]> = counts
        .iter()
        .map(|((t, month, metric, dim), value)| {
            [kind.as_str().into(), (*t).into(), month.clone().into(), metric.clone().into(), dim.clone().into(), (*value).into()]
        })
        .collect();
    tx.insert_rows("stat_own", ["kind", "territory_id", "month", "metric", "dim", "value"], rows).await?;
    Ok(())
}
