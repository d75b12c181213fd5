//! `tremplin backup`: an online, consistent, atomic copy of the SQLite database.
//!
//! The copy is written beside its destination under a temporary name, checked with
//! `PRAGMA integrity_check`, flushed to disk, then renamed over the destination: a reader of
//! the destination sees the previous backup or the new one whole, never a partial file, even
//! if the command is killed. PostgreSQL has its own tools (pg_dump); this command refuses it.

use anyhow::Context;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use tremplin_store::Db;

/// What a backup wrote.
#[derive(Debug, Clone)]
pub struct Report {
    /// The backup file.
    pub path: PathBuf,
    /// Its size in bytes.
    pub bytes: u64,
    /// Time taken, copy and check together.
    pub elapsed: Duration,
}

impl Report {
    /// One line for the operator (and the systemd journal).
    pub fn to_text(&self) -> String {
        format!("backup written: {} ({} bytes, {:.2} s, integrity_check ok)", self.path.display(), self.bytes, self.elapsed.as_secs_f64())
    }
}

/// The SQLite file of a `sqlite:` URL, or `None` for another engine.
fn sqlite_file(database_url: &str) -> Option<PathBuf> {
    let path = database_url.strip_prefix("sqlite://").or_else(|| database_url.strip_prefix("sqlite:"))?;
    Some(PathBuf::from(path.split('?').next().unwrap_or(path)))
}

/// Copies the database of `database_url` to `output` (replaced if it exists).
pub async fn run(database_url: &str, output: &Path) -> anyhow::Result<Report> {
    let Some(source) = sqlite_file(database_url) else {
        anyhow::bail!(
            "tremplin backup copies SQLite databases only; for PostgreSQL use pg_dump, e.g. \
             `pg_dump --format=custom --file=tremplin.dump \"$TREMPLIN_DATABASE_URL\"` (see docs/DEPLOYMENT.md)"
        );
    };
    // Opening a missing file would create an empty database and back that up.
    anyhow::ensure!(source.is_file(), "no SQLite database at {}", source.display());
    let started = Instant::now();
    let name = output.file_name().context("--output must name a file")?.to_string_lossy().into_owned();
    let folder = output.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let temporary = folder.join(format!(".{name}.partial-{}", std::process::id()));
    let _ = std::fs::remove_file(&temporary);
    let db = Db::connect(database_url).await.with_context(|| format!("opening {}", source.display()))?;
    let copied = tremplin_store::backup::sqlite_copy_into(&db, &temporary).await;
    db.close().await;
    let result = async {
        copied.map_err(|e| anyhow::anyhow!("copying the database: {}", e.0))?;
        tremplin_store::backup::sqlite_integrity_check(&temporary)
            .await
            .map_err(|e| anyhow::anyhow!("the copy failed its integrity check: {}", e.0))?;
        std::fs::File::open(&temporary).and_then(|f| f.sync_all()).context("flushing the copy")?;
        std::fs::rename(&temporary, output).with_context(|| format!("renaming the copy to {}", output.display()))?;
        // The rename itself reaches the disk when the folder is flushed.
        std::fs::File::open(folder).and_then(|f| f.sync_all()).context("flushing the backup folder")?;
        anyhow::Ok(())
    }
    .await;
    if let Err(error) = result {
        let _ = std::fs::remove_file(&temporary);
        return Err(error);
    }
    let bytes = std::fs::metadata(output).map(|m| m.len()).unwrap_or_default();
    Ok(Report { path: output.to_owned(), bytes, elapsed: started.elapsed() })
}

#[cfg(test)]
mod tests {
    use super::sqlite_file;
    use std::path::PathBuf;

    #[test]
    fn only_sqlite_urls_name_a_file() {
        assert_eq!(sqlite_file("sqlite://data/t.db?mode=rwc"), Some(PathBuf::from("data/t.db")));
        assert_eq!(sqlite_file("sqlite:/var/lib/tremplin/t.db"), Some(PathBuf::from("/var/lib/tremplin/t.db")));
        assert_eq!(sqlite_file("postgres://u@h/db"), None);
    }
}
