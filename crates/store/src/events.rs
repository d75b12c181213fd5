//! Sessions, large events and series.

use crate::db::{Db, Result, Tx};
use sea_query::{Cond, Expr, ExprTrait, Func, Order, Query, SelectStatement, Value};
use std::collections::HashMap;
use tremplin_domain::events::{Audience, Event, EventFilter, EventRepo, EventStatus, Level, NewEvent, Programme, Series, Trainer, Venue};

/// Columns of `events` read into [`EventRecord`], besides the joined ones.
const EVENT_COLUMNS: [&str; 29] = [
    "id",
    "slug",
    "territory_id",
    "programme_id",
    "series_id",
    "title",
    "description",
    "themes",
    "modules",
    "audiences",
    "level",
    "language",
    "venue_listing_id",
    "venue_name",
    "venue_address",
    "insee",
    "latitude",
    "longitude",
    "room",
    "online_url",
    "accessibility",
    "starts_at",
    "ends_at",
    "capacity",
    "confirmed",
    "registration_opens_at",
    "registration_closes_at",
    "status",
    "sequence",
];

#[derive(sqlx::FromRow)]
struct EventRecord {
    id: i64,
    slug: String,
    territory_id: i64,
    programme_id: Option<i64>,
    series_id: Option<i64>,
    title: String,
    description: String,
    themes: String,
    modules: String,
    audiences: String,
    level: String,
    language: String,
    venue_listing_id: Option<i64>,
    venue_name: String,
    venue_address: String,
    insee: Option<String>,
    latitude: Option<f64>,
    longitude: Option<f64>,
    room: String,
    online_url: String,
    accessibility: String,
    starts_at: i64,
    ends_at: i64,
    capacity: i64,
    confirmed: i64,
    registration_opens_at: Option<i64>,
    registration_closes_at: Option<i64>,
    status: String,
    sequence: i64,
    territory_slug: String,
    territory_name: String,
    programme_slug: Option<String>,
    programme_title: Option<String>,
    series_slug: Option<String>,
    listing_slug: Option<String>,
    commune: Option<String>,
    waitlisted: i64,
}

/// `a|b|c` lists (themes, modules, audiences), as the directory stores its tags.
fn split_list(value: &str) -> Vec<String> {
    value.split('|').filter(|s| !s.is_empty()).map(str::to_owned).collect()
}

impl EventRecord {
    fn into_event(self, trainers: Vec<Trainer>) -> Event {
        Event {
            id: self.id,
            slug: self.slug,
            territory_id: self.territory_id,
            territory_slug: self.territory_slug,
            territory_name: self.territory_name,
            programme_id: self.programme_id,
            programme_slug: self.programme_slug,
            programme_title: self.programme_title,
            series_id: self.series_id,
            series_slug: self.series_slug,
            title: self.title,
            description: self.description,
            themes: split_list(&self.themes),
            modules: split_list(&self.modules),
            audiences: split_list(&self.audiences).iter().filter_map(|a| Audience::parse(a)).collect(),
            level: Level::parse(&self.level).unwrap_or(Level::Beginner),
            language: self.language,
            venue: Venue {
                listing_id: self.venue_listing_id,
                listing_slug: self.listing_slug,
                name: self.venue_name,
                address: self.venue_address,
                insee: self.insee,
                commune: self.commune,
                latitude: self.latitude,
                longitude: self.longitude,
                room: self.room,
            },
            online_url: self.online_url,
            accessibility: self.accessibility,
            starts_at: self.starts_at,
            ends_at: self.ends_at,
            capacity: self.capacity,
            confirmed: self.confirmed,
            waitlisted: self.waitlisted,
            registration_opens_at: self.registration_opens_at,
            registration_closes_at: self.registration_closes_at,
            status: EventStatus::parse(&self.status),
            sequence: self.sequence,
            trainers,
        }
    }
}

/// Sessions with their territory, large event, series, venue listing, commune and waitlist
/// length; callers add filters and order.
pub(crate) fn event_select() -> SelectStatement {
    let mut select = Query::select();
    for column in EVENT_COLUMNS {
        select.column(("events", column));
    }
    let waitlisted = Query::select()
        .expr(Func::count(Expr::col(("registrations", "id"))))
        .from("registrations")
        .and_where(Expr::col(("registrations", "event_id")).equals(("events", "id")))
        .and_where(Expr::col(("registrations", "status")).eq("waitlisted"))
        .to_owned();
    select
        .expr_as(Expr::col(("territories", "slug")), "territory_slug")
        .expr_as(Expr::col(("territories", "name")), "territory_name")
        .expr_as(Expr::col(("event_programmes", "slug")), "programme_slug")
        .expr_as(Expr::col(("event_programmes", "title")), "programme_title")
        .expr_as(Expr::col(("event_series", "slug")), "series_slug")
        .expr_as(Expr::col(("listings", "slug")), "listing_slug")
        .expr_as(Expr::col(("communes", "name")), "commune")
        .expr_as(Expr::SubQuery(None, Box::new(waitlisted.into())), "waitlisted")
        .from("events")
        .inner_join("territories", Expr::col(("territories", "id")).equals(("events", "territory_id")))
        .left_join("event_programmes", Expr::col(("event_programmes", "id")).equals(("events", "programme_id")))
        .left_join("event_series", Expr::col(("event_series", "id")).equals(("events", "series_id")))
        .left_join("listings", Expr::col(("listings", "id")).equals(("events", "venue_listing_id")))
        .left_join("communes", Expr::col(("communes", "insee")).equals(("events", "insee")));
    select
}

impl Db {
    /// The trainers of these sessions, by session id.
    async fn trainers_of(&self, event_ids: &[i64]) -> Result<HashMap<i64, Vec<Trainer>>> {
        if event_ids.is_empty() {
            return Ok(HashMap::new());
        }
        let rows: Vec<(i64, i64, String)> = self
            .fetch_all(
                Query::select()
                    .column(("event_trainers", "event_id"))
                    .column(("event_trainers", "user_id"))
                    .column(("users", "display_name"))
                    .from("event_trainers")
                    .inner_join("users", Expr::col(("users", "id")).equals(("event_trainers", "user_id")))
                    .and_where(Expr::col(("event_trainers", "event_id")).is_in(event_ids.iter().copied()))
                    .order_by(("users", "display_name"), Order::Asc),
            )
            .await?;
        let mut by_event: HashMap<i64, Vec<Trainer>> = HashMap::new();
        for (event_id, user_id, name) in rows {
            by_event.entry(event_id).or_default().push(Trainer { user_id, name });
        }
        Ok(by_event)
    }

    pub(crate) async fn events_with_trainers(&self, select: &SelectStatement) -> Result<Vec<Event>> {
        let records: Vec<EventRecord> = self.fetch_all(select).await?;
        let ids: Vec<i64> = records.iter().map(|r| r.id).collect();
        let mut trainers = self.trainers_of(&ids).await?;
        Ok(records
            .into_iter()
            .map(|r| {
                let t = trainers.remove(&r.id).unwrap_or_default();
                r.into_event(t)
            })
            .collect())
    }

    async fn one_event(&self, select: SelectStatement) -> Result<Option<Event>> {
        Ok(self.events_with_trainers(&select).await?.into_iter().next())
    }
}

/// The columns a session's form sets, on creation and on every edit (the slug, territory,
/// series and capacity are set once; capacity changes go through `registrations.rs`).
pub(crate) fn editable_values(event: &NewEvent, now: i64) -> Vec<(&'static str, Value)> {
    let audiences: Vec<&str> = event.audiences.iter().map(|a| a.as_str()).collect();
    let venue = &event.venue;
    vec![
        ("programme_id", event.programme_id.into()),
        ("title", event.title.as_str().into()),
        ("description", event.description.as_str().into()),
        ("themes", event.themes.join("|").into()),
        ("modules", event.modules.join("|").into()),
        ("audiences", audiences.join("|").into()),
        ("level", event.level.as_str().into()),
        ("language", event.language.as_str().into()),
        ("venue_listing_id", venue.listing_id.into()),
        ("venue_name", venue.name.as_str().into()),
        ("venue_address", venue.address.as_str().into()),
        ("insee", venue.insee.clone().into()),
        ("latitude", venue.latitude.into()),
        ("longitude", venue.longitude.into()),
        ("room", venue.room.as_str().into()),
        ("online_url", event.online_url.as_str().into()),
        ("accessibility", event.accessibility.as_str().into()),
        ("starts_at", event.starts_at.into()),
        ("ends_at", event.ends_at.into()),
        ("registration_opens_at", event.registration_opens_at.into()),
        ("registration_closes_at", event.registration_closes_at.into()),
        ("updated_at", now.into()),
    ]
}

/// Sets the trainers of a session to exactly these accounts.
pub(crate) async fn replace_trainers(tx: &mut Tx, event_id: i64, trainer_ids: &[i64]) -> Result<()> {
    tx.execute(Query::delete().from_table("event_trainers").and_where(Expr::col("event_id").eq(event_id))).await?;
    let rows: Vec<[Value; 2]> = trainer_ids.iter().map(|&user| [event_id.into(), user.into()]).collect();
    tx.insert_rows_or_ignore("event_trainers", ["event_id", "user_id"], &["event_id", "user_id"], rows).await?;
    Ok(())
}

/// Whether the `a|b|c` list in `column` holds `item` as a whole item.
pub(crate) fn list_contains(table: &'static str, column: &'static str, item: &str) -> Cond {
    let col = || Expr::col((table, column));
    Cond::any()
        .add(col().eq(item))
        .add(col().like(format!("{item}|%")))
        .add(col().like(format!("%|{item}")))
        .add(col().like(format!("%|{item}|%")))
}

impl EventRepo for Db {
    async fn create_programme(&self, territory_id: i64, slug: &str, title: &str, description: &str, now: i64) -> Result<i64> {
        let (id,): (i64,) = self
            .fetch_one(
                Query::insert()
                    .into_table("event_programmes")
                    .columns(["territory_id", "slug", "title", "description", "created_at"])
                    .values_panic([territory_id.into(), slug.into(), title.into(), description.into(), now.into()])
                    .returning_col("id"),
            )
            .await?;
        Ok(id)
    }

    async fn programme_by_slug(&self, slug: &str) -> Result<Option<Programme>> {
        let row: Option<(i64, String, i64, String, String)> = self
            .fetch_optional(
                Query::select()
                    .columns(["id", "slug", "territory_id", "title", "description"])
                    .from("event_programmes")
                    .and_where(Expr::col("slug").eq(slug)),
            )
            .await?;
        Ok(row.map(|(id, slug, territory_id, title, description)| Programme { id, slug, territory_id, title, description }))
    }

    async fn create_series(&self, territory_id: i64, slug: &str, title: &str, now: i64) -> Result<i64> {
        let (id,): (i64,) = self
            .fetch_one(
                Query::insert()
                    .into_table("event_series")
                    .columns(["territory_id", "slug", "title", "created_at"])
                    .values_panic([territory_id.into(), slug.into(), title.into(), now.into()])
                    .returning_col("id"),
            )
            .await?;
        Ok(id)
    }

    async fn series_by_slug(&self, slug: &str) -> Result<Option<Series>> {
        let row: Option<(i64, String, i64, String)> = self
            .fetch_optional(
                Query::select().columns(["id", "slug", "territory_id", "title"]).from("event_series").and_where(Expr::col("slug").eq(slug)),
            )
            .await?;
        Ok(row.map(|(id, slug, territory_id, title)| Series { id, slug, territory_id, title }))
    }

    async fn event_slug_taken(&self, slug: &str) -> Result<bool> {
        let row: Option<(i64,)> =
            self.fetch_optional(Query::select().column("id").from("events").and_where(Expr::col("slug").eq(slug))).await?;
        Ok(row.is_some())
    }

    async fn create_event(&self, event: &NewEvent, now: i64) -> Result<i64> {
        let mut columns: Vec<&'static str> =
            vec!["slug", "territory_id", "series_id", "capacity", "confirmed", "status", "created_by", "created_at"];
        let mut values: Vec<Value> = vec![
            event.slug.as_str().into(),
            event.territory_id.into(),
            event.series_id.into(),
            event.capacity.into(),
            0i64.into(),
            EventStatus::Scheduled.as_str().into(),
            event.created_by.into(),
            now.into(),
        ];
        for (column, value) in editable_values(event, now) {
            columns.push(column);
            values.push(value);
        }
        let mut tx = self.begin().await?;
        let (id,): (i64,) = tx
            .fetch_one(
                Query::insert().into_table("events").columns(columns).values_panic(values.into_iter().map(Expr::val)).returning_col("id"),
            )
            .await?;
        replace_trainers(&mut tx, id, &event.trainer_ids).await?;
        tx.commit().await?;
        Ok(id)
    }

    async fn event_by_slug(&self, slug: &str) -> Result<Option<Event>> {
        self.one_event(event_select().and_where(Expr::col(("events", "slug")).eq(slug)).to_owned()).await
    }

    async fn event_by_id(&self, id: i64) -> Result<Option<Event>> {
        self.one_event(event_select().and_where(Expr::col(("events", "id")).eq(id)).to_owned()).await
    }

    async fn find_events(&self, filter: &EventFilter) -> Result<Vec<Event>> {
        let mut select = event_select();
        select.and_where(Expr::col(("events", "ends_at")).gt(filter.ends_after));
        if let Some(before) = filter.starts_before {
            select.and_where(Expr::col(("events", "starts_at")).lt(before));
        }
        if let Some(ids) = &filter.territory_ids {
            select.and_where(Expr::col(("events", "territory_id")).is_in(ids.iter().copied()));
        }
        if let Some(theme) = &filter.theme {
            select.cond_where(list_contains("events", "themes", theme));
        }
        if let Some(audience) = filter.audience {
            select.cond_where(list_contains("events", "audiences", audience.as_str()));
        }
        if let Some(communes) = &filter.communes {
            select.and_where(Expr::col(("events", "insee")).is_in(communes.iter().map(String::as_str)));
        }
        if let Some((point, radius_km)) = filter.near {
            // A bounding box in SQL; the exact circle is cut below.
            let (min_lat, max_lat, min_lon, max_lon) = point.bounding_box(radius_km);
            select
                .and_where(Expr::col(("events", "latitude")).between(min_lat, max_lat))
                .and_where(Expr::col(("events", "longitude")).between(min_lon, max_lon));
        }
        if filter.free_seats {
            select.and_where(Expr::col(("events", "confirmed")).lt(Expr::col(("events", "capacity"))));
        }
        if let Some(programme) = filter.programme_id {
            select.and_where(Expr::col(("events", "programme_id")).eq(programme));
        }
        if let Some(series) = filter.series_id {
            select.and_where(Expr::col(("events", "series_id")).eq(series));
        }
        if !filter.include_cancelled {
            select.and_where(Expr::col(("events", "status")).eq(EventStatus::Scheduled.as_str()));
        }
        select.order_by(("events", "starts_at"), Order::Asc).order_by(("events", "id"), Order::Asc);
        if filter.near.is_none() {
            select.limit(u64::from(filter.limit)).offset(u64::from(filter.offset));
            return self.events_with_trainers(&select).await;
        }
        let events = self.events_with_trainers(&select).await?;
        let Some((point, radius_km)) = filter.near else { return Ok(events) };
        Ok(events
            .into_iter()
            .filter(|e| match (e.venue.latitude, e.venue.longitude) {
                (Some(lat), Some(lon)) => tremplin_kernel::GeoPoint::new(lat, lon).is_some_and(|p| p.distance_km(&point) <= radius_km),
                _ => false,
            })
            .skip(filter.offset as usize)
            .take(filter.limit as usize)
            .collect())
    }
}
