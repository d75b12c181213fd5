//! The retention job on both engines, with the movable clock: old registrations and coaching
//! files anonymised with the figures unchanged, inactive accounts warned then erased, closed
//! introductions and reports, sent mail and expired links deleted; once a day whatever the
//! number of calls (several instances).

use crate::helpers::TestApp;
use crate::learning_fixtures::exec;
use crate::privacy_fixtures::{EMAIL, NAME, beneficiary, holding, registration};
use crate::stats_fixtures::{accompaniment, tree, workshop};
use axum::http::StatusCode;
use chrono::TimeDelta;
use std::sync::Arc;
use tremplin::worker::run_daily;
use tremplin_domain::privacy::RetentionPolicy;
use tremplin_kernel::Clock;
use tremplin_store::stats;

crate::both_engines!(
    old_activity_is_anonymised_and_the_figures_stay,
    inactive_accounts_are_warned_then_erased,
    closed_and_sent_things_are_deleted,
    the_job_runs_once_a_day
);

const DAY: i64 = 86_400;

fn clock(app: &TestApp) -> Arc<dyn Clock> {
    Arc::new(app.clock.clone())
}

async fn scalar(app: &TestApp, sql: &str) -> i64 {
    match &app.db {
        tremplin_store::Db::Sqlite(p) => sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_owned())).fetch_one(p).await.expect("scalar"),
        tremplin_store::Db::Pg(p) => sqlx::query_scalar(sqlx::AssertSqlSafe(sql.to_owned())).fetch_one(p).await.expect("scalar"),
    }
}

async fn old_activity_is_anonymised_and_the_figures_stay(app: TestApp) {
    let tree = tree(&app).await;
    let now = app.clock.now_ts();
    // 400 days ago and 10 days ago.
    workshop(&app, 1, tree.angers, now - 400 * DAY, 10, "professionals").await;
    workshop(&app, 2, tree.saumur, now - 10 * DAY, 10, "professionals").await;
    registration(&app, 1, 1, EMAIL, NAME, true).await; // only old: anonymised
    registration(&app, 2, 1, "fidele@example.fr", "Fidèle", true).await; // old and recent: kept
    registration(&app, 3, 2, "fidele@example.fr", "Fidèle", true).await;
    exec(&app, "INSERT INTO registrations (id, public_id, event_id, person_key, name, business, locale, status, secret, walk_in, consent_at, created_at, checked_in_at) VALUES (4, 'r4', 1, '', 'Sans Contact', '', 'fr', 'confirmed', 's', TRUE, 0, 0, 0)").await;
    beneficiary(&app, 1, tree.angers, EMAIL, NAME).await;
    exec(&app, "INSERT INTO users (id, email, display_name, locale, is_platform_admin, created_at, last_seen_at) VALUES (900, 'coach@example.fr', 'Coach', 'fr', FALSE, 0, 0)").await;
    exec(&app, &format!("INSERT INTO coaches (id, user_id, territory_id, slug, display_name, structure_kind, structure_name, presentation, themes, languages, audiences, zone_communes, base_address, modalities, accessibility, appointment_minutes, buffer_minutes, max_per_day, notice_hours, horizon_days, feed_secret, active, booking_turn, created_at, updated_at) VALUES (1, 900, {}, 'coach', 'Coach', 'cci', 'CCI', '', '', '', '', '', '', '', '', 60, 0, 4, 24, 30, 'f', TRUE, 0, 0, 0)", tree.angers)).await;
    accompaniment(&app, 1, 1, 1, now - 4 * 365 * DAY, 45, false).await;
    exec(&app, &format!("UPDATE accompaniments SET summary = 'Notes sur {NAME}' WHERE id = 1")).await;
    beneficiary(&app, 2, tree.angers, "recent@example.fr", "Récent").await;
    accompaniment(&app, 2, 2, 1, now - 30 * DAY, 30, false).await;
    stats::settle(&app.db, now).await.expect("settle");
    let before = stats::stored(&app.db).await.expect("stored");

    let report = run_daily(&app.db, &clock(&app), &RetentionPolicy::default()).await.expect("the job runs");
    assert_eq!((report.registrations, report.beneficiaries), (2, 1), "{report:?}");
    assert_eq!(app.count_where("registrations", "name", "").await, 2, "the old one and the walk-in's name");
    assert_eq!(app.count_where("registrations", "email", "fidele@example.fr").await, 2, "kept while the person keeps coming");
    assert_eq!(app.count_where("beneficiaries", "email", "recent@example.fr").await, 1);
    assert_eq!(app.count_where("accompaniments", "summary", "").await, 2, "the old notes are erased");
    for needle in [EMAIL, NAME] {
        let left: Vec<_> = holding(&app, needle).await.into_iter().filter(|(t, _)| t != "stat_dirty").collect();
        assert!(left.is_empty(), "{needle} left in {left:?}");
    }
    stats::settle(&app.db, now).await.expect("settle");
    let after = stats::stored(&app.db).await.expect("stored");
    assert_eq!(before.rollup, after.rollup, "the figures are identical");
    assert_eq!(before.reach.len(), after.reach.len(), "each person still counts once");
    assert_eq!(stats::recount(&app.db, now).await.expect("recount").rollup, after.rollup);
}

async fn inactive_accounts_are_warned_then_erased(mut app: TestApp) {
    app.sign_up(EMAIL, "une phrase de passe solide").await;
    app.new_visitor();
    app.sign_up("active@example.fr", "une phrase de passe solide").await;
    let now = app.clock.now_ts();
    let months = RetentionPolicy::default().inactive_accounts_months;
    let old = now - RetentionPolicy::months_secs(months) - DAY;
    exec(&app, &format!("UPDATE users SET created_at = {old}, last_seen_at = NULL WHERE email = '{EMAIL}'")).await;
    exec(&app, &format!("UPDATE users SET created_at = {old}, last_seen_at = {old} WHERE email = 'active@example.fr'")).await;
    let report = run_daily(&app.db, &clock(&app), &RetentionPolicy::default()).await.expect("runs");
    assert_eq!((report.accounts_warned, report.accounts_erased), (2, 0), "warned first, never erased at once");
    assert_eq!(app.count_where("outbox", "template", "account_inactive").await, 2);
    // One of them logs in: the warning no longer applies to it.
    app.new_visitor();
    app.log_in("active@example.fr", "une phrase de passe solide").await;
    app.clock.advance(TimeDelta::days(31));
    let report = run_daily(&app.db, &clock(&app), &RetentionPolicy::default()).await.expect("runs");
    assert_eq!((report.accounts_warned, report.accounts_erased), (0, 1), "{report:?}");
    assert_eq!(app.count_where("users", "email", EMAIL).await, 0);
    assert_eq!(app.count_where("users", "email", "active@example.fr").await, 1);
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM users WHERE erased_at IS NOT NULL").await, 1);
}

async fn closed_and_sent_things_are_deleted(mut app: TestApp) {
    let now = app.clock.now_ts();
    app.sign_up("someone@example.fr", "une phrase de passe solide").await;
    // The welcome mail, sent 40 days ago; one sent yesterday.
    app.run_pending_jobs().await;
    exec(&app, &format!("UPDATE outbox SET sent_at = {} WHERE template = 'welcome'", now - 40 * DAY)).await;
    exec(&app, &format!("INSERT INTO outbox (template, recipient, locale, params, status, attempts, next_attempt_at, created_at, sent_at) VALUES ('welcome', 'b@example.fr', 'fr', '{{}}', 'sent', 1, 0, 0, {})", now - DAY)).await;
    exec(&app, &format!("INSERT INTO privacy_tokens (token_hash, email, purpose, created_at, expires_at) VALUES ('h1', 'a@example.fr', 'download', 0, {})", now - 2 * DAY)).await;
    exec(&app, &format!("INSERT INTO privacy_tokens (token_hash, email, purpose, created_at, expires_at) VALUES ('h2', 'a@example.fr', 'download', 0, {})", now + 3600)).await;
    crate::stats_fixtures::listing(&app, 1, "49007", "", false).await;
    exec(&app, &format!("INSERT INTO listing_reports (listing_id, message, contact, status, created_at, closed_at) VALUES (1, 'Fermé', 'x@example.fr', 'closed', 0, {})", now - 400 * DAY)).await;
    exec(&app, &format!("INSERT INTO listing_reports (listing_id, message, contact, status, created_at, closed_at) VALUES (1, 'Fermé', 'y@example.fr', 'closed', 0, {})", now - 10 * DAY)).await;
    exec(
        &app,
        "INSERT INTO listing_reports (listing_id, message, contact, status, created_at) VALUES (1, 'Ouvert', 'z@example.fr', 'open', 0)",
    )
    .await;
    let report = run_daily(&app.db, &clock(&app), &RetentionPolicy::default()).await.expect("runs");
    assert_eq!((report.sent_mail, report.tokens, report.reports), (1, 1, 1), "{report:?}");
    assert_eq!(app.count("outbox").await, 1);
    assert_eq!(app.count("privacy_tokens").await, 1);
    assert_eq!(app.count("listing_reports").await, 2);
    assert_eq!(app.get("/").await.status, StatusCode::OK);
}

async fn the_job_runs_once_a_day(app: TestApp) {
    let policy = RetentionPolicy::default();
    let clock = clock(&app);
    // Two instances' workers on the same database: one pool each.
    let other = tremplin_store::Db::connect(&app.database_url).await.expect("second pool");
    let (a, b) = tokio::join!(run_daily(&app.db, &clock, &policy), run_daily(&other, &clock, &policy));
    assert_eq!(usize::from(a.is_some()) + usize::from(b.is_some()), 1, "exactly one instance ran today's job");
    assert!(run_daily(&app.db, &clock, &policy).await.is_none(), "not twice on one day");
    app.clock.advance(TimeDelta::days(1));
    assert!(run_daily(&other, &clock, &policy).await.is_some(), "tomorrow it runs again");
    assert!(run_daily(&app.db, &clock, &policy).await.is_none());
    other.close().await;
}
