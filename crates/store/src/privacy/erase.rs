//! Erasing a person, in one transaction: every table of the catalogue gets its rule.
//! Rows that statistics count (registrations, coaching, diagnostics, passports) stay with
//! their personal values replaced, and the person key replaced by one random key for all of
//! the person's rows, so that each person still counts once and the triggers re-mark exactly
//! the buckets and people that moved (nothing does: the figures stay identical).

use super::{Subject, beneficiaries, condition, registrations};
use crate::db::{Db, Result, Tx};
use sea_query::{Cond, Expr, ExprTrait, Query, SimpleExpr, Value};
use tremplin_domain::privacy::access_log::email_hash;
use tremplin_kernel::token::{new_public_id, new_token};

/// What was changed, table by table (rows), for the confirmation page and the tests.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ErasureReport {
    /// (table, rows changed or deleted), tables without a change left out.
    pub tables: Vec<(&'static str, u64)>,
}

impl ErasureReport {
    /// Rows changed in all.
    pub fn total(&self) -> u64 {
        self.tables.iter().map(|(_, n)| n).sum()
    }
}

fn on(table: &str, subject: &Subject) -> Cond {
    condition(table, subject).unwrap_or_else(|| panic!("no condition for {table}"))
}

struct Eraser<'a> {
    tx: &'a mut Tx,
    subject: &'a Subject,
    report: ErasureReport,
}

impl Eraser<'_> {
    async fn delete(&mut self, table: &'static str) -> Result<()> {
        let n = self.tx.execute(&Query::delete().from_table(table).cond_where(on(table, self.subject)).to_owned()).await?;
        self.count(table, n);
        Ok(())
    }

    async fn update(&mut self, table: &'static str, values: Vec<(&'static str, SimpleExpr)>, filter: impl Into<Cond>) -> Result<()> {
        let mut update = Query::update();
        update.table(table).values(values).cond_where(filter.into());
        let n = self.tx.execute(&update).await?;
        self.count(table, n);
        Ok(())
    }

    /// Clears `column` where it points at the account.
    async fn unlink(&mut self, table: &'static str, column: &'static str) -> Result<()> {
        let Some(user_id) = self.subject.user_id else { return Ok(()) };
        let null: SimpleExpr = Expr::val(Value::BigInt(None));
        self.update(table, vec![(column, null)], Expr::col(column).eq(user_id)).await
    }

    fn count(&mut self, table: &'static str, n: u64) {
        if n == 0 {
            return;
        }
        match self.report.tables.iter_mut().find(|(t, _)| *t == table) {
            Some((_, total)) => *total += n,
            None => self.report.tables.push((table, n)),
        }
    }
}

fn text(value: &str) -> SimpleExpr {
    Expr::val(value)
}

fn null_text() -> SimpleExpr {
    Expr::val(Value::String(None))
}

/// Erases everything held about `subject` at `now`, in one transaction.
pub async fn erase(db: &Db, subject: &Subject, now: i64) -> Result<ErasureReport> {
    let mut tx = db.begin().await?;
    let report = erase_in(&mut tx, subject, now).await?;
    tx.commit().await?;
    Ok(report)
}

/// [`erase`] inside the caller's transaction (the retention job erases inactive accounts).
pub async fn erase_in(tx: &mut Tx, subject: &Subject, now: i64) -> Result<ErasureReport> {
    let mut e = Eraser { tx, subject, report: ErasureReport::default() };
    // One new key for all of the person's rows: they still count as one person.
    let key = format!("erased:{}", new_public_id());
    let blank = || text("");

    // Rows found through the person's registrations, coaching files and profiles first,
    // while their e-mail still finds them.
    e.update("survey_responses", vec![("comment", blank())], on("survey_responses", subject)).await?;
    for table in ["beneficiary_coaches", "appointments", "accompaniments", "module_completions", "passports"] {
        let values = match table {
            "beneficiary_coaches" => vec![("reason", blank())],
            "appointments" => vec![("need", blank()), ("secret", text(&new_token()))],
            "accompaniments" => vec![("summary", blank()), ("next_steps", blank())],
            "module_completions" => vec![("evidence", blank())],
            // Not revoked: the skills were acquired; the holder's page and name go (see
            // ARCHITECTURE, "Personal data").
            _ => vec![
                ("holder_name", blank()),
                ("business", blank()),
                ("show_name", Expr::val(false)),
                ("show_modules", Expr::val(false)),
                ("secret", text(&new_token())),
            ],
        };
        e.update(table, values, on(table, subject)).await?;
    }
    e.update("coach_exceptions", vec![("note", blank())], on("coach_exceptions", subject)).await?;
    let anonymous_person =
        || vec![("name", blank()), ("email", null_text()), ("phone", null_text()), ("business", blank()), ("person_key", text(&key))];
    let mut registration = anonymous_person();
    registration.push(("secret", text(&new_token())));
    e.update("registrations", registration, Expr::col("id").in_subquery(registrations(subject))).await?;
    e.update("beneficiaries", anonymous_person(), Expr::col("id").in_subquery(beneficiaries(subject))).await?;
    e.update("listing_reports", vec![("contact", blank())], on("listing_reports", subject)).await?;
    // Another actor may give the address as its contact.
    e.update(
        "eco_actors",
        vec![("contact_name", blank()), ("contact_email", blank()), ("contact_phone", blank())],
        Expr::col("contact_email").eq(subject.email.as_str()),
    )
    .await?;
    for table in ["privacy_tokens", "rate_events", "outbox"] {
        e.delete(table).await?;
    }
    // The staff access log stays as evidence that someone was read, not who: the name shown and
    // the account go, the e-mail's hash stays until the log's own retention ends (so that the
    // person, asking again with their address, can still be told who read their data).
    let mut read_about = Cond::any().add(Expr::col("subject_email_hash").eq(email_hash(&subject.email)));
    if let Some(user_id) = subject.user_id {
        read_about = read_about.add(Expr::col("subject_user_id").eq(user_id));
    }
    e.update("staff_access_log", vec![("subject_label", blank()), ("subject_user_id", Expr::val(Value::BigInt(None)))], read_about).await?;

    if let Some(user_id) = subject.user_id {
        e.update(
            "coaches",
            vec![
                ("display_name", blank()),
                ("presentation", blank()),
                ("base_address", blank()),
                ("slug", text(&format!("erased-{}", new_public_id().to_ascii_lowercase()))),
                ("active", Expr::val(false)),
                ("feed_secret", text(&new_token())),
            ],
            on("coaches", subject),
        )
        .await?;
        // The ecosystem profile goes with its introductions, meetings and reports (cascade).
        for table in ["eco_actors", "role_grants", "auth_tokens", "listing_owners", "listing_claims"] {
            e.delete(table).await?;
        }
        for (table, column) in [
            ("events", "created_by"),
            ("diagnostics", "user_id"),
            ("listing_versions", "author_id"),
            ("listing_claims", "decided_by"),
            ("listing_reports", "closed_by"),
            ("eco_reports", "reporter_id"),
            ("eco_reports", "handled_by"),
            ("partner_offers", "submitted_by"),
            ("partner_offers", "reviewed_by"),
            ("questionnaires", "published_by"),
            ("passport_paths", "updated_by"),
            ("stat_targets", "updated_by"),
            ("passports", "revoked_by"),
            ("role_grants", "granted_by"),
            ("beneficiary_coaches", "shared_by"),
        ] {
            e.unlink(table, column).await?;
        }
        // The tombstone: nothing can log in to it or reach it by mail.
        e.update(
            "users",
            vec![
                ("email", text(&format!("erased-{user_id}@erased.invalid"))),
                ("display_name", blank()),
                ("password_hash", null_text()),
                ("is_platform_admin", Expr::val(false)),
                ("erased_at", Expr::val(now)),
            ],
            Expr::col("id").eq(user_id),
        )
        .await?;
    }
    Ok(e.report)
}
