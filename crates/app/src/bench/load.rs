//! Load for the HTTP benchmarks: clients sending one request after another for a while, and
//! the latencies they saw, summed up as a Markdown table row.

use super::percentile;
use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use std::future::Future;
use std::time::{Duration, Instant};

/// The benchmarks' HTTP client.
pub(crate) type HttpClient = Client<HttpConnector, Full<Bytes>>;

/// Latencies of one measured path.
pub(crate) struct Figures {
    latencies: Vec<Duration>,
    /// Errors of the requests that failed.
    pub failures: Vec<String>,
    seconds: f64,
}

impl Figures {
    /// `| label | req/s | p50 | p95 | p99 | failures |`.
    pub fn row(&mut self, label: &str) -> String {
        self.latencies.sort_unstable();
        format!(
            "| {label} | {:.0} | {:.1} | {:.1} | {:.1} | {} |\n",
            self.latencies.len() as f64 / self.seconds,
            percentile(&self.latencies, 0.5),
            percentile(&self.latencies, 0.95),
            percentile(&self.latencies, 0.99),
            self.failures.len()
        )
    }
}

/// Runs `task` from `concurrency` clients for `seconds`; a task's error counts as a failure.
pub(crate) async fn measure<F, Fut>(seconds: u64, concurrency: usize, task: F) -> Figures
where
    F: Fn(usize) -> Fut + Clone + Send + 'static,
    Fut: Future<Output = anyhow::Result<()>> + Send,
{
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let started = Instant::now();
    let mut workers = Vec::new();
    for worker in 0..concurrency {
        let task = task.clone();
        workers.push(tokio::spawn(async move {
            let (mut latencies, mut failures) = (Vec::new(), Vec::new());
            let mut n = worker;
            while Instant::now() < deadline {
                let sent = Instant::now();
                if let Err(e) = task(n).await {
                    failures.push(e.to_string());
                }
                latencies.push(sent.elapsed());
                n += concurrency;
            }
            (latencies, failures)
        }));
    }
    let mut figures = Figures { latencies: Vec::new(), failures: Vec::new(), seconds: 0.0 };
    for worker in workers {
        if let Ok((latencies, failures)) = worker.await {
            figures.latencies.extend(latencies);
            figures.failures.extend(failures);
        }
    }
    figures.seconds = started.elapsed().as_secs_f64();
    figures
}

/// One GET; anything but 200 is an error.
pub(crate) async fn get(client: &HttpClient, url: &str, cookie: &str) -> anyhow::Result<()> {
    let request = hyper::Request::get(url).header("cookie", cookie).body(Full::new(Bytes::new()))?;
    let response = client.request(request).await?;
    let status = response.status();
    let _ = response.into_body().collect().await?;
    anyhow::ensure!(status == hyper::StatusCode::OK, "GET {url} answered {status}");
    Ok(())
}
