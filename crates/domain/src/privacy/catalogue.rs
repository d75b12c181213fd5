//! The one list of every table that holds personal data: which group of the download it
//! belongs to and what erasure does to it. The store implements each rule; a test reads the
//! schema and fails when a table with a person column (`user_id`, `email`, `phone`, `name`…)
//! is neither here nor in [`NOT_PERSONAL`], so a new table cannot be forgotten.

/// What erasure does to a table's rows about the person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Erasure {
    /// The rows are deleted.
    Delete,
    /// The rows stay (counts and statistics depend on them) with every personal value
    /// replaced (name, e-mail, phone, free text) and the person key replaced by a random one.
    Anonymise,
    /// The rows stay; the reference to the person is cleared (`… = NULL`).
    Unlink,
    /// The account itself: kept as a tombstone without any personal value.
    Tombstone,
    /// Kept as evidence (the staff access log), until its retention period ends.
    KeepAsEvidence,
}

/// A table holding personal data.
#[derive(Debug, Clone, Copy)]
pub struct PersonalTable {
    /// Table name.
    pub table: &'static str,
    /// Group of the download page (a Fluent key suffix: `privacy-group-<group>`).
    pub group: &'static str,
    /// What erasure does.
    pub erasure: Erasure,
}

const fn t(table: &'static str, group: &'static str, erasure: Erasure) -> PersonalTable {
    PersonalTable { table, group, erasure }
}

/// Every table with personal data, in the order of the download.
pub const PERSONAL_TABLES: &[PersonalTable] = &[
    t("users", "account", Erasure::Tombstone),
    t("role_grants", "account", Erasure::Delete),
    t("auth_tokens", "account", Erasure::Delete),
    t("privacy_tokens", "account", Erasure::Delete),
    t("rate_events", "account", Erasure::Delete),
    t("outbox", "mail", Erasure::Delete),
    t("registrations", "workshops", Erasure::Anonymise),
    t("survey_responses", "workshops", Erasure::Anonymise),
    t("event_trainers", "workshops", Erasure::Unlink),
    t("events", "workshops", Erasure::Unlink),
    t("beneficiaries", "coaching", Erasure::Anonymise),
    t("beneficiary_coaches", "coaching", Erasure::Anonymise),
    t("appointments", "coaching", Erasure::Anonymise),
    t("accompaniments", "coaching", Erasure::Anonymise),
    t("coaches", "coaching", Erasure::Anonymise),
    t("coach_exceptions", "coaching", Erasure::Anonymise),
    t("diagnostics", "learning", Erasure::Unlink),
    t("module_completions", "learning", Erasure::Anonymise),
    t("passports", "learning", Erasure::Anonymise),
    t("listing_owners", "directory", Erasure::Delete),
    t("listing_claims", "directory", Erasure::Delete),
    t("listing_reports", "directory", Erasure::Anonymise),
    t("listing_versions", "directory", Erasure::Unlink),
    t("eco_actors", "ecosystem", Erasure::Delete),
    t("eco_introductions", "ecosystem", Erasure::Delete),
    t("eco_meetings", "ecosystem", Erasure::Delete),
    t("eco_reports", "ecosystem", Erasure::Unlink),
    t("partner_offers", "ecosystem", Erasure::Unlink),
    t("questionnaires", "staff", Erasure::Unlink),
    t("passport_paths", "staff", Erasure::Unlink),
    t("stat_targets", "staff", Erasure::Unlink),
    t("staff_access_log", "staff", Erasure::KeepAsEvidence),
];

/// Tables whose person-looking columns are not about a person, and why.
pub const NOT_PERSONAL: &[(&str, &str)] = &[
    ("regions", "place names"),
    ("departments", "place names"),
    ("epcis", "place names"),
    ("communes", "place names"),
    ("territories", "territory names"),
    ("categories", "category labels"),
    ("listings", "a business's public contact details, published by the business or open data"),
    ("event_programmes", "programme titles"),
    ("event_series", "series titles"),
    ("modules", "the module catalogue"),
    ("sessions", "opaque session data, invalidated when the account's password changes and expiring"),
    ("stat_dirty", "marks consumed by the next statistics round (seconds later)"),
    ("stat_state", "names of the statistics rounds' state"),
    ("scheduled_jobs", "names of the daily jobs"),
    ("stat_reach", "a SHA-256 of the person key; the erased person's row is replaced at the next round"),
];

/// Column names that, in a table, mean the table is about people.
pub const PERSON_COLUMNS: &[&str] = &[
    "user_id",
    "email",
    "phone",
    "name",
    "display_name",
    "holder_name",
    "person_key",
    "person",
    "recipient",
    "contact",
    "contact_name",
    "contact_email",
    "contact_phone",
    "author_id",
    "reporter_id",
    "submitted_by",
    "created_by",
    "granted_by",
    "published_by",
    "updated_by",
    "data",
    "bucket",
];

/// Columns never shown in a download: secrets that would let anyone holding the file act as
/// the person (their hash or value protects links and feeds), and, in the access log, which
/// staff member read (they act for the territory, which the row names; its managers see who).
pub const SECRET_COLUMNS: &[&str] = &[
    "password_hash",
    "token_hash",
    "code_hash",
    "secret",
    "feed_secret",
    "private_key",
    "need_words",
    "offer_words",
    "staff_user_id",
    "staff_email",
];

/// The rule for `table`, if it holds personal data.
pub fn rule(table: &str) -> Option<&'static PersonalTable> {
    PERSONAL_TABLES.iter().find(|p| p.table == table)
}

/// The groups of the download, in order.
pub fn groups() -> Vec<&'static str> {
    let mut groups: Vec<&'static str> = Vec::new();
    for p in PERSONAL_TABLES {
        if !groups.contains(&p.group) {
            groups.push(p.group);
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_is_listed_once() {
        let mut seen: Vec<&str> = PERSONAL_TABLES.iter().map(|p| p.table).chain(NOT_PERSONAL.iter().map(|(t, _)| *t)).collect();
        let before = seen.len();
        seen.sort_unstable();
        seen.dedup();
        assert_eq!(seen.len(), before);
        assert_eq!(groups(), ["account", "mail", "workshops", "coaching", "learning", "directory", "ecosystem", "staff"]);
    }
}
