//! Introductions and the meetings of mentoring relationships. A request counts the
//! requester's limits after locking its actor row (`FOR UPDATE` on PostgreSQL; SQLite's
//! `BEGIN IMMEDIATE` already serialises writers), so two requests at once count each other
//! and the limits hold across instances; the partial unique index keeps one pending request
//! per pair. The parties' e-mail addresses are their accounts' (`users.email`): the actors'
//! contact columns stay read by `actor_contact` only.

use crate::db::{Db, Result, Tx};
use crate::outbox::enqueue;
use sea_query::{Expr, ExprTrait, JoinType, LockType, Order, Query, SelectStatement};
use tremplin_domain::StoreError;
use tremplin_domain::ecosystem::introductions::{
    DAILY_REQUESTS, FIRST_REMINDER_SECS, IntroRepo, IntroStatus, Introduction, MAX_PENDING, Meeting, NewIntroduction, Party, Refusal,
};
use tremplin_domain::ecosystem::{ActorStatus, Topic};
use tremplin_domain::notifications::MailRequest;
use tremplin_kernel::Locale;

/// Columns of `eco_introductions` read into [`IntroRecord`].
const INTRO_COLUMNS: [&str; 12] = [
    "id",
    "public_id",
    "requester_id",
    "recipient_id",
    "need",
    "message",
    "status",
    "answer",
    "mentoring",
    "reminders",
    "due_at",
    "created_at",
];

#[derive(sqlx::FromRow)]
pub(crate) struct IntroRecord {
    id: i64,
    public_id: String,
    requester_id: i64,
    recipient_id: i64,
    need: String,
    message: String,
    status: String,
    answer: String,
    mentoring: bool,
    reminders: i64,
    due_at: Option<i64>,
    created_at: i64,
    answered_at: Option<i64>,
    requester_user: i64,
    requester_slug: String,
    requester_name: String,
    requester_mail: String,
    requester_locale: String,
    recipient_user: i64,
    recipient_slug: String,
    recipient_name: String,
    recipient_mail: String,
    recipient_locale: String,
}

impl IntroRecord {
    pub(crate) fn into_introduction(self) -> Introduction {
        let party = |actor_id, user_id, slug, name, mail_to, locale: String| Party {
            actor_id,
            user_id,
            slug,
            name,
            mail_to,
            locale: Locale::parse(&locale).unwrap_or_default(),
        };
        Introduction {
            id: self.id,
            public_id: self.public_id,
            requester: party(
                self.requester_id,
                self.requester_user,
                self.requester_slug,
                self.requester_name,
                self.requester_mail,
                self.requester_locale,
            ),
            recipient: party(
                self.recipient_id,
                self.recipient_user,
                self.recipient_slug,
                self.recipient_name,
                self.recipient_mail,
                self.recipient_locale,
            ),
            need: Topic::parse(&self.need).unwrap_or(Topic::Partnership),
            message: self.message,
            status: IntroStatus::parse(&self.status).unwrap_or(IntroStatus::Expired),
            answer: self.answer,
            mentoring: self.mentoring,
            reminders: self.reminders,
            due_at: self.due_at,
            created_at: self.created_at,
            answered_at: self.answered_at,
        }
    }
}

/// Introductions with both sides' names, slugs and accounts' addresses; callers add filters.
pub(crate) fn intro_select() -> SelectStatement {
    let mut select = Query::select();
    for column in INTRO_COLUMNS {
        select.column(("eco_introductions", column));
    }
    select.column(("eco_introductions", "answered_at"));
    for (side, actor, user) in [("requester", "ra", "ua"), ("recipient", "rb", "ub")] {
        select
            .expr_as(Expr::col((actor, "user_id")), format!("{side}_user"))
            .expr_as(Expr::col((actor, "slug")), format!("{side}_slug"))
            .expr_as(Expr::col((actor, "name")), format!("{side}_name"))
            .expr_as(Expr::col((user, "email")), format!("{side}_mail"))
            .expr_as(Expr::col((user, "locale")), format!("{side}_locale"));
    }
    select
        .from("eco_introductions")
        .join_as(JoinType::InnerJoin, "eco_actors", "ra", Expr::col(("ra", "id")).equals(("eco_introductions", "requester_id")))
        .join_as(JoinType::InnerJoin, "eco_actors", "rb", Expr::col(("rb", "id")).equals(("eco_introductions", "recipient_id")))
        .join_as(JoinType::InnerJoin, "users", "ua", Expr::col(("ua", "id")).equals(("ra", "user_id")))
        .join_as(JoinType::InnerJoin, "users", "ub", Expr::col(("ub", "id")).equals(("rb", "user_id")));
    select
}

async fn count(tx: &mut Tx, select: &SelectStatement) -> Result<i64> {
    let (n,): (i64,) = tx.fetch_one(select).await?;
    Ok(n)
}

fn is_unique_violation(error: &StoreError) -> bool {
    error.0.contains("UNIQUE constraint failed") || error.0.contains("duplicate key value")
}

#[derive(sqlx::FromRow)]
struct MeetingRecord {
    id: i64,
    author_id: i64,
    met_on: String,
    minutes: i64,
    summary: String,
    next_steps: String,
    created_at: i64,
}

impl IntroRepo for Db {
    async fn create_introduction(&self, new: &NewIntroduction, mail: Option<&MailRequest>) -> Result<std::result::Result<(), Refusal>> {
        let mut tx = self.begin().await?;
        // Serialises this requester's requests (PostgreSQL; SQLite holds the write lock).
        let _: Option<(i64,)> = tx
            .fetch_optional(
                Query::select().column("id").from("eco_actors").and_where(Expr::col("id").eq(new.requester_id)).lock(LockType::Update),
            )
            .await?;
        let mine = || {
            let mut select = Query::select();
            select.expr(Expr::col("id").count()).from("eco_introductions").and_where(Expr::col("requester_id").eq(new.requester_id));
            select
        };
        if count(&mut tx, mine().and_where(Expr::col("created_at").gt(new.created_at - 86_400))).await? >= DAILY_REQUESTS {
            return Ok(Err(Refusal::Daily));
        }
        let pending = mine().and_where(Expr::col("status").eq(IntroStatus::Pending.as_str())).to_owned();
        if count(&mut tx, &pending.clone().and_where(Expr::col("recipient_id").eq(new.recipient_id)).to_owned()).await? > 0 {
            return Ok(Err(Refusal::AlreadyPending));
        }
        if count(&mut tx, &pending).await? >= MAX_PENDING {
            return Ok(Err(Refusal::TooManyPending));
        }
        let inserted = tx
            .execute(
                Query::insert()
                    .into_table("eco_introductions")
                    .columns([
                        "public_id",
                        "requester_id",
                        "recipient_id",
                        "need",
                        "message",
                        "status",
                        "answer",
                        "mentoring",
                        "reminders",
                        "due_at",
                        "created_at",
                    ])
                    .values_panic([
                        new.public_id.as_str().into(),
                        new.requester_id.into(),
                        new.recipient_id.into(),
                        new.need.as_str().into(),
                        new.message.as_str().into(),
                        IntroStatus::Pending.as_str().into(),
                        "".into(),
                        false.into(),
                        0i64.into(),
                        (new.created_at + FIRST_REMINDER_SECS).into(),
                        new.created_at.into(),
                    ]),
            )
            .await;
        match inserted {
            Ok(_) => {}
            Err(e) if is_unique_violation(&e) => return Ok(Err(Refusal::AlreadyPending)),
            Err(e) => return Err(e),
        }
        if let Some(mail) = mail {
            enqueue(&mut tx, mail, new.created_at).await?;
        }
        tx.commit().await?;
        Ok(Ok(()))
    }

    async fn introduction(&self, public_id: &str) -> Result<Option<Introduction>> {
        let record: Option<IntroRecord> =
            self.fetch_optional(intro_select().and_where(Expr::col(("eco_introductions", "public_id")).eq(public_id))).await?;
        Ok(record.map(IntroRecord::into_introduction))
    }

    async fn introductions_of(&self, actor_id: i64) -> Result<Vec<Introduction>> {
        let records: Vec<IntroRecord> = self
            .fetch_all(
                intro_select()
                    .cond_where(
                        Expr::col(("eco_introductions", "requester_id"))
                            .eq(actor_id)
                            .or(Expr::col(("eco_introductions", "recipient_id")).eq(actor_id)),
                    )
                    .order_by(("eco_introductions", "created_at"), Order::Desc)
                    .order_by(("eco_introductions", "id"), Order::Desc),
            )
            .await?;
        Ok(records.into_iter().map(IntroRecord::into_introduction).collect())
    }

    async fn close_introduction(
        &self,
        id: i64,
        status: IntroStatus,
        answer: &str,
        mentoring: bool,
        now: i64,
        mail: Option<&MailRequest>,
    ) -> Result<bool> {
        let mut tx = self.begin().await?;
        let changed = tx
            .execute(
                Query::update()
                    .table("eco_introductions")
                    .value("status", status.as_str())
                    .value("answer", answer)
                    .value("mentoring", mentoring)
                    .value("due_at", Option::<i64>::None)
                    .value("answered_at", now)
                    .and_where(Expr::col("id").eq(id))
                    .and_where(Expr::col("status").eq(IntroStatus::Pending.as_str())),
            )
            .await?;
        if changed != 1 {
            return Ok(false);
        }
        if let Some(mail) = mail {
            enqueue(&mut tx, mail, now).await?;
        }
        tx.commit().await?;
        Ok(true)
    }

    async fn meetings(&self, introduction_id: i64) -> Result<Vec<Meeting>> {
        let records: Vec<MeetingRecord> = self
            .fetch_all(
                Query::select()
                    .columns(["id", "author_id", "met_on", "minutes", "summary", "next_steps", "created_at"])
                    .from("eco_meetings")
                    .and_where(Expr::col("introduction_id").eq(introduction_id))
                    .order_by("met_on", Order::Desc)
                    .order_by("id", Order::Desc),
            )
            .await?;
        Ok(records
            .into_iter()
            .map(|r| Meeting {
                id: r.id,
                author_id: r.author_id,
                met_on: r.met_on,
                minutes: r.minutes,
                summary: r.summary,
                next_steps: r.next_steps,
                created_at: r.created_at,
            })
            .collect())
    }

    async fn add_meeting(&self, introduction_id: i64, meeting: &Meeting) -> Result<()> {
        self.execute(
            Query::insert()
                .into_table("eco_meetings")
                .columns(["introduction_id", "author_id", "met_on", "minutes", "summary", "next_steps", "created_at"])
                .values_panic([
                    introduction_id.into(),
                    meeting.author_id.into(),
                    meeting.met_on.as_str().into(),
                    meeting.minutes.into(),
                    meeting.summary.as_str().into(),
                    meeting.next_steps.as_str().into(),
                    meeting.created_at.into(),
                ]),
        )
        .await?;
        Ok(())
    }

    async fn suspend_actor(&self, actor_id: i64, note: &str, now: i64) -> Result<()> {
        let mut tx = self.begin().await?;
        tx.execute(
            Query::update()
                .table("eco_actors")
                .value("status", ActorStatus::Suspended.as_str())
                .value("status_note", note)
                .value("updated_at", now)
                .and_where(Expr::col("id").eq(actor_id)),
        )
        .await?;
        tx.execute(
            Query::update()
                .table("eco_introductions")
                .value("status", IntroStatus::Withdrawn.as_str())
                .value("due_at", Option::<i64>::None)
                .value("answered_at", now)
                .and_where(Expr::col("requester_id").eq(actor_id))
                .and_where(Expr::col("status").eq(IntroStatus::Pending.as_str())),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
