//! Who may read a beneficiary's follow-up, through the real router on both engines: the coach
//! it booked reads; another coach of the same territory gets 404 until the follow-up is shared
//! with them; a manager of the territory reads, one of another territory gets 404; a visitor
//! is sent to log in.

use crate::coach_fixtures::{coach, slots};
use crate::coaching_records::{booked, during, form_path, record};
use crate::events_staff::{account, as_user};
use crate::helpers::TestApp;
use axum::http::StatusCode;
use tremplin_domain::accounts::AccountRepo;
use tremplin_domain::territories::TerritoryRepo;
use tremplin_kernel::{Email, Role};

crate::both_engines!(
    a_follow_up_is_read_by_its_coaches_and_managers_only,
    sharing_opens_the_follow_up_to_another_coach_and_says_who_shared,
    managers_list_the_territory_beneficiaries,
);

/// A manager of a neighbouring commune (Trélazé), not of Angers.
async fn neighbouring_manager(app: &mut TestApp, email: &str) {
    app.commune_territory("trelaze", "Trélazé", "49353").await;
    let territory = app.db.territory_by_slug("trelaze").await.expect("lookup").expect("trelaze").id;
    let user_id = account(app, email, None).await;
    app.db.grant_role(user_id, territory, Role::Manager, None, 0).await.expect("grant");
}

async fn a_follow_up_is_read_by_its_coaches_and_managers_only(mut app: TestApp) {
    let camille = coach(&mut app, "camille@example.fr", "camille", "Camille Conseil").await;
    coach(&mut app, "dominique@example.fr", "dominique", "Dominique Appui").await;
    account(&mut app, "gestion@example.fr", Some(Role::Manager)).await;
    neighbouring_manager(&mut app, "voisin@example.fr").await;
    let (appointment, person) = booked(&app, &camille, 1, slots(&app, &camille, 14).await[0]).await;
    during(&app, &appointment);
    let timeline = format!("/espace-coach/beneficiaires/{}", person.public_id);

    as_user(&mut app, "camille@example.fr").await;
    app.post_form(&form_path(&appointment), &record("Premier rendez-vous.")).await.assert_status(StatusCode::SEE_OTHER);
    assert!(app.get(&timeline).await.assert_status(StatusCode::OK).body.contains("Premier rendez-vous."));
    assert!(app.get("/espace-coach/beneficiaires").await.body.contains("Personne 1"));

    // Another coach of the same territory learns nothing, not even that it exists.
    as_user(&mut app, "dominique@example.fr").await;
    for path in [timeline.clone(), format!("{timeline}/compte-rendu"), format!("{timeline}/partager"), form_path(&appointment)] {
        let response = app.get(&path).await;
        response.assert_status(StatusCode::NOT_FOUND);
        assert!(!response.body.contains("Personne 1"), "{path}");
    }
    app.post_form(&format!("{timeline}/partager"), &[("coach", "dominique")]).await.assert_status(StatusCode::NOT_FOUND);
    app.post_form(&form_path(&appointment), &record("Pas le mien.")).await.assert_status(StatusCode::NOT_FOUND);
    assert!(!app.get("/espace-coach/beneficiaires").await.body.contains("Personne 1"));

    // The territory's manager reads; a manager of the neighbouring commune does not.
    as_user(&mut app, "gestion@example.fr").await;
    let read = app.get(&timeline).await;
    read.assert_status(StatusCode::OK);
    assert!(read.body.contains("Premier rendez-vous.") && !read.body.contains("Noter un contact"), "managers read, coaches write");
    app.get(&form_path(&appointment)).await.assert_status(StatusCode::NOT_FOUND);
    as_user(&mut app, "voisin@example.fr").await;
    app.get(&timeline).await.assert_status(StatusCode::NOT_FOUND);

    // A visitor is asked to log in.
    app.new_visitor();
    let anonymous = app.get(&timeline).await;
    anonymous.assert_status(StatusCode::SEE_OTHER);
    assert!(anonymous.location().starts_with("/connexion"), "{}", anonymous.location());
    assert_eq!(app.count("accompaniments").await, 1);
}

async fn sharing_opens_the_follow_up_to_another_coach_and_says_who_shared(mut app: TestApp) {
    let camille = coach(&mut app, "camille@example.fr", "camille", "Camille Conseil").await;
    coach(&mut app, "dominique@example.fr", "dominique", "Dominique Appui").await;
    let (_, person) = booked(&app, &camille, 1, slots(&app, &camille, 14).await[0]).await;
    let timeline = format!("/espace-coach/beneficiaires/{}", person.public_id);
    as_user(&mut app, "dominique@example.fr").await;
    app.get(&timeline).await.assert_status(StatusCode::NOT_FOUND);

    as_user(&mut app, "camille@example.fr").await;
    let form = app.get(&format!("{timeline}/partager")).await;
    form.assert_status(StatusCode::OK);
    assert!(form.body.contains(r#"value="dominique""#) && !form.body.contains(r#"value="camille""#), "only coaches not following yet");
    let unknown = app.post_form(&format!("{timeline}/partager"), &[("coach", "nobody")]).await;
    unknown.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unknown.body.contains(r#"role="alert""#));
    let shared = app.post_form(&format!("{timeline}/partager"), &[("coach", "dominique")]).await;
    shared.assert_status(StatusCode::SEE_OTHER);
    assert_eq!(shared.location(), timeline);

    as_user(&mut app, "dominique@example.fr").await;
    let read = app.get(&timeline).await;
    read.assert_status(StatusCode::OK);
    let camille_user = app.db.user_by_email(&Email::parse("camille@example.fr").expect("email")).await.expect("lookup").expect("user");
    assert!(read.body.contains(&format!("partagé par {}", camille_user.display_name)), "the timeline says who shared");
    assert!(read.body.contains("Noter un contact"), "a coach it was shared with may write records");
    assert!(app.get("/espace-coach/beneficiaires").await.body.contains("Personne 1"));
    assert_eq!(app.count("beneficiary_coaches").await, 2);
    app.with_header("Accept-Language", "en");
    let english = app.get(&timeline).await.body;
    assert!(english.contains("Follow-up — Personne 1") && english.contains("shared by"), "in English too");
}

async fn managers_list_the_territory_beneficiaries(mut app: TestApp) {
    let camille = coach(&mut app, "camille@example.fr", "camille", "Camille Conseil").await;
    account(&mut app, "gestion@example.fr", Some(Role::Manager)).await;
    neighbouring_manager(&mut app, "voisin@example.fr").await;
    let free = slots(&app, &camille, 14).await;
    booked(&app, &camille, 1, free[0]).await;
    booked(&app, &camille, 2, free[1]).await;
    as_user(&mut app, "gestion@example.fr").await;
    let list = app.get("/territoires/angers/accompagnements").await;
    list.assert_status(StatusCode::OK);
    assert!(list.body.contains("Personne 1") && list.body.contains("Personne 2"));
    let searched = app.get("/territoires/angers/accompagnements?q=boutique%202").await;
    assert!(searched.body.contains("Personne 2") && !searched.body.contains("Personne 1"), "search by business, any case");
    as_user(&mut app, "voisin@example.fr").await;
    app.get("/territoires/angers/accompagnements").await.assert_status(StatusCode::FORBIDDEN);
    as_user(&mut app, "camille@example.fr").await;
    app.get("/territoires/angers/accompagnements").await.assert_status(StatusCode::FORBIDDEN);
}
