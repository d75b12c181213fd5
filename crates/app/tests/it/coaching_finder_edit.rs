//! A coach's profile and availability, edited through the pages on both engines: bad input
//! (422, the input kept, a message beside each field), saving, a closure removing slots from
//! the coach page, and who may edit what (the coach, managers of the coach's territory; not
//! another coach nor a manager elsewhere; visitors are sent to log in).

use crate::coach_fixtures::{coach, slots};
use crate::event_fixtures::angers;
use crate::events_staff::{account, as_user};
use crate::helpers::TestApp;
use axum::http::StatusCode;
use tremplin_domain::accounts::AccountRepo;
use tremplin_domain::coaching::CoachRepo;
use tremplin_domain::coaching::slots::local_date;
use tremplin_domain::territories::TerritoryRepo;
use tremplin_kernel::Role;

crate::both_engines!(
    a_bad_profile_is_refused_field_by_field_and_a_good_one_saved,
    bad_hours_are_refused_and_good_hours_change_the_slots,
    a_closure_removes_its_day_from_the_coach_page_until_removed,
    who_may_edit_a_profile,
    a_coach_without_profile_creates_theirs_and_a_manager_creates_one,
);

/// A complete, valid profile form.
fn good_profile() -> Vec<(&'static str, &'static str)> {
    vec![
        ("display_name", "Camille Conseil"),
        ("structure_kind", "association"),
        ("structure_name", "Angers Numérique"),
        ("presentation", "Je vous aide à vendre en ligne."),
        ("themes", "online_selling"),
        ("themes", "security"),
        ("languages", "fr"),
        ("languages", "es"),
        ("audiences", "resident"),
        ("communes", "Angers, 49130"),
        ("radius_km", "12,5"),
        ("base", "Angers"),
        ("address", "1 rue de la Gare, Angers"),
        ("modalities", "video"),
        ("accessibility", "Rez-de-chaussée."),
        ("active", "true"),
    ]
}

async fn a_bad_profile_is_refused_field_by_field_and_a_good_one_saved(mut app: TestApp) {
    coach(&mut app, "camille@example.fr", "camille", "Camille Conseil").await;
    let form = app.get("/espace-coach/profil").await;
    form.assert_status(StatusCode::OK);
    assert!(form.body.contains("value=\"Camille Conseil\"") && form.body.contains("value=\"49007\""));
    let bad = [
        ("display_name", ""),
        ("structure_kind", "guild"),
        ("presentation", "Gardé tel quel"),
        ("themes", "knitting"),
        ("languages", "fr"),
        ("audiences", "resident"),
        ("communes", "Atlantis"),
        ("radius_km", "900"),
        ("base", "49007"),
        ("modalities", "video"),
    ];
    let refused = app.post_form("/espace-coach/profil", &bad).await;
    refused.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        refused.body.contains("Gardé tel quel") && refused.body.contains("value=\"Atlantis\"") && refused.body.contains("value=\"900\"")
    );
    for message in [
        "Indiquez un nom",
        "Choisissez un type de structure",
        "Cochez au moins un thème",
        "Le rayon va de 0,5 à 200 km",
        "Une des communes est introuvable",
    ] {
        assert!(refused.body.contains(message), "{message}");
    }
    assert!(refused.body.matches("role=\"alert\"").count() >= 5);
    assert_eq!(app.db.coach_by_slug("camille").await.expect("lookup").expect("coach").display_name, "Camille Conseil");
    let saved = app.post_form("/espace-coach/profil", &good_profile()).await;
    saved.assert_status(StatusCode::SEE_OTHER);
    let camille = app.db.coach_by_slug("camille").await.expect("lookup").expect("coach");
    assert_eq!(camille.themes, ["online_selling", "security"]);
    assert_eq!(camille.zone_communes.len(), 2, "Angers and the commune of 49130");
    assert_eq!((camille.zone_radius_km, camille.base_insee.as_deref()), (Some(12.5), Some("49007")));
    assert!(camille.latitude.is_some());
    assert!(app.get("/espace-coach/profil").await.body.contains("Profil enregistré"));
    // The finder now finds Camille for residents wanting security, in Spanish, by video.
    let found = app.get("/api/v1/coaches?audience=resident&theme=security&language=es&modality=video").await.json();
    assert_eq!(found["coaches"][0]["coach"]["slug"], "camille");
}

fn hours(monday: (&'static str, &'static str), second: (&'static str, &'static str)) -> Vec<(&'static str, &'static str)> {
    vec![
        ("h1_0", monday.0),
        ("h1_0_end", monday.1),
        ("h1_1", second.0),
        ("h1_1_end", second.1),
        ("appointment_minutes", "30"),
        ("buffer_minutes", "0"),
        ("max_per_day", "10"),
        ("notice_hours", "0"),
        ("horizon_days", "28"),
    ]
}

async fn bad_hours_are_refused_and_good_hours_change_the_slots(mut app: TestApp) {
    let camille = coach(&mut app, "camille@example.fr", "camille", "Camille Conseil").await;
    let page = app.get("/espace-coach/disponibilites").await;
    page.assert_status(StatusCode::OK);
    assert!(page.body.contains("name=\"h1_0\" type=\"time\" value=\"09:00\"") && page.body.contains("value=\"14:00\""));
    // Overlapping spans, an end before its start, a length out of bounds.
    let mut bad = hours(("09:00", "12:00"), ("11:00", "13:00"));
    bad.extend([("h2_0", "17:00"), ("h2_0_end", "08:00")]);
    bad[4].1 = "5";
    let refused = app.post_form("/espace-coach/disponibilites", &bad).await;
    refused.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    for message in ["chevauche une autre plage", "La fin doit venir après le début", "La durée va de 15 à 240 minutes"] {
        assert!(refused.body.contains(message), "{message}");
    }
    assert!(refused.body.contains("name=\"h2_0\" type=\"time\" value=\"17:00\"") && refused.body.contains("value=\"5\""), "input kept");
    assert!(refused.body.contains("id=\"h1_1-error\" role=\"alert\""));
    assert_eq!(slots(&app, &camille, 14).await.len(), 40, "unchanged: ten days of four slots");
    // Mondays only, 09:00–10:00 and 14:00–15:00, half-hour appointments.
    app.post_form("/espace-coach/disponibilites", &hours(("09:00", "10:00"), ("14:00", "15:00")))
        .await
        .assert_status(StatusCode::SEE_OTHER);
    let camille = app.db.coach_by_slug("camille").await.expect("lookup").expect("coach");
    assert_eq!((camille.rules.appointment_minutes, camille.rules.horizon_days), (30, 28));
    let free = slots(&app, &camille, 14).await;
    assert_eq!(free.len(), 8, "two Mondays of four half-hour slots");
    assert!(free.iter().all(|s| local_date(s.starts_at).format("%u").to_string() == "1"));
    let page = app.get("/espace-coach/disponibilites").await;
    assert!(page.body.contains("Horaires enregistrés") && page.body.contains("Prochains créneaux libres"));
}

async fn a_closure_removes_its_day_from_the_coach_page_until_removed(mut app: TestApp) {
    let camille = coach(&mut app, "camille@example.fr", "camille", "Camille Conseil").await;
    let first = slots(&app, &camille, 14).await[0];
    let day = local_date(first.starts_at).format("%Y-%m-%d").to_string();
    let link = format!("debut={}\"", first.starts_at);
    assert!(app.get("/coachs/camille").await.body.contains(&link));
    // An opening without hours, and dates in the wrong order, are refused.
    let refused =
        app.post_form("/espace-coach/disponibilites/exceptions", &[("kind", "open"), ("first_day", &day), ("note", "Salon")]).await;
    refused.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("a besoin d&#39;heures"), "{}", refused.body);
    assert!(refused.body.contains("value=\"Salon\""));
    let reversed = app
        .post_form("/espace-coach/disponibilites/exceptions", &[("kind", "closed"), ("first_day", &day), ("last_day", "2020-01-01")])
        .await;
    reversed.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    // The whole day closed: its slots leave the coach page.
    let added =
        app.post_form("/espace-coach/disponibilites/exceptions", &[("kind", "closed"), ("first_day", &day), ("note", "Formation")]).await;
    added.assert_status(StatusCode::SEE_OTHER);
    let page = app.get("/coachs/camille").await;
    assert!(!page.body.contains(&link), "the closed day has no slot");
    assert!(slots(&app, &camille, 14).await.iter().all(|s| local_date(s.starts_at).format("%Y-%m-%d").to_string() != day));
    // Removed: back again.
    let listed = app.get("/espace-coach/disponibilites").await;
    assert!(listed.body.contains("Formation"));
    let marker = "/espace-coach/disponibilites/exceptions/";
    let start = listed.body.find(marker).expect("remove form") + marker.len();
    let id: String = listed.body[start..].chars().take_while(char::is_ascii_digit).collect();
    app.post_form(&format!("{marker}{id}/supprimer"), &[]).await.assert_status(StatusCode::SEE_OTHER);
    assert!(app.get("/coachs/camille").await.body.contains(&link));
    // Another coach cannot remove this coach's exceptions (nothing of theirs has this id).
    app.post_form("/espace-coach/disponibilites/exceptions", &[("kind", "closed"), ("first_day", &day)]).await;
    let listed = app.get("/espace-coach/disponibilites").await;
    let start = listed.body.find(marker).expect("remove form") + marker.len();
    let id: String = listed.body[start..].chars().take_while(char::is_ascii_digit).collect();
    coach(&mut app, "dominique@example.fr", "dominique", "Dominique Durand").await;
    app.post_form(&format!("{marker}{id}/supprimer"), &[]).await.assert_status(StatusCode::NOT_FOUND);
}

async fn who_may_edit_a_profile(mut app: TestApp) {
    coach(&mut app, "camille@example.fr", "camille", "Camille Conseil").await;
    coach(&mut app, "dominique@example.fr", "dominique", "Dominique Durand").await;
    // Visitors are sent to log in.
    app.new_visitor();
    let visitor = app.get("/espace-coach/profil").await;
    visitor.assert_status(StatusCode::SEE_OTHER);
    assert!(visitor.location().starts_with("/connexion?retour="));
    assert!(app.get("/espace-coach/disponibilites?coach=camille").await.location().starts_with("/connexion"));
    // Another coach: refused, and nothing changes.
    as_user(&mut app, "dominique@example.fr").await;
    app.get("/espace-coach/profil?coach=camille").await.assert_status(StatusCode::FORBIDDEN);
    app.post_form("/espace-coach/profil?coach=camille", &good_profile()).await.assert_status(StatusCode::FORBIDDEN);
    app.post_form("/espace-coach/disponibilites/exceptions?coach=camille", &[("kind", "closed"), ("first_day", "2030-01-01")])
        .await
        .assert_status(StatusCode::FORBIDDEN);
    app.get("/territoires/angers/coachs").await.assert_status(StatusCode::FORBIDDEN);
    assert_eq!(app.db.coach_by_slug("camille").await.expect("lookup").expect("coach").structure_name, "CCI Maine-et-Loire");
    // A manager of another territory: refused.
    app.commune_territory("saumur", "Saumur", "49328").await;
    let saumur = app.db.territory_by_slug("saumur").await.expect("lookup").expect("saumur").id;
    let elsewhere = account(&mut app, "saumur@example.fr", None).await;
    app.db.grant_role(elsewhere, saumur, Role::Manager, None, 0).await.expect("grant");
    as_user(&mut app, "saumur@example.fr").await;
    app.get("/espace-coach/profil?coach=camille").await.assert_status(StatusCode::FORBIDDEN);
    app.get("/espace-coach/disponibilites?coach=camille").await.assert_status(StatusCode::FORBIDDEN);
    app.get("/territoires/angers/coachs").await.assert_status(StatusCode::FORBIDDEN);
    // Someone with no coach role and no profile cannot create one.
    app.get("/espace-coach/profil").await.assert_status(StatusCode::FORBIDDEN);
    // A manager of Angers edits Camille's profile and hours.
    account(&mut app, "gestion@example.fr", Some(Role::Manager)).await;
    as_user(&mut app, "gestion@example.fr").await;
    let form = app.get("/espace-coach/profil?coach=camille").await;
    form.assert_status(StatusCode::OK);
    assert!(form.body.contains("action=\"/espace-coach/profil?coach=camille\""));
    let saved = app.post_form("/espace-coach/profil?coach=camille", &good_profile()).await;
    saved.assert_status(StatusCode::SEE_OTHER);
    assert_eq!(saved.location(), "/espace-coach/profil?coach=camille");
    assert_eq!(app.db.coach_by_slug("camille").await.expect("lookup").expect("coach").structure_name, "Angers Numérique");
    app.get("/espace-coach/disponibilites?coach=camille").await.assert_status(StatusCode::OK);
    app.get("/espace-coach/profil?coach=nobody").await.assert_status(StatusCode::NOT_FOUND);
}

async fn a_coach_without_profile_creates_theirs_and_a_manager_creates_one(mut app: TestApp) {
    let territory = angers(&app).await;
    account(&mut app, "eva@example.fr", Some(Role::Coach)).await;
    as_user(&mut app, "eva@example.fr").await;
    let form = app.get("/espace-coach/profil").await;
    form.assert_status(StatusCode::OK);
    assert!(form.body.contains("Créer mon profil"));
    app.get("/espace-coach/disponibilites").await.assert_status(StatusCode::NOT_FOUND);
    let mut fields = good_profile();
    fields[0].1 = "Éva Morel";
    let created = app.post_form("/espace-coach/profil", &fields).await;
    created.assert_status(StatusCode::SEE_OTHER);
    assert_eq!(created.location(), "/espace-coach/disponibilites");
    let eva = app.db.coach_by_slug("eva-morel").await.expect("lookup").expect("coach");
    assert_eq!((eva.territory_id, eva.display_name.as_str()), (territory, "Éva Morel"));
    // A manager sees the territory's coaches and creates a profile for a coach without one.
    let fabrice = account(&mut app, "fabrice@example.fr", Some(Role::Coach)).await;
    account(&mut app, "gestion@example.fr", Some(Role::Manager)).await;
    as_user(&mut app, "gestion@example.fr").await;
    let list = app.get("/territoires/angers/coachs").await;
    list.assert_status(StatusCode::OK);
    assert!(list.body.contains("Éva Morel") && list.body.contains("fabrice@example.fr"));
    let id = fabrice.to_string();
    let made = app.post_form("/territoires/angers/coachs", &[("user_id", &id)]).await;
    made.assert_status(StatusCode::SEE_OTHER);
    assert!(made.location().starts_with("/espace-coach/profil?coach="));
    let profile = app.db.coach_by_user(fabrice).await.expect("lookup").expect("profile");
    assert!(!profile.active, "a draft stays hidden until filled in");
    app.post_form("/territoires/angers/coachs", &[("user_id", &id)]).await.assert_status(StatusCode::BAD_REQUEST);
    let manager =
        app.db.user_by_email(&tremplin_kernel::Email::parse("gestion@example.fr").expect("email")).await.expect("lookup").expect("user");
    app.post_form("/territoires/angers/coachs", &[("user_id", &manager.id.to_string())]).await.assert_status(StatusCode::BAD_REQUEST);
}
