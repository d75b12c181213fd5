//! What an operator watches besides requests: the work waiting in the database (e-mails not
//! sent yet, statistics marks not settled yet) and the connection pool.

use crate::db::{Db, Result};
use sea_query::{Expr, ExprTrait, Func, Query};

/// Work waiting in the database.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Backlog {
    /// E-mails waiting to be sent (first try or retry).
    pub outbox_pending: i64,
    /// E-mails given up after every attempt, left for an operator.
    pub outbox_failed: i64,
    /// When the oldest waiting e-mail was written (unix seconds), if any.
    pub oldest_pending_at: Option<i64>,
    /// Statistics marks that the worker has not settled yet.
    pub stat_marks_pending: i64,
}

/// Reads the backlog: a few indexed counts (the outbox is indexed by status).
pub async fn backlog(db: &Db) -> Result<Backlog> {
    let (outbox_pending, oldest_pending_at): (i64, Option<i64>) = db
        .fetch_one(
            Query::select()
                .expr(Func::count(Expr::col("id")))
                .expr(Func::min(Expr::col("created_at")))
                .from("outbox")
                .and_where(Expr::col("status").eq("pending")),
        )
        .await?;
    let (outbox_failed,): (i64,) =
        db.fetch_one(Query::select().expr(Func::count(Expr::col("id"))).from("outbox").and_where(Expr::col("status").eq("failed"))).await?;
    let (stat_marks_pending,): (i64,) = db.fetch_one(Query::select().expr(Func::count(Expr::col("id"))).from("stat_dirty")).await?;
    Ok(Backlog { outbox_pending, outbox_failed, oldest_pending_at, stat_marks_pending })
}

/// Connections of the pool: open, and idle among them.
pub fn pool_connections(db: &Db) -> (u32, usize) {
    match db {
        Db::Sqlite(pool) => (pool.size(), pool.num_idle()),
        Db::Pg(pool) => (pool.size(), pool.num_idle()),
    }
}
