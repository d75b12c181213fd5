//! Tremplin's persistence: every store trait of the domain implemented once with sea-query
//! and run on SQLite or PostgreSQL through [`Db`].

mod accounts;
mod db;
pub mod outbox;
pub mod reference;
pub mod sessions;
mod territories;

pub use db::{AnyRow, Db, Engine, Tx};
pub use sessions::DbSessionStore;

use tremplin_domain::{StoreError, StoreResult};

/// Brings a database to the current schema and loads the reference geography if missing.
pub async fn prepare(db: &Db) -> StoreResult<()> {
    db.migrate().await.map_err(|e| StoreError(format!("migrations: {e}")))?;
    reference::load_if_empty(db).await
}
