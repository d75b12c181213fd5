//! The only SQL that differs between the engines: full-text matching and its relevance.
//! Both engines index the same folded, stemmed words (computed in Rust), so they find the
//! same listings; only the relevance scale differs (FTS5 bm25 vs ts_rank).

use crate::db::Engine;
use sea_query::{Expr, ExprTrait, JoinType, Order, Query, SelectStatement};
use tremplin_domain::directory::TextQuery;

/// A custom SQL expression with values: write `?` for each value; PostgreSQL gets `$1`, `$2` …
/// (sea-query substitutes each backend's own placeholder style only).
pub fn custom(engine: Engine, sql: &str, values: impl IntoIterator<Item = sea_query::Value>) -> Expr {
    let sql = match engine {
        Engine::Sqlite => sql.to_owned(),
        Engine::Postgres => {
            let mut numbered = String::with_capacity(sql.len() + 8);
            let mut n = 0;
            for c in sql.chars() {
                if c == '?' {
                    n += 1;
                    numbered.push_str(&format!("${n}"));
                } else {
                    numbered.push(c);
                }
            }
            numbered
        }
    };
    Expr::cust_with_values(sql, values)
}

/// Restricts `select` (on `listings`) to text matches, adds a `relevance` column (higher is
/// better) and orders by it.
pub fn match_text(engine: Engine, select: &mut SelectStatement, text: &TextQuery) {
    match engine {
        Engine::Sqlite => {
            // FTS5: ("boulang"* OR "boulanger"*) AND ("angers"*); name words weigh 5, others 1.
            let expression = text
                .groups
                .iter()
                .map(|group| format!("({})", group.iter().map(|t| format!("\"{}\"*", t.replace('"', ""))).collect::<Vec<_>>().join(" OR ")))
                .collect::<Vec<_>>()
                .join(" AND ");
            let matches = Query::select()
                .expr_as(Expr::cust("rowid"), "fts_id")
                .expr_as(Expr::cust("-bm25(listings_fts, 5.0, 1.0)"), "fts_relevance")
                .from("listings_fts")
                .and_where(custom(engine, "listings_fts MATCH ?", [expression.into()]))
                .to_owned();
            select
                .join_subquery(JoinType::InnerJoin, matches, "fts", Expr::col(("fts", "fts_id")).equals(("listings", "id")))
                .expr_as(Expr::col(("fts", "fts_relevance")), "relevance")
                .order_by(("fts", "fts_relevance"), Order::Desc);
        }
        Engine::Postgres => {
            // tsquery on the same words: (boulang:* | boulanger:*) & (angers:*).
            let expression = text
                .groups
                .iter()
                .map(|group| {
                    format!(
                        "({})",
                        group
                            .iter()
                            .map(|t| format!("{}:*", t.replace(['\'', '\\', ':', '&', '|', '!', '(', ')'], "")))
                            .collect::<Vec<_>>()
                            .join(" | ")
                    )
                })
                .collect::<Vec<_>>()
                .join(" & ");
            select
                .expr_as(
                    custom(engine, "ts_rank(listings.search_vector, to_tsquery('simple', ?))::float8", [expression.clone().into()]),
                    "relevance",
                )
                .and_where(custom(engine, "listings.search_vector @@ to_tsquery('simple', ?)", [expression.into()]))
                .order_by_expr(Expr::cust("relevance"), Order::Desc);
        }
    }
    select.order_by(("listings", "id"), Order::Asc);
}

#[cfg(test)]
mod tests {
    use super::*;
    use sea_query::{PostgresQueryBuilder, SqliteQueryBuilder};

    #[test]
    fn renders_for_both_engines() {
        let text = TextQuery { groups: vec![vec!["boulangerie".into(), "boulangere".into()], vec!["angers".into()]] };
        let mut pg = Query::select().column(("listings", "id")).from("listings").to_owned();
        match_text(Engine::Postgres, &mut pg, &text);
        let sql = pg.to_string(PostgresQueryBuilder);
        assert!(sql.contains("to_tsquery('simple', '(boulangerie:* | boulangere:*) & (angers:*)')"), "{sql}");
        assert!(!sql.contains('?'), "{sql}");
        let mut lite = Query::select().column(("listings", "id")).from("listings").to_owned();
        match_text(Engine::Sqlite, &mut lite, &text);
        let sql = lite.to_string(SqliteQueryBuilder);
        assert!(sql.contains(r#"MATCH '("boulangerie"* OR "boulangere"*) AND ("angers"*)'"#), "{sql}");
        let distance = Query::select().expr(custom(Engine::Postgres, "(a - ?) * (a - ?)", [1.5f64.into(), 1.5f64.into()])).to_owned();
        assert_eq!(distance.to_string(PostgresQueryBuilder), "SELECT (a - 1.5) * (a - 1.5)");
    }
}
