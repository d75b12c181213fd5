//! Introductions through the real router, on both engines: double opt-in (no contact of
//! either side in any page, JSON answer or e-mail before acceptance, nor after a decline; both
//! after acceptance; nothing for a third account), who may answer and when, withdrawal,
//! suspended actors, the limits, and CSRF.

use crate::eco_fixtures::{ANGERS, AVRILLE, SAUMUR, actor, offering, profile};
use crate::events_staff::as_user;
use crate::helpers::TestApp;
use axum::http::StatusCode;
use tremplin_domain::ecosystem::{Actor, ActorKind, ActorRepo, ActorStatus, Sector, Stage, Topic};
use tremplin_kernel::Clock;

/// A message long enough.
pub const MESSAGE: &str = "Je lance une épicerie vrac et cherche un regard expérimenté sur mon plan.";

/// The mentor `claire@example.org` (Avrillé, mentoring and first customers) and the project
/// holder `alex@example.org` (Angers), logged in as Alex.
pub async fn pair(app: &mut TestApp) -> (Actor, Actor) {
    let claire = actor(
        app,
        "claire@example.org",
        "claire-mentor",
        &offering(
            ActorKind::Mentor,
            "Claire Mentor",
            AVRILLE,
            &[Topic::Mentoring, Topic::FirstCustomers],
            &[Sector::Retail],
            &[Stage::Idea],
        ),
    )
    .await;
    let alex = actor(app, "alex@example.org", "alex-projet", &profile(ActorKind::Project, "Alex Projet", ANGERS)).await;
    (claire, alex)
}

/// Asks `slug` for `need` as the visitor logged in; returns the response.
pub async fn ask(app: &mut TestApp, slug: &str, need: &str) -> crate::helpers::TestResponse {
    let form = format!("/ecosysteme/acteurs/{slug}/mise-en-relation");
    app.get(&form).await;
    app.post_form(&form, &[("need", need), ("message", MESSAGE)]).await
}

/// The public id in a redirect to an introduction's page.
pub fn public_id(location: &str) -> String {
    location.rsplit('/').next().expect("id").to_owned()
}

const CLAIRE_CONTACT: [&str; 2] = ["contact-claire-mentor@example.org", "Contact Claire Mentor"];
const ALEX_CONTACT: [&str; 2] = ["contact-alex-projet@example.org", "Contact Alex Projet"];
const PHONE: &str = "06 12 34 56 78";

fn shows_none(body: &str, contact: [&str; 2]) {
    for detail in contact.iter().chain([&PHONE]) {
        assert!(!body.contains(detail), "{detail} leaked");
    }
}

fn shows(body: &str, contact: [&str; 2]) {
    for detail in contact.iter().chain([&PHONE]) {
        assert!(body.contains(detail), "{detail} missing");
    }
}

async fn views(app: &mut TestApp, id: &str) -> (String, serde_json::Value) {
    let page = app.get(&format!("/ecosysteme/mises-en-relation/{id}")).await;
    page.assert_status(StatusCode::OK);
    assert!(page.headers.get("cache-control").is_some_and(|v| v.to_str().unwrap_or_default().contains("no-store")));
    let json = app.get(&format!("/api/v1/ecosystem/introductions/{id}")).await;
    json.assert_status(StatusCode::OK);
    (page.body, json.json())
}

async fn contacts_are_shared_only_once_both_agreed(mut app: TestApp) {
    let (_claire, _alex) = pair(&mut app).await;
    let sent = ask(&mut app, "claire-mentor", "mentoring").await;
    sent.assert_status(StatusCode::SEE_OTHER);
    let id = public_id(sent.location());
    // Before the answer: the requester sees nothing of the recipient's contact, nor in JSON.
    let (page, json) = views(&mut app, &id).await;
    shows_none(&page, CLAIRE_CONTACT);
    assert_eq!(json["contact"], serde_json::Value::Null);
    assert_eq!(json["status"], "pending");
    assert_eq!(json["role"], "requester");
    let list = app.get("/api/v1/ecosystem/introductions").await.json();
    assert_eq!(list["introductions"][0]["contact"], serde_json::Value::Null);
    // The recipient sees none of the requester's either.
    as_user(&mut app, "claire@example.org").await;
    let (page, json) = views(&mut app, &id).await;
    shows_none(&page, ALEX_CONTACT);
    assert!(page.contains(MESSAGE));
    assert_eq!(json["contact"], serde_json::Value::Null);
    let list_page = app.get("/ecosysteme/mises-en-relation").await;
    shows_none(&list_page.body, ALEX_CONTACT);
    assert!(list_page.body.contains("Alex Projet"));
    // A third account: 404 on the page and in JSON, 401 without an account.
    actor(&mut app, "tiers@example.org", "tiers", &profile(ActorKind::Firm, "Tiers", SAUMUR)).await;
    app.get(&format!("/ecosysteme/mises-en-relation/{id}")).await.assert_status(StatusCode::NOT_FOUND);
    let other = app.get(&format!("/api/v1/ecosystem/introductions/{id}")).await;
    other.assert_status(StatusCode::NOT_FOUND);
    shows_none(&other.body, CLAIRE_CONTACT);
    app.new_visitor();
    let anonymous = app.get(&format!("/api/v1/ecosystem/introductions/{id}")).await;
    anonymous.assert_status(StatusCode::UNAUTHORIZED);
    assert!(anonymous.json()["error"]["code"].is_string());
    app.get("/api/v1/ecosystem/introductions").await.assert_status(StatusCode::UNAUTHORIZED);
    // Claire accepts, opening a mentoring relationship.
    as_user(&mut app, "claire@example.org").await;
    app.get(&format!("/ecosysteme/mises-en-relation/{id}")).await;
    let accepted = app
        .post_form(
            &format!("/ecosysteme/mises-en-relation/{id}/reponse"),
            &[("decision", "accept"), ("mentoring", "true"), ("answer", "Avec plaisir !")],
        )
        .await;
    accepted.assert_status(StatusCode::SEE_OTHER);
    let (page, json) = views(&mut app, &id).await;
    shows(&page, ALEX_CONTACT);
    assert_eq!(json["contact"]["email"], ALEX_CONTACT[0]);
    assert_eq!(json["mentoring"], true);
    as_user(&mut app, "alex@example.org").await;
    let (page, json) = views(&mut app, &id).await;
    shows(&page, CLAIRE_CONTACT);
    assert!(page.contains("Avec plaisir !"));
    assert_eq!(json["contact"]["phone"], PHONE);
    // A third account still sees nothing.
    as_user(&mut app, "tiers@example.org").await;
    app.get(&format!("/api/v1/ecosystem/introductions/{id}")).await.assert_status(StatusCode::NOT_FOUND);
    // The e-mails (request to Claire, acceptance to Alex) carry no contact detail.
    app.run_pending_jobs().await;
    let mail = app.sent_mail();
    assert!(mail.iter().any(|m| m.to == "claire@example.org" && m.message.text.contains(MESSAGE)));
    assert!(mail.iter().any(|m| m.to == "alex@example.org" && m.message.text.contains(&format!("/ecosysteme/mises-en-relation/{id}"))));
    for m in &mail {
        let all = format!("{} {} {}", m.message.subject, m.message.text, m.message.html);
        shows_none(&all, CLAIRE_CONTACT);
        shows_none(&all, ALEX_CONTACT);
        assert!(!all.contains(if m.to == "claire@example.org" { "alex@example.org" } else { "claire@example.org" }));
    }
}

async fn a_declined_request_shares_nothing(mut app: TestApp) {
    pair(&mut app).await;
    let form = app.get("/ecosysteme/acteurs/claire-mentor/mise-en-relation?besoin=first_customers").await;
    assert!(form.body.contains(r#"value="first_customers" selected"#), "?besoin= preselects the need");
    let id = public_id(ask(&mut app, "claire-mentor", "first_customers").await.location());
    as_user(&mut app, "claire@example.org").await;
    app.get("/ecosysteme/mises-en-relation").await;
    app.post_form(&format!("/ecosysteme/mises-en-relation/{id}/reponse"), &[("decision", "decline")])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    let (page, json) = views(&mut app, &id).await;
    shows_none(&page, ALEX_CONTACT);
    assert_eq!((json["status"].as_str(), &json["contact"]), (Some("declined"), &serde_json::Value::Null));
    // Answered once only.
    let again = app.post_form(&format!("/ecosysteme/mises-en-relation/{id}/reponse"), &[("decision", "accept")]).await;
    again.assert_status(StatusCode::BAD_REQUEST);
    as_user(&mut app, "alex@example.org").await;
    let (page, json) = views(&mut app, &id).await;
    shows_none(&page, CLAIRE_CONTACT);
    assert_eq!(json["contact"], serde_json::Value::Null);
    app.run_pending_jobs().await;
    let declined: Vec<_> =
        app.sent_mail().into_iter().filter(|m| m.to == "alex@example.org" && m.message.subject.contains("décliné")).collect();
    assert_eq!(declined.len(), 1);
    shows_none(&declined[0].message.text, CLAIRE_CONTACT);
}

async fn only_the_recipient_answers_and_only_the_requester_withdraws(mut app: TestApp) {
    pair(&mut app).await;
    let id = public_id(ask(&mut app, "claire-mentor", "mentoring").await.location());
    // The requester may not answer their own request.
    app.post_form(&format!("/ecosysteme/mises-en-relation/{id}/reponse"), &[("decision", "accept")])
        .await
        .assert_status(StatusCode::FORBIDDEN);
    // The recipient may not withdraw it; a third account gets 404.
    as_user(&mut app, "claire@example.org").await;
    app.get("/ecosysteme/mises-en-relation").await;
    app.post_form(&format!("/ecosysteme/mises-en-relation/{id}/retrait"), &[]).await.assert_status(StatusCode::FORBIDDEN);
    actor(&mut app, "tiers@example.org", "tiers", &profile(ActorKind::Firm, "Tiers", SAUMUR)).await;
    app.get("/ecosysteme/mises-en-relation").await;
    app.post_form(&format!("/ecosysteme/mises-en-relation/{id}/reponse"), &[("decision", "accept")])
        .await
        .assert_status(StatusCode::NOT_FOUND);
    // The requester withdraws; it can then not be accepted.
    as_user(&mut app, "alex@example.org").await;
    app.get("/ecosysteme/mises-en-relation").await;
    app.post_form(&format!("/ecosysteme/mises-en-relation/{id}/retrait"), &[]).await.assert_status(StatusCode::SEE_OTHER);
    assert_eq!(app.count_where("eco_introductions", "status", "withdrawn").await, 1);
    as_user(&mut app, "claire@example.org").await;
    app.get("/ecosysteme/mises-en-relation").await;
    app.post_form(&format!("/ecosysteme/mises-en-relation/{id}/reponse"), &[("decision", "accept")])
        .await
        .assert_status(StatusCode::BAD_REQUEST);
    // Asking oneself is refused; a need the recipient does not offer is a 422.
    app.get("/ecosysteme/acteurs/claire-mentor/mise-en-relation").await.assert_status(StatusCode::FORBIDDEN);
    as_user(&mut app, "alex@example.org").await;
    let wrong = ask(&mut app, "claire-mentor", "funding").await;
    wrong.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong.body.contains(MESSAGE), "the message is kept");
    let short = app.post_form("/ecosysteme/acteurs/claire-mentor/mise-en-relation", &[("need", "mentoring"), ("message", "Bonjour")]).await;
    short.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(short.body.contains("role=\"alert\""));
}

async fn suspended_actors_neither_ask_nor_are_asked(mut app: TestApp) {
    let (claire, alex) = pair(&mut app).await;
    let now = app.clock.now_ts();
    app.db.set_actor_status(claire.id, ActorStatus::Suspended, "spam", now).await.expect("suspend");
    ask(&mut app, "claire-mentor", "mentoring").await.assert_status(StatusCode::NOT_FOUND);
    app.db.set_actor_status(claire.id, ActorStatus::Active, "", now).await.expect("reinstate");
    app.db.set_actor_status(alex.id, ActorStatus::Suspended, "spam", now).await.expect("suspend");
    ask(&mut app, "claire-mentor", "mentoring").await.assert_status(StatusCode::FORBIDDEN);
    assert_eq!(app.count("eco_introductions").await, 0);
    // Without a profile: sent to the profile form.
    crate::eco_fixtures::actor(&mut app, "x@example.org", "x", &profile(ActorKind::Firm, "X", ANGERS)).await;
    app.new_visitor();
    crate::events_staff::account(&mut app, "sans-profil@example.org", None).await;
    let redirect = app.get("/ecosysteme/acteurs/claire-mentor/mise-en-relation").await;
    redirect.assert_status(StatusCode::SEE_OTHER);
    assert_eq!(redirect.location(), "/ecosysteme/profil");
    // Not logged in: the login page.
    app.new_visitor();
    let login = app.get("/ecosysteme/acteurs/claire-mentor/mise-en-relation").await;
    assert!(login.location().starts_with("/connexion"));
}

async fn limits_hold_and_reset_after_a_day(mut app: TestApp) {
    let mut slugs = Vec::new();
    for n in 0..12 {
        let slug = format!("mentor-{n}");
        let name = format!("Mentor {n}");
        actor(&mut app, &format!("m{n}@example.org"), &slug, &offering(ActorKind::Mentor, &name, AVRILLE, &[Topic::Mentoring], &[], &[]))
            .await;
        slugs.push(slug);
    }
    actor(&mut app, "alex@example.org", "alex-projet", &profile(ActorKind::Project, "Alex Projet", ANGERS)).await;
    for slug in &slugs[..5] {
        ask(&mut app, slug, "mentoring").await.assert_status(StatusCode::SEE_OTHER);
    }
    // The sixth within 24 hours is refused.
    let sixth = ask(&mut app, &slugs[5], "mentoring").await;
    sixth.assert_status(StatusCode::TOO_MANY_REQUESTS);
    assert!(sixth.body.contains("5 demandes"), "the daily limit's message");
    assert!(sixth.body.contains(MESSAGE), "the message is kept");
    // A day later: still one pending request per pair, five more elsewhere; the eleventh pending is refused.
    app.clock.advance(chrono::TimeDelta::hours(24) + chrono::TimeDelta::seconds(1));
    ask(&mut app, &slugs[0], "mentoring").await.assert_status(StatusCode::TOO_MANY_REQUESTS);
    for slug in &slugs[5..10] {
        ask(&mut app, slug, "mentoring").await.assert_status(StatusCode::SEE_OTHER);
    }
    app.clock.advance(chrono::TimeDelta::hours(25));
    let eleventh = ask(&mut app, &slugs[10], "mentoring").await;
    eleventh.assert_status(StatusCode::TOO_MANY_REQUESTS);
    assert!(eleventh.body.contains("10 demandes"));
    assert_eq!(app.count_where("eco_introductions", "status", "pending").await, 10);
}

async fn a_form_without_its_token_is_refused(mut app: TestApp) {
    pair(&mut app).await;
    let refused =
        app.post_raw("/ecosysteme/acteurs/claire-mentor/mise-en-relation", &[("need", "mentoring"), ("message", MESSAGE)], &[]).await;
    refused.assert_status(StatusCode::FORBIDDEN);
    assert_eq!(app.count("eco_introductions").await, 0);
}

async fn the_api_is_documented(mut app: TestApp) {
    let doc = app.get("/api/v1/openapi.json").await.json();
    assert!(doc["paths"]["/api/v1/ecosystem/introductions/{public_id}"]["get"].is_object());
    assert!(doc["components"]["schemas"]["IntroductionDto"].is_object());
}

async fn two_requests_at_once_count_each_other(mut app: TestApp) {
    use tremplin_domain::ecosystem::introductions::{IntroRepo, NewIntroduction};
    let mut mentors = Vec::new();
    for n in 0..6 {
        let slug = format!("mentor-{n}");
        mentors.push(
            actor(
                &mut app,
                &format!("m{n}@example.org"),
                &slug,
                &offering(ActorKind::Mentor, &slug, AVRILLE, &[Topic::Mentoring], &[], &[]),
            )
            .await,
        );
    }
    let alex = actor(&mut app, "alex@example.org", "alex-projet", &profile(ActorKind::Project, "Alex Projet", ANGERS)).await;
    let now = app.clock.now_ts();
    let new = |to: &Actor| NewIntroduction {
        public_id: tremplin_kernel::token::new_public_id(),
        requester_id: alex.id,
        recipient_id: to.id,
        need: Topic::Mentoring,
        message: MESSAGE.into(),
        created_at: now,
    };
    for mentor in &mentors[..4] {
        app.db.create_introduction(&new(mentor), None).await.expect("store").expect("allowed");
    }
    // Two instances each send the fifth at once: one passes, the other is refused.
    let other = tremplin_store::Db::connect(&app.database_url).await.expect("second pool");
    let (a, b) = (new(&mentors[4]), new(&mentors[5]));
    let (first, second) = tokio::join!(app.db.create_introduction(&a, None), other.create_introduction(&b, None));
    let passed = [first.expect("store"), second.expect("store")].iter().filter(|r| r.is_ok()).count();
    assert_eq!(passed, 1);
    assert_eq!(app.count("eco_introductions").await, 5);
}

crate::both_engines!(
    contacts_are_shared_only_once_both_agreed,
    a_declined_request_shares_nothing,
    only_the_recipient_answers_and_only_the_requester_withdraws,
    suspended_actors_neither_ask_nor_are_asked,
    limits_hold_and_reset_after_a_day,
    a_form_without_its_token_is_refused,
    the_api_is_documented,
    two_requests_at_once_count_each_other
);
