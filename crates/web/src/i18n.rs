//! Translations (Fluent files in `locales/`), French first.

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, langid, static_loader};
use std::borrow::Cow;
use std::collections::HashMap;
use tremplin_kernel::Locale;

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "fr",
        // Unicode isolation marks would otherwise land in the HTML around every argument.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static FR: LanguageIdentifier = langid!("fr");
static EN: LanguageIdentifier = langid!("en");

/// The translator for one request's language; templates call `tr.t("key")`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tr {
    /// The language.
    pub locale: Locale,
}

impl Tr {
    /// Translator for `locale`.
    pub fn new(locale: Locale) -> Self {
        Self { locale }
    }

    fn id(&self) -> &'static LanguageIdentifier {
        match self.locale {
            Locale::Fr => &FR,
            Locale::En => &EN,
        }
    }

    /// The message `key`; the key itself if it is missing (a test checks none is).
    pub fn t(&self, key: &str) -> String {
        LOCALES.try_lookup(self.id(), key).unwrap_or_else(|| key.to_owned())
    }

    /// The message `key` with one argument.
    pub fn t1(&self, key: &str, name: &'static str, value: impl ToString) -> String {
        self.args(key, &[(name, value.to_string())])
    }

    /// The message `key` with a numeric argument (for plural forms).
    pub fn tn(&self, key: &str, name: &'static str, value: impl std::borrow::Borrow<i64>) -> String {
        let value = *value.borrow();
        let args: HashMap<Cow<'static, str>, FluentValue> = HashMap::from([(Cow::Borrowed(name), FluentValue::from(value))]);
        LOCALES.try_lookup_with_args(self.id(), key, &args).unwrap_or_else(|| key.to_owned())
    }

    /// The message `key` with a count (for plural forms) and text arguments.
    pub fn count_with(
        &self,
        key: &str,
        count_name: &'static str,
        count: impl std::borrow::Borrow<usize>,
        values: &[(&'static str, String)],
    ) -> String {
        let count = *count.borrow();
        let mut args: HashMap<Cow<'static, str>, FluentValue> =
            values.iter().map(|(k, v)| (Cow::Borrowed(*k), FluentValue::from(v.clone()))).collect();
        args.insert(Cow::Borrowed(count_name), FluentValue::from(count));
        LOCALES.try_lookup_with_args(self.id(), key, &args).unwrap_or_else(|| key.to_owned())
    }

    /// The message `key` with several arguments.
    pub fn args(&self, key: &str, values: &[(&'static str, String)]) -> String {
        let args: HashMap<Cow<'static, str>, FluentValue> =
            values.iter().map(|(k, v)| (Cow::Borrowed(*k), FluentValue::from(v.clone()))).collect();
        LOCALES.try_lookup_with_args(self.id(), key, &args).unwrap_or_else(|| key.to_owned())
    }

    /// The label of a role.
    pub fn role(&self, role: impl std::borrow::Borrow<tremplin_kernel::Role>) -> String {
        let role = *role.borrow();
        self.t(&format!("role-{}", role.as_str()))
    }

    /// A number written the local way (thin space thousands in French).
    pub fn number(&self, value: impl std::borrow::Borrow<i64>) -> String {
        let value = *value.borrow();
        let digits = value.unsigned_abs().to_string();
        let sep = match self.locale {
            Locale::Fr => "\u{202f}",
            Locale::En => ",",
        };
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push_str(sep);
            }
            out.push(c);
        }
        if value < 0 { format!("-{out}") } else { out }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn keys(text: &str) -> BTreeSet<String> {
        text.lines()
            .filter(|l| !l.starts_with(' ') && !l.starts_with('#'))
            .filter_map(|l| l.split_once(" = ").map(|(k, _)| k.trim().to_owned()))
            .collect()
    }

    /// The keys of every `.ftl` file of a language, per file name.
    fn keys_of(language: &str) -> Vec<(String, BTreeSet<String>)> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("locales").join(language);
        let mut files: Vec<(String, BTreeSet<String>)> = std::fs::read_dir(&dir)
            .expect("locale folder")
            .map(|entry| entry.expect("entry").path())
            .filter(|path| path.extension().is_some_and(|e| e == "ftl"))
            .map(|path| {
                let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                (name, keys(&std::fs::read_to_string(&path).expect("readable")))
            })
            .collect();
        files.sort();
        files
    }

    #[test]
    fn both_languages_have_the_same_files_and_keys() {
        let (fr, en) = (keys_of("fr"), keys_of("en"));
        assert_eq!(fr.iter().map(|f| &f.0).collect::<Vec<_>>(), en.iter().map(|f| &f.0).collect::<Vec<_>>());
        assert!(fr.iter().map(|f| f.1.len()).sum::<usize>() > 50);
        for ((file, fr), (_, en)) in fr.iter().zip(&en) {
            assert_eq!(fr.symmetric_difference(en).collect::<Vec<_>>(), Vec::<&String>::new(), "{file}");
        }
        // A key defined in two files would shadow one translation with another.
        let mut seen = BTreeSet::new();
        for key in fr.iter().flat_map(|f| f.1.iter()) {
            assert!(seen.insert(key), "{key} is defined twice");
        }
    }

    #[test]
    fn translates_with_plurals_and_numbers() {
        let fr = Tr::new(Locale::Fr);
        assert_eq!(fr.t("nav-login"), "Connexion");
        assert_eq!(fr.tn("territory-communes", "count", 1), "une commune");
        assert_eq!(fr.tn("territory-communes", "count", 3), "3 communes");
        assert_eq!(Tr::new(Locale::En).t("nav-login"), "Log in");
        assert_eq!(fr.number(155_850), "155\u{202f}850");
        assert_eq!(Tr::new(Locale::En).number(1_234_567), "1,234,567");
    }
}
