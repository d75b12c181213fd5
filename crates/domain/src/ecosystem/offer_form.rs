//! A partner offer as typed in the submission form, and its checking into an [`OfferDraft`]:
//! one message per field (French and English in the translations, `eco-offer-error-*`).

use super::offers::OfferDraft;
use super::vocabulary::{OfferCategory, Pricing};
use crate::accounts::FieldError;
use chrono::{Months, NaiveDate};

/// Longest provider name and title.
pub const SHORT_TEXT: usize = 150;
/// Longest description.
pub const LONG_TEXT: usize = 2000;
/// Longest price terms, conditions and data-shared statement.
pub const MEDIUM_TEXT: usize = 1000;
/// Longest licence name.
pub const LICENCE_TEXT: usize = 100;
/// Longest URL.
pub const URL_TEXT: usize = 500;
/// Longest an offer may run, in months: a territory reviews its catalogue at least that often.
pub const MAX_MONTHS: u32 = 36;

/// The fields as typed (kept to fill the form again).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OfferForm {
    /// Territory slug (checked by the caller against the deployment's territories).
    pub territory: String,
    /// Provider.
    pub provider: String,
    /// Title.
    pub title: String,
    /// Category identifier.
    pub category: String,
    /// Description.
    pub description: String,
    /// Pricing identifier.
    pub pricing: String,
    /// Price terms.
    pub price_terms: String,
    /// Conditions.
    pub conditions: String,
    /// Data shared with the provider.
    pub data_shared: String,
    /// Open source ticked.
    pub open_source: bool,
    /// Licence.
    pub licence: String,
    /// URL.
    pub url: String,
    /// First day, `YYYY-MM-DD` (today when empty).
    pub starts_on: String,
    /// Last day, `YYYY-MM-DD`.
    pub ends_on: String,
}

impl OfferForm {
    /// Reads a submitted form (values trimmed).
    pub fn from_pairs(pairs: Vec<(String, String)>) -> Self {
        let mut form = OfferForm::default();
        for (key, value) in pairs {
            let value = value.trim().to_owned();
            match key.as_str() {
                "territory" => form.territory = value,
                "provider" => form.provider = value,
                "title" => form.title = value,
                "category" => form.category = value,
                "description" => form.description = value,
                "pricing" => form.pricing = value,
                "price_terms" => form.price_terms = value,
                "conditions" => form.conditions = value,
                "data_shared" => form.data_shared = value,
                "open_source" => form.open_source = matches!(value.as_str(), "true" | "on" | "1"),
                "licence" => form.licence = value,
                "url" => form.url = value,
                "starts_on" => form.starts_on = value,
                "ends_on" => form.ends_on = value,
                _ => {}
            }
        }
        form
    }

    /// Checks every field but the territory, on `today` (Paris).
    pub fn validate(&self, today: NaiveDate) -> Result<OfferDraft, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut error = |field: &'static str, key: &'static str| errors.push(FieldError { field, key });
        let len = |s: &str| s.chars().count();
        if self.provider.is_empty() || len(&self.provider) > SHORT_TEXT {
            error("provider", "eco-offer-error-provider");
        }
        if self.title.is_empty() || len(&self.title) > SHORT_TEXT {
            error("title", "eco-offer-error-title");
        }
        let category = OfferCategory::parse(&self.category);
        if category.is_none() {
            error("category", "eco-offer-error-category");
        }
        if self.description.is_empty() || len(&self.description) > LONG_TEXT {
            error("description", "eco-offer-error-description");
        }
        let pricing = Pricing::parse(&self.pricing);
        if pricing.is_none() {
            error("pricing", "eco-offer-error-pricing");
        }
        if len(&self.price_terms) > MEDIUM_TEXT {
            error("price_terms", "eco-offer-error-too-long");
        } else if pricing == Some(Pricing::Preferential) && self.price_terms.is_empty() {
            error("price_terms", "eco-offer-error-price-terms");
        }
        if len(&self.conditions) > MEDIUM_TEXT {
            error("conditions", "eco-offer-error-too-long");
        }
        if self.data_shared.is_empty() || len(&self.data_shared) > MEDIUM_TEXT {
            error("data_shared", "eco-offer-error-data-shared");
        }
        if len(&self.licence) > LICENCE_TEXT {
            error("licence", "eco-offer-error-too-long");
        } else if self.open_source && self.licence.is_empty() {
            error("licence", "eco-offer-error-licence");
        }
        if !is_web_url(&self.url) {
            error("url", "eco-offer-error-url");
        }
        let starts_on = if self.starts_on.is_empty() { Some(today) } else { parse_day(&self.starts_on) };
        if starts_on.is_none() {
            error("starts_on", "eco-offer-error-starts-on");
        }
        match (starts_on, parse_day(&self.ends_on)) {
            (_, None) => error("ends_on", "eco-offer-error-ends-on"),
            (_, Some(end)) if end < today => error("ends_on", "eco-offer-error-ends-past"),
            (Some(start), Some(end)) if end < start => error("ends_on", "eco-offer-error-ends-before-start"),
            (Some(start), Some(end)) if start.checked_add_months(Months::new(MAX_MONTHS)).is_none_or(|limit| end > limit) => {
                error("ends_on", "eco-offer-error-too-long-period")
            }
            _ => {}
        }
        match (category, pricing, starts_on, parse_day(&self.ends_on)) {
            (Some(category), Some(pricing), Some(start), Some(end)) if errors.is_empty() => Ok(OfferDraft {
                provider: self.provider.clone(),
                title: self.title.clone(),
                category,
                description: self.description.clone(),
                pricing,
                price_terms: self.price_terms.clone(),
                conditions: self.conditions.clone(),
                data_shared: self.data_shared.clone(),
                open_source: self.open_source,
                licence: if self.open_source { self.licence.clone() } else { String::new() },
                url: self.url.clone(),
                starts_on: start.format("%Y-%m-%d").to_string(),
                ends_on: end.format("%Y-%m-%d").to_string(),
            }),
            _ => Err(errors),
        }
    }
}

/// A `YYYY-MM-DD` day.
fn parse_day(value: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(value, "%Y-%m-%d").ok()
}

/// An `http://` or `https://` address with a host and no spaces or quotes.
fn is_web_url(value: &str) -> bool {
    let rest = value.strip_prefix("https://").or_else(|| value.strip_prefix("http://"));
    let Some(rest) = rest else { return false };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    value.chars().count() <= URL_TEXT
        && !host.is_empty()
        && host.contains('.')
        && !value.chars().any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>' | '\''))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 27).unwrap_or_default()
    }

    fn good() -> OfferForm {
        OfferForm {
            territory: "angers".into(),
            provider: "Numérique Solidaire".into(),
            title: "Site vitrine WordPress".into(),
            category: "website".into(),
            description: "Un site vitrine hébergé.".into(),
            pricing: "free".into(),
            price_terms: String::new(),
            conditions: "Entreprises de moins de 10 salariés.".into(),
            data_shared: "Aucune donnée".into(),
            open_source: true,
            licence: "GPL-2.0".into(),
            url: "https://numerique-solidaire.example/offre".into(),
            starts_on: String::new(),
            ends_on: "2027-06-30".into(),
        }
    }

    fn fields(form: OfferForm) -> Vec<(&'static str, &'static str)> {
        form.validate(today()).err().unwrap_or_default().into_iter().map(|e| (e.field, e.key)).collect()
    }

    #[test]
    fn a_good_form_gives_a_draft_starting_today() {
        let draft = good().validate(today()).expect("valid");
        assert_eq!((draft.starts_on.as_str(), draft.ends_on.as_str()), ("2026-11-27", "2027-06-30"));
        assert_eq!((draft.category, draft.pricing, draft.licence.as_str()), (OfferCategory::Website, Pricing::Free, "GPL-2.0"));
    }

    #[test]
    fn each_rule_has_its_message() {
        let blank = OfferForm::default();
        assert_eq!(
            fields(blank),
            vec![
                ("provider", "eco-offer-error-provider"),
                ("title", "eco-offer-error-title"),
                ("category", "eco-offer-error-category"),
                ("description", "eco-offer-error-description"),
                ("pricing", "eco-offer-error-pricing"),
                ("data_shared", "eco-offer-error-data-shared"),
                ("url", "eco-offer-error-url"),
                ("ends_on", "eco-offer-error-ends-on"),
            ]
        );
        let preferential = OfferForm { pricing: "preferential".into(), ..good() };
        assert_eq!(fields(preferential), vec![("price_terms", "eco-offer-error-price-terms")]);
        let no_licence = OfferForm { licence: String::new(), ..good() };
        assert_eq!(fields(no_licence), vec![("licence", "eco-offer-error-licence")]);
        for url in ["ftp://example.org", "https://", "https://exa mple.org", "javascript:alert(1)", "example.org"] {
            assert_eq!(fields(OfferForm { url: url.into(), ..good() }), vec![("url", "eco-offer-error-url")], "{url}");
        }
        let past = OfferForm { starts_on: "2026-01-01".into(), ends_on: "2026-11-26".into(), ..good() };
        assert_eq!(fields(past), vec![("ends_on", "eco-offer-error-ends-past")]);
        let reversed = OfferForm { starts_on: "2027-02-01".into(), ends_on: "2027-01-31".into(), ..good() };
        assert_eq!(fields(reversed), vec![("ends_on", "eco-offer-error-ends-before-start")]);
        let long = OfferForm { starts_on: "2026-12-01".into(), ends_on: "2029-12-02".into(), ..good() };
        assert_eq!(fields(long), vec![("ends_on", "eco-offer-error-too-long-period")]);
        let bad_start = OfferForm { starts_on: "27/11/2026".into(), ..good() };
        assert_eq!(fields(bad_start), vec![("starts_on", "eco-offer-error-starts-on")]);
        let wordy = OfferForm { conditions: "x".repeat(MEDIUM_TEXT + 1), ..good() };
        assert_eq!(fields(wordy), vec![("conditions", "eco-offer-error-too-long")]);
        let long_title = OfferForm { title: "x".repeat(SHORT_TEXT + 1), ..good() };
        assert_eq!(fields(long_title), vec![("title", "eco-offer-error-title")]);
    }

    #[test]
    fn three_years_exactly_is_allowed_and_today_may_be_the_last_day() {
        let three_years = OfferForm { starts_on: "2026-12-01".into(), ends_on: "2029-12-01".into(), ..good() };
        assert!(three_years.validate(today()).is_ok());
        let one_day = OfferForm { ends_on: "2026-11-27".into(), ..good() };
        assert!(one_day.validate(today()).is_ok());
    }

    #[test]
    fn a_licence_is_dropped_when_not_open_source() {
        let form = OfferForm { open_source: false, ..good() };
        assert_eq!(form.validate(today()).expect("valid").licence, "");
        let read = OfferForm::from_pairs(vec![("open_source".into(), "true".into()), ("title".into(), "  Titre ".into())]);
        assert!(read.open_source);
        assert_eq!(read.title, "Titre");
    }
}
