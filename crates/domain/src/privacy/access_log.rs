//! The staff access log to personal data: every time a manager, admin, coach or trainer is
//! shown someone else's personal data, one row per person shown is written in the same
//! request — who read, whose data, what, in which territory and when.
//!
//! One row per person rather than one per page with a list: the review filters by person,
//! and a row per person is what an index on (territory, person) can serve on both engines.
//! A page of 500 registrants costs one multi-row insert of 500 small rows (measured in
//! `privacy_access_log` tests at a few milliseconds), cheaper than reading them.
//!
//! A person is kept as an account id when known, a SHA-256 of their e-mail (so the log can be
//! searched by e-mail without storing it in clear) and a label (the name shown) that erasure
//! clears (`store::privacy::erase`, in the erasure's transaction): the log keeps that someone was read, not who
//! they were, once they are gone.

use crate::StoreResult;
use crate::accounts::User;
use sha2::{Digest, Sha256};
use std::future::Future;

/// What kind of personal data was read (stored by identifier, labelled in the translations
/// as `access-kind-<id>`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AccessKind {
    /// The registrants of a workshop session (its staff page).
    Registrants,
    /// The attendance list downloaded as CSV.
    AttendanceCsv,
    /// The sign-in sheet printed.
    AttendancePrint,
    /// A registrant's name shown to staff by their check-in QR code.
    CheckIn,
    /// A coaching follow-up (timeline, notes).
    FollowUp,
    /// A coach's agenda (the people who booked, their contact and need).
    Appointments,
    /// A list of beneficiaries (a coach's or a territory's).
    Beneficiaries,
    /// The person named on an accompaniment record's form.
    Record,
    /// Directory moderation: claimants' and reporters' addresses.
    Claims,
    /// Ecosystem moderation: the reports about an actor.
    Reports,
    /// The team page of a territory (members' addresses).
    Team,
    /// The passports issued in a territory (holders' names).
    Passports,
    /// An erasure or download request handled by staff.
    ErasureRequest,
}

impl AccessKind {
    /// Every kind, in the order of the review's filter.
    pub const ALL: [AccessKind; 13] = [
        AccessKind::Registrants,
        AccessKind::AttendanceCsv,
        AccessKind::AttendancePrint,
        AccessKind::CheckIn,
        AccessKind::FollowUp,
        AccessKind::Appointments,
        AccessKind::Beneficiaries,
        AccessKind::Record,
        AccessKind::Claims,
        AccessKind::Reports,
        AccessKind::Team,
        AccessKind::Passports,
        AccessKind::ErasureRequest,
    ];

    /// The stored identifier.
    pub fn as_str(self) -> &'static str {
        match self {
            AccessKind::Registrants => "registrants",
            AccessKind::AttendanceCsv => "attendance_csv",
            AccessKind::AttendancePrint => "attendance_print",
            AccessKind::CheckIn => "check_in",
            AccessKind::FollowUp => "follow_up",
            AccessKind::Appointments => "appointments",
            AccessKind::Beneficiaries => "beneficiaries",
            AccessKind::Record => "record",
            AccessKind::Claims => "claims",
            AccessKind::Reports => "reports",
            AccessKind::Team => "team",
            AccessKind::Passports => "passports",
            AccessKind::ErasureRequest => "erasure_request",
        }
    }

    /// The kind of a stored identifier.
    pub fn parse(id: &str) -> Option<AccessKind> {
        AccessKind::ALL.into_iter().find(|k| k.as_str() == id)
    }
}

/// A person whose data a page shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Subject {
    /// Their account, when the data is an account's.
    pub user_id: Option<i64>,
    /// Their e-mail, when known (stored hashed).
    pub email: Option<String>,
    /// What the page showed to name them (a name, or the address when there is no name).
    pub label: String,
}

impl Subject {
    /// A person known by e-mail (registrants, beneficiaries, reporters).
    pub fn by_email(email: Option<&str>, label: &str) -> Subject {
        let email = email.map(str::trim).filter(|e| !e.is_empty()).map(str::to_owned);
        let label = if label.trim().is_empty() { email.clone().unwrap_or_default() } else { label.trim().to_owned() };
        Subject { user_id: None, email, label }
    }

    /// An account.
    pub fn account(user: &User) -> Subject {
        let label = if user.display_name.trim().is_empty() { user.email.as_str().to_owned() } else { user.display_name.clone() };
        Subject { user_id: Some(user.id), email: Some(user.email.as_str().to_owned()), label }
    }
}

/// A row to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAccess {
    /// Unix seconds.
    pub at: i64,
    /// The staff account that read.
    pub staff_user_id: i64,
    /// The person's account, if any.
    pub subject_user_id: Option<i64>,
    /// SHA-256 of the person's e-mail ([`email_hash`]), if known.
    pub subject_email_hash: Option<String>,
    /// The name shown (cleared when the person is erased).
    pub subject_label: String,
    /// What was read.
    pub kind: AccessKind,
    /// The territory the data belongs to.
    pub territory_id: i64,
    /// Where it was read, without personal data (a workshop's slug, a follow-up's id).
    pub context: String,
}

/// A row of the log as reviewed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessEntry {
    /// Row id.
    pub id: i64,
    /// Unix seconds.
    pub at: i64,
    /// The staff account.
    pub staff_user_id: i64,
    /// Its login address, while the account exists.
    pub staff_email: Option<String>,
    /// The person's account, if any.
    pub subject_user_id: Option<i64>,
    /// SHA-256 of the person's e-mail.
    pub subject_email_hash: Option<String>,
    /// The name shown (empty once erased).
    pub subject_label: String,
    /// What was read (`None` for an identifier this build does not know).
    pub kind: Option<AccessKind>,
    /// The territory.
    pub territory_id: i64,
    /// Its name.
    pub territory_name: String,
    /// Where.
    pub context: String,
}

/// What the review asks for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AccessFilter {
    /// The territories whose rows are shown (the reviewed one and those inside it).
    pub territory_ids: Vec<i64>,
    /// Only this person (hash of their e-mail).
    pub subject_email_hash: Option<String>,
    /// Only reads by this staff login address.
    pub staff_email: Option<String>,
    /// From (Unix seconds, included).
    pub from: Option<i64>,
    /// Until (Unix seconds, excluded).
    pub until: Option<i64>,
}

/// What the access log needs from the store.
pub trait AccessLogRepo: Send + Sync {
    /// Writes rows (several statements of a few hundred rows each when many).
    fn record_access(&self, rows: &[NewAccess]) -> impl Future<Output = StoreResult<()>> + Send;

    /// One page of rows matching `filter`, newest first, and how many match in all.
    fn access_log(
        &self,
        filter: &AccessFilter,
        offset: u64,
        limit: u64,
    ) -> impl Future<Output = StoreResult<(Vec<AccessEntry>, u64)>> + Send;
}

/// The hash under which a person's e-mail is kept in the log (lower-cased and trimmed first,
/// and prefixed so that it matches no other hash of the same address in the database).
pub fn email_hash(email: &str) -> String {
    let digest = Sha256::new().chain_update(b"staff-access-log:").chain_update(email.trim().to_lowercase().as_bytes()).finalize();
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// The rows for `staff` reading `subjects` in a territory: one per person, the same person
/// once, and nothing for the staff member's own data.
pub fn rows_for(staff: &User, territory_id: i64, kind: AccessKind, context: &str, subjects: &[Subject], now: i64) -> Vec<NewAccess> {
    let own_hash = email_hash(staff.email.as_str());
    let mut seen = std::collections::HashSet::new();
    subjects
        .iter()
        .filter_map(|s| {
            let hash = s.email.as_deref().map(email_hash);
            let own = s.user_id == Some(staff.id) || hash.as_deref() == Some(own_hash.as_str());
            let key = (s.user_id, hash.clone(), if hash.is_none() && s.user_id.is_none() { s.label.clone() } else { String::new() });
            (!own && seen.insert(key)).then(|| NewAccess {
                at: now,
                staff_user_id: staff.id,
                subject_user_id: s.user_id,
                subject_email_hash: hash,
                subject_label: s.label.chars().take(200).collect(),
                kind,
                territory_id,
                context: context.chars().take(200).collect(),
            })
        })
        .collect()
}

/// Writes what `staff` was shown. Called before the page is sent, so that a page is never
/// shown without its log row (a failure to log is a failure of the page).
pub async fn record(
    repo: &impl AccessLogRepo,
    staff: &User,
    territory_id: i64,
    kind: AccessKind,
    context: &str,
    subjects: &[Subject],
    now: i64,
) -> StoreResult<usize> {
    let rows = rows_for(staff, territory_id, kind, context, subjects, now);
    if !rows.is_empty() {
        repo.record_access(&rows).await?;
    }
    Ok(rows.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accounts::test_support::user;

    #[test]
    fn own_data_and_repeats_are_not_logged() {
        let staff = user(1);
        let subjects = [
            Subject::by_email(Some(staff.email.as_str()), "Moi"),
            Subject::by_email(Some("Alice@Example.fr "), "Alice"),
            Subject::by_email(Some("alice@example.fr"), "Alice M."),
            Subject::by_email(None, "Bob"),
            Subject::by_email(None, "Bob"),
            Subject { user_id: Some(1), email: None, label: "Moi".into() },
        ];
        let rows = rows_for(&staff, 7, AccessKind::Registrants, "atelier", &subjects, 100);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].subject_email_hash.as_deref(), Some(email_hash("alice@example.fr").as_str()));
        assert_eq!(rows[1].subject_label, "Bob");
        assert!(rows.iter().all(|r| r.territory_id == 7 && r.at == 100 && r.staff_user_id == 1));
    }

    #[test]
    fn kinds_round_trip_and_hashes_hide_the_address() {
        for kind in AccessKind::ALL {
            assert_eq!(AccessKind::parse(kind.as_str()), Some(kind));
        }
        let hash = email_hash("alice@example.fr");
        assert_eq!(hash.len(), 64);
        assert!(!hash.contains("alice"));
        assert_eq!(hash, email_hash(" ALICE@example.fr"));
    }
}
