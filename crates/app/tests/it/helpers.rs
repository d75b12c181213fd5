//! TestApp: the real router on a fresh database (a copy of a migrated SQLite template, or a
//! PostgreSQL database cloned from a migrated template), spoken to over HTTP in-process,
//! with a cookie jar, the CSRF token of the last form, memory mail and a movable clock.

use axum::Router;
use axum::body::{Body, to_bytes};
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;
use tower::ServiceExt;
use tremplin::settings::Settings;
use tremplin_kernel::{Clock, FixedClock, SystemClock};
use tremplin_mail::{DeliveryReport, Mailer, MemoryTransport, SentMail, Transport};
use tremplin_store::{Db, Engine};

/// Base URL the test app believes it is served at.
pub const BASE_URL: &str = "http://localhost";

/// A response read whole.
#[derive(Debug)]
pub struct TestResponse {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

impl TestResponse {
    /// The `Location` header of a redirect.
    pub fn location(&self) -> &str {
        self.headers.get(header::LOCATION).and_then(|v| v.to_str().ok()).unwrap_or_default()
    }

    /// The body as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }

    /// Asserts the status, showing the body when it differs.
    #[track_caller]
    pub fn assert_status(&self, expected: StatusCode) -> &Self {
        assert_eq!(self.status, expected, "unexpected status; body:\n{}", self.body);
        self
    }
}

/// Where the test database lives; dropped at the end of the test.
enum DbGuard {
    Sqlite(PathBuf),
    Postgres { admin_url: String, name: String },
}

impl Drop for DbGuard {
    fn drop(&mut self) {
        match self {
            DbGuard::Sqlite(dir) => {
                let _ = std::fs::remove_dir_all(dir);
            }
            DbGuard::Postgres { admin_url, name } => {
                let (url, name) = (admin_url.clone(), name.clone());
                // Drop runs outside async; a short-lived runtime on its own thread drops the database.
                let _ = std::thread::spawn(move || {
                    if let Ok(rt) = tokio::runtime::Builder::new_current_thread().enable_all().build() {
                        rt.block_on(async move {
                            if let Ok(Db::Pg(pool)) = Db::connect(&url).await {
                                let _ = sqlx::query(sqlx::AssertSqlSafe(format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)")))
                                    .execute(&pool)
                                    .await;
                                pool.close().await;
                            }
                        });
                    }
                })
                .join();
            }
        }
    }
}

/// URL of the PostgreSQL server used by tests (its `postgres` database is used for admin).
pub fn pg_admin_url() -> String {
    std::env::var("TREMPLIN_TEST_PG_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

fn pg_url_for(admin_url: &str, database: &str) -> String {
    let (base, _) = admin_url.rsplit_once('/').expect("PostgreSQL URL with a database name");
    format!("{base}/{database}")
}

fn unique_name(prefix: &str) -> String {
    format!("{prefix}_{}_{:08x}", std::process::id(), rand::random::<u32>())
}

/// A fresh SQLite database file copied from a migrated template (built once per build).
async fn fresh_sqlite() -> (String, DbGuard) {
    let template = std::env::temp_dir().join(format!("tremplin-test-template-{}.db", tremplin_store::fingerprint(Engine::Sqlite)));
    if !template.exists() {
        let building = std::env::temp_dir().join(format!("{}.db", unique_name("tremplin-template-building")));
        let db = Db::connect(&format!("sqlite://{}", building.display())).await.expect("template database");
        tremplin_store::prepare(&db).await.expect("template migrated");
        if let Db::Sqlite(pool) = &db {
            sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(pool).await.expect("checkpoint");
        }
        db.close().await;
        // Atomic: concurrent test processes each build one, the last rename wins.
        std::fs::rename(&building, &template).expect("template in place");
        for suffix in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", building.display()));
        }
    }
    let dir = std::env::temp_dir().join(unique_name("tremplin-test"));
    std::fs::create_dir_all(&dir).expect("test dir");
    let file = dir.join("test.db");
    std::fs::copy(&template, &file).expect("copy template");
    (format!("sqlite://{}", file.display()), DbGuard::Sqlite(dir))
}

/// A fresh PostgreSQL database cloned from a migrated template (built once per build).
async fn fresh_postgres() -> (String, DbGuard) {
    let admin_url = pg_admin_url();
    let Db::Pg(admin) =
        Db::connect(&admin_url).await.unwrap_or_else(|e| panic!("PostgreSQL must answer at {admin_url} for the tests: {e}"))
    else {
        panic!("not a PostgreSQL URL: {admin_url}");
    };
    let template = format!("tremplin_tpl_{}", tremplin_store::fingerprint(Engine::Postgres));
    // One process builds the template; the others wait on the advisory lock.
    let mut lock = admin.acquire().await.expect("admin connection");
    sqlx::query("SELECT pg_advisory_lock(4242)").execute(&mut *lock).await.expect("advisory lock");
    let exists: Option<(i32,)> = sqlx::query_as("SELECT 1 FROM pg_database WHERE datname = $1")
        .bind(&template)
        .fetch_optional(&mut *lock)
        .await
        .expect("template lookup");
    if exists.is_none() {
        let building = unique_name("tremplin_building");
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE \"{building}\""))).execute(&mut *lock).await.expect("create template");
        let db = Db::connect(&pg_url_for(&admin_url, &building)).await.expect("template connection");
        tremplin_store::prepare(&db).await.expect("template migrated");
        db.close().await;
        sqlx::query(sqlx::AssertSqlSafe(format!("ALTER DATABASE \"{building}\" RENAME TO \"{template}\"")))
            .execute(&mut *lock)
            .await
            .expect("template renamed");
    }
    let name = unique_name("tremplin_t");
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"")))
        .execute(&mut *lock)
        .await
        .expect("clone template");
    sqlx::query("SELECT pg_advisory_unlock(4242)").execute(&mut *lock).await.expect("advisory unlock");
    drop(lock);
    admin.close().await;
    (pg_url_for(&admin_url, &name), DbGuard::Postgres { admin_url, name })
}

/// The application under test.
pub struct TestApp {
    pub router: Router,
    pub db: Db,
    /// The URL of `db` (to open more pools on it, as more instances would).
    pub database_url: String,
    pub clock: FixedClock,
    pub mail: MemoryTransport,
    mailer: Mailer,
    cookies: BTreeMap<String, String>,
    csrf: Option<String>,
    headers: Vec<(String, String)>,
    _guard: DbGuard,
}

impl TestApp {
    /// A new application on a fresh database of `engine`.
    pub async fn new(engine: Engine) -> TestApp {
        let (database_url, guard) = match engine {
            Engine::Sqlite => fresh_sqlite().await,
            Engine::Postgres => fresh_postgres().await,
        };
        let db = Db::connect(&database_url).await.expect("test database");
        tremplin_store::prepare(&db).await.expect("migrations up to date");
        let clock = FixedClock::new(SystemClock.now());
        let mail = MemoryTransport::default();
        let mailer = Mailer { transport: Transport::Memory(mail.clone()), from: "Tremplin <test@tremplin.example>".parse().expect("from") };
        // Behind a proxy of ours, so that a test can name its client by `X-Forwarded-For`
        // (in-process requests have no peer address) to exercise the per-client limits.
        let settings = Settings { base_url: BASE_URL.into(), trust_proxy: true, ..Settings::default() };
        let router = tremplin_web::router(tremplin::server::state(&settings, db.clone(), Arc::new(clock.clone())));
        TestApp { router, db, database_url, clock, mail, mailer, cookies: BTreeMap::new(), csrf: None, headers: Vec::new(), _guard: guard }
    }

    /// Adds a header to every following request (e.g. Accept-Language).
    pub fn with_header(&mut self, name: &str, value: &str) {
        self.headers.push((name.to_owned(), value.to_owned()));
    }

    /// Forgets cookies and token: a new visitor.
    pub fn new_visitor(&mut self) {
        self.cookies.clear();
        self.csrf = None;
        self.headers.clear();
    }

    /// Who this visitor is: its cookies and CSRF token (to switch between accounts without
    /// logging in again).
    pub fn identity(&self) -> (BTreeMap<String, String>, Option<String>) {
        (self.cookies.clone(), self.csrf.clone())
    }

    /// Becomes the visitor of an earlier [`TestApp::identity`] (extra headers are dropped).
    pub fn set_identity(&mut self, identity: &(BTreeMap<String, String>, Option<String>)) {
        self.cookies = identity.0.clone();
        self.csrf = identity.1.clone();
        self.headers.clear();
    }

    /// The cookie `name`, if set.
    pub fn cookie(&self, name: &str) -> Option<&str> {
        self.cookies.get(name).map(String::as_str)
    }

    /// Sends a request and reads the response, keeping cookies and the last CSRF token.
    pub async fn request(&mut self, method: Method, path: &str, body: Option<(&str, Vec<u8>)>, extra: &[(&str, &str)]) -> TestResponse {
        let mut builder = Request::builder().method(method).uri(path).header(header::HOST, "localhost");
        if !self.cookies.is_empty() {
            let cookie = self.cookies.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("; ");
            builder = builder.header(header::COOKIE, cookie);
        }
        for (name, value) in &self.headers {
            builder = builder.header(name.as_str(), value.as_str());
        }
        for (name, value) in extra {
            builder = builder.header(*name, *value);
        }
        let request = match body {
            Some((content_type, body)) => builder.header(header::CONTENT_TYPE, content_type).body(Body::from(body)),
            None => builder.body(Body::empty()),
        }
        .expect("request");
        let response = self.router.clone().oneshot(request).await.expect("infallible router");
        let status = response.status();
        let headers = response.headers().clone();
        for value in headers.get_all(header::SET_COOKIE) {
            let text = value.to_str().unwrap_or_default();
            let Some((pair, attributes)) = text.split_once(';').or(Some((text, ""))) else { continue };
            let Some((name, value)) = pair.split_once('=') else { continue };
            let expired = attributes.to_ascii_lowercase().contains("max-age=0");
            if expired || value.is_empty() {
                self.cookies.remove(name.trim());
            } else {
                self.cookies.insert(name.trim().to_owned(), value.trim().to_owned());
            }
        }
        let bytes = to_bytes(response.into_body(), usize::MAX).await.expect("body");
        let body = String::from_utf8_lossy(&bytes).into_owned();
        if let Some(token) = extract_csrf(&body) {
            self.csrf = Some(token);
        }
        TestResponse { status, headers, body }
    }

    /// `GET path`.
    pub async fn get(&mut self, path: &str) -> TestResponse {
        self.request(Method::GET, path, None, &[]).await
    }

    /// `POST path` with a form and the current CSRF token (fetched from the login page if
    /// this visitor has none yet).
    pub async fn post_form(&mut self, path: &str, fields: &[(&str, &str)]) -> TestResponse {
        if self.csrf.is_none() {
            self.get("/connexion").await;
        }
        let token = self.csrf.clone().expect("a CSRF token from a form page");
        let mut all: Vec<(&str, &str)> = vec![("_csrf", token.as_str())];
        all.extend_from_slice(fields);
        self.post_raw(path, &all, &[]).await
    }

    /// `POST path` with exactly these fields and headers (no token added).
    pub async fn post_raw(&mut self, path: &str, fields: &[(&str, &str)], headers: &[(&str, &str)]) -> TestResponse {
        let body = serde_urlencoded::to_string(fields).expect("form encoding");
        self.request(Method::POST, path, Some(("application/x-www-form-urlencoded", body.into_bytes())), headers).await
    }

    /// `POST path` as `multipart/form-data` (a file upload), with the current CSRF token in the
    /// query string as upload forms carry it, or without a token if `with_token` is false.
    pub async fn post_multipart(&mut self, path: &str, parts: &[Part<'_>], with_token: bool) -> TestResponse {
        if self.csrf.is_none() {
            self.get("/connexion").await;
        }
        let path = match (with_token, self.csrf.clone()) {
            (true, Some(token)) => format!("{path}{}_csrf={token}", if path.contains('?') { '&' } else { '?' }),
            _ => path.to_owned(),
        };
        let (content_type, body) = multipart_body(parts);
        self.request(Method::POST, &path, Some((&content_type, body)), &[]).await
    }

    /// The CSRF token currently held.
    pub fn csrf(&self) -> Option<String> {
        self.csrf.clone()
    }

    /// Runs the background jobs that are due (the e-mail outbox).
    pub async fn run_pending_jobs(&self) -> DeliveryReport {
        tremplin_mail::deliver_due(&self.db, &self.mailer, &self.clock, BASE_URL).await.expect("delivery round")
    }

    /// Messages delivered so far.
    pub fn sent_mail(&self) -> Vec<SentMail> {
        self.mail.sent()
    }

    /// The path of the last link starting with `prefix` e-mailed to `to`.
    pub fn last_link(&self, to: &str, prefix: &str) -> String {
        let mail = self
            .sent_mail()
            .into_iter()
            .rev()
            .find(|m| m.to == to && m.message.text.contains(prefix))
            .unwrap_or_else(|| panic!("no mail to {to} with {prefix}"));
        let start = mail.message.text.find(prefix).expect("prefix");
        let link: String = mail.message.text[start..].chars().take_while(|c| !c.is_whitespace()).collect();
        link.trim_start_matches(BASE_URL).to_owned()
    }

    /// Signs up a new account with a password and stays logged in.
    pub async fn sign_up(&mut self, email: &str, password: &str) -> TestResponse {
        self.get("/inscription").await;
        let response = self.post_form("/inscription", &[("email", email), ("password", password), ("display_name", "Test")]).await;
        response.assert_status(StatusCode::SEE_OTHER);
        response
    }

    /// Logs in with a password; asserts success.
    pub async fn log_in(&mut self, email: &str, password: &str) {
        self.get("/connexion").await;
        let response = self.post_form("/connexion", &[("email", email), ("password", password)]).await;
        response.assert_status(StatusCode::SEE_OTHER);
    }

    /// A territory made of one commune, e.g. `("angers", "Angers", "49007")`.
    pub async fn commune_territory(&self, slug: &str, name: &str, insee: &str) {
        use tremplin_domain::territories::{NewTerritory, TerritoryKind, TerritoryRepo};
        let territory = NewTerritory {
            slug: slug.into(),
            name: name.into(),
            kind: TerritoryKind::Commune,
            parent_slug: None,
            communes: vec![insee.into()],
        };
        self.db.upsert_territory(&territory).await.expect("territory");
    }

    /// Counts the rows of a table.
    pub async fn count(&self, table: &str) -> i64 {
        let sql = sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM {table}"));
        match &self.db {
            Db::Sqlite(pool) => sqlx::query_scalar(sql).fetch_one(pool).await.expect("count"),
            Db::Pg(pool) => sqlx::query_scalar(sql).fetch_one(pool).await.expect("count"),
        }
    }

    /// Number of rows of `table` whose `column` equals `value`.
    pub async fn count_where(&self, table: &str, column: &str, value: &str) -> i64 {
        let sql = format!("SELECT COUNT(*) FROM {table} WHERE {column} = ");
        match &self.db {
            Db::Sqlite(pool) => {
                sqlx::query_scalar(sqlx::AssertSqlSafe(format!("{sql}?"))).bind(value).fetch_one(pool).await.expect("count")
            }
            Db::Pg(pool) => sqlx::query_scalar(sqlx::AssertSqlSafe(format!("{sql}$1"))).bind(value).fetch_one(pool).await.expect("count"),
        }
    }
}

/// One part of a `multipart/form-data` body.
#[derive(Debug, Clone)]
pub enum Part<'a> {
    /// A text field: name and value.
    Text(&'a str, &'a str),
    /// A file field: name, file name and content.
    File(&'a str, &'a str, &'a [u8]),
}

/// The boundary of the multipart bodies built here (never found inside the test files).
const BOUNDARY: &str = "tremplin-test-boundary-5c1e9a";

/// A `multipart/form-data` body, as a browser sends it, and its content type.
pub fn multipart_body(parts: &[Part<'_>]) -> (String, Vec<u8>) {
    let mut body = Vec::new();
    for part in parts {
        body.extend_from_slice(format!("--{BOUNDARY}\r\n").as_bytes());
        match part {
            Part::Text(name, value) => {
                body.extend_from_slice(format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}").as_bytes());
            }
            Part::File(name, file_name, content) => {
                body.extend_from_slice(
                    format!(
                        "Content-Disposition: form-data; name=\"{name}\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                    )
                    .as_bytes(),
                );
                body.extend_from_slice(content);
            }
        }
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={BOUNDARY}"), body)
}

fn extract_csrf(body: &str) -> Option<String> {
    let marker = "name=\"_csrf\" value=\"";
    let start = body.find(marker)? + marker.len();
    let end = body[start..].find('"')? + start;
    let token = &body[start..end];
    (!token.is_empty()).then(|| token.to_owned())
}

/// Declares each listed `async fn name(app: TestApp)` as two tests, one per engine.
#[macro_export]
macro_rules! both_engines {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name($crate::helpers::TestApp::new(tremplin_store::Engine::Sqlite).await).await
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name($crate::helpers::TestApp::new(tremplin_store::Engine::Postgres).await).await
                }
            )*
        }
    };
}
