//! Questionnaire versions (the shipped one written at start-up, territories' versions
//! resolved up their parents) and diagnostic results.

use crate::db::{Db, Reader, Result, store_err};
use crate::learning::territory_and_parents;
use sea_query::{Expr, ExprTrait, Order, Query, SelectStatement};
use tremplin_domain::learning::diagnostic::counts::{CountedResult, aggregate};
use tremplin_domain::learning::diagnostic::questionnaire::PLATFORM_QUESTIONNAIRE;
use tremplin_domain::learning::diagnostic::{
    AxisScore, Diagnostic, DiagnosticCounts, DiagnosticRepo, Level, NewDiagnostic, Questionnaire, StoredQuestionnaire,
    platform_questionnaire,
};

/// Identifies the shipped questionnaire, so that test templates built with another are not reused.
pub fn questionnaire_fingerprint() -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    PLATFORM_QUESTIONNAIRE.hash(&mut hasher);
    hasher.finish()
}

/// Writes the shipped questionnaire as the platform's version 1 when missing (a published
/// version is never rewritten: results refer to it).
pub async fn ensure_platform_questionnaire(db: &Db) -> Result<()> {
    let existing: Option<(i64,)> = db
        .fetch_optional(
            Query::select()
                .column("id")
                .from("questionnaires")
                .and_where(Expr::col("territory_id").is_null())
                .and_where(Expr::col("version").eq(1)),
        )
        .await?;
    if existing.is_some() {
        return Ok(());
    }
    let content = serde_json::to_string(platform_questionnaire()).map_err(store_err)?;
    db.execute(
        Query::insert()
            .into_table("questionnaires")
            .columns(["territory_id", "version", "title", "content", "published_by", "published_at"])
            .values_panic([
                Option::<i64>::None.into(),
                1i64.into(),
                platform_questionnaire().title.as_str().into(),
                content.into(),
                Option::<i64>::None.into(),
                0i64.into(),
            ]),
    )
    .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct QuestionnaireRecord {
    id: i64,
    territory_id: Option<i64>,
    version: i64,
    content: String,
    published_by: Option<i64>,
    published_at: i64,
}

impl QuestionnaireRecord {
    fn into_stored(self) -> Result<StoredQuestionnaire> {
        let content: Questionnaire = serde_json::from_str(&self.content).map_err(store_err)?;
        Ok(StoredQuestionnaire {
            id: self.id,
            territory_id: self.territory_id,
            version: self.version,
            content,
            published_at: self.published_at,
            published_by: self.published_by,
        })
    }
}

fn questionnaire_select() -> SelectStatement {
    Query::select()
        .columns(["id", "territory_id", "version", "content", "published_by", "published_at"])
        .from("questionnaires")
        .order_by("version", Order::Desc)
        .to_owned()
}

fn of_territory(territory_id: Option<i64>) -> Expr {
    match territory_id {
        Some(id) => Expr::col("territory_id").eq(id),
        None => Expr::col("territory_id").is_null(),
    }
}

const DIAGNOSTIC_COLUMNS: [&str; 12] = [
    "id",
    "public_id",
    "questionnaire_id",
    "territory_id",
    "insee",
    "audience",
    "user_id",
    "answers",
    "axis_scores",
    "overall_score",
    "level",
    "created_at",
];

#[derive(sqlx::FromRow)]
struct DiagnosticRecord {
    id: i64,
    public_id: String,
    questionnaire_id: i64,
    territory_id: Option<i64>,
    insee: Option<String>,
    audience: String,
    user_id: Option<i64>,
    answers: String,
    axis_scores: String,
    overall_score: i64,
    level: String,
    created_at: i64,
}

impl DiagnosticRecord {
    fn into_diagnostic(self) -> Result<Diagnostic> {
        Ok(Diagnostic {
            id: self.id,
            data: NewDiagnostic {
                public_id: self.public_id,
                questionnaire_id: self.questionnaire_id,
                territory_id: self.territory_id,
                insee: self.insee,
                audience: self.audience,
                user_id: self.user_id,
                answers: serde_json::from_str(&self.answers).map_err(store_err)?,
                axis_scores: serde_json::from_str(&self.axis_scores).map_err(store_err)?,
                overall: self.overall_score,
                level: Level::parse(&self.level).unwrap_or(Level::Basic),
                created_at: self.created_at,
            },
        })
    }
}

fn diagnostic_select() -> SelectStatement {
    Query::select().columns(DIAGNOSTIC_COLUMNS).from("diagnostics").to_owned()
}

impl DiagnosticRepo for Db {
    async fn questionnaire_for(&self, territory_id: Option<i64>) -> Result<StoredQuestionnaire> {
        if let Some(territory_id) = territory_id {
            let chain = territory_and_parents(&mut Reader::Pool(self), territory_id).await?;
            let rows: Vec<QuestionnaireRecord> =
                self.fetch_all(questionnaire_select().and_where(Expr::col("territory_id").is_in(chain.iter().copied()))).await?;
            // Nearest territory first; within it, the latest version (rows come newest first).
            if let Some(record) = chain.iter().find_map(|t| rows.iter().position(|r| r.territory_id == Some(*t))) {
                return rows
                    .into_iter()
                    .nth(record)
                    .ok_or_else(|| tremplin_domain::StoreError("questionnaire vanished".into()))?
                    .into_stored();
            }
        }
        let record: Option<QuestionnaireRecord> =
            self.fetch_optional(questionnaire_select().and_where(of_territory(None)).limit(1)).await?;
        record.ok_or_else(|| tremplin_domain::StoreError("no platform questionnaire: run prepare".into()))?.into_stored()
    }

    async fn questionnaire_by_id(&self, id: i64) -> Result<Option<StoredQuestionnaire>> {
        let record: Option<QuestionnaireRecord> = self.fetch_optional(questionnaire_select().and_where(Expr::col("id").eq(id))).await?;
        record.map(QuestionnaireRecord::into_stored).transpose()
    }

    async fn questionnaire_versions(&self, territory_id: Option<i64>) -> Result<Vec<StoredQuestionnaire>> {
        let records: Vec<QuestionnaireRecord> = self.fetch_all(questionnaire_select().and_where(of_territory(territory_id))).await?;
        records.into_iter().map(QuestionnaireRecord::into_stored).collect()
    }

    async fn publish_questionnaire(
        &self,
        territory_id: Option<i64>,
        content: &Questionnaire,
        by: i64,
        now: i64,
    ) -> Result<StoredQuestionnaire> {
        let text = serde_json::to_string(content).map_err(store_err)?;
        let mut tx = self.begin().await?;
        // The unique index on (territory, version) refuses a concurrent publication of the same number.
        let latest: Vec<(i64,)> = tx
            .fetch_all(
                Query::select()
                    .column("version")
                    .from("questionnaires")
                    .and_where(of_territory(territory_id))
                    .order_by("version", Order::Desc)
                    .limit(1),
            )
            .await?;
        let version = latest.first().map_or(1, |(v,)| v + 1);
        let inserted: Option<(i64,)> = tx
            .fetch_optional(
                Query::insert()
                    .into_table("questionnaires")
                    .columns(["territory_id", "version", "title", "content", "published_by", "published_at"])
                    .values_panic([
                        territory_id.into(),
                        version.into(),
                        content.title.as_str().into(),
                        text.into(),
                        Some(by).into(),
                        now.into(),
                    ])
                    .returning_col("id"),
            )
            .await?;
        let (id,) = inserted.ok_or_else(|| tremplin_domain::StoreError("questionnaire not inserted".into()))?;
        tx.commit().await?;
        Ok(StoredQuestionnaire { id, territory_id, version, content: content.clone(), published_at: now, published_by: Some(by) })
    }

    async fn save_diagnostic(&self, d: &NewDiagnostic) -> Result<Diagnostic> {
        let answers = serde_json::to_string(&d.answers).map_err(store_err)?;
        let scores = serde_json::to_string(&d.axis_scores).map_err(store_err)?;
        let mut tx = self.begin().await?;
        let inserted: Option<(i64,)> = tx
            .fetch_optional(
                Query::insert()
                    .into_table("diagnostics")
                    .columns(DIAGNOSTIC_COLUMNS[1..].iter().copied())
                    .values_panic([
                        d.public_id.as_str().into(),
                        d.questionnaire_id.into(),
                        d.territory_id.into(),
                        d.insee.clone().into(),
                        d.audience.as_str().into(),
                        d.user_id.into(),
                        answers.into(),
                        scores.into(),
                        d.overall.into(),
                        d.level.as_str().into(),
                        d.created_at.into(),
                    ])
                    .returning_col("id"),
            )
            .await?;
        let (id,) = inserted.ok_or_else(|| tremplin_domain::StoreError("diagnostic not inserted".into()))?;
        tx.commit().await?;
        Ok(Diagnostic { id, data: d.clone() })
    }

    async fn diagnostic_by_public_id(&self, public_id: &str) -> Result<Option<Diagnostic>> {
        let record: Option<DiagnosticRecord> =
            self.fetch_optional(diagnostic_select().and_where(Expr::col("public_id").eq(public_id))).await?;
        record.map(DiagnosticRecord::into_diagnostic).transpose()
    }

    async fn diagnostics_of_user(&self, user_id: i64) -> Result<Vec<Diagnostic>> {
        let records: Vec<DiagnosticRecord> = self
            .fetch_all(
                diagnostic_select()
                    .and_where(Expr::col("user_id").eq(user_id))
                    .order_by("created_at", Order::Desc)
                    .order_by("id", Order::Desc),
            )
            .await?;
        records.into_iter().map(DiagnosticRecord::into_diagnostic).collect()
    }

    async fn diagnostic_counts(&self, territory_ids: &[i64], from: i64, until: i64) -> Result<DiagnosticCounts> {
        // Scores and dates only: the statistics never read answers, accounts or communes.
        let rows: Vec<(i64, String, i64)> = self
            .fetch_all(
                Query::select()
                    .columns(["created_at", "axis_scores", "overall_score"])
                    .from("diagnostics")
                    .and_where(Expr::col("territory_id").is_in(territory_ids.iter().copied()))
                    .and_where(Expr::col("created_at").gte(from))
                    .and_where(Expr::col("created_at").lt(until)),
            )
            .await?;
        let results = rows
            .into_iter()
            .map(|(at, scores, overall)| Ok((at, serde_json::from_str::<Vec<AxisScore>>(&scores).map_err(store_err)?, overall)))
            .collect::<Result<Vec<CountedResult>>>()?;
        Ok(aggregate(&results))
    }
}
