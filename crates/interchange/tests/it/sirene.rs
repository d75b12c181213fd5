//! SIRENE `StockEtablissement` import.

use crate::support::{by_id, categories, drain, fixture};
use std::collections::HashSet;
use std::fs::File;
use tremplin_domain::directory::ListingKind;
use tremplin_interchange::SkipReason;
use tremplin_interchange::sirene::{SireneOptions, SireneReader};

fn angers_and_avrille() -> SireneOptions {
    SireneOptions { communes: Some(HashSet::from(["49007".to_owned(), "49015".to_owned()])), only_categorised: false }
}

#[test]
fn imports_active_establishments_of_the_communes() {
    let file = File::open(fixture("StockEtablissement_extract.csv")).expect("fixture");
    let mut reader = SireneReader::new(file, &categories(), angers_and_avrille()).expect("header");
    let (listings, rejections) = drain(reader.by_ref());

    let ids: Vec<&str> = listings.iter().map(|l| l.input.source_id.as_str()).collect();
    assert_eq!(ids, ["81234567800014", "90123456700012", "78901234500028", "32109876500045"]);

    let bakery = by_id(&listings, "81234567800014");
    assert_eq!(bakery.input.source, "sirene");
    assert_eq!(bakery.siret.as_deref(), Some("81234567800014"));
    assert_eq!(bakery.input.name, "Boulangerie du Ralliement");
    assert_eq!(bakery.input.address, "5 bis rue Lenepveu");
    assert_eq!(bakery.input.postcode, "49100");
    assert_eq!(bakery.input.insee.as_deref(), Some("49007"));
    assert_eq!(bakery.commune.as_deref(), Some("Angers"));
    assert_eq!(bakery.input.naf_code.as_deref(), Some("10.71C"));
    assert_eq!(bakery.input.category.as_deref(), Some("boulangerie-patisserie"));
    assert_eq!(bakery.input.kind, Some(ListingKind::Shop));
    // Lambert-93 (430000, 6710000), converted; reference value from PROJ.
    let p = bakery.input.point.expect("position from the Lambert coordinates");
    assert!((p.lat - 47.435_204_79).abs() < 1e-6 && (p.lon + 0.583_353_36).abs() < 1e-6, "{p:?}");

    let salon = by_id(&listings, "90123456700012");
    assert_eq!(salon.input.name, "Salon Coiff & Vous");
    assert_eq!(salon.input.address, "27 avenue Pierre Mendes France");
    assert_eq!(salon.input.kind, Some(ListingKind::Service));
    assert_eq!(salon.input.category.as_deref(), Some("coiffure"));
    assert_eq!(salon.input.point, None);
    assert_eq!(salon.commune.as_deref(), Some("Avrille"));

    let repair_cafe = by_id(&listings, "78901234500028");
    assert_eq!(repair_cafe.input.name, "Repair Café Angevin");
    assert_eq!(repair_cafe.input.address, "Maison des Associations");
    assert_eq!(repair_cafe.input.kind, Some(ListingKind::Association));

    let old_naf = by_id(&listings, "32109876500045");
    assert_eq!(old_naf.input.naf_code, None, "only NAF rev. 2 codes are kept");
    assert_eq!(old_naf.input.category, None);
    assert_eq!(old_naf.input.kind, Some(ListingKind::Service));
    assert_eq!(old_naf.input.address, "18 route de Bouchemaine");

    let rejected: Vec<String> = rejections.iter().map(ToString::to_string).collect();
    assert_eq!(rejected, ["line 6: malformed line: 20 fields where the header has 53", "line 7: no name"]);

    let stats = reader.stats();
    assert_eq!((stats.read, stats.imported, stats.rejected), (9, 4, 2));
    assert_eq!(stats.skipped(SkipReason::Closed), 1);
    assert_eq!(stats.skipped(SkipReason::OutsideCommunes), 1);
    assert_eq!(stats.skipped(SkipReason::NotDiffusible), 1);
}

#[test]
fn only_categorised_and_every_commune() {
    let file = File::open(fixture("StockEtablissement_extract.csv")).expect("fixture");
    let options = SireneOptions { communes: None, only_categorised: true };
    let mut reader = SireneReader::new(file, &categories(), options).expect("header");
    let (listings, _) = drain(reader.by_ref());
    let ids: Vec<&str> = listings.iter().map(|l| l.input.source_id.as_str()).collect();
    assert_eq!(ids, ["81234567800014", "90123456700012", "83456789000019", "78901234500028"]);
    assert_eq!(reader.stats().skipped(SkipReason::Uncategorised), 1);
}

#[test]
fn missing_required_column_is_reported() {
    let csv = "siren,nic,siret,codeCommuneEtablissement\n812345678,00014,81234567800014,49007\n";
    let error = SireneReader::new(csv.as_bytes(), &categories(), SireneOptions::default()).err().expect("error");
    assert_eq!(error.to_string(), "missing column `etatAdministratifEtablissement` in the header");
}
