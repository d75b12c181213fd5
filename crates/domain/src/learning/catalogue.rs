//! The module catalogue shipped with Tremplin (`catalogue/modules.json`), written to the
//! database at start-up by slug, and the default passport path.

use super::model::Module;
use std::sync::LazyLock;

/// The three historical modules of the "Passeport pour l'économie numérique".
pub const HISTORICAL_MODULES: [&str; 3] = ["creer-son-site", "augmenter-son-trafic", "ameliorer-ses-performances"];

/// The path of a territory that defined none (and whose parents defined none).
pub fn default_path() -> Vec<String> {
    HISTORICAL_MODULES.iter().map(|s| s.to_string()).collect()
}

static MODULES: LazyLock<Vec<Module>> = LazyLock::new(|| {
    // The file is part of the build and checked by the tests below: a broken file is a bug.
    #[allow(clippy::expect_used)]
    serde_json::from_str(include_str!("catalogue/modules.json")).expect("catalogue/modules.json is valid")
});

/// The shipped modules, in catalogue order.
pub fn modules() -> &'static [Module] {
    &MODULES
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn the_catalogue_holds_the_historical_modules_and_unique_slugs() {
        let slugs: HashSet<&str> = modules().iter().map(|m| m.slug.as_str()).collect();
        assert_eq!(slugs.len(), modules().len());
        for slug in HISTORICAL_MODULES {
            assert!(slugs.contains(slug), "{slug}");
        }
        for slug in ["vendre-en-ligne", "reseaux-sociaux", "cybersecurite", "demarches-en-ligne"] {
            assert!(slugs.contains(slug), "{slug}");
        }
        for module in modules() {
            assert!(module.themes.iter().all(|t| crate::events::model::is_theme(t)), "{}", module.slug);
            assert!(module.quiz.pass_mark <= module.quiz.questions.len(), "{}", module.slug);
            assert!(module.quiz.questions.iter().all(|q| q.correct < q.choices.len()), "{}", module.slug);
            assert!((2..=4).contains(&module.resources.len()), "{}: 2 to 4 free resources", module.slug);
            assert!(module.resources.iter().all(|r| r.url.starts_with("https://")), "{}", module.slug);
            assert_eq!(module.quiz.questions.len(), 5, "{}", module.slug);
            assert_eq!(module.quiz.pass_mark, 4, "{}", module.slug);
            assert!(module.quiz.questions.iter().all(|q| !q.explanation.is_empty()), "{}", module.slug);
        }
    }
}
