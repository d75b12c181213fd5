//! Verification, consent and revocation through the real router, on both engines: the public
//! page and API show only what the holder agreed to; managers of the territory (or above)
//! revoke with a reason and the holder is told; a neighbour's manager is refused.

use crate::events_staff::{PASSWORD, account};
use crate::helpers::TestApp;
use crate::learning_fixtures::passport_for;
use crate::passport_fixtures::{credential_of, holder_link, status_api, verify_api};
use axum::http::StatusCode;
use tremplin_domain::accounts::AccountRepo;
use tremplin_domain::territories::TerritoryRepo;
use tremplin_kernel::{Email, Role};

crate::both_engines!(
    consent_hides_and_shows_the_name_and_modules,
    a_manager_revokes_with_a_reason_and_the_holder_is_told,
    only_managers_of_the_territory_or_above_revoke,
    an_unknown_passport_is_answered_unknown,
);

async fn consent_hides_and_shows_the_name_and_modules(mut app: TestApp) {
    let passport = passport_for(&app, 1).await;
    let title = &passport.modules[0].title;
    let path = format!("/passeport/verifier/{}", passport.public_id);

    // Nothing personal until the holder chooses.
    let page = app.get(&path).await;
    page.assert_status(StatusCode::OK);
    assert!(page.body.contains("Passeport valide"));
    assert!(page.body.contains("Angers"));
    assert!(!page.body.contains("Personne 1") && !page.body.contains(title.as_str()), "{}", page.body);
    let (status, json) = status_api(&mut app, &passport.public_id).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(json["status"], "valid");
    assert_eq!(json["territory"], "Angers");
    assert!(json["issued_at"].is_i64());
    assert!(json["holder_name"].is_null() && json["modules"].is_null(), "{json}");

    // The holder shows their name only.
    app.new_visitor();
    let own = app.get(&holder_link(&passport)).await;
    assert!(own.body.contains("name=\"_csrf\""));
    let saved = app.post_form(&holder_link(&passport), &[("show_name", "yes")]).await;
    saved.assert_status(StatusCode::SEE_OTHER);
    assert_eq!(saved.location(), holder_link(&passport));
    assert!(app.get(&holder_link(&passport)).await.body.contains("Votre choix est enregistré"));
    let page = app.get(&path).await;
    assert!(page.body.contains("Personne 1") && page.body.contains("Boutique 1"));
    assert!(!page.body.contains(title.as_str()));
    let json = status_api(&mut app, &passport.public_id).await.1;
    assert_eq!(json["holder_name"], "Personne 1");
    assert!(json["modules"].is_null());

    // Then the modules only.
    app.post_form(&holder_link(&passport), &[("show_modules", "yes")]).await.assert_status(StatusCode::SEE_OTHER);
    let page = app.get(&path).await;
    assert!(!page.body.contains("Personne 1") && page.body.contains(title.as_str()));
    let json = status_api(&mut app, &passport.public_id).await.1;
    assert!(json["holder_name"].is_null());
    assert_eq!(json["modules"].as_array().map(Vec::len), Some(passport.modules.len()));
    // The pasted credential answers with the same restraint.
    let token = credential_of(&mut app, &passport).await;
    let checked = verify_api(&mut app, &token).await.1;
    assert!(checked["verification"]["holder_name"].is_null() && checked["verification"]["modules"].is_array(), "{checked}");

    // Without the CSRF token, nothing changes.
    let forged = app.post_raw(&holder_link(&passport), &[("show_name", "yes")], &[]).await;
    forged.assert_status(StatusCode::FORBIDDEN);
    assert!(status_api(&mut app, &passport.public_id).await.1["holder_name"].is_null());
}

async fn a_manager_revokes_with_a_reason_and_the_holder_is_told(mut app: TestApp) {
    let passport = passport_for(&app, 2).await;
    account(&mut app, "gestion@example.fr", Some(Role::Manager)).await;
    let list = app.get("/territoires/angers/passeports").await;
    list.assert_status(StatusCode::OK);
    assert!(list.body.contains("Personne 2") && list.body.contains("Valide"));
    assert_eq!(list.headers.get("cache-control").and_then(|v| v.to_str().ok()), Some("private, no-store"));
    let revoke = format!("/territoires/angers/passeports/{}/revoquer", passport.public_id);
    app.get(&revoke).await.assert_status(StatusCode::OK);

    // Reason and confirmation are required; the input is kept.
    let refused = app.post_form(&revoke, &[("reason", "Fraude au quiz")]).await;
    refused.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("Cochez la case pour confirmer"));
    assert!(refused.body.contains(">Fraude au quiz</textarea>"));
    let refused = app.post_form(&revoke, &[("reason", "  "), ("confirm", "yes")]).await;
    refused.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("id=\"reason-error\" role=\"alert\""));
    assert_eq!(app.count_where("outbox", "template", "passport_revoked").await, 0);

    let done = app.post_form(&revoke, &[("reason", "Fraude au quiz"), ("confirm", "yes")]).await;
    done.assert_status(StatusCode::SEE_OTHER);
    assert_eq!(done.location(), "/territoires/angers/passeports");
    assert!(app.get("/territoires/angers/passeports").await.body.contains("Révoqué le"));
    assert_eq!(app.count_where("outbox", "template", "passport_revoked").await, 1);
    app.run_pending_jobs().await;
    let told = app.sent_mail().into_iter().find(|m| m.message.subject.contains("révoqué")).expect("the holder is told");
    assert!(told.to.contains("personne2@example.fr"));
    assert!(told.message.text.contains("Fraude au quiz"));

    // The page, the API and the pasted credential say revoked, with date and reason.
    app.new_visitor();
    let page = app.get(&format!("/passeport/verifier/{}", passport.public_id)).await;
    assert!(page.body.contains("Passeport révoqué le") && page.body.contains("Fraude au quiz"), "{}", page.body);
    let json = status_api(&mut app, &passport.public_id).await.1;
    assert_eq!(json["status"], "revoked");
    assert_eq!(json["revoked_reason"], "Fraude au quiz");
    assert!(json["revoked_at"].is_i64() && json["revoked_on"].is_string());
    let token = credential_of(&mut app, &passport).await;
    assert_eq!(verify_api(&mut app, &token).await.1["result"], "revoked");
    assert!(app.get(&holder_link(&passport)).await.body.contains("Fraude au quiz"));

    // Revoking twice changes nothing and tells nobody again.
    crate::events_staff::as_user(&mut app, "gestion@example.fr").await;
    app.get(&revoke).await;
    app.post_form(&revoke, &[("reason", "Encore"), ("confirm", "yes")]).await;
    assert_eq!(app.count_where("outbox", "template", "passport_revoked").await, 1);
    assert_eq!(status_api(&mut app, &passport.public_id).await.1["revoked_reason"], "Fraude au quiz");
}

async fn only_managers_of_the_territory_or_above_revoke(mut app: TestApp) {
    let passport = passport_for(&app, 3).await;
    let revoke = format!("/territoires/angers/passeports/{}/revoquer", passport.public_id);
    // A visitor is sent to log in.
    let anonymous = app.get("/territoires/angers/passeports").await;
    assert!(anonymous.status == StatusCode::SEE_OTHER || anonymous.status == StatusCode::UNAUTHORIZED, "{}", anonymous.status);

    // A coach of Angers, and the manager of a neighbour, are refused.
    account(&mut app, "coach@example.fr", Some(Role::Coach)).await;
    app.get("/territoires/angers/passeports").await.assert_status(StatusCode::FORBIDDEN);
    app.commune_territory("trelaze", "Trélazé", "49353").await;
    let neighbour = app.db.territory_by_slug("trelaze").await.expect("lookup").expect("trelaze");
    account(&mut app, "voisin@example.fr", None).await;
    let user = app.db.user_by_email(&Email::parse("voisin@example.fr").expect("email")).await.expect("lookup").expect("user");
    app.db.grant_role(user.id, neighbour.id, Role::Manager, None, 0).await.expect("grant");
    app.new_visitor();
    app.log_in("voisin@example.fr", PASSWORD).await;
    app.get("/territoires/angers/passeports").await.assert_status(StatusCode::FORBIDDEN);
    app.get("/territoires/trelaze/passeports").await.assert_status(StatusCode::OK);
    let refused = app.post_form(&revoke, &[("reason", "Non"), ("confirm", "yes")]).await;
    refused.assert_status(StatusCode::FORBIDDEN);
    // Nor through their own territory's address.
    let sideways = app
        .post_form(&format!("/territoires/trelaze/passeports/{}/revoquer", passport.public_id), &[("reason", "Non"), ("confirm", "yes")])
        .await;
    sideways.assert_status(StatusCode::NOT_FOUND);
    app.post_form("/territoires/angers/passeports/cle", &[]).await.assert_status(StatusCode::FORBIDDEN);
    assert_eq!(status_api(&mut app, &passport.public_id).await.1["status"], "valid");

    // A platform admin may.
    let email = Email::parse("admin@example.fr").expect("email");
    tremplin_domain::accounts::ensure_user(&app.db, &app.clock, &email, "Admin", Some(PASSWORD), true).await.expect("admin");
    app.new_visitor();
    app.log_in("admin@example.fr", PASSWORD).await;
    app.get(&revoke).await.assert_status(StatusCode::OK);
    app.post_form(&revoke, &[("reason", "Doublon"), ("confirm", "yes")]).await.assert_status(StatusCode::SEE_OTHER);
    assert_eq!(status_api(&mut app, &passport.public_id).await.1["status"], "revoked");
}

async fn an_unknown_passport_is_answered_unknown(mut app: TestApp) {
    let page = app.get("/passeport/verifier/inconnu").await;
    page.assert_status(StatusCode::NOT_FOUND);
    assert!(page.body.contains("Aucun passeport ne porte ce numéro"));
    let (status, json) = status_api(&mut app, "inconnu").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(json["status"], "unknown");
    let english = app.request(axum::http::Method::GET, "/passeport/verifier/inconnu", None, &[("accept-language", "en")]).await;
    assert!(english.body.contains("No passport has this number"));
    let doc = app.get("/api/v1/openapi.json").await.json();
    assert!(doc["paths"]["/api/v1/passports/verify"]["post"].is_object());
    assert!(doc["paths"]["/api/v1/passports/{public_id}/verification"]["get"].is_object());
}
