//! Actor profiles. The contact columns are read by [`ActorRepo::actor_contact`] only, never by
//! the select every other read shares, so a profile read for a page cannot carry them.

use crate::coaches::split_list;
use crate::db::{Db, Result};
use crate::events::list_contains;
use sea_query::{Expr, ExprTrait, Order, Query, SelectStatement, Value};
use tremplin_domain::ecosystem::{
    Actor, ActorFilter, ActorKind, ActorProfile, ActorRepo, ActorStatus, Contact, Sector, Stage, Topic, parse_list,
};

/// Columns of `eco_actors` read into [`ActorRecord`], besides the joined ones (no contact).
const ACTOR_COLUMNS: [&str; 22] = [
    "id",
    "user_id",
    "territory_id",
    "slug",
    "kind",
    "name",
    "presentation",
    "sectors",
    "stages",
    "needs",
    "offers",
    "need_words",
    "offer_words",
    "insee",
    "latitude",
    "longitude",
    "listing_id",
    "website",
    "status",
    "status_note",
    "created_at",
    "updated_at",
];

#[derive(sqlx::FromRow)]
struct ActorRecord {
    id: i64,
    user_id: i64,
    territory_id: i64,
    slug: String,
    kind: String,
    name: String,
    presentation: String,
    sectors: String,
    stages: String,
    needs: String,
    offers: String,
    need_words: String,
    offer_words: String,
    insee: Option<String>,
    latitude: Option<f64>,
    longitude: Option<f64>,
    listing_id: Option<i64>,
    website: String,
    status: String,
    status_note: String,
    created_at: i64,
    updated_at: i64,
    territory_slug: String,
    territory_name: String,
    commune: Option<String>,
    listing_slug: Option<String>,
}

impl ActorRecord {
    fn into_actor(self) -> Actor {
        Actor {
            id: self.id,
            user_id: self.user_id,
            slug: self.slug,
            territory_id: self.territory_id,
            territory_slug: self.territory_slug,
            territory_name: self.territory_name,
            kind: ActorKind::parse(&self.kind).unwrap_or(ActorKind::Project),
            name: self.name,
            presentation: self.presentation,
            sectors: parse_list(&split_list(&self.sectors), Sector::ALL, Sector::parse),
            stages: parse_list(&split_list(&self.stages), Stage::ALL, Stage::parse),
            needs: parse_list(&split_list(&self.needs), Topic::ALL, Topic::parse),
            offers: parse_list(&split_list(&self.offers), Topic::ALL, Topic::parse),
            need_words: self.need_words,
            offer_words: self.offer_words,
            insee: self.insee,
            commune: self.commune,
            latitude: self.latitude,
            longitude: self.longitude,
            listing_id: self.listing_id,
            listing_slug: self.listing_slug,
            website: self.website,
            status: ActorStatus::parse(&self.status).unwrap_or(ActorStatus::Hidden),
            status_note: self.status_note,
            created_at: self.created_at,
            updated_at: self.updated_at,
        }
    }
}

/// Actors with their territory, commune and listing; callers add filters.
fn actor_select() -> SelectStatement {
    let mut select = Query::select();
    for column in ACTOR_COLUMNS {
        select.column(("eco_actors", column));
    }
    select
        .expr_as(Expr::col(("territories", "slug")), "territory_slug")
        .expr_as(Expr::col(("territories", "name")), "territory_name")
        .expr_as(Expr::col(("communes", "name")), "commune")
        .expr_as(Expr::col(("listings", "slug")), "listing_slug")
        .from("eco_actors")
        .inner_join("territories", Expr::col(("territories", "id")).equals(("eco_actors", "territory_id")))
        .left_join("communes", Expr::col(("communes", "insee")).equals(("eco_actors", "insee")))
        .left_join("listings", Expr::col(("listings", "id")).equals(("eco_actors", "listing_id")));
    select
}

/// `a|b|c`, as the other tables store their tags.
fn joined<T: Copy>(values: &[T], id: impl Fn(T) -> &'static str) -> String {
    values.iter().map(|v| id(*v)).collect::<Vec<_>>().join("|")
}

/// The columns a profile sets, on creation and on every edit (the status apart).
fn profile_values(profile: &ActorProfile, now: i64) -> Vec<(&'static str, Value)> {
    vec![
        ("kind", profile.kind.unwrap_or(ActorKind::Project).as_str().into()),
        ("name", profile.name.as_str().into()),
        ("presentation", profile.presentation.as_str().into()),
        ("sectors", joined(&profile.sectors, Sector::as_str).into()),
        ("stages", joined(&profile.stages, Stage::as_str).into()),
        ("needs", joined(&profile.needs, Topic::as_str).into()),
        ("offers", joined(&profile.offers, Topic::as_str).into()),
        ("need_words", profile.need_words.as_str().into()),
        ("offer_words", profile.offer_words.as_str().into()),
        ("insee", profile.insee.clone().into()),
        ("latitude", profile.latitude.into()),
        ("longitude", profile.longitude.into()),
        ("listing_id", profile.listing_id.into()),
        ("website", profile.website.as_str().into()),
        ("contact_name", profile.contact.name.as_str().into()),
        ("contact_email", profile.contact.email.as_str().into()),
        ("contact_phone", profile.contact.phone.as_str().into()),
        ("updated_at", now.into()),
    ]
}

/// The status an owner's choice gives.
fn owner_status(profile: &ActorProfile) -> ActorStatus {
    if profile.visible { ActorStatus::Active } else { ActorStatus::Hidden }
}

impl Db {
    async fn one_actor(&self, select: &SelectStatement) -> Result<Option<Actor>> {
        let record: Option<ActorRecord> = self.fetch_optional(select).await?;
        Ok(record.map(ActorRecord::into_actor))
    }
}

impl ActorRepo for Db {
    async fn create_actor(&self, user_id: i64, territory_id: i64, slug: &str, profile: &ActorProfile, now: i64) -> Result<i64> {
        let mut columns: Vec<&'static str> = vec!["user_id", "territory_id", "slug", "status", "status_note", "created_at"];
        let mut values: Vec<Value> =
            vec![user_id.into(), territory_id.into(), slug.into(), owner_status(profile).as_str().into(), "".into(), now.into()];
        for (column, value) in profile_values(profile, now) {
            columns.push(column);
            values.push(value);
        }
        let (id,): (i64,) = self
            .fetch_one(
                Query::insert()
                    .into_table("eco_actors")
                    .columns(columns)
                    .values_panic(values.into_iter().map(Expr::val))
                    .returning_col("id"),
            )
            .await?;
        Ok(id)
    }

    async fn update_actor(&self, actor_id: i64, profile: &ActorProfile, now: i64) -> Result<()> {
        let mut update = Query::update();
        update.table("eco_actors").and_where(Expr::col("id").eq(actor_id));
        for (column, value) in profile_values(profile, now) {
            update.value(column, value);
        }
        self.execute(&update).await?;
        // The owner's choice of showing or hiding never lifts a suspension.
        self.execute(
            Query::update()
                .table("eco_actors")
                .value("status", owner_status(profile).as_str())
                .and_where(Expr::col("id").eq(actor_id))
                .and_where(Expr::col("status").ne(ActorStatus::Suspended.as_str())),
        )
        .await?;
        Ok(())
    }

    async fn actor_slug_taken(&self, slug: &str) -> Result<bool> {
        let row: Option<(i64,)> =
            self.fetch_optional(Query::select().column("id").from("eco_actors").and_where(Expr::col("slug").eq(slug))).await?;
        Ok(row.is_some())
    }

    async fn actor_by_slug(&self, slug: &str) -> Result<Option<Actor>> {
        self.one_actor(actor_select().and_where(Expr::col(("eco_actors", "slug")).eq(slug))).await
    }

    async fn actor_by_id(&self, id: i64) -> Result<Option<Actor>> {
        self.one_actor(actor_select().and_where(Expr::col(("eco_actors", "id")).eq(id))).await
    }

    async fn actor_by_user(&self, user_id: i64) -> Result<Option<Actor>> {
        self.one_actor(actor_select().and_where(Expr::col(("eco_actors", "user_id")).eq(user_id))).await
    }

    async fn find_actors(&self, filter: &ActorFilter) -> Result<Vec<Actor>> {
        let mut select = actor_select();
        if let Some(ids) = &filter.territory_ids {
            select.and_where(Expr::col(("eco_actors", "territory_id")).is_in(ids.iter().copied()));
        }
        if filter.active_only {
            select.and_where(Expr::col(("eco_actors", "status")).eq(ActorStatus::Active.as_str()));
        }
        if let Some(topic) = filter.offering {
            select.cond_where(list_contains("eco_actors", "offers", topic.as_str()).add(Expr::col(("eco_actors", "offer_words")).ne("")));
        }
        select.order_by(("eco_actors", "name"), Order::Asc).order_by(("eco_actors", "id"), Order::Asc);
        let records: Vec<ActorRecord> = self.fetch_all(&select).await?;
        Ok(records.into_iter().map(ActorRecord::into_actor).collect())
    }

    async fn actor_contact(&self, actor_id: i64) -> Result<Option<Contact>> {
        let row: Option<(String, String, String)> = self
            .fetch_optional(
                Query::select()
                    .columns(["contact_name", "contact_email", "contact_phone"])
                    .from("eco_actors")
                    .and_where(Expr::col("id").eq(actor_id)),
            )
            .await?;
        Ok(row.map(|(name, email, phone)| Contact { name, email, phone }))
    }

    async fn set_actor_status(&self, actor_id: i64, status: ActorStatus, note: &str, now: i64) -> Result<()> {
        self.execute(
            Query::update()
                .table("eco_actors")
                .value("status", status.as_str())
                .value("status_note", note)
                .value("updated_at", now)
                .and_where(Expr::col("id").eq(actor_id)),
        )
        .await?;
        Ok(())
    }
}
