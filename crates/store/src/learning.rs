//! The module catalogue (written from the code's catalogue at start-up), passport paths
//! resolved up the territory's parents, and passports read back.

use crate::db::{Db, Reader, Result, store_err};
use sea_query::{Expr, ExprTrait, OnConflict, Order, Query, SelectStatement};
use tremplin_domain::learning::catalogue;
use tremplin_domain::learning::{Module, Passport, PassportModule, PassportPath};

#[derive(sqlx::FromRow)]
pub(crate) struct ModuleRecord {
    id: i64,
    slug: String,
    content: String,
}

impl ModuleRecord {
    pub(crate) fn into_module(self) -> Result<Module> {
        let mut module: Module = serde_json::from_str(&self.content).map_err(store_err)?;
        module.id = self.id;
        module.slug = self.slug;
        Ok(module)
    }
}

pub(crate) fn module_select() -> SelectStatement {
    Query::select().columns(["id", "slug", "content"]).from("modules").order_by("position", Order::Asc).to_owned()
}

/// Identifies the shipped catalogue, so that test templates built with another are not reused.
pub fn catalogue_fingerprint() -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    serde_json::to_string(catalogue::modules()).unwrap_or_default().hash(&mut hasher);
    hasher.finish()
}

/// Writes the shipped modules by slug (new ones added, existing ones brought up to date);
/// modules no longer shipped stay, inactive, since completions refer to them.
pub async fn upsert_catalogue(db: &Db) -> Result<()> {
    let modules = catalogue::modules();
    let mut tx = db.begin().await?;
    let slugs: Vec<&str> = modules.iter().map(|m| m.slug.as_str()).collect();
    tx.execute(Query::update().table("modules").value("active", false).and_where(Expr::col("slug").is_not_in(slugs))).await?;
    for (position, module) in modules.iter().enumerate() {
        let content = serde_json::to_string(module).map_err(store_err)?;
        tx.execute(
            Query::insert()
                .into_table("modules")
                .columns(["slug", "position", "content", "active"])
                .values_panic([module.slug.as_str().into(), (position as i64).into(), content.into(), true.into()])
                .on_conflict(OnConflict::column("slug").update_columns(["position", "content", "active"]).to_owned()),
        )
        .await?;
    }
    tx.commit().await
}

/// A territory and its parents, nearest first.
pub(crate) async fn territory_and_parents(reader: &mut Reader<'_>, territory_id: i64) -> Result<Vec<i64>> {
    let mut chain = vec![territory_id];
    // Territories nest a few levels deep (commune, intercommunality, department, region);
    // the bound guards against a cycle written by hand in the database.
    while chain.len() < 12 {
        let current = chain[chain.len() - 1];
        let parent: Vec<(Option<i64>,)> =
            reader.fetch_all(Query::select().column("parent_id").from("territories").and_where(Expr::col("id").eq(current))).await?;
        match parent.first() {
            Some((Some(parent),)) if !chain.contains(parent) => chain.push(*parent),
            _ => break,
        }
    }
    Ok(chain)
}

/// The path of a territory: its own, else its nearest parent's, else the default.
pub(crate) async fn resolve_path(reader: &mut Reader<'_>, territory_id: i64) -> Result<PassportPath> {
    let chain = territory_and_parents(reader, territory_id).await?;
    let rows: Vec<(i64, String)> = reader
        .fetch_all(
            Query::select()
                .columns(["territory_id", "modules"])
                .from("passport_paths")
                .and_where(Expr::col("territory_id").is_in(chain.iter().copied())),
        )
        .await?;
    for territory in &chain {
        if let Some((_, modules)) = rows.iter().find(|row| row.0 == *territory) {
            let modules: Vec<String> = serde_json::from_str(modules).map_err(store_err)?;
            return Ok(PassportPath { modules, defined_by: Some(*territory) });
        }
    }
    Ok(PassportPath { modules: catalogue::default_path(), defined_by: None })
}

pub(crate) const PASSPORT_COLUMNS: [&str; 15] = [
    "id",
    "public_id",
    "secret",
    "beneficiary_id",
    "territory_id",
    "holder_name",
    "business",
    "modules",
    "key_id",
    "show_name",
    "show_modules",
    "issued_at",
    "revoked_at",
    "revoked_reason",
    "revoked_by",
];

#[derive(sqlx::FromRow)]
pub(crate) struct PassportRecord {
    id: i64,
    public_id: String,
    secret: String,
    beneficiary_id: i64,
    territory_id: i64,
    holder_name: String,
    business: String,
    modules: String,
    key_id: Option<String>,
    show_name: bool,
    show_modules: bool,
    issued_at: i64,
    revoked_at: Option<i64>,
    revoked_reason: Option<String>,
    #[allow(dead_code)]
    revoked_by: Option<i64>,
}

impl PassportRecord {
    pub(crate) fn into_passport(self) -> Result<Passport> {
        let modules: Vec<PassportModule> = serde_json::from_str(&self.modules).map_err(store_err)?;
        Ok(Passport {
            id: self.id,
            public_id: self.public_id,
            secret: self.secret,
            beneficiary_id: self.beneficiary_id,
            territory_id: self.territory_id,
            holder_name: self.holder_name,
            business: self.business,
            modules,
            key_id: self.key_id,
            show_name: self.show_name,
            show_modules: self.show_modules,
            issued_at: self.issued_at,
            revoked_at: self.revoked_at,
            revoked_reason: self.revoked_reason,
        })
    }
}

pub(crate) fn passport_select() -> SelectStatement {
    Query::select().columns(PASSPORT_COLUMNS).from("passports").to_owned()
}

/// The passport matching `condition`, if any.
pub(crate) async fn passport_where(db: &Db, condition: Expr) -> Result<Option<Passport>> {
    let record: Option<PassportRecord> = db.fetch_optional(passport_select().and_where(condition)).await?;
    record.map(PassportRecord::into_passport).transpose()
}
