//! Coach profiles and their availability (weekly hours, exceptions, booking rules).

use crate::db::{Db, Reader, Result};
use sea_query::{Expr, ExprTrait, Order, Query, SelectStatement, Value};
use std::collections::HashMap;
use tremplin_domain::coaching::{
    Availability, AvailabilityException, BookingRules, Coach, CoachAudience, CoachFilter, CoachProfile, CoachRepo, ExceptionKind, Modality,
    Slot, StructureKind, WeeklyHours,
};

/// Columns of `coaches` read into [`CoachRecord`], besides the joined ones.
const COACH_COLUMNS: [&str; 27] = [
    "id",
    "user_id",
    "territory_id",
    "slug",
    "display_name",
    "structure_kind",
    "structure_name",
    "presentation",
    "themes",
    "languages",
    "audiences",
    "zone_communes",
    "zone_radius_km",
    "base_insee",
    "base_address",
    "latitude",
    "longitude",
    "modalities",
    "accessibility",
    "appointment_minutes",
    "buffer_minutes",
    "max_per_day",
    "notice_hours",
    "horizon_days",
    "feed_secret",
    "active",
    "updated_at",
];

#[derive(sqlx::FromRow)]
struct CoachRecord {
    id: i64,
    user_id: i64,
    territory_id: i64,
    slug: String,
    display_name: String,
    structure_kind: String,
    structure_name: String,
    presentation: String,
    themes: String,
    languages: String,
    audiences: String,
    zone_communes: String,
    zone_radius_km: Option<f64>,
    base_insee: Option<String>,
    base_address: String,
    latitude: Option<f64>,
    longitude: Option<f64>,
    modalities: String,
    accessibility: String,
    appointment_minutes: i64,
    buffer_minutes: i64,
    max_per_day: i64,
    notice_hours: i64,
    horizon_days: i64,
    feed_secret: String,
    active: bool,
    #[allow(dead_code)]
    updated_at: i64,
    email: String,
    territory_slug: String,
    territory_name: String,
    base_commune: Option<String>,
}

/// `a|b|c` lists, as the other tables store their tags.
pub(crate) fn split_list(value: &str) -> Vec<String> {
    value.split('|').filter(|s| !s.is_empty()).map(str::to_owned).collect()
}

/// A small count stored as BIGINT, read back into its domain type (clamped, never panics).
pub(crate) fn small(value: i64) -> u16 {
    u16::try_from(Ord::max(value, 0)).unwrap_or(u16::MAX)
}

impl CoachRecord {
    fn rules(&self) -> BookingRules {
        BookingRules {
            appointment_minutes: small(self.appointment_minutes),
            buffer_minutes: small(self.buffer_minutes),
            max_per_day: small(self.max_per_day),
            notice_hours: small(self.notice_hours),
            horizon_days: small(self.horizon_days),
        }
    }

    fn into_coach(self) -> Coach {
        let rules = self.rules();
        Coach {
            id: self.id,
            user_id: self.user_id,
            email: self.email,
            slug: self.slug,
            territory_id: self.territory_id,
            territory_slug: self.territory_slug,
            territory_name: self.territory_name,
            display_name: self.display_name,
            structure_kind: StructureKind::parse(&self.structure_kind).unwrap_or(StructureKind::Other),
            structure_name: self.structure_name,
            presentation: self.presentation,
            themes: split_list(&self.themes),
            languages: split_list(&self.languages),
            audiences: split_list(&self.audiences).iter().filter_map(|a| CoachAudience::parse(a)).collect(),
            zone_communes: split_list(&self.zone_communes),
            zone_radius_km: self.zone_radius_km,
            base_insee: self.base_insee,
            base_commune: self.base_commune,
            base_address: self.base_address,
            latitude: self.latitude,
            longitude: self.longitude,
            modalities: split_list(&self.modalities).iter().filter_map(|m| Modality::parse(m)).collect(),
            accessibility: self.accessibility,
            rules,
            feed_secret: self.feed_secret,
            active: self.active,
        }
    }
}

/// Coaches with their account's e-mail, territory and base commune; callers add filters.
fn coach_select() -> SelectStatement {
    let mut select = Query::select();
    for column in COACH_COLUMNS {
        select.column(("coaches", column));
    }
    select
        .expr_as(Expr::col(("users", "email")), "email")
        .expr_as(Expr::col(("territories", "slug")), "territory_slug")
        .expr_as(Expr::col(("territories", "name")), "territory_name")
        .expr_as(Expr::col(("communes", "name")), "base_commune")
        .from("coaches")
        .inner_join("users", Expr::col(("users", "id")).equals(("coaches", "user_id")))
        .inner_join("territories", Expr::col(("territories", "id")).equals(("coaches", "territory_id")))
        .left_join("communes", Expr::col(("communes", "insee")).equals(("coaches", "base_insee")));
    select
}

/// The columns a profile sets, on creation and on every edit.
fn profile_values(profile: &CoachProfile, now: i64) -> Vec<(&'static str, Value)> {
    let audiences: Vec<&str> = profile.audiences.iter().map(|a| a.as_str()).collect();
    let modalities: Vec<&str> = profile.modalities.iter().map(|m| m.as_str()).collect();
    let rules = profile.rules;
    vec![
        ("display_name", profile.display_name.as_str().into()),
        ("structure_kind", profile.structure_kind.as_str().into()),
        ("structure_name", profile.structure_name.as_str().into()),
        ("presentation", profile.presentation.as_str().into()),
        ("themes", profile.themes.join("|").into()),
        ("languages", profile.languages.join("|").into()),
        ("audiences", audiences.join("|").into()),
        ("zone_communes", profile.zone_communes.join("|").into()),
        ("zone_radius_km", profile.zone_radius_km.into()),
        ("base_insee", profile.base_insee.clone().into()),
        ("base_address", profile.base_address.as_str().into()),
        ("latitude", profile.latitude.into()),
        ("longitude", profile.longitude.into()),
        ("modalities", modalities.join("|").into()),
        ("accessibility", profile.accessibility.as_str().into()),
        ("appointment_minutes", i64::from(rules.appointment_minutes).into()),
        ("buffer_minutes", i64::from(rules.buffer_minutes).into()),
        ("max_per_day", i64::from(rules.max_per_day).into()),
        ("notice_hours", i64::from(rules.notice_hours).into()),
        ("horizon_days", i64::from(rules.horizon_days).into()),
        ("active", profile.active.into()),
        ("updated_at", now.into()),
    ]
}

#[derive(sqlx::FromRow)]
struct ExceptionRecord {
    id: i64,
    coach_id: i64,
    kind: String,
    first_day: String,
    last_day: String,
    starts_minute: Option<i64>,
    ends_minute: Option<i64>,
    note: String,
}

impl ExceptionRecord {
    fn into_exception(self) -> Option<AvailabilityException> {
        let day = |value: &str| tremplin_domain::coaching::slots::parse_day(value, "%Y-%m-%d").ok();
        Some(AvailabilityException {
            id: self.id,
            kind: ExceptionKind::parse(&self.kind)?,
            first_day: day(&self.first_day)?,
            last_day: day(&self.last_day)?,
            minutes: self.starts_minute.zip(self.ends_minute).map(|(s, e)| (small(s), small(e))),
            note: self.note,
        })
    }
}

/// Reads the weekly hours and the exceptions still to come of these coaches.
pub(crate) async fn read_availabilities(
    mut db: Reader<'_>,
    coaches: &[(i64, BookingRules)],
    today: &str,
) -> Result<HashMap<i64, Availability>> {
    let ids: Vec<i64> = coaches.iter().map(|(id, _)| *id).collect();
    let mut by_coach: HashMap<i64, Availability> =
        coaches.iter().map(|(id, rules)| (*id, Availability { rules: *rules, ..Availability::default() })).collect();
    if ids.is_empty() {
        return Ok(by_coach);
    }
    let hours: Vec<(i64, i64, i64, i64)> = db
        .fetch_all(
            Query::select()
                .columns(["coach_id", "weekday", "starts_minute", "ends_minute"])
                .from("coach_weekly_hours")
                .and_where(Expr::col("coach_id").is_in(ids.iter().copied()))
                .order_by("weekday", Order::Asc)
                .order_by("starts_minute", Order::Asc),
        )
        .await?;
    for (coach_id, weekday, starts, ends) in hours {
        if let Some(availability) = by_coach.get_mut(&coach_id) {
            availability.weekly.push(WeeklyHours {
                weekday: u8::try_from(weekday).unwrap_or(0),
                starts_minute: small(starts),
                ends_minute: small(ends),
            });
        }
    }
    let exceptions: Vec<ExceptionRecord> = db
        .fetch_all(
            Query::select()
                .columns(["id", "coach_id", "kind", "first_day", "last_day", "starts_minute", "ends_minute", "note"])
                .from("coach_exceptions")
                .and_where(Expr::col("coach_id").is_in(ids.iter().copied()))
                .and_where(Expr::col("last_day").gte(today))
                .order_by("first_day", Order::Asc)
                .order_by("id", Order::Asc),
        )
        .await?;
    for record in exceptions {
        let coach_id = record.coach_id;
        if let (Some(exception), Some(availability)) = (record.into_exception(), by_coach.get_mut(&coach_id)) {
            availability.exceptions.push(exception);
        }
    }
    Ok(by_coach)
}

impl Db {
    async fn one_coach(&self, select: &SelectStatement) -> Result<Option<Coach>> {
        let record: Option<CoachRecord> = self.fetch_optional(select).await?;
        Ok(record.map(CoachRecord::into_coach))
    }
}

impl CoachRepo for Db {
    async fn create_coach(
        &self,
        user_id: i64,
        territory_id: i64,
        slug: &str,
        profile: &CoachProfile,
        feed_secret: &str,
        now: i64,
    ) -> Result<i64> {
        let mut columns: Vec<&'static str> = vec!["user_id", "territory_id", "slug", "feed_secret", "booking_turn", "created_at"];
        let mut values: Vec<Value> = vec![user_id.into(), territory_id.into(), slug.into(), feed_secret.into(), 0i64.into(), now.into()];
        for (column, value) in profile_values(profile, now) {
            columns.push(column);
            values.push(value);
        }
        let (id,): (i64,) = self
            .fetch_one(
                Query::insert().into_table("coaches").columns(columns).values_panic(values.into_iter().map(Expr::val)).returning_col("id"),
            )
            .await?;
        Ok(id)
    }

    async fn update_coach(&self, coach_id: i64, profile: &CoachProfile, now: i64) -> Result<()> {
        let mut update = Query::update();
        update.table("coaches").and_where(Expr::col("id").eq(coach_id));
        for (column, value) in profile_values(profile, now) {
            update.value(column, value);
        }
        self.execute(&update).await?;
        Ok(())
    }

    async fn coach_slug_taken(&self, slug: &str) -> Result<bool> {
        let row: Option<(i64,)> =
            self.fetch_optional(Query::select().column("id").from("coaches").and_where(Expr::col("slug").eq(slug))).await?;
        Ok(row.is_some())
    }

    async fn coach_by_slug(&self, slug: &str) -> Result<Option<Coach>> {
        self.one_coach(coach_select().and_where(Expr::col(("coaches", "slug")).eq(slug))).await
    }

    async fn coach_by_id(&self, id: i64) -> Result<Option<Coach>> {
        self.one_coach(coach_select().and_where(Expr::col(("coaches", "id")).eq(id))).await
    }

    async fn coach_by_user(&self, user_id: i64) -> Result<Option<Coach>> {
        self.one_coach(coach_select().and_where(Expr::col(("coaches", "user_id")).eq(user_id))).await
    }

    async fn find_coaches(&self, filter: &CoachFilter) -> Result<Vec<Coach>> {
        let mut select = coach_select();
        if let Some(ids) = &filter.territory_ids {
            select.and_where(Expr::col(("coaches", "territory_id")).is_in(ids.iter().copied()));
        }
        if filter.active_only {
            select.and_where(Expr::col(("coaches", "active")).eq(true));
        }
        select.order_by(("coaches", "display_name"), Order::Asc).order_by(("coaches", "id"), Order::Asc);
        let records: Vec<CoachRecord> = self.fetch_all(&select).await?;
        Ok(records.into_iter().map(CoachRecord::into_coach).collect())
    }

    async fn availabilities(&self, coaches: &[&Coach], today: &str) -> Result<HashMap<i64, Availability>> {
        let coaches: Vec<(i64, BookingRules)> = coaches.iter().map(|c| (c.id, c.rules)).collect();
        read_availabilities(Reader::Pool(self), &coaches, today).await
    }

    async fn set_weekly_hours(&self, coach_id: i64, hours: &[WeeklyHours], now: i64) -> Result<()> {
        let mut tx = self.begin().await?;
        tx.execute(Query::delete().from_table("coach_weekly_hours").and_where(Expr::col("coach_id").eq(coach_id))).await?;
        let rows: Vec<[Value; 4]> = hours
            .iter()
            .map(|h| [coach_id.into(), i64::from(h.weekday).into(), i64::from(h.starts_minute).into(), i64::from(h.ends_minute).into()])
            .collect();
        tx.insert_rows_or_ignore(
            "coach_weekly_hours",
            ["coach_id", "weekday", "starts_minute", "ends_minute"],
            &["coach_id", "weekday", "starts_minute"],
            rows,
        )
        .await?;
        tx.execute(Query::update().table("coaches").value("updated_at", now).and_where(Expr::col("id").eq(coach_id))).await?;
        tx.commit().await
    }

    async fn add_exception(&self, coach_id: i64, exception: &AvailabilityException, now: i64) -> Result<i64> {
        let (starts, ends) = match exception.minutes {
            Some((s, e)) => (Some(i64::from(s)), Some(i64::from(e))),
            None => (None, None),
        };
        let (id,): (i64,) = self
            .fetch_one(
                Query::insert()
                    .into_table("coach_exceptions")
                    .columns(["coach_id", "kind", "first_day", "last_day", "starts_minute", "ends_minute", "note", "created_at"])
                    .values_panic([
                        coach_id.into(),
                        exception.kind.as_str().into(),
                        exception.first_day.format("%Y-%m-%d").to_string().into(),
                        exception.last_day.format("%Y-%m-%d").to_string().into(),
                        starts.into(),
                        ends.into(),
                        exception.note.as_str().into(),
                        now.into(),
                    ])
                    .returning_col("id"),
            )
            .await?;
        Ok(id)
    }

    async fn remove_exception(&self, coach_id: i64, exception_id: i64) -> Result<bool> {
        let removed = self
            .execute(
                Query::delete()
                    .from_table("coach_exceptions")
                    .and_where(Expr::col("id").eq(exception_id))
                    .and_where(Expr::col("coach_id").eq(coach_id)),
            )
            .await?;
        Ok(removed == 1)
    }

    async fn booked_slots(&self, coach_ids: &[i64], from: i64, until: i64) -> Result<HashMap<i64, Vec<Slot>>> {
        let mut by_coach: HashMap<i64, Vec<Slot>> = coach_ids.iter().map(|id| (*id, Vec::new())).collect();
        if coach_ids.is_empty() {
            return Ok(by_coach);
        }
        let rows: Vec<(i64, i64, i64)> = self.fetch_all(&booked_select(coach_ids, from, until)).await?;
        for (coach_id, starts_at, ends_at) in rows {
            by_coach.entry(coach_id).or_default().push(Slot { starts_at, ends_at });
        }
        Ok(by_coach)
    }
}

/// Live appointments of coaches overlapping `[from, until)`: (coach id, start, end).
pub(crate) fn booked_select(coach_ids: &[i64], from: i64, until: i64) -> SelectStatement {
    Query::select()
        .columns(["coach_id", "starts_at", "ends_at"])
        .from("appointments")
        .and_where(Expr::col("coach_id").is_in(coach_ids.iter().copied()))
        .and_where(Expr::col("status").eq("booked"))
        .and_where(Expr::col("starts_at").lt(until))
        .and_where(Expr::col("ends_at").gt(from))
        .order_by("starts_at", Order::Asc)
        .to_owned()
}
