//! Booking appointments. A booking takes its coach's row lock (it adds one to
//! `booking_turn`: the row lock on PostgreSQL, while SQLite's `BEGIN IMMEDIATE` already admits
//! one writer), then reads the availability and the live appointments around the slot under
//! that lock and decides with the same pure function that lists slots: two requests for one
//! slot, on any number of instances, are decided one after the other and the second finds it
//! taken. The unique index on live appointments' (coach, start) backs this in the schema.

use crate::coaches::{booked_select, read_availabilities, small, split_list};
use crate::db::{Db, Reader, Result, Tx};
use crate::outbox::enqueue_all;
use sea_query::{Expr, ExprTrait, OnConflict, Query, SelectStatement};
use tremplin_domain::coaching::repo::BookingMail;
use tremplin_domain::coaching::slots::{is_free, local_date};
use tremplin_domain::coaching::{
    Appointment, AppointmentRepo, AppointmentStatus, Beneficiary, BeneficiaryKind, BookOutcome, Booker, BookingRules, Modality,
    NewAppointment, Slot,
};
use tremplin_kernel::token::{new_public_id, new_token};

/// Columns of `appointments` read into [`AppointmentRecord`].
pub(crate) const APPOINTMENT_COLUMNS: [&str; 15] = [
    "id",
    "public_id",
    "coach_id",
    "beneficiary_id",
    "starts_at",
    "ends_at",
    "modality",
    "themes",
    "need",
    "status",
    "locale",
    "secret",
    "sequence",
    "created_at",
    "cancelled_at",
];

#[derive(sqlx::FromRow)]
pub(crate) struct AppointmentRecord {
    id: i64,
    public_id: String,
    coach_id: i64,
    beneficiary_id: i64,
    starts_at: i64,
    ends_at: i64,
    modality: String,
    themes: String,
    need: String,
    status: String,
    locale: String,
    secret: String,
    sequence: i64,
    created_at: i64,
    cancelled_at: Option<i64>,
}

impl AppointmentRecord {
    pub(crate) fn into_appointment(self) -> Appointment {
        Appointment {
            id: self.id,
            public_id: self.public_id,
            coach_id: self.coach_id,
            beneficiary_id: self.beneficiary_id,
            starts_at: self.starts_at,
            ends_at: self.ends_at,
            modality: Modality::parse(&self.modality).unwrap_or(Modality::AtVenue),
            themes: split_list(&self.themes),
            need: self.need,
            status: AppointmentStatus::parse(&self.status),
            locale: self.locale,
            secret: self.secret,
            sequence: self.sequence,
            created_at: self.created_at,
            cancelled_at: self.cancelled_at,
        }
    }
}

/// Appointments; callers add filters and order.
pub(crate) fn appointment_select() -> SelectStatement {
    Query::select().columns(APPOINTMENT_COLUMNS.map(|c| ("appointments", c))).from("appointments").to_owned()
}

/// Columns of `beneficiaries` read into [`BeneficiaryRecord`].
pub(crate) const BENEFICIARY_COLUMNS: [&str; 9] =
    ["id", "public_id", "territory_id", "kind", "name", "email", "phone", "business", "created_at"];

#[derive(sqlx::FromRow)]
pub(crate) struct BeneficiaryRecord {
    id: i64,
    public_id: String,
    territory_id: i64,
    kind: String,
    name: String,
    email: Option<String>,
    phone: Option<String>,
    business: String,
    created_at: i64,
}

impl BeneficiaryRecord {
    pub(crate) fn into_beneficiary(self) -> Beneficiary {
        Beneficiary {
            id: self.id,
            public_id: self.public_id,
            territory_id: self.territory_id,
            kind: BeneficiaryKind::parse(&self.kind),
            name: self.name,
            email: self.email,
            phone: self.phone,
            business: self.business,
            created_at: self.created_at,
        }
    }
}

/// The coach's territory and booking rules, read after taking the coach's row lock; `None`
/// when the coach is unknown or inactive.
pub(crate) async fn lock_coach(tx: &mut Tx, coach_id: i64) -> Result<Option<(i64, BookingRules)>> {
    let locked = tx
        .execute(
            Query::update()
                .table("coaches")
                .value("booking_turn", Expr::col("booking_turn").add(1))
                .and_where(Expr::col("id").eq(coach_id))
                .and_where(Expr::col("active").eq(true)),
        )
        .await?;
    if locked != 1 {
        return Ok(None);
    }
    let (territory_id, appointment_minutes, buffer_minutes, max_per_day, notice_hours, horizon_days): (i64, i64, i64, i64, i64, i64) = tx
        .fetch_one(
            Query::select()
                .columns(["territory_id", "appointment_minutes", "buffer_minutes", "max_per_day", "notice_hours", "horizon_days"])
                .from("coaches")
                .and_where(Expr::col("id").eq(coach_id)),
        )
        .await?;
    let rules = BookingRules {
        appointment_minutes: small(appointment_minutes),
        buffer_minutes: small(buffer_minutes),
        max_per_day: small(max_per_day),
        notice_hours: small(notice_hours),
        horizon_days: small(horizon_days),
    };
    Ok(Some((territory_id, rules)))
}

/// Whether `slot` is free for the coach, read under the coach's lock. The appointments of
/// the two days around it are enough: a local day is at most 25 hours.
pub(crate) async fn slot_is_free(tx: &mut Tx, coach_id: i64, rules: BookingRules, slot: Slot, now: i64) -> Result<bool> {
    let today = local_date(now).format("%Y-%m-%d").to_string();
    let availability = read_availabilities(Reader::Tx(tx), &[(coach_id, rules)], &today).await?.remove(&coach_id).unwrap_or_default();
    let booked: Vec<(i64, i64, i64)> =
        tx.fetch_all(&booked_select(&[coach_id], slot.starts_at - 2 * 86_400, slot.ends_at + 2 * 86_400)).await?;
    let booked: Vec<Slot> = booked.into_iter().map(|(_, starts_at, ends_at)| Slot { starts_at, ends_at }).collect();
    Ok(is_free(&availability, &booked, now, slot))
}

/// Recognises (same e-mail or phone in the territory) or creates the beneficiary; their name,
/// missing contact details and business are brought up to date.
pub(crate) async fn upsert_beneficiary(tx: &mut Tx, territory_id: i64, booker: &Booker, now: i64) -> Result<Beneficiary> {
    let email = booker.email.as_ref().map(|e| e.as_str().to_owned());
    let phone = booker.phone.as_ref().map(|p| p.as_str().to_owned());
    let conflict = OnConflict::columns(["territory_id", "person_key"])
        .update_columns(["name", "updated_at"])
        .value("email", Expr::cust("COALESCE(excluded.email, beneficiaries.email)"))
        .value("phone", Expr::cust("COALESCE(excluded.phone, beneficiaries.phone)"))
        .value("business", Expr::cust("CASE WHEN excluded.business <> '' THEN excluded.business ELSE beneficiaries.business END"))
        .value("kind", Expr::cust("CASE WHEN excluded.business <> '' THEN excluded.kind ELSE beneficiaries.kind END"))
        .to_owned();
    let record: BeneficiaryRecord = tx
        .fetch_one(
            Query::insert()
                .into_table("beneficiaries")
                .columns([
                    "public_id",
                    "territory_id",
                    "person_key",
                    "kind",
                    "name",
                    "email",
                    "phone",
                    "business",
                    "created_at",
                    "updated_at",
                ])
                .values_panic([
                    new_public_id().into(),
                    territory_id.into(),
                    booker.person_key().into(),
                    booker.kind().as_str().into(),
                    booker.name.as_str().into(),
                    email.into(),
                    phone.into(),
                    booker.business.as_str().into(),
                    now.into(),
                    now.into(),
                ])
                .on_conflict(conflict)
                .returning(Query::returning().columns(BENEFICIARY_COLUMNS)),
        )
        .await?;
    Ok(record.into_beneficiary())
}

/// Gives a coach access to a beneficiary's follow-up (`reason`: `appointment` or `shared`).
pub(crate) async fn grant_follow_up(tx: &mut Tx, beneficiary_id: i64, coach_id: i64, reason: &str, now: i64) -> Result<()> {
    tx.execute(
        Query::insert()
            .into_table("beneficiary_coaches")
            .columns(["beneficiary_id", "coach_id", "reason", "created_at"])
            .values_panic([beneficiary_id.into(), coach_id.into(), reason.into(), now.into()])
            .on_conflict(OnConflict::columns(["beneficiary_id", "coach_id"]).do_nothing().to_owned()),
    )
    .await?;
    Ok(())
}

impl AppointmentRepo for Db {
    async fn book(&self, new: &NewAppointment, now: i64, mail: BookingMail<'_>) -> Result<BookOutcome> {
        let mut tx = self.begin().await?;
        let Some((territory_id, rules)) = lock_coach(&mut tx, new.coach_id).await? else {
            return Ok(BookOutcome::NotBookable);
        };
        if !slot_is_free(&mut tx, new.coach_id, rules, new.slot, now).await? {
            return Ok(BookOutcome::SlotTaken);
        }
        let beneficiary = upsert_beneficiary(&mut tx, territory_id, &new.booker, now).await?;
        grant_follow_up(&mut tx, beneficiary.id, new.coach_id, "appointment", now).await?;
        let record: AppointmentRecord = tx
            .fetch_one(
                Query::insert()
                    .into_table("appointments")
                    .columns([
                        "public_id",
                        "coach_id",
                        "beneficiary_id",
                        "starts_at",
                        "ends_at",
                        "modality",
                        "themes",
                        "need",
                        "status",
                        "locale",
                        "secret",
                        "sequence",
                        "created_at",
                    ])
                    .values_panic([
                        new_public_id().into(),
                        new.coach_id.into(),
                        beneficiary.id.into(),
                        new.slot.starts_at.into(),
                        new.slot.ends_at.into(),
                        new.modality.as_str().into(),
                        new.themes.join("|").into(),
                        new.need.as_str().into(),
                        AppointmentStatus::Booked.as_str().into(),
                        new.booker.locale.tag().into(),
                        new_token().into(),
                        0i64.into(),
                        now.into(),
                    ])
                    .returning(Query::returning().columns(APPOINTMENT_COLUMNS)),
            )
            .await?;
        let appointment = record.into_appointment();
        enqueue_all(&mut tx, &mail(&appointment, &beneficiary), now).await?;
        tx.commit().await?;
        Ok(BookOutcome::Booked(Box::new((appointment, beneficiary))))
    }

    async fn appointment_by_public_id(&self, public_id: &str) -> Result<Option<Appointment>> {
        let record: Option<AppointmentRecord> =
            self.fetch_optional(appointment_select().and_where(Expr::col(("appointments", "public_id")).eq(public_id))).await?;
        Ok(record.map(AppointmentRecord::into_appointment))
    }

    async fn beneficiary_by_id(&self, id: i64) -> Result<Option<Beneficiary>> {
        let record: Option<BeneficiaryRecord> = self
            .fetch_optional(Query::select().columns(BENEFICIARY_COLUMNS).from("beneficiaries").and_where(Expr::col("id").eq(id)))
            .await?;
        Ok(record.map(BeneficiaryRecord::into_beneficiary))
    }
}
