//! Reports of an actor (spam, harassment, false information …), reviewed by the managers of
//! its territory, who may suspend the actor. Limits are counted in the report's transaction.

use crate::StoreResult;
use crate::accounts::FieldError;
use std::future::Future;

/// Reports one account may file per rolling 24 hours.
pub const DAILY_REPORTS: i64 = 10;
/// Longest details.
pub const DETAILS_MAX: usize = 2000;

vocabulary! {
    /// Why an actor is reported.
    ReportReason {
        /// Unwanted messages.
        Spam => "spam",
        /// Harassment.
        Harassment => "harassment",
        /// False information on the profile.
        FalseInformation => "false_information",
        /// Anything else (details say what).
        Other => "other",
    }
}

/// A report still open, as the managers see it.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenReport {
    /// Id.
    pub id: i64,
    /// Reported actor's slug.
    pub actor_slug: String,
    /// Reported actor's name.
    pub actor_name: String,
    /// Reported actor's territory.
    pub territory_id: i64,
    /// Why.
    pub reason: ReportReason,
    /// Details.
    pub details: String,
    /// Filed, Unix seconds.
    pub created_at: i64,
}

/// Why the store refused a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportRefusal {
    /// This account has an open report on this actor already.
    AlreadyOpen,
    /// Already [`DAILY_REPORTS`] in the last 24 hours.
    Daily,
}

impl ReportRefusal {
    /// Translation key of the message.
    pub fn key(self) -> &'static str {
        match self {
            ReportRefusal::AlreadyOpen => "eco-report-error-already",
            ReportRefusal::Daily => "eco-report-error-daily",
        }
    }
}

/// What reports need from the store.
pub trait ReportRepo: Send + Sync {
    /// Files a report after checking the limits, in one transaction.
    fn create_report(
        &self,
        actor_id: i64,
        reporter_id: i64,
        reason: ReportReason,
        details: &str,
        now: i64,
    ) -> impl Future<Output = StoreResult<Result<(), ReportRefusal>>> + Send;
    /// Open reports on actors of these territories, oldest first.
    fn open_reports(&self, territory_ids: &[i64]) -> impl Future<Output = StoreResult<Vec<OpenReport>>> + Send;
    /// Closes an open report; returns whether it was open.
    fn close_report(&self, id: i64, by: i64, now: i64) -> impl Future<Output = StoreResult<bool>> + Send;
}

/// Checks a report's input.
pub fn check_report(reason: &str, details: &str) -> Result<(ReportReason, String), Vec<FieldError>> {
    let mut errors = Vec::new();
    let reason = ReportReason::parse(reason);
    if reason.is_none() {
        errors.push(FieldError { field: "reason", key: "eco-report-error-reason" });
    }
    let details = details.trim();
    if details.chars().count() > DETAILS_MAX || (reason == Some(ReportReason::Other) && details.is_empty()) {
        errors.push(FieldError { field: "details", key: "eco-report-error-details" });
    }
    match reason {
        Some(reason) if errors.is_empty() => Ok((reason, details.to_owned())),
        _ => Err(errors),
    }
}
