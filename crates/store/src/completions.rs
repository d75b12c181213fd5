//! Recording module completions and issuing the passport, in one transaction.
//!
//! Exactly once: the holder's row is locked first (an update of the row: PostgreSQL holds
//! the row lock to the commit; SQLite's `BEGIN IMMEDIATE` holds the whole database), so two
//! completions arriving together are decided one after the other and the second sees the
//! first's rows; the unique index on `passports.beneficiary_id` backs it.

use crate::appointments::{BENEFICIARY_COLUMNS, BeneficiaryRecord, upsert_beneficiary};
use crate::db::{Db, Reader, Result, Tx, store_err};
use crate::learning::{ModuleRecord, PassportRecord, module_select, passport_where, resolve_path};
use crate::outbox::enqueue;
use sea_query::{Expr, ExprTrait, OnConflict, Order, Query};
use std::collections::{BTreeMap, HashSet};
use tremplin_domain::coaching::Beneficiary;
use tremplin_domain::learning::mail::passport_issued_mail;
use tremplin_domain::learning::path::is_complete;
use tremplin_domain::learning::{
    Completion, CompletionOutcome, CompletionSource, Evidence, HolderRef, LearningRepo, Module, NewCompletion, Passport, PassportEvidence,
    PassportModule, PassportPath,
};
use tremplin_kernel::token::{new_public_id, new_token};

/// The holder's row, locked for the rest of the transaction; `None` if unknown.
async fn lock_holder(tx: &mut Tx, holder: &HolderRef, now: i64) -> Result<Option<Beneficiary>> {
    match holder {
        // The upsert writes the row, which locks it.
        HolderRef::Person { territory_id, person } => upsert_beneficiary(tx, *territory_id, person, now).await.map(Some),
        HolderRef::Beneficiary(id) => {
            let record: Option<BeneficiaryRecord> = tx
                .fetch_optional(
                    Query::update()
                        .table("beneficiaries")
                        .value("updated_at", Expr::col("updated_at"))
                        .and_where(Expr::col("id").eq(*id))
                        .returning(Query::returning().columns(BENEFICIARY_COLUMNS)),
                )
                .await?;
            Ok(record.map(BeneficiaryRecord::into_beneficiary))
        }
    }
}

/// Records completions for a holder inside the caller's transaction and issues the passport
/// when the path becomes complete. For use cases that complete modules as a side effect of
/// their own write (a check-in, an accompaniment record).
pub(crate) async fn complete_in_tx(tx: &mut Tx, holder: &HolderRef, completions: &[NewCompletion], now: i64) -> Result<CompletionOutcome> {
    let Some(beneficiary) = lock_holder(tx, holder, now).await? else {
        return Err(store_err("completion for an unknown holder"));
    };
    let slugs: Vec<&str> = completions.iter().map(|c| c.module_slug.as_str()).collect();
    let records: Vec<ModuleRecord> =
        if slugs.is_empty() { Vec::new() } else { tx.fetch_all(module_select().and_where(Expr::col("slug").is_in(slugs))).await? };
    let modules: Vec<Module> = records.into_iter().map(ModuleRecord::into_module).collect::<Result<_>>()?;
    let mut recorded = 0;
    for completion in completions {
        let Some(module) = modules.iter().find(|m| m.slug == completion.module_slug) else { continue };
        let evidence = serde_json::to_string(&completion.evidence).map_err(store_err)?;
        recorded += tx
            .execute(
                Query::insert()
                    .into_table("module_completions")
                    .columns(["beneficiary_id", "module_id", "source", "source_ref", "evidence", "completed_at", "created_at"])
                    .values_panic([
                        beneficiary.id.into(),
                        module.id.into(),
                        completion.source.as_str().into(),
                        completion.evidence.source_ref.as_str().into(),
                        evidence.into(),
                        completion.completed_at.into(),
                        now.into(),
                    ])
                    .on_conflict(OnConflict::columns(["beneficiary_id", "module_id", "source", "source_ref"]).do_nothing().to_owned()),
            )
            .await? as usize;
    }
    let issued = issue_if_complete(tx, &beneficiary, now).await?;
    Ok(CompletionOutcome { holder: beneficiary, recorded, issued })
}

/// Issues the holder's passport if their territory's path is complete and none exists yet.
async fn issue_if_complete(tx: &mut Tx, holder: &Beneficiary, now: i64) -> Result<Option<Passport>> {
    let existing: Option<(i64,)> =
        tx.fetch_optional(Query::select().column("id").from("passports").and_where(Expr::col("beneficiary_id").eq(holder.id))).await?;
    if existing.is_some() {
        return Ok(None);
    }
    let path = resolve_path(&mut Reader::Tx(tx), holder.territory_id).await?;
    let completions = read_completions(&mut Reader::Tx(tx), holder.id).await?;
    let done: HashSet<String> = completions.iter().map(|c| c.module_slug.clone()).collect();
    if !is_complete(&path.modules, &done) {
        return Ok(None);
    }
    let modules = passport_modules(tx, &path, &completions).await?;
    let record: PassportRecord = tx
        .fetch_one(
            Query::insert()
                .into_table("passports")
                .columns([
                    "public_id",
                    "secret",
                    "beneficiary_id",
                    "territory_id",
                    "holder_name",
                    "business",
                    "modules",
                    "show_name",
                    "show_modules",
                    "issued_at",
                ])
                .values_panic([
                    new_public_id().into(),
                    new_token().into(),
                    holder.id.into(),
                    holder.territory_id.into(),
                    holder.name.as_str().into(),
                    holder.business.as_str().into(),
                    serde_json::to_string(&modules).map_err(store_err)?.into(),
                    // Nothing about the holder is public until they choose to show it.
                    false.into(),
                    false.into(),
                    now.into(),
                ])
                .returning(Query::returning().columns(crate::learning::PASSPORT_COLUMNS)),
        )
        .await?;
    let passport = record.into_passport()?;
    let (territory_name,): (String,) =
        tx.fetch_one(Query::select().column("name").from("territories").and_where(Expr::col("id").eq(holder.territory_id))).await?;
    if let Some(mail) = passport_issued_mail(&passport, holder, &territory_name) {
        enqueue(tx, &mail, now).await?;
    }
    Ok(Some(passport))
}

/// The path's modules as they stand on the passport: title, first completion, evidence.
async fn passport_modules(tx: &mut Tx, path: &PassportPath, completions: &[Completion]) -> Result<Vec<PassportModule>> {
    let records: Vec<ModuleRecord> =
        tx.fetch_all(module_select().and_where(Expr::col("slug").is_in(path.modules.iter().map(String::as_str)))).await?;
    let titles: BTreeMap<String, String> =
        records.into_iter().map(|r| r.into_module().map(|m| (m.slug, m.title))).collect::<Result<_>>()?;
    Ok(path
        .modules
        .iter()
        .map(|slug| {
            let mine: Vec<&Completion> = completions.iter().filter(|c| &c.module_slug == slug).collect();
            PassportModule {
                slug: slug.clone(),
                title: titles.get(slug).cloned().unwrap_or_else(|| slug.clone()),
                completed_at: mine.iter().map(|c| c.completed_at).min().unwrap_or_default(),
                evidence: mine
                    .iter()
                    .map(|c| PassportEvidence { source: c.source, narrative: c.evidence.narrative.clone(), completed_at: c.completed_at })
                    .collect(),
            }
        })
        .collect())
}

/// A holder's completions, oldest first.
pub(crate) async fn read_completions(reader: &mut Reader<'_>, beneficiary_id: i64) -> Result<Vec<Completion>> {
    let rows: Vec<(String, String, String, i64)> = reader
        .fetch_all(
            Query::select()
                .column(("modules", "slug"))
                .columns([("module_completions", "source"), ("module_completions", "evidence"), ("module_completions", "completed_at")])
                .from("module_completions")
                .inner_join("modules", Expr::col(("modules", "id")).equals(("module_completions", "module_id")))
                .and_where(Expr::col(("module_completions", "beneficiary_id")).eq(beneficiary_id))
                .order_by(("module_completions", "completed_at"), Order::Asc)
                .order_by(("module_completions", "id"), Order::Asc),
        )
        .await?;
    rows.into_iter()
        .filter_map(|(module_slug, source, evidence, completed_at)| {
            let source = CompletionSource::parse(&source)?;
            Some(serde_json::from_str::<Evidence>(&evidence).map_err(store_err).map(|evidence| Completion {
                module_slug,
                source,
                evidence,
                completed_at,
            }))
        })
        .collect()
}

impl LearningRepo for Db {
    async fn modules(&self) -> Result<Vec<Module>> {
        let records: Vec<ModuleRecord> = self.fetch_all(module_select().and_where(Expr::col("active").eq(true))).await?;
        records.into_iter().map(ModuleRecord::into_module).collect()
    }

    async fn module_by_slug(&self, slug: &str) -> Result<Option<Module>> {
        let record: Option<ModuleRecord> = self.fetch_optional(module_select().and_where(Expr::col("slug").eq(slug))).await?;
        record.map(ModuleRecord::into_module).transpose()
    }

    async fn record_completions(&self, holder: &HolderRef, completions: &[NewCompletion], now: i64) -> Result<CompletionOutcome> {
        let mut tx = self.begin().await?;
        let outcome = complete_in_tx(&mut tx, holder, completions, now).await?;
        tx.commit().await?;
        Ok(outcome)
    }

    async fn completions_of(&self, beneficiary_id: i64) -> Result<Vec<Completion>> {
        read_completions(&mut Reader::Pool(self), beneficiary_id).await
    }

    async fn passport_path(&self, territory_id: i64) -> Result<PassportPath> {
        resolve_path(&mut Reader::Pool(self), territory_id).await
    }

    async fn passport_by_public_id(&self, public_id: &str) -> Result<Option<Passport>> {
        passport_where(self, Expr::col("public_id").eq(public_id)).await
    }

    async fn passport_of(&self, beneficiary_id: i64) -> Result<Option<Passport>> {
        passport_where(self, Expr::col("beneficiary_id").eq(beneficiary_id)).await
    }
}
