//! `tremplin import osm|sirene|mediation FILE`: reads a file with the interchange codecs and
//! saves each listing through the same use case as every other change, so that re-importing
//! updates and never duplicates, and never overwrites a field edited by hand. `--dry-run`
//! reads and checks everything and saves nothing.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs::File;
use std::io::BufReader;
use std::path::Path;
use tremplin_domain::directory::{Category, DirectoryRepo, UpsertOutcome, save_listing};
use tremplin_domain::territories::TerritoryRepo;
use tremplin_interchange::mediation::{MediationCsvReader, MediationJsonReader};
use tremplin_interchange::osm::{OsmOptions, OsmPbfReader, OverpassReader};
use tremplin_interchange::sirene::{SireneOptions, SireneReader};
use tremplin_interchange::{ImportItem, ImportStats, InterchangeError, Rejection};
use tremplin_kernel::text::fold;
use tremplin_kernel::{Clock, GeoPoint};
use tremplin_store::Db;

/// The file formats `tremplin import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// OpenStreetMap: `.osm.pbf`, or Overpass API JSON (any other extension).
    Osm,
    /// INSEE SIRENE `StockEtablissement` CSV (needs `--territory`: only its communes are read).
    Sirene,
    /// The national standard of digital-mediation places: `.json`, or CSV.
    Mediation,
}

/// What to import.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Keep only listings in this territory's communes (and those of the territories in it).
    pub territory: Option<String>,
    /// Read and check; save nothing.
    pub dry_run: bool,
}

/// What an import did (or would do).
#[derive(Debug, Default)]
pub struct Report {
    /// New listings.
    pub created: u64,
    /// Listings changed.
    pub updated: u64,
    /// Listings already up to date.
    pub unchanged: u64,
    /// Dry run: listings that would be created.
    pub new: u64,
    /// Dry run: listings already known (updated or unchanged).
    pub known: u64,
    /// Records refused, with where and why.
    pub rejected: Vec<Rejection>,
    /// Records left out, by reason.
    pub skipped: BTreeMap<String, u64>,
}

impl Report {
    /// The report as printed by the command.
    pub fn to_text(&self, dry_run: bool) -> String {
        let mut text = if dry_run {
            format!("dry run: {} new, {} already known, {} rejected\n", self.new, self.known, self.rejected.len())
        } else {
            format!("created {}, updated {}, unchanged {}, rejected {}\n", self.created, self.updated, self.unchanged, self.rejected.len())
        };
        for (reason, count) in &self.skipped {
            text.push_str(&format!("skipped ({reason}): {count}\n"));
        }
        for rejection in &self.rejected {
            text.push_str(&format!("rejected {rejection}\n"));
        }
        text
    }
}

/// A reader of any format, keeping access to its counters.
enum Reader {
    Pbf(OsmPbfReader<BufReader<File>>),
    Overpass(OverpassReader<BufReader<File>>),
    Sirene(Box<SireneReader<File>>),
    MediationCsv(MediationCsvReader<File>),
    MediationJson(MediationJsonReader<BufReader<File>>),
}

impl Reader {
    fn open(format: Format, path: &Path, categories: &[Category], communes: Option<HashSet<String>>) -> anyhow::Result<Reader> {
        let name = path.to_string_lossy().to_lowercase();
        let file = || File::open(path).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()));
        Ok(match format {
            Format::Osm if name.ends_with(".pbf") => Reader::Pbf(OsmPbfReader::open(path, categories, OsmOptions::default())?),
            Format::Osm => Reader::Overpass(OverpassReader::new(BufReader::new(file()?), categories, OsmOptions::default())),
            Format::Sirene => {
                Reader::Sirene(Box::new(SireneReader::new(file()?, categories, SireneOptions { communes, only_categorised: false })?))
            }
            Format::Mediation if name.ends_with(".json") => {
                Reader::MediationJson(MediationJsonReader::new(BufReader::new(file()?), categories))
            }
            Format::Mediation => Reader::MediationCsv(MediationCsvReader::new(file()?, categories)?),
        })
    }

    fn next_item(&mut self) -> Option<Result<ImportItem, InterchangeError>> {
        match self {
            Reader::Pbf(r) => r.next(),
            Reader::Overpass(r) => r.next(),
            Reader::Sirene(r) => r.next(),
            Reader::MediationCsv(r) => r.next(),
            Reader::MediationJson(r) => r.next(),
        }
    }

    fn stats(&self) -> &ImportStats {
        match self {
            Reader::Pbf(r) => r.stats(),
            Reader::Overpass(r) => r.stats(),
            Reader::Sirene(r) => r.stats(),
            Reader::MediationCsv(r) => r.stats(),
            Reader::MediationJson(r) => r.stats(),
        }
    }
}

/// INSEE codes of a territory's communes, those of the territories nested in it included.
pub async fn territory_communes(db: &Db, slug: &str) -> anyhow::Result<HashSet<String>> {
    let territory = db.territory_by_slug(slug).await?.ok_or_else(|| anyhow::anyhow!("no territory with slug {slug}"))?;
    Ok(db.all_communes_of(territory.id).await?.into_iter().collect())
}

/// Where a place is when the file does not say: the commune, found by postcode and name.
struct Communes {
    by_postcode: HashMap<String, Vec<(String, String, Option<GeoPoint>)>>,
    by_insee: HashMap<String, (String, Option<GeoPoint>)>,
}

impl Communes {
    fn load() -> anyhow::Result<Communes> {
        let mut by_postcode: HashMap<String, Vec<(String, String, Option<GeoPoint>)>> = HashMap::new();
        let mut by_insee = HashMap::new();
        for c in tremplin_store::reference::communes().map_err(|e| anyhow::anyhow!(e.0))? {
            let point = c.latitude.zip(c.longitude).and_then(|(lat, lon)| GeoPoint::new(lat, lon));
            for postcode in c.postcodes.split('|').filter(|p| !p.is_empty()) {
                by_postcode.entry(postcode.to_owned()).or_default().push((c.insee.clone(), fold(&c.name), point));
            }
            by_insee.insert(c.insee.clone(), (c.name.clone(), point));
        }
        Ok(Communes { by_postcode, by_insee })
    }

    /// The INSEE code of a postcode and commune name (the only commune of the postcode if the
    /// name does not help).
    fn resolve(&self, postcode: &str, name: Option<&str>) -> Option<String> {
        let candidates = self.by_postcode.get(postcode.trim())?;
        if let Some(name) = name.map(fold)
            && let Some((insee, _, _)) = candidates.iter().find(|(_, n, _)| *n == name)
        {
            return Some(insee.clone());
        }
        (candidates.len() == 1).then(|| candidates[0].0.clone())
    }
}

/// Imports a file.
pub async fn run(db: &Db, clock: &dyn Clock, format: Format, path: &Path, options: &Options) -> anyhow::Result<Report> {
    let categories = db.categories().await?;
    let labels: HashMap<String, String> = categories.iter().map(|c| (c.slug.clone(), c.label_fr.clone())).collect();
    let territory = match &options.territory {
        Some(slug) => Some(territory_communes(db, slug).await?),
        None if format == Format::Sirene => {
            anyhow::bail!("a SIRENE import needs --territory: the national file holds every establishment of France")
        }
        None => None,
    };
    let communes = Communes::load()?;
    let mut reader = Reader::open(format, path, &categories, territory.clone())?;
    let mut report = Report::default();
    let mut known: Option<HashSet<String>> = None;
    let now = clock.now_ts();
    let mut outside = 0u64;
    while let Some(item) = reader.next_item() {
        let imported = match item? {
            Ok(imported) => imported,
            Err(rejection) => {
                report.rejected.push(rejection);
                continue;
            }
        };
        let mut input = imported.input;
        if input.insee.is_none() {
            input.insee = communes.resolve(&input.postcode, imported.commune.as_deref());
        }
        let commune = input.insee.as_ref().and_then(|i| communes.by_insee.get(i));
        if input.point.is_none() {
            // Placed at the town hall until someone places it better.
            input.point = commune.and_then(|(_, p)| *p);
        }
        if let Some(codes) = &territory
            && !input.insee.as_ref().is_some_and(|i| codes.contains(i))
        {
            outside += 1;
            continue;
        }
        if options.dry_run {
            let ids = match &mut known {
                Some(ids) => ids,
                None => known.insert(db.source_ids(&input.source).await?.into_iter().collect()),
            };
            if ids.contains(&input.source_id) {
                report.known += 1
            } else {
                report.new += 1
            }
            continue;
        }
        let category = input.category.as_ref().and_then(|c| labels.get(c)).map(String::as_str);
        match save_listing(db, &input, category, commune.map(|(name, _)| name.as_str()), now).await? {
            UpsertOutcome::Created => report.created += 1,
            UpsertOutcome::Updated => report.updated += 1,
            UpsertOutcome::Unchanged => report.unchanged += 1,
        }
    }
    for (reason, count) in &reader.stats().skipped {
        report.skipped.insert(reason.as_str().to_owned(), *count);
    }
    if outside > 0 {
        report.skipped.insert("outside_territory".into(), outside);
    }
    if !options.dry_run && report.created + report.updated > 0 {
        db.analyze().await?;
    }
    Ok(report)
}
