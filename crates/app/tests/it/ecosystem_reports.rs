//! Reports, suspensions by the right manager, and the meetings log of a mentoring
//! relationship, through the real router on both engines.

use crate::eco_fixtures::{ANGERS, actor, profile};
use crate::ecosystem_intro::{ask, pair, public_id};
use crate::events_staff::{PASSWORD, as_user};
use crate::helpers::TestApp;
use crate::stats_fixtures::tree;
use axum::http::StatusCode;
use tremplin_domain::accounts::AccountRepo;
use tremplin_domain::ecosystem::{ActorKind, ActorRepo, ActorStatus};
use tremplin_kernel::{Email, Role};

async fn manager(app: &mut TestApp, email: &str, territory: i64) {
    app.new_visitor();
    app.sign_up(email, PASSWORD).await;
    let user = app.db.user_by_email(&Email::parse(email).expect("email")).await.expect("lookup").expect("user");
    app.db.grant_role(user.id, territory, Role::Manager, None, 0).await.expect("grant");
    as_user(app, email).await;
}

async fn reports_and_suspensions_by_the_right_manager(mut app: TestApp) {
    let tree = tree(&app).await;
    let (claire, _alex) = pair(&mut app).await;
    // Alex asks Claire something, then reports her.
    ask(&mut app, "claire-mentor", "mentoring").await.assert_status(StatusCode::SEE_OTHER);
    app.get("/ecosysteme/acteurs/claire-mentor/signaler").await.assert_status(StatusCode::OK);
    let empty = app.post_form("/ecosysteme/acteurs/claire-mentor/signaler", &[("reason", "other"), ("details", "")]).await;
    empty.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    app.post_form("/ecosysteme/acteurs/claire-mentor/signaler", &[("reason", "spam"), ("details", "Des messages en masse")])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    let twice = app.post_form("/ecosysteme/acteurs/claire-mentor/signaler", &[("reason", "spam"), ("details", "Encore")]).await;
    twice.assert_status(StatusCode::TOO_MANY_REQUESTS);
    assert!(twice.body.contains("Encore"), "the details are kept");
    // Claire has her own request pending to someone else.
    actor(
        &mut app,
        "zoe@example.org",
        "zoe",
        &crate::eco_fixtures::offering(ActorKind::Funder, "Zoé Fonds", ANGERS, &[tremplin_domain::ecosystem::Topic::Funding], &[], &[]),
    )
    .await;
    as_user(&mut app, "claire@example.org").await;
    ask(&mut app, "zoe", "funding").await.assert_status(StatusCode::SEE_OTHER);
    // A member and another territory's manager: 403.
    as_user(&mut app, "alex@example.org").await;
    app.get("/territoires/angers/ecosysteme").await.assert_status(StatusCode::FORBIDDEN);
    manager(&mut app, "saumur@example.org", tree.saumur).await;
    app.get("/territoires/angers/ecosysteme").await.assert_status(StatusCode::FORBIDDEN);
    app.get("/territoires/saumur/ecosysteme").await.assert_status(StatusCode::OK);
    app.post_form("/territoires/angers/ecosysteme/acteurs/claire-mentor/suspendre", &[("note", "spam")])
        .await
        .assert_status(StatusCode::FORBIDDEN);
    // Claire's actor is in Angers; the Saumur page does not list her.
    assert!(!app.get("/territoires/saumur/ecosysteme").await.body.contains("Claire Mentor"));
    app.post_form("/territoires/saumur/ecosysteme/acteurs/claire-mentor/suspendre", &[("note", "spam")])
        .await
        .assert_status(StatusCode::NOT_FOUND);
    // The department's manager sees the report and suspends Claire.
    manager(&mut app, "dept@example.org", tree.department).await;
    // The territory's page leads its managers to the ecosystem's moderation and offers review.
    let territory = app.get("/territoires/angers").await.body;
    assert!(territory.contains(r#"href="/territoires/angers/ecosysteme""#) && territory.contains(r#"href="/territoires/angers/offres""#));
    let page = app.get("/territoires/angers/ecosysteme").await;
    page.assert_status(StatusCode::OK);
    assert!(page.body.contains("Des messages en masse"));
    app.post_form("/territoires/angers/ecosysteme/acteurs/claire-mentor/suspendre", &[("note", "Messages en masse signalés")])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    let suspended = app.db.actor_by_id(claire.id).await.expect("lookup").expect("actor");
    assert_eq!(suspended.status, ActorStatus::Suspended);
    // Her pending outgoing request is withdrawn; the one she received stays for nobody to accept.
    assert_eq!(app.count_where("eco_introductions", "status", "withdrawn").await, 1);
    let received = app.count_where("eco_introductions", "status", "pending").await;
    assert_eq!(received, 1);
    let report_id: i64 = {
        let page = app.get("/territoires/angers/ecosysteme").await.body;
        let marker = "/ecosysteme/signalements/";
        let start = page.find(marker).expect("close form") + marker.len();
        page[start..].split('/').next().expect("id").parse().expect("number")
    };
    app.post_form(&format!("/territoires/angers/ecosysteme/signalements/{report_id}/clore"), &[])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    assert_eq!(app.count_where("eco_reports", "status", "closed").await, 1);
    // Suspended, she may not accept what she received.
    as_user(&mut app, "claire@example.org").await;
    let list = app.get("/ecosysteme/mises-en-relation").await;
    let marker = "/ecosysteme/mises-en-relation/";
    let start = list.body.find(marker).expect("a link") + marker.len();
    let id: String = list.body[start..].chars().take_while(|c| *c != '"' && *c != '/').collect();
    app.post_form(&format!("/ecosysteme/mises-en-relation/{id}/reponse"), &[("decision", "accept")])
        .await
        .assert_status(StatusCode::FORBIDDEN);
    // Reinstated by the manager.
    as_user(&mut app, "dept@example.org").await;
    app.get("/territoires/angers/ecosysteme").await;
    app.post_form("/territoires/angers/ecosysteme/acteurs/claire-mentor/retablir", &[]).await.assert_status(StatusCode::SEE_OTHER);
    assert_eq!(app.db.actor_by_id(claire.id).await.expect("lookup").expect("actor").status, ActorStatus::Active);
}

async fn ten_reports_a_day_at_most(mut app: TestApp) {
    for n in 0..11 {
        actor(&mut app, &format!("a{n}@example.org"), &format!("a-{n}"), &profile(ActorKind::Firm, &format!("Firme {n}"), ANGERS)).await;
    }
    actor(&mut app, "r@example.org", "rapporteur", &profile(ActorKind::Project, "R", ANGERS)).await;
    for n in 0..10 {
        app.get("/ecosysteme/mises-en-relation").await;
        app.post_form(&format!("/ecosysteme/acteurs/a-{n}/signaler"), &[("reason", "spam"), ("details", "")])
            .await
            .assert_status(StatusCode::SEE_OTHER);
    }
    let refused = app.post_form("/ecosysteme/acteurs/a-10/signaler", &[("reason", "spam"), ("details", "")]).await;
    refused.assert_status(StatusCode::TOO_MANY_REQUESTS);
    assert!(refused.body.contains("10 signalements"));
    // Reporting oneself is refused.
    app.get("/ecosysteme/acteurs/rapporteur/signaler").await.assert_status(StatusCode::FORBIDDEN);
}

async fn either_side_logs_the_meetings_of_a_mentoring_relationship(mut app: TestApp) {
    pair(&mut app).await;
    let id = public_id(ask(&mut app, "claire-mentor", "mentoring").await.location());
    let path = format!("/ecosysteme/mises-en-relation/{id}/rencontres");
    let meeting =
        |date: &'static str, summary: &'static str| vec![("met_on", date), ("minutes", "45"), ("summary", summary), ("next_steps", "")];
    // Not before acceptance.
    app.post_form(&path, &meeting("2026-01-10", "Premier échange")).await.assert_status(StatusCode::FORBIDDEN);
    as_user(&mut app, "claire@example.org").await;
    app.get("/ecosysteme/mises-en-relation").await;
    app.post_form(&format!("/ecosysteme/mises-en-relation/{id}/reponse"), &[("decision", "accept"), ("mentoring", "true")]).await;
    let today = tremplin_domain::ecosystem::introductions::paris_date(tremplin_kernel::Clock::now_ts(&app.clock));
    let tomorrow = tremplin_domain::ecosystem::introductions::paris_date(tremplin_kernel::Clock::now_ts(&app.clock) + 86_400);
    let future =
        app.post_form(&path, &[("met_on", tomorrow.as_str()), ("minutes", "45"), ("summary", "Plus tard"), ("next_steps", "")]).await;
    future.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(future.body.contains("Plus tard") && future.body.contains("role=\"alert\""));
    app.post_form(&path, &[("met_on", "2020-01-10"), ("minutes", "45"), ("summary", "Premier échange"), ("next_steps", "Chiffrer")])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    as_user(&mut app, "alex@example.org").await;
    app.get("/ecosysteme/mises-en-relation").await;
    app.post_form(&path, &[("met_on", today.as_str()), ("minutes", "60"), ("summary", "Point sur le plan"), ("next_steps", "")])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    let page = app.get(&format!("/ecosysteme/mises-en-relation/{id}")).await.body;
    let (newest, oldest) = (page.find("Point sur le plan").expect("newest"), page.find("Premier échange").expect("oldest"));
    assert!(newest < oldest, "newest first");
    // A third account may not write.
    actor(&mut app, "tiers@example.org", "tiers", &profile(ActorKind::Firm, "Tiers", ANGERS)).await;
    app.get("/ecosysteme/mises-en-relation").await;
    app.post_form(&path, &meeting("2020-01-11", "Intrus")).await.assert_status(StatusCode::NOT_FOUND);
    assert_eq!(app.count("eco_meetings").await, 2);
}

crate::both_engines!(
    reports_and_suspensions_by_the_right_manager,
    ten_reports_a_day_at_most,
    either_side_logs_the_meetings_of_a_mentoring_relationship
);
