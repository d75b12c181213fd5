//! What learning needs from the store. The completion use case is the store's: it recognises
//! the holder, records the completions and, under the holder's row lock, issues the passport
//! when the territory's path becomes complete (a unique index on the holder backs "once").
//! Further traits (diagnostics, credentials) sit beside the use cases that need them.

use super::model::{Completion, HolderRef, Module, NewCompletion, Passport, PassportPath};
use crate::StoreResult;
use crate::coaching::Beneficiary;
use std::future::Future;

/// What recording completions did.
#[derive(Debug, Clone)]
pub struct CompletionOutcome {
    /// The holder.
    pub holder: Beneficiary,
    /// How many completions were new (a proof already recorded is not counted twice).
    pub recorded: usize,
    /// The passport, when these completions made the path complete (issued now, once).
    pub issued: Option<Passport>,
}

/// Store of modules, completions, paths and passports.
pub trait LearningRepo: Send + Sync {
    /// Active modules of the catalogue, in order.
    fn modules(&self) -> impl Future<Output = StoreResult<Vec<Module>>> + Send;
    /// A module by slug (active or not).
    fn module_by_slug(&self, slug: &str) -> impl Future<Output = StoreResult<Option<Module>>> + Send;
    /// Records completions for a holder (unknown module slugs are skipped) and issues the
    /// passport if the path is now complete, in one transaction; the holder is told by e-mail.
    fn record_completions(
        &self,
        holder: &HolderRef,
        completions: &[NewCompletion],
        now: i64,
    ) -> impl Future<Output = StoreResult<CompletionOutcome>> + Send;
    /// A holder's completions, oldest first.
    fn completions_of(&self, beneficiary_id: i64) -> impl Future<Output = StoreResult<Vec<Completion>>> + Send;
    /// The path of a territory: its own, else its nearest parent's, else the default.
    fn passport_path(&self, territory_id: i64) -> impl Future<Output = StoreResult<PassportPath>> + Send;
    /// A passport by public id.
    fn passport_by_public_id(&self, public_id: &str) -> impl Future<Output = StoreResult<Option<Passport>>> + Send;
    /// The passport of a holder, if issued.
    fn passport_of(&self, beneficiary_id: i64) -> impl Future<Output = StoreResult<Option<Passport>>> + Send;
}
