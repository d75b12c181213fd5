//! The reference geography (regions, departments, intercommunalities, communes and their
//! postcodes), embedded in the binary from `reference/` and loaded into an empty database.

use crate::db::{Db, Result, store_err};
use flate2::read::GzDecoder;
use sea_query::{Expr, Func, Query};
use serde::Deserialize;
use std::io::Read;
use tremplin_kernel::text::fold;

static REGIONS_CSV: &[u8] = include_bytes!("../../../reference/regions.csv");
static DEPARTMENTS_CSV: &[u8] = include_bytes!("../../../reference/departments.csv");
static EPCI_CSV: &[u8] = include_bytes!("../../../reference/epci.csv");
static COMMUNES_CSV_GZ: &[u8] = include_bytes!("../../../reference/communes.csv.gz");
static CATEGORIES_CSV: &[u8] = include_bytes!("../../../reference/categories.csv");
static TOWN_HALLS_CSV_GZ: &[u8] = include_bytes!("../../../reference/town_halls.csv.gz");

#[derive(Debug, Deserialize)]
struct RegionRow {
    code: String,
    name: String,
}

#[derive(Debug, Deserialize)]
struct DepartmentRow {
    code: String,
    name: String,
    region: String,
}

#[derive(Debug, Deserialize)]
struct EpciRow {
    siren: String,
    name: String,
    kind: String,
}

/// One row of `reference/communes.csv.gz`.
#[derive(Debug, Deserialize)]
pub struct CommuneRow {
    /// INSEE code.
    pub insee: String,
    /// Name.
    pub name: String,
    /// `commune` or `arrondissement`.
    pub kind: String,
    /// For an arrondissement, its commune.
    pub parent: Option<String>,
    /// `|`-separated postcodes.
    pub postcodes: String,
    /// Department code.
    pub department: String,
    /// Region code.
    pub region: String,
    /// EPCI SIREN.
    pub epci: Option<String>,
    /// Population.
    pub population: Option<i64>,
    /// Latitude.
    pub latitude: Option<f64>,
    /// Longitude.
    pub longitude: Option<f64>,
}

fn read_csv<T: for<'de> Deserialize<'de>>(bytes: &[u8]) -> Result<Vec<T>> {
    csv::Reader::from_reader(bytes).deserialize().collect::<std::result::Result<Vec<T>, _>>().map_err(store_err)
}

/// Bump when the loader writes different rows from the same files.
const LOADER_VERSION: usize = 3;

/// Changes whenever the data is regenerated or the loader changes (keys test templates).
pub fn fingerprint() -> [usize; 6] {
    [LOADER_VERSION, REGIONS_CSV.len(), DEPARTMENTS_CSV.len(), EPCI_CSV.len(), COMMUNES_CSV_GZ.len(), CATEGORIES_CSV.len()]
}

/// One row of `reference/categories.csv`.
#[derive(Debug, Deserialize)]
struct CategoryRow {
    slug: String,
    label_fr: String,
    label_en: String,
    kind: String,
    naf_prefixes: String,
    osm_tags: String,
}

/// One row of `reference/town_halls.csv.gz`: a town hall with its real opening hours.
#[derive(Debug, Deserialize)]
pub struct TownHallRow {
    /// INSEE code of its commune (not unique: annex town halls share it).
    pub insee: String,
    /// "Mairie d'Angers".
    pub name: String,
    /// Street address.
    pub address: String,
    /// Postcode.
    pub postcode: String,
    /// City line of the address.
    pub city: String,
    /// Latitude.
    pub latitude: Option<f64>,
    /// Longitude.
    pub longitude: Option<f64>,
    /// OSM `opening_hours`.
    pub opening_hours: String,
    /// Phone, international form.
    pub phone: String,
    /// E-mail.
    pub email: String,
    /// Website.
    pub website: String,
}

/// The town halls of the embedded reference file whose commune is in `insee_codes`.
pub fn town_halls(insee_codes: &[String]) -> Result<Vec<TownHallRow>> {
    let mut text = Vec::new();
    GzDecoder::new(TOWN_HALLS_CSV_GZ).read_to_end(&mut text).map_err(store_err)?;
    let all: Vec<TownHallRow> = read_csv(&text)?;
    Ok(all.into_iter().filter(|t| insee_codes.binary_search(&t.insee).is_ok() || insee_codes.contains(&t.insee)).collect())
}

/// Every commune of the embedded reference file.
pub fn communes() -> Result<Vec<CommuneRow>> {
    let mut text = Vec::new();
    GzDecoder::new(COMMUNES_CSV_GZ).read_to_end(&mut text).map_err(store_err)?;
    read_csv(&text)
}

/// Loads the reference geography unless communes are already there.
pub async fn load_if_empty(db: &Db) -> Result<()> {
    let count: (i64,) = db.fetch_one(Query::select().expr(Func::count(Expr::col("insee"))).from("communes")).await?;
    let mut loaded = false;
    if count.0 == 0 {
        load_communes(db).await?;
        loaded = true;
    }
    let words: (i64,) = db.fetch_one(Query::select().expr(Func::count(Expr::col("insee"))).from("commune_words")).await?;
    if words.0 == 0 {
        index_words(db).await?;
        loaded = true;
    }
    let categories: (i64,) = db.fetch_one(Query::select().expr(Func::count(Expr::col("slug"))).from("categories")).await?;
    if categories.0 == 0 {
        let rows: Vec<CategoryRow> = read_csv(CATEGORIES_CSV)?;
        let mut tx = db.begin().await?;
        tx.insert_rows(
            "categories",
            ["slug", "label_fr", "label_en", "kind", "naf_prefixes", "osm_tags"],
            rows.into_iter()
                .map(|c| [c.slug.into(), c.label_fr.into(), c.label_en.into(), c.kind.into(), c.naf_prefixes.into(), c.osm_tags.into()]),
        )
        .await?;
        tx.commit().await?;
    }
    if loaded {
        db.analyze().await?;
    }
    Ok(())
}

/// The words of a folded name that a look-up can start with, besides the name's start.
pub fn inner_words(search_name: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    let mut rest = search_name;
    while let Some((_, tail)) = rest.split_once(' ') {
        // "saint barthelemy d anjou" → "barthelemy d anjou", "d anjou", "anjou": the word table
        // keeps each suffix so that a prefix range on it matches several words typed in a row.
        if tail.len() > 1 && !words.iter().any(|w| w == tail) {
            words.push(tail.to_owned());
        }
        rest = tail;
    }
    words
}

async fn index_words(db: &Db) -> Result<()> {
    let names: Vec<(String, String)> = db.fetch_all(Query::select().columns(["insee", "search_name"]).from("communes")).await?;
    let rows = names.iter().flat_map(|(insee, name)| inner_words(name).into_iter().map(move |word| [word.into(), insee.clone().into()]));
    let mut tx = db.begin().await?;
    tx.insert_rows("commune_words", ["word", "insee"], rows).await?;
    tx.commit().await
}

async fn load_communes(db: &Db) -> Result<()> {
    let regions: Vec<RegionRow> = read_csv(REGIONS_CSV)?;
    let departments: Vec<DepartmentRow> = read_csv(DEPARTMENTS_CSV)?;
    let epcis: Vec<EpciRow> = read_csv(EPCI_CSV)?;
    let communes = communes()?;

    let mut tx = db.begin().await?;
    tx.insert_rows("regions", ["code", "name"], regions.into_iter().map(|r| [r.code.into(), r.name.into()])).await?;
    tx.insert_rows(
        "departments",
        ["code", "name", "region"],
        departments.into_iter().map(|d| [d.code.into(), d.name.into(), d.region.into()]),
    )
    .await?;
    tx.insert_rows("epcis", ["siren", "name", "kind"], epcis.into_iter().map(|e| [e.siren.into(), e.name.into(), e.kind.into()])).await?;
    let columns = ["insee", "name", "search_name", "kind", "parent", "department", "region", "epci", "population", "latitude", "longitude"];
    let rows = communes.iter().map(|c| {
        [
            c.insee.clone().into(),
            c.name.clone().into(),
            fold(&c.name).into(),
            c.kind.clone().into(),
            c.parent.clone().into(),
            c.department.clone().into(),
            c.region.clone().into(),
            c.epci.clone().into(),
            c.population.into(),
            c.latitude.into(),
            c.longitude.into(),
        ]
    });
    tx.insert_rows("communes", columns, rows).await?;
    let mut postcodes: Vec<(&str, &str)> = communes
        .iter()
        .flat_map(|c| c.postcodes.split('|').map(str::trim).filter(|p| !p.is_empty()).map(|p| (p, c.insee.as_str())))
        .collect();
    postcodes.sort_unstable();
    postcodes.dedup();
    tx.insert_rows("commune_postcodes", ["postcode", "insee"], postcodes.into_iter().map(|(p, i)| [p.into(), i.into()])).await?;
    tx.commit().await?;
    tracing::info!(communes = communes.len(), "reference geography loaded");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inner_words_are_suffixes() {
        assert_eq!(inner_words("saint barthelemy d anjou"), vec!["barthelemy d anjou", "d anjou", "anjou"]);
        assert!(inner_words("angers").is_empty());
    }
}
