//! The demo's diagnostics on both engines: loaded once, counted for the department, and the
//! demo merchant's history showing progress.

use crate::helpers::TestApp;
use axum::http::StatusCode;
use tremplin::demo;
use tremplin_domain::learning::diagnostic::DiagnosticRepo;
use tremplin_domain::territories::{TerritoryRepo, with_descendants};
use tremplin_kernel::Clock;

crate::both_engines!(the_demo_has_diagnostics_and_the_merchant_s_progress);

async fn the_demo_has_diagnostics_and_the_merchant_s_progress(mut app: TestApp) {
    demo::load(&app.db, &app.clock, 10).await.expect("first load");
    demo::load(&app.db, &app.clock, 10).await.expect("second load");
    assert_eq!(crate::demo::demo_count(&app, "diagnostics").await, 36 + 2);
    let all = app.db.list_territories().await.expect("territories");
    let department = all.iter().find(|t| t.slug == "maine-et-loire").expect("department");
    let now = app.clock.now_ts();
    let counts = app.db.diagnostic_counts(&with_descendants(&all, department.id), now - 365 * 86_400, now + 1).await.expect("counts");
    // The demo's own 38, and the history of `demo_stats` over the year.
    let history = crate::demo::scalar(
        &app,
        &format!(
            "SELECT COUNT(*) FROM diagnostics WHERE id >= {} AND created_at >= {} AND created_at < {}",
            tremplin::demo_stats::HISTORY_IDS,
            now - 365 * 86_400,
            now + 1
        ),
    )
    .await;
    assert_eq!(counts.total, 38 + history);
    assert!(counts.by_month.len() >= 5, "{:?}", counts.by_month);
    app.new_visitor();
    app.log_in("commerce@demo.tremplin.example", demo::DEMO_PASSWORD).await;
    let history = app.get("/diagnostic/historique").await;
    history.assert_status(StatusCode::OK);
    assert!(history.body.contains("<title id=\"progress-chart-title\">"));
    assert!(history.body.contains("<td>+"), "progress on some axis");
}
