//! A person's own data: see and download everything held about them (`download`), erase it
//! (`erase`), and the same through a link e-mailed to an address for people without an
//! account or without a password (`by_link`).

pub mod by_link;
pub mod download;
pub mod erase;

use crate::state::AppState;
use axum::Router;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde_json::{Value, json};
use tremplin_store::privacy::export::TableRows;

/// Purpose of a link that shows the data.
pub(crate) const DOWNLOAD: &str = "download";
/// Purpose of a link that erases the data.
pub(crate) const ERASE: &str = "erase";
/// How long an e-mailed link stays valid, in seconds.
pub(crate) const LINK_LIFETIME_SECS: i64 = 3600;

/// The person's routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/compte/donnees", get(download::page))
        .route("/compte/donnees.json", get(download::json))
        .route("/compte/effacement", get(erase::show).post(erase::submit))
        .route("/donnees-personnelles", get(by_link::show_request).post(by_link::submit_request))
        .route("/donnees-personnelles/lien/{token}", get(by_link::show_download).post(by_link::download))
        .route("/donnees-personnelles/effacement/{token}", get(by_link::show_erase).post(by_link::erase))
}

/// Pages and files with personal data are never stored by a cache.
pub(crate) fn private(mut response: Response) -> Response {
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    response
}

/// One table of the download page.
pub struct TableView {
    /// Fluent key of its title.
    pub title_key: String,
    /// Rows as (column, value shown).
    pub rows: Vec<Vec<(String, String)>>,
}

/// One group of the download page.
pub struct GroupView {
    /// Fluent key of its title.
    pub title_key: String,
    /// Its tables with rows.
    pub tables: Vec<TableView>,
}

fn shown(value: &Value) -> String {
    match value {
        Value::Null => "—".to_owned(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The export grouped for the page, in the catalogue's order.
pub fn groups(tables: &[TableRows]) -> Vec<GroupView> {
    let mut groups: Vec<GroupView> = Vec::new();
    for t in tables {
        let table = TableView {
            title_key: format!("privacy-table-{}", t.table.replace('_', "-")),
            rows: t.rows.iter().map(|row| row.iter().map(|(k, v)| (k.clone(), shown(v))).collect()).collect(),
        };
        let title_key = format!("privacy-group-{}", t.group);
        match groups.iter_mut().find(|g| g.title_key == title_key) {
            Some(group) => group.tables.push(table),
            None => groups.push(GroupView { title_key, tables: vec![table] }),
        }
    }
    groups
}

/// The JSON file: every table with its rows, as a download.
pub fn json_file(email: &str, now: i64, tables: &[TableRows]) -> Response {
    let mut by_table = serde_json::Map::new();
    for t in tables {
        by_table.insert(t.table.to_owned(), Value::Array(t.rows.iter().cloned().map(Value::Object).collect()));
    }
    let body = json!({ "email": email, "generated_at": now, "tables": by_table });
    let mut response = axum::Json(body).into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_DISPOSITION, HeaderValue::from_static("attachment; filename=\"tremplin-mes-donnees.json\""));
    private(response)
}
