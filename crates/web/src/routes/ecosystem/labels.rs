//! Labels of the ecosystem's vocabularies in the visitor's language: one place that turns an
//! identifier into the words shown, for every page and e-mail of the ecosystem.

use crate::i18n::Tr;
use tremplin_domain::ecosystem::{ActorKind, ActorStatus, OfferCategory, Pricing, Sector, Stage, Topic};

/// What an actor is.
pub fn kind(tr: &Tr, value: ActorKind) -> String {
    tr.t(&format!("eco-kind-{}", value.as_str()))
}

/// A need or an offer.
pub fn topic(tr: &Tr, value: Topic) -> String {
    tr.t(&format!("eco-topic-{}", value.as_str()))
}

/// A sector.
pub fn sector(tr: &Tr, value: Sector) -> String {
    tr.t(&format!("eco-sector-{}", value.as_str()))
}

/// A stage.
pub fn stage(tr: &Tr, value: Stage) -> String {
    tr.t(&format!("eco-stage-{}", value.as_str()))
}

/// Whether an actor shows.
pub fn status(tr: &Tr, value: ActorStatus) -> String {
    tr.t(&format!("eco-status-{}", value.as_str()))
}

/// The need a partner offer answers.
pub fn offer_category(tr: &Tr, value: OfferCategory) -> String {
    tr.t(&format!("eco-offer-category-{}", value.as_str()))
}

/// What a partner offer costs.
pub fn pricing(tr: &Tr, value: Pricing) -> String {
    tr.t(&format!("eco-pricing-{}", value.as_str()))
}

/// Labels of a list, joined with ", ".
pub fn list<T: Copy>(tr: &Tr, values: &[T], label: fn(&Tr, T) -> String) -> String {
    values.iter().map(|v| label(tr, *v)).collect::<Vec<_>>().join(", ")
}

/// The profile vocabularies and their labels, for the templates of forms that list them
/// (`vocab.topics()`, `vocab.topic(t)` …).
#[derive(Debug, Clone, Copy)]
pub struct Vocabulary {
    tr: Tr,
}

impl Vocabulary {
    /// Labels in the language of `tr`.
    pub fn new(tr: Tr) -> Self {
        Self { tr }
    }
    /// Every kind of actor.
    pub fn kinds(&self) -> &'static [ActorKind] {
        ActorKind::ALL
    }
    /// A kind's label.
    pub fn kind(&self, value: &ActorKind) -> String {
        kind(&self.tr, *value)
    }
    /// Every need or offer.
    pub fn topics(&self) -> &'static [Topic] {
        Topic::ALL
    }
    /// A topic's label.
    pub fn topic(&self, value: &Topic) -> String {
        topic(&self.tr, *value)
    }
    /// Every sector.
    pub fn sectors(&self) -> &'static [Sector] {
        Sector::ALL
    }
    /// A sector's label.
    pub fn sector(&self, value: &Sector) -> String {
        sector(&self.tr, *value)
    }
    /// Every stage.
    pub fn stages(&self) -> &'static [Stage] {
        Stage::ALL
    }
    /// A stage's label.
    pub fn stage(&self, value: &Stage) -> String {
        stage(&self.tr, *value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tremplin_kernel::Locale;

    #[test]
    fn every_identifier_has_a_label_in_both_languages() {
        for tr in [Tr::new(Locale::Fr), Tr::new(Locale::En)] {
            let labels: Vec<String> = ActorKind::ALL
                .iter()
                .map(|v| kind(&tr, *v))
                .chain(Topic::ALL.iter().map(|v| topic(&tr, *v)))
                .chain(Sector::ALL.iter().map(|v| sector(&tr, *v)))
                .chain(Stage::ALL.iter().map(|v| stage(&tr, *v)))
                .chain(ActorStatus::ALL.iter().map(|v| status(&tr, *v)))
                .chain(OfferCategory::ALL.iter().map(|v| offer_category(&tr, *v)))
                .chain(Pricing::ALL.iter().map(|v| pricing(&tr, *v)))
                .collect();
            for label in &labels {
                assert!(!label.starts_with("eco-"), "{label} has no translation");
            }
        }
        assert_eq!(topic(&Tr::new(Locale::Fr), Topic::Mentoring), "Mentorat");
        assert_eq!(list(&Tr::new(Locale::En), &[Sector::Retail, Sector::Food], sector), "Retail, Food and restaurants");
    }
}
