//! Satisfaction survey answers: one per registration, held by the primary key (a second
//! answer inserts nothing, even two at once from two instances).

use crate::db::{Db, Result};
use sea_query::{Expr, ExprTrait, OnConflict, Order, Query};
use tremplin_domain::events::survey::{SurveyAnswer, SurveyRepo, SurveyRow};

impl SurveyRepo for Db {
    async fn save_survey(&self, registration_id: i64, event_id: i64, answer: &SurveyAnswer, now: i64) -> Result<bool> {
        let [content, trainer, usefulness, recommend] = answer.scores;
        let inserted = self
            .execute(
                Query::insert()
                    .into_table("survey_responses")
                    .columns(["registration_id", "event_id", "content", "trainer", "usefulness", "recommend", "comment", "created_at"])
                    .values_panic([
                        registration_id.into(),
                        event_id.into(),
                        content.into(),
                        trainer.into(),
                        usefulness.into(),
                        recommend.into(),
                        answer.comment.as_str().into(),
                        now.into(),
                    ])
                    .on_conflict(OnConflict::column("registration_id").do_nothing().to_owned()),
            )
            .await?;
        Ok(inserted == 1)
    }

    async fn has_answered(&self, registration_id: i64) -> Result<bool> {
        let row: Option<(i64,)> = self
            .fetch_optional(
                Query::select()
                    .column("registration_id")
                    .from("survey_responses")
                    .and_where(Expr::col("registration_id").eq(registration_id)),
            )
            .await?;
        Ok(row.is_some())
    }

    async fn survey_rows(&self, event_ids: &[i64]) -> Result<Vec<SurveyRow>> {
        if event_ids.is_empty() {
            return Ok(Vec::new());
        }
        let rows: Vec<(i64, i64, i64, i64, i64, String, i64)> = self
            .fetch_all(
                Query::select()
                    .columns(["event_id", "content", "trainer", "usefulness", "recommend", "comment", "created_at"])
                    .from("survey_responses")
                    .and_where(Expr::col("event_id").is_in(event_ids.iter().copied()))
                    .order_by("created_at", Order::Asc)
                    .order_by("registration_id", Order::Asc),
            )
            .await?;
        Ok(rows
            .into_iter()
            .map(|(event_id, content, trainer, usefulness, recommend, comment, created_at)| SurveyRow {
                event_id,
                scores: [content, trainer, usefulness, recommend],
                comment,
                created_at,
            })
            .collect())
    }
}
