//! `/metrics` shows what an operator watches besides requests (docs/DEPLOYMENT.md): whether
//! the database answers, the e-mails waiting and the age of the oldest, e-mails given up,
//! statistics marks not settled, the pool's connections. Read from a server process of its
//! own (the metrics recorder is one per process).

use crate::helpers::TestApp;
use crate::processes::{Http, ServerProcess};

crate::both_engines!(metrics_show_the_outbox_backlog_and_its_age);

/// The value of an unlabelled metric in Prometheus text.
fn value(metrics: &str, name: &str) -> f64 {
    metrics
        .lines()
        .find_map(|line| line.strip_prefix(name).and_then(|rest| rest.strip_prefix(' ')))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or_else(|| panic!("{name} missing from:\n{metrics}"))
}

async fn metrics_show_the_outbox_backlog_and_its_age(mut app: TestApp) {
    app.sign_up("zoe@example.fr", "une phrase de passe solide").await;
    app.sign_up("yann@example.fr", "une phrase de passe solide").await;
    // One welcome e-mail has waited ten minutes (SMTP down, or no worker running).
    let sql = "UPDATE outbox SET created_at = created_at - 600 WHERE recipient = 'zoe@example.fr'";
    match &app.db {
        tremplin_store::Db::Sqlite(pool) => sqlx::query(sql).execute(pool).await.map(|_| ()),
        tremplin_store::Db::Pg(pool) => sqlx::query(sql).execute(pool).await.map(|_| ()),
    }
    .expect("older message");
    let server = ServerProcess::start(&app.database_url, &[]).await;
    let reply = Http::new().get(&server.url("/metrics")).await.expect("metrics");
    assert_eq!(reply.status, 200);
    let metrics = reply.body;
    assert_eq!(value(&metrics, "tremplin_database_up"), 1.0);
    assert_eq!(value(&metrics, "tremplin_outbox_pending"), 2.0);
    assert_eq!(value(&metrics, "tremplin_outbox_failed"), 0.0);
    let age = value(&metrics, "tremplin_outbox_oldest_pending_age_seconds");
    assert!((600.0..700.0).contains(&age), "age of the oldest e-mail: {age}");
    assert!(value(&metrics, "tremplin_stat_marks_pending") >= 0.0);
    assert!(value(&metrics, "tremplin_db_pool_connections") >= 1.0);
}
