//! Open statistics: `/donnees/statistiques`, its CSV and `GET /api/v1/stats` show small counts
//! of people hidden (and the cell that would give one away), no per-coach figure, the licence,
//! the same cells in the page and the CSV, and a department rolling up its communes.

use crate::coach_fixtures::coach;
use crate::helpers::TestApp;
use crate::stats_fixtures::{Tree, accompaniment, beneficiary, register, tree, workshop};
use axum::http::StatusCode;
use tremplin_domain::stats::Month;
use tremplin_kernel::Clock;
use tremplin_store::stats;

crate::both_engines!(
    small_counts_are_hidden_everywhere,
    a_department_rolls_up_its_communes,
    the_csv_holds_the_cells_of_the_page,
    bad_periods_and_unknown_territories_are_refused,
    the_datasets_are_listed_with_their_licence
);

/// Last month: Angers held a workshop for the public with 7 attendees, Saumur one for seniors
/// with 3; a coach recorded one accompaniment in Angers. Returns the tree and the month.
async fn activity(app: &mut TestApp) -> (Tree, Month) {
    let t = tree(app).await;
    let coach = coach(app, "coach-open@example.fr", "coach-open", "Camille Ouverte").await;
    let now = app.clock.now_ts();
    let month = Month::of(now).previous();
    let at = month.start() + 5 * 86_400 + 10 * 3600;
    workshop(app, 1, t.angers, at, 20, "public").await;
    workshop(app, 2, t.saumur, at, 12, "seniors").await;
    for n in 1..=7 {
        register(app, n, 1, &format!("email:a{n}@example.fr"), "confirmed").await;
    }
    for n in 1..=3 {
        register(app, 10 + n, 2, &format!("email:s{n}@example.fr"), "confirmed").await;
    }
    crate::learning_fixtures::exec(app, &format!("UPDATE registrations SET checked_in_at = {at}")).await;
    beneficiary(app, 1, t.angers, "email:b1@example.fr", "business").await;
    accompaniment(app, 1, 1, coach.id, at, 45, false).await;
    stats::settle(&app.db, now).await.expect("settle");
    (t, month)
}

fn metric(json: &serde_json::Value, month: usize, name: &str) -> serde_json::Value {
    json["months"][month]["metrics"][name].clone()
}

async fn small_counts_are_hidden_everywhere(mut app: TestApp) {
    let (_, month) = activity(&mut app).await;
    let period = format!("from={month}&to={month}");
    // Saumur: 3 people, hidden; Angers: 7, shown.
    let saumur = app.get(&format!("/api/v1/stats?territory=saumur&{period}")).await;
    saumur.assert_status(StatusCode::OK);
    let saumur = saumur.json();
    assert_eq!(metric(&saumur, 0, "people_new"), serde_json::json!({"value": null, "suppressed": true}));
    assert_eq!(metric(&saumur, 0, "attended"), serde_json::json!({"value": null, "suppressed": true}));
    assert_eq!(metric(&saumur, 0, "workshops_held"), serde_json::json!({"value": 1, "suppressed": false}));
    let angers = app.get(&format!("/api/v1/stats?territory=angers&{period}")).await.json();
    assert_eq!(metric(&angers, 0, "people_new"), serde_json::json!({"value": 7, "suppressed": false}));
    // One accompaniment: hidden, with its minutes; no figure per coach anywhere.
    assert_eq!(metric(&angers, 0, "accompaniments")["suppressed"], true);
    assert_eq!(metric(&angers, 0, "accompaniment_minutes")["suppressed"], true);
    // Zero is published.
    assert_eq!(metric(&angers, 0, "diagnostics"), serde_json::json!({"value": 0, "suppressed": false}));
    for body in [saumur.to_string(), angers.to_string()] {
        assert!(!body.contains("coach_"), "{body}");
        assert!(!body.contains("\"value\":3,") && !body.contains("\"value\":3}"), "{body}");
    }
    // The department: 7 of the public and 3 seniors; the 3 is hidden, and the 7 with it, or
    // the total (10) would give it away.
    let department = app.get(&format!("/api/v1/stats?territory=maine-et-loire&{period}")).await.json();
    let audiences = &department["months"][0]["splits"]["attended_by_audience"];
    assert_eq!(audiences["seniors"]["suppressed"], true, "{audiences}");
    assert_eq!(audiences["public"]["suppressed"], true, "{audiences}");
    assert_eq!(metric(&department, 0, "attended")["value"], 10);

    // The page and the CSV show "< 5" where the API says suppressed.
    let page = app.get(&format!("/donnees/statistiques?territoire=saumur&du={month}&au={month}")).await;
    page.assert_status(StatusCode::OK);
    let body = unescape(&page.body);
    assert!(body.contains("<td>< 5</td>"), "hidden cells on the page");
    assert!(!body.contains("<td>3</td>"), "no 3 on the page");
    assert!(!body.contains("coach_") && !body.contains("Camille"), "no coach on the page");
    assert!(page_cells(&page.body).iter().all(|[_, _, column, _]| !column.to_lowercase().contains("conseill")));
    let csv = app.get(&format!("/donnees/statistiques.csv?territoire=saumur&du={month}&au={month}")).await;
    csv.assert_status(StatusCode::OK);
    let values: Vec<String> = csv.body.lines().skip(1).map(|l| l.rsplit(';').next().unwrap_or_default().to_owned()).collect();
    assert!(values.iter().any(|v| v == "< 5"), "{}", csv.body);
    assert!(!values.iter().any(|v| v == "3"), "{}", csv.body);
    let angers_csv = app.get(&format!("/donnees/statistiques.csv?territoire=angers&du={month}&au={month}")).await;
    assert!(angers_csv.body.contains(";Nouvelles personnes touchées;7\r\n"), "{}", angers_csv.body);
    assert!(!angers_csv.body.to_lowercase().contains("coach") && !angers_csv.body.contains("conseill"));
}

async fn a_department_rolls_up_its_communes(mut app: TestApp) {
    let (_, month) = activity(&mut app).await;
    let get = async |app: &mut TestApp, slug: &str| {
        let json = app.get(&format!("/api/v1/stats?territory={slug}&from={month}&to={month}")).await.json();
        (metric(&json, 0, "seats")["value"].as_i64(), metric(&json, 0, "workshops_held")["value"].as_i64(), json)
    };
    let (angers_seats, angers_held, _) = get(&mut app, "angers").await;
    let (saumur_seats, saumur_held, _) = get(&mut app, "saumur").await;
    let (seats, held, department) = get(&mut app, "maine-et-loire").await;
    assert_eq!((angers_seats, saumur_seats), (Some(20), Some(12)));
    assert_eq!(seats, Some(20 + 12));
    assert_eq!(held, Some(angers_held.unwrap_or_default() + saumur_held.unwrap_or_default()));
    // People reached: 7 + 3, each once.
    assert_eq!(metric(&department, 0, "people_new")["value"], 10);
    assert_eq!(department["territory"], serde_json::json!({"slug": "maine-et-loire", "name": "Maine-et-Loire", "kind": "department"}));
    // The whole platform: no territory.
    let all = app.get(&format!("/api/v1/stats?from={month}&to={month}")).await.json();
    assert_eq!(all["territory"], serde_json::Value::Null);
    assert_eq!(metric(&all, 0, "seats")["value"], 32);
    // The default period: twelve months ending with the current one, each listed.
    let default = app.get("/api/v1/stats?territory=angers").await;
    default.assert_status(StatusCode::OK);
    assert_eq!(default.headers.get("cache-control").and_then(|v| v.to_str().ok()), Some("public, max-age=300"));
    let default = default.json();
    assert_eq!(default["months"].as_array().map(Vec::len), Some(12));
    assert_eq!(default["to"], Month::of(app.clock.now_ts()).to_string());
    assert_eq!(default["licence"]["id"], "etalab-2.0");
    assert_eq!(default["stock"]["listings"]["suppressed"], false);
}

/// The text of an HTML cell.
fn text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    unescape(&out).trim().to_owned()
}

/// HTML text with askama's escapes undone.
fn unescape(html: &str) -> String {
    [("&#60;", "<"), ("&#62;", ">"), ("&#39;", "'"), ("&#34;", "\""), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\"")]
        .into_iter()
        .fold(html.to_owned(), |s, (from, to)| s.replace(from, to))
        .replace("&#38;", "&")
        .replace("&amp;", "&")
}

/// Every cell of the page's statistics tables: (theme title, month, column, value).
fn page_cells(body: &str) -> Vec<[String; 4]> {
    let mut cells = Vec::new();
    for table in body.split("<table class=\"stats-table\"").skip(1) {
        let table = table.split("</table>").next().unwrap_or_default();
        let caption = text(table.split("<caption>").nth(1).and_then(|c| c.split("</caption>").next()).unwrap_or_default());
        let title = caption.split(" — ").next().unwrap_or_default().to_owned();
        let head = table.split("</thead>").next().unwrap_or_default();
        let columns: Vec<String> = head.split("<th scope=\"col\">").skip(2).map(text).collect();
        let body = table.split("<tbody>").nth(1).unwrap_or_default();
        for row in body.split("<tr>").skip(1) {
            let month = text(row.split("<th scope=\"row\">").nth(1).and_then(|c| c.split("</th>").next()).unwrap_or_default());
            let values: Vec<String> = row.split("<td>").skip(1).map(|c| text(c.split("</td>").next().unwrap_or_default())).collect();
            assert_eq!(values.len(), columns.len(), "{title} {month}");
            for (column, value) in columns.iter().zip(values) {
                cells.push([title.clone(), month.clone(), column.clone(), value]);
            }
        }
    }
    cells
}

async fn the_csv_holds_the_cells_of_the_page(mut app: TestApp) {
    let (_, month) = activity(&mut app).await;
    let query = format!("territoire=maine-et-loire&du={}&au={}", month.plus(-2), month.plus(1));
    let page = app.get(&format!("/donnees/statistiques?{query}")).await;
    page.assert_status(StatusCode::OK);
    assert!(unescape(&page.body).contains(&format!("/donnees/statistiques.csv?{query}")), "the page links its CSV");
    let from_page = page_cells(&page.body);
    assert!(from_page.len() > 40, "{}", from_page.len());
    let csv = app.get(&format!("/donnees/statistiques.csv?{query}")).await;
    csv.assert_status(StatusCode::OK);
    assert!(csv.headers["content-type"].to_str().expect("type").starts_with("text/csv"));
    // No cell needs quoting (no `;` nor `"` in the labels), so a plain split reads the CSV.
    let from_csv: Vec<[String; 4]> = csv
        .body
        .trim_start_matches('\u{feff}')
        .split("\r\n")
        .skip(1)
        .filter(|l| !l.is_empty())
        .map(|line| {
            assert!(!line.contains('"'), "{line}");
            let r: Vec<&str> = line.split(';').collect();
            assert_eq!((r.len(), r[0]), (5, "Maine-et-Loire"), "{line}");
            [r[1].to_owned(), r[2].to_owned(), r[3].to_owned(), r[4].to_owned()]
        })
        .collect();
    assert_eq!(from_page, from_csv);
}

async fn bad_periods_and_unknown_territories_are_refused(mut app: TestApp) {
    tree(&app).await;
    for (query, code) in
        [("from=2026-13", "month"), ("to=26-01", "month"), ("from=2026-05&to=2026-04", "reversed"), ("from=2010-01&to=2025-12", "too-long")]
    {
        let response = app.get(&format!("/api/v1/stats?{query}")).await;
        response.assert_status(StatusCode::BAD_REQUEST);
        assert_eq!(response.json()["error"]["code"], code, "{query}");
    }
    let unknown = app.get("/api/v1/stats?territory=atlantide").await;
    unknown.assert_status(StatusCode::NOT_FOUND);
    assert_eq!(unknown.json()["error"]["code"], "territory");
    app.get("/donnees/statistiques?territoire=atlantide").await.assert_status(StatusCode::NOT_FOUND);
    app.get("/donnees/statistiques.csv?territoire=angers&du=2026-05&au=2026-04").await.assert_status(StatusCode::BAD_REQUEST);
    let page = app.get("/donnees/statistiques?du=2026-05&au=2026-04").await;
    page.assert_status(StatusCode::BAD_REQUEST);
    assert!(unescape(&page.body).contains("Le premier mois doit précéder le dernier."));
}

async fn the_datasets_are_listed_with_their_licence(mut app: TestApp) {
    tree(&app).await;
    let page = app.get("/donnees/statistiques").await;
    page.assert_status(StatusCode::OK);
    assert!(page.body.contains("Licence Ouverte / Open Licence 2.0"));
    assert!(unescape(&page.body).contains("href=\"/api/v1/stats?territory=&from="), "links the API");
    assert!(page.body.contains("<optgroup label=\"Département\">"));
    let datasets = app.get("/donnees").await;
    datasets.assert_status(StatusCode::OK);
    assert!(datasets.body.contains("href=\"/donnees/statistiques\""));
    assert!(datasets.body.contains("Licence Ouverte 2.0 (Etalab)"));
    assert!(datasets.body.contains("ODbL"));
    let catalogue = app.get("/donnees/catalogue.json").await;
    catalogue.assert_status(StatusCode::OK);
    let catalogue = catalogue.json();
    let datasets = catalogue["dataset"].as_array().expect("datasets");
    assert!(datasets.iter().any(|d| d["identifier"] == "statistiques" && d["license"].as_str().is_some_and(|l| l.contains("etalab"))));
    assert!(datasets.iter().any(|d| d["license"].as_str().is_some_and(|l| l.contains("odbl"))));
    let spec = app.get("/api/v1/openapi.json").await.json();
    assert!(spec["paths"]["/api/v1/stats"]["get"].is_object());
}
