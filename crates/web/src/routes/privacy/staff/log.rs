//! Writing the staff access log from the pages that show personal data: each such handler
//! calls [`record`] with the people it is about to show, before answering, so that a page is
//! never sent without its rows (a failure to log is a 500, not an unlogged read).

use crate::error::AppError;
use crate::state::AppState;
use tremplin_domain::accounts::User;
use tremplin_domain::privacy::access_log;
use tremplin_domain::privacy::{AccessKind, AccessLogRepo, Subject};

/// Logs that `staff` is shown these people's data, of a territory, on a page about `context`
/// (a workshop's slug, a follow-up's id: never personal data). The staff member's own data
/// and repeats are left out.
pub async fn record(
    state: &AppState,
    staff: &User,
    territory_id: i64,
    kind: AccessKind,
    context: &str,
    subjects: &[Subject],
) -> Result<(), AppError> {
    access_log::record(&state.db, staff, territory_id, kind, context, subjects, state.clock.now_ts()).await?;
    Ok(())
}

/// Like [`record`], for a list whose people belong to several territories (a coach's
/// beneficiaries, a department's passports): one row per person in their own territory, all
/// written at once.
pub async fn record_many(
    state: &AppState,
    staff: &User,
    kind: AccessKind,
    context: &str,
    subjects: impl IntoIterator<Item = (i64, Subject)>,
) -> Result<(), AppError> {
    let mut by_territory: std::collections::BTreeMap<i64, Vec<Subject>> = std::collections::BTreeMap::new();
    for (territory_id, subject) in subjects {
        by_territory.entry(territory_id).or_default().push(subject);
    }
    let now = state.clock.now_ts();
    let rows: Vec<_> = by_territory
        .iter()
        .flat_map(|(territory_id, subjects)| access_log::rows_for(staff, *territory_id, kind, context, subjects, now))
        .collect();
    if !rows.is_empty() {
        state.db.record_access(&rows).await?;
    }
    Ok(())
}
