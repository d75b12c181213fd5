//! The database handle: one enum over the two engines, and the few helpers that run a
//! sea-query statement on either. Every query of the store goes through these helpers,
//! so a behaviour is written once and rendered per engine.

use sea_query::{Expr, OnConflict, PostgresQueryBuilder, Query, SqliteQueryBuilder, Value};
use sea_query_sqlx::SqlxBinder;
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions, PgRow};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteRow, SqliteSynchronous};
use sqlx::{AssertSqlSafe, FromRow, Postgres, Sqlite, Transaction};
use std::collections::HashMap;
use std::path::PathBuf;
use std::str::FromStr;
use std::sync::{Arc, LazyLock, Mutex};
use std::time::Duration;
use tokio::sync::OwnedMutexGuard;
use tremplin_domain::StoreError;

/// Which engine a [`Db`] runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    /// Embedded SQLite, one file.
    Sqlite,
    /// PostgreSQL server.
    Postgres,
}

/// A pool of connections to SQLite or PostgreSQL.
#[derive(Debug, Clone)]
pub enum Db {
    /// Embedded SQLite.
    Sqlite(SqlitePool),
    /// PostgreSQL.
    Pg(PgPool),
}

/// A row type decodable from both engines.
pub trait AnyRow: for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow> + Send + Unpin {}
impl<T> AnyRow for T where T: for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow> + Send + Unpin {}

/// Converts any sqlx error into the domain's opaque store error.
pub(crate) fn store_err(e: impl std::fmt::Display) -> StoreError {
    StoreError(e.to_string())
}

pub(crate) type Result<T> = std::result::Result<T, StoreError>;

impl Db {
    /// Opens a pool for `url`: `postgres://…` for PostgreSQL, `sqlite://path` (created if
    /// missing) for SQLite, with WAL, foreign keys and a busy timeout.
    pub async fn connect(url: &str) -> std::result::Result<Db, sqlx::Error> {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            // Data sits on SSDs or in memory: the server's default random_page_cost (4, for
            // spinning disks) makes the planner scan half the communes table rather than look
            // up a few hundred rows by key (8 ms instead of 1.5 ms for a territory page).
            let options = PgConnectOptions::from_str(url)?.options([("random_page_cost", "1.1")]);
            let pool = PgPoolOptions::new().max_connections(20).acquire_timeout(Duration::from_secs(5)).connect_with(options).await?;
            Ok(Db::Pg(pool))
        } else if url.starts_with("sqlite:") {
            let options = SqliteConnectOptions::from_str(url)?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10));
            let pool = SqlitePoolOptions::new().max_connections(8).connect_with(options).await?;
            Ok(Db::Sqlite(pool))
        } else {
            Err(sqlx::Error::Configuration("the database URL must start with sqlite: or postgres://".into()))
        }
    }

    /// The engine behind this handle.
    pub fn engine(&self) -> Engine {
        match self {
            Db::Sqlite(_) => Engine::Sqlite,
            Db::Pg(_) => Engine::Postgres,
        }
    }

    /// Applies the migrations of this engine that are not applied yet.
    pub async fn migrate(&self) -> std::result::Result<(), sqlx::migrate::MigrateError> {
        match self {
            Db::Sqlite(pool) => sqlx::migrate!("./migrations/sqlite").run(pool).await,
            Db::Pg(pool) => sqlx::migrate!("./migrations/postgres").run(pool).await,
        }
    }

    /// Answers when the database answers a trivial query.
    pub async fn ping(&self) -> Result<()> {
        match self {
            Db::Sqlite(pool) => sqlx::query("SELECT 1").execute(pool).await.map(|_| ()),
            Db::Pg(pool) => sqlx::query("SELECT 1").execute(pool).await.map(|_| ()),
        }
        .map_err(store_err)
    }

    /// Refreshes the planner's statistics (after bulk loads: without them PostgreSQL scans
    /// every commune to join a handful).
    pub async fn analyze(&self) -> Result<()> {
        match self {
            Db::Sqlite(pool) => sqlx::query("ANALYZE").execute(pool).await.map(|_| ()),
            Db::Pg(pool) => sqlx::query("ANALYZE").execute(pool).await.map(|_| ()),
        }
        .map_err(store_err)
    }

    /// Size of the database on disk, in bytes.
    pub async fn size_bytes(&self) -> Result<i64> {
        match self {
            Db::Sqlite(pool) => {
                let pages: i64 = sqlx::query_scalar("PRAGMA page_count").fetch_one(pool).await.map_err(store_err)?;
                let size: i64 = sqlx::query_scalar("PRAGMA page_size").fetch_one(pool).await.map_err(store_err)?;
                Ok(pages * size)
            }
            Db::Pg(pool) => sqlx::query_scalar("SELECT pg_database_size(current_database())").fetch_one(pool).await.map_err(store_err),
        }
    }

    /// Closes every connection.
    pub async fn close(&self) {
        match self {
            Db::Sqlite(pool) => {
                let writer = WRITERS.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).remove(pool.connect_options().get_filename());
                if let Some(writer) = writer {
                    writer.lock().await.close().await;
                }
                pool.close().await
            }
            Db::Pg(pool) => pool.close().await,
        }
    }

    /// Runs a statement; returns the number of rows changed.
    pub async fn execute(&self, stmt: &impl SqlxBinder) -> Result<u64> {
        match self {
            Db::Sqlite(pool) => {
                let (sql, values) = stmt.build_sqlx(SqliteQueryBuilder);
                sqlx::query_with(AssertSqlSafe(sql), values).execute(pool).await.map(|r| r.rows_affected())
            }
            Db::Pg(pool) => {
                let (sql, values) = stmt.build_sqlx(PostgresQueryBuilder);
                sqlx::query_with(AssertSqlSafe(sql), values).execute(pool).await.map(|r| r.rows_affected())
            }
        }
        .map_err(store_err)
    }

    /// Every row of a query.
    pub async fn fetch_all<T: AnyRow>(&self, stmt: &impl SqlxBinder) -> Result<Vec<T>> {
        match self {
            Db::Sqlite(pool) => {
                let (sql, values) = stmt.build_sqlx(SqliteQueryBuilder);
                sqlx::query_as_with(AssertSqlSafe(sql), values).fetch_all(pool).await
            }
            Db::Pg(pool) => {
                let (sql, values) = stmt.build_sqlx(PostgresQueryBuilder);
                sqlx::query_as_with(AssertSqlSafe(sql), values).fetch_all(pool).await
            }
        }
        .map_err(store_err)
    }

    /// The first row of a query, if any.
    pub async fn fetch_optional<T: AnyRow>(&self, stmt: &impl SqlxBinder) -> Result<Option<T>> {
        match self {
            Db::Sqlite(pool) => {
                let (sql, values) = stmt.build_sqlx(SqliteQueryBuilder);
                sqlx::query_as_with(AssertSqlSafe(sql), values).fetch_optional(pool).await
            }
            Db::Pg(pool) => {
                let (sql, values) = stmt.build_sqlx(PostgresQueryBuilder);
                sqlx::query_as_with(AssertSqlSafe(sql), values).fetch_optional(pool).await
            }
        }
        .map_err(store_err)
    }

    /// Exactly one row of a query.
    pub async fn fetch_one<T: AnyRow>(&self, stmt: &impl SqlxBinder) -> Result<T> {
        self.fetch_optional(stmt).await?.ok_or_else(|| StoreError("expected one row, got none".into()))
    }

    /// Starts a transaction that takes the write lock at once (`BEGIN IMMEDIATE` on SQLite),
    /// so that read-then-write use cases never fail half-way with "database is locked".
    ///
    /// On SQLite, writers of this process first queue on an in-process gate (one per database
    /// file): SQLite admits one writer at a time anyway, and connections that wait for its lock
    /// in its busy handler sleep in growing steps (1, 2, 5 … 100 ms) instead of taking their
    /// turn. Queuing here makes them take turns at once (docs/PERFORMANCE.md, registrations;
    /// registrations go further and share a turn: see `registration_batch`).
    /// Other processes on the same file are still kept out by SQLite's own lock.
    pub async fn begin(&self) -> Result<Tx> {
        match self {
            Db::Sqlite(pool) => {
                let writer = writer_of(pool).lock_owned().await;
                writer.begin_with("BEGIN IMMEDIATE").await.map(|tx| Tx::Sqlite(tx, writer))
            }
            Db::Pg(pool) => pool.begin().await.map(Tx::Pg),
        }
        .map_err(store_err)
    }
}

/// SQLite writers of this process, one per database file (see [`Db::begin`]): a pool of
/// one connection behind an async gate. The writer's own connection means the writer whose
/// turn it is never queues for a connection behind the readers of the main pool.
type Writer = Arc<tokio::sync::Mutex<SqlitePool>>;

static WRITERS: LazyLock<Mutex<HashMap<PathBuf, Writer>>> = LazyLock::new(Mutex::default);

fn writer_of(pool: &SqlitePool) -> Writer {
    let options = pool.connect_options();
    let mut writers = WRITERS.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    writers
        .entry(options.get_filename().to_path_buf())
        .or_insert_with(|| {
            let writer = SqlitePoolOptions::new().max_connections(1).connect_lazy_with((*options).clone());
            Arc::new(tokio::sync::Mutex::new(writer))
        })
        .clone()
}

/// Where a read helper runs: straight on the pool, or inside a transaction (to read what a
/// write is about to decide on, under its lock).
pub enum Reader<'a> {
    /// On the pool.
    Pool(&'a Db),
    /// In a transaction.
    Tx(&'a mut Tx),
}

impl Reader<'_> {
    /// Every row of a query.
    pub async fn fetch_all<T: AnyRow>(&mut self, stmt: &impl SqlxBinder) -> Result<Vec<T>> {
        match self {
            Reader::Pool(db) => db.fetch_all(stmt).await,
            Reader::Tx(tx) => tx.fetch_all(stmt).await,
        }
    }
}

/// An open transaction on either engine. Dropped without [`Tx::commit`], it rolls back.
pub enum Tx {
    /// SQLite, on this process's writer connection, whose turn it holds (released after the
    /// transaction: fields drop in order).
    Sqlite(Transaction<'static, Sqlite>, OwnedMutexGuard<SqlitePool>),
    /// PostgreSQL.
    Pg(Transaction<'static, Postgres>),
}

impl Tx {
    /// Runs a statement; returns the number of rows changed.
    pub async fn execute(&mut self, stmt: &impl SqlxBinder) -> Result<u64> {
        match self {
            Tx::Sqlite(tx, _) => {
                let (sql, values) = stmt.build_sqlx(SqliteQueryBuilder);
                sqlx::query_with(AssertSqlSafe(sql), values).execute(&mut **tx).await.map(|r| r.rows_affected())
            }
            Tx::Pg(tx) => {
                let (sql, values) = stmt.build_sqlx(PostgresQueryBuilder);
                sqlx::query_with(AssertSqlSafe(sql), values).execute(&mut **tx).await.map(|r| r.rows_affected())
            }
        }
        .map_err(store_err)
    }

    /// Every row of a query.
    pub async fn fetch_all<T: AnyRow>(&mut self, stmt: &impl SqlxBinder) -> Result<Vec<T>> {
        match self {
            Tx::Sqlite(tx, _) => {
                let (sql, values) = stmt.build_sqlx(SqliteQueryBuilder);
                sqlx::query_as_with(AssertSqlSafe(sql), values).fetch_all(&mut **tx).await
            }
            Tx::Pg(tx) => {
                let (sql, values) = stmt.build_sqlx(PostgresQueryBuilder);
                sqlx::query_as_with(AssertSqlSafe(sql), values).fetch_all(&mut **tx).await
            }
        }
        .map_err(store_err)
    }

    /// The first row of a query, if any.
    pub async fn fetch_optional<T: AnyRow>(&mut self, stmt: &impl SqlxBinder) -> Result<Option<T>> {
        match self {
            Tx::Sqlite(tx, _) => {
                let (sql, values) = stmt.build_sqlx(SqliteQueryBuilder);
                sqlx::query_as_with(AssertSqlSafe(sql), values).fetch_optional(&mut **tx).await
            }
            Tx::Pg(tx) => {
                let (sql, values) = stmt.build_sqlx(PostgresQueryBuilder);
                sqlx::query_as_with(AssertSqlSafe(sql), values).fetch_optional(&mut **tx).await
            }
        }
        .map_err(store_err)
    }

    /// Exactly one row of a query.
    pub async fn fetch_one<T: AnyRow>(&mut self, stmt: &impl SqlxBinder) -> Result<T> {
        self.fetch_optional(stmt).await?.ok_or_else(|| StoreError("expected one row, got none".into()))
    }

    /// Whether this transaction holds SQLite's write lock (taken by `BEGIN IMMEDIATE`), so
    /// that what it reads cannot change before it commits.
    pub fn holds_write_lock(&self) -> bool {
        matches!(self, Tx::Sqlite(..))
    }

    /// Inserts many rows into `table`, a few hundred per statement (well under both engines'
    /// bound-parameter limits).
    pub async fn insert_rows<const N: usize>(
        &mut self,
        table: &'static str,
        columns: [&'static str; N],
        rows: impl IntoIterator<Item = [Value; N]>,
    ) -> Result<u64> {
        self.insert_rows_with(table, columns, rows, None).await
    }

    /// Like [`Tx::insert_rows`], skipping rows whose `key` already exists.
    pub async fn insert_rows_or_ignore<const N: usize>(
        &mut self,
        table: &'static str,
        columns: [&'static str; N],
        key: &[&'static str],
        rows: impl IntoIterator<Item = [Value; N]>,
    ) -> Result<u64> {
        let conflict = OnConflict::columns(key.iter().copied()).do_nothing().to_owned();
        self.insert_rows_with(table, columns, rows, Some(conflict)).await
    }

    async fn insert_rows_with<const N: usize>(
        &mut self,
        table: &'static str,
        columns: [&'static str; N],
        rows: impl IntoIterator<Item = [Value; N]>,
        conflict: Option<OnConflict>,
    ) -> Result<u64> {
        let per_statement = (30_000 / N.max(1)).min(1000);
        let mut rows = rows.into_iter().peekable();
        let mut inserted = 0;
        while rows.peek().is_some() {
            let mut insert = Query::insert();
            insert.into_table(table).columns(columns);
            for row in rows.by_ref().take(per_statement) {
                insert.values(row.map(Expr::val)).map_err(store_err)?;
            }
            if let Some(conflict) = &conflict {
                insert.on_conflict(conflict.clone());
            }
            inserted += self.execute(&insert).await?;
        }
        Ok(inserted)
    }

    /// Makes the transaction's changes durable.
    pub async fn commit(self) -> Result<()> {
        match self {
            // The turn at writing is held until the commit is done.
            Tx::Sqlite(tx, _turn) => tx.commit().await,
            Tx::Pg(tx) => tx.commit().await,
        }
        .map_err(store_err)
    }
}
