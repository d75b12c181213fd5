//! Registrations: seats are taken and freed only by conditional updates of the session row,
//! in one transaction with the registration and its e-mails. On SQLite every write
//! transaction holds the database's write lock (`BEGIN IMMEDIATE`); on PostgreSQL the update
//! of the session row locks it until commit, and a full session is locked explicitly before
//! the waitlist is joined, so a seat freed at that moment is never missed.

use crate::db::{Db, Result, Tx};
use crate::outbox::enqueue;
use sea_query::{Expr, ExprTrait, Func, LockType, Order, Query, Value};
use tremplin_domain::StoreError;
use tremplin_domain::events::repo::{OutcomeMail, PromotionMail};
use tremplin_domain::events::tokens::new_secret;
use tremplin_domain::events::{
    CancelOutcome, CapacityOutcome, Event, EventRepo, EventStatus, Promotion, Registrant, Registration, RegistrationOutcome,
    RegistrationRepo, RegistrationStatus,
};
use tremplin_kernel::token::new_public_id;

const REGISTRATION_COLUMNS: [&str; 13] = [
    "id",
    "public_id",
    "event_id",
    "name",
    "email",
    "phone",
    "business",
    "locale",
    "status",
    "secret",
    "walk_in",
    "created_at",
    "checked_in_at",
];

#[derive(sqlx::FromRow)]
struct RegistrationRecord {
    id: i64,
    public_id: String,
    event_id: i64,
    name: String,
    email: Option<String>,
    phone: Option<String>,
    business: String,
    locale: String,
    status: String,
    secret: String,
    walk_in: bool,
    created_at: i64,
    checked_in_at: Option<i64>,
}

impl From<RegistrationRecord> for Registration {
    fn from(r: RegistrationRecord) -> Self {
        Registration {
            id: r.id,
            public_id: r.public_id,
            event_id: r.event_id,
            name: r.name,
            email: r.email,
            phone: r.phone,
            business: r.business,
            locale: r.locale,
            status: RegistrationStatus::parse(&r.status),
            secret: r.secret,
            walk_in: r.walk_in,
            created_at: r.created_at,
            checked_in_at: r.checked_in_at,
        }
    }
}

/// Whether a write failed on a unique constraint (two identical requests at once on
/// PostgreSQL: the second is retried and then finds the first).
fn is_unique_violation(error: &StoreError) -> bool {
    error.0.contains("UNIQUE constraint failed") || error.0.contains("duplicate key value")
}

/// Takes a seat if one is left; returns whether it did.
pub(crate) async fn take_seat(tx: &mut Tx, event_id: i64, now: i64) -> Result<bool> {
    let one_more = || {
        Query::update()
            .table("events")
            .value("confirmed", Expr::col("confirmed").add(1))
            .value("updated_at", now)
            .and_where(Expr::col("id").eq(event_id))
            .and_where(Expr::col("confirmed").lt(Expr::col("capacity")))
            // A session called off while this request was in flight takes no seat.
            .and_where(Expr::col("status").eq(EventStatus::Scheduled.as_str()))
            .to_owned()
    };
    if tx.execute(&one_more()).await? == 1 {
        return Ok(true);
    }
    if tx.holds_write_lock() {
        // SQLite: nobody else writes until we commit; full is final.
        return Ok(false);
    }
    // Full when we looked; on PostgreSQL that look did not lock the row. Lock it and look
    // again, so that a cancellation committing now is either seen here or sees us waiting.
    let (capacity, confirmed, status): (i64, i64, String) = tx
        .fetch_one(
            Query::select()
                .columns(["capacity", "confirmed", "status"])
                .from("events")
                .and_where(Expr::col("id").eq(event_id))
                .lock(LockType::Update),
        )
        .await?;
    if confirmed < capacity && status == EventStatus::Scheduled.as_str() {
        return Ok(tx.execute(&one_more()).await? == 1);
    }
    Ok(false)
}

/// Place in the waitlist of a waitlisted registration.
pub(crate) async fn position_in(tx: &mut Tx, event_id: i64, registration_id: i64) -> Result<i64> {
    let (n,): (i64,) = tx
        .fetch_one(
            Query::select()
                .expr(Func::count(Expr::col("id")))
                .from("registrations")
                .and_where(Expr::col("event_id").eq(event_id))
                .and_where(Expr::col("status").eq(RegistrationStatus::Waitlisted.as_str()))
                .and_where(Expr::col("id").lte(registration_id)),
        )
        .await?;
    Ok(n)
}

/// Locks a session's row for the rest of the transaction; returns (capacity, confirmed).
async fn lock_event(tx: &mut Tx, event_id: i64) -> Result<(i64, i64)> {
    tx.fetch_one(
        Query::select().columns(["capacity", "confirmed"]).from("events").and_where(Expr::col("id").eq(event_id)).lock(LockType::Update),
    )
    .await
}

/// Gives free seats to the waitlist, first come first served, with an e-mail to each.
pub(crate) async fn promote_waitlist(tx: &mut Tx, event: &Event, now: i64, mail: PromotionMail<'_>) -> Result<Vec<Promotion>> {
    let mut promoted = Vec::new();
    loop {
        let next: Option<(i64, String, String, Option<String>, String)> = tx
            .fetch_optional(
                Query::select()
                    .columns(["id", "public_id", "secret", "email", "locale"])
                    .from("registrations")
                    .and_where(Expr::col("event_id").eq(event.id))
                    .and_where(Expr::col("status").eq(RegistrationStatus::Waitlisted.as_str()))
                    .order_by("id", Order::Asc)
                    .limit(1),
            )
            .await?;
        let Some((registration_id, public_id, secret, email, locale)) = next else { break };
        if !take_seat(tx, event.id, now).await? {
            break;
        }
        tx.execute(
            Query::update()
                .table("registrations")
                .value("status", RegistrationStatus::Confirmed.as_str())
                .value("confirmed_at", now)
                .and_where(Expr::col("id").eq(registration_id)),
        )
        .await?;
        let promotion = Promotion { registration_id, public_id, secret, email, locale };
        if let Some(message) = mail(event, &promotion) {
            enqueue(tx, &message, now).await?;
        }
        promoted.push(promotion);
    }
    Ok(promoted)
}

/// A registration row to insert.
pub(crate) struct NewRow<'a> {
    pub event_id: i64,
    pub key: &'a str,
    pub registrant: &'a Registrant,
    pub status: RegistrationStatus,
    pub public_id: &'a str,
    pub secret: &'a str,
    /// Added at the door: checked in at once.
    pub walk_in: bool,
    pub now: i64,
}

/// The registration of a person (by key) for a session, if any: id, public id, status, secret.
pub(crate) async fn existing_registration(
    tx: &mut Tx,
    event_id: i64,
    key: &str,
) -> Result<Option<(i64, String, RegistrationStatus, String)>> {
    let row: Option<(i64, String, String, String)> = tx
        .fetch_optional(
            Query::select()
                .columns(["id", "public_id", "status", "secret"])
                .from("registrations")
                .and_where(Expr::col("event_id").eq(event_id))
                .and_where(Expr::col("person_key").eq(key)),
        )
        .await?;
    Ok(row.map(|(id, public_id, status, secret)| (id, public_id, RegistrationStatus::parse(&status), secret)))
}

/// Columns of a new registration, in the order of [`registration_values`].
pub(crate) const INSERT_COLUMNS: [&str; 15] = [
    "public_id",
    "event_id",
    "person_key",
    "name",
    "email",
    "phone",
    "business",
    "locale",
    "status",
    "secret",
    "walk_in",
    "consent_at",
    "created_at",
    "confirmed_at",
    "checked_in_at",
];

/// The values of a new registration, in the order of [`INSERT_COLUMNS`].
pub(crate) fn registration_values(row: &NewRow<'_>) -> [Value; 15] {
    let NewRow { event_id, key, registrant, status, public_id, secret, walk_in, now } = *row;
    [
        public_id.into(),
        event_id.into(),
        key.into(),
        registrant.name.as_str().into(),
        registrant.email.as_ref().map(|e| e.as_str().to_owned()).into(),
        registrant.phone.as_ref().map(|p| p.as_str().to_owned()).into(),
        registrant.business.as_str().into(),
        registrant.locale.tag().into(),
        status.as_str().into(),
        secret.into(),
        walk_in.into(),
        now.into(),
        now.into(),
        (status == RegistrationStatus::Confirmed).then_some(now).into(),
        walk_in.then_some(now).into(),
    ]
}

/// Inserts a registration; returns its id.
pub(crate) async fn insert_registration(tx: &mut Tx, row: &NewRow<'_>) -> Result<i64> {
    let (id,): (i64,) = tx
        .fetch_one(
            Query::insert()
                .into_table("registrations")
                .columns(INSERT_COLUMNS)
                .values_panic(registration_values(row).map(Expr::val))
                .returning_col("id"),
        )
        .await?;
    Ok(id)
}

impl Db {
    /// One attempt at registering. The first attempt is optimistic: it inserts without
    /// looking for an earlier registration of the same person, and the unique key
    /// (session, person) refuses a duplicate, which makes the caller try again `careful`ly:
    /// looking first, so that the person is recognised (or re-registered after cancelling).
    /// Three statements for a seat: the conditional update, the insert, the e-mail.
    async fn try_register(
        &self,
        sessions: &[(i64, String)],
        registrant: &Registrant,
        now: i64,
        mail: &OutcomeMail,
        careful: bool,
    ) -> Result<Vec<RegistrationOutcome>> {
        let key = registrant.person_key();
        let mut tx = self.begin().await?;
        let mut outcomes = Vec::with_capacity(sessions.len());
        for (event_id, slug) in sessions {
            let event_id = *event_id;
            let existing = if careful { existing_registration(&mut tx, event_id, &key).await? } else { None };
            if let Some((id, public_id, status, secret)) = existing {
                if status != RegistrationStatus::Cancelled {
                    let position =
                        if status == RegistrationStatus::Waitlisted { Some(position_in(&mut tx, event_id, id).await?) } else { None };
                    outcomes.push(RegistrationOutcome { event_slug: slug.clone(), public_id, status, position, already: true, secret });
                    continue;
                }
                // Registering again after cancelling: a new registration, at the end of the queue.
                tx.execute(Query::delete().from_table("registrations").and_where(Expr::col("id").eq(id))).await?;
            }
            let status =
                if take_seat(&mut tx, event_id, now).await? { RegistrationStatus::Confirmed } else { RegistrationStatus::Waitlisted };
            let (public_id, secret) = (new_public_id(), new_secret());
            let row = NewRow { event_id, key: &key, registrant, status, public_id: &public_id, secret: &secret, walk_in: false, now };
            let id = insert_registration(&mut tx, &row).await?;
            let position = if status == RegistrationStatus::Waitlisted { Some(position_in(&mut tx, event_id, id).await?) } else { None };
            outcomes.push(RegistrationOutcome { event_slug: slug.clone(), public_id, status, position, already: false, secret });
        }
        if let Some(message) = mail(&outcomes) {
            enqueue(&mut tx, &message, now).await?;
        }
        tx.commit().await?;
        Ok(outcomes)
    }

    /// Registers one person in a transaction of their own.
    pub(crate) async fn register_alone(
        &self,
        sessions: &[(i64, String)],
        registrant: &Registrant,
        now: i64,
        mail: &OutcomeMail,
    ) -> Result<Vec<RegistrationOutcome>> {
        let mut attempt = 0;
        loop {
            match self.try_register(sessions, registrant, now, mail, attempt > 0).await {
                // The person is registered already (or was, and cancelled), or the same form
                // arrived twice at once on PostgreSQL: look before inserting this time.
                Err(e) if attempt < 3 && is_unique_violation(&e) => attempt += 1,
                other => return other,
            }
        }
    }
}

impl RegistrationRepo for Db {
    async fn register(
        &self,
        sessions: &[(i64, String)],
        registrant: &Registrant,
        now: i64,
        mail: OutcomeMail,
    ) -> Result<Vec<RegistrationOutcome>> {
        if let Db::Sqlite(pool) = self {
            return crate::registration_batch::register(self, pool, sessions, registrant, now, mail).await;
        }
        self.register_alone(sessions, registrant, now, &mail).await
    }

    async fn registration_by_public_id(&self, public_id: &str) -> Result<Option<Registration>> {
        let row: Option<RegistrationRecord> = self
            .fetch_optional(
                Query::select().columns(REGISTRATION_COLUMNS).from("registrations").and_where(Expr::col("public_id").eq(public_id)),
            )
            .await?;
        Ok(row.map(Registration::from))
    }

    async fn waitlist_position(&self, registration: &Registration) -> Result<i64> {
        let (n,): (i64,) = self
            .fetch_one(
                Query::select()
                    .expr(Func::count(Expr::col("id")))
                    .from("registrations")
                    .and_where(Expr::col("event_id").eq(registration.event_id))
                    .and_where(Expr::col("status").eq(RegistrationStatus::Waitlisted.as_str()))
                    .and_where(Expr::col("id").lte(registration.id)),
            )
            .await?;
        Ok(n)
    }

    async fn cancel_registration(&self, registration_id: i64, now: i64, mail: PromotionMail<'_>) -> Result<CancelOutcome> {
        let row: Option<(i64,)> = self
            .fetch_optional(Query::select().column("event_id").from("registrations").and_where(Expr::col("id").eq(registration_id)))
            .await?;
        let Some((event_id,)) = row else { return Ok(CancelOutcome::AlreadyCancelled) };
        let event = self.event_by_id(event_id).await?.ok_or_else(|| StoreError(format!("event {event_id} missing")))?;
        let mut tx = self.begin().await?;
        lock_event(&mut tx, event_id).await?;
        let (status,): (String,) =
            tx.fetch_one(Query::select().column("status").from("registrations").and_where(Expr::col("id").eq(registration_id))).await?;
        let status = RegistrationStatus::parse(&status);
        if status == RegistrationStatus::Cancelled {
            return Ok(CancelOutcome::AlreadyCancelled);
        }
        tx.execute(
            Query::update()
                .table("registrations")
                .value("status", RegistrationStatus::Cancelled.as_str())
                .value("cancelled_at", now)
                .and_where(Expr::col("id").eq(registration_id)),
        )
        .await?;
        let mut promoted = Vec::new();
        if status == RegistrationStatus::Confirmed {
            tx.execute(
                Query::update()
                    .table("events")
                    .value("confirmed", Expr::col("confirmed").sub(1))
                    .value("updated_at", now)
                    .and_where(Expr::col("id").eq(event_id)),
            )
            .await?;
            promoted = promote_waitlist(&mut tx, &event, now, mail).await?;
        }
        tx.commit().await?;
        Ok(CancelOutcome::Cancelled(promoted))
    }

    async fn set_capacity(&self, event_id: i64, capacity: i64, now: i64, mail: PromotionMail<'_>) -> Result<CapacityOutcome> {
        let event = self.event_by_id(event_id).await?.ok_or_else(|| StoreError(format!("event {event_id} missing")))?;
        let mut tx = self.begin().await?;
        let (_, confirmed) = lock_event(&mut tx, event_id).await?;
        if capacity < confirmed {
            return Ok(CapacityOutcome::BelowConfirmed(confirmed));
        }
        tx.execute(
            Query::update().table("events").value("capacity", capacity).value("updated_at", now).and_where(Expr::col("id").eq(event_id)),
        )
        .await?;
        let promoted = promote_waitlist(&mut tx, &event, now, mail).await?;
        tx.commit().await?;
        Ok(CapacityOutcome::Changed(promoted))
    }

    async fn registrations_of_event(&self, event_id: i64) -> Result<Vec<Registration>> {
        let rows: Vec<RegistrationRecord> = self
            .fetch_all(
                Query::select()
                    .columns(REGISTRATION_COLUMNS)
                    .from("registrations")
                    .and_where(Expr::col("event_id").eq(event_id))
                    .order_by("id", Order::Asc),
            )
            .await?;
        let mut registrations: Vec<Registration> = rows.into_iter().map(Registration::from).collect();
        let rank = |s: RegistrationStatus| match s {
            RegistrationStatus::Confirmed => 0,
            RegistrationStatus::Waitlisted => 1,
            RegistrationStatus::Cancelled => 2,
        };
        registrations.sort_by_key(|r| (rank(r.status), r.id));
        Ok(registrations)
    }
}
