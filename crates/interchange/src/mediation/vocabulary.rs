//! The closed vocabularies of the standard (v1.0.2 `schema.json`, field patterns), spelled
//! exactly as the schema does so that exported files validate.

use tremplin_kernel::text::fold;

/// The fields whose values come from a closed list, with that list. Their values become the
/// listing's tags, and tags found in a list go back to their field on export.
pub const VOCABULARIES: [(&str, &[&str]); 9] = [
    ("itinerance", &["Itinérant", "Fixe"]),
    (
        "services",
        &[
            "Aide aux démarches administratives",
            "Maîtrise des outils numériques du quotidien",
            "Insertion professionnelle via le numérique",
            "Utilisation sécurisée du numérique",
            "Parentalité et éducation avec le numérique",
            "Loisirs et créations numériques",
            "Compréhension du monde numérique",
            "Accès internet et matériel informatique",
            "Acquisition de matériel informatique à prix solidaire",
        ],
    ),
    ("publics_specifiquement_adresses", &["Jeunes", "Étudiants", "Familles et/ou enfants", "Seniors", "Femmes"]),
    (
        "prise_en_charge_specifique",
        &[
            "Surdité",
            "Handicaps moteurs",
            "Handicaps mentaux",
            "Illettrisme",
            "Langues étrangères (anglais)",
            "Langues étrangères (autres)",
            "Déficience visuelle",
        ],
    ),
    ("frais_a_charge", &["Gratuit", "Gratuit sous condition", "Payant"]),
    (
        "dispositif_programmes_nationaux",
        &[
            "Aidants Connect",
            "Bibliothèques numérique de référence",
            "Certification PIX",
            "Conseillers numériques",
            "Emmaüs Connect",
            "France Services",
            "Grande école du numérique",
            "La Croix Rouge",
            "Point d'accès numérique CAF",
            "Promeneurs du net",
            "Relais numérique (Emmaüs Connect)",
        ],
    ),
    (
        "formations_labels",
        &[
            "Formé à « Mon Espace Santé »",
            "Formé à « DUPLEX » (illettrisme)",
            "Arnia/MedNum BFC (Bourgogne-Franche-Comté)",
            "Collectif ressources et acteurs réemploi (Normandie)",
            "Étapes numériques(La Poste)",
            "Fabriques de Territoire",
            "Les Éclaireurs du numérique (Drôme)",
            "Mes Papiers (Métropole de Lyon)",
            "ORDI 3.0",
            "SUD LABS (PACA)",
        ],
    ),
    (
        "modalites_acces",
        &[
            "Se présenter",
            "Téléphoner",
            "Contacter par mail",
            "Prendre un RDV en ligne",
            "Ce lieu n'accueille pas de public",
            "Envoyer un mail avec une fiche de prescription",
        ],
    ),
    ("modalites_accompagnement", &["En autonomie", "Accompagnement individuel", "Dans un atelier collectif", "À distance"]),
];

/// The schema's spelling of a value of a field's list, recognised without regard to case,
/// accents or punctuation (`Comprehension du monde numerique`, `aidants connect`).
pub fn canonical(field: &str, value: &str) -> Option<&'static str> {
    let folded = fold(value);
    VOCABULARIES.iter().find(|(f, _)| *f == field).and_then(|(_, values)| values.iter().find(|v| fold(v) == folded).copied())
}

/// The field a tag belongs to, with the schema's spelling, if it is a value of some list.
pub fn field_of_tag(tag: &str) -> Option<(&'static str, &'static str)> {
    VOCABULARIES.iter().find_map(|(field, _)| canonical(field, tag).map(|value| (*field, value)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_recognised_loosely_and_spelled_exactly() {
        assert_eq!(canonical("services", "Comprehension du monde numerique"), Some("Compréhension du monde numérique"));
        assert_eq!(canonical("services", "Jeunes"), None);
        assert_eq!(field_of_tag("aidants connect"), Some(("dispositif_programmes_nationaux", "Aidants Connect")));
        assert_eq!(field_of_tag("Boulangerie"), None);
    }
}
