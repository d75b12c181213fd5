//! The retention job: erases or anonymises what has been kept long enough
//! (`domain::privacy::RetentionPolicy`). Run once a day (see `schedule`); every step is a
//! conditional statement, so running it twice changes nothing the second time.
//!
//! Registrations and coaching files are anonymised per person, once the person's *last*
//! activity is older than the period: all of a person's rows get one new random key at
//! once, so that statistics (which count each person once) stay exact. A person who keeps
//! coming keeps their history until they stop.

use super::Subject;
use super::erase::erase_in;
use crate::db::{Db, Result, Tx};
use crate::outbox;
use sea_query::{Expr, ExprTrait, Query, SimpleExpr, Value};
use std::collections::BTreeMap;
use tremplin_domain::notifications::MailRequest;
use tremplin_domain::privacy::RetentionPolicy;
use tremplin_kernel::token::{new_public_id, new_token};
use tremplin_kernel::{Email, Locale};

/// A warning is sent this long before an inactive account is erased.
pub const INACTIVITY_NOTICE_SECS: i64 = 30 * 86_400;
const DAY: i64 = 86_400;

/// What one run changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RetentionReport {
    /// Registrations anonymised.
    pub registrations: u64,
    /// Coaching files (beneficiaries) anonymised, with their notes.
    pub beneficiaries: u64,
    /// Inactive accounts warned.
    pub accounts_warned: u64,
    /// Inactive accounts erased.
    pub accounts_erased: u64,
    /// Closed introductions deleted (with their meetings).
    pub introductions: u64,
    /// Closed reports deleted.
    pub reports: u64,
    /// Access-log rows deleted.
    pub access_log: u64,
    /// Sent e-mails deleted from the outbox.
    pub sent_mail: u64,
    /// Expired links deleted.
    pub tokens: u64,
}

impl RetentionReport {
    /// Rows changed in all.
    pub fn total(&self) -> u64 {
        self.registrations
            + self.beneficiaries
            + self.accounts_warned
            + self.accounts_erased
            + self.introductions
            + self.reports
            + self.access_log
            + self.sent_mail
            + self.tokens
    }
}

fn blank() -> SimpleExpr {
    Expr::val("")
}

fn null_text() -> SimpleExpr {
    Expr::val(Value::String(None))
}

fn cutoff(now: i64, months: u32) -> i64 {
    now - RetentionPolicy::months_secs(months)
}

/// Enforces `policy` at `now`.
pub async fn enforce(db: &Db, policy: &RetentionPolicy, now: i64) -> Result<RetentionReport> {
    let mut report = RetentionReport {
        registrations: registrations(db, cutoff(now, policy.registrations_months)).await?,
        beneficiaries: coaching(db, cutoff(now, policy.coaching_months)).await?,
        ..RetentionReport::default()
    };
    (report.accounts_warned, report.accounts_erased) = inactive_accounts(db, cutoff(now, policy.inactive_accounts_months), now).await?;
    report.introductions = db
        .execute(
            Query::delete()
                .from_table("eco_introductions")
                .and_where(Expr::col("status").is_in(["declined", "withdrawn", "expired"]))
                .and_where(Expr::cust(format!("COALESCE(answered_at, due_at, created_at) < {}", cutoff(now, policy.introductions_months)))),
        )
        .await?;
    let reports_cutoff = cutoff(now, policy.reports_months);
    report.reports = db
        .execute(
            Query::delete()
                .from_table("listing_reports")
                .and_where(Expr::col("status").ne("open"))
                .and_where(Expr::col("closed_at").lt(reports_cutoff)),
        )
        .await?
        + db.execute(
            Query::delete()
                .from_table("eco_reports")
                .and_where(Expr::col("status").eq("closed"))
                .and_where(Expr::col("handled_at").lt(reports_cutoff)),
        )
        .await?;
    report.access_log = access_log(db, cutoff(now, policy.access_log_months)).await?;
    report.sent_mail = db
        .execute(
            Query::delete()
                .from_table("outbox")
                .and_where(Expr::col("status").eq("sent"))
                .and_where(Expr::col("sent_at").lt(now - i64::from(policy.sent_mail_days) * DAY)),
        )
        .await?;
    for table in ["privacy_tokens", "auth_tokens"] {
        report.tokens += db.execute(Query::delete().from_table(table).and_where(Expr::col("expires_at").lt(now - DAY))).await?;
    }
    Ok(report)
}

/// The staff access log (`staff_access_log`, migration 0020).
async fn access_log(db: &Db, cutoff: i64) -> Result<u64> {
    db.execute(Query::delete().from_table("staff_access_log").and_where(Expr::col("at").lt(cutoff))).await
}

/// Registrations of people whose last workshop ended before `cutoff`.
async fn registrations(db: &Db, cutoff: i64) -> Result<u64> {
    let rows: Vec<(i64, String, i64)> = db
        .fetch_all(
            Query::select()
                .columns([("registrations", "id"), ("registrations", "person_key")])
                .column(("events", "ends_at"))
                .from("registrations")
                .inner_join("events", Expr::col(("events", "id")).equals(("registrations", "event_id")))
                .and_where(Expr::cust("(registrations.person_key NOT LIKE 'erased:%' OR registrations.name <> '')")),
        )
        .await?;
    // Per person key, the rows and the last end; walk-ins known by name only are their own.
    let mut people: BTreeMap<String, (Vec<i64>, i64)> = BTreeMap::new();
    for (id, key, ends_at) in rows {
        let key = if key.is_empty() { format!("registration:{id}") } else { key };
        let entry = people.entry(key).or_insert((Vec::new(), i64::MIN));
        entry.0.push(id);
        entry.1 = Ord::max(entry.1, ends_at);
    }
    let mut tx = db.begin().await?;
    let mut changed = 0;
    for (key, (ids, last)) in people {
        if last >= cutoff {
            continue;
        }
        let mut values = vec![("name", blank()), ("email", null_text()), ("phone", null_text()), ("business", blank())];
        if !key.starts_with("registration:") {
            values.push(("person_key", Expr::val(format!("erased:{}", new_public_id()))));
            values.push(("secret", Expr::val(new_token())));
        }
        changed += tx.execute(Query::update().table("registrations").values(values).and_where(Expr::col("id").is_in(ids.clone()))).await?;
        tx.execute(Query::update().table("survey_responses").value("comment", "").and_where(Expr::col("registration_id").is_in(ids)))
            .await?;
    }
    tx.commit().await?;
    Ok(changed)
}

/// Coaching files of people whose last appointment or follow-up is before `cutoff`.
async fn coaching(db: &Db, cutoff: i64) -> Result<u64> {
    let files: Vec<(i64, String, i64)> = db
        .fetch_all(
            Query::select()
                .columns(["id", "person_key", "updated_at"])
                .from("beneficiaries")
                .and_where(Expr::cust("(person_key NOT LIKE 'erased:%' OR name <> '')")),
        )
        .await?;
    let mut last_of: BTreeMap<i64, i64> = files.iter().map(|(id, _, updated)| (*id, *updated)).collect();
    for (table, column) in [("appointments", "starts_at"), ("accompaniments", "occurred_at")] {
        let rows: Vec<(i64, Option<i64>)> = db
            .fetch_all(Query::select().column("beneficiary_id").expr(Expr::col(column).max()).from(table).group_by_col("beneficiary_id"))
            .await?;
        for (id, at) in rows {
            if let (Some(last), Some(at)) = (last_of.get_mut(&id), at) {
                *last = Ord::max(*last, at);
            }
        }
    }
    let mut people: BTreeMap<String, (Vec<i64>, i64)> = BTreeMap::new();
    for (id, key, _) in &files {
        let entry = people.entry(key.clone()).or_insert((Vec::new(), i64::MIN));
        entry.0.push(*id);
        entry.1 = Ord::max(entry.1, last_of[id]);
    }
    let mut tx = db.begin().await?;
    let mut changed = 0;
    for (_, (ids, last)) in people {
        if last >= cutoff {
            continue;
        }
        changed += anonymise_files(&mut tx, ids).await?;
    }
    tx.commit().await?;
    Ok(changed)
}

async fn anonymise_files(tx: &mut Tx, ids: Vec<i64>) -> Result<u64> {
    let key = format!("erased:{}", new_public_id());
    let changed = tx
        .execute(
            Query::update()
                .table("beneficiaries")
                .values([
                    ("name", blank()),
                    ("email", null_text()),
                    ("phone", null_text()),
                    ("business", blank()),
                    ("person_key", Expr::val(key)),
                ])
                .and_where(Expr::col("id").is_in(ids.clone())),
        )
        .await?;
    for (table, columns) in [
        ("accompaniments", &["summary", "next_steps"][..]),
        ("appointments", &["need"][..]),
        ("beneficiary_coaches", &["reason"][..]),
        ("module_completions", &["evidence"][..]),
    ] {
        let mut update = Query::update();
        update.table(table).and_where(Expr::col("beneficiary_id").is_in(ids.clone()));
        for column in columns {
            update.value(*column, "");
        }
        tx.execute(&update).await?;
    }
    Ok(changed)
}

/// Warns accounts inactive for the period less a month, and erases those warned a month ago
/// that did not come back. Platform administrators are never erased this way.
async fn inactive_accounts(db: &Db, cutoff: i64, now: i64) -> Result<(u64, u64)> {
    const ACTIVITY: &str = "COALESCE(last_seen_at, created_at)";
    let to_warn: Vec<(i64, String, String)> = db
        .fetch_all(
            Query::select()
                .columns(["id", "email", "locale"])
                .from("users")
                .and_where(Expr::col("erased_at").is_null())
                .and_where(Expr::col("is_platform_admin").eq(false))
                .and_where(Expr::cust(format!("{ACTIVITY} < {}", cutoff + INACTIVITY_NOTICE_SECS)))
                .and_where(Expr::cust(format!("(inactivity_warned_at IS NULL OR inactivity_warned_at < {ACTIVITY})"))),
        )
        .await?;
    let mut warned = 0;
    for (id, email, locale) in to_warn {
        let mut tx = db.begin().await?;
        tx.execute(Query::update().table("users").value("inactivity_warned_at", now).and_where(Expr::col("id").eq(id))).await?;
        if let Ok(to) = Email::parse(&email) {
            let mail = MailRequest::new("account_inactive", to, Locale::parse(&locale).unwrap_or(Locale::Fr));
            outbox::enqueue(&mut tx, &mail, now).await?;
        }
        tx.commit().await?;
        warned += 1;
    }
    let to_erase: Vec<(i64, String)> = db
        .fetch_all(
            Query::select()
                .columns(["id", "email"])
                .from("users")
                .and_where(Expr::col("erased_at").is_null())
                .and_where(Expr::col("is_platform_admin").eq(false))
                .and_where(Expr::cust(format!("{ACTIVITY} < {cutoff}")))
                .and_where(Expr::cust(format!("inactivity_warned_at > {ACTIVITY}")))
                .and_where(Expr::col("inactivity_warned_at").lte(now - INACTIVITY_NOTICE_SECS)),
        )
        .await?;
    let mut erased = 0;
    for (id, email) in to_erase {
        let mut tx = db.begin().await?;
        erase_in(&mut tx, &Subject { user_id: Some(id), email }, now).await?;
        tx.commit().await?;
        erased += 1;
    }
    Ok((warned, erased))
}

/// Records a login (the activity the inactive-account rule looks at).
pub async fn touch_login(db: &Db, user_id: i64, now: i64) -> Result<()> {
    db.execute(Query::update().table("users").value("last_seen_at", now).and_where(Expr::col("id").eq(user_id))).await.map(|_| ())
}
