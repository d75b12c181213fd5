//! Both engines' migrations describe the same tables and columns.

use crate::helpers::TestApp;
use std::collections::BTreeSet;
use tremplin_store::{Db, Engine};

async fn columns(db: &Db) -> BTreeSet<(String, String)> {
    let rows: Vec<(String, String)> = match db {
        Db::Sqlite(pool) => sqlx::query_as(
            "SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p \
             WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE '_sqlx%'",
        )
        .fetch_all(pool)
        .await
        .expect("sqlite columns"),
        Db::Pg(pool) => sqlx::query_as(
            "SELECT table_name::text, column_name::text FROM information_schema.columns \
             WHERE table_schema = 'public' AND table_name NOT LIKE '_sqlx%'",
        )
        .fetch_all(pool)
        .await
        .expect("postgres columns"),
    };
    rows.into_iter().collect()
}

#[tokio::test]
async fn both_schemas_have_the_same_tables_and_columns() {
    let sqlite = TestApp::new(Engine::Sqlite).await;
    let postgres = TestApp::new(Engine::Postgres).await;
    let (a, b) = (columns(&sqlite.db).await, columns(&postgres.db).await);
    assert!(a.len() > 40, "{a:?}");
    assert_eq!(a.difference(&b).collect::<Vec<_>>(), Vec::<&(String, String)>::new(), "only in SQLite");
    assert_eq!(b.difference(&a).collect::<Vec<_>>(), Vec::<&(String, String)>::new(), "only in PostgreSQL");
    let communes: i64 = sqlite.count("communes").await;
    assert_eq!(communes, postgres.count("communes").await);
    assert!(communes > 34_000);
}
