//! The statistics data generator (`tremplin stats generate`), small, through the same code:
//! the rows add up to the records asked for, the territories form a tree over the real
//! communes, and the statistics it rebuilds equal a full recount.

use crate::events_staff::PASSWORD;
use crate::helpers::TestApp;
use axum::http::StatusCode;
use tremplin::bench::stats_data::{Options, generate};
use tremplin_domain::accounts::AccountRepo;
use tremplin_domain::territories::TerritoryRepo;
use tremplin_kernel::{Clock, Email, Role};
use tremplin_store::stats;

crate::both_engines!(generated_rows_add_up_over_a_tree_of_real_communes_and_statistics_are_exact);

async fn generated_rows_add_up_over_a_tree_of_real_communes_and_statistics_are_exact(mut app: TestApp) {
    let now = app.clock.now_ts();
    let generated = generate(&app.db, Options { records: 20_000, seed: 7, now }).await.expect("generate");

    let total = generated.total();
    assert!((18_000..=22_000).contains(&total), "{total} rows for 20,000 asked: {:?}", generated.rows);
    for (table, rows) in &generated.rows {
        assert_eq!(app.count(table).await, *rows as i64, "{table}");
        assert!(*rows > 0, "{table} is empty");
    }

    // Every real commune is a territory of its own, and nothing else is a commune.
    let communes = count(&app, "SELECT COUNT(*) FROM communes WHERE kind = 'commune'").await;
    assert!(communes > 30_000, "{communes} communes");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM territories WHERE kind = 'commune'").await, communes);
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM territory_communes WHERE insee NOT IN (SELECT insee FROM communes WHERE kind = 'commune')").await,
        0
    );
    // Regions are the roots; every other territory has a parent holding all its communes.
    assert_eq!(count(&app, "SELECT COUNT(*) FROM territories WHERE (parent_id IS NULL) <> (kind = 'region')").await, 0);
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM territory_communes tc JOIN territories t ON t.id = tc.territory_id WHERE t.parent_id IS NOT NULL \
             AND NOT EXISTS (SELECT 1 FROM territory_communes p WHERE p.territory_id = t.parent_id AND p.insee = tc.insee)"
        )
        .await,
        0
    );
    // Each commune sits in exactly one territory of each level.
    for kind in ["commune", "department", "region"] {
        let sql = format!(
            "SELECT COUNT(*) FROM (SELECT tc.insee FROM territory_communes tc JOIN territories t ON t.id = tc.territory_id \
             WHERE t.kind = '{kind}' GROUP BY tc.insee) x"
        );
        assert_eq!(count(&app, &sql).await, communes, "{kind}");
    }

    assert_eq!(stats::stored(&app.db).await.expect("stored"), stats::recount(&app.db, now).await.expect("recount"));
    assert!(!stats::stored(&app.db).await.expect("stored").rollup.is_empty());
    // The triggers are back: new activity is marked.
    let marks = count(&app, "SELECT COUNT(*) FROM stat_dirty").await;
    crate::learning_fixtures::exec(&app, "UPDATE registrations SET checked_in_at = NULL WHERE id = (SELECT MIN(id) FROM registrations)")
        .await;
    assert!(count(&app, "SELECT COUNT(*) FROM stat_dirty").await > marks, "no mark after a write: triggers missing");

    // At the scale of France, a department's manager lands on their department; the selector
    // lists the levels above the communes only, and a commune's dashboard is one link away.
    app.sign_up("gestion-49@example.fr", PASSWORD).await;
    let user = app.db.user_by_email(&Email::parse("gestion-49@example.fr").expect("email")).await.expect("lookup").expect("user");
    let department = app.db.territory_by_slug("departement-49").await.expect("lookup").expect("department");
    app.db.grant_role(user.id, department.id, Role::Manager, None, 0).await.expect("grant");
    app.new_visitor();
    app.log_in("gestion-49@example.fr", PASSWORD).await;
    let page = app.get("/pilotage").await;
    page.assert_status(StatusCode::OK);
    assert!(page.body.contains(r#"<option value="departement-49" selected"#), "lands on the department");
    assert!(!page.body.contains(r#"value="commune-49007""#), "communes are left out of the selector");
    let angers = app.get("/pilotage?territoire=commune-49007").await;
    angers.assert_status(StatusCode::OK);
    assert!(angers.body.contains(r#"<option value="commune-49007" selected"#), "the chosen commune shows as chosen");
    app.get("/pilotage?territoire=commune-44109").await.assert_status(StatusCode::FORBIDDEN);
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    let sql = sqlx::AssertSqlSafe(sql.to_owned());
    match &app.db {
        tremplin_store::Db::Sqlite(pool) => sqlx::query_scalar(sql).fetch_one(pool).await.expect("count"),
        tremplin_store::Db::Pg(pool) => sqlx::query_scalar(sql).fetch_one(pool).await.expect("count"),
    }
}
