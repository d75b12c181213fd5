//! What the verifiable passport needs from the store: each territory's signing keys (one
//! active, retired ones kept so that what they signed still verifies), the key a passport is
//! signed with (set once), the holder's consent, revocation, and the managers' list.

use super::model::Passport;
use crate::StoreResult;
use std::future::Future;

/// A territory's Ed25519 signing key. The private seed never leaves the server.
#[derive(Debug, Clone)]
pub struct CredentialKey {
    /// Key id (JWK thumbprint).
    pub kid: String,
    /// Territory.
    pub territory_id: i64,
    /// Public key, base64url.
    pub public_key: String,
    /// Private seed, base64url.
    pub private_key: String,
    /// Unix seconds.
    pub created_at: i64,
    /// When it stopped signing new passports, if so.
    pub retired_at: Option<i64>,
}

/// A freshly drawn key pair, to store.
#[derive(Debug, Clone)]
pub struct NewKey {
    /// Key id.
    pub kid: String,
    /// Public key, base64url.
    pub public_key: String,
    /// Private seed, base64url.
    pub private_key: String,
}

/// A revocation to record.
#[derive(Debug, Clone)]
pub struct Revocation {
    /// Why (shown on the verification page and to the holder).
    pub reason: String,
    /// The manager revoking (`None`: the platform itself, e.g. the demo).
    pub by: Option<i64>,
    /// Unix seconds.
    pub at: i64,
}

/// Store of keys and passport states.
pub trait CredentialRepo: Send + Sync {
    /// The territory's active key, stored from `candidate` if it has none (race-safe: insert
    /// or ignore, then read the one that won).
    fn active_key_or_insert(
        &self,
        territory_id: i64,
        candidate: &NewKey,
        now: i64,
    ) -> impl Future<Output = StoreResult<CredentialKey>> + Send;
    /// Retires the active key and makes `new` the active one.
    fn rotate_key(&self, territory_id: i64, new: &NewKey, now: i64) -> impl Future<Output = StoreResult<CredentialKey>> + Send;
    /// A key by id (active or retired).
    fn key_by_kid(&self, kid: &str) -> impl Future<Output = StoreResult<Option<CredentialKey>>> + Send;
    /// Keys of some territories (all territories when `None`), oldest first.
    fn keys_of(&self, territory_id: Option<i64>) -> impl Future<Output = StoreResult<Vec<CredentialKey>>> + Send;
    /// Records that the passport is signed by `kid` unless it already has a key; returns the
    /// key it is signed with from now on.
    fn assign_key(&self, passport_id: i64, kid: &str) -> impl Future<Output = StoreResult<String>> + Send;
    /// The holder's e-mail (for the credential's hashed identifier).
    fn holder_email(&self, beneficiary_id: i64) -> impl Future<Output = StoreResult<Option<String>>> + Send;
    /// What the holder agrees to show on the verification page.
    fn set_consent(&self, passport_id: i64, show_name: bool, show_modules: bool) -> impl Future<Output = StoreResult<()>> + Send;
    /// Revokes (if not already) and tells the holder by e-mail; false if already revoked.
    fn revoke(&self, passport_id: i64, revocation: &Revocation) -> impl Future<Output = StoreResult<bool>> + Send;
    /// The newest passport of a holder known by this e-mail, in any territory.
    fn passport_of_email(&self, email: &str) -> impl Future<Output = StoreResult<Option<Passport>>> + Send;
    /// Passports issued in these territories, newest first.
    fn passports_in(&self, territory_ids: &[i64]) -> impl Future<Output = StoreResult<Vec<Passport>>> + Send;
}
