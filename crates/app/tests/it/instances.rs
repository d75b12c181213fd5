//! Two `tremplin serve` processes on one PostgreSQL database, both running the worker every
//! second and sending mail over SMTP to one capturing server (aiosmtpd), as two instances
//! behind a load balancer would: a session opened on one is valid on the other; registrations
//! through both respect the capacity (waiting list beyond it); bookings of one slot through
//! both give it to one person; a workshop reminder that falls due is received once by each
//! registrant although both workers run; every e-mail of the outbox is received exactly once.
//!
//! PostgreSQL only: SQLite is one file for one process (several instances need PostgreSQL,
//! see docs/DEPLOYMENT.md).

use crate::coach_fixtures::{coach, slots};
use crate::event_fixtures::session;
use crate::events_staff::{PASSWORD, account};
use crate::helpers::TestApp;
use crate::mail_smtp::{SmtpServer, free_port};
use crate::processes::{Http, Reply, ServerProcess};
use std::collections::BTreeMap;
use std::time::{Duration, Instant};
use tremplin_domain::events::EventRepo;
use tremplin_kernel::Clock;
use tremplin_store::Db;

mod postgres_only {
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn two_instances_share_sessions_seats_slots_jobs_and_the_outbox() {
        super::two_instances_share_sessions_seats_slots_jobs_and_the_outbox(
            crate::helpers::TestApp::new(tremplin_store::Engine::Postgres).await,
        )
        .await
    }
}

async fn rows(db: &Db, sql: &str) -> Vec<(String, String)> {
    let Db::Pg(pool) = db else { panic!("PostgreSQL only") };
    sqlx::query_as(sqlx::AssertSqlSafe(sql.to_owned())).fetch_all(pool).await.expect("query")
}

async fn execute(db: &Db, sql: &str) {
    let Db::Pg(pool) = db else { panic!("PostgreSQL only") };
    sqlx::query(sqlx::AssertSqlSafe(sql.to_owned())).execute(pool).await.expect("statement");
}

/// Waits until the outbox holds `total` messages, all sent.
async fn outbox_drained(db: &Db, total: i64) {
    let started = Instant::now();
    loop {
        let counts = tremplin_store::outbox::counts(db).await.expect("counts");
        let sent = counts.get("sent").copied().unwrap_or_default();
        let all: i64 = counts.values().sum();
        if sent == total && all == total {
            return;
        }
        assert!(started.elapsed() < Duration::from_secs(20), "outbox not drained: {counts:?}, want {total} sent");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Messages the SMTP server printed, counted by their `To:` address.
fn received_by_recipient(printed: &str) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for message in printed.split("---------- MESSAGE FOLLOWS ----------").skip(1) {
        let to = message.lines().find_map(|l| l.strip_prefix("To: ")).unwrap_or("?").trim().to_owned();
        *counts.entry(to).or_insert(0) += 1;
    }
    counts
}

async fn two_instances_share_sessions_seats_slots_jobs_and_the_outbox(mut app: TestApp) {
    account(&mut app, "membre@example.fr", None).await;
    let event = session(&app, "atelier-partage", 3, 2).await;
    let camille = coach(&mut app, "coach@example.fr", "camille", "Camille Conseil").await;
    let slot = slots(&app, &camille, 14).await[0];

    let smtp_port = free_port();
    let smtp = SmtpServer::start(smtp_port).await;
    let env = [
        ("TREMPLIN_RUN_WORKER", "true".to_owned()),
        ("TREMPLIN_WORKER_INTERVAL_SECS", "1".to_owned()),
        ("TREMPLIN_MAIL_TRANSPORT", "smtp".to_owned()),
        ("TREMPLIN_SMTP_HOST", "127.0.0.1".to_owned()),
        ("TREMPLIN_SMTP_PORT", smtp_port.to_string()),
        ("TREMPLIN_SMTP_SECURITY", "none".to_owned()),
        ("TREMPLIN_BASE_URL", "http://tremplin.test".to_owned()),
    ];
    let a = ServerProcess::start(&app.database_url, &env).await;
    let b = ServerProcess::start(&app.database_url, &env).await;

    // A session opened on A is valid on B (sessions live in the database).
    let mut visitor = Http::new();
    assert_eq!(visitor.get(&a.url("/connexion")).await.expect("form").status, 200);
    let logged_in =
        visitor.post_form(&a.url("/connexion"), &[("email", "membre@example.fr"), ("password", PASSWORD)]).await.expect("log in");
    assert_eq!(logged_in.status, 303, "{}", logged_in.body);
    let on_b = visitor.get(&b.url("/compte")).await.expect("account page");
    assert_eq!(on_b.status, 200, "{}", on_b.body);
    assert!(on_b.body.contains("membre@example.fr"), "B knows the session opened on A");
    let mut stranger = Http::new();
    assert_eq!(stranger.get(&b.url("/compte")).await.expect("account page").status, 303, "and B does not let anyone in");

    // Six people register through both at once for three seats.
    let mut registrations = Vec::new();
    for n in 0..6 {
        let url = [&a, &b][n % 2].url("/api/v1/events/atelier-partage/registrations");
        registrations.push(tokio::spawn(async move {
            let body = serde_json::json!({"name": format!("Personne {n}"), "email": format!("personne{n}@example.fr"), "consent": true});
            Http::new().post_json(&url, &body).await.expect("answer")
        }));
    }
    let mut statuses = BTreeMap::new();
    for r in registrations {
        let reply: Reply = r.await.expect("client");
        assert_eq!(reply.status, 201, "{}", reply.body);
        *statuses.entry(reply.json()["registration"]["status"].as_str().unwrap_or_default().to_owned()).or_insert(0) += 1;
    }
    assert_eq!(statuses.get("confirmed"), Some(&3), "{statuses:?}");
    assert_eq!(statuses.get("waitlisted"), Some(&3), "{statuses:?}");
    let stored = app.db.event_by_slug("atelier-partage").await.expect("lookup").expect("event");
    assert_eq!((stored.confirmed, stored.waitlisted), (3, 3));

    // Six people want the same slot, through both at once: one gets it.
    let mut bookings = Vec::new();
    for n in 10..16 {
        let url = [&a, &b][n % 2].url("/api/v1/coaches/camille/appointments");
        let body = serde_json::json!({
            "starts_at": slot.starts_at, "modality": "phone", "themes": ["website"], "need": "Un site vitrine.",
            "name": format!("Personne {n}"), "email": format!("personne{n}@example.fr"), "consent": true
        });
        bookings.push(tokio::spawn(async move { Http::new().post_json(&url, &body).await.expect("answer").status }));
    }
    let mut booked = Vec::new();
    for booking in bookings {
        booked.push(booking.await.expect("client"));
    }
    booked.sort_unstable();
    assert_eq!(booked, vec![201, 409, 409, 409, 409, 409], "one booking per slot across instances");
    assert_eq!(app.count("appointments").await, 1);

    // Both workers deliver the outbox (welcome e-mails, registrations, the booking and the
    // coach's notice), all enqueued by now.
    let enqueued = app.count("outbox").await;
    assert!(enqueued >= 10, "{enqueued}");
    outbox_drained(&app.db, enqueued).await;

    // The reminder falls due: the session starts in 12 hours, seats were taken days ago.
    let now = app.clock.now_ts();
    execute(&app.db, &format!("UPDATE events SET starts_at = {}, ends_at = {} WHERE id = {}", now + 12 * 3600, now + 14 * 3600, event.id))
        .await;
    execute(&app.db, &format!("UPDATE registrations SET confirmed_at = confirmed_at - 3 * 86400 WHERE event_id = {}", event.id)).await;
    outbox_drained(&app.db, enqueued + 3).await;
    // A few more rounds of both workers: nothing more is sent.
    tokio::time::sleep(Duration::from_secs(3)).await;
    outbox_drained(&app.db, enqueued + 3).await;
    drop(a);
    drop(b);

    let outbox = rows(&app.db, "SELECT recipient, template FROM outbox ORDER BY id").await;
    let reminders: Vec<&String> = outbox.iter().filter(|(_, t)| t == "event_reminder").map(|(r, _)| r).collect();
    assert_eq!(reminders.len(), 3, "one reminder per confirmed registrant: {outbox:?}");
    let mut expected: BTreeMap<String, usize> = BTreeMap::new();
    for (recipient, _) in &outbox {
        *expected.entry(recipient.clone()).or_insert(0) += 1;
    }
    let received = received_by_recipient(&smtp.stop());
    assert_eq!(received, expected, "each message of the outbox received exactly once");
    for recipient in reminders {
        assert_eq!(received.get(recipient), Some(&2), "{recipient}: the confirmation and one reminder");
    }
}
