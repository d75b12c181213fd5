//! Any input to the public JSON API answers 2xx or 4xx, never 5xx, and every 4xx is the
//! JSON error `{"error": {"code", "message"}}` with `content-type: application/json`.
//!
//! Driven by the OpenAPI document (`GET /api/v1/openapi.json`): for a random operation of it,
//! random path parameters (real identifiers, hostile text, malformed percent-encoding),
//! query strings (the declared names with hostile values, unknown names, repeated names) and
//! bodies (random JSON, the documented example with a field removed or mistyped, huge
//! strings, bytes that are not JSON, wrong content types). `PROPTEST_CASES` sets the number
//! of requests per engine (default 1,500: 15 to 30 s per engine in a debug build).

use crate::helpers::TestApp;
use axum::http::{Method, header};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use serde_json::{Value, json};
use std::sync::Arc;
use tokio::sync::Mutex;

/// Requests per engine unless `PROPTEST_CASES` says otherwise.
const DEFAULT_CASES: u32 = 1_500;

/// An operation of the document.
#[derive(Debug, Clone)]
struct Operation {
    method: Method,
    path: String,
    query: Vec<String>,
    /// The documented example of the body, when it takes one.
    body: Option<Value>,
}

fn operations(doc: &Value) -> Vec<Operation> {
    let mut out = Vec::new();
    for (path, item) in doc["paths"].as_object().expect("paths") {
        for (method, op) in item.as_object().expect("item") {
            let Ok(method) = Method::from_bytes(method.to_uppercase().as_bytes()) else { continue };
            if ![Method::GET, Method::POST, Method::PUT, Method::DELETE, Method::PATCH].contains(&method) {
                continue;
            }
            let query = op["parameters"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|p| p["in"] == "query")
                .filter_map(|p| p["name"].as_str().map(str::to_owned))
                .collect();
            let body = op.get("requestBody").map(|b| {
                let content = &b["content"]["application/json"];
                let schema = match content["schema"]["$ref"].as_str() {
                    Some(r) => &doc["components"]["schemas"][r.trim_start_matches("#/components/schemas/")],
                    None => &content["schema"],
                };
                schema.get("example").cloned().unwrap_or_else(|| json!({}))
            });
            out.push(Operation { method, path: path.clone(), query, body });
        }
    }
    out
}

/// A value as an attacker or a careless client would send it, at most `long` characters
/// when it is a long one (a URI holds at most 64 kB: the server answers 414 before us).
fn hostile_text(long: usize) -> impl Strategy<Value = String> {
    prop_oneof![
        3 => any::<String>(),
        2 => "[a-z0-9-]{0,24}",
        1 => prop::sample::select(vec![
            "", " ", "-1", "0", "1", "-0", "2147483648", "-9223372036854775809", "99999999999999999999999999",
            "1e400", "-1e400", "NaN", "inf", "0x10", "1.5", "01", "true", "null", "[]", "{}", "2026-02-30", "2026-13",
            "2026-01-01T25:61", "9999-12-31", "0000-01-01", "47.47,-0.55", "91,181", "-91,-181", "<script>alert(1)</script>",
            "' OR 1=1 --", "../../etc/passwd", "\u{0}", "\u{202e}gnp.exe", "🦀🦀", "é", "ﬁ", "İ", "\u{feff}",
        ])
        .prop_map(str::to_owned),
        1 => (1usize..long).prop_map(|n| "a".repeat(n)),
    ]
}

/// Text that is a valid URI but a broken percent-encoding, or has meaning in a query.
fn raw_fragment() -> impl Strategy<Value = String> {
    prop::sample::select(vec!["%", "%z", "%zz", "%FF%FE", "%C3%28", "%00", "a%2", "%%", "=", "==", "&&", "%26", "+", "%2B", ";", "%2F"])
        .prop_map(str::to_owned)
}

fn encode(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A piece of a URI: encoded text, or raw malformed text.
fn uri_piece() -> impl Strategy<Value = String> {
    prop_oneof![4 => hostile_text(8_000).prop_map(|t| encode(&t)), 1 => raw_fragment()]
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| serde_json::Number::from_f64(f).map(Value::Number).unwrap_or(Value::Null)),
        Just(json!(u64::MAX)),
        Just(json!(-1)),
        hostile_text(200_000).prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_]{1,12}", inner, 0..6).prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// What a body is made of.
#[derive(Debug, Clone)]
enum BodyShape {
    /// Any JSON.
    Random(Value),
    /// The documented example with one field replaced (or removed, with `None`).
    Mutated(prop::sample::Index, Option<Value>),
    /// The documented example as it is.
    Example,
    /// Bytes that are probably not JSON.
    Bytes(Vec<u8>),
    /// No body.
    Empty,
}

fn body_shape() -> impl Strategy<Value = BodyShape> {
    prop_oneof![
        2 => json_value().prop_map(BodyShape::Random),
        4 => (any::<prop::sample::Index>(), prop::option::weighted(0.8, json_value())).prop_map(|(i, v)| BodyShape::Mutated(i, v)),
        1 => Just(BodyShape::Example),
        1 => prop::collection::vec(any::<u8>(), 0..300).prop_map(BodyShape::Bytes),
        1 => Just(BodyShape::Empty),
    ]
}

fn content_type() -> impl Strategy<Value = Option<&'static str>> {
    prop_oneof![
        6 => Just(Some("application/json")),
        1 => Just(None),
        1 => prop::sample::select(vec![
            "text/plain", "application/x-www-form-urlencoded", "application/json; charset=latin1",
            "multipart/form-data; boundary=x", "application/xml", "application/vnd.api+json", "*/*", "application/json; x=\"",
        ])
        .prop_map(Some),
    ]
}

/// One request.
#[derive(Debug, Clone)]
struct Case {
    operation: prop::sample::Index,
    /// One per path parameter (more are ignored): a known identifier or a hostile piece.
    path: Vec<(bool, prop::sample::Index, String)>,
    /// (declared name?, which name, unknown name, value).
    query: Vec<(bool, prop::sample::Index, String, String)>,
    body: BodyShape,
    content_type: Option<&'static str>,
    language: Option<&'static str>,
}

fn case() -> impl Strategy<Value = Case> {
    (
        any::<prop::sample::Index>(),
        prop::collection::vec((any::<bool>(), any::<prop::sample::Index>(), uri_piece()), 3),
        prop::collection::vec(
            (
                prop::bool::weighted(0.8),
                any::<prop::sample::Index>(),
                prop_oneof!["[a-z_]{1,10}", Just(String::new()), Just("q[]".to_owned())],
                uri_piece(),
            ),
            0..6,
        ),
        body_shape(),
        content_type(),
        prop::option::of(prop::sample::select(vec!["fr", "en", "de", "*", "en-GB,en;q=0.9", ";;;"])),
    )
        .prop_map(|(operation, path, query, body, content_type, language)| Case {
            operation,
            path,
            query,
            body,
            content_type,
            language,
        })
}

/// The URI, method, content type and body of a case.
fn request_of(case: &Case, ops: &[Operation], known: &[String]) -> (Method, String, Option<&'static str>, Option<Vec<u8>>) {
    let op = case.operation.get(ops);
    let mut parts = case.path.iter();
    let path: Vec<String> = op
        .path
        .split('/')
        .map(|segment| {
            if segment.starts_with('{') {
                match parts.next() {
                    Some((true, i, _)) if !known.is_empty() => i.get(known).clone(),
                    Some((_, _, piece)) => piece.clone(),
                    None => "x".to_owned(),
                }
            } else {
                segment.to_owned()
            }
        })
        .collect();
    let mut uri = path.join("/");
    let pairs: Vec<String> = case
        .query
        .iter()
        .map(|(declared, i, unknown, value)| {
            let name = if *declared && !op.query.is_empty() { encode(i.get::<String>(&op.query)) } else { encode(unknown) };
            format!("{name}={value}")
        })
        .collect();
    if !pairs.is_empty() {
        uri = format!("{uri}?{}", pairs.join("&"));
    }
    let body = op.body.as_ref().map(|example| match &case.body {
        BodyShape::Random(value) => value.to_string().into_bytes(),
        BodyShape::Example => example.to_string().into_bytes(),
        BodyShape::Mutated(index, replacement) => {
            let mut value = example.clone();
            if let Some(object) = value.as_object_mut()
                && !object.is_empty()
            {
                let keys: Vec<String> = object.keys().cloned().collect();
                let key = index.get(&keys).clone();
                match replacement {
                    Some(v) => object.insert(key, v.clone()),
                    None => object.remove(&key),
                };
            }
            value.to_string().into_bytes()
        }
        BodyShape::Bytes(bytes) => bytes.clone(),
        BodyShape::Empty => Vec::new(),
    });
    (op.method.clone(), uri, body.as_ref().and(case.content_type), body)
}

/// The schema the document gives for an error status of an operation, when it is not the
/// error schema (the passport status answers 404 with its `unknown` status document).
fn documented_body(doc: &Value, op: &Operation, status: u16) -> Option<String> {
    let method = op.method.as_str().to_lowercase();
    let schema = &doc["paths"][&op.path][&method]["responses"][status.to_string()]["content"]["application/json"]["schema"];
    schema["$ref"].as_str().filter(|r| !r.ends_with("/ErrorBody")).map(str::to_owned)
}

/// Checks one answer: never a 5xx; under `/api/`, a JSON error for every 4xx.
fn check(doc: &Value, op: &Operation, uri: &str, status: u16, content_type: &str, body: &str) -> Result<(), String> {
    if status >= 500 {
        return Err(format!("{status} for {} {uri}: {body}", op.method));
    }
    if !op.path.starts_with("/api/") || status < 400 {
        if op.path.starts_with("/api/") && content_type.starts_with("application/json") {
            serde_json::from_str::<Value>(body).map_err(|e| format!("{status} for {} {uri}: invalid JSON ({e}): {body}", op.method))?;
        }
        return Ok(());
    }
    if !content_type.starts_with("application/json") {
        return Err(format!("{status} for {} {uri} is `{content_type}`, not JSON: {body}", op.method));
    }
    let value: Value = serde_json::from_str(body).map_err(|e| format!("{status} for {} {uri}: invalid JSON ({e}): {body}", op.method))?;
    if documented_body(doc, op, status).is_some() && value.get("error").is_none() {
        return Ok(());
    }
    let error = &value["error"];
    if !(error["code"].as_str().is_some_and(|c| !c.is_empty()) && error["message"].as_str().is_some_and(|m| !m.is_empty())) {
        return Err(format!("{status} for {} {uri}: not an error document: {body}", op.method));
    }
    Ok(())
}

/// Identifiers that exist, so that requests also reach past the look-ups.
async fn known_identifiers(app: &mut TestApp) -> Vec<String> {
    let event = crate::event_fixtures::session(app, "atelier-proprietes", 5, 3).await;
    let coach = crate::coach_fixtures::coach(app, "coach.proprietes@example.org", "coach-proprietes", "Claire Proprietes").await;
    let mut known = vec![event.slug, coach.slug];
    let modules = app.get("/api/v1/modules").await.json();
    known.extend(modules["modules"].as_array().into_iter().flatten().take(1).filter_map(|m| m["slug"].as_str().map(str::to_owned)));
    // A registration, for the cancel route.
    let registered = app
        .request(
            Method::POST,
            "/api/v1/events/atelier-proprietes/registrations",
            Some(("application/json", json!({"name": "Prop Test", "email": "prop@example.org", "consent": true}).to_string().into_bytes())),
            &[],
        )
        .await;
    known.extend(registered.json()["registration"]["public_id"].as_str().map(str::to_owned));
    known
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(DEFAULT_CASES)
}

async fn any_input_answers_2xx_or_4xx_with_a_json_error(mut app: TestApp) {
    let doc = crate::api_openapi::document(&mut app).await;
    let ops = operations(&doc);
    assert!(ops.len() >= 25, "{} operations only", ops.len());
    let known = known_identifiers(&mut app).await;
    let app = Arc::new(Mutex::new(app));
    let handle = tokio::runtime::Handle::current();
    let mut runner = TestRunner::new(Config { cases: cases(), failure_persistence: None, ..Config::default() });
    let started = std::time::Instant::now();
    let statuses = std::sync::Mutex::new(std::collections::BTreeMap::<u16, u32>::new());
    let result = tokio::task::block_in_place(|| {
        runner
            .run(&case(), |case| {
                let (method, uri, content_type, body) = request_of(&case, &ops, &known);
                let op = case.operation.get(&ops);
                let response = handle.block_on(async {
                    let mut app = app.lock().await;
                    let mut headers: Vec<(&str, &str)> = Vec::new();
                    if let Some(language) = case.language {
                        headers.push(("accept-language", language));
                    }
                    let body = body.map(|b| (content_type.unwrap_or(""), b));
                    match body {
                        Some(("", bytes)) => {
                            // No Content-Type header at all.
                            let mut request =
                                axum::http::Request::builder().method(method.clone()).uri(&uri).header(header::HOST, "localhost");
                            for (name, value) in &headers {
                                request = request.header(*name, *value);
                            }
                            let request = request.body(axum::body::Body::from(bytes)).map_err(|e| e.to_string())?;
                            let response = tower::ServiceExt::oneshot(app.router.clone(), request).await.map_err(|e| e.to_string())?;
                            let status = response.status();
                            let headers = response.headers().clone();
                            let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await.map_err(|e| e.to_string())?;
                            Ok::<_, String>((status, headers, String::from_utf8_lossy(&bytes).into_owned()))
                        }
                        body => {
                            let r = app.request(method.clone(), &uri, body.as_ref().map(|(c, b)| (*c, b.clone())), &headers).await;
                            Ok((r.status, r.headers, r.body))
                        }
                    }
                });
                let (status, headers, text) = response.map_err(TestCaseError::fail)?;
                *statuses.lock().expect("statuses").entry(status.as_u16()).or_default() += 1;
                let content_type = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or_default();
                check(&doc, op, &uri, status.as_u16(), content_type, &text).map_err(TestCaseError::fail)
            })
            // The failure with its shrunk case, as text (the error type is large).
            .map_err(|failure| failure.to_string())
    });
    eprintln!("api properties: {} cases in {:.1?}, statuses {:?}", cases(), started.elapsed(), statuses.lock().expect("statuses"));
    if let Err(failure) = result {
        panic!("{failure}");
    }
}

/// The smallest requests the property test found answering 5xx or non-JSON, kept as cases.
async fn regressions_found_by_the_property_test(mut app: TestApp) {
    let doc = crate::api_openapi::document(&mut app).await;
    let ops = operations(&doc);
    let op = |method: Method, path: &str| ops.iter().find(|o| o.method == method && o.path == path).cloned().expect("documented");
    // A NUL character in a path parameter or a body: PostgreSQL text cannot hold it (500).
    let actor = op(Method::GET, "/api/v1/ecosystem/actors/{slug}");
    let r = app.get("/api/v1/ecosystem/actors/%00").await;
    let content_type = r.headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    check(&doc, &actor, "/api/v1/ecosystem/actors/%00", r.status.as_u16(), &content_type, &r.body).expect("a 4xx JSON error");
    let event = crate::event_fixtures::session(&app, "atelier-nul", 5, 3).await;
    let register = op(Method::POST, "/api/v1/events/{slug}/registrations");
    let uri = format!("/api/v1/events/{}/registrations", event.slug);
    let body = json!({"name": "A\u{0}B", "email": "nul@example.org", "consent": true}).to_string().into_bytes();
    let r = app.request(Method::POST, &uri, Some(("application/json", body)), &[]).await;
    let content_type = r.headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    check(&doc, &register, &uri, r.status.as_u16(), &content_type, &r.body).expect("2xx, or a 4xx JSON error");
    // A body that is not JSON: our JSON error, with axum's `text/plain` content type (400).
    let verify = op(Method::POST, "/api/v1/passports/verify");
    let r = app.request(Method::POST, "/api/v1/passports/verify", Some(("application/json", b"{".to_vec())), &[]).await;
    let content_type = r.headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    assert_eq!(r.status.as_u16(), 400);
    check(&doc, &verify, "/api/v1/passports/verify", 400, &content_type, &r.body).expect("a JSON error as JSON");
}

crate::both_engines!(any_input_answers_2xx_or_4xx_with_a_json_error, regressions_found_by_the_property_test);
