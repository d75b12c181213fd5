//! Jobs that run once a day whatever the number of instances.

use crate::db::{Db, Result};
use sea_query::{Expr, ExprTrait, OnConflict, Query};

const DAY: i64 = 86_400;

/// Takes today's turn of job `name` at `now`: true for exactly one caller per UTC day, on
/// any number of instances (a conditional update moves `last_run_at` forward; the others
/// see it already moved and change nothing).
pub async fn claim_daily(db: &Db, name: &str, now: i64) -> Result<bool> {
    db.execute(
        Query::insert()
            .into_table("scheduled_jobs")
            .columns(["name", "last_run_at"])
            .values_panic([name.into(), 0i64.into()])
            .on_conflict(OnConflict::column("name").do_nothing().to_owned()),
    )
    .await?;
    let today_starts = now - now.rem_euclid(DAY);
    let claimed = db
        .execute(
            Query::update()
                .table("scheduled_jobs")
                .value("last_run_at", now)
                .and_where(Expr::col("name").eq(name))
                .and_where(Expr::col("last_run_at").lt(today_starts)),
        )
        .await?;
    Ok(claimed == 1)
}
