//! Each source of completion through the real pages, on both engines: a check-in at the door
//! (and a walk-in) completes the session's modules, a coach's validation in a record completes
//! its modules (not for a no-show), a quiz passed by a signed-in person completes its module
//! (a failed one or an anonymous one does not); the passport is issued once, the holder told.

use crate::coach_fixtures::{coach, slots};
use crate::coaching_records::{booked, during, form_path, record};
use crate::events_staff::{account, as_user, registered, trained_session};
use crate::helpers::TestApp;
use crate::learning_fixtures::exec;
use axum::http::StatusCode;
use tremplin_domain::learning::catalogue::{HISTORICAL_MODULES, modules};
use tremplin_domain::learning::steering::SteeringRepo;
use tremplin_domain::learning::{CompletionSource, LearningRepo};
use tremplin_kernel::{Clock, Role};

crate::both_engines!(
    a_check_in_at_the_door_completes_the_sessions_modules,
    a_coachs_validation_completes_modules_and_issues_the_passport_once,
    a_quiz_passed_signed_in_completes_the_module_and_others_do_not,
    quiz_answers_are_checked_and_kept,
    three_quizzes_issue_the_passport_shown_on_my_path,
    the_session_form_offers_the_catalogue_and_refuses_other_modules,
);

/// The answers of a module's quiz: all right, or `wrong` of them wrong.
pub fn answers(slug: &str, wrong: usize) -> Vec<(String, String)> {
    let module = modules().iter().find(|m| m.slug == slug).expect("module");
    module
        .quiz
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let choice = if i < wrong { (q.correct + 1) % q.choices.len() } else { q.correct };
            (format!("q{i}"), choice.to_string())
        })
        .collect()
}

/// Posts a quiz's answers with a commune.
pub async fn take_quiz(app: &mut TestApp, slug: &str, wrong: usize, commune: Option<&str>) -> crate::helpers::TestResponse {
    app.get(&format!("/modules/{slug}/quiz")).await.assert_status(StatusCode::OK);
    let mut fields = answers(slug, wrong);
    if let Some(commune) = commune {
        fields.push(("commune".into(), commune.into()));
    }
    let refs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    app.post_form(&format!("/modules/{slug}/quiz"), &refs).await
}

/// The holder of an e-mail (one territory).
async fn holder_id(app: &TestApp, email: &str) -> i64 {
    let holders = app.db.holders_by_email(email).await.expect("holders");
    assert_eq!(holders.len(), 1, "{email}");
    holders[0].holder.id
}

async fn a_check_in_at_the_door_completes_the_sessions_modules(mut app: TestApp) {
    let trainer = account(&mut app, "formation@exemple.fr", Some(Role::Trainer)).await;
    let event = trained_session(&app, "atelier-site", 10, 1, &[trainer]).await;
    exec(&app, &format!("UPDATE events SET modules = 'creer-son-site|cybersecurite' WHERE id = {}", event.id)).await;
    let lea = registered(&app, &event, 1).await;
    let presence = format!("/ateliers/atelier-site/presence/{}", lea.public_id);
    app.post_form(&presence, &[("present", "1")]).await.assert_status(StatusCode::SEE_OTHER);

    let holder = holder_id(&app, "personne1@example.fr").await;
    let done = app.db.completions_of(holder).await.expect("completions");
    assert_eq!(done.iter().map(|c| c.module_slug.as_str()).collect::<Vec<_>>(), ["creer-son-site", "cybersecurite"]);
    assert!(done.iter().all(|c| c.source == CompletionSource::Workshop));
    assert_eq!(done[0].evidence.source_ref, format!("registration:{}", lea.public_id));
    assert!(done[0].evidence.narrative.starts_with("Atelier « Atelier atelier-site » du "), "{}", done[0].evidence.narrative);

    // Undoing the presence keeps the completion; marking again does not count it twice.
    app.post_form(&presence, &[("present", "0")]).await;
    app.post_form(&presence, &[("present", "1")]).await;
    assert_eq!(app.count("module_completions").await, 2);

    // A walk-in is present at once: their modules are completed too.
    app.post_form("/ateliers/atelier-site/sur-place", &[("walk_in_name", "Sam Dupont"), ("walk_in_contact", "sam@example.fr")])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    let sam = holder_id(&app, "sam@example.fr").await;
    assert_eq!(app.db.completions_of(sam).await.expect("completions").len(), 2);
    // Without a contact nobody can be recognised: nothing is recorded.
    app.post_form("/ateliers/atelier-site/sur-place", &[("walk_in_name", "Alex Martin"), ("walk_in_contact", "")]).await;
    assert_eq!(app.count("module_completions").await, 4);
}

async fn a_coachs_validation_completes_modules_and_issues_the_passport_once(mut app: TestApp) {
    let camille = coach(&mut app, "coach@example.fr", "camille", "Camille Conseil").await;
    let free = slots(&app, &camille, 14).await;
    let (appointment, person) = booked(&app, &camille, 1, free[0]).await;
    during(&app, &appointment);
    as_user(&mut app, "coach@example.fr").await;
    let form = app.get(&form_path(&appointment)).await;
    assert!(form.body.contains(r#"name="validated" value="creer-son-site""#), "the catalogue is offered");

    // An unknown module is refused beside its field, the ticks kept.
    let mut bad = record("Site publié.");
    bad.push(("validated", "astrologie"));
    bad.push(("validated", "cybersecurite"));
    let refused = app.post_form(&form_path(&appointment), &bad).await;
    refused.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("Module inconnu du catalogue."));
    assert!(refused.body.contains(r#"name="validated" value="cybersecurite" checked"#));
    assert_eq!(app.count("module_completions").await, 0);

    let mut fields = record("Site publié, trafic et performances vus ensemble.");
    for slug in HISTORICAL_MODULES {
        fields.push(("validated", slug));
    }
    app.post_form(&form_path(&appointment), &fields).await.assert_status(StatusCode::SEE_OTHER);
    let done = app.db.completions_of(person.id).await.expect("completions");
    assert_eq!(done.len(), 3);
    assert!(done.iter().all(|c| c.source == CompletionSource::Coach && c.evidence.narrative.starts_with("Validé par Camille Conseil le ")));
    assert!(done[0].evidence.source_ref.starts_with("accompaniment:"));
    let passport = app.db.passport_of(person.id).await.expect("lookup").expect("issued");
    assert_eq!(passport.modules.len(), 3);

    // Saving the record again records nothing new and issues nothing more.
    app.post_form(&form_path(&appointment), &fields).await.assert_status(StatusCode::SEE_OTHER);
    assert_eq!((app.count("module_completions").await, app.count("passports").await), (3, 1));
    assert_eq!(app.count_where("outbox", "template", "passport_issued").await, 1);
    app.run_pending_jobs().await;
    let mail = app.sent_mail().into_iter().find(|m| m.message.subject.contains("passeport")).expect("told");
    assert_eq!(mail.to, "personne1@example.fr");
    assert!(mail.message.text.contains(&format!("/passeport/verifier/{}", passport.public_id)));
    assert!(mail.message.text.contains("Améliorer les performances de son site"));

    // A no-show validates nothing.
    let (missed, other) = booked(&app, &camille, 2, free[1]).await;
    during(&app, &missed);
    let absent = [("no_show", "1"), ("validated", "cybersecurite")];
    let refused = app.post_form(&form_path(&missed), &absent).await;
    refused.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("Une personne absente ne valide aucun module."));
    app.post_form(&form_path(&missed), &[("no_show", "1")]).await.assert_status(StatusCode::SEE_OTHER);
    assert!(app.db.completions_of(other.id).await.expect("completions").is_empty());
}

async fn a_quiz_passed_signed_in_completes_the_module_and_others_do_not(mut app: TestApp) {
    crate::event_fixtures::angers(&app).await;
    // Anonymous: the score and the explanations, an invitation to sign in, nothing recorded.
    let anonymous = take_quiz(&mut app, "cybersecurite", 0, None).await;
    anonymous.assert_status(StatusCode::OK);
    assert!(anonymous.body.contains("5 bonnes réponses sur 5"));
    assert!(anonymous.body.contains("Connectez-vous puis refaites le quiz"));
    assert!(anonymous.body.contains("Un gestionnaire retient pour vous"), "each answer is explained");
    assert_eq!((app.count("beneficiaries").await, app.count("module_completions").await), (0, 0));

    app.new_visitor();
    app.sign_up("lina@example.fr", "correct horse battery").await;
    // Failed (3 right of 5): nothing recorded.
    let failed = take_quiz(&mut app, "cybersecurite", 2, Some("Angers")).await;
    failed.assert_status(StatusCode::OK);
    assert!(failed.body.contains("3 bonnes réponses sur 5") && failed.body.contains("Pas encore"));
    assert_eq!(app.count("module_completions").await, 0);

    // Passed (4 of 5): recorded for the account's e-mail in Angers; the commune is remembered.
    let passed = take_quiz(&mut app, "cybersecurite", 1, Some("49000")).await;
    passed.assert_status(StatusCode::OK);
    assert!(passed.body.contains("Votre réussite est enregistrée dans votre parcours (Angers)"), "{}", passed.body);
    assert_eq!(passed.headers["cache-control"], "private, no-store");
    let holder = holder_id(&app, "lina@example.fr").await;
    let done = app.db.completions_of(holder).await.expect("completions");
    assert_eq!(done.len(), 1);
    assert_eq!((done[0].source, done[0].evidence.facts["score"].as_str()), (CompletionSource::Quiz, "4/5"));
    assert!(app.get("/modules/cybersecurite/quiz").await.body.contains(r#"value="49000""#));
}

async fn quiz_answers_are_checked_and_kept(mut app: TestApp) {
    crate::event_fixtures::angers(&app).await;
    app.get("/modules/premiers-pas/quiz").await;
    let partial = app.post_form("/modules/premiers-pas/quiz", &[("q0", "0"), ("q2", "9")]).await;
    partial.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(partial.body.matches("Choisissez une réponse à cette question.").count(), 4 * 2, "beside each field and in the summary");
    assert!(partial.body.contains(r#"name="q0" value="0" checked"#), "the answer given is kept");
    app.new_visitor();
    app.sign_up("lina@example.fr", "correct horse battery").await;
    let no_commune = take_quiz(&mut app, "premiers-pas", 0, Some("")).await;
    no_commune.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(no_commune.body.contains("Indiquez votre commune pour enregistrer votre réussite."));
    let unknown = take_quiz(&mut app, "premiers-pas", 0, Some("Atlantide")).await;
    unknown.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unknown.body.contains("Cette commune ou ce code postal est introuvable."));
    assert!(unknown.body.contains(r#"value="Atlantide""#));
    let outside = take_quiz(&mut app, "premiers-pas", 0, Some("Nantes")).await;
    outside.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(outside.body.contains("ne fait partie d&#39;aucun territoire") || outside.body.contains("ne fait partie d'aucun territoire"));
    assert_eq!(app.count("module_completions").await, 0);
    app.get("/modules/nope/quiz").await.assert_status(StatusCode::NOT_FOUND);
}

async fn three_quizzes_issue_the_passport_shown_on_my_path(mut app: TestApp) {
    let trafic = crate::event_fixtures::session(&app, "atelier-trafic", 10, 3).await;
    exec(&app, &format!("UPDATE events SET modules = 'augmenter-son-trafic' WHERE id = {}", trafic.id)).await;
    app.sign_up("lina@example.fr", "correct horse battery").await;
    let empty = app.get("/mon-parcours").await;
    empty.assert_status(StatusCode::OK);
    assert!(empty.body.contains("Aucun module enregistré"));
    take_quiz(&mut app, HISTORICAL_MODULES[0], 0, Some("Angers")).await;
    let halfway = app.get("/mon-parcours").await;
    assert!(halfway.body.contains("1 module(s) validé(s) sur 3"));
    assert!(halfway.body.contains("Quiz réussi (5/5)"));
    assert!(halfway.body.contains("/modules/augmenter-son-trafic/quiz"), "the ways to do the rest");
    assert!(halfway.body.contains("Prochain atelier : <a href=\"/ateliers/atelier-trafic\">"), "{}", halfway.body);
    assert_eq!(halfway.headers["cache-control"], "private, no-store");
    take_quiz(&mut app, HISTORICAL_MODULES[1], 0, Some("Angers")).await;
    let last = take_quiz(&mut app, HISTORICAL_MODULES[2], 0, Some("Angers")).await;
    assert!(last.body.contains("votre passeport numérique est délivré"));
    let again = take_quiz(&mut app, HISTORICAL_MODULES[2], 0, Some("Angers")).await;
    assert!(again.body.contains("Ce module était déjà enregistré"));
    assert_eq!((app.count("passports").await, app.count_where("outbox", "template", "passport_issued").await), (1, 1));
    let holder = holder_id(&app, "lina@example.fr").await;
    let passport = app.db.passport_of(holder).await.expect("lookup").expect("issued");
    let link = tremplin_domain::learning::tokens::holder_path(&passport.public_id, &passport.secret);
    let path = app.get("/mon-parcours").await;
    assert!(path.body.contains("Passeport numérique délivré.") && path.body.contains(&link));
    app.run_pending_jobs().await;
    let mail = app.sent_mail().into_iter().find(|m| m.to == "lina@example.fr" && m.message.subject.contains("passeport")).expect("told");
    assert!(mail.message.text.contains(&link) && mail.message.html.contains(&link));
    // The account page links to the path.
    assert!(app.get("/compte").await.body.contains("href=\"/mon-parcours\""));
    // Signed out, the path asks to sign in.
    app.new_visitor();
    let out = app.get("/mon-parcours").await;
    assert!(out.status == StatusCode::SEE_OTHER || out.status == StatusCode::UNAUTHORIZED, "{}", out.status);
}

async fn the_session_form_offers_the_catalogue_and_refuses_other_modules(mut app: TestApp) {
    account(&mut app, "formation@exemple.fr", Some(Role::Trainer)).await;
    let form = app.get("/territoires/angers/ateliers/nouveau").await;
    assert!(form.body.contains(r#"name="modules" value="cybersecurite""#), "the catalogue as checkboxes");
    let day = chrono::DateTime::from_timestamp(app.clock.now_ts() + 2 * 86_400, 0)
        .expect("date")
        .with_timezone(&chrono_tz::Europe::Paris)
        .format("%Y-%m-%d")
        .to_string();
    let fields = [
        ("title", "Se protéger en ligne"),
        ("description", "Mots de passe et sauvegardes."),
        ("themes", "security"),
        ("modules", "cybersecurite"),
        ("modules", "astrologie"),
        ("audiences", "professionals"),
        ("level", "beginner"),
        ("language", "fr"),
        ("venue_name", "Médiathèque Toussaint"),
        ("venue_address", "49 rue Toussaint"),
        ("venue_commune", "49000"),
        ("room", "Salle 2"),
        ("start_time", "18:00"),
        ("end_time", "20:00"),
        ("capacity", "12"),
        ("accessibility", "Accessible en fauteuil."),
        ("repeat", "1"),
        ("date", day.as_str()),
    ];
    let refused = app.post_form("/territoires/angers/ateliers/nouveau", &fields).await;
    refused.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("Module inconnu du catalogue."));
    assert!(refused.body.contains(r#"name="modules" value="cybersecurite" checked"#), "the ticks are kept");
    let valid: Vec<(&str, &str)> = fields.iter().filter(|(_, v)| *v != "astrologie").copied().collect();
    app.post_form("/territoires/angers/ateliers/nouveau", &valid).await.assert_status(StatusCode::SEE_OTHER);
}
