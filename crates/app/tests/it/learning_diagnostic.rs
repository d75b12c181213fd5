//! The diagnostic through the real router on both engines: scoring stored and shown with its
//! chart, explanations and recommendations; missing answers; anonymous results without
//! personal data; an account's history and progress; the JSON API; the statistics' counts.

use crate::coach_fixtures::coach;
use crate::event_fixtures::{angers, session};
use crate::events_staff::{PASSWORD, account};
use crate::helpers::TestApp;
use axum::http::{Method, StatusCode};
use tremplin_domain::learning::diagnostic::{DiagnosticRepo, platform_questionnaire};
use tremplin_kernel::Clock;

crate::both_engines!(
    an_anonymous_diagnostic_shows_scores_chart_explanations_and_recommendations,
    missing_answers_bring_the_form_back_as_answered,
    an_account_keeps_its_results_and_sees_its_progress,
    the_api_scores_answers_and_names_missing_ones,
    counts_are_by_territory_and_month_without_personal_data,
);

/// Form fields answering every question of the shipped questionnaire with the answer at
/// `pick(number of answers)` (clamped).
pub fn answers(pick: impl Fn(usize) -> usize) -> Vec<(String, String)> {
    platform_questionnaire()
        .questions()
        .map(|(_, q)| (format!("q-{}", q.id), q.answers[pick(q.answers.len()).min(q.answers.len() - 1)].id.clone()))
        .collect()
}

/// Takes the diagnostic through the form; the result's path.
pub async fn take(app: &mut TestApp, commune: &str, pick: impl Fn(usize) -> usize) -> String {
    let form = app.get("/diagnostic").await;
    form.assert_status(StatusCode::OK);
    let mut fields = answers(pick);
    fields.push(("commune".into(), commune.into()));
    fields.push(("audience".into(), "business".into()));
    let refs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let response = app.post_form("/diagnostic", &refs).await;
    response.assert_status(StatusCode::SEE_OTHER);
    let location = response.location().to_owned();
    assert!(location.starts_with("/diagnostic/resultats/"), "{location}");
    location
}

async fn an_anonymous_diagnostic_shows_scores_chart_explanations_and_recommendations(mut app: TestApp) {
    let angers_id = angers(&app).await;
    session(&app, "atelier-site", 10, 7).await;
    coach(&mut app, "camille@example.fr", "camille", "Camille Conseil").await;
    app.new_visitor();
    let form = app.get("/diagnostic").await;
    assert_eq!(
        form.body.matches("type=\"radio\" name=\"q-").count(),
        platform_questionnaire().questions().map(|(_, q)| q.answers.len()).sum::<usize>()
    );
    let path = take(&mut app, "Angers", |_| 0).await;
    let page = app.get(&path).await;
    page.assert_status(StatusCode::OK);
    assert_eq!(page.headers.get("cache-control").and_then(|v| v.to_str().ok()), Some("private, no-store"));
    for expected in [
        "role=\"img\"",
        "<title id=\"scores-chart-title\">",
        "<caption>",
        "Score global : 0 %",
        "Débutant",
        "Sans site, vos clients ne trouvent pas vos horaires",
        "href=\"/modules/creer-son-site\"",
        "href=\"/modules/vendre-en-ligne\"",
        "href=\"/ateliers/atelier-site\"",
        "href=\"/coachs/camille\"",
    ] {
        assert!(page.body.contains(expected), "{expected} missing");
    }
    // Stored: questionnaire, commune and territory, no account.
    let public_id = path.rsplit('/').next().expect("id");
    let stored = app.db.diagnostic_by_public_id(public_id).await.expect("lookup").expect("stored");
    assert_eq!(stored.data.user_id, None);
    assert_eq!(stored.data.insee.as_deref(), Some("49007"));
    assert_eq!(stored.data.territory_id, Some(angers_id));
    assert_eq!(stored.data.overall, 0);
    let v1 = app.db.questionnaire_for(None).await.expect("platform");
    assert_eq!((stored.data.questionnaire_id, v1.version), (v1.id, 1));
    // The only columns of an anonymous result that could identify someone are empty.
    assert_eq!(app.count_where("diagnostics", "public_id", public_id).await, 1);
    // The best answers reach 100 % and the top band; nothing left to recommend.
    let best = take(&mut app, "", |n| n - 1).await;
    let page = app.get(&best).await;
    assert!(page.body.contains("Score global : 100 %") && page.body.contains("Expert"));
    assert!(page.body.contains("Tous vos axes sont au plus haut"));
    app.get("/diagnostic/resultats/inconnu").await.assert_status(StatusCode::NOT_FOUND);
}

async fn missing_answers_bring_the_form_back_as_answered(mut app: TestApp) {
    app.get("/diagnostic").await;
    let mut fields = answers(|_| 1);
    fields.retain(|(k, _)| k != "q-site" && k != "q-rgpd");
    fields.push(("commune".into(), "Nulle-Part-Sur-Mer".into()));
    let refs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let response = app.post_form("/diagnostic", &refs).await;
    response.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(response.body.matches("Choisissez une réponse à cette question.").count(), 2);
    assert!(response.body.contains("2 questions sont restées sans réponse."));
    assert!(response.body.contains("id=\"q-site-error\"") && response.body.contains("href=\"#q-rgpd\""));
    assert!(response.body.contains("name=\"q-fiche\" value=\"partielle\" checked"), "answers kept");
    assert!(response.body.contains("value=\"Nulle-Part-Sur-Mer\""), "commune kept");
    assert!(response.body.contains("id=\"commune-error\""));
    assert_eq!(app.count("diagnostics").await, 0);
    app.with_header("accept-language", "en");
    let response = app.post_form("/diagnostic", &refs).await;
    assert!(response.body.contains("Choose an answer to this question."));
}

async fn an_account_keeps_its_results_and_sees_its_progress(mut app: TestApp) {
    account(&mut app, "commerce@example.fr", None).await;
    app.new_visitor();
    app.log_in("commerce@example.fr", PASSWORD).await;
    let first = take(&mut app, "Angers", |_| 0).await;
    app.clock.advance(chrono::TimeDelta::hours(2));
    let second = take(&mut app, "Angers", |n| n / 2).await;
    let history = app.get("/diagnostic/historique").await;
    history.assert_status(StatusCode::OK);
    assert_eq!(history.headers.get("cache-control").and_then(|v| v.to_str().ok()), Some("private, no-store"));
    assert!(history.body.contains(&format!("href=\"{first}\"")) && history.body.contains(&format!("href=\"{second}\"")));
    assert!(history.body.contains("<title id=\"progress-chart-title\">"));
    assert!(history.body.contains("votre score global est passé de 0 %"));
    assert!(history.body.contains("<td>+"), "a positive delta per axis");
    // A result kept on an account is that account's only.
    app.new_visitor();
    app.get(&second).await.assert_status(StatusCode::NOT_FOUND);
    let history = app.get("/diagnostic/historique").await;
    assert_eq!(history.status, StatusCode::SEE_OTHER, "visitors log in first");
}

async fn the_api_scores_answers_and_names_missing_ones(mut app: TestApp) {
    let questionnaire = app.get("/api/v1/diagnostic/questionnaire").await;
    questionnaire.assert_status(StatusCode::OK);
    let q = questionnaire.json();
    assert_eq!(q["version"], 1);
    assert_eq!(q["content"]["axes"].as_array().map(Vec::len), Some(6));
    let answers: serde_json::Map<String, serde_json::Value> =
        answers(|n| n - 1).into_iter().map(|(k, v)| (k.trim_start_matches("q-").to_owned(), v.into())).collect();
    let body = serde_json::json!({"answers": answers, "commune": "49000", "audience": "resident"});
    let response = app.request(Method::POST, "/api/v1/diagnostics", Some(("application/json", body.to_string().into_bytes())), &[]).await;
    response.assert_status(StatusCode::CREATED);
    let created = response.json();
    assert_eq!(created["overall"], 100);
    assert_eq!(created["level"], "advanced");
    assert_eq!(created["axes"].as_array().map(Vec::len), Some(6));
    assert!(created["url"].as_str().is_some_and(|u| u.contains("/diagnostic/resultats/")));
    let mut partial = answers.clone();
    partial.remove("site");
    let body = serde_json::json!({"answers": partial, "audience": "robot"});
    let response = app.request(Method::POST, "/api/v1/diagnostics", Some(("application/json", body.to_string().into_bytes())), &[]).await;
    response.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    let error = response.json();
    assert_eq!(error["error"]["code"], "invalid-form");
    assert!(error["error"]["fields"]["answers.site"].is_string());
    assert!(error["error"]["fields"]["audience"].is_string());
    assert_eq!(app.count("diagnostics").await, 1);
    let openapi = app.get("/api/v1/openapi.json").await.json();
    assert!(openapi["paths"]["/api/v1/diagnostics"]["post"].is_object());
}

async fn counts_are_by_territory_and_month_without_personal_data(mut app: TestApp) {
    let angers_id = angers(&app).await;
    let start = app.clock.now_ts();
    take(&mut app, "Angers", |_| 0).await;
    let best = take(&mut app, "Angers", |n| n - 1).await;
    // The same result again 40 days later (stored directly: sessions would expire meanwhile).
    let mut later = app.db.diagnostic_by_public_id(best.rsplit('/').next().expect("id")).await.expect("lookup").expect("stored").data;
    later.public_id = "plus-tard".into();
    later.created_at += 40 * 86_400;
    app.db.save_diagnostic(&later).await.expect("saved");
    // Outside any territory: not counted for Angers.
    take(&mut app, "Saumur", |_| 0).await;
    let counts = app.db.diagnostic_counts(&[angers_id], start, app.clock.now_ts() + 41 * 86_400).await.expect("counts");
    assert_eq!(counts.total, 3);
    assert_eq!(counts.by_month.iter().map(|m| m.count).sum::<i64>(), 3);
    assert!(counts.by_month.len() >= 2, "{:?}", counts.by_month);
    assert_eq!(counts.average_axes.len(), 6);
    assert!(counts.average_axes.iter().all(|a| a.percent == 67), "{:?}", counts.average_axes);
    assert_eq!(counts.average_overall, 67);
    let none = app.db.diagnostic_counts(&[angers_id], 0, start).await.expect("counts");
    assert_eq!(none.total, 0);
}
