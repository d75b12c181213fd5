//! The managers' side of the passport: a territory's path (which modules) and target
//! (passports by a date), who may set them, and the passports issued month by month against
//! the target with the pace still needed. Pure, so the page, the CSV and the statistics agree.

use super::catalogue;
use super::model::PassportPath;
use crate::StoreResult;
use crate::accounts::FieldError;
use crate::coaching::Beneficiary;
use crate::coaching::slots::local_date;
use chrono::{Datelike, NaiveDate};
use std::future::Future;

/// Largest target accepted.
const TARGET_MAX: i64 = 10_000_000;

/// The path form as typed.
#[derive(Debug, Clone, Default)]
pub struct PathForm {
    /// Module slugs ticked.
    pub modules: Vec<String>,
    /// Passports aimed at.
    pub target_count: String,
    /// By when (YYYY-MM-DD).
    pub target_date: String,
}

/// A path, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct PathInput {
    /// Module slugs, in catalogue order.
    pub modules: Vec<String>,
    /// Passports aimed at.
    pub target_count: Option<i64>,
    /// By when.
    pub target_date: Option<String>,
}

/// Checks a path form: at least one module of the catalogue; a target is a count and a date,
/// both or neither.
pub fn validate_path(form: &PathForm) -> Result<PathInput, Vec<FieldError>> {
    let mut errors = Vec::new();
    if form.modules.is_empty() {
        errors.push(FieldError { field: "modules", key: "path-error-modules-required" });
    } else if form.modules.iter().any(|slug| !catalogue::modules().iter().any(|m| &m.slug == slug)) {
        errors.push(FieldError { field: "modules", key: "path-error-module-unknown" });
    }
    let modules = catalogue::modules().iter().filter(|m| form.modules.contains(&m.slug)).map(|m| m.slug.clone()).collect();
    let count = form.target_count.trim();
    let date = form.target_date.trim();
    let target_count = match count {
        "" => None,
        raw => match raw.parse::<i64>() {
            Ok(n) if (1..=TARGET_MAX).contains(&n) => Some(n),
            _ => {
                errors.push(FieldError { field: "target_count", key: "path-error-target-count" });
                None
            }
        },
    };
    let target_date = match date {
        "" => None,
        raw => match NaiveDate::parse_from_str(raw, "%Y-%m-%d") {
            Ok(day) => Some(day.format("%Y-%m-%d").to_string()),
            Err(_) => {
                errors.push(FieldError { field: "target_date", key: "path-error-target-date" });
                None
            }
        },
    };
    if errors.is_empty() && target_count.is_some() != target_date.is_some() {
        let field = if target_count.is_none() { "target_count" } else { "target_date" };
        errors.push(FieldError { field, key: "path-error-target-both" });
    }
    if errors.is_empty() { Ok(PathInput { modules, target_count, target_date }) } else { Err(errors) }
}

/// Passports of one territory issued in one month (Europe/Paris).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthCount {
    /// The territory.
    pub territory_id: i64,
    /// `YYYY-MM`.
    pub month: String,
    /// Issued that month and still valid.
    pub issued: i64,
    /// Issued that month and revoked since.
    pub revoked: i64,
}

/// `YYYY-MM` of an instant, in Europe/Paris.
pub fn month_of(at: i64) -> String {
    let day = local_date(at);
    format!("{:04}-{:02}", day.year(), day.month())
}

/// Sums per month over several territories, months in order.
pub fn by_month(rows: &[MonthCount]) -> Vec<(String, i64, i64)> {
    let mut months: std::collections::BTreeMap<&str, (i64, i64)> = std::collections::BTreeMap::new();
    for row in rows {
        let entry = months.entry(row.month.as_str()).or_default();
        entry.0 += row.issued;
        entry.1 += row.revoked;
    }
    months.into_iter().map(|(month, (issued, revoked))| (month.to_owned(), issued, revoked)).collect()
}

/// Where a territory stands against its target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pace {
    /// Valid passports issued so far.
    pub issued: i64,
    /// Still to issue (0 when reached).
    pub remaining: i64,
    /// Months left until the target date, this one included (0 once passed).
    pub months_left: i64,
    /// Passports to issue per month to reach it (rounded up); `None` once the date is passed
    /// with passports still missing.
    pub per_month: Option<i64>,
}

/// The pace needed to reach `target` passports by `date` from `today`.
pub fn pace(target: i64, date: &str, issued: i64, today: NaiveDate) -> Option<Pace> {
    let date = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?;
    let remaining = (target - issued).max(0);
    let months_left =
        if date < today { 0 } else { i64::from(date.year() - today.year()) * 12 + i64::from(date.month()) - i64::from(today.month()) + 1 };
    let per_month = match (remaining, months_left) {
        (0, _) => Some(0),
        (_, 0) => None,
        (r, m) => Some((r + m - 1) / m),
    };
    Some(Pace { issued, remaining, months_left, per_month })
}

/// A place where someone is a holder (a beneficiary) and how that territory is named.
#[derive(Debug, Clone)]
pub struct HolderPlace {
    /// The holder.
    pub holder: Beneficiary,
    /// Territory name.
    pub territory_name: String,
}

/// What steering needs from the store.
pub trait SteeringRepo: Send + Sync {
    /// Every holder recognised by this e-mail, one per territory.
    fn holders_by_email(&self, email: &str) -> impl Future<Output = StoreResult<Vec<HolderPlace>>> + Send;
    /// The path a territory defined itself, if any (not inherited).
    fn own_path(&self, territory_id: i64) -> impl Future<Output = StoreResult<Option<PassportPath>>> + Send;
    /// Sets a territory's own path and target.
    fn save_path(&self, territory_id: i64, input: &PathInput, by_user: i64, now: i64) -> impl Future<Output = StoreResult<()>> + Send;
    /// Removes a territory's own path: it inherits again.
    fn clear_path(&self, territory_id: i64) -> impl Future<Output = StoreResult<()>> + Send;
    /// Passports issued by territory and month (Europe/Paris), revoked ones counted apart.
    fn passports_by_month(&self, territory_ids: &[i64]) -> impl Future<Output = StoreResult<Vec<MonthCount>>> + Send;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(modules: &[&str], count: &str, date: &str) -> PathForm {
        PathForm { modules: modules.iter().map(|s| s.to_string()).collect(), target_count: count.into(), target_date: date.into() }
    }

    #[test]
    fn a_path_needs_known_modules_and_a_whole_target() {
        let ok = validate_path(&form(&["cybersecurite", "creer-son-site"], "120", "2027-06-30")).expect("valid");
        assert_eq!(ok.modules, ["creer-son-site", "cybersecurite"], "catalogue order");
        assert_eq!((ok.target_count, ok.target_date.as_deref()), (Some(120), Some("2027-06-30")));
        let fields = |f: PathForm| validate_path(&f).expect_err("invalid").iter().map(|e| e.field).collect::<Vec<_>>();
        assert_eq!(fields(form(&[], "", "")), ["modules"]);
        assert_eq!(fields(form(&["nope"], "0", "30/06/2027")), ["modules", "target_count", "target_date"]);
        assert_eq!(fields(form(&["cybersecurite"], "10", "")), ["target_date"]);
    }

    #[test]
    fn the_pace_spreads_what_is_missing_over_the_months_left() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 26).expect("day");
        let p = pace(100, "2027-04-30", 40, today).expect("pace");
        assert_eq!((p.remaining, p.months_left, p.per_month), (60, 6, Some(10)));
        assert_eq!(pace(100, "2026-01-31", 40, today).expect("pace").per_month, None);
        assert_eq!(pace(10, "2026-01-31", 12, today).expect("pace").per_month, Some(0));
        let rows = vec![
            MonthCount { territory_id: 1, month: "2026-10".into(), issued: 2, revoked: 1 },
            MonthCount { territory_id: 2, month: "2026-10".into(), issued: 3, revoked: 0 },
            MonthCount { territory_id: 2, month: "2026-09".into(), issued: 1, revoked: 0 },
        ];
        assert_eq!(by_month(&rows), vec![("2026-09".into(), 1, 0), ("2026-10".into(), 5, 1)]);
        assert_eq!(month_of(1_773_358_200), "2026-03");
    }
}
