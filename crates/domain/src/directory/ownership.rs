//! Owners claim their listing and edit it; managers moderate claims and reports and can
//! restore any earlier version. Every change is kept.

use super::editing::{EditableFields, validate};
use super::model::Listing;
use super::repo::DirectoryRepo;
use super::{ListingInput, index_words};
use crate::StoreResult;
use crate::accounts::{FieldError, Grant, User, policy};
use crate::notifications::MailRequest;
use serde::Serialize;
use std::future::Future;
use tremplin_kernel::token::hash_token;
use tremplin_kernel::{Clock, Email, Locale};

/// How long a claim code sent to the listing's address stays valid.
pub const CLAIM_CODE_SECS: i64 = 24 * 3600;
/// Wrong codes allowed for one claim.
pub const CLAIM_MAX_ATTEMPTS: i64 = 5;

/// A version of a listing, newest first in lists.
#[derive(Debug, Clone, Serialize)]
pub struct Version {
    /// Row id.
    pub id: i64,
    /// The listing's editable fields after this change.
    pub snapshot: EditableFields,
    /// Fields changed by it.
    pub changed_fields: Vec<String>,
    /// `owner`, `manager`, `restore`, or the import source (`demo`, `osm` …).
    pub origin: String,
    /// Who made it (display name or e-mail), if a person.
    pub author: Option<String>,
    /// Unix seconds.
    pub created_at: i64,
}

/// A claim waiting for a decision, as listed to managers.
#[derive(Debug, Clone, Serialize)]
pub struct PendingClaim {
    /// Row id.
    pub id: i64,
    /// Listing slug.
    pub listing_slug: String,
    /// Listing name.
    pub listing_name: String,
    /// Claimant's e-mail (personal data, staff only).
    pub claimant: String,
    /// What the claimant wrote.
    pub message: String,
    /// Unix seconds.
    pub created_at: i64,
}

/// A report of an error on a listing.
#[derive(Debug, Clone, Serialize)]
pub struct OpenReport {
    /// Row id.
    pub id: i64,
    /// Listing slug.
    pub listing_slug: String,
    /// Listing name.
    pub listing_name: String,
    /// What is wrong.
    pub message: String,
    /// How to reach the reporter, if given (personal data, staff only).
    pub contact: String,
    /// Unix seconds.
    pub created_at: i64,
}

/// A listing proposed by the public.
#[derive(Debug, Clone, Serialize)]
pub struct PendingListing {
    /// Row id.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Address.
    pub address: String,
    /// Postcode.
    pub postcode: String,
    /// Category slug.
    pub category: Option<String>,
    /// Description.
    pub description: String,
    /// Unix seconds.
    pub created_at: i64,
}

/// An e-mail claim awaiting its code.
#[derive(Debug, Clone)]
pub struct CodeClaim {
    /// Row id.
    pub id: i64,
    /// Hash of the code sent.
    pub code_hash: String,
    /// Wrong codes so far.
    pub attempts: i64,
    /// Unix seconds.
    pub expires_at: i64,
}

/// Store of owners, claims, reports and versions.
pub trait OwnershipRepo: Send + Sync {
    /// Whether `user_id` owns the listing.
    fn is_owner(&self, listing_id: i64, user_id: i64) -> impl Future<Output = StoreResult<bool>> + Send;
    /// Makes `user_id` an owner of the listing (demo, administration).
    fn add_owner(&self, listing_id: i64, user_id: i64, now: i64) -> impl Future<Output = StoreResult<()>> + Send;
    /// Slugs and names of the listings `user_id` owns.
    fn owned_listings(&self, user_id: i64) -> impl Future<Output = StoreResult<Vec<(String, String)>>> + Send;
    /// Ids of the territories containing a commune, and of the territories containing those.
    fn territories_of_commune(&self, insee: &str) -> impl Future<Output = StoreResult<Vec<i64>>> + Send;
    /// Applies an edit in one transaction: records the state before if the listing has no
    /// history yet, updates the listing and its search words, marks the fields as edited by
    /// hand, and records the new version.
    #[allow(clippy::too_many_arguments)]
    fn apply_edit(
        &self,
        listing: &Listing,
        after: &EditableFields,
        changed: &[&str],
        origin: &str,
        author: Option<i64>,
        search: (&str, &str),
        now: i64,
    ) -> impl Future<Output = StoreResult<()>> + Send;
    /// The versions of a listing, newest first.
    fn versions(&self, listing_id: i64) -> impl Future<Output = StoreResult<Vec<Version>>> + Send;
    /// Records a claim; an e-mail with the code goes out in the same transaction.
    fn create_claim(
        &self,
        listing_id: i64,
        user_id: i64,
        code_hash: Option<&str>,
        message: &str,
        now: i64,
        mail: Option<&MailRequest>,
    ) -> impl Future<Output = StoreResult<()>> + Send;
    /// The pending e-mail claim of a user on a listing.
    fn code_claim(&self, listing_id: i64, user_id: i64) -> impl Future<Output = StoreResult<Option<CodeClaim>>> + Send;
    /// Counts a wrong code.
    fn count_claim_attempt(&self, claim_id: i64) -> impl Future<Output = StoreResult<()>> + Send;
    /// Approves a claim: its claimant becomes an owner.
    fn approve_claim(&self, claim_id: i64, decided_by: Option<i64>, now: i64) -> impl Future<Output = StoreResult<bool>> + Send;
    /// Rejects a claim.
    fn reject_claim(&self, claim_id: i64, decided_by: i64, now: i64) -> impl Future<Output = StoreResult<bool>> + Send;
    /// Claims waiting for a manager, for listings in these territories.
    fn pending_claims(&self, territory_ids: &[i64]) -> impl Future<Output = StoreResult<Vec<PendingClaim>>> + Send;
    /// The commune of a claim's listing.
    fn claim_commune(&self, claim_id: i64) -> impl Future<Output = StoreResult<Option<String>>> + Send;
    /// Records a report.
    fn create_report(&self, listing_id: i64, message: &str, contact: &str, now: i64) -> impl Future<Output = StoreResult<()>> + Send;
    /// Open reports on listings in these territories.
    fn open_reports(&self, territory_ids: &[i64]) -> impl Future<Output = StoreResult<Vec<OpenReport>>> + Send;
    /// The commune of a report's listing.
    fn report_commune(&self, report_id: i64) -> impl Future<Output = StoreResult<Option<String>>> + Send;
    /// Listings proposed by the public in these territories, waiting for a manager.
    fn pending_listings(&self, territory_ids: &[i64]) -> impl Future<Output = StoreResult<Vec<PendingListing>>> + Send;
    /// The commune of a listing, whatever its status.
    fn listing_commune(&self, listing_id: i64) -> impl Future<Output = StoreResult<Option<String>>> + Send;
    /// Publishes (or rejects) a pending listing; false if it was not pending.
    fn decide_listing(&self, listing_id: i64, publish: bool, now: i64) -> impl Future<Output = StoreResult<bool>> + Send;
    /// Closes a report.
    fn close_report(&self, report_id: i64, closed_by: i64, now: i64) -> impl Future<Output = StoreResult<bool>> + Send;
}

/// Why an ownership use case refused.
#[derive(Debug, thiserror::Error)]
pub enum OwnershipError {
    /// Some fields are invalid.
    #[error("invalid")]
    Invalid(Vec<FieldError>),
    /// Not allowed.
    #[error("forbidden")]
    Forbidden,
    /// No such claim or version.
    #[error("not found")]
    NotFound,
    /// The store failed.
    #[error(transparent)]
    Store(#[from] crate::StoreError),
}

/// Whether `user` moderates listings of a commune in these territories.
pub fn can_moderate(user: &User, grants: &[Grant], territory_ids: &[i64]) -> bool {
    policy::can_view_team(user, grants, territory_ids)
}

/// Whether `user` may edit `listing`: an owner, or staff of a territory containing it.
pub async fn can_edit(repo: &impl OwnershipRepo, user: &User, grants: &[Grant], listing: &Listing) -> StoreResult<bool> {
    if repo.is_owner(listing.id, user.id).await? {
        return Ok(true);
    }
    staff_of_listing(repo, user, grants, listing).await
}

/// Whether `user` is staff of a territory containing the listing's commune.
pub async fn staff_of_listing(repo: &impl OwnershipRepo, user: &User, grants: &[Grant], listing: &Listing) -> StoreResult<bool> {
    if user.is_platform_admin {
        return Ok(true);
    }
    let territories = match &listing.insee {
        Some(insee) => repo.territories_of_commune(insee).await?,
        None => Vec::new(),
    };
    Ok(can_moderate(user, grants, &territories))
}

/// Edits a listing (owner or staff): validated, applied at once, kept in the history.
pub async fn edit<R: OwnershipRepo + DirectoryRepo>(
    repo: &R,
    clock: &dyn Clock,
    user: &User,
    grants: &[Grant],
    listing: &Listing,
    fields: EditableFields,
) -> Result<Vec<&'static str>, OwnershipError> {
    if !can_edit(repo, user, grants, listing).await? {
        return Err(OwnershipError::Forbidden);
    }
    let categories = repo.categories().await?;
    let fields = validate(fields, |slug| categories.iter().any(|c| c.slug == slug)).map_err(OwnershipError::Invalid)?;
    let origin = if repo.is_owner(listing.id, user.id).await? { "owner" } else { "manager" };
    save_fields(repo, clock, listing, &fields, origin, Some(user.id)).await
}

/// Puts back the fields of an earlier version (staff only); recorded as a new version.
pub async fn restore<R: OwnershipRepo + DirectoryRepo>(
    repo: &R,
    clock: &dyn Clock,
    user: &User,
    grants: &[Grant],
    listing: &Listing,
    version_id: i64,
) -> Result<Vec<&'static str>, OwnershipError> {
    if !staff_of_listing(repo, user, grants, listing).await? {
        return Err(OwnershipError::Forbidden);
    }
    let version = repo.versions(listing.id).await?.into_iter().find(|v| v.id == version_id).ok_or(OwnershipError::NotFound)?;
    save_fields(repo, clock, listing, &version.snapshot, "restore", Some(user.id)).await
}

async fn save_fields<R: OwnershipRepo + DirectoryRepo>(
    repo: &R,
    clock: &dyn Clock,
    listing: &Listing,
    fields: &EditableFields,
    origin: &str,
    author: Option<i64>,
) -> Result<Vec<&'static str>, OwnershipError> {
    let before = EditableFields::of(listing);
    let changed = fields.changed_from(&before);
    if changed.is_empty() {
        return Ok(changed);
    }
    let categories = repo.categories().await?;
    let category_label = fields.category.as_deref().and_then(|slug| categories.iter().find(|c| c.slug == slug)).map(|c| c.label_fr.clone());
    let input = ListingInput {
        name: fields.name.clone(),
        description: fields.description.clone(),
        tags: listing.tags.clone(),
        ..ListingInput::default()
    };
    let (search_name, search_body) = index_words(&input, category_label.as_deref(), listing.commune.as_deref());
    repo.apply_edit(listing, fields, &changed, origin, author, (&search_name, &search_body), clock.now_ts()).await?;
    Ok(changed)
}

/// What a claim started.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClaimStarted {
    /// A code went to the listing's e-mail address.
    CodeSent,
    /// The listing has no e-mail: a manager will decide.
    AwaitingManager,
    /// The user already owns it.
    AlreadyOwner,
}

/// A user claims a listing: a 6-digit code goes to the listing's own address, or, if it has
/// none, a manager of its territory decides.
pub async fn start_claim(
    repo: &impl OwnershipRepo,
    clock: &dyn Clock,
    user: &User,
    listing: &Listing,
    message: &str,
) -> StoreResult<ClaimStarted> {
    if repo.is_owner(listing.id, user.id).await? {
        return Ok(ClaimStarted::AlreadyOwner);
    }
    let now = clock.now_ts();
    let message: String = message.trim().chars().take(1000).collect();
    match Email::parse(&listing.email) {
        Ok(address) => {
            let code = format!("{:06}", rand::random::<u32>() % 1_000_000);
            let mail = MailRequest::new("claim_code", address, Locale::Fr).with("code", &code).with("listing", &listing.name);
            repo.create_claim(listing.id, user.id, Some(&hash_token(&format!("{}:{code}", listing.id))), &message, now, Some(&mail))
                .await?;
            Ok(ClaimStarted::CodeSent)
        }
        Err(_) => {
            repo.create_claim(listing.id, user.id, None, &message, now, None).await?;
            Ok(ClaimStarted::AwaitingManager)
        }
    }
}

/// Checks the code of an e-mail claim; the user becomes an owner.
pub async fn confirm_claim(
    repo: &impl OwnershipRepo,
    clock: &dyn Clock,
    user: &User,
    listing: &Listing,
    code: &str,
) -> Result<(), OwnershipError> {
    let claim = repo.code_claim(listing.id, user.id).await?.ok_or(OwnershipError::NotFound)?;
    let now = clock.now_ts();
    if claim.expires_at <= now || claim.attempts >= CLAIM_MAX_ATTEMPTS {
        return Err(OwnershipError::Invalid(vec![FieldError { field: "code", key: "error-claim-expired" }]));
    }
    let code: String = code.chars().filter(char::is_ascii_digit).collect();
    if hash_token(&format!("{}:{code}", listing.id)) != claim.code_hash {
        repo.count_claim_attempt(claim.id).await?;
        return Err(OwnershipError::Invalid(vec![FieldError { field: "code", key: "error-claim-code" }]));
    }
    repo.approve_claim(claim.id, None, now).await?;
    Ok(())
}

/// A manager approves or rejects a claim on a listing of their territory.
pub async fn decide_claim(
    repo: &impl OwnershipRepo,
    clock: &dyn Clock,
    user: &User,
    grants: &[Grant],
    claim_id: i64,
    approve: bool,
) -> Result<(), OwnershipError> {
    let insee = repo.claim_commune(claim_id).await?.ok_or(OwnershipError::NotFound)?;
    let territories = repo.territories_of_commune(&insee).await?;
    if !(user.is_platform_admin || can_moderate(user, grants, &territories)) {
        return Err(OwnershipError::Forbidden);
    }
    let now = clock.now_ts();
    let done =
        if approve { repo.approve_claim(claim_id, Some(user.id), now).await? } else { repo.reject_claim(claim_id, user.id, now).await? };
    if done { Ok(()) } else { Err(OwnershipError::NotFound) }
}

/// Anyone reports an error on a listing; it goes to the moderation queue.
pub async fn report(
    repo: &impl OwnershipRepo,
    clock: &dyn Clock,
    listing: &Listing,
    message: &str,
    contact: &str,
) -> Result<(), OwnershipError> {
    let message = message.trim();
    let mut errors = Vec::new();
    if message.chars().count() < 5 {
        errors.push(FieldError { field: "message", key: "error-report-short" });
    } else if message.chars().count() > 2000 {
        errors.push(FieldError { field: "message", key: "error-listing-description-long" });
    }
    if contact.chars().count() > 200 {
        errors.push(FieldError { field: "contact", key: "error-report-contact" });
    }
    if !errors.is_empty() {
        return Err(OwnershipError::Invalid(errors));
    }
    repo.create_report(listing.id, message, contact.trim(), clock.now_ts()).await?;
    Ok(())
}

/// A manager closes a report of their territory.
pub async fn close_report(
    repo: &impl OwnershipRepo,
    clock: &dyn Clock,
    user: &User,
    grants: &[Grant],
    report_id: i64,
) -> Result<(), OwnershipError> {
    let insee = repo.report_commune(report_id).await?.ok_or(OwnershipError::NotFound)?;
    let territories = repo.territories_of_commune(&insee).await?;
    if !(user.is_platform_admin || can_moderate(user, grants, &territories)) {
        return Err(OwnershipError::Forbidden);
    }
    if repo.close_report(report_id, user.id, clock.now_ts()).await? { Ok(()) } else { Err(OwnershipError::NotFound) }
}

/// Anyone proposes a listing missing from the directory; it waits for a manager of its
/// commune's territory. The commune comes from the postcode; the position is the town hall's
/// until someone places it better.
pub async fn propose<R: OwnershipRepo + DirectoryRepo + crate::territories::TerritoryRepo>(
    repo: &R,
    clock: &dyn Clock,
    fields: EditableFields,
) -> Result<(), OwnershipError> {
    let categories = repo.categories().await?;
    let mut errors = Vec::new();
    if fields.postcode.trim().is_empty() {
        errors.push(FieldError { field: "postcode", key: "error-postcode" });
    }
    let fields = match validate(fields, |slug| categories.iter().any(|c| c.slug == slug)) {
        Ok(fields) if errors.is_empty() => fields,
        Ok(_) => return Err(OwnershipError::Invalid(errors)),
        Err(mut more) => {
            errors.append(&mut more);
            errors.dedup_by_key(|e| e.field);
            return Err(OwnershipError::Invalid(errors));
        }
    };
    let place = repo
        .search_places(&crate::territories::repo::PlaceQuery::Postcode(fields.postcode.clone()), 1)
        .await?
        .into_iter()
        .find(|p| p.postcode == fields.postcode)
        .ok_or_else(|| OwnershipError::Invalid(vec![FieldError { field: "postcode", key: "error-postcode-unknown" }]))?;
    let category = fields.category.as_deref().and_then(|slug| categories.iter().find(|c| c.slug == slug));
    let input = ListingInput {
        source: "public".into(),
        source_id: tremplin_kernel::token::new_public_id(),
        kind: category.and_then(|c| super::ListingKind::parse(&c.kind)),
        name: fields.name.clone(),
        description: fields.description.clone(),
        address: fields.address.clone(),
        postcode: fields.postcode.clone(),
        insee: Some(place.insee.clone()),
        point: place.lat.zip(place.lon).and_then(|(lat, lon)| tremplin_kernel::GeoPoint::new(lat, lon)),
        category: fields.category.clone(),
        phone: fields.phone.clone(),
        email: fields.email.clone(),
        website: fields.website.clone(),
        opening_hours: fields.opening_hours.clone(),
        amenities: fields.amenity_values(),
        pending: true,
        ..ListingInput::default()
    };
    super::save_listing(repo, &input, category.map(|c| c.label_fr.as_str()), Some(&place.name), clock.now_ts()).await?;
    Ok(())
}

/// A manager publishes or rejects a listing proposed by the public.
pub async fn decide_proposal(
    repo: &impl OwnershipRepo,
    clock: &dyn Clock,
    user: &User,
    grants: &[Grant],
    listing_id: i64,
    publish: bool,
) -> Result<(), OwnershipError> {
    let insee = repo.listing_commune(listing_id).await?.ok_or(OwnershipError::NotFound)?;
    let territories = repo.territories_of_commune(&insee).await?;
    if !(user.is_platform_admin || can_moderate(user, grants, &territories)) {
        return Err(OwnershipError::Forbidden);
    }
    if repo.decide_listing(listing_id, publish, clock.now_ts()).await? { Ok(()) } else { Err(OwnershipError::NotFound) }
}
