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

use sea_query::{Cond, Expr, ExprTrait, Query, SelectStatement};

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

    fn uid(&self) -> i64 {
        self.user_id.unwrap_or(-1)
    }
}

fn ids_of(table: &str, filter: Cond) -> SelectStatement {
    Query::select().column("id").from(table.to_owned()).cond_where(filter).to_owned()
}

/// The person's registrations or coaching files (`table`): by address or person key.
fn own(subject: &Subject) -> Cond {
    Cond::any().add(Expr::col("email").eq(subject.email.as_str())).add(Expr::col("person_key").eq(subject.person_key()))
}

/// The person's registrations.
pub(crate) fn registrations(subject: &Subject) -> SelectStatement {
    ids_of("registrations", own(subject))
}

/// The person's coaching files (one per territory).
pub(crate) fn beneficiaries(subject: &Subject) -> SelectStatement {
    ids_of("beneficiaries", own(subject))
}

fn actors(subject: &Subject) -> SelectStatement {
    ids_of("eco_actors", Cond::all().add(Expr::col("user_id").eq(subject.uid())))
}

fn coaches(subject: &Subject) -> SelectStatement {
    ids_of("coaches", Cond::all().add(Expr::col("user_id").eq(subject.uid())))
}

/// Which rows of `table` are about the person; `None` for a table of the catalogue read
/// otherwise (the access log, whose rows are the staff's actions and have their own page).
pub fn condition(table: &str, subject: &Subject) -> Option<Cond> {
    let uid = |column: &str| Cond::all().add(Expr::col(column.to_owned()).eq(subject.uid()));
    let of = |column: &str, select: SelectStatement| Cond::all().add(Expr::col(column.to_owned()).in_subquery(select));
    let by_actors = || {
        Cond::any().add(Expr::col("requester_id").in_subquery(actors(subject))).add(Expr::col("recipient_id").in_subquery(actors(subject)))
    };
    let cond = match table {
        "users" => uid("id"),
        "role_grants" | "auth_tokens" | "event_trainers" | "coaches" | "diagnostics" | "listing_owners" | "listing_claims"
        | "eco_actors" => uid("user_id"),
        "privacy_tokens" => Cond::all().add(Expr::col("email").eq(subject.email.as_str())),
        // Rate-limit buckets end with the address (`login:<address>`, `link:<address>`…).
        "rate_events" => Cond::all().add(Expr::col("bucket").like(format!("%:{}", subject.email))),
        "outbox" => Cond::all().add(Expr::col("recipient").eq(subject.email.as_str())),
        "registrations" | "beneficiaries" => own(subject),
        "survey_responses" => of("registration_id", registrations(subject)),
        "events" => uid("created_by"),
        "beneficiary_coaches" | "appointments" | "accompaniments" | "module_completions" | "passports" => {
            of("beneficiary_id", beneficiaries(subject))
        }
        "coach_exceptions" => of("coach_id", coaches(subject)),
        "listing_reports" => Cond::all().add(Expr::col("contact").eq(subject.email.as_str())),
        "listing_versions" => uid("author_id"),
        "eco_introductions" => by_actors(),
        "eco_meetings" => of("introduction_id", ids_of("eco_introductions", by_actors())),
        "eco_reports" => {
            Cond::any().add(Expr::col("reporter_id").eq(subject.uid())).add(Expr::col("actor_id").in_subquery(actors(subject)))
        }
        "partner_offers" => uid("submitted_by"),
        "questionnaires" => uid("published_by"),
        "passport_paths" | "stat_targets" => uid("updated_by"),
        // Reads of the person's data by staff.
        "staff_access_log" => Cond::any()
            .add(Expr::col("subject_user_id").eq(subject.uid()))
            .add(Expr::col("subject_email_hash").eq(tremplin_domain::privacy::access_log::email_hash(&subject.email))),
        _ => return None,
    };
    Some(cond)
}

#[cfg(test)]
mod tests {
    use super::*;
    use sea_query::{PostgresQueryBuilder, SqliteQueryBuilder};

    #[test]
    fn conditions_render_on_both_engines() {
        let subject = Subject { user_id: Some(7), email: "a@b.fr".into() };
        let select = Query::select()
            .column("id")
            .from("survey_responses")
            .cond_where(condition("survey_responses", &subject).expect("rule"))
            .to_owned();
        for sql in [select.to_string(SqliteQueryBuilder), select.to_string(PostgresQueryBuilder)] {
            assert!(sql.contains(r#""email" = 'a@b.fr' OR "person_key" = 'email:a@b.fr'"#), "{sql}");
        }
    }
}
