//! Sessions kept in the application's database, so that any instance can serve any request.

use crate::db::Db;
use sea_query::{Expr, ExprTrait, OnConflict, Query};
use std::sync::Arc;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{Error, Result, SessionStore};
use tremplin_kernel::Clock;

/// A [`SessionStore`] over [`Db`]. A visitor without a session cookie never creates a row:
/// tower-sessions only saves sessions that hold data.
#[derive(Debug, Clone)]
pub struct DbSessionStore {
    db: Db,
    clock: Arc<dyn Clock>,
}

impl DbSessionStore {
    /// A store on `db`, telling expiry by `clock`.
    pub fn new(db: Db, clock: Arc<dyn Clock>) -> Self {
        Self { db, clock }
    }

    /// Deletes expired sessions; returns how many.
    pub async fn delete_expired(&self) -> tremplin_domain::StoreResult<u64> {
        self.db.execute(Query::delete().from_table("sessions").and_where(Expr::col("expires_at").lt(self.clock.now_ts()))).await
    }
}

fn backend(e: impl std::fmt::Display) -> Error {
    Error::Backend(e.to_string())
}

#[async_trait::async_trait]
impl SessionStore for DbSessionStore {
    /// Inserts only if the id is free, drawing a new id on the (astronomically rare) collision,
    /// so that a new session can never overwrite another visitor's.
    async fn create(&self, record: &mut Record) -> Result<()> {
        let data = serde_json::to_string(&record.data).map_err(|e| Error::Encode(e.to_string()))?;
        loop {
            let inserted = self
                .db
                .execute(
                    Query::insert()
                        .into_table("sessions")
                        .columns(["id", "data", "expires_at"])
                        .values_panic([record.id.to_string().into(), data.clone().into(), record.expiry_date.unix_timestamp().into()])
                        .on_conflict(OnConflict::column("id").do_nothing().to_owned()),
                )
                .await
                .map_err(backend)?;
            if inserted == 1 {
                return Ok(());
            }
            record.id = Id::default();
        }
    }

    async fn save(&self, record: &Record) -> Result<()> {
        let data = serde_json::to_string(&record.data).map_err(|e| Error::Encode(e.to_string()))?;
        self.db
            .execute(
                Query::insert()
                    .into_table("sessions")
                    .columns(["id", "data", "expires_at"])
                    .values_panic([record.id.to_string().into(), data.into(), record.expiry_date.unix_timestamp().into()])
                    .on_conflict(OnConflict::column("id").update_columns(["data", "expires_at"]).to_owned()),
            )
            .await
            .map(|_| ())
            .map_err(backend)
    }

    async fn load(&self, id: &Id) -> Result<Option<Record>> {
        let row: Option<(String, i64)> = self
            .db
            .fetch_optional(
                Query::select()
                    .columns(["data", "expires_at"])
                    .from("sessions")
                    .and_where(Expr::col("id").eq(id.to_string()))
                    .and_where(Expr::col("expires_at").gt(self.clock.now_ts())),
            )
            .await
            .map_err(backend)?;
        let Some((data, expires_at)) = row else {
            return Ok(None);
        };
        Ok(Some(Record {
            id: *id,
            data: serde_json::from_str(&data).map_err(|e| Error::Decode(e.to_string()))?,
            expiry_date: time::OffsetDateTime::from_unix_timestamp(expires_at).map_err(|e| Error::Decode(e.to_string()))?,
        }))
    }

    async fn delete(&self, id: &Id) -> Result<()> {
        self.db
            .execute(Query::delete().from_table("sessions").and_where(Expr::col("id").eq(id.to_string())))
            .await
            .map(|_| ())
            .map_err(backend)
    }
}
