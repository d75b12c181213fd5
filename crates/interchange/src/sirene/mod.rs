//! INSEE's SIRENE stock of establishments (`StockEtablissement_utf8.csv`, several GB), read
//! line by line.
//!
//! Header of the file (INSEE, SIRENE 3.11, in this order): `siren, nic, siret,
//! statutDiffusionEtablissement, dateCreationEtablissement, trancheEffectifsEtablissement,
//! anneeEffectifsEtablissement, activitePrincipaleRegistreMetiersEtablissement,
//! dateDernierTraitementEtablissement, etablissementSiege, nombrePeriodesEtablissement,
//! complementAdresseEtablissement, numeroVoieEtablissement, indiceRepetitionEtablissement,
//! dernierNumeroVoieEtablissement, indiceRepetitionDernierNumeroVoieEtablissement,
//! typeVoieEtablissement, libelleVoieEtablissement, codePostalEtablissement,
//! libelleCommuneEtablissement, libelleCommuneEtrangerEtablissement,
//! distributionSpecialeEtablissement, codeCommuneEtablissement, codeCedexEtablissement,
//! libelleCedexEtablissement, codePaysEtrangerEtablissement, libellePaysEtrangerEtablissement,
//! identifiantAdresseEtablissement, coordonneeLambertAbscisseEtablissement,
//! coordonneeLambertOrdonneeEtablissement`, then the same address fields with `2` (a second
//! address), `dateDebut, etatAdministratifEtablissement, enseigne1Etablissement,
//! enseigne2Etablissement, enseigne3Etablissement, denominationUsuelleEtablissement,
//! activitePrincipaleEtablissement, nomenclatureActivitePrincipaleEtablissement,
//! caractereEmployeurEtablissement`. Columns are found by name, so later additions (the NAF 2025
//! columns) and a different order do no harm; only `siret` (or `siren` + `nic`),
//! `etatAdministratifEtablissement` and `codeCommuneEtablissement` are required.
//!
//! | SIRENE | listing |
//! |---|---|
//! | `etatAdministratifEtablissement` ≠ `A` | skipped ([`SkipReason::Closed`]) |
//! | `codeCommuneEtablissement` outside the filter | skipped ([`SkipReason::OutsideCommunes`]) |
//! | `statutDiffusionEtablissement` `P`/`N` | skipped ([`SkipReason::NotDiffusible`]): the person refused publication |
//! | `siret` | `source_id` (`source` = `sirene`) and [`ImportedListing::siret`] |
//! | `enseigne1Etablissement`, else `denominationUsuelleEtablissement` | name, title-cased if in capitals; neither: rejected "no name" |
//! | `numeroVoie…`, `indiceRepetition…`, `typeVoie…` (expanded), `libelleVoie…` | address ([`address`]) |
//! | `codePostalEtablissement` | postcode |
//! | `codeCommuneEtablissement` | INSEE code |
//! | `libelleCommuneEtablissement` | commune name, title-cased |
//! | `activitePrincipaleEtablissement` when `nomenclature…` is `NAFRev2` | NAF code; category by longest NAF prefix |
//! | `coordonneeLambert…` (Lambert-93, metropolitan communes only) | position ([`lambert`]) |
//!
//! The kind is the category's, else guessed from the NAF division ([`kind_from_naf`]).
//! Values `[ND]` (not diffusible) count as empty. The legal unit's name (`StockUniteLegale`)
//! is not in this file: establishments without a sign or usual name are rejected.

pub mod address;
pub mod lambert;

use crate::categories::{CategoryIndex, kind_of};
use crate::error::InterchangeError;
use crate::record::{ImportItem, ImportStats, ImportedListing, Rejection, SkipReason};
use crate::tabular::{Header, classify, line_of, open_csv};
use crate::text::{is_siret, title_case_if_upper};
use std::collections::HashSet;
use std::io::{BufReader, Read};
use tremplin_domain::directory::{Category, ListingInput, ListingKind, dotted_naf};

/// Which establishments to keep.
#[derive(Debug, Clone, Default)]
pub struct SireneOptions {
    /// INSEE codes of the communes to keep; `None` keeps every commune.
    pub communes: Option<HashSet<String>>,
    /// Keep only establishments whose NAF code has a category.
    pub only_categorised: bool,
}

#[derive(Debug, Clone)]
struct Columns {
    siret: Option<usize>,
    siren: Option<usize>,
    nic: Option<usize>,
    state: usize,
    commune: usize,
    diffusion: Option<usize>,
    number: Option<usize>,
    repetition: Option<usize>,
    street_type: Option<usize>,
    street: Option<usize>,
    complement: Option<usize>,
    postcode: Option<usize>,
    commune_name: Option<usize>,
    sign: Option<usize>,
    usual_name: Option<usize>,
    activity: Option<usize>,
    nomenclature: Option<usize>,
    lambert_x: Option<usize>,
    lambert_y: Option<usize>,
}

impl Columns {
    fn new(header: &Header) -> Result<Self, InterchangeError> {
        let siret = header.find("siret");
        let (siren, nic) = (header.find("siren"), header.find("nic"));
        if siret.is_none() && (siren.is_none() || nic.is_none()) {
            return Err(InterchangeError::MissingColumn("siret".into()));
        }
        Ok(Columns {
            siret,
            siren,
            nic,
            state: header.require("etatAdministratifEtablissement")?,
            commune: header.require("codeCommuneEtablissement")?,
            diffusion: header.find("statutDiffusionEtablissement"),
            number: header.find("numeroVoieEtablissement"),
            repetition: header.find("indiceRepetitionEtablissement"),
            street_type: header.find("typeVoieEtablissement"),
            street: header.find("libelleVoieEtablissement"),
            complement: header.find("complementAdresseEtablissement"),
            postcode: header.find("codePostalEtablissement"),
            commune_name: header.find("libelleCommuneEtablissement"),
            sign: header.find("enseigne1Etablissement"),
            usual_name: header.find("denominationUsuelleEtablissement"),
            activity: header.find("activitePrincipaleEtablissement"),
            nomenclature: header.find("nomenclatureActivitePrincipaleEtablissement"),
            lambert_x: header.find("coordonneeLambertAbscisseEtablissement"),
            lambert_y: header.find("coordonneeLambertOrdonneeEtablissement"),
        })
    }
}

/// A field of a raw record as text: trimmed, `[ND]` as empty. Invalid UTF-8 gives `Err`
/// with the column's position.
fn text(record: &csv::ByteRecord, column: Option<usize>) -> Result<&str, usize> {
    let Some(i) = column else { return Ok("") };
    let bytes = record.get(i).unwrap_or(b"");
    let value = std::str::from_utf8(bytes).map_err(|_| i)?.trim();
    Ok(if value == "[ND]" { "" } else { value })
}

/// The kind of an establishment whose activity has no category, from its NAF division.
pub fn kind_from_naf(naf: &str) -> ListingKind {
    match naf.get(..2).and_then(|d| d.parse::<u8>().ok()) {
        Some(45..=47) => ListingKind::Shop,
        Some(10..=33 | 41..=43 | 95) => ListingKind::Craft,
        Some(84) => ListingKind::PublicService,
        Some(94) => ListingKind::Association,
        _ => ListingKind::Service,
    }
}

/// Reads establishments from a `StockEtablissement` CSV; see the [module](self) for the mapping.
pub struct SireneReader<R: Read> {
    csv: csv::Reader<BufReader<R>>,
    columns: Columns,
    index: CategoryIndex,
    options: SireneOptions,
    stats: ImportStats,
    record: csv::ByteRecord,
    done: bool,
}

impl<R: Read> SireneReader<R> {
    /// Reads the header; fails if a required column is missing.
    pub fn new(reader: R, categories: &[Category], options: SireneOptions) -> Result<Self, InterchangeError> {
        let (csv, header) = open_csv(reader, b',')?;
        Ok(SireneReader {
            csv,
            columns: Columns::new(&header)?,
            index: CategoryIndex::new(categories),
            options,
            stats: ImportStats::default(),
            record: csv::ByteRecord::new(),
            done: false,
        })
    }

    /// Counters so far (final once the iterator has ended).
    pub fn stats(&self) -> &ImportStats {
        &self.stats
    }

    /// The outcome of the current record; `None` when skipped.
    fn current(&mut self) -> Option<ImportItem> {
        let location = line_of(self.record.position());
        let record = &self.record;
        let c = &self.columns;
        let bad_utf8 = |i: usize| Rejection::new(location.clone(), format!("invalid UTF-8 in column {}", i + 1));
        let field = |column: Option<usize>| text(record, column).map_err(bad_utf8);
        let result = (|| {
            if field(Some(c.state))? != "A" {
                return Ok(Err(SkipReason::Closed));
            }
            let commune = field(Some(c.commune))?;
            if self.options.communes.as_ref().is_some_and(|set| !set.contains(commune)) {
                return Ok(Err(SkipReason::OutsideCommunes));
            }
            if matches!(field(c.diffusion)?, "P" | "N") {
                return Ok(Err(SkipReason::NotDiffusible));
            }
            let siret = match field(c.siret)? {
                "" => format!("{}{}", field(c.siren)?, field(c.nic)?),
                s => s.to_owned(),
            };
            if !is_siret(&siret) {
                return Err(Rejection::new(location.clone(), format!("invalid SIRET \"{siret}\"")));
            }
            let name = match (field(c.sign)?, field(c.usual_name)?) {
                ("", "") => return Err(Rejection::new(location.clone(), "no name")),
                ("", usual) => usual,
                (sign, _) => sign,
            };
            let naf_code =
                (field(c.nomenclature)? == "NAFRev2").then(|| field(c.activity)).transpose()?.filter(|n| !n.is_empty()).map(dotted_naf);
            let category = naf_code.as_deref().and_then(|n| self.index.for_naf(n));
            if category.is_none() && self.options.only_categorised {
                return Ok(Err(SkipReason::Uncategorised));
            }
            let kind = category.and_then(kind_of).unwrap_or_else(|| naf_code.as_deref().map_or(ListingKind::Service, kind_from_naf));
            let point = match (field(c.lambert_x)?.parse::<f64>(), field(c.lambert_y)?.parse::<f64>()) {
                (Ok(x), Ok(y)) if !commune.starts_with("97") => lambert::lambert93_to_wgs84(x, y),
                _ => None,
            };
            let street = address::street_address(
                field(c.number)?,
                field(c.repetition)?,
                field(c.street_type)?,
                field(c.street)?,
                field(c.complement)?,
            );
            let commune_name = Some(title_case_if_upper(field(c.commune_name)?)).filter(|n| !n.is_empty());
            let input = ListingInput {
                source: "sirene".into(),
                source_id: siret.clone(),
                kind: Some(kind),
                name: title_case_if_upper(name),
                address: street,
                postcode: field(c.postcode)?.to_owned(),
                insee: Some(commune.to_owned()).filter(|i| !i.is_empty()),
                point,
                category: category.map(|c| c.slug.clone()),
                naf_code,
                ..ListingInput::default()
            };
            Ok(Ok(ImportedListing { input, commune: commune_name, siret: Some(siret) }))
        })();
        match result {
            Ok(Ok(listing)) => Some(Ok(listing)),
            Ok(Err(reason)) => {
                self.stats.skip(reason);
                None
            }
            Err(rejection) => Some(Err(rejection)),
        }
    }
}

impl<R: Read> Iterator for SireneReader<R> {
    type Item = Result<ImportItem, InterchangeError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            let item = match self.csv.read_byte_record(&mut self.record) {
                Ok(false) => {
                    self.done = true;
                    return None;
                }
                Ok(true) => {
                    self.stats.read += 1;
                    match self.current() {
                        Some(item) => item,
                        None => continue,
                    }
                }
                Err(error) => {
                    self.stats.read += 1;
                    match classify(error) {
                        Ok(rejection) => Err(rejection),
                        Err(fatal) => {
                            self.done = true;
                            return Some(Err(fatal));
                        }
                    }
                }
            };
            self.stats.count(&item);
            return Some(Ok(item));
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_from_naf_divisions() {
        assert_eq!(kind_from_naf("47.11B"), ListingKind::Shop);
        assert_eq!(kind_from_naf("43.99C"), ListingKind::Craft);
        assert_eq!(kind_from_naf("94.99Z"), ListingKind::Association);
        assert_eq!(kind_from_naf("70.10Z"), ListingKind::Service);
        assert_eq!(kind_from_naf(""), ListingKind::Service);
    }
}
