//! Partner offers: free or preferential-rate solutions from providers (website builders,
//! online shops, payment, tools, training), submitted by the provider and approved by a
//! manager of the territory. Nothing in an offer orders the catalogue: no place can be bought.
//!
//! An approved offer is *current* from its first to its last Paris day included; after that
//! it leaves the catalogue and the API by itself (every read filters on today's Paris date
//! from the clock), with no job to run.

use super::vocabulary::{OfferCategory, Pricing};
use crate::StoreResult;
use crate::notifications::MailRequest;
use chrono::DateTime;
use chrono_tz::Europe::Paris;
use serde::Serialize;
use std::future::Future;
use tremplin_kernel::{Email, Locale};

vocabulary! {
    /// Where an offer stands.
    OfferStatus {
        /// Sent by its provider, waiting for a manager.
        Submitted => "submitted",
        /// Approved: shown while current.
        Approved => "approved",
        /// Refused by a manager, with a note.
        Rejected => "rejected",
        /// Withdrawn by its provider or a manager.
        Withdrawn => "withdrawn",
    }
}

/// Most offers one account may have awaiting review at once: a provider cannot flood the
/// managers' queue. Counted by the store inside the insert's transaction.
pub const MAX_PENDING_PER_ACCOUNT: i64 = 10;

/// Template of the e-mail telling a provider their offer was approved.
pub const OFFER_APPROVED_TEMPLATE: &str = "eco_offer_approved";
/// Template of the e-mail telling a provider their offer was rejected, with the note.
pub const OFFER_REJECTED_TEMPLATE: &str = "eco_offer_rejected";

/// What a provider writes: every field of an offer, checked (see `offer_form`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OfferDraft {
    /// Who offers it (a firm, an association).
    pub provider: String,
    /// What it is, in a few words.
    pub title: String,
    /// The need it answers.
    pub category: OfferCategory,
    /// What the business gets.
    pub description: String,
    /// Free or preferential rate.
    pub pricing: Pricing,
    /// The price or the discount (required for a preferential rate).
    pub price_terms: String,
    /// Who may use it, and how.
    pub conditions: String,
    /// The data the provider receives, in its own words ("Aucune donnée" written out).
    pub data_shared: String,
    /// Whether the solution is free and open-source software.
    pub open_source: bool,
    /// Its licence (required for open source).
    pub licence: String,
    /// The provider's page for the offer, http(s).
    pub url: String,
    /// First day, Paris, `YYYY-MM-DD`.
    pub starts_on: String,
    /// Last day, Paris, `YYYY-MM-DD`, included.
    pub ends_on: String,
}

/// A partner offer as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PartnerOffer {
    /// Internal id.
    #[serde(skip)]
    pub id: i64,
    /// Stable public identifier used in URLs.
    pub slug: String,
    /// Territory it is approved for (and the territories in it).
    #[serde(skip)]
    pub territory_id: i64,
    /// Its slug.
    pub territory_slug: String,
    /// Its name.
    pub territory_name: String,
    /// The account that submitted it (none for offers loaded by the platform).
    #[serde(skip)]
    pub submitted_by: Option<i64>,
    /// Its fields.
    #[serde(skip)]
    pub draft: OfferDraft,
    /// Where it stands.
    pub status: OfferStatus,
    /// The manager's note (why it was rejected or withdrawn).
    pub review_note: String,
    /// When a manager decided, Unix seconds.
    pub reviewed_at: Option<i64>,
    /// Submitted, Unix seconds.
    pub created_at: i64,
    /// Last changed, Unix seconds.
    pub updated_at: i64,
}

/// The three columns of a category in the catalogue, side by side so that for each need the
/// open-source options stand beside the paid ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OfferColumn {
    /// Free and open-source software, whatever the provider charges for its service.
    OpenSource,
    /// Free of charge, not open source.
    Free,
    /// A preferential rate, not open source.
    Preferential,
}

impl OfferColumn {
    /// The columns, in the order shown.
    pub const ALL: [OfferColumn; 3] = [OfferColumn::OpenSource, OfferColumn::Free, OfferColumn::Preferential];

    /// Stable identifier (API, translation keys).
    pub fn as_str(self) -> &'static str {
        match self {
            OfferColumn::OpenSource => "open_source",
            OfferColumn::Free => "free",
            OfferColumn::Preferential => "preferential",
        }
    }
}

impl PartnerOffer {
    /// Whether the catalogue shows it on `today` (Paris, `YYYY-MM-DD`): approved, started, and
    /// not past its last day.
    pub fn is_current(&self, today: &str) -> bool {
        self.status == OfferStatus::Approved && self.draft.starts_on.as_str() <= today && today <= self.draft.ends_on.as_str()
    }

    /// Whether its last day is over.
    pub fn is_expired(&self, today: &str) -> bool {
        self.draft.ends_on.as_str() < today
    }

    /// Its column in the catalogue.
    pub fn column(&self) -> OfferColumn {
        match (self.draft.open_source, self.draft.pricing) {
            (true, _) => OfferColumn::OpenSource,
            (false, Pricing::Free) => OfferColumn::Free,
            (false, Pricing::Preferential) => OfferColumn::Preferential,
        }
    }
}

/// Today's date in Europe/Paris, `YYYY-MM-DD`, from Unix seconds (the clock's).
pub fn paris_today(now: i64) -> String {
    DateTime::from_timestamp(now, 0).unwrap_or_default().with_timezone(&Paris).format("%Y-%m-%d").to_string()
}

/// The e-mail telling the submitter of `offer` about a manager's decision.
pub fn decision_mail(offer: &PartnerOffer, approved: bool, to: Email, locale: Locale) -> MailRequest {
    let template = if approved { OFFER_APPROVED_TEMPLATE } else { OFFER_REJECTED_TEMPLATE };
    MailRequest::new(template, to, locale)
        .with("provider", offer.draft.provider.clone())
        .with("title", offer.draft.title.clone())
        .with("territory", offer.territory_name.clone())
        .with("ends_on", offer.draft.ends_on.clone())
        .with("note", offer.review_note.clone())
        .with("offer_path", format!("/offres/{}", offer.slug))
        .with("mine_path", "/offres/mes-propositions")
}

/// What partner offers need from the store.
pub trait OfferRepo: Send + Sync {
    /// Saves a submission (status submitted); returns its id, or `None` when `submitted_by`
    /// already has [`MAX_PENDING_PER_ACCOUNT`] offers awaiting review.
    fn create_offer(
        &self,
        territory_id: i64,
        submitted_by: Option<i64>,
        slug: &str,
        draft: &OfferDraft,
        now: i64,
    ) -> impl Future<Output = StoreResult<Option<i64>>> + Send;
    /// Whether a slug is taken.
    fn offer_slug_taken(&self, slug: &str) -> impl Future<Output = StoreResult<bool>> + Send;
    /// An offer by slug, whatever its status.
    fn offer_by_slug(&self, slug: &str) -> impl Future<Output = StoreResult<Option<PartnerOffer>>> + Send;
    /// Approved offers current on `today` (Paris), of these territories (all when `None`) and
    /// this category (all when `None`), in no particular order: the catalogue orders them.
    fn current_offers(
        &self,
        territory_ids: Option<&[i64]>,
        category: Option<OfferCategory>,
        today: &str,
    ) -> impl Future<Output = StoreResult<Vec<PartnerOffer>>> + Send;
    /// Every offer of these territories, whatever its status (the managers' view), newest first.
    fn territory_offers(&self, territory_ids: &[i64]) -> impl Future<Output = StoreResult<Vec<PartnerOffer>>> + Send;
    /// The offers an account submitted, newest first.
    fn submitted_offers(&self, user_id: i64) -> impl Future<Output = StoreResult<Vec<PartnerOffer>>> + Send;
    /// Approves or rejects a submitted offer with a note, and enqueues `mail` (built from the
    /// offer as decided) in the same transaction. False when it was no longer submitted.
    fn decide_offer(
        &self,
        offer_id: i64,
        approve: bool,
        note: &str,
        reviewer_id: i64,
        now: i64,
        mail: impl FnOnce(&PartnerOffer) -> Option<MailRequest> + Send,
    ) -> impl Future<Output = StoreResult<bool>> + Send;
    /// Withdraws a submitted or approved offer, with a note. False when it was neither.
    fn withdraw_offer(&self, offer_id: i64, note: &str, now: i64) -> impl Future<Output = StoreResult<bool>> + Send;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn offer(open_source: bool, pricing: Pricing, status: OfferStatus) -> PartnerOffer {
        PartnerOffer {
            id: 1,
            slug: "o".into(),
            territory_id: 1,
            territory_slug: "t".into(),
            territory_name: "T".into(),
            submitted_by: None,
            draft: OfferDraft {
                provider: "P".into(),
                title: "T".into(),
                category: OfferCategory::Website,
                description: "D".into(),
                pricing,
                price_terms: String::new(),
                conditions: String::new(),
                data_shared: "Aucune donnée".into(),
                open_source,
                licence: String::new(),
                url: "https://example.org".into(),
                starts_on: "2026-01-01".into(),
                ends_on: "2026-06-30".into(),
            },
            status,
            review_note: String::new(),
            reviewed_at: None,
            created_at: 0,
            updated_at: 0,
        }
    }

    #[test]
    fn an_approved_offer_is_current_from_its_first_to_its_last_day_included() {
        let o = offer(false, Pricing::Free, OfferStatus::Approved);
        assert!(!o.is_current("2025-12-31"));
        assert!(o.is_current("2026-01-01"));
        assert!(o.is_current("2026-06-30"));
        assert!(!o.is_current("2026-07-01"));
        assert!(o.is_expired("2026-07-01") && !o.is_expired("2026-06-30"));
        assert!(!offer(false, Pricing::Free, OfferStatus::Submitted).is_current("2026-03-01"));
    }

    #[test]
    fn paris_days_turn_at_paris_midnight() {
        // 2026-06-30 21:59:59 UTC is 23:59:59 in Paris (summer time); one second later is July.
        let last = chrono::NaiveDate::from_ymd_opt(2026, 6, 30)
            .and_then(|d| d.and_hms_opt(21, 59, 59))
            .map(|d| d.and_utc().timestamp())
            .unwrap_or_default();
        assert_eq!(paris_today(last), "2026-06-30");
        assert_eq!(paris_today(last + 1), "2026-07-01");
    }

    #[test]
    fn open_source_goes_to_its_own_column_whatever_the_price() {
        assert_eq!(offer(true, Pricing::Preferential, OfferStatus::Approved).column(), OfferColumn::OpenSource);
        assert_eq!(offer(false, Pricing::Free, OfferStatus::Approved).column(), OfferColumn::Free);
        assert_eq!(offer(false, Pricing::Preferential, OfferStatus::Approved).column(), OfferColumn::Preferential);
    }
}
