//! Territories' passport paths and targets, a person's places as a holder, and the passports
//! issued by territory and month (the figures the statistics reuse).

use crate::appointments::{BENEFICIARY_COLUMNS, BeneficiaryRecord};
use crate::db::{Db, Result, store_err};
use sea_query::{Expr, ExprTrait, OnConflict, Order, Query};
use std::collections::BTreeMap;
use tremplin_domain::learning::PassportPath;
use tremplin_domain::learning::steering::{HolderPlace, MonthCount, PathInput, SteeringRepo, month_of};

impl SteeringRepo for Db {
    async fn holders_by_email(&self, email: &str) -> Result<Vec<HolderPlace>> {
        let records: Vec<BeneficiaryRecord> = self
            .fetch_all(
                Query::select()
                    .columns(BENEFICIARY_COLUMNS)
                    .from("beneficiaries")
                    .and_where(Expr::col("email").eq(email))
                    .order_by("created_at", Order::Asc)
                    .order_by("id", Order::Asc),
            )
            .await?;
        let holders: Vec<_> = records.into_iter().map(BeneficiaryRecord::into_beneficiary).collect();
        if holders.is_empty() {
            return Ok(Vec::new());
        }
        let names: Vec<(i64, String)> = self
            .fetch_all(
                Query::select()
                    .columns(["id", "name"])
                    .from("territories")
                    .and_where(Expr::col("id").is_in(holders.iter().map(|h| h.territory_id))),
            )
            .await?;
        let names: BTreeMap<i64, String> = names.into_iter().collect();
        Ok(holders
            .into_iter()
            .map(|holder| HolderPlace { territory_name: names.get(&holder.territory_id).cloned().unwrap_or_default(), holder })
            .collect())
    }

    async fn own_path(&self, territory_id: i64) -> Result<Option<PassportPath>> {
        let row: Option<(String,)> = self
            .fetch_optional(
                Query::select().columns(["modules"]).from("passport_paths").and_where(Expr::col("territory_id").eq(territory_id)),
            )
            .await?;
        row.map(|(modules,)| {
            Ok(PassportPath { modules: serde_json::from_str(&modules).map_err(store_err)?, defined_by: Some(territory_id) })
        })
        .transpose()
    }

    async fn save_path(&self, territory_id: i64, input: &PathInput, by_user: i64, now: i64) -> Result<()> {
        let modules = serde_json::to_string(&input.modules).map_err(store_err)?;
        self.execute(
            Query::insert()
                .into_table("passport_paths")
                .columns(["territory_id", "modules", "updated_by", "updated_at"])
                .values_panic([territory_id.into(), modules.into(), by_user.into(), now.into()])
                .on_conflict(
                    // Targets live in `stat_targets` (the migration copied the old ones).
                    OnConflict::column("territory_id")
                        .value("target_count", Expr::val(Option::<i64>::None))
                        .value("target_date", Expr::val(Option::<String>::None))
                        .update_columns(["modules", "updated_by", "updated_at"])
                        .to_owned(),
                ),
        )
        .await?;
        Ok(())
    }

    async fn clear_path(&self, territory_id: i64) -> Result<()> {
        self.execute(Query::delete().from_table("passport_paths").and_where(Expr::col("territory_id").eq(territory_id))).await?;
        Ok(())
    }

    async fn passports_by_month(&self, territory_ids: &[i64]) -> Result<Vec<MonthCount>> {
        if territory_ids.is_empty() {
            return Ok(Vec::new());
        }
        // Months are local (Europe/Paris) and the engines' date functions differ: the rows
        // (a few per holder, at most) are grouped here.
        let rows: Vec<(i64, i64, Option<i64>)> = self
            .fetch_all(
                Query::select()
                    .columns(["territory_id", "issued_at", "revoked_at"])
                    .from("passports")
                    .and_where(Expr::col("territory_id").is_in(territory_ids.iter().copied())),
            )
            .await?;
        let mut counts: BTreeMap<(i64, String), (i64, i64)> = BTreeMap::new();
        for (territory_id, issued_at, revoked_at) in rows {
            let entry = counts.entry((territory_id, month_of(issued_at))).or_default();
            if revoked_at.is_some() {
                entry.1 += 1;
            } else {
                entry.0 += 1;
            }
        }
        Ok(counts
            .into_iter()
            .map(|((territory_id, month), (issued, revoked))| MonthCount { territory_id, month, issued, revoked })
            .collect())
    }
}
