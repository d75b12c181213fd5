//! `tremplin import osm|sirene|mediation FILE`: opens the file and hands it to the import of
//! `tremplin_interchange::import`, the same one the managers' upload page runs, then refreshes
//! the planner's statistics after a real import.

use anyhow::Context;
use std::collections::HashSet;
use std::fs::File;
use std::path::Path;
use tremplin_interchange::import::{self, ImportError};
use tremplin_kernel::Clock;
use tremplin_store::Db;

pub use tremplin_interchange::import::{Format, Options, Report};

/// INSEE codes of a territory's communes, those of the territories nested in it included.
pub async fn territory_communes(db: &Db, slug: &str) -> anyhow::Result<HashSet<String>> {
    Ok(import::territory_communes(db, slug).await?)
}

/// Parses the format argument of the command.
pub fn parse_format(name: &str) -> Result<Format, String> {
    Format::parse(name).ok_or_else(|| format!("one of {}", Format::ALL.map(Format::name).join(", ")))
}

/// Imports a file.
pub async fn run(db: &Db, clock: &dyn Clock, format: Format, path: &Path, options: &Options) -> anyhow::Result<Report> {
    let file = File::open(path).with_context(|| path.display().to_string())?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let report = match import::run(db, clock, format, file, &name, options).await {
        Ok(report) => report,
        Err(ImportError::SireneNeedsTerritory) => {
            anyhow::bail!("a SIRENE import needs --territory: the national file holds every establishment of France")
        }
        Err(ImportError::Unreadable { error, saved, .. }) if saved > 0 => {
            anyhow::bail!("{}: {error} ({saved} listings saved before the error)", path.display())
        }
        Err(other) => return Err(anyhow::Error::new(other).context(path.display().to_string())),
    };
    if !options.dry_run && report.saved() > 0 {
        db.analyze().await?;
    }
    Ok(report)
}
