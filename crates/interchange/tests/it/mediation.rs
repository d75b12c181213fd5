//! The national standard of digital-mediation places: CSV and JSON imports.

use crate::support::{by_id, categories, drain, fixture, near, same};
use std::fs::File;
use std::io::BufReader;
use tremplin_domain::directory::ListingKind;
use tremplin_interchange::mediation::{MediationCsvReader, MediationJsonReader};

#[test]
fn csv_import_with_rejections_and_line_numbers() {
    let file = File::open(fixture("mediation-lieux.csv")).expect("fixture");
    let mut reader = MediationCsvReader::new(file, &categories()).expect("header");
    let (listings, rejections) = drain(reader.by_ref());

    let ids: Vec<&str> = listings.iter().map(|l| l.input.source_id.as_str()).collect();
    assert_eq!(ids, ["angers-epn-belle-beille", "tiers-lieu-la-fabrique", "mediatheque-avrille"]);

    let epn = by_id(&listings, "angers-epn-belle-beille");
    let input = &epn.input;
    assert_eq!(input.source, "mediation");
    assert_eq!(input.kind, Some(ListingKind::Mediation));
    assert_eq!(input.category.as_deref(), Some("espace-public-numerique"));
    assert_eq!(input.name, "Espace public numérique de Belle-Beille");
    assert_eq!(input.address, "5 rue Eugène Bardon, Maison de quartier, 1er étage");
    assert_eq!((input.postcode.as_str(), input.insee.as_deref()), ("49000", Some("49007")));
    assert_eq!(epn.commune.as_deref(), Some("Angers"));
    assert_eq!(epn.siret.as_deref(), Some("21490007800012"));
    assert!(near(input.point, 47.47683, -0.59712));
    assert_eq!(input.phone, "+33241050000");
    assert_eq!(input.email, "epn.bellebeille@ville.angers.example");
    assert_eq!(input.website, "https://www.angers.example/epn");
    assert_eq!(input.social, vec!["https://www.facebook.com/epnbellebeille".to_owned()]);
    assert_eq!(input.opening_hours, "Tu,Th 14:00-18:00; We 09:00-12:00,14:00-17:00");
    assert!(input.description.ends_with("sur inscription."), "the detailed presentation wins: {}", input.description);
    assert_eq!(
        input.tags,
        [
            "typologie:MUNI",
            "typologie:CCAS",
            "Fixe",
            "Aide aux démarches administratives",
            "Maîtrise des outils numériques du quotidien",
            "Accès internet et matériel informatique",
            "Seniors",
            "Handicaps moteurs",
            "Gratuit",
            "Conseillers numériques",
            "Aidants Connect",
            "Se présenter",
            "Téléphoner",
            "En autonomie",
            "Accompagnement individuel",
            "Dans un atelier collectif",
        ]
    );

    let third_place = by_id(&listings, "tiers-lieu-la-fabrique");
    assert_eq!(third_place.input.category.as_deref(), Some("tiers-lieu-fablab"));
    assert_eq!(third_place.siret, None, "the all-zero placeholder is no SIRET");
    assert_eq!(third_place.input.phone, "+33241690000");
    assert!(third_place.input.tags.contains(&"Compréhension du monde numérique".to_owned()), "{:?}", third_place.input.tags);
    assert!(third_place.input.tags.contains(&"typologie:ASSO".to_owned()));

    let rejected: Vec<String> = rejections.iter().map(ToString::to_string).collect();
    assert_eq!(
        rejected,
        ["line 5: latitude \"47,47x\" is not a number", "line 6: malformed line: 5 fields where the header has 32", "line 7: no name"]
    );
    assert_eq!((reader.stats().read, reader.stats().imported, reader.stats().rejected), (6, 3, 3));
}

#[test]
fn json_import_matches_the_csv_and_rejects_broken_elements() {
    let csv =
        drain(MediationCsvReader::new(File::open(fixture("mediation-lieux.csv")).expect("fixture"), &categories()).expect("header")).0;
    let file = BufReader::new(File::open(fixture("mediation-lieux.json")).expect("fixture"));
    let mut reader = MediationJsonReader::new(file, &categories());
    let (json, rejections) = drain(reader.by_ref());
    assert_eq!(json.len(), 3);
    for listing in &json {
        let from_csv = by_id(&csv, &listing.input.source_id);
        assert!(same(&listing.input, &from_csv.input), "{:?}\n{:?}", listing.input, from_csv.input);
        assert_eq!(listing.commune, from_csv.commune);
    }
    let rejected: Vec<String> = rejections.iter().map(|r| r.location.clone()).collect();
    assert_eq!(rejected, ["element 3 (line 64)", "element 4 (line 67)"]);
    assert_eq!(rejections[0].reason, "invalid element: key must be a string");
    assert_eq!(rejections[1].reason, "invalid element: invalid type: string \"not an object\", expected a map");
}

#[test]
fn semicolon_separated_spreadsheet_export_is_read() {
    let csv = "\u{feff}id;pivot;nom;commune;code_postal;adresse;date_maj;services\nx1;;Point numérique;Angers;49100;1 rue Plantagenêt;2026-01-01;aide aux demarches administratives\n";
    let (listings, rejections) = drain(MediationCsvReader::new(csv.as_bytes(), &categories()).expect("header"));
    assert!(rejections.is_empty(), "{rejections:?}");
    assert_eq!(listings[0].input.name, "Point numérique");
    assert_eq!(listings[0].input.tags, ["Aide aux démarches administratives"]);
}
