//! The real binary as a child process (`tremplin serve` on a free local port, settings through
//! `TREMPLIN_*` variables) and a small HTTP client with a cookie jar to speak to it: for the
//! tests of several instances, faults and backups, which need processes to kill and restart.

use crate::mail_smtp::free_port;
use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

/// A `tremplin serve` process.
pub struct ServerProcess {
    child: Child,
    pub port: u16,
    /// Its standard error (the log), kept for failure messages.
    pub log: PathBuf,
}

impl ServerProcess {
    /// Starts `tremplin serve` on `database_url` with the worker off, rate limits off and logs
    /// at `warn`, unless `env` says otherwise; waits until `/healthz` answers.
    pub async fn start(database_url: &str, env: &[(&str, String)]) -> ServerProcess {
        Self::start_on(database_url, free_port(), env).await
    }

    /// Same, on a given port (a restart on the same address).
    pub async fn start_on(database_url: &str, port: u16, env: &[(&str, String)]) -> ServerProcess {
        let log = std::env::temp_dir().join(format!("tremplin-serve-{}-{port}-{:08x}.log", std::process::id(), rand::random::<u32>()));
        let mut command = Command::new(env!("CARGO_BIN_EXE_tremplin"));
        command
            .arg("serve")
            .env("TREMPLIN_CONFIG", "/nonexistent/tremplin.toml")
            .env("TREMPLIN_DATABASE_URL", database_url)
            .env("TREMPLIN_BIND", format!("127.0.0.1:{port}"))
            .env("TREMPLIN_RUN_WORKER", "false")
            .env("TREMPLIN_RATE_LIMITS", "false")
            .env("TREMPLIN_LOG", "warn")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).expect("log file"));
        for (key, value) in env {
            command.env(key, value);
        }
        let child = command.spawn().expect("start tremplin serve");
        let mut server = ServerProcess { child, port, log };
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(30) {
            if let Ok(Some(status)) = server.child.try_wait() {
                panic!("tremplin serve exited at start ({status}):\n{}", server.log_text());
            }
            if let Ok(reply) = Http::new().get(&server.url("/healthz")).await
                && reply.status == 200
            {
                return server;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("tremplin serve did not answer within 30 s:\n{}", server.log_text());
    }

    /// `http://127.0.0.1:port{path}`.
    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// What it logged so far.
    pub fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// SIGKILL: the process dies at once, whatever it was doing.
    pub fn kill9(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// SIGTERM: asks for a graceful shutdown.
    pub fn sigterm(&self) {
        let status = Command::new("kill").args(["-TERM", &self.child.id().to_string()]).status().expect("kill -TERM");
        assert!(status.success(), "kill -TERM failed");
    }

    /// Waits up to `timeout` for the process to exit.
    pub async fn wait_exit(&mut self, timeout: Duration) -> Option<ExitStatus> {
        let started = Instant::now();
        while started.elapsed() < timeout {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Some(status);
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        None
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        self.kill9();
        let _ = std::fs::remove_file(&self.log);
    }
}

/// A response read whole.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: hyper::HeaderMap,
    pub body: String,
}

impl Reply {
    /// The body as JSON (`Null` if it is not JSON).
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_default()
    }
}

/// An HTTP/1.1 client with a cookie jar and the CSRF token of the last form it read: one
/// visitor, who may speak to several instances.
#[derive(Clone)]
pub struct Http {
    client: Client<HttpConnector, Full<Bytes>>,
    pub cookies: BTreeMap<String, String>,
    pub csrf: Option<String>,
    /// Headers sent with every request (e.g. `Accept-Language`).
    pub headers: Vec<(String, String)>,
}

impl Default for Http {
    fn default() -> Self {
        Self::new()
    }
}

impl Http {
    pub fn new() -> Http {
        Http { client: Client::builder(TokioExecutor::new()).build_http(), cookies: BTreeMap::new(), csrf: None, headers: Vec::new() }
    }

    /// Sends a request; keeps cookies and the CSRF token of the page.
    pub async fn send(&mut self, method: &str, url: &str, content_type: Option<&str>, body: Vec<u8>) -> anyhow::Result<Reply> {
        let mut builder = hyper::Request::builder().method(method).uri(url);
        if !self.cookies.is_empty() {
            builder = builder.header("cookie", self.cookies.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("; "));
        }
        for (name, value) in &self.headers {
            builder = builder.header(name.as_str(), value.as_str());
        }
        if let Some(content_type) = content_type {
            builder = builder.header("content-type", content_type);
        }
        let response = self.client.request(builder.body(Full::new(Bytes::from(body)))?).await?;
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        for value in headers.get_all("set-cookie") {
            let text = value.to_str().unwrap_or_default();
            let (pair, attributes) = text.split_once(';').unwrap_or((text, ""));
            if let Some((name, value)) = pair.split_once('=') {
                if value.is_empty() || attributes.to_ascii_lowercase().contains("max-age=0") {
                    self.cookies.remove(name.trim());
                } else {
                    self.cookies.insert(name.trim().to_owned(), value.trim().to_owned());
                }
            }
        }
        let body = String::from_utf8_lossy(&response.into_body().collect().await?.to_bytes()).into_owned();
        if let Some(token) = csrf_of(&body) {
            self.csrf = Some(token);
        }
        Ok(Reply { status, headers, body })
    }

    /// `GET url`.
    pub async fn get(&mut self, url: &str) -> anyhow::Result<Reply> {
        self.send("GET", url, None, Vec::new()).await
    }

    /// `POST url` with a form and the CSRF token last read.
    pub async fn post_form(&mut self, url: &str, fields: &[(&str, &str)]) -> anyhow::Result<Reply> {
        let token = self.csrf.clone().unwrap_or_default();
        let mut all = vec![("_csrf", token.as_str())];
        all.extend_from_slice(fields);
        self.send("POST", url, Some("application/x-www-form-urlencoded"), serde_urlencoded::to_string(&all)?.into_bytes()).await
    }

    /// `POST url` with a JSON body.
    pub async fn post_json(&mut self, url: &str, body: &serde_json::Value) -> anyhow::Result<Reply> {
        self.send("POST", url, Some("application/json"), body.to_string().into_bytes()).await
    }
}

fn csrf_of(body: &str) -> Option<String> {
    let marker = "name=\"_csrf\" value=\"";
    let start = body.find(marker)? + marker.len();
    let end = body[start..].find('"')? + start;
    Some(body[start..end].to_owned())
}
