//! The managers' dashboard `/pilotage` and targets through the real router, on both engines:
//! each indicator on a small known data set, the roll-up along the tree, the comparison with
//! the previous period, who may see what, CSV downloads equal to the tables, and the targets
//! form (validation, save, replace, delete, CSRF).

use crate::coach_fixtures::coach;
use crate::events_staff::{account, as_user};
use crate::helpers::TestApp;
use crate::learning_fixtures::exec;
use crate::stats_fixtures::{Tree, accompaniment, beneficiary, diagnostic, listing, passport, register, tree, workshop};
use axum::http::StatusCode;
use tremplin_domain::accounts::AccountRepo;
use tremplin_domain::stats::Month;
use tremplin_domain::territories::TerritoryRepo;
use tremplin_kernel::{Clock, Email, Role};
use tremplin_store::stats;

crate::both_engines!(
    each_indicator_on_a_known_data_set,
    figures_roll_up_the_tree,
    managers_see_their_territory_and_below,
    csv_downloads_equal_the_tables,
    targets_are_checked_saved_replaced_and_deleted,
    a_bad_period_falls_back_to_the_last_twelve_months,
);

const DAY: i64 = 86_400;

/// 15 June 2026, noon in Paris: the default period is 2025-07 to 2026-06, compared with
/// 2024-07 to 2025-06.
fn set_clock(app: &TestApp) {
    let at = Month::parse("2026-06").expect("month").start() + 14 * DAY + 10 * 3600;
    app.clock.set(chrono::DateTime::from_timestamp(at, 0).expect("instant"));
}

fn may() -> i64 {
    Month::parse("2026-05").expect("month").start() + 10 * DAY + 10 * 3600
}

/// Checks in registrations.
async fn check_in(app: &TestApp, ids: &[i64], at: i64) {
    let ids = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
    exec(app, &format!("UPDATE registrations SET checked_in_at = {at} WHERE id IN ({ids})")).await;
}

async fn survey(app: &TestApp, registration: i64, event: i64, marks: [i64; 4]) {
    let [a, b, c, d] = marks;
    exec(
        app,
        &format!(
            "INSERT INTO survey_responses (registration_id, event_id, content, trainer, usefulness, recommend, comment, created_at) \
             VALUES ({registration}, {event}, {a}, {b}, {c}, {d}, '', 0)"
        ),
    )
    .await;
}

/// The known data set (see each test for what it adds up to).
async fn data(app: &mut TestApp) -> Tree {
    set_clock(app);
    let t = tree(app).await;
    let coach_id = coach(app, "coach-dash@example.fr", "coach-dash", "Camille Stat").await.id;
    let may = may();
    // Angers, this period: two workshops, p1 at both.
    workshop(app, 1, t.angers, may, 10, "public").await;
    register(app, 1, 1, "email:p1@example.fr", "confirmed").await;
    register(app, 2, 1, "email:p2@example.fr", "confirmed").await;
    register(app, 3, 1, "email:p3@example.fr", "confirmed").await;
    register(app, 4, 1, "email:p4@example.fr", "waitlisted").await;
    workshop(app, 2, t.angers, may + 7 * DAY, 10, "professionals").await;
    register(app, 5, 2, "email:p1@example.fr", "confirmed").await;
    register(app, 6, 2, "email:p5@example.fr", "confirmed").await;
    check_in(app, &[1, 2, 5, 6], may).await;
    survey(app, 1, 1, [5, 5, 4, 4]).await;
    survey(app, 2, 1, [4, 4, 4, 3]).await;
    // Angers, the previous period: one workshop, one no-show.
    let before = Month::parse("2025-03").expect("month").start() + 10 * DAY;
    workshop(app, 4, t.angers, before, 10, "public").await;
    register(app, 9, 4, "email:p7@example.fr", "confirmed").await;
    register(app, 10, 4, "email:p8@example.fr", "confirmed").await;
    check_in(app, &[9], before).await;
    // Saumur: p1 again and p6.
    workshop(app, 3, t.saumur, may, 10, "public").await;
    register(app, 7, 3, "email:p1@example.fr", "confirmed").await;
    register(app, 8, 3, "email:p6@example.fr", "confirmed").await;
    check_in(app, &[7, 8], may).await;
    // Nantes, outside the tree.
    workshop(app, 5, t.nantes, may, 10, "public").await;
    register(app, 11, 5, "email:p9@example.fr", "confirmed").await;
    check_in(app, &[11], may).await;
    // Diagnostics in Angers.
    diagnostic(app, 1, t.angers, may, 40, 80, "basic").await;
    diagnostic(app, 2, t.angers, may, 60, 30, "average").await;
    // A business and a resident accompanied in Angers; one passport each, one revoked.
    beneficiary(app, 1, t.angers, "email:p1@example.fr", "business").await;
    beneficiary(app, 2, t.angers, "email:p2@example.fr", "resident").await;
    accompaniment(app, 1, 1, coach_id, may, 90, false).await;
    accompaniment(app, 2, 2, coach_id, may, 30, true).await;
    passport(app, 1, 1, t.angers, may).await;
    passport(app, 2, 2, t.angers, may).await;
    exec(app, &format!("UPDATE passports SET revoked_at = {may} WHERE id = 2")).await;
    // Listings in Angers: four, one with a website, one with click & collect.
    listing(app, 1, "49007", "https://commerce.example.fr", false).await;
    listing(app, 2, "49007", "", true).await;
    listing(app, 3, "49007", "", false).await;
    listing(app, 4, "49007", "", false).await;
    stats::settle(&app.db, app.clock.now_ts()).await.expect("settle");
    t
}

/// A staff account of `role` in territory `slug`, logged in.
async fn staff(app: &mut TestApp, email: &str, slug: &str, role: Role) {
    account(app, email, None).await;
    let user = app.db.user_by_email(&Email::parse(email).expect("email")).await.expect("lookup").expect("user");
    let territory = app.db.territory_by_slug(slug).await.expect("lookup").expect("territory");
    app.db.grant_role(user.id, territory.id, role, None, 0).await.expect("grant");
    as_user(app, email).await;
}

async fn platform_admin(app: &mut TestApp, email: &str) {
    account(app, email, None).await;
    exec(app, &format!("UPDATE users SET is_platform_admin = TRUE WHERE email = '{email}'")).await;
    as_user(app, email).await;
}

fn unescape(text: &str) -> String {
    text.replace("&#39;", "'")
        .replace("&#38;", "&")
        .replace("&#34;", "\"")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The cells of one `<tr>`, as text.
fn cells_of(row: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = row;
    while let Some(i) = rest.find("<t") {
        let after = &rest[i + 2..];
        if !(after.starts_with('h') || after.starts_with('d')) || after.starts_with("head") {
            rest = after;
            continue;
        }
        let content = &after[after.find('>').expect("tag end") + 1..];
        let close = content.find("</t").expect("cell end");
        out.push(unescape(&content[..close]));
        rest = &content[close + 2..];
    }
    out
}

/// The rows (header row first) of the table `id` of a page, cells as text.
fn table(body: &str, id: &str) -> Vec<Vec<String>> {
    let start = body.find(&format!("id=\"table-{id}\"")).unwrap_or_else(|| panic!("table {id}"));
    let rest = &body[start..];
    let rest = &rest[..rest.find("</table>").expect("end of table")];
    rest.split("<tr>").skip(1).map(cells_of).collect()
}

/// The row of a table whose first cell is `first`.
fn row(body: &str, id: &str, first: &str) -> Vec<String> {
    table(body, id).into_iter().find(|r| r.first().is_some_and(|c| c == first)).unwrap_or_else(|| panic!("{id}: no row {first}"))
}

fn cells(values: &[&str]) -> Vec<String> {
    values.iter().map(|v| v.to_string()).collect()
}

async fn each_indicator_on_a_known_data_set(mut app: TestApp) {
    data(&mut app).await;
    staff(&mut app, "gestion@example.fr", "angers", Role::Manager).await;
    let page = app.get("/pilotage?territoire=angers").await;
    page.assert_status(StatusCode::OK);
    assert_eq!(page.headers["cache-control"], "private, no-store");
    let body = &page.body;
    // People reached: p1 counts once after two workshops; the previous period had p7.
    assert_eq!(row(body, "frequentation", "Personnes touchées (nouvelles)"), cells(&["Personnes touchées (nouvelles)", "3", "1", "+2"]));
    assert_eq!(row(body, "frequentation", "Personnes touchées depuis le début")[1..], cells(&["4", "1", "+3"]));
    assert_eq!(row(body, "frequentation", "Entreprises accompagnées (nouvelles)")[1..], cells(&["1", "0", "+1"]));
    assert_eq!(row(body, "frequentation", "Ateliers tenus")[1..], cells(&["2", "1", "+1"]));
    // 5 confirmed of 20 seats; 1 of 5 did not come. Before: 2 of 10, 1 of 2.
    assert_eq!(row(body, "frequentation", "Taux de remplissage")[1..], cells(&["25,0 %", "20,0 %", "+5,0 pts"]));
    assert_eq!(row(body, "frequentation", "Taux d'absence")[1..], cells(&["20,0 %", "50,0 %", "-30,0 pts"]));
    assert_eq!(row(body, "publics", "Grand public")[1..3], cells(&["2", "1"]));
    assert_eq!(row(body, "publics", "Professionnels")[1..3], cells(&["2", "0"]));
    // (18 + 15) / (4 × 2) = 4.125.
    assert_eq!(row(body, "resultats", "Satisfaction")[1..3], cells(&["4,1 / 5", "—"]));
    assert_eq!(row(body, "resultats", "Diagnostics réalisés")[1], "2");
    assert_eq!(row(body, "axes", "Présence en ligne")[1], "55,0 %");
    assert_eq!(row(body, "axes", "strategy")[1], "50,0 %");
    assert_eq!(row(body, "niveaux", "Débutant")[1], "1");
    assert_eq!(row(body, "resultats", "Passeports délivrés (valides)")[1], "1");
    assert_eq!(row(body, "passeports", "2026-05")[1..], cells(&["1", "1"]));
    // Coverage and coaching.
    assert_eq!(row(body, "annuaire", "Fiches publiées")[1..], cells(&["4", "100,0 %"]));
    assert_eq!(row(body, "annuaire", "Avec un site internet")[1..], cells(&["1", "25,0 %"]));
    assert_eq!(row(body, "annuaire", "Avec le retrait en magasin (click & collect)")[1..], cells(&["1", "25,0 %"]));
    assert_eq!(row(body, "accompagnement", "Accompagnements réalisés")[1], "1");
    assert_eq!(row(body, "accompagnement", "Heures d'accompagnement")[1], "1,5 h");
    assert_eq!(row(body, "accompagnement", "Accompagnements manqués")[1], "1");
    assert_eq!(row(body, "conseillers", "Camille Stat"), cells(&["Camille Stat", "1", "1,5 h"]));
    // Every label is translated (a missing message would show its key).
    for key in [">dash-", ">target-", "\"dash-", ": dash-"] {
        assert!(!body.contains(key), "untranslated {key}");
    }
    // Charts are drawn with their label.
    for chart in ["personnes", "ateliers", "diagnostics", "passeports"] {
        assert!(body.contains(&format!("id=\"chart-{chart}\" role=\"img\" aria-label=")), "{chart}");
    }

    // A passport target: 10 by the end of the year from January; 1 so far, 9 over 7 months.
    app.post_form(
        "/pilotage/objectifs?territoire=angers",
        &[("indicator", "passports"), ("value", "10"), ("starts_on", "2026-01-01"), ("ends_on", "2026-12-31")],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    let page = app.get("/pilotage?territoire=angers").await;
    let target = row(&page.body, "objectifs", "Passeports délivrés (valides)");
    // 1 in the last three months: 9 more take 27 months, from June 2026.
    assert_eq!(target[1..], cells(&["10", "2026-01-01", "2026-12-31", "1", "9", "2", "0,3", "2028-08 (après l'échéance)"]));
    // The target line of the passports chart: 10 + the 0 valid before January.
    assert_eq!(row(&page.body, "passeports", "2026-05")[1..], cells(&["1", "1", "10"]));
}

async fn figures_roll_up_the_tree(mut app: TestApp) {
    data(&mut app).await;
    staff(&mut app, "dept@example.fr", "maine-et-loire", Role::Manager).await;
    let angers = app.get("/pilotage?territoire=angers").await.body;
    let saumur = app.get("/pilotage?territoire=saumur").await.body;
    let department = app.get("/pilotage?territoire=maine-et-loire").await.body;
    let held = |body: &str| row(body, "frequentation", "Ateliers tenus")[1].parse::<i64>().expect("number");
    let attended = |body: &str| row(body, "frequentation", "Présences aux ateliers")[1].parse::<i64>().expect("number");
    assert_eq!((held(&angers), held(&saumur), held(&department)), (2, 1, 3));
    assert_eq!(attended(&department), attended(&angers) + attended(&saumur));
    // People reached count once in the department: p1 came to Angers and Saumur.
    let people = |body: &str| row(body, "frequentation", "Personnes touchées (nouvelles)")[1].clone();
    assert_eq!((people(&angers), people(&saumur), people(&department)), ("3".into(), "2".into(), "4".into()));
    // The platform adds Nantes.
    platform_admin(&mut app, "admin@example.fr").await;
    let all = app.get("/pilotage").await;
    all.assert_status(StatusCode::OK);
    assert!(all.body.contains("Tous les territoires"));
    assert_eq!(held(&all.body), 4);
    assert_eq!(people(&all.body), "5");
    assert_eq!(held(&app.get("/pilotage?territoire=").await.body), 4);
}

async fn managers_see_their_territory_and_below(mut app: TestApp) {
    data(&mut app).await;
    staff(&mut app, "angers@example.fr", "angers", Role::Manager).await;
    let landing = app.get("/pilotage").await;
    landing.assert_status(StatusCode::OK);
    assert!(landing.body.contains("Tableau de bord — Angers"), "lands on their territory");
    assert!(!landing.body.contains("Tous les territoires"));
    app.get("/pilotage?territoire=maine-et-loire").await.assert_status(StatusCode::FORBIDDEN);
    app.get("/pilotage?territoire=nantes").await.assert_status(StatusCode::FORBIDDEN);
    app.get("/pilotage/export.csv?territoire=nantes&tableau=frequentation").await.assert_status(StatusCode::FORBIDDEN);
    app.get("/pilotage/objectifs?territoire=saumur").await.assert_status(StatusCode::FORBIDDEN);
    let account = app.get("/compte").await;
    assert!(account.body.contains("href=\"/pilotage?territoire=angers\""), "linked from the account page");

    staff(&mut app, "dept@example.fr", "maine-et-loire", Role::Manager).await;
    let department = app.get("/pilotage?territoire=angers").await;
    department.assert_status(StatusCode::OK);
    // The selector lists the department and, indented, its communes; not Nantes.
    assert!(department.body.contains("<option value=\"saumur\">\u{a0}\u{a0}\u{a0}Saumur</option>"), "{}", department.body);
    assert!(!department.body.contains("<option value=\"nantes\""));
    app.get("/pilotage?territoire=saumur").await.assert_status(StatusCode::OK);
    app.get("/pilotage?territoire=nantes").await.assert_status(StatusCode::FORBIDDEN);
    app.get("/pilotage?territoire=").await.assert_status(StatusCode::OK);

    staff(&mut app, "membre@example.fr", "angers", Role::Member).await;
    app.get("/pilotage").await.assert_status(StatusCode::FORBIDDEN);
    app.get("/pilotage?territoire=angers").await.assert_status(StatusCode::FORBIDDEN);
    staff(&mut app, "formation@example.fr", "angers", Role::Trainer).await;
    app.get("/pilotage?territoire=angers").await.assert_status(StatusCode::FORBIDDEN);
    app.new_visitor();
    let anonymous = app.get("/pilotage").await;
    assert_eq!(anonymous.status, StatusCode::SEE_OTHER);
    assert!(anonymous.location().starts_with("/connexion"));
}

async fn csv_downloads_equal_the_tables(mut app: TestApp) {
    data(&mut app).await;
    staff(&mut app, "gestion@example.fr", "angers", Role::Manager).await;
    let query = "territoire=angers&du=2026-01&au=2026-06";
    let page = app.get(&format!("/pilotage?{query}")).await;
    for id in ["frequentation", "personnes", "ateliers", "passeports", "axes", "conseillers", "annuaire"] {
        let csv = app.get(&format!("/pilotage/export.csv?{query}&tableau={id}")).await;
        csv.assert_status(StatusCode::OK);
        assert_eq!(csv.headers["cache-control"], "private, no-store");
        let lines: Vec<Vec<String>> = csv
            .body
            .trim_start_matches('\u{feff}')
            .lines()
            // The CSV writer defuses cells starting with `+` (a change) with an apostrophe.
            .map(|l| l.split(';').map(|c| c.trim_matches('"').trim_start_matches('\'').to_owned()).collect())
            .collect();
        assert_eq!(lines, table(&page.body, id), "{id}");
    }
    let months = table(&page.body, "personnes");
    assert_eq!(months.len(), 7, "six months and the headers");
    app.get(&format!("/pilotage/export.csv?{query}&tableau=nope")).await.assert_status(StatusCode::NOT_FOUND);
}

async fn targets_are_checked_saved_replaced_and_deleted(mut app: TestApp) {
    data(&mut app).await;
    staff(&mut app, "gestion@example.fr", "angers", Role::Manager).await;
    let page = app.get("/pilotage/objectifs?territoire=angers").await;
    page.assert_status(StatusCode::OK);
    assert_eq!(page.headers["cache-control"], "private, no-store");
    let url = "/pilotage/objectifs?territoire=angers";
    let bad = app.post_form(url, &[("indicator", "nope"), ("value", "0"), ("starts_on", "01/01/2026"), ("ends_on", "")]).await;
    bad.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    for message in [
        "Choisissez un indicateur dans la liste.",
        "Indiquez un nombre entier entre 1 et 10 000 000.",
        "Indiquez la date de début au format AAAA-MM-JJ.",
        "Indiquez l&#39;échéance au format AAAA-MM-JJ.",
    ] {
        assert!(bad.body.contains(message), "{message}");
    }
    assert!(bad.body.contains("value=\"01/01/2026\""), "input kept");
    let big = app
        .post_form(url, &[("indicator", "passports"), ("value", "10000001"), ("starts_on", "2026-01-01"), ("ends_on", "2027-01-01")])
        .await;
    big.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(big.body.contains("value=\"10000001\"") && big.body.contains("<option value=\"passports\" selected>"));
    let order =
        app.post_form(url, &[("indicator", "passports"), ("value", "10"), ("starts_on", "2027-01-01"), ("ends_on", "2026-01-01")]).await;
    order.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(order.body.contains("L&#39;échéance doit être après la date de début."));
    assert_eq!(app.count("stat_targets").await, 0);

    let fields =
        |value: &'static str| [("indicator", "people_reached"), ("value", value), ("starts_on", "2026-01-01"), ("ends_on", "2026-12-31")];
    app.post_form(url, &fields("100")).await.assert_status(StatusCode::SEE_OTHER);
    app.post_form(url, &fields("120")).await.assert_status(StatusCode::SEE_OTHER);
    assert_eq!(app.count("stat_targets").await, 1, "replaced");
    let page = app.get(url).await;
    let target = row(&page.body, "objectifs", "Personnes formées (touchées par un atelier)");
    // 3 people reached in Angers since January; 117 over the 7 months left.
    assert_eq!(target[1..7], cells(&["120", "2026-01-01", "2026-12-31", "3", "117", "17"]));

    let id: i64 = {
        let marker = "/pilotage/objectifs/";
        let at = page.body.find(marker).expect("delete link") + marker.len();
        page.body[at..].split('/').next().expect("id").parse().expect("id")
    };
    let confirm = app.get(&format!("/pilotage/objectifs/{id}/supprimer?territoire=angers")).await;
    confirm.assert_status(StatusCode::OK);
    assert!(confirm.body.contains("Supprimer l&#39;objectif"));
    // Without the CSRF token, refused.
    app.post_raw(&format!("/pilotage/objectifs/{id}/supprimer?territoire=angers"), &[], &[]).await.assert_status(StatusCode::FORBIDDEN);
    assert_eq!(app.count("stat_targets").await, 1);
    app.post_form(&format!("/pilotage/objectifs/{id}/supprimer?territoire=angers"), &[]).await.assert_status(StatusCode::SEE_OTHER);
    assert_eq!(app.count("stat_targets").await, 0);
    // Another territory's manager cannot delete or set Angers' targets.
    staff(&mut app, "nantes@example.fr", "nantes", Role::Manager).await;
    app.get("/pilotage/objectifs?territoire=nantes").await;
    app.post_form(url, &fields("5")).await.assert_status(StatusCode::FORBIDDEN);
    assert_eq!(app.count("stat_targets").await, 0);
}

async fn a_bad_period_falls_back_to_the_last_twelve_months(mut app: TestApp) {
    data(&mut app).await;
    staff(&mut app, "gestion@example.fr", "angers", Role::Manager).await;
    for query in ["du=2026-13&au=2026-06", "du=2026-06&au=2026-01", "du=n'importe&au=quoi"] {
        let page = app.get(&format!("/pilotage?territoire=angers&{query}")).await;
        page.assert_status(StatusCode::OK);
        assert!(page.body.contains("Période invalide"), "{query}");
        assert!(page.body.contains("Période du 2025-07 au 2026-06"), "{query}");
    }
    let page = app.get("/pilotage?territoire=angers&du=2026-05&au=2026-05").await;
    assert!(page.body.contains("comparée à celle du 2026-04 au 2026-04"));
    assert_eq!(row(&page.body, "frequentation", "Ateliers tenus")[1..], cells(&["2", "0", "+2"]));
}
