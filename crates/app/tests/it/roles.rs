//! Roles hold in a territory and the territories nested in it, nowhere else.

use crate::helpers::TestApp;
use axum::http::StatusCode;
use tremplin_domain::accounts::AccountRepo;
use tremplin_domain::territories::{NewTerritory, TerritoryKind, TerritoryRepo};
use tremplin_kernel::{Email, Role};

const PASSWORD: &str = "une phrase de passe solide";

/// Department 49 > Angers Loire Métropole and Saumur Val de Loire.
async fn territories(app: &TestApp) {
    let dept = app.db.department_communes("49").await.expect("communes");
    app.db
        .upsert_territory(&NewTerritory {
            slug: "dep".into(),
            name: "Département".into(),
            kind: TerritoryKind::Department,
            parent_slug: None,
            communes: dept,
        })
        .await
        .expect("department");
    for (slug, siren) in [("alm", "244900015"), ("saumur", "200071876")] {
        let (name, communes) = app.db.epci_communes(siren).await.expect("epci").expect("known epci");
        app.db
            .upsert_territory(&NewTerritory {
                slug: slug.into(),
                name,
                kind: TerritoryKind::Epci,
                parent_slug: Some("dep".into()),
                communes,
            })
            .await
            .expect("epci");
    }
}

async fn account_with_role(app: &mut TestApp, email: &str, role: Option<(Role, &str)>) -> i64 {
    app.new_visitor();
    app.sign_up(email, PASSWORD).await;
    let user = app.db.user_by_email(&Email::parse(email).expect("email")).await.expect("lookup").expect("user");
    if let Some((role, slug)) = role {
        let territory = app.db.territory_by_slug(slug).await.expect("lookup").expect("territory");
        app.db.grant_role(user.id, territory.id, role, None, 0).await.expect("grant");
    }
    user.id
}

async fn manager_acts_on_own_territory_only(mut app: TestApp) {
    territories(&app).await;
    let member = account_with_role(&mut app, "membre@exemple.fr", None).await;
    account_with_role(&mut app, "gestion@exemple.fr", Some((Role::Manager, "alm"))).await;

    let team = app.get("/territoires/alm/equipe").await;
    team.assert_status(StatusCode::OK);
    assert!(team.body.contains("gestion@exemple.fr"));
    assert!(!team.body.contains("<option value=\"admin\""), "a manager cannot offer the admin role");
    let granted = app.post_form("/territoires/alm/equipe", &[("email", "membre@exemple.fr"), ("role", "coach")]).await;
    granted.assert_status(StatusCode::SEE_OTHER);
    let grants = app.db.grants_of(member).await.expect("grants");
    assert_eq!(grants.iter().map(|g| (g.territory_slug.as_str(), g.role)).collect::<Vec<_>>(), vec![("alm", Role::Coach)]);

    // Another territory, and a role above the manager's, are refused.
    app.get("/territoires/saumur/equipe").await.assert_status(StatusCode::FORBIDDEN);
    app.get("/territoires/dep/equipe").await.assert_status(StatusCode::FORBIDDEN);
    let refused = app.post_form("/territoires/saumur/equipe", &[("email", "membre@exemple.fr"), ("role", "coach")]).await;
    refused.assert_status(StatusCode::FORBIDDEN);
    assert!(
        refused.body.contains("Vous n'avez pas le droit")
            || refused.body.contains("Vous n&#39;avez pas le droit")
            || refused.body.contains("Vous n&#x27;avez pas le droit"),
        "{}",
        refused.body
    );
    app.post_form("/territoires/alm/equipe", &[("email", "membre@exemple.fr"), ("role", "admin")])
        .await
        .assert_status(StatusCode::FORBIDDEN);
    app.post_form("/territoires/saumur/equipe/retirer", &[("user_id", &member.to_string()), ("role", "coach")])
        .await
        .assert_status(StatusCode::FORBIDDEN);
    assert_eq!(app.db.grants_of(member).await.expect("grants").len(), 1);

    // The manager removes the role they granted.
    app.post_form("/territoires/alm/equipe/retirer", &[("user_id", &member.to_string()), ("role", "coach")])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    assert!(app.db.grants_of(member).await.expect("grants").is_empty());
}

async fn admin_of_a_department_manages_nested_territories(mut app: TestApp) {
    territories(&app).await;
    account_with_role(&mut app, "membre@exemple.fr", None).await;
    account_with_role(&mut app, "admin@exemple.fr", Some((Role::Admin, "dep"))).await;
    app.get("/territoires/saumur/equipe").await.assert_status(StatusCode::OK);
    app.post_form("/territoires/saumur/equipe", &[("email", "membre@exemple.fr"), ("role", "manager")])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    let team = app.get("/territoires/saumur/equipe").await;
    assert!(team.body.contains("membre@exemple.fr"));
}

async fn members_coaches_and_visitors_see_no_team(mut app: TestApp) {
    territories(&app).await;
    account_with_role(&mut app, "coach@exemple.fr", Some((Role::Coach, "alm"))).await;
    app.get("/territoires/alm/equipe").await.assert_status(StatusCode::FORBIDDEN);
    app.post_form("/territoires/alm/equipe", &[("email", "coach@exemple.fr"), ("role", "member")])
        .await
        .assert_status(StatusCode::FORBIDDEN);
    app.new_visitor();
    let visitor = app.get("/territoires/alm/equipe").await;
    visitor.assert_status(StatusCode::SEE_OTHER);
    assert_eq!(visitor.location(), "/connexion?retour=%2Fterritoires%2Falm%2Fequipe");
    app.get("/territoires/inconnu/equipe").await.assert_status(StatusCode::SEE_OTHER);
}

async fn granting_checks_its_input(mut app: TestApp) {
    territories(&app).await;
    account_with_role(&mut app, "gestion@exemple.fr", Some((Role::Manager, "alm"))).await;
    app.get("/territoires/alm/equipe").await;
    let unknown = app.post_form("/territoires/alm/equipe", &[("email", "personne@exemple.fr"), ("role", "coach")]).await;
    unknown.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unknown.body.contains("Aucun compte n"));
    assert!(unknown.body.contains("value=\"personne@exemple.fr\""));
    let bad_role = app.post_form("/territoires/alm/equipe", &[("email", "gestion@exemple.fr"), ("role", "roi")]).await;
    bad_role.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad_role.body.contains("Choisissez un rôle"));
}

crate::both_engines!(
    manager_acts_on_own_territory_only,
    admin_of_a_department_manages_nested_territories,
    members_coaches_and_visitors_see_no_team,
    granting_checks_its_input,
);
