//! Single-use links e-mailed to an address to download or erase its data (people without
//! an account, or accounts that have no password to confirm with). Only the SHA-256 of a
//! token is stored; a token serves one purpose, expires and is used up by one conditional
//! update.

use crate::db::{Db, Result};
use crate::outbox;
use sea_query::{Expr, ExprTrait, Query};
use tremplin_domain::notifications::MailRequest;

/// Stores a token's hash for `email` and enqueues the e-mail that carries it, atomically.
pub async fn issue(db: &Db, email: &str, purpose: &str, token_hash: &str, now: i64, expires_at: i64, mail: &MailRequest) -> Result<()> {
    let mut tx = db.begin().await?;
    tx.execute(
        Query::insert()
            .into_table("privacy_tokens")
            .columns(["token_hash", "email", "purpose", "created_at", "expires_at"])
            .values_panic([token_hash.into(), email.into(), purpose.into(), now.into(), expires_at.into()]),
    )
    .await?;
    outbox::enqueue(&mut tx, mail, now).await?;
    tx.commit().await
}

/// The address of a valid token of `purpose`, without using it up (to show the page).
pub async fn peek(db: &Db, token_hash: &str, purpose: &str, now: i64) -> Result<Option<String>> {
    let row: Option<(String,)> = db
        .fetch_optional(
            Query::select()
                .column("email")
                .from("privacy_tokens")
                .and_where(Expr::col("token_hash").eq(token_hash))
                .and_where(Expr::col("purpose").eq(purpose))
                .and_where(Expr::col("used_at").is_null())
                .and_where(Expr::col("expires_at").gt(now)),
        )
        .await?;
    Ok(row.map(|(email,)| email))
}

/// Uses up a valid token of `purpose`; its address, or `None` if it is unknown, used,
/// expired or of another purpose.
pub async fn consume(db: &Db, token_hash: &str, purpose: &str, now: i64) -> Result<Option<String>> {
    let row: Option<(String,)> = db
        .fetch_optional(
            Query::update()
                .table("privacy_tokens")
                .value("used_at", now)
                .and_where(Expr::col("token_hash").eq(token_hash))
                .and_where(Expr::col("purpose").eq(purpose))
                .and_where(Expr::col("used_at").is_null())
                .and_where(Expr::col("expires_at").gt(now))
                .returning_col("email"),
        )
        .await?;
    Ok(row.map(|(email,)| email))
}
