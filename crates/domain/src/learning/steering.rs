//! The managers' side of the passport: a territory's path (which modules), who may set it,
//! and the passports issued month by month. The passport target is a statistics target
//! (`stats::targets`, indicator `passports`), with the one pace computation. Pure, so the
//! page and the CSV agree.

use super::catalogue;
use super::model::PassportPath;
use crate::StoreResult;
use crate::accounts::FieldError;
use crate::coaching::Beneficiary;
use crate::coaching::slots::local_date;
use chrono::Datelike;
use std::future::Future;

/// The path form as typed.
#[derive(Debug, Clone, Default)]
pub struct PathForm {
    /// Module slugs ticked.
    pub modules: Vec<String>,
}

/// A path, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct PathInput {
    /// Module slugs, in catalogue order.
    pub modules: Vec<String>,
}

/// Checks a path form: at least one module of the catalogue.
pub fn validate_path(form: &PathForm) -> Result<PathInput, Vec<FieldError>> {
    let mut errors = Vec::new();
    if form.modules.is_empty() {
        errors.push(FieldError { field: "modules", key: "path-error-modules-required" });
    } else if form.modules.iter().any(|slug| !catalogue::modules().iter().any(|m| &m.slug == slug)) {
        errors.push(FieldError { field: "modules", key: "path-error-module-unknown" });
    }
    let modules = catalogue::modules().iter().filter(|m| form.modules.contains(&m.slug)).map(|m| m.slug.clone()).collect();
    if errors.is_empty() { Ok(PathInput { modules }) } else { Err(errors) }
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
    /// Sets a territory's own path.
    fn save_path(&self, territory_id: i64, input: &PathInput, by_user: i64, now: i64) -> impl Future<Output = StoreResult<()>> + Send;
    /// Removes a territory's own path: it inherits again.
    fn clear_path(&self, territory_id: i64) -> impl Future<Output = StoreResult<()>> + Send;
    /// Passports issued by territory and month (Europe/Paris), revoked ones counted apart.
    fn passports_by_month(&self, territory_ids: &[i64]) -> impl Future<Output = StoreResult<Vec<MonthCount>>> + Send;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(modules: &[&str]) -> PathForm {
        PathForm { modules: modules.iter().map(|s| s.to_string()).collect() }
    }

    #[test]
    fn a_path_needs_known_modules() {
        let ok = validate_path(&form(&["cybersecurite", "creer-son-site"])).expect("valid");
        assert_eq!(ok.modules, ["creer-son-site", "cybersecurite"], "catalogue order");
        let keys = |f: PathForm| validate_path(&f).expect_err("invalid").iter().map(|e| e.key).collect::<Vec<_>>();
        assert_eq!(keys(form(&[])), ["path-error-modules-required"]);
        assert_eq!(keys(form(&["nope"])), ["path-error-module-unknown"]);
    }

    #[test]
    fn passports_add_up_by_month() {
        let rows = vec![
            MonthCount { territory_id: 1, month: "2026-10".into(), issued: 2, revoked: 1 },
            MonthCount { territory_id: 2, month: "2026-10".into(), issued: 3, revoked: 0 },
            MonthCount { territory_id: 2, month: "2026-09".into(), issued: 1, revoked: 0 },
        ];
        assert_eq!(by_month(&rows), vec![("2026-09".into(), 1, 0), ("2026-10".into(), 5, 1)]);
        assert_eq!(month_of(1_773_358_200), "2026-03");
    }
}
