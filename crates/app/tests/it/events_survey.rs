//! The satisfaction survey through the real router: one answer per registration, refused
//! input kept, wrong-purpose tokens refused, and the staff's results (averages hidden below
//! three answers).

use crate::event_fixtures::session;
use crate::events_staff::{account, registered, trained_session};
use crate::helpers::TestApp;
use axum::http::StatusCode;
use tremplin_domain::events::tokens::{Purpose, check_in_path, survey_path, token_for};
use tremplin_kernel::{Locale, Role};

fn answers(content: &'static str, comment: &'static str) -> Vec<(&'static str, &'static str)> {
    vec![("content", content), ("trainer", "4"), ("usefulness", "3"), ("recommend", "5"), ("comment", comment)]
}

async fn one_answer_per_registration(mut app: TestApp) {
    let event = session(&app, "atelier-avis", 5, 1).await;
    let lea = registered(&app, &event, 1).await;
    let link = survey_path(&lea.public_id, &lea.secret);
    // Before the session ends, the survey is not open.
    app.get(&link).await.assert_status(StatusCode::NOT_FOUND);
    app.clock.advance(chrono::TimeDelta::days(1) + chrono::TimeDelta::hours(3));

    let form = app.get(&link).await;
    form.assert_status(StatusCode::OK);
    assert!(form.body.contains("<legend>Contenu de l") && form.body.contains("type=\"radio\" name=\"recommend\" value=\"5\""));
    let refused = app.post_form(&link, &[("content", "9"), ("trainer", "4"), ("comment", "Texte gardé")]).await;
    refused.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("Choisissez une note de 1 à 5.") && refused.body.contains("Texte gardé"));
    assert!(refused.body.contains("name=\"trainer\" value=\"4\" checked"), "ticked scores kept");
    let long = "x".repeat(2_001);
    let too_long =
        app.post_form(&link, &[("content", "5"), ("trainer", "4"), ("usefulness", "3"), ("recommend", "5"), ("comment", &long)]).await;
    too_long.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.count("survey_responses").await, 0);

    let saved = app.post_form(&link, &answers("5", "Très clair, merci")).await;
    saved.assert_status(StatusCode::SEE_OTHER);
    assert!(app.get(&link).await.body.contains("Merci pour votre réponse"));
    // A second answer changes nothing.
    app.post_form(&link, &answers("1", "Changement d'avis")).await.assert_status(StatusCode::SEE_OTHER);
    let page = app.get(&link).await;
    assert!(page.body.contains("Vous avez déjà répondu"));
    assert_eq!(app.count("survey_responses").await, 1);
    let (content, comment) = first_answer(&app).await;
    assert_eq!((content, comment.as_str()), (5, "Très clair, merci"));

    // Tokens of other purposes, and guesses, are refused.
    let check_in = check_in_path(&lea.public_id, &lea.secret);
    let check_in_token = check_in.rsplit('/').next().expect("token");
    app.get(&format!("/enquete/{}/{check_in_token}", lea.public_id)).await.assert_status(StatusCode::NOT_FOUND);
    let manage_token = token_for(&lea.secret, Purpose::Manage);
    app.get(&format!("/enquete/{}/{manage_token}", lea.public_id)).await.assert_status(StatusCode::NOT_FOUND);
    app.post_form(&format!("/enquete/{}/{manage_token}", lea.public_id), &answers("2", "")).await.assert_status(StatusCode::NOT_FOUND);
    app.get(&format!("/enquete/{}/{}", lea.public_id, "B".repeat(43))).await.assert_status(StatusCode::NOT_FOUND);
    assert_eq!(app.count("survey_responses").await, 1);

    // Thirty days after the session, the link has expired.
    app.clock.advance(chrono::TimeDelta::days(31));
    app.get(&link).await.assert_status(StatusCode::NOT_FOUND);
}

async fn first_answer(app: &TestApp) -> (i64, String) {
    let sql = "SELECT content, comment FROM survey_responses";
    match &app.db {
        tremplin_store::Db::Sqlite(pool) => sqlx::query_as(sql).fetch_one(pool).await.expect("answer"),
        tremplin_store::Db::Pg(pool) => sqlx::query_as(sql).fetch_one(pool).await.expect("answer"),
    }
}

async fn results_for_managers_with_small_counts_hidden(mut app: TestApp) {
    let trainer = account(&mut app, "formation@exemple.fr", Some(Role::Trainer)).await;
    let busy = trained_session(&app, "atelier-plein-avis", 10, 1, &[trainer]).await;
    let quiet = trained_session(&app, "atelier-calme", 10, 1, &[trainer]).await;
    let mut busy_people = Vec::new();
    for n in 0..3 {
        busy_people.push(registered(&app, &busy, n).await);
    }
    let quiet_one = registered(&app, &quiet, 10).await;
    app.clock.advance(chrono::TimeDelta::days(1) + chrono::TimeDelta::hours(3));
    app.new_visitor();
    for (person, content) in busy_people.iter().zip(["5", "4", "3"]) {
        let link = survey_path(&person.public_id, &person.secret);
        app.get(&link).await;
        app.post_form(&link, &answers(content, "")).await.assert_status(StatusCode::SEE_OTHER);
    }
    let link = survey_path(&quiet_one.public_id, &quiet_one.secret);
    app.get(&link).await;
    app.post_form(&link, &answers("1", "Trop rapide")).await.assert_status(StatusCode::SEE_OTHER);

    account(&mut app, "gestion@exemple.fr", Some(Role::Manager)).await;
    let results = app.get("/territoires/angers/ateliers/enquetes").await;
    results.assert_status(StatusCode::OK);
    let busy_row = row_of(&results.body, "Atelier atelier-plein-avis (");
    assert!(busy_row.contains("<td>3</td><td>4.0</td><td>4.0</td><td>3.0</td><td>5.0</td>"), "{busy_row}");
    let quiet_row = row_of(&results.body, "Atelier atelier-calme (");
    assert!(quiet_row.contains("<td>1</td><td>—</td>"), "fewer than three answers: no average: {quiet_row}");
    // Per trainer and per theme, the four answers together: content (5+4+3+1)/4 = 3.25.
    let trainer_row = row_of(&results.body, "<th scope=\"row\">Test</th>");
    assert!(trainer_row.contains("<td>4</td><td>3.2</td>") || trainer_row.contains("<td>4</td><td>3.3</td>"), "{trainer_row}");
    // The theme's label comes from the public side's messages (the slug until they exist).
    let website = tremplin_web::routes::events::staff::vocabulary_label(&tremplin_web::i18n::Tr::new(Locale::Fr), "theme", "website")
        .replace('&', "&amp;")
        .replace('\'', "&#39;");
    assert!(row_of(&results.body, &format!("<th scope=\"row\">{website}</th>")).contains("<td>4</td>"));

    // The session's staff page shows its comments.
    let gestion = app.get("/ateliers/atelier-calme/gestion").await;
    assert!(gestion.body.contains("Trop rapide") && gestion.body.contains("Une réponse."));
    // A trainer does not read the territory's results.
    crate::events_staff::as_user(&mut app, "formation@exemple.fr").await;
    app.get("/territoires/angers/ateliers/enquetes").await.assert_status(StatusCode::FORBIDDEN);
}

/// The table row that holds `marker`, without whitespace between cells.
fn row_of(body: &str, marker: &str) -> String {
    let at = body.find(marker).unwrap_or_else(|| panic!("no row with {marker}"));
    let start = body[..at].rfind("<tr>").expect("row start");
    let end = at + body[at..].find("</tr>").expect("row end");
    body[start..end].split('\n').map(str::trim).collect::<Vec<_>>().join("")
}

async fn answers_sent_twice_at_once_are_kept_once(app: TestApp) {
    use tremplin_domain::events::RegistrationRepo;
    use tremplin_domain::events::survey::{SurveyAnswer, SurveyRepo};
    let event = session(&app, "atelier-double-clic", 5, 1).await;
    let lea = registered(&app, &event, 1).await;
    let registration = app.db.registration_by_public_id(&lea.public_id).await.expect("lookup").expect("registration");
    let mut tasks = Vec::new();
    for n in 1..=5 {
        let db = app.db.clone();
        let (id, event_id) = (registration.id, event.id);
        tasks.push(tokio::spawn(async move {
            db.save_survey(id, event_id, &SurveyAnswer { scores: [n, n, n, n], comment: String::new() }, 0).await
        }));
    }
    let mut saved = 0;
    for task in tasks {
        saved += usize::from(task.await.expect("task").expect("answered"));
    }
    assert_eq!(saved, 1);
    assert_eq!(app.count("survey_responses").await, 1);
}

async fn from_the_door_to_the_survey_results(mut app: TestApp) {
    use tremplin_domain::events::jobs::{EventJob, run_job};
    use tremplin_domain::events::tokens::check_in_path;
    let trainer = account(&mut app, "formation@exemple.fr", Some(Role::Trainer)).await;
    let event = trained_session(&app, "atelier-parcours", 10, 1, &[trainer]).await;
    let lea = registered(&app, &event, 1).await;
    registered(&app, &event, 2).await;
    // The trainer scans Léa's code at the door; the other person does not come.
    let link = check_in_path(&lea.public_id, &lea.secret);
    app.get(&link).await;
    app.post_form(&link, &[]).await.assert_status(StatusCode::SEE_OTHER);
    // After the session, the worker invites the people who came, and only them.
    app.clock.advance(chrono::TimeDelta::days(1) + chrono::TimeDelta::hours(3));
    assert_eq!(run_job(&app.db, &app.clock, EventJob::Survey).await.expect("round"), 1);
    app.run_pending_jobs().await;
    let survey = app.last_link("personne1@example.fr", &format!("{}/enquete/", crate::helpers::BASE_URL));
    assert!(survey.starts_with("/enquete/"), "{survey}");
    app.new_visitor();
    app.get(&survey).await.assert_status(StatusCode::OK);
    app.post_form(&survey, &answers("4", "Parfait pour débuter")).await.assert_status(StatusCode::SEE_OTHER);
    crate::events_staff::as_user(&mut app, "formation@exemple.fr").await;
    let page = app.get("/ateliers/atelier-parcours/gestion").await;
    assert!(page.body.contains("Une réponse.") && page.body.contains("Parfait pour débuter"));
}

crate::both_engines!(
    one_answer_per_registration,
    results_for_managers_with_small_counts_hidden,
    answers_sent_twice_at_once_are_kept_once,
    from_the_door_to_the_survey_results
);
