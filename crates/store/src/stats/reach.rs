//! People and businesses reached: each counts once per territory (and once for the whole
//! platform), in the month they were first reached there. Kept per person in `stat_reach`,
//! under a hash of their key, so that the first month moves exactly when their first
//! attendance is cancelled or erased.

use super::Counts;
use super::tree::Tree;
use crate::db::{Reader, Result, Tx};
use sea_query::{Expr, ExprTrait, Query, SelectStatement};
use std::collections::BTreeMap;
use tremplin_domain::stats::{Metric, Month};
use tremplin_kernel::token::hash_token;

/// Who is reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum ReachKind {
    /// A person checked in at a workshop (key: the registration's person key, or
    /// `registration:<id>` for a walk-in known by name only).
    Attendee,
    /// A business accompanied (key: the beneficiary's person key).
    Accompanied,
}

impl ReachKind {
    pub(crate) const ALL: [ReachKind; 2] = [ReachKind::Attendee, ReachKind::Accompanied];

    pub(crate) fn as_str(self) -> &'static str {
        match self {
            ReachKind::Attendee => "attendee",
            ReachKind::Accompanied => "accompanied",
        }
    }

    pub(crate) fn parse(value: &str) -> Option<ReachKind> {
        ReachKind::ALL.into_iter().find(|k| k.as_str() == value)
    }

    /// The metric its first months add to.
    pub(crate) fn metric(self) -> Metric {
        match self {
            ReachKind::Attendee => Metric::PeopleNew,
            ReachKind::Accompanied => Metric::BusinessesNew,
        }
    }
}

/// The person key as the SQL of each kind computes it.
const ATTENDEE_KEY: &str =
    "CASE WHEN registrations.person_key = '' THEN 'registration:' || registrations.id ELSE registrations.person_key END";

/// (key, territory, first instant) of the activity that reaches people, optionally for one key.
fn firsts(kind: ReachKind, key: Option<&str>) -> SelectStatement {
    let mut select = Query::select();
    match kind {
        ReachKind::Attendee => {
            select
                .expr(Expr::cust(ATTENDEE_KEY))
                .column(("events", "territory_id"))
                .expr(Expr::col(("events", "starts_at")).min())
                .from("registrations")
                .inner_join("events", Expr::col(("events", "id")).equals(("registrations", "event_id")))
                .and_where(Expr::col(("registrations", "status")).eq("confirmed"))
                .and_where(Expr::col(("registrations", "checked_in_at")).is_not_null())
                .and_where(Expr::col(("events", "status")).ne("cancelled"))
                .group_by_col(("events", "territory_id"))
                .add_group_by([Expr::cust(ATTENDEE_KEY)]);
            match key.map(|k| (k, k.strip_prefix("registration:").and_then(|id| id.parse::<i64>().ok()))) {
                Some((_, Some(id))) => {
                    select
                        .and_where(Expr::col(("registrations", "id")).eq(id))
                        .and_where(Expr::col(("registrations", "person_key")).eq(""));
                }
                Some((k, None)) => {
                    select.and_where(Expr::col(("registrations", "person_key")).eq(k));
                }
                None => {}
            }
        }
        ReachKind::Accompanied => {
            select
                .column(("beneficiaries", "person_key"))
                .column(("beneficiaries", "territory_id"))
                .expr(Expr::col(("accompaniments", "occurred_at")).min())
                .from("accompaniments")
                .inner_join("beneficiaries", Expr::col(("beneficiaries", "id")).equals(("accompaniments", "beneficiary_id")))
                .and_where(Expr::col(("beneficiaries", "kind")).eq("business"))
                .and_where(Expr::col(("accompaniments", "no_show")).eq(false))
                .group_by_col(("beneficiaries", "person_key"))
                .group_by_col(("beneficiaries", "territory_id"));
            if let Some(k) = key {
                select.and_where(Expr::col(("beneficiaries", "person_key")).eq(k));
            }
        }
    }
    select
}

/// Per territory up the chains, the first month: the earliest of the territories below.
fn first_months(tree: &Tree, firsts: impl IntoIterator<Item = (i64, i64)>) -> BTreeMap<i64, Month> {
    let mut months: BTreeMap<i64, Month> = BTreeMap::new();
    for (territory, at) in firsts {
        let month = Month::of(at);
        for t in tree.chain(territory) {
            months.entry(t).and_modify(|m| *m = (*m).min(month)).or_insert(month);
        }
    }
    months
}

/// Everything, from the activity tables: (kind, territory, person hash) → first month.
pub(crate) async fn compute_all(reader: &mut Reader<'_>, tree: &Tree) -> Result<super::Reach> {
    let mut reach = super::Reach::new();
    for kind in ReachKind::ALL {
        let rows: Vec<(String, i64, i64)> = reader.fetch_all(&firsts(kind, None)).await?;
        let mut by_person: BTreeMap<String, Vec<(i64, i64)>> = BTreeMap::new();
        for (key, territory, at) in rows {
            by_person.entry(key).or_default().push((territory, at));
        }
        for (key, firsts) in by_person {
            let person = hash_token(&key);
            for (territory, month) in first_months(tree, firsts) {
                reach.insert((kind.as_str().to_owned(), territory, person.clone()), month.to_string());
            }
        }
    }
    Ok(reach)
}

/// Writes reach rows.
pub(crate) async fn insert(tx: &mut Tx, reach: &super::Reach) -> Result<()> {
    let rows: Vec<[sea_query::Value; 4]> = reach
        .iter()
        .map(|((kind, t, person), month)| [kind.clone().into(), (*t).into(), person.clone().into(), month.clone().into()])
        .collect();
    tx.insert_rows("stat_reach", ["kind", "territory_id", "person", "month"], rows).await?;
    Ok(())
}

/// Recomputes one person's first months and adds the difference (±1 per territory and month)
/// to `delta`, which is already rolled up.
pub(crate) async fn refresh(tx: &mut Tx, kind: ReachKind, key: &str, delta: &mut Counts) -> Result<()> {
    let rows: Vec<(String, i64, i64)> = tx.fetch_all(&firsts(kind, Some(key))).await?;
    let territories: Vec<i64> = rows.iter().map(|r| r.1).collect();
    let tree = Tree::load_for(&mut Reader::Tx(tx), territories).await?;
    let fresh = first_months(&tree, rows.into_iter().map(|(_, t, at)| (t, at)));
    let person = hash_token(key);
    let stored: Vec<(i64, String)> = tx
        .fetch_all(
            Query::select()
                .columns(["territory_id", "month"])
                .from("stat_reach")
                .and_where(Expr::col("kind").eq(kind.as_str()))
                .and_where(Expr::col("person").eq(person.as_str())),
        )
        .await?;
    let stored: BTreeMap<i64, String> = stored.into_iter().collect();
    let fresh: BTreeMap<i64, String> = fresh.into_iter().map(|(t, m)| (t, m.to_string())).collect();
    if stored == fresh {
        return Ok(());
    }
    let metric = kind.metric().as_str();
    for (t, month) in &stored {
        *delta.entry((*t, month.clone(), metric.to_owned(), String::new())).or_default() -= 1;
    }
    for (t, month) in &fresh {
        *delta.entry((*t, month.clone(), metric.to_owned(), String::new())).or_default() += 1;
    }
    tx.execute(
        Query::delete()
            .from_table("stat_reach")
            .and_where(Expr::col("kind").eq(kind.as_str()))
            .and_where(Expr::col("person").eq(person.as_str())),
    )
    .await?;
    let rows: super::Reach = fresh.into_iter().map(|(t, month)| ((kind.as_str().to_owned(), t, person.clone()), month)).collect();
    insert(tx, &rows).await
}
