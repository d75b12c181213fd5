//! The demo's ecosystem: every kind of actor, the two fixed profiles of the browser test,
//! the merchant's firm tied to its bakery, and the demo mentor first for the demo member's
//! need, on both engines.

use crate::helpers::TestApp;
use axum::http::StatusCode;
use tremplin::demo;
use tremplin::demo_ecosystem_actors::{DEMO_MEMBER_ACTOR_SLUG, DEMO_MENTOR_ACTOR_SLUG, DEMO_MENTOR_EMAIL};
use tremplin_domain::ecosystem::{ActorFilter, ActorKind, ActorRepo, Sector, Stage, Topic};

async fn the_demo_ecosystem_is_ready_for_the_browser_test(mut app: TestApp) {
    demo::load(&app.db, &app.clock, 10).await.expect("first load");
    demo::load(&app.db, &app.clock, 10).await.expect("second load");
    let actors = app.db.find_actors(&ActorFilter { active_only: true, ..ActorFilter::default() }).await.expect("actors");
    assert_eq!(actors.len(), 39);
    for kind in ActorKind::ALL {
        assert!(actors.iter().any(|a| a.kind == *kind), "{kind:?} represented");
    }
    let territories: std::collections::BTreeSet<&str> = actors.iter().map(|a| a.territory_slug.as_str()).collect();
    assert!(territories.contains("saumur-val-de-loire") && territories.contains("angers"), "{territories:?}");
    let alex = app.db.actor_by_slug(DEMO_MEMBER_ACTOR_SLUG).await.expect("lookup").expect("alex");
    assert_eq!((alex.kind, alex.sectors[0], alex.stages.as_slice()), (ActorKind::Project, Sector::Retail, &[Stage::Launch][..]));
    assert_eq!(alex.needs, vec![Topic::Mentoring, Topic::Funding, Topic::Premises]);
    let claude = app.db.actor_by_slug(DEMO_MENTOR_ACTOR_SLUG).await.expect("lookup").expect("claude");
    assert_eq!((claude.kind, claude.commune.as_deref()), (ActorKind::Mentor, Some("Avrillé")));
    let bakery = app.db.actor_by_slug("boulangerie-de-la-doutre").await.expect("lookup").expect("merchant's firm");
    assert_eq!(bakery.listing_slug.as_deref(), Some(demo::DEMO_BAKERY_SLUG));
    // The demo member logs in: the page starts from their profile, the demo mentor first.
    app.log_in("membre@demo.tremplin.example", demo::DEMO_PASSWORD).await;
    let page = app.get("/ecosysteme").await;
    page.assert_status(StatusCode::OK);
    let first = page.body.split("<h3><a href=\"/ecosysteme/acteurs/").nth(1).and_then(|r| r.split('"').next()).expect("a result");
    assert_eq!(first, DEMO_MENTOR_ACTOR_SLUG);
    // The demo mentor can log in too.
    app.new_visitor();
    app.log_in(DEMO_MENTOR_EMAIL, demo::DEMO_PASSWORD).await;
    app.get("/ecosysteme/profil").await.assert_status(StatusCode::OK);
}

crate::both_engines!(the_demo_ecosystem_is_ready_for_the_browser_test);
