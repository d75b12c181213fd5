//! The e-mail outbox: messages are written in the transaction of the change that causes
//! them and claimed by workers (`FOR UPDATE SKIP LOCKED` on PostgreSQL, the write lock of
//! `BEGIN IMMEDIATE` on SQLite), so several instances never send one message twice.

use crate::db::{Db, Result, Tx, store_err};
use sea_query::{Expr, ExprTrait, LockBehavior, LockType, Order, Query, Value};
use std::collections::BTreeMap;
use tremplin_domain::notifications::MailRequest;

/// After this many failed attempts a message is marked failed and left for an operator.
pub const MAX_ATTEMPTS: i64 = 10;

/// A message claimed for delivery.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct OutboxMessage {
    /// Row id.
    pub id: i64,
    /// Template identifier.
    pub template: String,
    /// Recipient address.
    pub recipient: String,
    /// Recipient language tag.
    pub locale: String,
    /// JSON object of template values.
    pub params: String,
    /// Attempts made so far.
    pub attempts: i64,
}

impl OutboxMessage {
    /// The template values.
    pub fn params(&self) -> BTreeMap<String, String> {
        serde_json::from_str(&self.params).unwrap_or_default()
    }
}

/// Columns of a new outbox row.
const COLUMNS: [&str; 8] = ["template", "recipient", "locale", "params", "status", "attempts", "next_attempt_at", "created_at"];

fn row(mail: &MailRequest, now: i64) -> Result<[Value; 8]> {
    let params = serde_json::to_string(&mail.params).map_err(store_err)?;
    Ok([
        mail.template.into(),
        mail.to.as_str().into(),
        mail.locale.tag().into(),
        params.into(),
        "pending".into(),
        0i64.into(),
        now.into(),
        now.into(),
    ])
}

/// Adds a message to the outbox inside the caller's transaction.
pub async fn enqueue(tx: &mut Tx, mail: &MailRequest, now: i64) -> Result<()> {
    enqueue_all(tx, std::slice::from_ref(mail), now).await
}

/// Adds messages to the outbox inside the caller's transaction, a few statements for all.
pub async fn enqueue_all(tx: &mut Tx, mails: &[MailRequest], now: i64) -> Result<()> {
    let rows = mails.iter().map(|mail| row(mail, now)).collect::<Result<Vec<_>>>()?;
    tx.insert_rows("outbox", COLUMNS, rows).await.map(|_| ())
}

/// Claims up to `limit` due messages for `lease_secs`: other workers skip them until the
/// lease ends, so a worker that dies mid-way only delays its messages.
pub async fn claim_due(db: &Db, now: i64, limit: u64, lease_secs: i64) -> Result<Vec<OutboxMessage>> {
    let mut tx = db.begin().await?;
    let due: Vec<(i64,)> = tx
        .fetch_all(
            Query::select()
                .column("id")
                .from("outbox")
                .and_where(Expr::col("status").eq("pending"))
                .and_where(Expr::col("next_attempt_at").lte(now))
                .and_where(Expr::col("locked_until").is_null().or(Expr::col("locked_until").lt(now)))
                .order_by("id", Order::Asc)
                .limit(limit)
                .lock_with_behavior(LockType::Update, LockBehavior::SkipLocked),
        )
        .await?;
    if due.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<i64> = due.into_iter().map(|r| r.0).collect();
    let claimed: Vec<OutboxMessage> = tx
        .fetch_all(
            Query::update()
                .table("outbox")
                .value("locked_until", now + lease_secs)
                .and_where(Expr::col("id").is_in(ids))
                .returning(Query::returning().columns(["id", "template", "recipient", "locale", "params", "attempts"])),
        )
        .await?;
    tx.commit().await?;
    Ok(claimed)
}

/// Records a delivery; the template values (which may hold a login link) are erased.
pub async fn mark_sent(db: &Db, id: i64, now: i64) -> Result<()> {
    db.execute(
        Query::update()
            .table("outbox")
            .value("status", "sent")
            .value("sent_at", now)
            .value("params", "{}")
            .value("locked_until", Option::<i64>::None)
            .value("attempts", Expr::col("attempts").add(1))
            .and_where(Expr::col("id").eq(id)),
    )
    .await
    .map(|_| ())
}

/// Records a failed attempt and schedules the next one with exponential back-off
/// (30 s, 1 min, 2 min … capped at 1 h), or gives up after [`MAX_ATTEMPTS`].
pub async fn mark_failed(db: &Db, message: &OutboxMessage, now: i64, error: &str) -> Result<()> {
    let attempts = message.attempts + 1;
    let delay = Ord::min(30i64 << Ord::clamp(attempts - 1, 0, 7), 3600);
    let status = if attempts >= MAX_ATTEMPTS { "failed" } else { "pending" };
    db.execute(
        Query::update()
            .table("outbox")
            .value("status", status)
            .value("attempts", attempts)
            .value("next_attempt_at", now + delay)
            .value("locked_until", Option::<i64>::None)
            .value("last_error", error.chars().take(500).collect::<String>())
            .and_where(Expr::col("id").eq(message.id)),
    )
    .await
    .map(|_| ())
}

/// Counts of messages per status, for metrics and tests.
pub async fn counts(db: &Db) -> Result<BTreeMap<String, i64>> {
    let rows: Vec<(String, i64)> = db
        .fetch_all(Query::select().column("status").expr(sea_query::Func::count(Expr::col("id"))).from("outbox").group_by_col("status"))
        .await?;
    Ok(rows.into_iter().collect())
}
