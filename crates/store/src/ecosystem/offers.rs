//! Partner offers (`partner_offers`). The catalogue's reads filter on today's Paris date, so
//! an offer past its last day leaves by itself; they do not order: the domain's neutral order
//! does (`ecosystem::catalogue`).

use crate::db::{Db, Result, Tx};
use crate::outbox::enqueue;
use sea_query::{Expr, ExprTrait, Order, Query, SelectStatement};
use tremplin_domain::ecosystem::offers::{MAX_PENDING_PER_ACCOUNT, OfferDraft, OfferRepo, OfferStatus, PartnerOffer};
use tremplin_domain::ecosystem::{OfferCategory, Pricing};
use tremplin_domain::notifications::MailRequest;

/// Columns of `partner_offers` read into [`OfferRecord`], besides the joined ones.
const OFFER_COLUMNS: [&str; 22] = [
    "id",
    "slug",
    "territory_id",
    "submitted_by",
    "provider",
    "title",
    "category",
    "description",
    "pricing",
    "price_terms",
    "conditions",
    "data_shared",
    "open_source",
    "licence",
    "url",
    "starts_on",
    "ends_on",
    "status",
    "review_note",
    "reviewed_at",
    "created_at",
    "updated_at",
];

#[derive(sqlx::FromRow)]
struct OfferRecord {
    id: i64,
    slug: String,
    territory_id: i64,
    submitted_by: Option<i64>,
    provider: String,
    title: String,
    category: String,
    description: String,
    pricing: String,
    price_terms: String,
    conditions: String,
    data_shared: String,
    open_source: bool,
    licence: String,
    url: String,
    starts_on: String,
    ends_on: String,
    status: String,
    review_note: String,
    reviewed_at: Option<i64>,
    created_at: i64,
    updated_at: i64,
    territory_slug: String,
    territory_name: String,
}

impl OfferRecord {
    fn into_offer(self) -> PartnerOffer {
        PartnerOffer {
            id: self.id,
            slug: self.slug,
            territory_id: self.territory_id,
            territory_slug: self.territory_slug,
            territory_name: self.territory_name,
            submitted_by: self.submitted_by,
            draft: OfferDraft {
                provider: self.provider,
                title: self.title,
                category: OfferCategory::parse(&self.category).unwrap_or(OfferCategory::Website),
                description: self.description,
                pricing: Pricing::parse(&self.pricing).unwrap_or(Pricing::Preferential),
                price_terms: self.price_terms,
                conditions: self.conditions,
                data_shared: self.data_shared,
                open_source: self.open_source,
                licence: self.licence,
                url: self.url,
                starts_on: self.starts_on,
                ends_on: self.ends_on,
            },
            // An unknown status never shows: withdrawn is the safe reading.
            status: OfferStatus::parse(&self.status).unwrap_or(OfferStatus::Withdrawn),
            review_note: self.review_note,
            reviewed_at: self.reviewed_at,
            created_at: self.created_at,
            updated_at: self.updated_at,
        }
    }
}

/// Offers with their territory; callers add filters.
fn offer_select() -> SelectStatement {
    let mut select = Query::select();
    for column in OFFER_COLUMNS {
        select.column(("partner_offers", column));
    }
    select
        .expr_as(Expr::col(("territories", "slug")), "territory_slug")
        .expr_as(Expr::col(("territories", "name")), "territory_name")
        .from("partner_offers")
        .inner_join("territories", Expr::col(("territories", "id")).equals(("partner_offers", "territory_id")));
    select
}

impl Db {
    async fn offers(&self, select: &SelectStatement) -> Result<Vec<PartnerOffer>> {
        let records: Vec<OfferRecord> = self.fetch_all(select).await?;
        Ok(records.into_iter().map(OfferRecord::into_offer).collect())
    }
}

/// An offer read inside a transaction.
async fn offer_in(tx: &mut Tx, offer_id: i64) -> Result<Option<PartnerOffer>> {
    let record: Option<OfferRecord> = tx.fetch_optional(offer_select().and_where(Expr::col(("partner_offers", "id")).eq(offer_id))).await?;
    Ok(record.map(OfferRecord::into_offer))
}

impl OfferRepo for Db {
    async fn create_offer(
        &self,
        territory_id: i64,
        submitted_by: Option<i64>,
        slug: &str,
        draft: &OfferDraft,
        now: i64,
    ) -> Result<Option<i64>> {
        let mut tx = self.begin().await?;
        if let Some(user_id) = submitted_by {
            // Counted inside the write's transaction, so the limit holds across instances.
            let (pending,): (i64,) = tx
                .fetch_one(
                    Query::select()
                        .expr(Expr::col("id").count())
                        .from("partner_offers")
                        .and_where(Expr::col("submitted_by").eq(user_id))
                        .and_where(Expr::col("status").eq(OfferStatus::Submitted.as_str())),
                )
                .await?;
            if pending >= MAX_PENDING_PER_ACCOUNT {
                return Ok(None);
            }
        }
        let (id,): (i64,) = tx
            .fetch_one(
                Query::insert()
                    .into_table("partner_offers")
                    .columns([
                        "slug",
                        "territory_id",
                        "submitted_by",
                        "provider",
                        "title",
                        "category",
                        "description",
                        "pricing",
                        "price_terms",
                        "conditions",
                        "data_shared",
                        "open_source",
                        "licence",
                        "url",
                        "starts_on",
                        "ends_on",
                        "status",
                        "review_note",
                        "created_at",
                        "updated_at",
                    ])
                    .values_panic([
                        slug.into(),
                        territory_id.into(),
                        submitted_by.into(),
                        draft.provider.as_str().into(),
                        draft.title.as_str().into(),
                        draft.category.as_str().into(),
                        draft.description.as_str().into(),
                        draft.pricing.as_str().into(),
                        draft.price_terms.as_str().into(),
                        draft.conditions.as_str().into(),
                        draft.data_shared.as_str().into(),
                        draft.open_source.into(),
                        draft.licence.as_str().into(),
                        draft.url.as_str().into(),
                        draft.starts_on.as_str().into(),
                        draft.ends_on.as_str().into(),
                        OfferStatus::Submitted.as_str().into(),
                        "".into(),
                        now.into(),
                        now.into(),
                    ])
                    .returning_col("id"),
            )
            .await?;
        tx.commit().await?;
        Ok(Some(id))
    }

    async fn offer_slug_taken(&self, slug: &str) -> Result<bool> {
        let row: Option<(i64,)> =
            self.fetch_optional(Query::select().column("id").from("partner_offers").and_where(Expr::col("slug").eq(slug))).await?;
        Ok(row.is_some())
    }

    async fn offer_by_slug(&self, slug: &str) -> Result<Option<PartnerOffer>> {
        let record: Option<OfferRecord> =
            self.fetch_optional(offer_select().and_where(Expr::col(("partner_offers", "slug")).eq(slug))).await?;
        Ok(record.map(OfferRecord::into_offer))
    }

    async fn current_offers(
        &self,
        territory_ids: Option<&[i64]>,
        category: Option<OfferCategory>,
        today: &str,
    ) -> Result<Vec<PartnerOffer>> {
        let mut select = offer_select();
        select
            .and_where(Expr::col(("partner_offers", "status")).eq(OfferStatus::Approved.as_str()))
            .and_where(Expr::col(("partner_offers", "starts_on")).lte(today))
            .and_where(Expr::col(("partner_offers", "ends_on")).gte(today));
        if let Some(ids) = territory_ids {
            select.and_where(Expr::col(("partner_offers", "territory_id")).is_in(ids.iter().copied()));
        }
        if let Some(category) = category {
            select.and_where(Expr::col(("partner_offers", "category")).eq(category.as_str()));
        }
        self.offers(&select).await
    }

    async fn territory_offers(&self, territory_ids: &[i64]) -> Result<Vec<PartnerOffer>> {
        let mut select = offer_select();
        select
            .and_where(Expr::col(("partner_offers", "territory_id")).is_in(territory_ids.iter().copied()))
            .order_by(("partner_offers", "created_at"), Order::Desc)
            .order_by(("partner_offers", "id"), Order::Desc);
        self.offers(&select).await
    }

    async fn submitted_offers(&self, user_id: i64) -> Result<Vec<PartnerOffer>> {
        let mut select = offer_select();
        select
            .and_where(Expr::col(("partner_offers", "submitted_by")).eq(user_id))
            .order_by(("partner_offers", "created_at"), Order::Desc)
            .order_by(("partner_offers", "id"), Order::Desc);
        self.offers(&select).await
    }

    async fn decide_offer(
        &self,
        offer_id: i64,
        approve: bool,
        note: &str,
        reviewer_id: i64,
        now: i64,
        mail: impl FnOnce(&PartnerOffer) -> Option<MailRequest> + Send,
    ) -> Result<bool> {
        let status = if approve { OfferStatus::Approved } else { OfferStatus::Rejected };
        let mut tx = self.begin().await?;
        // Only a submitted offer is decided: two managers deciding at once, one wins.
        let changed = tx
            .execute(
                Query::update()
                    .table("partner_offers")
                    .value("status", status.as_str())
                    .value("review_note", note)
                    .value("reviewed_by", reviewer_id)
                    .value("reviewed_at", now)
                    .value("updated_at", now)
                    .and_where(Expr::col("id").eq(offer_id))
                    .and_where(Expr::col("status").eq(OfferStatus::Submitted.as_str())),
            )
            .await?;
        if changed == 0 {
            return Ok(false);
        }
        if let Some(offer) = offer_in(&mut tx, offer_id).await?
            && let Some(mail) = mail(&offer)
        {
            enqueue(&mut tx, &mail, now).await?;
        }
        tx.commit().await?;
        Ok(true)
    }

    async fn withdraw_offer(&self, offer_id: i64, note: &str, now: i64) -> Result<bool> {
        let changed = self
            .execute(
                Query::update()
                    .table("partner_offers")
                    .value("status", OfferStatus::Withdrawn.as_str())
                    .value("review_note", note)
                    .value("updated_at", now)
                    .and_where(Expr::col("id").eq(offer_id))
                    .and_where(Expr::col("status").is_in([OfferStatus::Submitted.as_str(), OfferStatus::Approved.as_str()])),
            )
            .await?;
        Ok(changed > 0)
    }
}
