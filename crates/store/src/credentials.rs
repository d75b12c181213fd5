//! Territory signing keys and the states of passports: the key each is signed with (set
//! once), the holder's consent, revocation (with the holder's e-mail in the same
//! transaction), and the managers' list.

use crate::db::{Db, Result, store_err};
use crate::learning::{PassportRecord, passport_select};
use crate::outbox::enqueue;
use sea_query::{Expr, ExprTrait, OnConflict, Order, Query, SelectStatement};
use tremplin_domain::learning::Passport;
use tremplin_domain::learning::credentials::{CredentialKey, CredentialRepo, NewKey, Revocation};
use tremplin_domain::learning::mail::passport_revoked_mail;

const KEY_COLUMNS: [&str; 6] = ["kid", "territory_id", "public_key", "private_key", "created_at", "retired_at"];

type KeyRow = (String, i64, String, String, i64, Option<i64>);

fn key_of((kid, territory_id, public_key, private_key, created_at, retired_at): KeyRow) -> CredentialKey {
    CredentialKey { kid, territory_id, public_key, private_key, created_at, retired_at }
}

fn key_select() -> SelectStatement {
    Query::select().columns(KEY_COLUMNS).from("credential_keys").order_by("created_at", Order::Asc).order_by("kid", Order::Asc).to_owned()
}

fn active_of(territory_id: i64) -> SelectStatement {
    key_select().and_where(Expr::col("territory_id").eq(territory_id)).and_where(Expr::col("retired_at").is_null()).to_owned()
}

fn insert_key(territory_id: i64, key: &NewKey, now: i64) -> sea_query::InsertStatement {
    Query::insert()
        .into_table("credential_keys")
        .columns(["kid", "territory_id", "public_key", "private_key", "created_at"])
        .values_panic([
            key.kid.as_str().into(),
            territory_id.into(),
            key.public_key.as_str().into(),
            key.private_key.as_str().into(),
            now.into(),
        ])
        // The partial unique index keeps one active key: a concurrent first use loses quietly.
        .on_conflict(OnConflict::column("territory_id").target_and_where(Expr::col("retired_at").is_null()).do_nothing().to_owned())
        .to_owned()
}

impl CredentialRepo for Db {
    async fn active_key_or_insert(&self, territory_id: i64, candidate: &NewKey, now: i64) -> Result<CredentialKey> {
        if let Some(row) = self.fetch_optional::<KeyRow>(&active_of(territory_id)).await? {
            return Ok(key_of(row));
        }
        self.execute(&insert_key(territory_id, candidate, now)).await?;
        self.fetch_one::<KeyRow>(&active_of(territory_id)).await.map(key_of)
    }

    async fn rotate_key(&self, territory_id: i64, new: &NewKey, now: i64) -> Result<CredentialKey> {
        let mut tx = self.begin().await?;
        tx.execute(
            Query::update()
                .table("credential_keys")
                .value("retired_at", now)
                .and_where(Expr::col("territory_id").eq(territory_id))
                .and_where(Expr::col("retired_at").is_null()),
        )
        .await?;
        tx.execute(&insert_key(territory_id, new, now)).await?;
        let active: KeyRow = tx.fetch_one(&active_of(territory_id)).await?;
        tx.commit().await?;
        Ok(key_of(active))
    }

    async fn key_by_kid(&self, kid: &str) -> Result<Option<CredentialKey>> {
        Ok(self.fetch_optional::<KeyRow>(&key_select().and_where(Expr::col("kid").eq(kid)).to_owned()).await?.map(key_of))
    }

    async fn keys_of(&self, territory_id: Option<i64>) -> Result<Vec<CredentialKey>> {
        let mut select = key_select();
        if let Some(id) = territory_id {
            select.and_where(Expr::col("territory_id").eq(id));
        }
        Ok(self.fetch_all::<KeyRow>(&select).await?.into_iter().map(key_of).collect())
    }

    async fn assign_key(&self, passport_id: i64, kid: &str) -> Result<String> {
        self.execute(
            &Query::update()
                .table("passports")
                .value("key_id", kid)
                .and_where(Expr::col("id").eq(passport_id))
                .and_where(Expr::col("key_id").is_null())
                .to_owned(),
        )
        .await?;
        let (key_id,): (Option<String>,) = self
            .fetch_one(&Query::select().column("key_id").from("passports").and_where(Expr::col("id").eq(passport_id)).to_owned())
            .await?;
        key_id.ok_or_else(|| store_err("passport key not recorded"))
    }

    async fn holder_email(&self, beneficiary_id: i64) -> Result<Option<String>> {
        let row: Option<(Option<String>,)> = self
            .fetch_optional(&Query::select().column("email").from("beneficiaries").and_where(Expr::col("id").eq(beneficiary_id)).to_owned())
            .await?;
        Ok(row.and_then(|(email,)| email))
    }

    async fn set_consent(&self, passport_id: i64, show_name: bool, show_modules: bool) -> Result<()> {
        self.execute(
            &Query::update()
                .table("passports")
                .value("show_name", show_name)
                .value("show_modules", show_modules)
                .and_where(Expr::col("id").eq(passport_id))
                .to_owned(),
        )
        .await
        .map(|_| ())
    }

    async fn revoke(&self, passport_id: i64, revocation: &Revocation) -> Result<bool> {
        let mut tx = self.begin().await?;
        let record: Option<PassportRecord> = tx
            .fetch_optional(
                Query::update()
                    .table("passports")
                    .value("revoked_at", revocation.at)
                    .value("revoked_reason", revocation.reason.as_str())
                    .value("revoked_by", revocation.by)
                    .and_where(Expr::col("id").eq(passport_id))
                    .and_where(Expr::col("revoked_at").is_null())
                    .returning(Query::returning().columns(crate::learning::PASSPORT_COLUMNS)),
            )
            .await?;
        let Some(record) = record else {
            return Ok(false);
        };
        let passport = record.into_passport()?;
        let (email,): (Option<String>,) = tx
            .fetch_one(Query::select().column("email").from("beneficiaries").and_where(Expr::col("id").eq(passport.beneficiary_id)))
            .await?;
        let (territory,): (String,) =
            tx.fetch_one(Query::select().column("name").from("territories").and_where(Expr::col("id").eq(passport.territory_id))).await?;
        if let Some(mail) = passport_revoked_mail(&passport, email.as_deref(), &territory, &revocation.reason) {
            enqueue(&mut tx, &mail, revocation.at).await?;
        }
        tx.commit().await?;
        Ok(true)
    }

    async fn passport_of_email(&self, email: &str) -> Result<Option<Passport>> {
        let holders = Query::select().column("id").from("beneficiaries").and_where(Expr::col("email").eq(email)).to_owned();
        let record: Option<PassportRecord> = self
            .fetch_optional(
                &passport_select()
                    .and_where(Expr::col("beneficiary_id").in_subquery(holders))
                    .order_by("issued_at", Order::Desc)
                    .order_by("id", Order::Desc)
                    .limit(1)
                    .to_owned(),
            )
            .await?;
        record.map(PassportRecord::into_passport).transpose()
    }

    async fn passports_in(&self, territory_ids: &[i64]) -> Result<Vec<Passport>> {
        let records: Vec<PassportRecord> = self
            .fetch_all(
                &passport_select()
                    .and_where(Expr::col("territory_id").is_in(territory_ids.iter().copied()))
                    .order_by("issued_at", Order::Desc)
                    .order_by("id", Order::Desc)
                    .to_owned(),
            )
            .await?;
        records.into_iter().map(PassportRecord::into_passport).collect()
    }
}
