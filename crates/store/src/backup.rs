//! Online copies of a SQLite database, taken while the server serves and writes.

use crate::db::{Db, Result, store_err};
use std::path::Path;

/// Writes a consistent copy of the SQLite database to `target` (which must not exist) with
/// `VACUUM INTO`: it reads inside one transaction, so the copy is the database as of one
/// instant even while other connections write, and writers are not blocked (WAL mode).
/// The copy is compact (free pages are dropped) and needs no `-wal` file beside it.
pub async fn sqlite_copy_into(db: &Db, target: &Path) -> Result<()> {
    let Db::Sqlite(pool) = db else {
        return Err(store_err("only a SQLite database can be copied this way"));
    };
    let target = target.to_str().ok_or_else(|| store_err("the backup path is not valid UTF-8"))?;
    sqlx::query("VACUUM INTO ?").bind(target).execute(pool).await.map_err(store_err)?;
    Ok(())
}

/// `PRAGMA integrity_check` of a SQLite file opened read-only: `Ok(())` when it says "ok",
/// else the problems it lists.
pub async fn sqlite_integrity_check(file: &Path) -> Result<()> {
    use sqlx::{ConnectOptions as _, Connection as _};
    // The check reads the whole file: seconds on a large one, which is not a slow query to log.
    let options = sqlx::sqlite::SqliteConnectOptions::new().filename(file).read_only(true).disable_statement_logging();
    let mut connection = sqlx::SqliteConnection::connect_with(&options).await.map_err(store_err)?;
    let lines: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check").fetch_all(&mut connection).await.map_err(store_err)?;
    let _ = connection.close().await;
    if lines.len() == 1 && lines[0] == "ok" { Ok(()) } else { Err(store_err(lines.join("; "))) }
}
