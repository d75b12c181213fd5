//! Managers' coaching statistics on a small known set, on both engines: per coach (booked,
//! held, cancelled, no-shows and their rate, records, hours, beneficiaries), the themes asked
//! for, the time to first appointment; the CSV holds the numbers of the table.

use crate::coach_fixtures::{booking, coach, slots};
use crate::coaching_records::{form_path, record};
use crate::events_staff::{account, as_user};
use crate::helpers::TestApp;
use axum::http::StatusCode;
use chrono::TimeDelta;
use tremplin_domain::coaching::commands::book_slot;
use tremplin_domain::coaching::{Appointment, Coach};
use tremplin_kernel::{Locale, Role};
use tremplin_store::Db;

crate::both_engines!(statistics_count_a_known_set_and_the_csv_matches_the_table, statistics_are_for_managers_with_a_valid_period,);

/// Books person `n` with `coach` at free slot number `slot`, asking for `themes`.
async fn book(app: &TestApp, coach: &Coach, n: usize, slot: usize, themes: &[&str]) -> Appointment {
    let mut form = booking(n, slots(app, coach, 14).await[slot]);
    form.themes = themes.iter().map(|t| (*t).to_owned()).collect();
    book_slot(&app.db, &app.clock, coach, &form, Locale::Fr).await.expect("booked").0
}

/// Marks an appointment cancelled, as the booking part's cancel would (the slot is freed).
async fn cancel(app: &TestApp, appointment: &Appointment) {
    let sql = sqlx::AssertSqlSafe(format!(
        "UPDATE appointments SET status = 'cancelled', cancelled_at = created_at WHERE id = {}",
        appointment.id
    ));
    match &app.db {
        Db::Sqlite(pool) => sqlx::query(sql).execute(pool).await.map(|_| ()),
        Db::Pg(pool) => sqlx::query(sql).execute(pool).await.map(|_| ()),
    }
    .expect("cancelled");
}

/// The cells of each body row of the table `id` (tags stripped).
fn table_rows(html: &str, id: &str) -> Vec<Vec<String>> {
    let start = html.find(&format!(r#"<table id="{id}">"#)).unwrap_or_else(|| panic!("no table {id}"));
    let table = &html[start..start + html[start..].find("</table>").expect("end of table")];
    let body = &table[table.find("<tbody>").expect("tbody")..];
    body.split("<tr>")
        .skip(1)
        .map(|row| {
            row.split(['<', '>'])
                .enumerate()
                .filter(|(i, _)| i % 2 == 0)
                .map(|(_, text)| text.trim().to_owned())
                .filter(|text| !text.is_empty())
                .collect()
        })
        .collect()
}

/// A days figure as the page writes it in French.
fn days(seconds: &[i64], median: bool) -> String {
    let mut values: Vec<f64> = seconds.iter().map(|s| *s as f64 / 86_400.0).collect();
    values.sort_by(f64::total_cmp);
    let value = if median {
        let n = values.len();
        if n % 2 == 1 { values[n / 2] } else { (values[n / 2 - 1] + values[n / 2]) / 2.0 }
    } else {
        values.iter().sum::<f64>() / values.len() as f64
    };
    format!("{value:.1}").replace('.', ",")
}

async fn statistics_count_a_known_set_and_the_csv_matches_the_table(mut app: TestApp) {
    let camille = coach(&mut app, "camille@example.fr", "camille", "Camille Conseil").await;
    let dominique = coach(&mut app, "dominique@example.fr", "dominique", "Dominique Appui").await;
    account(&mut app, "gestion@example.fr", Some(Role::Manager)).await;
    let held = book(&app, &camille, 1, 0, &["website"]).await;
    let missed = book(&app, &camille, 2, 1, &["website", "social_networks"]).await;
    let cancelled = book(&app, &camille, 3, 2, &["security"]).await;
    let other = book(&app, &dominique, 4, 0, &["website"]).await;
    cancel(&app, &cancelled).await;
    // A week later, Camille records the first appointment (90 minutes) and the no-show.
    app.clock.advance(TimeDelta::days(8));
    as_user(&mut app, "camille@example.fr").await;
    let mut long = record("Boutique en ligne ouverte.");
    long.retain(|(name, _)| *name != "duration");
    long.push(("duration", "90"));
    app.post_form(&form_path(&held), &long).await.assert_status(StatusCode::SEE_OTHER);
    app.post_form(&form_path(&missed), &[("no_show", "1")]).await.assert_status(StatusCode::SEE_OTHER);

    as_user(&mut app, "gestion@example.fr").await;
    let page = app.get("/territoires/angers/coachs/activite").await;
    page.assert_status(StatusCode::OK);
    let rows = table_rows(&page.body, "per-coach");
    // Coach, booked, held, cancelled, no-shows, rate, records, hours, beneficiaries, per week, load.
    assert_eq!(rows[0][..9], ["Camille Conseil", "3", "1", "1", "1", "50 %", "2", "1,5", "2"]);
    assert_eq!(rows[1][..9], ["Dominique Appui", "1", "1", "0", "0", "0 %", "0", "0,0", "1"]);
    let themes = table_rows(&page.body, "themes");
    assert_eq!(themes, [vec!["Site internet", "3"], vec!["Réseaux sociaux", "1"]], "cancelled appointments ask for nothing");
    // Each of the four people booked once: their delays, from booking to the appointment.
    let delays: Vec<i64> = [&held, &missed, &cancelled, &other].iter().map(|a| a.starts_at - a.created_at).collect();
    let first = &page.body[page.body.find(r#"id="first-appointment""#).expect("first appointment")..];
    assert!(first.contains("<dd>4</dd>"), "four first bookings");
    assert!(first.contains(&format!("<dd>{}</dd>", days(&delays, true))), "median of {delays:?}");
    assert!(first.contains(&format!("<dd>{}</dd>", days(&delays, false))), "average of {delays:?}");

    let csv = app.get("/territoires/angers/coachs/activite.csv").await;
    csv.assert_status(StatusCode::OK);
    let lines: Vec<Vec<String>> =
        csv.body.trim_start_matches('\u{feff}').lines().map(|l| l.split(';').map(str::to_owned).collect()).collect();
    assert_eq!(lines[0][0], "Conseiller");
    assert_eq!(lines[1..], rows[..], "the CSV holds the table's numbers");

    // A period before the bookings has none.
    let before = app.get("/territoires/angers/coachs/activite?du=2020-01-01&au=2020-03-31").await;
    assert_eq!(table_rows(&before.body, "per-coach")[0][..9], ["Camille Conseil", "0", "0", "0", "0", "—", "0", "0,0", "0"]);
}

async fn statistics_are_for_managers_with_a_valid_period(mut app: TestApp) {
    coach(&mut app, "camille@example.fr", "camille", "Camille Conseil").await;
    account(&mut app, "gestion@example.fr", Some(Role::Manager)).await;
    as_user(&mut app, "camille@example.fr").await;
    app.get("/territoires/angers/coachs/activite").await.assert_status(StatusCode::FORBIDDEN);
    app.get("/territoires/angers/coachs/activite.csv").await.assert_status(StatusCode::FORBIDDEN);
    as_user(&mut app, "gestion@example.fr").await;
    let bad = app.get("/territoires/angers/coachs/activite?du=hier").await;
    bad.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains(r#"role="alert""#) && bad.body.contains(r#"value="hier""#));
    app.get("/territoires/angers/coachs/activite?du=2026-10-31&au=2026-10-01").await.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    app.new_visitor();
    assert_eq!(app.get("/territoires/angers/coachs/activite").await.status, StatusCode::SEE_OTHER);
}
