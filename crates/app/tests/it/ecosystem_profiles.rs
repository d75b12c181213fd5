//! Actor profiles through the router on both engines: creating then editing one's profile
//! with the form, every validation message with the input kept, CSRF, one profile per
//! account, listings one owns, the actor page and its JSON without any contact detail, and
//! who sees a hidden or suspended profile.

use crate::eco_fixtures::{ANGERS, actor, offering, profile};
use crate::events_staff::account;
use crate::helpers::TestApp;
use crate::stats_fixtures::listing;
use axum::http::StatusCode;
use tremplin_domain::directory::ownership::OwnershipRepo;
use tremplin_domain::ecosystem::{ActorKind, ActorRepo, ActorStatus, Sector, Stage, Topic};
use tremplin_kernel::{Clock, Locale, Role};
use tremplin_web::i18n::Tr;

/// A message as the page shows it (HTML-escaped).
fn shown(key: &str) -> String {
    let text = Tr::new(Locale::Fr).t(key);
    assert_ne!(text, key, "missing translation {key}");
    text.replace('&', "&amp;").replace('\'', "&#x27;").replace('"', "&quot;").replace('<', "&lt;").replace('>', "&gt;")
}

/// Whether the page shows the message `key` (either way askama escapes an apostrophe).
fn has(body: &str, key: &str) -> bool {
    let escaped = shown(key);
    body.contains(&escaped) || body.contains(&escaped.replace("&#x27;", "&#39;"))
}

fn good_form() -> Vec<(&'static str, &'static str)> {
    vec![
        ("kind", "project"),
        ("name", "Épicerie Vrac"),
        ("presentation", "Une épicerie sans emballage au cœur de la Doutre."),
        ("sectors", "retail"),
        ("sectors", "food"),
        ("stages", "launch"),
        ("needs", "mentoring"),
        ("needs", "premises"),
        ("need_words", "un local de 40 m²"),
        ("commune", "49007"),
        ("website", "epicerie-vrac.example"),
        ("contact_name", "Alex Martin"),
        ("contact_email", "alex.martin@example.org"),
        ("contact_phone", "06 98 76 54 32"),
        ("visible", "true"),
    ]
}

fn with<'a>(form: &[(&'a str, &'a str)], changes: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut out: Vec<_> = form.iter().filter(|(k, _)| !changes.iter().any(|(c, _)| c == k)).copied().collect();
    out.extend(changes.iter().filter(|(_, v)| !v.is_empty()).copied());
    out
}

async fn create_then_edit_through_the_form(mut app: TestApp) {
    // Logged out: to the login page, and back.
    app.get("/ecosysteme/profil").await.assert_status(StatusCode::SEE_OTHER);
    assert!(app.get("/ecosysteme/profil").await.location().starts_with("/connexion?retour="));
    let user_id = account(&mut app, "alex@example.org", None).await;
    let blank = app.get("/ecosysteme/profil").await;
    blank.assert_status(StatusCode::OK);
    assert!(has(&blank.body, "eco-actors-profile-create-title"));
    assert_eq!(blank.headers.get("cache-control").and_then(|v| v.to_str().ok()), Some("private, no-store"));
    let created = app.post_form("/ecosysteme/profil", &good_form()).await;
    created.assert_status(StatusCode::SEE_OTHER);
    assert_eq!(created.location(), "/ecosysteme/acteurs/epicerie-vrac");
    let actor = app.db.actor_by_user(user_id).await.expect("lookup").expect("actor");
    assert_eq!((actor.kind, actor.territory_slug.as_str(), actor.insee.as_deref()), (ActorKind::Project, "angers", Some("49007")));
    assert_eq!(actor.sectors, vec![Sector::Retail, Sector::Food]);
    assert_eq!(actor.needs, vec![Topic::Mentoring, Topic::Premises]);
    assert_eq!(actor.website, "https://epicerie-vrac.example");
    assert!(actor.latitude.is_some_and(|lat| (lat - ANGERS.1).abs() < 0.05));
    let contact = app.db.actor_contact(actor.id).await.expect("contact").expect("some");
    assert_eq!((contact.email.as_str(), contact.phone.as_str()), ("alex.martin@example.org", "06 98 76 54 32"));
    let page = app.get("/ecosysteme/acteurs/epicerie-vrac").await;
    page.assert_status(StatusCode::OK);
    assert!(has(&page.body, "eco-actors-profile-saved"));
    // Editing: the form is filled; a second profile is impossible, the same one changes.
    let edit = app.get("/ecosysteme/profil").await;
    assert!(has(&edit.body, "eco-actors-profile-edit-title") && edit.body.contains("value=\"Épicerie Vrac\""));
    assert!(edit.body.contains("alex.martin@example.org"), "the owner sees their contact in their form");
    let form = with(&good_form(), &[("name", "Épicerie Vrac de la Doutre"), ("commune", "Angers"), ("stages", "growth")]);
    let saved = app.post_form("/ecosysteme/profil", &form).await;
    saved.assert_status(StatusCode::SEE_OTHER);
    assert_eq!(saved.location(), "/ecosysteme/acteurs/epicerie-vrac");
    assert_eq!(app.count("eco_actors").await, 1);
    let after = app.db.actor_by_id(actor.id).await.expect("lookup").expect("actor");
    assert_eq!((after.name.as_str(), after.stages.as_slice()), ("Épicerie Vrac de la Doutre", &[Stage::Growth][..]));
}

async fn every_validation_message_and_input_kept(mut app: TestApp) {
    account(&mut app, "alex@example.org", None).await;
    app.get("/ecosysteme/profil").await;
    let long = "x".repeat(501);
    let bad = with(
        &good_form(),
        &[
            ("kind", "robot"),
            ("name", ""),
            ("presentation", ""),
            ("sectors", ""),
            ("stages", "someday"),
            ("needs", "magic"),
            ("need_words", long.as_str()),
            ("offer_words", long.as_str()),
            ("commune", ""),
            ("website", "ftp://x"),
            ("contact_name", ""),
            ("contact_email", "pas-une-adresse"),
            ("contact_phone", "abc"),
        ],
    );
    let refused = app.post_form("/ecosysteme/profil", &bad).await;
    refused.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    for key in [
        "eco-actors-error-kind",
        "eco-actors-error-name",
        "eco-actors-error-presentation",
        "eco-actors-error-sectors",
        "eco-actors-error-stages",
        "eco-actors-error-topics",
        "eco-actors-error-words",
        "eco-actors-error-commune-required",
        "eco-actors-error-website",
        "eco-actors-error-contact-name",
        "eco-actors-error-contact-email",
        "eco-actors-error-contact-phone",
    ] {
        assert!(has(&refused.body, key), "{key} missing");
    }
    assert!(refused.body.contains("value=\"pas-une-adresse\"") && refused.body.contains("value=\"ftp://x\""), "input kept");
    assert!(refused.body.contains("role=\"alert\""));
    // A project gives one stage; something needed or offered; a commune that exists.
    let refused = app
        .post_form(
            "/ecosysteme/profil",
            &with(&good_form(), &[("stages", "idea"), ("needs", ""), ("need_words", ""), ("commune", "Nullepart-sur-Mer")])
                .into_iter()
                .chain([("stages", "launch")])
                .collect::<Vec<_>>(),
        )
        .await;
    refused.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    for key in ["eco-actors-error-own-stage", "eco-actors-error-nothing", "eco-actors-error-commune-unknown"] {
        assert!(has(&refused.body, key), "{key} missing");
    }
    assert!(refused.body.contains("value=\"Nullepart-sur-Mer\""));
    // A commune no territory of this deployment covers (only Angers here).
    let refused = app.post_form("/ecosysteme/profil", &with(&good_form(), &[("commune", "49328")])).await;
    refused.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(has(&refused.body, "eco-actors-error-territory"));
    // The English messages exist too.
    app.with_header("accept-language", "en");
    let refused = app.post_form("/ecosysteme/profil", &with(&good_form(), &[("contact_email", "nope")])).await;
    assert!(refused.body.contains(&Tr::new(Locale::En).t("eco-actors-error-contact-email")));
    assert_eq!(app.count("eco_actors").await, 0);
}

async fn csrf_missing_is_refused(mut app: TestApp) {
    account(&mut app, "alex@example.org", None).await;
    app.get("/ecosysteme/profil").await;
    let refused = app.post_raw("/ecosysteme/profil", &good_form(), &[]).await;
    refused.assert_status(StatusCode::FORBIDDEN);
    assert_eq!(app.count("eco_actors").await, 0);
}

async fn only_a_listing_one_owns(mut app: TestApp) {
    let user_id = account(&mut app, "commerce@example.org", None).await;
    listing(&app, 900, "49007", "", false).await;
    app.get("/ecosysteme/profil").await;
    let form = with(&good_form(), &[("kind", "firm"), ("listing", "l900"), ("stages", "established")]);
    let refused = app.post_form("/ecosysteme/profil", &form).await;
    refused.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(has(&refused.body, "eco-actors-error-listing"));
    app.db.add_owner(900, user_id, 0).await.expect("owner");
    let page = app.get("/ecosysteme/profil").await;
    assert!(page.body.contains("<option value=\"l900\""), "the owned listing is offered");
    app.post_form("/ecosysteme/profil", &with(&form, &[("commune", "")])).await.assert_status(StatusCode::SEE_OTHER);
    let actor = app.db.actor_by_user(user_id).await.expect("lookup").expect("actor");
    assert_eq!((actor.listing_slug.as_deref(), actor.insee.as_deref()), (Some("l900"), Some("49007")));
    let page = app.get(&format!("/ecosysteme/acteurs/{}", actor.slug)).await;
    assert!(page.body.contains("href=\"/annuaire/l900\""));
}

async fn the_page_and_its_json_never_show_the_contact(mut app: TestApp) {
    let mut written =
        offering(ActorKind::Mentor, "Claude Mentor", ANGERS, &[Topic::Mentoring], &[Sector::Retail], &[Stage::Idea, Stage::Launch]);
    written.offer_words = "trente ans de commerce".into();
    written.website = "https://claude.example".into();
    let claude = actor(&mut app, "claude@example.org", "claude-mentor", &written).await;
    let secrets = ["Contact Claude Mentor", "contact-claude-mentor@example.org", "06 12 34 56 78", "claude@example.org"];
    let check = |body: &str| {
        for secret in secrets {
            assert!(!body.contains(secret), "{secret} leaked:\n{body}");
        }
    };
    // The owner, another member, a visitor: never the contact on the page.
    let own = app.get("/ecosysteme/acteurs/claude-mentor").await;
    own.assert_status(StatusCode::OK);
    check(&own.body);
    assert!(!own.body.contains("/mise-en-relation"), "no request to oneself");
    account(&mut app, "other@example.org", None).await;
    let other = app.get("/ecosysteme/acteurs/claude-mentor").await;
    check(&other.body);
    assert!(other.body.contains("href=\"/ecosysteme/acteurs/claude-mentor/mise-en-relation\""));
    assert!(other.body.contains("href=\"/ecosysteme/acteurs/claude-mentor/signaler\""));
    assert!(other.body.contains("trente ans de commerce") && other.body.contains("https://claude.example"));
    app.new_visitor();
    let public = app.get("/ecosysteme/acteurs/claude-mentor").await;
    check(&public.body);
    let json = app.get("/api/v1/ecosystem/actors/claude-mentor").await;
    json.assert_status(StatusCode::OK);
    check(&json.body);
    assert_eq!(json.json()["slug"], "claude-mentor");
    assert_eq!(json.json()["offers"], serde_json::json!(["mentoring"]));
    check(&app.get("/api/v1/ecosystem/matches?need=mentoring").await.body);
    check(&app.get("/ecosysteme?besoin=mentoring").await.body);
    assert_eq!(claude.slug, "claude-mentor");
    app.get("/ecosysteme/acteurs/nobody").await.assert_status(StatusCode::NOT_FOUND);
    app.get("/api/v1/ecosystem/actors/nobody").await.assert_status(StatusCode::NOT_FOUND);
}

async fn hidden_or_suspended_only_to_owner_and_managers(mut app: TestApp) {
    let hidden = tremplin_domain::ecosystem::ActorProfile { visible: false, ..profile(ActorKind::Funder, "Fonds discret", ANGERS) };
    let fonds = actor(&mut app, "fonds@example.org", "fonds-discret", &hidden).await;
    let owner = app.get("/ecosysteme/acteurs/fonds-discret").await;
    owner.assert_status(StatusCode::OK);
    assert!(has(&owner.body, "eco-actors-banner-hidden"));
    assert_eq!(owner.headers.get("cache-control").and_then(|v| v.to_str().ok()), Some("private, no-store"));
    app.new_visitor();
    app.get("/ecosysteme/acteurs/fonds-discret").await.assert_status(StatusCode::NOT_FOUND);
    app.get("/api/v1/ecosystem/actors/fonds-discret").await.assert_status(StatusCode::NOT_FOUND);
    account(&mut app, "member@example.org", None).await;
    app.get("/ecosysteme/acteurs/fonds-discret").await.assert_status(StatusCode::NOT_FOUND);
    account(&mut app, "gestion@example.org", Some(Role::Manager)).await;
    let manager = app.get("/ecosysteme/acteurs/fonds-discret").await;
    manager.assert_status(StatusCode::OK);
    assert!(has(&manager.body, "eco-actors-banner-hidden"));
    app.db.set_actor_status(fonds.id, ActorStatus::Suspended, "Démarchage répété", app.clock.now_ts()).await.expect("suspend");
    let manager = app.get("/ecosysteme/acteurs/fonds-discret").await;
    assert!(has(&manager.body, "eco-actors-banner-suspended") && manager.body.contains("Démarchage répété"));
    app.new_visitor();
    app.get("/ecosysteme/acteurs/fonds-discret").await.assert_status(StatusCode::NOT_FOUND);
}

crate::both_engines!(
    create_then_edit_through_the_form,
    every_validation_message_and_input_kept,
    csrf_missing_is_refused,
    only_a_listing_one_owns,
    the_page_and_its_json_never_show_the_contact,
    hidden_or_suspended_only_to_owner_and_managers
);
