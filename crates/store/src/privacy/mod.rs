//! Personal data (RGPD) in the store: everything held about a person (`export`), erasing it
//! in one transaction (`erase`), the retention job (`retention`), the links e-mailed to
//! people without an account (`tokens`) and the once-a-day claim of a job across instances
//! (`schedule`). Which tables hold personal data is decided in one place, the domain's
//! `privacy::catalogue`; each rule is implemented here per table.

pub mod erase;
pub mod export;
pub mod retention;
pub mod schedule;
pub mod tokens;

/// Whose data: an account, or an e-mail address known without an account (a workshop
/// registration, a coaching follow-up).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subject {
    /// The account, if the person has one.
    pub user_id: Option<i64>,
    /// The address (an account's login e-mail, or the address a link was sent to).
    pub email: String,
}

impl Subject {
    /// The key that recognises the person in registrations and beneficiaries.
    pub fn person_key(&self) -> String {
        format!("email:{}", self.email)
    }

    /// The three values the per-table conditions use: `$1` the account id (-1 when none,
    /// which matches no row), `$2` the e-mail, `$3` the person key.
    pub(crate) fn values(&self) -> [sea_query::Value; 3] {
        [self.user_id.unwrap_or(-1).into(), self.email.clone().into(), self.person_key().into()]
    }
}

/// The person's registrations.
pub(crate) const REGISTRATIONS: &str = "(SELECT id FROM registrations WHERE email = $2 OR person_key = $3)";
/// The person's coaching files (one per territory).
pub(crate) const BENEFICIARIES: &str = "(SELECT id FROM beneficiaries WHERE email = $2 OR person_key = $3)";
/// The account's ecosystem profile.
pub(crate) const ACTORS: &str = "(SELECT id FROM eco_actors WHERE user_id = $1)";
/// The account's coach profile.
pub(crate) const COACHES: &str = "(SELECT id FROM coaches WHERE user_id = $1)";

/// Which rows of `table` are about the person, as SQL over `$1`, `$2`, `$3` (see
/// [`Subject::values`]); `None` for a table of the catalogue read otherwise (the access log,
/// whose rows are the staff's actions and are shown by its own page).
pub fn condition(table: &str) -> Option<String> {
    let sql = match table {
        "users" => "id = $1".to_owned(),
        "role_grants" | "auth_tokens" | "event_trainers" | "coaches" | "diagnostics" | "listing_owners" | "listing_claims"
        | "eco_actors" => "user_id = $1".to_owned(),
        "privacy_tokens" => "email = $2".to_owned(),
        "rate_events" => "bucket LIKE '%:' || $2".to_owned(),
        "outbox" => "recipient = $2".to_owned(),
        "registrations" | "beneficiaries" => "email = $2 OR person_key = $3".to_owned(),
        "survey_responses" => format!("registration_id IN {REGISTRATIONS}"),
        "events" => "created_by = $1".to_owned(),
        "beneficiary_coaches" | "appointments" | "accompaniments" | "module_completions" | "passports" => {
            format!("beneficiary_id IN {BENEFICIARIES}")
        }
        "coach_exceptions" => format!("coach_id IN {COACHES}"),
        "listing_reports" => "contact = $2".to_owned(),
        "listing_versions" => "author_id = $1".to_owned(),
        "eco_introductions" => format!("requester_id IN {ACTORS} OR recipient_id IN {ACTORS}"),
        "eco_meetings" => {
            format!("introduction_id IN (SELECT id FROM eco_introductions WHERE requester_id IN {ACTORS} OR recipient_id IN {ACTORS})")
        }
        "eco_reports" => format!("reporter_id = $1 OR actor_id IN {ACTORS}"),
        "partner_offers" => "submitted_by = $1".to_owned(),
        "questionnaires" => "published_by = $1".to_owned(),
        "passport_paths" | "stat_targets" => "updated_by = $1".to_owned(),
        _ => return None,
    };
    Some(sql)
}
