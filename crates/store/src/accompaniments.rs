//! Accompaniment records and what a beneficiary's follow-up is read from: its followers
//! (`beneficiary_coaches`, with who shared it), appointments and records.

use crate::appointments::{AppointmentRecord, BENEFICIARY_COLUMNS, BeneficiaryRecord, appointment_select};
use crate::coaches::split_list;
use crate::completions::complete_in_tx;
use crate::db::{Db, Result};
use sea_query::{Expr, ExprTrait, Func, OnConflict, Order, Query, SelectStatement};
use tremplin_domain::coaching::records::{AppointmentLine, BeneficiarySummary, Follower, NewRecord, RecordRepo};
use tremplin_domain::coaching::{Accompaniment, Beneficiary, Outcome};
use tremplin_domain::learning::HolderRef;
use tremplin_domain::learning::evidence::coach_completions;
use tremplin_kernel::token::new_public_id;

/// Columns of `accompaniments` read into [`RecordRow`], besides the coach's name.
const RECORD_COLUMNS: [&str; 15] = [
    "id",
    "public_id",
    "beneficiary_id",
    "coach_id",
    "appointment_id",
    "occurred_at",
    "duration_minutes",
    "themes",
    "outcome",
    "summary",
    "next_steps",
    "modules",
    "validated_modules",
    "no_show",
    "created_at",
];

#[derive(sqlx::FromRow)]
struct RecordRow {
    id: i64,
    public_id: String,
    beneficiary_id: i64,
    coach_id: i64,
    appointment_id: Option<i64>,
    occurred_at: i64,
    duration_minutes: i64,
    themes: String,
    outcome: String,
    summary: String,
    next_steps: String,
    modules: String,
    validated_modules: String,
    no_show: bool,
    created_at: i64,
    coach_name: String,
}

impl RecordRow {
    fn into_record(self) -> Accompaniment {
        Accompaniment {
            id: self.id,
            public_id: self.public_id,
            beneficiary_id: self.beneficiary_id,
            coach_id: self.coach_id,
            coach_name: self.coach_name,
            appointment_id: self.appointment_id,
            occurred_at: self.occurred_at,
            duration_minutes: self.duration_minutes,
            themes: split_list(&self.themes),
            outcome: Outcome::parse(&self.outcome).unwrap_or(Outcome::InProgress),
            summary: self.summary,
            next_steps: self.next_steps,
            modules: split_list(&self.modules),
            validated: split_list(&self.validated_modules),
            no_show: self.no_show,
            created_at: self.created_at,
        }
    }
}

/// Records with their coach's name; callers add filters.
fn record_select() -> SelectStatement {
    Query::select()
        .columns(RECORD_COLUMNS.map(|c| ("accompaniments", c)))
        .expr_as(Expr::col(("coaches", "display_name")), "coach_name")
        .from("accompaniments")
        .inner_join("coaches", Expr::col(("coaches", "id")).equals(("accompaniments", "coach_id")))
        .to_owned()
}

#[derive(sqlx::FromRow)]
struct FollowerRow {
    coach_id: i64,
    coach_name: String,
    reason: String,
    created_at: i64,
    sharer_name: Option<String>,
    sharer_email: Option<String>,
}

#[derive(sqlx::FromRow)]
struct AppointmentLineRow {
    #[sqlx(flatten)]
    appointment: AppointmentRecord,
    coach_name: String,
}

#[derive(sqlx::FromRow)]
struct SummaryRow {
    #[sqlx(flatten)]
    beneficiary: BeneficiaryRecord,
    appointments: i64,
    records: i64,
    last_appointment: Option<i64>,
    last_record: Option<i64>,
}

/// Beneficiaries with their counts of appointments and records and their last contacts,
/// matching `query` on the name or the business (any case); callers add the scope.
fn summary_select(query: &str, limit: u32) -> SelectStatement {
    let mut select = Query::select();
    select
        .columns(BENEFICIARY_COLUMNS.map(|c| ("beneficiaries", c)))
        .expr_as(Expr::cust("(SELECT COUNT(*) FROM appointments a WHERE a.beneficiary_id = beneficiaries.id)"), "appointments")
        .expr_as(Expr::cust("(SELECT COUNT(*) FROM accompaniments r WHERE r.beneficiary_id = beneficiaries.id)"), "records")
        .expr_as(Expr::cust("(SELECT MAX(a.starts_at) FROM appointments a WHERE a.beneficiary_id = beneficiaries.id)"), "last_appointment")
        .expr_as(Expr::cust("(SELECT MAX(r.occurred_at) FROM accompaniments r WHERE r.beneficiary_id = beneficiaries.id)"), "last_record")
        .from("beneficiaries")
        .order_by_expr(
            Expr::cust("COALESCE((SELECT MAX(a.starts_at) FROM appointments a WHERE a.beneficiary_id = beneficiaries.id), 0)"),
            Order::Desc,
        )
        .order_by(("beneficiaries", "name"), Order::Asc)
        .limit(u64::from(limit));
    // Wildcards typed by the visitor are taken literally by dropping them.
    let words: String = query.chars().filter(|c| !matches!(c, '%' | '_' | '\\')).collect::<String>().to_lowercase();
    if !words.trim().is_empty() {
        let pattern = format!("%{}%", words.trim());
        select.and_where(
            Expr::expr(Func::lower(Expr::col(("beneficiaries", "name")))).like(pattern.clone()).or(Expr::expr(Func::lower(Expr::col((
                "beneficiaries",
                "business",
            ))))
            .like(pattern)),
        );
    }
    select
}

impl SummaryRow {
    fn into_summary(self) -> BeneficiarySummary {
        BeneficiarySummary {
            beneficiary: self.beneficiary.into_beneficiary(),
            appointments: self.appointments,
            records: self.records,
            last_contact: Ord::max(self.last_appointment, self.last_record),
        }
    }
}

impl RecordRepo for Db {
    async fn beneficiary_by_public_id(&self, public_id: &str) -> Result<Option<Beneficiary>> {
        let row: Option<BeneficiaryRecord> = self
            .fetch_optional(
                Query::select().columns(BENEFICIARY_COLUMNS).from("beneficiaries").and_where(Expr::col("public_id").eq(public_id)),
            )
            .await?;
        Ok(row.map(BeneficiaryRecord::into_beneficiary))
    }

    async fn followers(&self, beneficiary_id: i64) -> Result<Vec<Follower>> {
        let rows: Vec<FollowerRow> = self
            .fetch_all(
                Query::select()
                    .column(("beneficiary_coaches", "coach_id"))
                    .expr_as(Expr::col(("coaches", "display_name")), "coach_name")
                    .columns([("beneficiary_coaches", "reason"), ("beneficiary_coaches", "created_at")])
                    .expr_as(Expr::col(("users", "display_name")), "sharer_name")
                    .expr_as(Expr::col(("users", "email")), "sharer_email")
                    .from("beneficiary_coaches")
                    .inner_join("coaches", Expr::col(("coaches", "id")).equals(("beneficiary_coaches", "coach_id")))
                    .left_join("users", Expr::col(("users", "id")).equals(("beneficiary_coaches", "shared_by")))
                    .and_where(Expr::col(("beneficiary_coaches", "beneficiary_id")).eq(beneficiary_id))
                    .order_by(("beneficiary_coaches", "created_at"), Order::Asc)
                    .order_by(("coaches", "display_name"), Order::Asc),
            )
            .await?;
        Ok(rows
            .into_iter()
            .map(|r| Follower {
                coach_id: r.coach_id,
                coach_name: r.coach_name,
                reason: r.reason,
                shared_by: r.sharer_name.filter(|n| !n.trim().is_empty()).or(r.sharer_email),
                since: r.created_at,
            })
            .collect())
    }

    async fn appointments_of_beneficiary(&self, beneficiary_id: i64) -> Result<Vec<AppointmentLine>> {
        let rows: Vec<AppointmentLineRow> = self
            .fetch_all(
                appointment_select()
                    .expr_as(Expr::col(("coaches", "display_name")), "coach_name")
                    .inner_join("coaches", Expr::col(("coaches", "id")).equals(("appointments", "coach_id")))
                    .and_where(Expr::col(("appointments", "beneficiary_id")).eq(beneficiary_id))
                    .order_by(("appointments", "starts_at"), Order::Desc)
                    .order_by(("appointments", "id"), Order::Desc),
            )
            .await?;
        Ok(rows.into_iter().map(|r| AppointmentLine { appointment: r.appointment.into_appointment(), coach_name: r.coach_name }).collect())
    }

    async fn records_of_beneficiary(&self, beneficiary_id: i64) -> Result<Vec<Accompaniment>> {
        let rows: Vec<RecordRow> = self
            .fetch_all(
                record_select()
                    .and_where(Expr::col(("accompaniments", "beneficiary_id")).eq(beneficiary_id))
                    .order_by(("accompaniments", "occurred_at"), Order::Desc)
                    .order_by(("accompaniments", "id"), Order::Desc),
            )
            .await?;
        Ok(rows.into_iter().map(RecordRow::into_record).collect())
    }

    async fn record_of_appointment(&self, appointment_id: i64) -> Result<Option<Accompaniment>> {
        let row: Option<RecordRow> =
            self.fetch_optional(record_select().and_where(Expr::col(("accompaniments", "appointment_id")).eq(appointment_id))).await?;
        Ok(row.map(RecordRow::into_record))
    }

    async fn save_record(&self, record: &NewRecord, now: i64) -> Result<String> {
        let input = &record.input;
        let written = [
            "occurred_at",
            "duration_minutes",
            "themes",
            "outcome",
            "summary",
            "next_steps",
            "modules",
            "validated_modules",
            "no_show",
            "updated_at",
        ];
        let mut insert = Query::insert();
        insert
            .into_table("accompaniments")
            .columns(["public_id", "beneficiary_id", "coach_id", "appointment_id", "created_at"].into_iter().chain(written))
            .values_panic([
                new_public_id().into(),
                record.beneficiary_id.into(),
                record.coach_id.into(),
                record.appointment_id.into(),
                now.into(),
                record.occurred_at.into(),
                input.duration_minutes.into(),
                input.themes.join("|").into(),
                input.outcome.as_str().into(),
                input.summary.as_str().into(),
                input.next_steps.as_str().into(),
                input.modules.join("|").into(),
                input.validated.join("|").into(),
                input.no_show.into(),
                now.into(),
            ])
            .returning_col("public_id");
        // One record per appointment: writing it again rewrites it, keeping its id and author.
        if record.appointment_id.is_some() {
            insert.on_conflict(OnConflict::column("appointment_id").update_columns(written).to_owned());
        }
        let mut tx = self.begin().await?;
        let (public_id,): (String,) = tx.fetch_one(&insert).await?;
        // The modules validated complete in the record's transaction: both are saved or neither.
        if !input.no_show && !input.validated.is_empty() {
            let (coach,): (String,) =
                tx.fetch_one(Query::select().column("display_name").from("coaches").and_where(Expr::col("id").eq(record.coach_id))).await?;
            let completions = coach_completions(&input.validated, &coach, record.occurred_at, &public_id);
            complete_in_tx(&mut tx, &HolderRef::Beneficiary(record.beneficiary_id), &completions, now).await?;
        }
        tx.commit().await?;
        Ok(public_id)
    }

    async fn share_follow_up(&self, beneficiary_id: i64, coach_id: i64, by_user: i64, now: i64) -> Result<bool> {
        let inserted = self
            .execute(
                Query::insert()
                    .into_table("beneficiary_coaches")
                    .columns(["beneficiary_id", "coach_id", "reason", "shared_by", "created_at"])
                    .values_panic([beneficiary_id.into(), coach_id.into(), "shared".into(), by_user.into(), now.into()])
                    .on_conflict(OnConflict::columns(["beneficiary_id", "coach_id"]).do_nothing().to_owned()),
            )
            .await?;
        Ok(inserted == 1)
    }

    async fn beneficiaries_of_coach(&self, coach_id: i64, query: &str, limit: u32) -> Result<Vec<BeneficiarySummary>> {
        let followed =
            Query::select().column("beneficiary_id").from("beneficiary_coaches").and_where(Expr::col("coach_id").eq(coach_id)).to_owned();
        let rows: Vec<SummaryRow> =
            self.fetch_all(summary_select(query, limit).and_where(Expr::col(("beneficiaries", "id")).in_subquery(followed))).await?;
        Ok(rows.into_iter().map(SummaryRow::into_summary).collect())
    }

    async fn beneficiaries_of_territories(&self, territory_ids: &[i64], query: &str, limit: u32) -> Result<Vec<BeneficiarySummary>> {
        let rows: Vec<SummaryRow> = self
            .fetch_all(
                summary_select(query, limit).and_where(Expr::col(("beneficiaries", "territory_id")).is_in(territory_ids.iter().copied())),
            )
            .await?;
        Ok(rows.into_iter().map(SummaryRow::into_summary).collect())
    }
}
