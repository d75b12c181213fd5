//! Owners claim and edit their listing; managers moderate claims and reports and restore
//! earlier versions; imports never overwrite a field edited by hand.

use crate::helpers::TestApp;
use axum::http::StatusCode;
use tremplin_domain::accounts::AccountRepo;
use tremplin_domain::directory::{ListingInput, ListingKind, save_listing};
use tremplin_domain::territories::TerritoryRepo;
use tremplin_kernel::{Email, GeoPoint, Role};

const PASSWORD: &str = "une phrase de passe solide";
const SLUG: &str = "boulangerie-du-chateau-49007";

fn bakery(email: &str, hours: &str, description: &str) -> ListingInput {
    ListingInput {
        source: "test".into(),
        source_id: "bakery".into(),
        kind: Some(ListingKind::Shop),
        name: "Boulangerie du Château".into(),
        description: description.into(),
        address: "2 place du Ralliement".into(),
        postcode: "49000".into(),
        insee: Some("49007".into()),
        point: GeoPoint::new(47.4715, -0.5518),
        category: Some("boulangerie-patisserie".into()),
        email: email.into(),
        opening_hours: hours.into(),
        ..ListingInput::default()
    }
}

async fn owner_claims_by_code_then_edits_with_history(mut app: TestApp) {
    save_listing(&app.db, &bakery("contact@boulangerie.example", "Mo-Sa 07:00-19:00", "Pain au levain."), None, Some("Angers"), 0)
        .await
        .expect("saved");
    app.sign_up("gerante@exemple.fr", PASSWORD).await;
    let page = app.get(&format!("/annuaire/{SLUG}")).await;
    assert!(page.body.contains("Gérer cette fiche") && !page.body.contains("Modifier la fiche"));
    app.get(&format!("/annuaire/{SLUG}/modifier")).await.assert_status(StatusCode::FORBIDDEN);

    app.get(&format!("/annuaire/{SLUG}/revendiquer")).await.assert_status(StatusCode::OK);
    let started = app.post_form(&format!("/annuaire/{SLUG}/revendiquer"), &[("message", "Je suis la gérante.")]).await;
    started.assert_status(StatusCode::OK);
    assert!(started.body.contains("Un code a été envoyé"));
    app.run_pending_jobs().await;
    let mail = app.sent_mail().into_iter().find(|m| m.to == "contact@boulangerie.example").expect("code sent to the listing's address");
    let code: String =
        mail.message.text.lines().map(str::trim).find(|l| l.len() == 6 && l.chars().all(|c| c.is_ascii_digit())).expect("code").to_owned();
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let refused = app.post_form(&format!("/annuaire/{SLUG}/revendiquer/code"), &[("code", wrong)]).await;
    refused.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("pas le bon"));
    let accepted = app.post_form(&format!("/annuaire/{SLUG}/revendiquer/code"), &[("code", &code)]).await;
    accepted.assert_status(StatusCode::SEE_OTHER);
    assert_eq!(accepted.location(), format!("/annuaire/{SLUG}/modifier"));

    let form = app.get(&format!("/annuaire/{SLUG}/modifier")).await;
    form.assert_status(StatusCode::OK);
    assert!(form.body.contains("value=\"Mo-Sa 07:00-19:00\""));
    let fields = |hours: &'static str| {
        vec![
            ("name", "Boulangerie du Château"),
            ("description", "Pain au levain, viennoiseries."),
            ("address", "2 place du Ralliement"),
            ("postcode", "49000"),
            ("phone", "02 41 11 22 33"),
            ("email", "contact@boulangerie.example"),
            ("website", "boulangerie-chateau.example"),
            ("category", "boulangerie-patisserie"),
            ("service", "click_collect"),
            ("opening_hours", hours),
        ]
    };
    let bad = app.post_form(&format!("/annuaire/{SLUG}/modifier"), &fields("Lu-Sa 7h-19h")).await;
    bad.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("pas au format OpenStreetMap"));
    assert!(bad.body.contains("value=\"Lu-Sa 7h-19h\""), "input kept");
    assert!(bad.body.contains("Pain au levain, viennoiseries."), "other fields kept");
    let mut preview_fields = fields("Tu-Sa 07:00-13:00,15:00-19:00; Su 07:00-12:30");
    preview_fields.push(("preview", "1"));
    let preview = app.post_form(&format!("/annuaire/{SLUG}/modifier"), &preview_fields).await;
    preview.assert_status(StatusCode::OK);
    assert!(preview.body.contains("07:00–13:00, 15:00–19:00"), "week preview");
    let saved = app.post_form(&format!("/annuaire/{SLUG}/modifier"), &fields("Tu-Sa 07:00-13:00,15:00-19:00; Su 07:00-12:30")).await;
    saved.assert_status(StatusCode::SEE_OTHER);

    let api = app.get(&format!("/api/v1/listings/{SLUG}")).await.json();
    assert_eq!(api["opening_hours"], "Tu-Sa 07:00-13:00,15:00-19:00; Su 07:00-12:30");
    assert_eq!(api["phone"], "+33241112233");
    assert_eq!(api["website"], "https://boulangerie-chateau.example");
    assert_eq!(api["amenities"][0], "click_collect");
    assert_eq!(app.get("/api/v1/listings?q=viennoiseries").await.json()["total"], 1, "search words follow the edit");
    let history = app.get(&format!("/annuaire/{SLUG}/historique")).await;
    history.assert_status(StatusCode::OK);
    assert!(history.body.contains("Modifiée par le propriétaire") && history.body.contains("Import de test"));
    assert!(!history.body.contains("Rétablir"), "owners see the history, staff restore");
    assert!(app.get("/compte").await.body.contains(&format!("href=\"/annuaire/{SLUG}/modifier\"")));
}

async fn imports_never_overwrite_hand_edits(mut app: TestApp) {
    save_listing(&app.db, &bakery("contact@boulangerie.example", "Mo-Sa 07:00-19:00", "Pain."), None, None, 0).await.expect("saved");
    let admin = tremplin_domain::accounts::ensure_user(
        &app.db,
        &app.clock,
        &Email::parse("admin@exemple.fr").expect("email"),
        "Admin",
        Some(PASSWORD),
        true,
    )
    .await
    .expect("admin");
    assert!(admin.is_platform_admin);
    app.log_in("admin@exemple.fr", PASSWORD).await;
    app.get(&format!("/annuaire/{SLUG}/modifier")).await.assert_status(StatusCode::OK);
    let saved = app
        .post_form(
            &format!("/annuaire/{SLUG}/modifier"),
            &[
                ("name", "Boulangerie du Château"),
                ("postcode", "49000"),
                ("address", "2 place du Ralliement"),
                ("opening_hours", "Mo-Sa 06:30-19:30"),
                ("description", "Pain."),
            ],
        )
        .await;
    saved.assert_status(StatusCode::SEE_OTHER);
    // The next import brings other hours and another description: only the description changes.
    let outcome = save_listing(&app.db, &bakery("contact@boulangerie.example", "Mo-Fr 08:00-18:00", "Pain et gâteaux."), None, None, 10)
        .await
        .expect("saved");
    assert_eq!(outcome, tremplin_domain::directory::UpsertOutcome::Updated);
    let api = app.get(&format!("/api/v1/listings/{SLUG}")).await.json();
    assert_eq!(api["opening_hours"], "Mo-Sa 06:30-19:30", "the hand-edited hours stay");
    assert_eq!(api["description"], "Pain et gâteaux.", "the rest follows the source");
    let again = save_listing(&app.db, &bakery("contact@boulangerie.example", "Mo-Fr 08:00-18:00", "Pain et gâteaux."), None, None, 20)
        .await
        .expect("saved");
    assert_eq!(again, tremplin_domain::directory::UpsertOutcome::Unchanged);
}

async fn managers_moderate_claims_reports_and_restore_versions(mut app: TestApp) {
    let db = &app.db;
    app.commune_territory("angers", "Angers", "49007").await;
    app.commune_territory("saumur", "Saumur", "49328").await;
    save_listing(db, &bakery("", "Mo-Sa 07:00-19:00", "Pain."), None, None, 0).await.expect("saved");
    for (email, slug) in [("gestion@exemple.fr", "angers"), ("saumur@exemple.fr", "saumur")] {
        let user =
            tremplin_domain::accounts::ensure_user(db, &app.clock, &Email::parse(email).expect("email"), "Gestion", Some(PASSWORD), false)
                .await
                .expect("user");
        let territory = db.territory_by_slug(slug).await.expect("lookup").expect("territory");
        db.grant_role(user.id, territory.id, Role::Manager, None, 0).await.expect("grant");
    }

    // A visitor reports an error; too short a message is explained.
    app.get(&format!("/annuaire/{SLUG}/signaler")).await.assert_status(StatusCode::OK);
    let short = app.post_form(&format!("/annuaire/{SLUG}/signaler"), &[("message", "x")]).await;
    short.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    app.post_form(&format!("/annuaire/{SLUG}/signaler"), &[("message", "Fermé le lundi maintenant."), ("contact", "voisin@exemple.fr")])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    // A merchant without the listing's e-mail asks a manager.
    app.new_visitor();
    app.sign_up("gerante@exemple.fr", PASSWORD).await;
    app.get(&format!("/annuaire/{SLUG}/revendiquer")).await;
    let asked = app.post_form(&format!("/annuaire/{SLUG}/revendiquer"), &[("message", "Gérante depuis mars.")]).await;
    asked.assert_status(StatusCode::SEE_OTHER);

    // The manager of another territory sees nothing and cannot decide.
    app.new_visitor();
    app.log_in("saumur@exemple.fr", PASSWORD).await;
    let other = app.get("/territoires/saumur/moderation").await;
    assert!(!other.body.contains("Boulangerie du Château"));
    app.get("/territoires/angers/moderation").await.assert_status(StatusCode::FORBIDDEN);
    let queue_ids: Vec<i64> = match &app.db {
        tremplin_store::Db::Sqlite(pool) => sqlx::query_scalar("SELECT id FROM listing_claims").fetch_all(pool).await.expect("ids"),
        tremplin_store::Db::Pg(pool) => sqlx::query_scalar("SELECT id FROM listing_claims").fetch_all(pool).await.expect("ids"),
    };
    let claim = queue_ids[0].to_string();
    app.post_form(&format!("/territoires/saumur/moderation/revendications/{claim}"), &[("decision", "approve")])
        .await
        .assert_status(StatusCode::FORBIDDEN);

    // The manager of Angers approves, closes the report, and restores an earlier version.
    app.new_visitor();
    app.log_in("gestion@exemple.fr", PASSWORD).await;
    let queue = app.get("/territoires/angers/moderation").await;
    queue.assert_status(StatusCode::OK);
    assert!(queue.body.contains("gerante@exemple.fr") && queue.body.contains("Fermé le lundi maintenant."));
    app.post_form(&format!("/territoires/angers/moderation/revendications/{claim}"), &[("decision", "approve")])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    app.post_form(&format!("/territoires/angers/moderation/revendications/{claim}"), &[("decision", "approve")])
        .await
        .assert_status(StatusCode::NOT_FOUND);
    let report_ids: Vec<i64> = match &app.db {
        tremplin_store::Db::Sqlite(pool) => sqlx::query_scalar("SELECT id FROM listing_reports").fetch_all(pool).await.expect("ids"),
        tremplin_store::Db::Pg(pool) => sqlx::query_scalar("SELECT id FROM listing_reports").fetch_all(pool).await.expect("ids"),
    };
    app.post_form(&format!("/territoires/angers/moderation/signalements/{}/clore", report_ids[0]), &[])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    assert!(app.get("/territoires/angers/moderation").await.body.contains("Rien à traiter."));

    // The new owner changes the hours; the manager puts the imported version back.
    app.new_visitor();
    app.log_in("gerante@exemple.fr", PASSWORD).await;
    app.get(&format!("/annuaire/{SLUG}/modifier")).await.assert_status(StatusCode::OK);
    app.post_form(
        &format!("/annuaire/{SLUG}/modifier"),
        &[("name", "Boulangerie du Château"), ("opening_hours", "Tu-Sa 07:00-19:00"), ("description", "Pain.")],
    )
    .await
    .assert_status(StatusCode::SEE_OTHER);
    app.new_visitor();
    app.log_in("gestion@exemple.fr", PASSWORD).await;
    let history = app.get(&format!("/annuaire/{SLUG}/historique")).await;
    assert!(history.body.contains("Rétablir"));
    let versions: Vec<i64> = match &app.db {
        tremplin_store::Db::Sqlite(pool) => {
            sqlx::query_scalar("SELECT id FROM listing_versions ORDER BY id").fetch_all(pool).await.expect("ids")
        }
        tremplin_store::Db::Pg(pool) => {
            sqlx::query_scalar("SELECT id FROM listing_versions ORDER BY id").fetch_all(pool).await.expect("ids")
        }
    };
    assert_eq!(versions.len(), 2, "the imported state and the owner's edit");
    app.post_form(&format!("/annuaire/{SLUG}/historique/{}/restaurer", versions[0]), &[]).await.assert_status(StatusCode::SEE_OTHER);
    let api = app.get(&format!("/api/v1/listings/{SLUG}")).await.json();
    assert_eq!(api["opening_hours"], "Mo-Sa 07:00-19:00");
    assert_eq!(app.count("listing_versions").await, 3, "the restore is a version too: nothing is lost");
    // The other territory's manager cannot restore.
    app.new_visitor();
    app.log_in("saumur@exemple.fr", PASSWORD).await;
    app.get(&format!("/annuaire/{SLUG}/historique")).await.assert_status(StatusCode::FORBIDDEN);
    app.post_form(&format!("/annuaire/{SLUG}/historique/{}/restaurer", versions[1]), &[]).await.assert_status(StatusCode::FORBIDDEN);
}

async fn the_public_proposes_a_place_and_a_manager_publishes_it(mut app: TestApp) {
    let db = &app.db;
    app.commune_territory("angers", "Angers", "49007").await;
    let manager = tremplin_domain::accounts::ensure_user(
        db,
        &app.clock,
        &Email::parse("gestion@exemple.fr").expect("email"),
        "Gestion",
        Some(PASSWORD),
        false,
    )
    .await
    .expect("user");
    let territory = db.territory_by_slug("angers").await.expect("lookup").expect("territory");
    db.grant_role(manager.id, territory.id, Role::Manager, None, 0).await.expect("grant");

    app.get("/annuaire/proposer").await.assert_status(StatusCode::OK);
    let bad = app.post_form("/annuaire/proposer", &[("name", ""), ("postcode", "99999"), ("opening_hours", "tous les jours")]).await;
    bad.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("Indiquez le nom") && bad.body.contains("pas au format OpenStreetMap"));
    assert!(bad.body.contains("value=\"tous les jours\""), "input kept");
    let unknown = app.post_form("/annuaire/proposer", &[("name", "Atelier"), ("postcode", "99999")]).await;
    unknown.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unknown.body.contains("Ce code postal n"));
    let sent = app
        .post_form(
            "/annuaire/proposer",
            &[
                ("name", "Atelier Vélo Solidaire"),
                ("postcode", "49100"),
                ("address", "3 rue Thiers"),
                ("category", "velo"),
                ("opening_hours", "We,Sa 14:00-18:00"),
            ],
        )
        .await;
    sent.assert_status(StatusCode::SEE_OTHER);
    assert_eq!(app.get("/api/v1/listings?q=atelier%20velo").await.json()["total"], 0, "not published before a manager checks it");

    app.new_visitor();
    app.log_in("gestion@exemple.fr", PASSWORD).await;
    let queue = app.get("/territoires/angers/moderation").await;
    assert!(queue.body.contains("Atelier Vélo Solidaire"));
    let id: i64 = match &app.db {
        tremplin_store::Db::Sqlite(pool) => {
            sqlx::query_scalar("SELECT id FROM listings WHERE status = 'pending'").fetch_one(pool).await.expect("id")
        }
        tremplin_store::Db::Pg(pool) => {
            sqlx::query_scalar("SELECT id FROM listings WHERE status = 'pending'").fetch_one(pool).await.expect("id")
        }
    };
    app.post_form(&format!("/territoires/angers/moderation/fiches/{id}"), &[("decision", "publish")])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    let found = app.get("/api/v1/listings?q=atelier%20velo").await.json();
    assert_eq!(found["total"], 1);
    assert_eq!(found["items"][0]["commune"], "Angers");
    assert_eq!(found["items"][0]["kind"], "shop");
    app.post_form(&format!("/territoires/angers/moderation/fiches/{id}"), &[("decision", "publish")])
        .await
        .assert_status(StatusCode::NOT_FOUND);
}

crate::both_engines!(
    owner_claims_by_code_then_edits_with_history,
    imports_never_overwrite_hand_edits,
    managers_moderate_claims_reports_and_restore_versions,
    the_public_proposes_a_place_and_a_manager_publishes_it
);
