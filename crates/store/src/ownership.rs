//! Owners, claims, reports and versions of listings.

use crate::db::{Db, Result, Tx, store_err};
use crate::outbox::enqueue;
use sea_query::{Expr, ExprTrait, OnConflict, Order, Query, Value};
use tremplin_domain::directory::Listing;
use tremplin_domain::directory::editing::EditableFields;
use tremplin_domain::directory::ownership::{CLAIM_CODE_SECS, CodeClaim, OpenReport, OwnershipRepo, PendingClaim, PendingListing, Version};
use tremplin_domain::notifications::MailRequest;
use tremplin_domain::territories::{TerritoryRepo, ancestry};

async fn insert_version(
    tx: &mut Tx,
    listing_id: i64,
    snapshot: &EditableFields,
    changed: &[&str],
    origin: &str,
    author: Option<i64>,
    now: i64,
) -> Result<()> {
    let snapshot = serde_json::to_string(snapshot).map_err(store_err)?;
    tx.execute(
        Query::insert()
            .into_table("listing_versions")
            .columns(["listing_id", "snapshot", "changed_fields", "origin", "author_id", "created_at"])
            .values_panic([listing_id.into(), snapshot.into(), changed.join("|").into(), origin.into(), author.into(), now.into()]),
    )
    .await
    .map(|_| ())
}

/// Listings in these territories: their communes, as a subquery.
fn in_territories(territory_ids: &[i64]) -> sea_query::SelectStatement {
    Query::select()
        .column("insee")
        .from("territory_communes")
        .and_where(Expr::col("territory_id").is_in(territory_ids.iter().copied()))
        .to_owned()
}

impl OwnershipRepo for Db {
    async fn is_owner(&self, listing_id: i64, user_id: i64) -> Result<bool> {
        let row: Option<(i64,)> = self
            .fetch_optional(
                Query::select()
                    .column("user_id")
                    .from("listing_owners")
                    .and_where(Expr::col("listing_id").eq(listing_id))
                    .and_where(Expr::col("user_id").eq(user_id)),
            )
            .await?;
        Ok(row.is_some())
    }

    async fn add_owner(&self, listing_id: i64, user_id: i64, now: i64) -> Result<()> {
        self.execute(
            Query::insert()
                .into_table("listing_owners")
                .columns(["listing_id", "user_id", "created_at"])
                .values_panic([listing_id.into(), user_id.into(), now.into()])
                .on_conflict(OnConflict::columns(["listing_id", "user_id"]).do_nothing().to_owned()),
        )
        .await
        .map(|_| ())
    }

    async fn owned_listings(&self, user_id: i64) -> Result<Vec<(String, String)>> {
        self.fetch_all(
            Query::select()
                .columns([("listings", "slug"), ("listings", "name")])
                .from("listing_owners")
                .inner_join("listings", Expr::col(("listings", "id")).equals(("listing_owners", "listing_id")))
                .and_where(Expr::col(("listing_owners", "user_id")).eq(user_id))
                .order_by(("listings", "name"), Order::Asc),
        )
        .await
    }

    async fn territories_of_commune(&self, insee: &str) -> Result<Vec<i64>> {
        let direct: Vec<(i64,)> = self
            .fetch_all(Query::select().column("territory_id").from("territory_communes").and_where(Expr::col("insee").eq(insee)))
            .await?;
        let all = self.list_territories().await?;
        let mut ids: Vec<i64> = direct.into_iter().flat_map(|(id,)| ancestry(&all, id).into_iter().map(|t| t.id)).collect();
        ids.sort_unstable();
        ids.dedup();
        Ok(ids)
    }

    async fn apply_edit(
        &self,
        listing: &Listing,
        after: &EditableFields,
        changed: &[&str],
        origin: &str,
        author: Option<i64>,
        search: (&str, &str),
        now: i64,
    ) -> Result<()> {
        let mut tx = self.begin().await?;
        let history: Option<(i64,)> = tx
            .fetch_optional(
                Query::select().column("id").from("listing_versions").and_where(Expr::col("listing_id").eq(listing.id)).limit(1),
            )
            .await?;
        if history.is_none() {
            // The state before the first edit by hand, so that it can be restored.
            insert_version(&mut tx, listing.id, &EditableFields::of(listing), &[], &listing.source, None, listing.updated_at).await?;
        }
        let (hand_edited,): (String,) =
            tx.fetch_one(Query::select().column("hand_edited").from("listings").and_where(Expr::col("id").eq(listing.id))).await?;
        let mut edited: Vec<&str> = hand_edited.split('|').filter(|f| !f.is_empty()).collect();
        edited.extend(changed.iter().copied());
        edited.sort_unstable();
        edited.dedup();
        let has = |a: &str| after.amenities.iter().any(|x| x == a);
        let values: Vec<(&str, Value)> = vec![
            ("name", after.name.clone().into()),
            ("description", after.description.clone().into()),
            ("address", after.address.clone().into()),
            ("postcode", after.postcode.clone().into()),
            ("phone", after.phone.clone().into()),
            ("email", after.email.clone().into()),
            ("website", after.website.clone().into()),
            ("opening_hours", after.opening_hours.clone().into()),
            ("category", after.category.clone().into()),
            ("click_collect", has("click_collect").into()),
            ("delivery", has("delivery").into()),
            ("online_shop", has("online_shop").into()),
            ("appointment", has("appointment").into()),
            ("wheelchair", has("wheelchair").into()),
            ("search_name", search.0.into()),
            ("search_body", search.1.into()),
            ("hand_edited", edited.join("|").into()),
            ("updated_at", now.into()),
            ("revision", crate::directory::next_revision(&mut tx).await?.into()),
        ];
        let mut update = Query::update();
        update.table("listings");
        for (column, value) in values {
            update.value(column, value);
        }
        tx.execute(update.and_where(Expr::col("id").eq(listing.id))).await?;
        insert_version(&mut tx, listing.id, after, changed, origin, author, now).await?;
        tx.commit().await
    }

    async fn versions(&self, listing_id: i64) -> Result<Vec<Version>> {
        #[derive(sqlx::FromRow)]
        struct Row {
            id: i64,
            snapshot: String,
            changed_fields: String,
            origin: String,
            author: Option<String>,
            created_at: i64,
        }
        let rows: Vec<Row> = self
            .fetch_all(
                Query::select()
                    .columns([
                        ("listing_versions", "id"),
                        ("listing_versions", "snapshot"),
                        ("listing_versions", "changed_fields"),
                        ("listing_versions", "origin"),
                        ("listing_versions", "created_at"),
                    ])
                    .expr_as(Expr::col(("users", "email")), "author")
                    .from("listing_versions")
                    .left_join("users", Expr::col(("users", "id")).equals(("listing_versions", "author_id")))
                    .and_where(Expr::col(("listing_versions", "listing_id")).eq(listing_id))
                    .order_by(("listing_versions", "id"), Order::Desc),
            )
            .await?;
        rows.into_iter()
            .map(|r| {
                Ok(Version {
                    id: r.id,
                    snapshot: serde_json::from_str(&r.snapshot).map_err(store_err)?,
                    changed_fields: r.changed_fields.split('|').filter(|f| !f.is_empty()).map(str::to_owned).collect(),
                    origin: r.origin,
                    author: r.author,
                    created_at: r.created_at,
                })
            })
            .collect()
    }

    async fn create_claim(
        &self,
        listing_id: i64,
        user_id: i64,
        code_hash: Option<&str>,
        message: &str,
        now: i64,
        mail: Option<&MailRequest>,
    ) -> Result<()> {
        let mut tx = self.begin().await?;
        // A new claim replaces the user's earlier pending one on this listing.
        tx.execute(
            Query::update()
                .table("listing_claims")
                .value("status", "replaced")
                .and_where(Expr::col("listing_id").eq(listing_id))
                .and_where(Expr::col("user_id").eq(user_id))
                .and_where(Expr::col("status").eq("pending")),
        )
        .await?;
        let method = if code_hash.is_some() { "email_code" } else { "manager" };
        tx.execute(
            Query::insert()
                .into_table("listing_claims")
                .columns(["listing_id", "user_id", "method", "code_hash", "attempts", "status", "message", "created_at", "expires_at"])
                .values_panic([
                    listing_id.into(),
                    user_id.into(),
                    method.into(),
                    code_hash.map(str::to_owned).into(),
                    0i64.into(),
                    "pending".into(),
                    message.into(),
                    now.into(),
                    (now + CLAIM_CODE_SECS).into(),
                ]),
        )
        .await?;
        if let Some(mail) = mail {
            enqueue(&mut tx, mail, now).await?;
        }
        tx.commit().await
    }

    async fn code_claim(&self, listing_id: i64, user_id: i64) -> Result<Option<CodeClaim>> {
        let row: Option<(i64, Option<String>, i64, i64)> = self
            .fetch_optional(
                Query::select()
                    .columns(["id", "code_hash", "attempts", "expires_at"])
                    .from("listing_claims")
                    .and_where(Expr::col("listing_id").eq(listing_id))
                    .and_where(Expr::col("user_id").eq(user_id))
                    .and_where(Expr::col("status").eq("pending"))
                    .and_where(Expr::col("method").eq("email_code"))
                    .order_by("id", Order::Desc)
                    .limit(1),
            )
            .await?;
        Ok(row.and_then(|(id, hash, attempts, expires_at)| hash.map(|code_hash| CodeClaim { id, code_hash, attempts, expires_at })))
    }

    async fn count_claim_attempt(&self, claim_id: i64) -> Result<()> {
        self.execute(
            Query::update().table("listing_claims").value("attempts", Expr::col("attempts").add(1)).and_where(Expr::col("id").eq(claim_id)),
        )
        .await
        .map(|_| ())
    }

    async fn approve_claim(&self, claim_id: i64, decided_by: Option<i64>, now: i64) -> Result<bool> {
        let mut tx = self.begin().await?;
        // Conditional: a claim is decided once, even if two managers click together.
        let decided: Option<(i64, i64)> = tx
            .fetch_optional(
                Query::update()
                    .table("listing_claims")
                    .value("status", "approved")
                    .value("decided_at", now)
                    .value("decided_by", decided_by)
                    .and_where(Expr::col("id").eq(claim_id))
                    .and_where(Expr::col("status").eq("pending"))
                    .returning(Query::returning().columns(["listing_id", "user_id"])),
            )
            .await?;
        let Some((listing_id, user_id)) = decided else {
            return Ok(false);
        };
        tx.execute(
            Query::insert()
                .into_table("listing_owners")
                .columns(["listing_id", "user_id", "created_at"])
                .values_panic([listing_id.into(), user_id.into(), now.into()])
                .on_conflict(OnConflict::columns(["listing_id", "user_id"]).do_nothing().to_owned()),
        )
        .await?;
        tx.commit().await?;
        Ok(true)
    }

    async fn reject_claim(&self, claim_id: i64, decided_by: i64, now: i64) -> Result<bool> {
        let changed = self
            .execute(
                Query::update()
                    .table("listing_claims")
                    .value("status", "rejected")
                    .value("decided_at", now)
                    .value("decided_by", decided_by)
                    .and_where(Expr::col("id").eq(claim_id))
                    .and_where(Expr::col("status").eq("pending")),
            )
            .await?;
        Ok(changed == 1)
    }

    async fn pending_claims(&self, territory_ids: &[i64]) -> Result<Vec<PendingClaim>> {
        #[derive(sqlx::FromRow)]
        struct Row {
            id: i64,
            slug: String,
            name: String,
            email: String,
            message: String,
            created_at: i64,
        }
        let rows: Vec<Row> = self
            .fetch_all(
                Query::select()
                    .columns([("listing_claims", "id"), ("listing_claims", "message"), ("listing_claims", "created_at")])
                    .columns([("listings", "slug"), ("listings", "name")])
                    .column(("users", "email"))
                    .from("listing_claims")
                    .inner_join("listings", Expr::col(("listings", "id")).equals(("listing_claims", "listing_id")))
                    .inner_join("users", Expr::col(("users", "id")).equals(("listing_claims", "user_id")))
                    .and_where(Expr::col(("listing_claims", "status")).eq("pending"))
                    .and_where(Expr::col(("listing_claims", "method")).eq("manager"))
                    .and_where(Expr::col(("listings", "insee")).in_subquery(in_territories(territory_ids)))
                    .order_by(("listing_claims", "id"), Order::Asc),
            )
            .await?;
        Ok(rows
            .into_iter()
            .map(|r| PendingClaim {
                id: r.id,
                listing_slug: r.slug,
                listing_name: r.name,
                claimant: r.email,
                message: r.message,
                created_at: r.created_at,
            })
            .collect())
    }

    async fn claim_commune(&self, claim_id: i64) -> Result<Option<String>> {
        let row: Option<(Option<String>,)> = self
            .fetch_optional(
                Query::select()
                    .column(("listings", "insee"))
                    .from("listing_claims")
                    .inner_join("listings", Expr::col(("listings", "id")).equals(("listing_claims", "listing_id")))
                    .and_where(Expr::col(("listing_claims", "id")).eq(claim_id)),
            )
            .await?;
        Ok(row.and_then(|r| r.0))
    }

    async fn create_report(&self, listing_id: i64, message: &str, contact: &str, now: i64) -> Result<()> {
        self.execute(
            Query::insert()
                .into_table("listing_reports")
                .columns(["listing_id", "message", "contact", "status", "created_at"])
                .values_panic([listing_id.into(), message.into(), contact.into(), "open".into(), now.into()]),
        )
        .await
        .map(|_| ())
    }

    async fn open_reports(&self, territory_ids: &[i64]) -> Result<Vec<OpenReport>> {
        #[derive(sqlx::FromRow)]
        struct Row {
            id: i64,
            slug: String,
            name: String,
            message: String,
            contact: String,
            created_at: i64,
        }
        let rows: Vec<Row> = self
            .fetch_all(
                Query::select()
                    .columns([
                        ("listing_reports", "id"),
                        ("listing_reports", "message"),
                        ("listing_reports", "contact"),
                        ("listing_reports", "created_at"),
                    ])
                    .columns([("listings", "slug"), ("listings", "name")])
                    .from("listing_reports")
                    .inner_join("listings", Expr::col(("listings", "id")).equals(("listing_reports", "listing_id")))
                    .and_where(Expr::col(("listing_reports", "status")).eq("open"))
                    .and_where(Expr::col(("listings", "insee")).in_subquery(in_territories(territory_ids)))
                    .order_by(("listing_reports", "id"), Order::Asc),
            )
            .await?;
        Ok(rows
            .into_iter()
            .map(|r| OpenReport {
                id: r.id,
                listing_slug: r.slug,
                listing_name: r.name,
                message: r.message,
                contact: r.contact,
                created_at: r.created_at,
            })
            .collect())
    }

    async fn report_commune(&self, report_id: i64) -> Result<Option<String>> {
        let row: Option<(Option<String>,)> = self
            .fetch_optional(
                Query::select()
                    .column(("listings", "insee"))
                    .from("listing_reports")
                    .inner_join("listings", Expr::col(("listings", "id")).equals(("listing_reports", "listing_id")))
                    .and_where(Expr::col(("listing_reports", "id")).eq(report_id)),
            )
            .await?;
        Ok(row.and_then(|r| r.0))
    }

    async fn pending_listings(&self, territory_ids: &[i64]) -> Result<Vec<PendingListing>> {
        #[derive(sqlx::FromRow)]
        struct Row {
            id: i64,
            name: String,
            address: String,
            postcode: String,
            category: Option<String>,
            description: String,
            created_at: i64,
        }
        let rows: Vec<Row> = self
            .fetch_all(
                Query::select()
                    .columns(["id", "name", "address", "postcode", "category", "description", "created_at"])
                    .from("listings")
                    .and_where(Expr::col("status").eq("pending"))
                    .and_where(Expr::col("insee").in_subquery(in_territories(territory_ids)))
                    .order_by("id", Order::Asc),
            )
            .await?;
        Ok(rows
            .into_iter()
            .map(|r| PendingListing {
                id: r.id,
                name: r.name,
                address: r.address,
                postcode: r.postcode,
                category: r.category,
                description: r.description,
                created_at: r.created_at,
            })
            .collect())
    }

    async fn listing_commune(&self, listing_id: i64) -> Result<Option<String>> {
        let row: Option<(Option<String>,)> =
            self.fetch_optional(Query::select().column("insee").from("listings").and_where(Expr::col("id").eq(listing_id))).await?;
        Ok(row.and_then(|r| r.0))
    }

    async fn decide_listing(&self, listing_id: i64, publish: bool, now: i64) -> Result<bool> {
        let mut tx = self.begin().await?;
        let revision = crate::directory::next_revision(&mut tx).await?;
        let changed = tx
            .execute(
                Query::update()
                    .table("listings")
                    .value("status", if publish { "published" } else { "rejected" })
                    .value("updated_at", now)
                    .value("revision", revision)
                    .and_where(Expr::col("id").eq(listing_id))
                    .and_where(Expr::col("status").eq("pending")),
            )
            .await?;
        // Nothing decided: the revision taken is rolled back with the transaction.
        if changed != 1 {
            return Ok(false);
        }
        tx.commit().await?;
        Ok(true)
    }

    async fn close_report(&self, report_id: i64, closed_by: i64, now: i64) -> Result<bool> {
        let changed = self
            .execute(
                Query::update()
                    .table("listing_reports")
                    .value("status", "closed")
                    .value("closed_at", now)
                    .value("closed_by", closed_by)
                    .and_where(Expr::col("id").eq(report_id))
                    .and_where(Expr::col("status").eq("open")),
            )
            .await?;
        Ok(changed == 1)
    }
}
