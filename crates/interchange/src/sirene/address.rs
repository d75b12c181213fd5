//! A street address from SIRENE's split fields: `12`, `B`, `R`, `DU GENERAL LECLERC` →
//! `12 bis rue du General Leclerc` (SIRENE writes capitals without accents; they cannot be
//! restored without a street directory).

use crate::text::title_case_words;

/// INSEE's street-type codes (`typeVoieEtablissement`) and their words, written in lower case as
/// in the town-hall addresses of the reference data.
const STREET_TYPES: [(&str, &str); 52] = [
    ("ALL", "allée"),
    ("AV", "avenue"),
    ("BD", "boulevard"),
    ("BRG", "bourg"),
    ("CAR", "carrefour"),
    ("CHE", "chemin"),
    ("CHEM", "chemin"),
    ("CHS", "chaussée"),
    ("CITE", "cité"),
    ("CLOS", "clos"),
    ("COR", "corniche"),
    ("CRS", "cours"),
    ("DOM", "domaine"),
    ("DSC", "descente"),
    ("ECA", "écart"),
    ("ESP", "esplanade"),
    ("FG", "faubourg"),
    ("GR", "grande rue"),
    ("HAM", "hameau"),
    ("HLE", "halle"),
    ("IMP", "impasse"),
    ("LD", "lieu-dit"),
    ("LOT", "lotissement"),
    ("MAR", "marché"),
    ("MTE", "montée"),
    ("PARC", "parc"),
    ("PAS", "passage"),
    ("PL", "place"),
    ("PLN", "plaine"),
    ("PLT", "plateau"),
    ("PONT", "pont"),
    ("PORT", "port"),
    ("PRO", "promenade"),
    ("PRV", "parvis"),
    ("QUA", "quartier"),
    ("QUAI", "quai"),
    ("RES", "résidence"),
    ("RLE", "ruelle"),
    ("ROC", "rocade"),
    ("RPT", "rond-point"),
    ("RTE", "route"),
    ("R", "rue"),
    ("SEN", "sentier"),
    ("SQ", "square"),
    ("TPL", "terre-plein"),
    ("TRA", "traverse"),
    ("VLA", "villa"),
    ("VLGE", "village"),
    ("VOIE", "voie"),
    ("ZA", "zone artisanale"),
    ("ZAC", "zone d'aménagement concerté"),
    ("ZI", "zone industrielle"),
];

/// The word of a street-type code; an unknown code (or a word already) in lower case.
pub fn street_type(code: &str) -> String {
    let code = code.trim();
    STREET_TYPES.iter().find(|(c, _)| c.eq_ignore_ascii_case(code)).map_or_else(|| code.to_lowercase(), |(_, word)| (*word).to_owned())
}

/// `bis`, `ter`, `quater`, `quinquies` for `B`, `T`, `Q`, `C`; other letters as they are.
fn repetition(index: &str) -> String {
    match index.trim().to_ascii_uppercase().as_str() {
        "B" => "bis".into(),
        "T" => "ter".into(),
        "Q" => "quater".into(),
        "C" => "quinquies".into(),
        other => other.to_owned(),
    }
}

/// The address line: number, repetition index, street type and name; the address complement
/// (`ZA DES LANDES`) only when there is no street.
pub fn street_address(number: &str, index: &str, street_type_code: &str, street_name: &str, complement: &str) -> String {
    let mut parts: Vec<String> = Vec::new();
    if !street_name.is_empty() {
        parts.extend([number.to_owned(), repetition(index), street_type(street_type_code)]);
        parts.push(title_case_words(street_name, false));
    } else if !complement.is_empty() {
        parts.push(title_case_words(complement, true));
    }
    parts.retain(|p| !p.is_empty());
    parts.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_spelled_out() {
        assert_eq!(street_address("12", "B", "R", "DU GENERAL LECLERC", ""), "12 bis rue du General Leclerc");
        assert_eq!(street_address("3", "", "PL", "DU RALLIEMENT", ""), "3 place du Ralliement");
        assert_eq!(street_address("", "", "RTE", "DE BOUCHEMAINE", ""), "route de Bouchemaine");
        assert_eq!(street_address("", "", "", "", "ZA DES LANDES"), "Za des Landes");
        assert_eq!(street_address("8", "", "QUAI", "FELIX FAURE", "BAT A"), "8 quai Felix Faure");
        assert_eq!(street_type("Rue"), "rue");
        assert_eq!(street_type("XYZ"), "xyz");
    }
}
