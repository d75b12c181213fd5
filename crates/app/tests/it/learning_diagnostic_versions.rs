//! Questionnaire versions through the real router on both engines: a manager publishes a
//! version for their territory (validated, with a message per problem), diagnostics taken in
//! it or below use it, old results keep their own version's questions, and managers of
//! another territory are refused.

use crate::events_staff::{PASSWORD, account, as_user};
use crate::helpers::TestApp;
use crate::learning_diagnostic::take;
use axum::http::StatusCode;
use tremplin_domain::accounts::AccountRepo;
use tremplin_domain::learning::diagnostic::{DiagnosticRepo, platform_questionnaire};
use tremplin_domain::territories::{NewTerritory, TerritoryKind, TerritoryRepo};
use tremplin_kernel::{Email, Role};

crate::both_engines!(
    a_published_version_applies_below_and_old_results_keep_their_questions,
    invalid_versions_are_refused_with_a_message_per_problem,
    only_managers_of_the_territory_or_above_publish,
);

const NEW_TEXT: &str = "Votre commerce a-t-il un site web à lui ?";

/// Anjou (Angers and Trélazé) with Angers inside; a manager of Anjou; returns Anjou's id.
async fn anjou_with_manager(app: &mut TestApp) -> i64 {
    let anjou = NewTerritory {
        slug: "anjou".into(),
        name: "Anjou".into(),
        kind: TerritoryKind::Department,
        parent_slug: None,
        communes: vec!["49007".into(), "49353".into()],
    };
    app.db.upsert_territory(&anjou).await.expect("anjou");
    let angers = NewTerritory {
        slug: "angers".into(),
        name: "Angers".into(),
        kind: TerritoryKind::Commune,
        parent_slug: Some("anjou".into()),
        communes: vec!["49007".into()],
    };
    app.db.upsert_territory(&angers).await.expect("angers");
    let anjou_id = app.db.territory_by_slug("anjou").await.expect("lookup").expect("anjou").id;
    let user = account(app, "gestion@anjou.fr", None).await;
    app.db.grant_role(user, anjou_id, Role::Manager, None, 0).await.expect("grant");
    anjou_id
}

fn second_version() -> String {
    let mut q = platform_questionnaire().clone();
    q.title = "Diagnostic de l'Anjou".into();
    q.axes[0].questions[0].text = NEW_TEXT.into();
    serde_json::to_string_pretty(&q).expect("json")
}

async fn a_published_version_applies_below_and_old_results_keep_their_questions(mut app: TestApp) {
    let anjou_id = anjou_with_manager(&mut app).await;
    app.new_visitor();
    let old = take(&mut app, "Angers", |_| 0).await;
    as_user(&mut app, "gestion@anjou.fr").await;
    let page = app.get("/territoires/anjou/diagnostic").await;
    page.assert_status(StatusCode::OK);
    assert!(
        page.body.contains("Avez-vous") || page.body.contains("Votre activité a-t-elle un site internet"),
        "prefilled with the version in use"
    );
    let response = app.post_form("/territoires/anjou/diagnostic", &[("content", &second_version())]).await;
    response.assert_status(StatusCode::SEE_OTHER);
    let page = app.get("/territoires/anjou/diagnostic").await;
    assert!(page.body.contains("La nouvelle version du questionnaire est publiée."));
    assert!(page.body.contains("Diagnostic de l&#x27;Anjou") || page.body.contains("Diagnostic de l&#39;Anjou"), "listed");
    let versions = app.db.questionnaire_versions(Some(anjou_id)).await.expect("versions");
    assert_eq!(versions.len(), 1);
    assert_eq!(versions[0].version, 1);
    // A diagnostic in Angers (inside Anjou) uses Anjou's version; elsewhere the platform's.
    let angers_id = app.db.territory_by_slug("angers").await.expect("lookup").expect("angers").id;
    assert_eq!(app.db.questionnaire_for(Some(angers_id)).await.expect("resolve").id, versions[0].id);
    app.new_visitor();
    assert!(app.get("/diagnostic?commune=Angers").await.body.contains(NEW_TEXT));
    assert!(!app.get("/diagnostic").await.body.contains(NEW_TEXT));
    // Answers to the platform form sent for Angers: the form comes back with Anjou's questions.
    let mut fields = crate::learning_diagnostic::answers(|_| 0);
    let platform_id = app.db.questionnaire_for(None).await.expect("platform").id.to_string();
    fields.push(("questionnaire".into(), platform_id));
    fields.push(("commune".into(), "Angers".into()));
    let refs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let response = app.post_form("/diagnostic", &refs).await;
    response.assert_status(StatusCode::SEE_OTHER);
    let new = response.location().to_owned();
    let stored = app.db.diagnostic_by_public_id(new.rsplit('/').next().expect("id")).await.expect("lookup").expect("stored");
    assert_eq!(stored.data.questionnaire_id, versions[0].id);
    assert!(app.get(&new).await.body.contains(NEW_TEXT));
    // The old result still shows version 1 of the platform with its own question.
    let old_page = app.get(&old).await;
    old_page.assert_status(StatusCode::OK);
    assert!(old_page.body.contains("Votre activité a-t-elle un site internet ?"));
    assert!(!old_page.body.contains(NEW_TEXT));
}

async fn invalid_versions_are_refused_with_a_message_per_problem(mut app: TestApp) {
    anjou_with_manager(&mut app).await;
    as_user(&mut app, "gestion@anjou.fr").await;
    app.get("/territoires/anjou/diagnostic").await;
    let mut q = platform_questionnaire().clone();
    q.axes.retain(|a| a.id != "security");
    q.axes[0].questions[0].answers[0].points = -2;
    q.axes[1].questions[0].answers.truncate(1);
    let text = serde_json::to_string(&q).expect("json");
    let response = app.post_form("/territoires/anjou/diagnostic", &[("content", &text)]).await;
    response.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    for expected in [
        "L&#x27;axe « security » manque",
        "la réponse « non » a des points négatifs",
        "La question « recherche » doit proposer entre 2 et 5 réponses.",
        "4 problèmes à corriger.",
    ] {
        assert!(response.body.replace("&#39;", "&#x27;").contains(expected), "{expected} missing");
    }
    assert!(response.body.contains(":-2,"), "input kept");
    let response = app.post_form("/territoires/anjou/diagnostic", &[("content", "{ pas du json")]).await;
    response.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        response.body.contains("n&#x27;est pas un questionnaire JSON lisible")
            || response.body.contains("n&#39;est pas un questionnaire JSON lisible")
    );
    assert_eq!(app.count("questionnaires").await, 1, "only the platform's");
}

async fn only_managers_of_the_territory_or_above_publish(mut app: TestApp) {
    anjou_with_manager(&mut app).await;
    // A manager of a neighbouring territory.
    app.commune_territory("saumur", "Saumur", "49328").await;
    let saumur = app.db.territory_by_slug("saumur").await.expect("lookup").expect("saumur").id;
    let neighbour = account(&mut app, "gestion@saumur.fr", None).await;
    app.db.grant_role(neighbour, saumur, Role::Manager, None, 0).await.expect("grant");
    as_user(&mut app, "gestion@saumur.fr").await;
    app.get("/territoires/anjou/diagnostic").await.assert_status(StatusCode::FORBIDDEN);
    app.get("/territoires/angers/diagnostic").await.assert_status(StatusCode::FORBIDDEN);
    app.get("/territoires/saumur/diagnostic").await.assert_status(StatusCode::OK);
    app.post_form("/territoires/anjou/diagnostic", &[("content", &second_version())]).await.assert_status(StatusCode::FORBIDDEN);
    app.get("/diagnostic/plateforme").await.assert_status(StatusCode::FORBIDDEN);
    // Anjou's manager manages Angers below it, not the platform.
    as_user(&mut app, "gestion@anjou.fr").await;
    app.get("/territoires/angers/diagnostic").await.assert_status(StatusCode::OK);
    app.get("/diagnostic/plateforme").await.assert_status(StatusCode::FORBIDDEN);
    app.new_visitor();
    assert_eq!(app.get("/territoires/anjou/diagnostic").await.status, StatusCode::SEE_OTHER);
    // A platform admin publishes the platform's version 2.
    tremplin_domain::accounts::ensure_user(
        &app.db,
        &app.clock,
        &Email::parse("admin@exemple.fr").expect("email"),
        "Admin",
        Some(PASSWORD),
        true,
    )
    .await
    .expect("admin");
    app.log_in("admin@exemple.fr", PASSWORD).await;
    app.get("/diagnostic/plateforme").await.assert_status(StatusCode::OK);
    app.post_form("/diagnostic/plateforme", &[("content", &second_version())]).await.assert_status(StatusCode::SEE_OTHER);
    assert_eq!(app.db.questionnaire_for(None).await.expect("platform").version, 2);
    assert_eq!(app.count("questionnaires").await, 2);
}
