//! Helpers of the personal-data tests: the schema's columns on either engine, a search of
//! every text column for a value, and a person's activity written with plain SQL.

use crate::helpers::TestApp;
use crate::learning_fixtures::exec;
use tremplin_store::Db;

/// (table, column, is text) of every column of every table of the database.
pub async fn columns(app: &TestApp) -> Vec<(String, String, bool)> {
    match &app.db {
        Db::Sqlite(pool) => {
            let rows: Vec<(String, String, String)> = sqlx::query_as(
                "SELECT m.name, p.name, UPPER(p.type) FROM sqlite_master m, pragma_table_info(m.name) p \
                 WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE '_sqlx%'",
            )
            .fetch_all(pool)
            .await
            .expect("columns");
            rows.into_iter().map(|(t, c, ty)| (t, c, ty.contains("TEXT"))).collect()
        }
        Db::Pg(pool) => {
            let rows: Vec<(String, String, String)> = sqlx::query_as(
                "SELECT table_name::text, column_name::text, data_type::text FROM information_schema.columns \
                 WHERE table_schema = 'public' AND table_name NOT LIKE '_sqlx%'",
            )
            .fetch_all(pool)
            .await
            .expect("columns");
            rows.into_iter().map(|(t, c, ty)| (t, c, ty == "text")).collect()
        }
    }
}

/// Every (table, column) whose text holds `needle`.
pub async fn holding(app: &TestApp, needle: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for (table, column, text) in columns(app).await {
        if !text {
            continue;
        }
        let sql = format!("SELECT COUNT(*) FROM {table} WHERE {column} LIKE '%' || ");
        let n: i64 = match &app.db {
            Db::Sqlite(pool) => sqlx::query_scalar(sqlx::AssertSqlSafe(format!("{sql}?"))).bind(needle).fetch_one(pool).await,
            Db::Pg(pool) => sqlx::query_scalar(sqlx::AssertSqlSafe(format!("{sql}$1 || '%'"))).bind(needle).fetch_one(pool).await,
        }
        .expect("search");
        // SQLite's `LIKE '%' || ?` lacks the closing `%`: append it in the value instead.
        let n = match &app.db {
            Db::Sqlite(pool) => sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM {table} WHERE {column} LIKE ?")))
                .bind(format!("%{needle}%"))
                .fetch_one(pool)
                .await
                .expect("search"),
            Db::Pg(_) => n,
        };
        if n > 0 {
            found.push((table, column));
        }
    }
    found
}

/// The person of the tests.
pub const EMAIL: &str = "zephyrine.quasimodo@example.fr";
pub const NAME: &str = "Zéphyrine Quasimodo";
pub const PHONE: &str = "+33699887766";

/// Writes a registration `id` to `event` for `email` (checked in if `attended`).
pub async fn registration(app: &TestApp, id: i64, event: i64, email: &str, name: &str, attended: bool) {
    let checked = if attended { "0" } else { "NULL" };
    let phone = if email == EMAIL { PHONE } else { "+33600000000" };
    exec(
        app,
        &format!(
            "INSERT INTO registrations (id, public_id, event_id, person_key, name, email, phone, business, locale, status, secret, \
             walk_in, consent_at, created_at, checked_in_at) VALUES ({id}, 'r{id}', {event}, 'email:{email}', '{name}', '{email}', \
             '{phone}', 'Atelier {name}', 'fr', 'confirmed', 's{id}', FALSE, 0, 0, {checked})"
        ),
    )
    .await;
}

/// Survey answers with a comment for registration `id`.
pub async fn survey(app: &TestApp, id: i64, event: i64, comment: &str) {
    exec(
        app,
        &format!(
            "INSERT INTO survey_responses (registration_id, event_id, content, trainer, usefulness, recommend, comment, created_at) \
             VALUES ({id}, {event}, 4, 4, 3, 4, '{comment}', 0)"
        ),
    )
    .await;
}

/// A coaching file `id` for `email` in `territory`, named `name`.
pub async fn beneficiary(app: &TestApp, id: i64, territory: i64, email: &str, name: &str) {
    exec(
        app,
        &format!(
            "INSERT INTO beneficiaries (id, public_id, territory_id, person_key, kind, name, email, phone, business, created_at, \
             updated_at) VALUES ({id}, 'b{id}', {territory}, 'email:{email}', 'business', '{name}', '{email}', '{PHONE}', \
             'Boutique {name}', 0, 0)"
        ),
    )
    .await;
}
