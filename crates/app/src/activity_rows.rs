//! Column lists of the activity tables as the bulk loaders write them: the demo history
//! (`demo_stats`) and the statistics generator (`bench::stats_data`). One list per table, so
//! that both stay in step with the schema.

/// `registrations`, as bulk-loaded.
pub const REGISTRATIONS: [&str; 13] = [
    "id",
    "public_id",
    "event_id",
    "person_key",
    "name",
    "business",
    "locale",
    "status",
    "secret",
    "walk_in",
    "consent_at",
    "created_at",
    "checked_in_at",
];

/// `survey_responses`, as bulk-loaded.
pub const SURVEY_RESPONSES: [&str; 8] =
    ["registration_id", "event_id", "content", "trainer", "usefulness", "recommend", "comment", "created_at"];

/// `accompaniments`, as bulk-loaded.
pub const ACCOMPANIMENTS: [&str; 14] = [
    "id",
    "public_id",
    "beneficiary_id",
    "coach_id",
    "occurred_at",
    "duration_minutes",
    "themes",
    "outcome",
    "summary",
    "next_steps",
    "modules",
    "no_show",
    "created_at",
    "updated_at",
];

/// `passports`, as bulk-loaded.
pub const PASSPORTS: [&str; 12] = [
    "id",
    "public_id",
    "secret",
    "beneficiary_id",
    "territory_id",
    "holder_name",
    "business",
    "modules",
    "show_name",
    "show_modules",
    "issued_at",
    "revoked_at",
];
