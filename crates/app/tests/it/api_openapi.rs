//! The OpenAPI document is complete enough for an external tester: every `/api/v1/` route of
//! the router is in it with each of its methods, every path parameter and every query
//! parameter the handler reads are declared, POST bodies have a schema and an example, every
//! operation has a summary and error responses with the error schema.
//!
//! The routes are read from the web crate's sources (`.route("/api/v1/…", get(…).post(…))`
//! in `lib.rs` and the `router()` functions), so that a new route without documentation
//! fails here; the handler each names is found in its module to see what it reads.

use crate::helpers::TestApp;
use crate::route_table::{balanced, rust_files, web_src};
use axum::http::{Method, StatusCode};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A route as the router declares it.
#[derive(Debug, Clone)]
pub struct SourceRoute {
    pub path: String,
    pub method: String,
    /// The file of the handler, and its name.
    pub handler_file: PathBuf,
    pub handler: String,
}

/// The file of a handler named `a::b::handler` from the router in `router_file`: modules are
/// relative to `routes/` from `lib.rs` or from `crate::routes::…`, else to the router's folder.
fn handler_file(router_file: &Path, module_path: &[&str]) -> PathBuf {
    let absolute = module_path.first().is_some_and(|s| *s == "crate" || *s == "routes");
    let base = if absolute || router_file.ends_with("lib.rs") {
        web_src().join("routes")
    } else {
        router_file.parent().expect("dir").to_path_buf()
    };
    let joined = module_path.iter().filter(|s| !["crate", "routes"].contains(*s)).fold(base, |dir, s| dir.join(s));
    [joined.with_extension("rs"), joined.join("mod.rs")]
        .into_iter()
        .find(|f| f.exists())
        .unwrap_or_else(|| panic!("no module file for {module_path:?} from {}", router_file.display()))
}

/// Every `/api/` route of the web crate's routers.
pub fn api_routes() -> Vec<SourceRoute> {
    let mut files = Vec::new();
    rust_files(&web_src(), &mut files);
    let mut routes = Vec::new();
    for file in files {
        let whole = std::fs::read_to_string(&file).expect("source");
        // Unit tests build routers of their own.
        let text = whole.split("#[cfg(test)]").next().unwrap_or_default();
        let mut from = 0;
        while let Some(at) = text[from..].find(".route(\"") {
            let start = from + at + ".route(".len();
            let args = balanced(text, start);
            from = start + args.len();
            let Some(path) = args.strip_prefix('"').and_then(|a| a.split('"').next()) else { continue };
            if !path.starts_with("/api/") {
                continue;
            }
            let rest = &args[path.len() + 2..];
            for method in ["get", "post", "put", "delete", "patch"] {
                for (i, _) in rest.match_indices(&format!("{method}(")) {
                    // `get(` at the start or after `.`/space, not inside another name.
                    let before = rest[..i].chars().last();
                    if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                        continue;
                    }
                    let inner = balanced(rest, i + method.len() + 1).trim();
                    let segments: Vec<&str> = inner.split("::").collect();
                    let (handler, module) = segments.split_last().expect("handler path");
                    routes.push(SourceRoute {
                        path: path.to_owned(),
                        method: method.to_owned(),
                        handler_file: handler_file(&file, module),
                        handler: (*handler).to_owned(),
                    });
                }
            }
        }
    }
    routes.sort_by(|a, b| (&a.path, &a.method).cmp(&(&b.path, &b.method)));
    routes
}

/// The signature of `handler` in its file (from `fn name(` to the body's `{`).
fn signature(route: &SourceRoute) -> String {
    let text = std::fs::read_to_string(&route.handler_file).expect("handler file");
    let at = text.find(&format!("async fn {}(", route.handler)).unwrap_or_else(|| panic!("no handler {route:?}"));
    let end = text[at..].find('{').expect("body");
    text[at..at + end].to_owned()
}

/// The query parameters a handler reads: the fields of its `Query<T>` struct, or for a
/// `RawQuery` handler, the names its form's `from_query` looks up (every `"name"` key of the
/// struct that parses it, read from the field names of the form struct).
fn query_names(route: &SourceRoute) -> Option<BTreeSet<String>> {
    let sig = signature(route);
    let type_name = if let Some(at) = sig.find("Query<") {
        let rest = &sig[at + "Query<".len()..];
        rest[..rest.find('>').expect("type end")].trim().to_owned()
    } else if sig.contains("RawQuery") {
        String::new()
    } else {
        return None;
    };
    if type_name.is_empty() {
        // Parsed by hand from the raw query: the names are what the document says; the
        // property test sends unknown and repeated names to such handlers.
        return Some(BTreeSet::new());
    }
    let mut files = Vec::new();
    rust_files(&web_src(), &mut files);
    for file in files {
        let text = std::fs::read_to_string(&file).expect("source");
        let Some(at) = text.find(&format!("pub struct {type_name} {{")) else { continue };
        let body = &text[at..at + text[at..].find("\n}").expect("struct end")];
        let mut names = BTreeSet::new();
        let mut rename: Option<String> = None;
        for line in body.lines().skip(1) {
            let line = line.trim();
            if let Some(r) = line.split("rename = \"").nth(1) {
                rename = r.split('"').next().map(str::to_owned);
            }
            if let Some(field) = line.strip_prefix("pub ").and_then(|l| l.split(':').next()) {
                names.insert(rename.take().unwrap_or_else(|| field.trim().to_owned()));
            }
        }
        return Some(names);
    }
    panic!("no struct {type_name} for {route:?}")
}

/// The document, fetched as a tester would.
pub async fn document(app: &mut TestApp) -> Value {
    let response = app.get("/api/v1/openapi.json").await;
    response.assert_status(StatusCode::OK);
    response.json()
}

/// Follows a `$ref` to `#/components/schemas/…`.
fn resolve<'a>(doc: &'a Value, value: &'a Value) -> &'a Value {
    match value.get("$ref").and_then(Value::as_str) {
        Some(reference) => &doc["components"]["schemas"][reference.trim_start_matches("#/components/schemas/")],
        None => value,
    }
}

fn operation_params<'a>(doc: &'a Value, op: &'a Value, place: &str) -> BTreeSet<String> {
    op["parameters"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|p| resolve(doc, p))
        .filter(|p| p["in"] == place)
        .filter_map(|p| p["name"].as_str().map(str::to_owned))
        .collect()
}

async fn every_api_route_is_documented_completely(mut app: TestApp) {
    let doc = document(&mut app).await;
    let routes = api_routes();
    assert!(routes.len() >= 25, "the source scan found {} routes only: {routes:#?}", routes.len());
    let mut problems = Vec::new();
    let mut documented: BTreeSet<(String, String)> = BTreeSet::new();
    for route in &routes {
        let key = format!("{} {}", route.method.to_uppercase(), route.path);
        let Some(op) = doc["paths"][&route.path].get(&route.method) else {
            problems.push(format!("{key}: not in the document"));
            continue;
        };
        documented.insert((route.path.clone(), route.method.clone()));
        let summary = op["summary"].as_str().or(op["description"].as_str()).unwrap_or_default();
        if summary.trim().is_empty() {
            problems.push(format!("{key}: no summary"));
        }
        // Path parameters: exactly those of the template.
        let template: BTreeSet<String> =
            route.path.split('/').filter_map(|s| s.strip_prefix('{').and_then(|s| s.strip_suffix('}'))).map(str::to_owned).collect();
        let declared = operation_params(&doc, op, "path");
        if template != declared {
            problems.push(format!("{key}: path parameters {declared:?}, the path has {template:?}"));
        }
        // Query parameters: every one the handler reads.
        let declared_query = operation_params(&doc, op, "query");
        match query_names(route) {
            Some(names) if names.is_empty() && declared_query.is_empty() => {
                problems.push(format!("{key}: reads the query string, declares no query parameter"));
            }
            Some(names) => {
                for name in names.difference(&declared_query) {
                    problems.push(format!("{key}: query parameter `{name}` is read but not declared"));
                }
            }
            None if !declared_query.is_empty() => problems.push(format!("{key}: declares {declared_query:?} but reads no query")),
            None => {}
        }
        // Bodies: a JSON schema and an example.
        let reads_json = signature(route).contains("Json(");
        if route.method == "post" || reads_json {
            let content = &op["requestBody"]["content"]["application/json"];
            if content["schema"].is_null() {
                problems.push(format!("{key}: no JSON request body schema"));
            } else {
                let schema = resolve(&doc, &content["schema"]);
                if content["example"].is_null() && schema["example"].is_null() && schema["examples"].is_null() {
                    problems.push(format!("{key}: the request body has no example"));
                }
            }
        }
        // Responses: a success, and errors with the error schema.
        let responses = op["responses"].as_object().cloned().unwrap_or_default();
        if !responses.keys().any(|s| s.starts_with('2')) {
            problems.push(format!("{key}: no success response"));
        }
        let errors: Vec<&String> = responses.keys().filter(|s| s.starts_with('4') || s.starts_with('5')).collect();
        if errors.is_empty() {
            problems.push(format!("{key}: no error response"));
        }
        if (!template.is_empty() || !declared_query.is_empty() || route.method == "post") && !errors.iter().any(|s| s.starts_with('4')) {
            problems.push(format!("{key}: takes input but documents no 4xx"));
        }
        for status in errors {
            let schema = &responses[status]["content"]["application/json"]["schema"];
            if schema.is_null() {
                problems.push(format!("{key}: response {status} has no JSON schema"));
            }
        }
    }
    // And nothing documented that the router does not serve.
    for (path, item) in doc["paths"].as_object().expect("paths") {
        if !path.starts_with("/api/") {
            continue;
        }
        for method in item.as_object().expect("path item").keys() {
            if ["get", "post", "put", "delete", "patch"].contains(&method.as_str()) && !documented.contains(&(path.clone(), method.clone()))
            {
                problems.push(format!("{} {path}: documented but not a route of the router", method.to_uppercase()));
            }
        }
    }
    assert!(problems.is_empty(), "the OpenAPI document is incomplete:\n{}", problems.join("\n"));

    // The error schema is the shape the API answers.
    let error = &doc["components"]["schemas"]["ErrorBody"];
    assert_eq!(error["properties"]["error"]["$ref"], "#/components/schemas/ErrorDetail", "{error}");
    let detail = &doc["components"]["schemas"]["ErrorDetail"];
    let required: BTreeSet<&str> = detail["required"].as_array().expect("required").iter().filter_map(Value::as_str).collect();
    assert_eq!(required, BTreeSet::from(["code", "message"]));
    let answer = app.get("/api/v1/events/no-such-session").await;
    answer.assert_status(StatusCode::NOT_FOUND);
    let body = answer.json();
    assert!(body["error"]["code"].is_string() && body["error"]["message"].is_string(), "{body}");

    // Every documented path answers something else than 405 for its method: the scan and
    // the router agree.
    let mut methods: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for route in &routes {
        methods.entry(route.path.clone()).or_default().push(route.method.clone());
    }
    for (path, list) in methods {
        let concrete = path.split('/').map(|s| if s.starts_with('{') { "x" } else { s }).collect::<Vec<_>>().join("/");
        for method in list {
            let method = Method::from_bytes(method.to_uppercase().as_bytes()).expect("method");
            let response = app.request(method.clone(), &concrete, Some(("application/json", b"{}".to_vec())), &[]).await;
            assert_ne!(response.status, StatusCode::METHOD_NOT_ALLOWED, "{method} {concrete}: {}", response.body);
        }
    }
}

crate::both_engines!(every_api_route_is_documented_completely);
