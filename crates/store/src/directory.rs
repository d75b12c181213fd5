//! Listings of the directory.

use crate::db::{Db, Result, Tx};
use sea_query::{Expr, ExprTrait, Func, Order, Query, SelectStatement, Value};
use tremplin_domain::StoreError;
use tremplin_domain::directory::editing::EditableFields;
use tremplin_domain::directory::{
    Amenity, Category, DirectoryRepo, IndexRow, Listing, ListingInput, ListingKind, NewListingRow, UpsertOutcome,
};
use tremplin_kernel::GeoPoint;
use tremplin_kernel::text::slugify;

const LISTING_COLUMNS: [&str; 28] = [
    "id",
    "slug",
    "kind",
    "name",
    "description",
    "address",
    "postcode",
    "insee",
    "latitude",
    "longitude",
    "category",
    "naf_code",
    "tags",
    "phone",
    "email",
    "website",
    "social",
    "click_collect",
    "delivery",
    "online_shop",
    "appointment",
    "wheelchair",
    "opening_hours",
    "source",
    "updated_at",
    "search_name",
    "search_body",
    "hand_edited",
];

#[derive(sqlx::FromRow, Debug)]
struct ListingRecord {
    id: i64,
    slug: String,
    kind: String,
    name: String,
    description: String,
    address: String,
    postcode: String,
    insee: Option<String>,
    commune: Option<String>,
    latitude: Option<f64>,
    longitude: Option<f64>,
    category: Option<String>,
    naf_code: Option<String>,
    tags: String,
    phone: String,
    email: String,
    website: String,
    social: String,
    click_collect: bool,
    delivery: bool,
    online_shop: bool,
    appointment: bool,
    wheelchair: bool,
    opening_hours: String,
    source: String,
    updated_at: i64,
    search_name: String,
    search_body: String,
    hand_edited: String,
}

fn split_list(value: &str) -> Vec<String> {
    value.split('|').map(str::trim).filter(|v| !v.is_empty()).map(str::to_owned).collect()
}

/// The services whose column is true, from the columns in the order of [`Amenity::ALL`].
fn offered(columns: [bool; 5]) -> Vec<Amenity> {
    Amenity::ALL.into_iter().zip(columns).filter_map(|(a, on)| on.then_some(a)).collect()
}

impl From<ListingRecord> for Listing {
    fn from(r: ListingRecord) -> Self {
        let amenities = offered([r.click_collect, r.delivery, r.online_shop, r.appointment, r.wheelchair]);
        Listing {
            id: r.id,
            slug: r.slug,
            kind: ListingKind::parse(&r.kind).unwrap_or(ListingKind::Shop),
            name: r.name,
            description: r.description,
            address: r.address,
            postcode: r.postcode,
            insee: r.insee,
            commune: r.commune,
            point: r.latitude.zip(r.longitude).and_then(|(lat, lon)| GeoPoint::new(lat, lon)),
            category: r.category,
            naf_code: r.naf_code,
            tags: split_list(&r.tags),
            phone: r.phone,
            email: r.email,
            website: r.website,
            social: split_list(&r.social),
            amenities,
            opening_hours: r.opening_hours,
            source: r.source,
            updated_at: r.updated_at,
        }
    }
}

/// Listings with their commune's name, whatever their status; callers add filters and order.
fn any_listing_select() -> SelectStatement {
    let mut select = Query::select();
    for column in LISTING_COLUMNS {
        select.column(("listings", column));
    }
    select
        .expr_as(Expr::col(("communes", "name")), "commune")
        .from("listings")
        .left_join("communes", Expr::col(("communes", "insee")).equals(("listings", "insee")));
    select
}

/// Published listings with their commune's name.
fn listing_select() -> SelectStatement {
    let mut select = any_listing_select();
    select.and_where(Expr::col(("listings", "status")).eq("published"));
    select
}

/// What a listing row holds that an input writes: built from an input or read back from the
/// database, so that an import can tell "unchanged" without comparing field by field.
#[derive(Debug, PartialEq)]
struct WrittenFields {
    kind: String,
    name: String,
    description: String,
    address: String,
    postcode: String,
    insee: Option<String>,
    latitude: Option<f64>,
    longitude: Option<f64>,
    category: Option<String>,
    naf_code: Option<String>,
    tags: String,
    phone: String,
    email: String,
    website: String,
    social: String,
    click_collect: bool,
    delivery: bool,
    online_shop: bool,
    appointment: bool,
    wheelchair: bool,
    opening_hours: String,
    search_name: String,
    search_body: String,
}

impl WrittenFields {
    fn from_input(input: &ListingInput, search_name: &str, search_body: &str) -> Self {
        let has = |a: Amenity| input.amenities.contains(&a);
        WrittenFields {
            kind: input.kind.unwrap_or(ListingKind::Shop).as_str().to_owned(),
            name: input.name.trim().to_owned(),
            description: input.description.trim().to_owned(),
            address: input.address.trim().to_owned(),
            postcode: input.postcode.trim().to_owned(),
            insee: input.insee.clone(),
            latitude: input.point.map(|p| p.lat),
            longitude: input.point.map(|p| p.lon),
            category: input.category.clone(),
            naf_code: input.naf_code.clone(),
            tags: input.tags.join("|"),
            phone: input.phone.trim().to_owned(),
            email: input.email.trim().to_owned(),
            website: input.website.trim().to_owned(),
            social: input.social.join("|"),
            click_collect: has(Amenity::ClickCollect),
            delivery: has(Amenity::Delivery),
            online_shop: has(Amenity::OnlineShop),
            appointment: has(Amenity::Appointment),
            wheelchair: has(Amenity::Wheelchair),
            opening_hours: input.opening_hours.trim().to_owned(),
            search_name: search_name.to_owned(),
            search_body: search_body.to_owned(),
        }
    }

    fn from_record(r: &ListingRecord) -> Self {
        WrittenFields {
            kind: r.kind.clone(),
            name: r.name.clone(),
            description: r.description.clone(),
            address: r.address.clone(),
            postcode: r.postcode.clone(),
            insee: r.insee.clone(),
            latitude: r.latitude,
            longitude: r.longitude,
            category: r.category.clone(),
            naf_code: r.naf_code.clone(),
            tags: r.tags.clone(),
            phone: r.phone.clone(),
            email: r.email.clone(),
            website: r.website.clone(),
            social: r.social.clone(),
            click_collect: r.click_collect,
            delivery: r.delivery,
            online_shop: r.online_shop,
            appointment: r.appointment,
            wheelchair: r.wheelchair,
            opening_hours: r.opening_hours.clone(),
            search_name: r.search_name.clone(),
            search_body: r.search_body.clone(),
        }
    }

    /// Keeps the stored value of every field edited by hand (`hand_edited`: `|`-separated
    /// names of [`tremplin_domain::directory::editing::FIELD_NAMES`]): an import never
    /// overwrites what an owner or a manager wrote.
    fn keep_hand_edited(&mut self, stored: &WrittenFields, hand_edited: &str) {
        let mut words_kept = false;
        for field in hand_edited.split('|') {
            match field {
                "name" => (self.name, words_kept) = (stored.name.clone(), true),
                "description" => (self.description, words_kept) = (stored.description.clone(), true),
                "address" => self.address = stored.address.clone(),
                "postcode" => self.postcode = stored.postcode.clone(),
                "phone" => self.phone = stored.phone.clone(),
                "email" => self.email = stored.email.clone(),
                "website" => self.website = stored.website.clone(),
                "opening_hours" => self.opening_hours = stored.opening_hours.clone(),
                "category" => (self.category, words_kept) = (stored.category.clone(), true),
                "amenities" => {
                    self.click_collect = stored.click_collect;
                    self.delivery = stored.delivery;
                    self.online_shop = stored.online_shop;
                    self.appointment = stored.appointment;
                    self.wheelchair = stored.wheelchair;
                }
                _ => {}
            }
        }
        if words_kept {
            self.search_name = stored.search_name.clone();
            self.search_body = stored.search_body.clone();
        }
    }

    /// The editable part, as recorded in the listing's history.
    fn editable(&self) -> EditableFields {
        let amenities = [
            (self.click_collect, "click_collect"),
            (self.delivery, "delivery"),
            (self.online_shop, "online_shop"),
            (self.appointment, "appointment"),
            (self.wheelchair, "wheelchair"),
        ];
        EditableFields {
            name: self.name.clone(),
            description: self.description.clone(),
            address: self.address.clone(),
            postcode: self.postcode.clone(),
            phone: self.phone.clone(),
            email: self.email.clone(),
            website: self.website.clone(),
            opening_hours: self.opening_hours.clone(),
            category: self.category.clone(),
            amenities: amenities.into_iter().filter(|(on, _)| *on).map(|(_, a)| a.to_owned()).collect(),
        }
    }

    fn into_values(self) -> Vec<(&'static str, Value)> {
        vec![
            ("kind", self.kind.into()),
            ("name", self.name.into()),
            ("description", self.description.into()),
            ("address", self.address.into()),
            ("postcode", self.postcode.into()),
            ("insee", self.insee.into()),
            ("latitude", self.latitude.into()),
            ("longitude", self.longitude.into()),
            ("category", self.category.into()),
            ("naf_code", self.naf_code.into()),
            ("tags", self.tags.into()),
            ("phone", self.phone.into()),
            ("email", self.email.into()),
            ("website", self.website.into()),
            ("social", self.social.into()),
            ("click_collect", self.click_collect.into()),
            ("delivery", self.delivery.into()),
            ("online_shop", self.online_shop.into()),
            ("appointment", self.appointment.into()),
            ("wheelchair", self.wheelchair.into()),
            ("opening_hours", self.opening_hours.into()),
            ("search_name", self.search_name.into()),
            ("search_body", self.search_body.into()),
        ]
    }
}

/// Takes the next revision of the directory, for the listings a transaction changes. The
/// counter is one row: on PostgreSQL its lock is held until commit, so revisions are committed
/// in order and a reader that saw revision `n` has seen every change up to `n`.
pub(crate) async fn next_revision(tx: &mut Tx) -> Result<i64> {
    tx.execute(Query::update().table("directory_revision").value("value", Expr::col("value").add(1)).and_where(Expr::col("id").eq(1)))
        .await?;
    let (revision,): (i64,) =
        tx.fetch_one(Query::select().column("value").from("directory_revision").and_where(Expr::col("id").eq(1))).await?;
    Ok(revision)
}

/// A slug not yet taken: the name and the commune (or postcode), then `-2`, `-3` …
async fn free_slug(tx: &mut Tx, input: &ListingInput) -> Result<String> {
    let place = input.insee.clone().unwrap_or_else(|| input.postcode.clone());
    let mut base = slugify(&format!("{} {}", input.name, place));
    base.truncate(80);
    let base = base.trim_end_matches('-').to_owned();
    for n in 1..1000 {
        let candidate = if n == 1 { base.clone() } else { format!("{base}-{n}") };
        let taken: Option<(i64,)> =
            tx.fetch_optional(Query::select().column("id").from("listings").and_where(Expr::col("slug").eq(candidate.as_str()))).await?;
        if taken.is_none() {
            return Ok(candidate);
        }
    }
    Err(StoreError(format!("no free slug for {base}")))
}

impl DirectoryRepo for Db {
    async fn upsert_listing(&self, input: &ListingInput, search_name: &str, search_body: &str, now: i64) -> Result<UpsertOutcome> {
        let mut tx = self.begin().await?;
        let existing: Option<ListingRecord> = tx
            .fetch_optional(
                any_listing_select()
                    .and_where(Expr::col(("listings", "source")).eq(input.source.as_str()))
                    .and_where(Expr::col(("listings", "source_id")).eq(input.source_id.as_str())),
            )
            .await?;
        let mut fields = WrittenFields::from_input(input, search_name, search_body);
        let outcome = match existing {
            Some(stored) => {
                let before = WrittenFields::from_record(&stored);
                fields.keep_hand_edited(&before, &stored.hand_edited);
                if before == fields {
                    tx.commit().await?;
                    return Ok(UpsertOutcome::Unchanged);
                }
                let changed = fields.editable().changed_from(&before.editable());
                if !changed.is_empty() {
                    let history: Option<(i64,)> = tx
                        .fetch_optional(
                            Query::select().column("id").from("listing_versions").and_where(Expr::col("listing_id").eq(stored.id)).limit(1),
                        )
                        .await?;
                    if history.is_none() {
                        // Keep the state this import replaces, so that it can be restored.
                        let previous = serde_json::to_string(&before.editable()).map_err(crate::db::store_err)?;
                        tx.execute(
                            Query::insert()
                                .into_table("listing_versions")
                                .columns(["listing_id", "snapshot", "changed_fields", "origin", "created_at"])
                                .values_panic([
                                    stored.id.into(),
                                    previous.into(),
                                    "".into(),
                                    stored.source.as_str().into(),
                                    stored.updated_at.into(),
                                ]),
                        )
                        .await?;
                    }
                    let snapshot = serde_json::to_string(&fields.editable()).map_err(crate::db::store_err)?;
                    tx.execute(
                        Query::insert()
                            .into_table("listing_versions")
                            .columns(["listing_id", "snapshot", "changed_fields", "origin", "created_at"])
                            .values_panic([
                                stored.id.into(),
                                snapshot.into(),
                                changed.join("|").into(),
                                input.source.as_str().into(),
                                now.into(),
                            ]),
                    )
                    .await?;
                }
                let revision = next_revision(&mut tx).await?;
                let mut update = Query::update();
                update.table("listings");
                for (column, value) in fields.into_values() {
                    update.value(column, value);
                }
                update.value("updated_at", now).value("revision", revision).and_where(Expr::col("id").eq(stored.id));
                tx.execute(&update).await?;
                UpsertOutcome::Updated
            }
            None => {
                let slug = free_slug(&mut tx, input).await?;
                let revision = next_revision(&mut tx).await?;
                let mut columns: Vec<&'static str> = vec!["slug", "source", "source_id", "status", "created_at", "updated_at", "revision"];
                // Proposals by the public wait for a manager; everything else is published.
                let status = if input.pending { "pending" } else { "published" };
                let mut values: Vec<Value> = vec![
                    slug.into(),
                    input.source.as_str().into(),
                    input.source_id.as_str().into(),
                    status.into(),
                    now.into(),
                    now.into(),
                    revision.into(),
                ];
                for (column, value) in fields.into_values() {
                    columns.push(column);
                    values.push(value);
                }
                let mut insert = Query::insert();
                insert.into_table("listings").columns(columns);
                insert.values(values.into_iter().map(Expr::val)).map_err(crate::db::store_err)?;
                tx.execute(&insert).await?;
                UpsertOutcome::Created
            }
        };
        tx.commit().await?;
        Ok(outcome)
    }

    async fn insert_new_listings(&self, listings: &[NewListingRow], now: i64) -> Result<u64> {
        let mut tx = self.begin().await?;
        let revision = next_revision(&mut tx).await?;
        let rows: Vec<[Value; 30]> = listings
            .iter()
            .map(|row| {
                let fields = WrittenFields::from_input(&row.input, &row.search_name, &row.search_body).into_values();
                let mut values: Vec<Value> = vec![
                    row.slug.clone().into(),
                    row.input.source.clone().into(),
                    row.input.source_id.clone().into(),
                    "published".into(),
                    now.into(),
                    now.into(),
                    revision.into(),
                ];
                values.extend(fields.into_iter().map(|(_, v)| v));
                values.try_into().map_err(|v: Vec<Value>| StoreError(format!("a listing row has 30 values, not {}", v.len())))
            })
            .collect::<Result<_>>()?;
        let mut columns: Vec<&'static str> = vec!["slug", "source", "source_id", "status", "created_at", "updated_at", "revision"];
        columns.extend(WrittenFields::from_input(&ListingInput::default(), "", "").into_values().into_iter().map(|(c, _)| c));
        let columns: [&'static str; 30] = columns.try_into().map_err(|_| StoreError("listing columns".into()))?;
        let inserted = tx.insert_rows("listings", columns, rows).await?;
        tx.commit().await?;
        Ok(inserted)
    }

    async fn listings_after(&self, after_id: i64, limit: u32, communes: Option<&[String]>) -> Result<Vec<Listing>> {
        let mut select = listing_select();
        select.and_where(Expr::col(("listings", "id")).gt(after_id)).order_by(("listings", "id"), Order::Asc).limit(u64::from(limit));
        if let Some(communes) = communes {
            select.and_where(Expr::col(("listings", "insee")).is_in(communes.iter().cloned()));
        }
        let rows: Vec<ListingRecord> = self.fetch_all(&select).await?;
        Ok(rows.into_iter().map(Listing::from).collect())
    }

    async fn source_ids(&self, source: &str) -> Result<Vec<String>> {
        let rows: Vec<(String,)> =
            self.fetch_all(Query::select().column("source_id").from("listings").and_where(Expr::col("source").eq(source))).await?;
        Ok(rows.into_iter().map(|r| r.0).collect())
    }

    async fn count_from_source(&self, source: &str) -> Result<i64> {
        let (count,): (i64,) = self
            .fetch_one(Query::select().expr(Func::count(Expr::col("id"))).from("listings").and_where(Expr::col("source").eq(source)))
            .await?;
        Ok(count)
    }

    async fn listing_by_slug(&self, slug: &str) -> Result<Option<Listing>> {
        let row: Option<ListingRecord> = self.fetch_optional(listing_select().and_where(Expr::col(("listings", "slug")).eq(slug))).await?;
        Ok(row.map(Listing::from))
    }

    async fn directory_revision(&self) -> Result<i64> {
        let (revision,): (i64,) =
            self.fetch_one(Query::select().column("value").from("directory_revision").and_where(Expr::col("id").eq(1))).await?;
        Ok(revision)
    }

    async fn index_rows(&self, changed_after: Option<i64>, after_id: i64, limit: u32) -> Result<Vec<IndexRow>> {
        #[derive(sqlx::FromRow)]
        struct Row {
            id: i64,
            status: String,
            name: String,
            kind: String,
            category: Option<String>,
            click_collect: bool,
            delivery: bool,
            online_shop: bool,
            appointment: bool,
            wheelchair: bool,
            latitude: Option<f64>,
            longitude: Option<f64>,
            opening_hours: String,
            search_name: String,
            search_body: String,
        }
        let mut select = Query::select();
        select
            .columns([
                "id",
                "status",
                "name",
                "kind",
                "category",
                "click_collect",
                "delivery",
                "online_shop",
                "appointment",
                "wheelchair",
                "latitude",
                "longitude",
                "opening_hours",
                "search_name",
                "search_body",
            ])
            .from("listings")
            .and_where(Expr::col("id").gt(after_id))
            .order_by("id", Order::Asc)
            .limit(u64::from(limit));
        if let Some(revision) = changed_after {
            select.and_where(Expr::col("revision").gt(revision));
        }
        let rows: Vec<Row> = self.fetch_all(&select).await?;
        Ok(rows
            .into_iter()
            .map(|r| {
                let amenities = offered([r.click_collect, r.delivery, r.online_shop, r.appointment, r.wheelchair]);
                IndexRow {
                    id: r.id,
                    published: r.status == "published",
                    name: r.name,
                    kind: ListingKind::parse(&r.kind).unwrap_or(ListingKind::Shop),
                    category: r.category,
                    amenities,
                    point: r.latitude.zip(r.longitude).and_then(|(lat, lon)| GeoPoint::new(lat, lon)),
                    opening_hours: r.opening_hours,
                    search_name: r.search_name,
                    search_body: r.search_body,
                }
            })
            .collect())
    }

    async fn listings_by_ids(&self, ids: &[i64]) -> Result<Vec<Listing>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let rows: Vec<ListingRecord> =
            self.fetch_all(listing_select().and_where(Expr::col(("listings", "id")).is_in(ids.iter().copied()))).await?;
        Ok(rows.into_iter().map(Listing::from).collect())
    }

    async fn categories(&self) -> Result<Vec<Category>> {
        let rows: Vec<(String, String, String, String, String, String)> = self
            .fetch_all(
                Query::select()
                    .columns(["slug", "label_fr", "label_en", "kind", "naf_prefixes", "osm_tags"])
                    .from("categories")
                    .order_by("label_fr", Order::Asc),
            )
            .await?;
        Ok(rows
            .into_iter()
            .map(|(slug, label_fr, label_en, kind, naf, osm)| Category {
                slug,
                label_fr,
                label_en,
                kind,
                naf_prefixes: split_list(&naf),
                osm_tags: split_list(&osm),
            })
            .collect())
    }

    async fn count_listings(&self) -> Result<i64> {
        let (count,): (i64,) = self.fetch_one(Query::select().expr(Func::count(Expr::col("id"))).from("listings")).await?;
        Ok(count)
    }
}
