//! Retention periods, one per kind of personal data. Defaults follow the CNIL's guidance for
//! local public services (a year for attendance lists and logs, three years after the last
//! contact for a follow-up); a territory changes them in its settings.

use serde::{Deserialize, Serialize};

/// How long each kind of personal data is kept before it is erased or anonymised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RetentionPolicy {
    /// Workshop registrations (name, e-mail, phone): anonymised this many months after the
    /// workshop; counts stay.
    pub registrations_months: u32,
    /// Coaching follow-ups (beneficiaries, appointments, notes): erased this many months after
    /// the last appointment.
    pub coaching_months: u32,
    /// Accounts nobody has logged into for this many months: erased (after a warning e-mail).
    pub inactive_accounts_months: u32,
    /// Ecosystem introductions and their meetings: this many months after they were closed.
    pub introductions_months: u32,
    /// Reports (directory and ecosystem), with the reporter's address: months after closing.
    pub reports_months: u32,
    /// The staff access log to personal data.
    pub access_log_months: u32,
    /// Sent e-mails kept in the outbox (their values are already erased once sent).
    pub sent_mail_days: u32,
}

impl Default for RetentionPolicy {
    fn default() -> Self {
        RetentionPolicy {
            registrations_months: 12,
            coaching_months: 36,
            inactive_accounts_months: 36,
            introductions_months: 24,
            reports_months: 12,
            access_log_months: 12,
            sent_mail_days: 30,
        }
    }
}

/// The unit of a retention period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Calendar months (30.4 days on average; enforced as 30 days × months by the job).
    Months,
    /// Days.
    Days,
}

impl RetentionPolicy {
    /// Every period with its setting name (without the `retention_` prefix) and unit, in the
    /// order of the processings register.
    pub fn periods(&self) -> [(&'static str, u32, Unit); 7] {
        [
            ("registrations_months", self.registrations_months, Unit::Months),
            ("coaching_months", self.coaching_months, Unit::Months),
            ("inactive_accounts_months", self.inactive_accounts_months, Unit::Months),
            ("introductions_months", self.introductions_months, Unit::Months),
            ("reports_months", self.reports_months, Unit::Months),
            ("access_log_months", self.access_log_months, Unit::Months),
            ("sent_mail_days", self.sent_mail_days, Unit::Days),
        ]
    }

    /// Seconds of a period in months (30 days a month: a period is a floor, never shorter).
    pub fn months_secs(months: u32) -> i64 {
        i64::from(months) * 30 * 86_400
    }
}
