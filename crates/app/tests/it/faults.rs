//! Faults survived by the real binary (`tremplin serve` as a child process):
//! - PostgreSQL cut off (a TCP proxy between the server and the database, cut then restored):
//!   `/readyz` and every page answer 503 quickly, in French or English, JSON under `/api/`, and
//!   the same process serves again once the database is back;
//! - SQLite's equivalent: another process holds the database's write lock (a `sqlite3` shell
//!   left in `BEGIN EXCLUSIVE`): reads go on, writes answer 503 after the busy timeout instead
//!   of a 500, and the same process writes again once the lock is released;
//! - SIGKILL in the middle of a burst of registrations: after a restart, every acknowledged
//!   registration is stored, and none is half-written;
//! - SIGTERM with a request in flight: it gets its answer, new connections are refused, the
//!   process exits 0.
//!
//! (SMTP down is `mail_smtp.rs`.)

use crate::event_fixtures::session;
use crate::helpers::TestApp;
use crate::processes::{Http, Reply, ServerProcess};
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;
use tremplin_store::{Db, Engine};

crate::both_engines!(acknowledged_registrations_survive_sigkill, sigterm_finishes_the_request_in_flight_then_exits_0);

mod postgres_only {
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn postgres_cut_off_answers_503_and_recovers_without_restart() {
        super::postgres_cut_off_answers_503_and_recovers_without_restart(
            crate::helpers::TestApp::new(tremplin_store::Engine::Postgres).await,
        )
        .await
    }
}

mod sqlite_only {
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite_locked_by_another_process_answers_503_to_writes_and_recovers() {
        super::sqlite_locked_by_another_process_answers_503_to_writes_and_recovers(
            crate::helpers::TestApp::new(tremplin_store::Engine::Sqlite).await,
        )
        .await
    }
}

/// A TCP proxy to a local port that the test can cut (open connections closed, new ones
/// closed at once) and restore: the network between the server and PostgreSQL.
struct Proxy {
    port: u16,
    up: watch::Sender<bool>,
}

impl Proxy {
    async fn start(target: u16) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("proxy bind");
        let port = listener.local_addr().expect("proxy address").port();
        let (up, watcher) = watch::channel(true);
        tokio::spawn(async move {
            loop {
                let Ok((mut inbound, _)) = listener.accept().await else { continue };
                let mut watcher = watcher.clone();
                if !*watcher.borrow() {
                    continue; // dropped: closed at once
                }
                tokio::spawn(async move {
                    let Ok(mut outbound) = TcpStream::connect(("127.0.0.1", target)).await else { return };
                    tokio::select! {
                        _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound) => {}
                        _ = watcher.wait_for(|up| !*up) => {}
                    }
                });
            }
        });
        Proxy { port, up }
    }

    fn cut(&self) {
        self.up.send_replace(false);
    }

    fn restore(&self) {
        self.up.send_replace(true);
    }
}

/// A registration through the JSON API for person `n`.
async fn register(http: &mut Http, server: &ServerProcess, slug: &str, n: usize) -> anyhow::Result<Reply> {
    let body = serde_json::json!({"name": format!("Personne {n}"), "email": format!("personne{n}@example.fr"), "consent": true});
    http.post_json(&server.url(&format!("/api/v1/events/{slug}/registrations")), &body).await
}

async fn scalar(db: &Db, sql: &str) -> i64 {
    let sql = sqlx::AssertSqlSafe(sql.to_owned());
    match db {
        Db::Sqlite(pool) => sqlx::query_scalar(sql).fetch_one(pool).await.expect("query"),
        Db::Pg(pool) => sqlx::query_scalar(sql).fetch_one(pool).await.expect("query"),
    }
}

async fn postgres_cut_off_answers_503_and_recovers_without_restart(app: TestApp) {
    session(&app, "atelier-panne", 10, 7).await;
    let (before, database) = app.database_url.rsplit_once('/').expect("database name");
    let (_, host_port) = before.rsplit_once('@').expect("host");
    let target: u16 = host_port.rsplit_once(':').and_then(|(_, p)| p.parse().ok()).unwrap_or(5432);
    let proxy = Proxy::start(target).await;
    let url = format!("{}@127.0.0.1:{}/{database}", before.rsplit_once('@').expect("user").0, proxy.port);
    let server = ServerProcess::start(&url, &[]).await;
    let mut fr = Http::new();
    fr.headers.push(("accept-language".into(), "fr".into()));
    let mut en = Http::new();
    en.headers.push(("accept-language".into(), "en".into()));
    assert_eq!(fr.get(&server.url("/readyz")).await.expect("readyz").status, 200);
    assert_eq!(fr.get(&server.url("/ateliers/atelier-panne")).await.expect("page").status, 200);
    assert_eq!(register(&mut fr, &server, "atelier-panne", 1).await.expect("register").status, 201);

    proxy.cut();
    let started = Instant::now();
    let ready = fr.get(&server.url("/readyz")).await.expect("readyz");
    let ready_secs = started.elapsed();
    assert_eq!(ready.status, 503, "{}", ready.body);
    assert!(ready_secs < Duration::from_secs(4), "readyz answered in {ready_secs:?}");
    let started = Instant::now();
    let page = fr.get(&server.url("/ateliers/atelier-panne")).await.expect("page");
    let page_secs = started.elapsed();
    assert_eq!(page.status, 503, "{}", server.log_text());
    assert!(page.body.contains("Le service est momentanément indisponible"), "{}", page.body);
    assert_eq!(page.headers.get("retry-after").and_then(|v| v.to_str().ok()), Some("5"));
    assert!(page_secs < Duration::from_secs(10), "the page answered in {page_secs:?}");
    let page = en.get(&server.url("/ateliers")).await.expect("page");
    assert_eq!(page.status, 503, "{}", page.body);
    assert!(page.body.contains("The service is temporarily unavailable"), "{}", page.body);
    let api = en.get(&server.url("/api/v1/events/atelier-panne")).await.expect("api");
    assert_eq!(api.status, 503, "{}", api.body);
    assert_eq!(api.json()["error"]["code"], "unavailable", "{}", api.body);
    let write = register(&mut fr, &server, "atelier-panne", 2).await.expect("register");
    assert_eq!(write.status, 503, "{}", write.body);
    assert_eq!(write.json()["error"]["code"], "unavailable");

    proxy.restore();
    let restored = Instant::now();
    let mut ready = false;
    while restored.elapsed() < Duration::from_secs(20) {
        if fr.get(&server.url("/readyz")).await.is_ok_and(|r| r.status == 200) {
            ready = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let recovery = restored.elapsed();
    assert!(ready, "the same process serves again once the database is back:\n{}", server.log_text());
    assert_eq!(fr.get(&server.url("/ateliers/atelier-panne")).await.expect("page").status, 200);
    assert_eq!(register(&mut fr, &server, "atelier-panne", 2).await.expect("register").status, 201);
    assert_eq!(app.count("registrations").await, 2);
    eprintln!(
        "figure: PostgreSQL cut off: readyz 503 in {ready_secs:?}, page 503 in {page_secs:?}; ready again {recovery:?} after the database came back"
    );
}

async fn sqlite_locked_by_another_process_answers_503_to_writes_and_recovers(app: TestApp) {
    use sqlx::{ConnectOptions as _, Connection as _};
    use std::str::FromStr as _;
    session(&app, "atelier-verrou", 10, 7).await;
    let server = ServerProcess::start(&app.database_url, &[]).await;
    let mut http = Http::new();
    http.headers.push(("accept-language".into(), "fr".into()));
    assert_eq!(register(&mut http, &server, "atelier-verrou", 1).await.expect("register").status, 201);

    // Another process takes the write lock and keeps it.
    let mut holder =
        sqlx::sqlite::SqliteConnectOptions::from_str(&app.database_url).expect("url").connect().await.expect("second connection");
    sqlx::query("BEGIN EXCLUSIVE").execute(&mut holder).await.expect("write lock");
    let started = Instant::now();
    let write = register(&mut http, &server, "atelier-verrou", 2).await.expect("register");
    let write_secs = started.elapsed();
    assert_eq!(write.status, 503, "{}", write.body);
    assert_eq!(write.json()["error"]["code"], "unavailable", "{}", write.body);
    assert!(write_secs < Duration::from_secs(20), "answered in {write_secs:?}");
    // Readers are not blocked in WAL mode: reads and readiness go on. (Not pages with a form:
    // their CSRF token opens a session, and a session is written on each request.)
    let mut http = Http::new();
    let read = http.get(&server.url("/api/v1/events/atelier-verrou")).await.expect("read");
    assert_eq!(read.status, 200, "{}", server.log_text());
    assert_eq!(read.json()["seats_left"], 9, "{}", read.body);
    assert_eq!(http.get(&server.url("/readyz")).await.expect("readyz").status, 200, "{}", server.log_text());

    sqlx::query("ROLLBACK").execute(&mut holder).await.expect("release");
    holder.close().await.expect("close");
    let started = Instant::now();
    // 201, not 200 "already registered": the request answered 503 was not written later.
    assert_eq!(register(&mut http, &server, "atelier-verrou", 2).await.expect("register").status, 201);
    let recovery = started.elapsed();
    assert_eq!(app.count("registrations").await, 2);
    eprintln!("figure: SQLite write lock held elsewhere: write 503 in {write_secs:?}; next write 201 in {recovery:?} once released");
}

/// What a client was told.
#[derive(Debug, Clone)]
struct Acknowledged {
    public_id: String,
    status: String,
}

async fn acknowledged_registrations_survive_sigkill(app: TestApp) {
    const REQUESTS: usize = 300;
    const CLIENTS: usize = 12;
    const CAPACITY: i64 = 80;
    let event = session(&app, "atelier-coupure", CAPACITY, 7).await;
    let mut server = ServerProcess::start(&app.database_url, &[]).await;
    let acknowledged: Arc<Mutex<Vec<Acknowledged>>> = Arc::default();
    let next = Arc::new(AtomicUsize::new(0));
    let mut clients = Vec::new();
    let base = server.url("");
    for _ in 0..CLIENTS {
        let (acknowledged, next, base) = (acknowledged.clone(), next.clone(), base.clone());
        clients.push(tokio::spawn(async move {
            let mut http = Http::new();
            loop {
                let n = next.fetch_add(1, Ordering::SeqCst);
                if n >= REQUESTS {
                    return;
                }
                let body =
                    serde_json::json!({"name": format!("Personne {n}"), "email": format!("personne{n}@example.fr"), "consent": true});
                match http.post_json(&format!("{base}/api/v1/events/atelier-coupure/registrations"), &body).await {
                    Ok(reply) if reply.status == 201 => {
                        let json = reply.json();
                        let public_id = json["registration"]["public_id"].as_str().expect("public id").to_owned();
                        let status = json["registration"]["status"].as_str().expect("status").to_owned();
                        acknowledged.lock().expect("lock").push(Acknowledged { public_id, status });
                    }
                    Ok(reply) => panic!("unexpected answer {}: {}", reply.status, reply.body),
                    Err(_) => return, // the server is gone
                }
            }
        }));
    }
    let started = Instant::now();
    while acknowledged.lock().expect("lock").len() < REQUESTS / 3 && started.elapsed() < Duration::from_secs(20) {
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    server.kill9();
    for client in clients {
        client.await.expect("client");
    }
    let acknowledged = acknowledged.lock().expect("lock").clone();
    assert!(acknowledged.len() >= REQUESTS / 3 && acknowledged.len() < REQUESTS, "killed mid-burst: {} acknowledged", acknowledged.len());

    // Restart on the same database (recovery of the WAL, or PostgreSQL's own).
    let server = ServerProcess::start(&app.database_url, &[]).await;
    let stored: HashMap<String, String> = match &app.db {
        Db::Sqlite(pool) => sqlx::query_as("SELECT public_id, status FROM registrations").fetch_all(pool).await,
        Db::Pg(pool) => sqlx::query_as("SELECT public_id, status FROM registrations").fetch_all(pool).await,
    }
    .expect("registrations")
    .into_iter()
    .collect();
    for a in &acknowledged {
        assert_eq!(stored.get(&a.public_id), Some(&a.status), "acknowledged registration {} lost or changed", a.public_id);
    }
    check_whole(&app.db, event.id, CAPACITY).await;
    let persisted = stored.len();

    // The restarted server takes the rest of the burst.
    let mut http = Http::new();
    let attempted = next.load(Ordering::SeqCst).min(REQUESTS);
    for n in attempted..REQUESTS {
        assert_eq!(register(&mut http, &server, "atelier-coupure", n).await.expect("register").status, 201);
    }
    check_whole(&app.db, event.id, CAPACITY).await;
    let engine = if app.db.engine() == Engine::Sqlite { "SQLite" } else { "PostgreSQL" };
    eprintln!(
        "figure: SIGKILL mid-burst ({engine}, {CLIENTS} clients): {} acknowledged before the kill, {persisted} rows after restart \
         (every acknowledged one; the rest committed but unanswered), none half-written",
        acknowledged.len()
    );
}

/// The invariants of the registration write (`registrations.rs`, `registration_batch.rs`): one
/// transaction writes the registration row, the seat count, the e-mail and (triggers) the
/// statistics marks, so after any crash each row has its outbox message and its marks, and
/// the session's seat count equals its confirmed rows.
async fn check_whole(db: &Db, event_id: i64, capacity: i64) {
    let rows = scalar(db, "SELECT COUNT(*) FROM registrations").await;
    let confirmed = scalar(db, &format!("SELECT COUNT(*) FROM registrations WHERE event_id = {event_id} AND status = 'confirmed'")).await;
    let seats = scalar(db, &format!("SELECT confirmed FROM events WHERE id = {event_id}")).await;
    assert_eq!(seats, confirmed, "the seat count matches the confirmed rows");
    assert!(confirmed <= capacity, "no overbooking");
    let without_mail =
        scalar(db, "SELECT COUNT(*) FROM registrations r WHERE NOT EXISTS (SELECT 1 FROM outbox o WHERE o.recipient = r.email)").await;
    assert_eq!(without_mail, 0, "every registration has its e-mail");
    assert_eq!(scalar(db, "SELECT COUNT(*) FROM outbox").await, rows, "no e-mail without its registration");
    let marks = scalar(db, "SELECT COUNT(*) FROM stat_dirty WHERE kind = 'attendee'").await;
    assert_eq!(marks, rows, "every registration has its statistics mark, and no mark is orphaned");
}

async fn sigterm_finishes_the_request_in_flight_then_exits_0(app: TestApp) {
    session(&app, "atelier-arret", 10, 7).await;
    let mut server = ServerProcess::start(&app.database_url, &[]).await;
    let body = serde_json::json!({"name": "Personne 1", "email": "personne1@example.fr", "consent": true}).to_string();
    let (first, rest) = body.split_at(body.len() / 2);
    let mut stream = TcpStream::connect(("127.0.0.1", server.port)).await.expect("connect");
    let head = format!(
        "POST /api/v1/events/atelier-arret/registrations HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).await.expect("head");
    stream.write_all(first.as_bytes()).await.expect("half the body");
    tokio::time::sleep(Duration::from_millis(300)).await;

    server.sigterm();
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(TcpStream::connect(("127.0.0.1", server.port)).await.is_err(), "new connections are refused once SIGTERM arrived");
    assert!(server.wait_exit(Duration::ZERO).await.is_none(), "still running: a request is in flight");

    stream.write_all(rest.as_bytes()).await.expect("the rest of the body");
    let mut answer = String::new();
    stream.read_to_string(&mut answer).await.expect("answer");
    assert!(answer.starts_with("HTTP/1.1 201"), "{answer}");
    let status = server.wait_exit(Duration::from_secs(10)).await.expect("exits after the request");
    assert!(status.success(), "exit status {status}:\n{}", server.log_text());
    assert_eq!(app.count("registrations").await, 1);
}
