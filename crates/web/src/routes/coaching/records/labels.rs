//! How the pages of records write themes, outcomes, statuses, modalities and times (Europe/Paris),
//! shared by every page of this part through [`Labels`].

use crate::i18n::Tr;
use crate::routes::events::staff::paris_datetime;
use crate::routes::events::view::theme_label;
use tremplin_domain::coaching::{AppointmentStatus, Outcome};

/// Labels for templates; a page implements `tr` and gets the rest.
pub trait Labels {
    /// The page's translator.
    fn tr(&self) -> &Tr;

    /// "Site internet" for `website`.
    fn theme(&self, slug: &str) -> String {
        theme_label(self.tr(), slug)
    }

    /// Themes, comma separated.
    fn themes(&self, slugs: &[String]) -> String {
        slugs.iter().map(|s| self.theme(s)).collect::<Vec<_>>().join(", ")
    }

    /// The label of an outcome.
    fn outcome(&self, outcome: &Outcome) -> String {
        self.tr().t(&format!("record-outcome-{}", outcome.as_str().replace('_', "-")))
    }

    /// The label of an appointment's status.
    fn status(&self, status: &AppointmentStatus) -> String {
        self.tr().t(&format!("record-appointment-{}", status.as_str()))
    }

    /// The label of a modality.
    fn modality(&self, modality: &tremplin_domain::coaching::Modality) -> String {
        self.tr().t(&format!("record-modality-{}", modality.as_str().replace('_', "-")))
    }

    /// `2026-12-03 14:00`, Paris time.
    fn at(&self, ts: &i64) -> String {
        paris_datetime(*ts)
    }

    /// `2026-12-03`, Paris time.
    fn day(&self, ts: &i64) -> String {
        paris_datetime(*ts).chars().take(10).collect()
    }

    /// `1,5` in French, `1.5` in English.
    fn decimal(&self, value: &f64) -> String {
        let text = format!("{value:.1}");
        if self.tr().locale == tremplin_kernel::Locale::Fr { text.replace('.', ",") } else { text }
    }
}
