//! Everything held about a person, table by table, as JSON values: the download page and
//! the JSON file are both made from this.

use super::{Subject, condition};
use crate::db::{Db, Result};
use sea_query::{Asterisk, Expr, Order, Query};
use serde::Serialize;
use serde_json::{Map, Value};
use sqlx::postgres::PgRow;
use sqlx::sqlite::SqliteRow;
use sqlx::{Column, FromRow, Row};
use tremplin_domain::privacy::catalogue::{PERSONAL_TABLES, SECRET_COLUMNS};

/// The rows of one table about the person.
#[derive(Debug, Clone, Serialize)]
pub struct TableRows {
    /// Table name.
    pub table: &'static str,
    /// Group of the download (`account`, `workshops`…).
    #[serde(skip)]
    pub group: &'static str,
    /// Rows, column → value (secrets left out).
    pub rows: Vec<Map<String, Value>>,
}

/// A row of any table, every column as the JSON value of its type.
struct JsonRow(Map<String, Value>);

fn value_of<'r, R: Row>(row: &'r R, i: usize) -> Value
where
    usize: sqlx::ColumnIndex<R>,
    Option<String>: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    Option<i64>: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    Option<i32>: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    Option<f64>: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    Option<bool>: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
{
    if let Ok(v) = row.try_get::<Option<i64>, _>(i) {
        return v.map(Value::from).unwrap_or(Value::Null);
    }
    if let Ok(v) = row.try_get::<Option<i32>, _>(i) {
        return v.map(Value::from).unwrap_or(Value::Null);
    }
    if let Ok(v) = row.try_get::<Option<f64>, _>(i) {
        return v.map(Value::from).unwrap_or(Value::Null);
    }
    // After the integers: SQLite stores booleans as integers (shown as 0 / 1 there).
    if let Ok(v) = row.try_get::<Option<bool>, _>(i) {
        return v.map(Value::Bool).unwrap_or(Value::Null);
    }
    match row.try_get::<Option<String>, _>(i) {
        Ok(v) => v.map(Value::String).unwrap_or(Value::Null),
        Err(_) => Value::Null,
    }
}

fn json_row<R: Row>(row: &R) -> JsonRow
where
    usize: sqlx::ColumnIndex<R>,
    for<'r> Option<String>: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> Option<i64>: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> Option<i32>: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> Option<f64>: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
    for<'r> Option<bool>: sqlx::Decode<'r, R::Database> + sqlx::Type<R::Database>,
{
    let mut map = Map::new();
    for (i, column) in row.columns().iter().enumerate() {
        let name = column.name();
        if SECRET_COLUMNS.contains(&name) {
            continue;
        }
        map.insert(name.to_owned(), value_of(row, i));
    }
    JsonRow(map)
}

impl FromRow<'_, SqliteRow> for JsonRow {
    fn from_row(row: &SqliteRow) -> sqlx::Result<Self> {
        Ok(json_row(row))
    }
}

impl FromRow<'_, PgRow> for JsonRow {
    fn from_row(row: &PgRow) -> sqlx::Result<Self> {
        Ok(json_row(row))
    }
}

/// Everything held about `subject`, in the catalogue's order; tables without a row are left
/// out.
pub async fn export(db: &Db, subject: &Subject) -> Result<Vec<TableRows>> {
    let mut tables = Vec::new();
    for personal in PERSONAL_TABLES {
        let Some(condition) = condition(personal.table, subject) else { continue };
        let select = Query::select()
            .column(Asterisk)
            .from(personal.table)
            .cond_where(condition)
            .order_by_expr(Expr::cust("1"), Order::Asc)
            .to_owned();
        let rows: Vec<JsonRow> = db.fetch_all(&select).await?;
        if !rows.is_empty() {
            tables.push(TableRows { table: personal.table, group: personal.group, rows: rows.into_iter().map(|r| r.0).collect() });
        }
    }
    Ok(tables)
}
