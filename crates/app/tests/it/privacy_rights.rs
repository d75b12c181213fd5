//! A person's rights through the real router, on both engines: the catalogue covers every
//! table with a person column; an account holder sees and downloads their data and erases it
//! (statistics identical, no trace of the e-mail, name or phone left in any text column);
//! people without an account do both through a single-use, expiring, rate-limited link.

use crate::helpers::TestApp;
use crate::learning_fixtures::exec;
use crate::privacy_fixtures::{EMAIL, NAME, PHONE, beneficiary, columns, holding, registration, survey};
use crate::stats_fixtures::{accompaniment, diagnostic, passport, tree, workshop};
use axum::http::{StatusCode, header};
use std::collections::BTreeSet;
use tremplin_domain::privacy::catalogue::{NOT_PERSONAL, PERSON_COLUMNS, PERSONAL_TABLES};
use tremplin_kernel::Clock;
use tremplin_store::stats;

crate::both_engines!(
    every_table_with_a_person_column_has_a_rule,
    an_account_holder_sees_and_downloads_their_data,
    erasure_keeps_statistics_identical_and_leaves_no_trace,
    erasure_needs_the_password_and_the_box,
    a_person_without_account_uses_single_use_links,
    link_requests_are_rate_limited
);

const PASSWORD: &str = "une phrase de passe solide";

async fn every_table_with_a_person_column_has_a_rule(app: TestApp) {
    let columns = columns(&app).await;
    let tables: BTreeSet<&str> = columns.iter().map(|(t, _, _)| t.as_str()).collect();
    let with_person: BTreeSet<&str> =
        columns.iter().filter(|(_, c, _)| PERSON_COLUMNS.contains(&c.as_str())).map(|(t, _, _)| t.as_str()).collect();
    assert!(with_person.len() > 25, "the schema has many tables about people: {with_person:?}");
    let uncovered: Vec<&&str> = with_person
        .iter()
        .filter(|t| !PERSONAL_TABLES.iter().any(|p| p.table == **t) && !NOT_PERSONAL.iter().any(|(n, _)| n == *t))
        .collect();
    assert!(uncovered.is_empty(), "tables with personal data and no rule in domain::privacy::catalogue: {uncovered:?}");
    // Every rule names a real table and every table of the download has a condition that
    // finds the person's rows.
    let subject = tremplin_store::privacy::Subject { user_id: Some(1), email: EMAIL.into() };
    for p in PERSONAL_TABLES {
        assert!(tables.contains(p.table), "{} is not a table", p.table);
        assert!(tremplin_store::privacy::condition(p.table, &subject).is_some(), "no condition for {}", p.table);
    }
}

/// An account for [`EMAIL`] with activity in Angers: two registrations (one attended, with
/// a survey comment), a coaching file with a follow-up and a passport, a diagnostic.
async fn person_with_activity(app: &mut TestApp) -> (i64, crate::stats_fixtures::Tree) {
    let tree = tree(app).await;
    app.new_visitor();
    app.sign_up(EMAIL, PASSWORD).await;
    exec(app, &format!("UPDATE users SET display_name = '{NAME}' WHERE email = '{EMAIL}'")).await;
    let user_id: i64 = {
        let sql = format!("SELECT id FROM users WHERE email = '{EMAIL}'");
        match &app.db {
            tremplin_store::Db::Sqlite(p) => sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).fetch_one(p).await.expect("user"),
            tremplin_store::Db::Pg(p) => sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).fetch_one(p).await.expect("user"),
        }
    };
    let past = app.clock.now_ts() - 60 * 86_400;
    workshop(app, 1, tree.angers, past, 10, "professionals").await;
    workshop(app, 2, tree.saumur, past + 86_400, 10, "professionals").await;
    registration(app, 1, 1, EMAIL, NAME, true).await;
    registration(app, 2, 2, EMAIL, NAME, false).await;
    survey(app, 1, 1, &format!("Merci, {NAME} a adoré")).await;
    // Somebody else, in the same workshops.
    registration(app, 3, 1, "autre@example.fr", "Autre Personne", true).await;
    registration(app, 4, 2, "autre@example.fr", "Autre Personne", true).await;
    beneficiary(app, 1, tree.angers, EMAIL, NAME).await;
    exec(app, "INSERT INTO users (id, email, display_name, locale, is_platform_admin, created_at) VALUES (900, 'coach@example.fr', 'Coach', 'fr', FALSE, 0)").await;
    exec(
        app,
        &format!(
            "INSERT INTO coaches (id, user_id, territory_id, slug, display_name, structure_kind, structure_name, presentation, themes, \
             languages, audiences, zone_communes, base_address, modalities, accessibility, appointment_minutes, buffer_minutes, \
             max_per_day, notice_hours, horizon_days, feed_secret, active, booking_turn, created_at, updated_at) VALUES \
             (1, 900, {}, 'coach', 'Coach', 'cci', 'CCI', '', '', '', '', '', '', '', '', 60, 0, 4, 24, 30, 'f', TRUE, 0, 0, 0)",
            tree.angers
        ),
    )
    .await;
    accompaniment(app, 1, 1, 1, past, 45, false).await;
    exec(app, &format!("UPDATE accompaniments SET summary = 'Site de {NAME} en ligne' WHERE id = 1")).await;
    passport(app, 1, 1, tree.angers, past).await;
    exec(app, &format!("UPDATE passports SET holder_name = '{NAME}' WHERE id = 1")).await;
    diagnostic(app, 1, tree.angers, past, 40, 60, "intermediate").await;
    exec(app, &format!("UPDATE diagnostics SET user_id = {user_id} WHERE id = 1")).await;
    (user_id, tree)
}

async fn an_account_holder_sees_and_downloads_their_data(mut app: TestApp) {
    person_with_activity(&mut app).await;
    app.new_visitor();
    app.log_in(EMAIL, PASSWORD).await;
    let page = app.get("/compte/donnees").await;
    page.assert_status(StatusCode::OK);
    assert_eq!(page.headers[header::CACHE_CONTROL], "private, no-store");
    for expected in ["Inscriptions aux ateliers", "accompagnement", "Diagnostics numériques", "Passeports numériques", PHONE] {
        assert!(page.body.contains(expected), "the page shows {expected}: {}", page.body);
    }
    assert!(page.body.contains("Merci, Zéphyrine Quasimodo a adoré"), "the survey comment is shown");
    assert!(!page.body.contains("autre@example.fr"), "nobody else's data");
    let file = app.get("/compte/donnees.json").await;
    file.assert_status(StatusCode::OK);
    assert!(file.headers[header::CONTENT_DISPOSITION].to_str().expect("ASCII").starts_with("attachment"));
    assert_eq!(file.headers[header::CACHE_CONTROL], "private, no-store");
    let json = file.json();
    assert_eq!(json["email"], EMAIL);
    let tables = &json["tables"];
    assert_eq!(tables["registrations"].as_array().map(Vec::len), Some(2));
    assert_eq!(tables["registrations"][0]["name"], NAME);
    assert_eq!(tables["survey_responses"].as_array().map(Vec::len), Some(1));
    assert_eq!(tables["accompaniments"][0]["summary"], format!("Site de {NAME} en ligne"));
    assert_eq!(tables["passports"][0]["holder_name"], NAME);
    assert_eq!(tables["users"][0]["display_name"], NAME);
    assert!(tables["users"][0].get("password_hash").is_none(), "secrets stay out of the file");
    assert!(tables["registrations"][0].get("secret").is_none());
    // The account page links to both.
    let account = app.get("/compte").await;
    assert!(account.body.contains("/compte/donnees") && account.body.contains("/compte/effacement"));
    // Logged out, the pages ask for a login.
    app.new_visitor();
    assert_eq!(app.get("/compte/donnees.json").await.status, StatusCode::SEE_OTHER);
}

async fn erasure_keeps_statistics_identical_and_leaves_no_trace(mut app: TestApp) {
    let (user_id, _) = person_with_activity(&mut app).await;
    let now = app.clock.now_ts();
    stats::settle(&app.db, now).await.expect("settle");
    let before = stats::stored(&app.db).await.expect("stored");
    assert!(before.rollup.values().any(|v| *v > 0) && before.reach.len() >= 4, "activity counted: {:?}", before.reach);

    app.new_visitor();
    app.log_in(EMAIL, PASSWORD).await;
    let page = app.get("/compte/effacement").await;
    page.assert_status(StatusCode::OK);
    assert!(page.body.contains("Ce qui sera effacé") && page.body.contains("name=\"password\""));
    let done = app.post_form("/compte/effacement", &[("password", PASSWORD), ("confirm", "yes")]).await;
    done.assert_status(StatusCode::OK);
    assert!(done.body.contains("Vos données sont effacées"));
    // Logged out (and, at the end, the account cannot log in again).
    assert_eq!(app.get("/compte").await.status, StatusCode::SEE_OTHER);

    stats::settle(&app.db, now).await.expect("settle");
    let after = stats::stored(&app.db).await.expect("stored");
    assert_eq!(before.rollup, after.rollup, "every aggregate is identical after the erasure");
    let per_month = |s: &stats::Snapshot| s.reach.iter().map(|((k, t, _), m)| (k.clone(), *t, m.clone())).collect::<Vec<_>>();
    let (mut a, mut b) = (per_month(&before), per_month(&after));
    a.sort();
    b.sort();
    assert_eq!(a, b, "each person still counts once, in the same month");
    assert_ne!(before.reach.keys().collect::<Vec<_>>(), after.reach.keys().collect::<Vec<_>>(), "the person's hash changed");
    let recount = stats::recount(&app.db, now).await.expect("recount");
    assert_eq!(recount.rollup, after.rollup, "the stored aggregates equal a full recount");

    for needle in [EMAIL, NAME, PHONE, "Quasimodo"] {
        assert_eq!(holding(&app, needle).await, Vec::<(String, String)>::new(), "{needle} is left somewhere");
    }
    // The other person is untouched; the rows are still there, anonymised.
    assert_eq!(app.count_where("registrations", "email", "autre@example.fr").await, 2);
    assert_eq!(app.count("registrations").await, 4);
    assert_eq!(app.count("survey_responses").await, 1);
    assert_eq!(app.count("accompaniments").await, 1);
    assert_eq!(app.count_where("users", "email", &format!("erased-{user_id}@erased.invalid")).await, 1);
    assert_eq!(app.count_where("passports", "holder_name", "").await, 1, "the passport stays, without the name");
    app.get("/connexion").await;
    let login = app.post_form("/connexion", &[("email", EMAIL), ("password", PASSWORD)]).await;
    assert_ne!(login.status, StatusCode::SEE_OTHER, "the erased account cannot log in");
}

async fn erasure_needs_the_password_and_the_box(mut app: TestApp) {
    person_with_activity(&mut app).await;
    app.new_visitor();
    app.log_in(EMAIL, PASSWORD).await;
    app.get("/compte/effacement").await;
    let wrong = app.post_form("/compte/effacement", &[("password", "pas le bon mot de passe"), ("confirm", "yes")]).await;
    wrong.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong.body.contains("Ce mot de passe n") && wrong.body.contains("est pas le bon."), "{}", wrong.body);
    assert!(wrong.body.contains("role=\"alert\""));
    let unticked = app.post_form("/compte/effacement", &[("password", PASSWORD)]).await;
    unticked.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unticked.body.contains("Cochez la case"));
    let without_token = app.post_raw("/compte/effacement", &[("password", PASSWORD), ("confirm", "yes")], &[]).await;
    assert_eq!(without_token.status, StatusCode::FORBIDDEN);
    assert_eq!(app.count_where("registrations", "email", EMAIL).await, 2, "nothing erased");
    assert_eq!(app.count_where("users", "email", EMAIL).await, 1);
}

async fn a_person_without_account_uses_single_use_links(mut app: TestApp) {
    let tree = tree(&app).await;
    workshop(&app, 1, tree.angers, app.clock.now_ts() - 86_400, 10, "professionals").await;
    registration(&app, 1, 1, EMAIL, NAME, true).await;
    app.new_visitor();
    let form = app.get("/donnees-personnelles").await;
    form.assert_status(StatusCode::OK);
    let known = app.post_form("/donnees-personnelles", &[("email", EMAIL), ("purpose", "download")]).await;
    known.assert_status(StatusCode::OK);
    let unknown = app.post_form("/donnees-personnelles", &[("email", "inconnu@example.fr"), ("purpose", "download")]).await;
    unknown.assert_status(StatusCode::OK);
    assert_eq!(known.body, unknown.body, "the same answer whether or not the address is known");
    app.run_pending_jobs().await;
    assert!(app.sent_mail().iter().all(|m| m.to != "inconnu@example.fr"), "no mail to a stranger");
    let link = app.last_link(EMAIL, "http://localhost/donnees-personnelles/lien/");
    let page = app.get(&link).await;
    page.assert_status(StatusCode::OK);
    let file = app.post_form(&link, &[("format", "json")]).await;
    file.assert_status(StatusCode::OK);
    assert_eq!(file.json()["tables"]["registrations"][0]["name"], NAME);
    let again = app.post_form(&link, &[("format", "page")]).await;
    assert_eq!(again.status, StatusCode::GONE, "a link works once");
    // A download link does not erase.
    let wrong_purpose = app.post_form(&link.replace("/lien/", "/effacement/"), &[("confirm", "yes")]).await;
    assert_eq!(wrong_purpose.status, StatusCode::GONE);

    // Erasure by link: expired after an hour, then a fresh one used.
    app.post_form("/donnees-personnelles", &[("email", EMAIL), ("purpose", "erase")]).await.assert_status(StatusCode::OK);
    app.run_pending_jobs().await;
    let erase = app.last_link(EMAIL, "http://localhost/donnees-personnelles/effacement/");
    app.clock.advance(chrono::TimeDelta::seconds(3601));
    assert_eq!(app.get(&erase).await.status, StatusCode::GONE, "expired");
    app.post_form("/donnees-personnelles", &[("email", EMAIL), ("purpose", "erase")]).await.assert_status(StatusCode::OK);
    app.run_pending_jobs().await;
    let erase = app.last_link(EMAIL, "http://localhost/donnees-personnelles/effacement/");
    app.get(&erase).await.assert_status(StatusCode::OK);
    app.post_form(&erase, &[]).await.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    app.post_form(&erase, &[("confirm", "yes")]).await.assert_status(StatusCode::OK);
    assert_eq!(app.count_where("registrations", "name", NAME).await, 0);
    assert_eq!(app.count("registrations").await, 1, "the registration stays, anonymised");
    stats::settle(&app.db, app.clock.now_ts()).await.expect("settle");
    assert_eq!(holding(&app, EMAIL).await, Vec::<(String, String)>::new(), "the address is nowhere, links and mail included");
}

async fn link_requests_are_rate_limited(mut app: TestApp) {
    app.new_visitor();
    app.get("/donnees-personnelles").await;
    for _ in 0..3 {
        app.post_form("/donnees-personnelles", &[("email", EMAIL), ("purpose", "download")]).await.assert_status(StatusCode::OK);
    }
    let limited = app.post_form("/donnees-personnelles", &[("email", EMAIL), ("purpose", "download")]).await;
    limited.assert_status(StatusCode::TOO_MANY_REQUESTS);
    let invalid = app.post_form("/donnees-personnelles", &[("email", "pas-une-adresse"), ("purpose", "download")]).await;
    invalid.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(invalid.body.contains("value=\"pas-une-adresse\""), "the input is kept");
}
