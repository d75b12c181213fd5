//! The demo's introductions on a set of actors like part A's: an accepted mentoring
//! relationship with two meetings, a request waiting for `alex-membre`, a declined one, an
//! open report; never `alex-membre` → `claude-mentor`; loading twice adds nothing.

use crate::eco_fixtures::{ANGERS, AVRILLE, SAUMUR, actor, offering, profile};
use crate::helpers::TestApp;
use tremplin::demo_ecosystem_intros::load;
use tremplin_domain::ecosystem::introductions::IntroRepo;
use tremplin_domain::ecosystem::{ActorKind, Sector, Stage, Topic};

async fn the_demo_introductions_load_once(mut app: TestApp) {
    let mentoring = [Topic::Mentoring];
    let alex = actor(&mut app, "membre@example.org", "alex-membre", &profile(ActorKind::Project, "Alex Membre", ANGERS)).await;
    let claude = actor(
        &mut app,
        "mentor@example.org",
        "claude-mentor",
        &offering(ActorKind::Mentor, "Claude Mentor", AVRILLE, &mentoring, &[Sector::Retail], &[Stage::Idea]),
    )
    .await;
    actor(&mut app, "m2@example.org", "dominique", &offering(ActorKind::Mentor, "Dominique", SAUMUR, &mentoring, &[], &[])).await;
    actor(&mut app, "p2@example.org", "epicerie", &profile(ActorKind::Project, "Épicerie", ANGERS)).await;
    actor(&mut app, "f2@example.org", "fonds", &offering(ActorKind::Funder, "Fonds", ANGERS, &[Topic::Funding], &[], &[])).await;
    actor(&mut app, "d2@example.org", "halles", &profile(ActorKind::Distributor, "Halles", ANGERS)).await;
    for _ in 0..2 {
        load(&app.db, &app.clock).await.expect("demo");
        assert_eq!(app.count("eco_introductions").await, 3);
        assert_eq!(app.count_where("eco_introductions", "status", "accepted").await, 1);
        assert_eq!(app.count_where("eco_introductions", "status", "declined").await, 1);
        assert_eq!(app.count("eco_meetings").await, 2);
        assert_eq!(app.count_where("eco_reports", "status", "open").await, 1);
    }
    let received = app.db.introductions_of(alex.id).await.expect("intros");
    assert_eq!(received.len(), 1);
    assert_eq!(received[0].recipient.actor_id, alex.id);
    assert!(app.db.introductions_of(claude.id).await.expect("intros").is_empty(), "the browser test's pair stays free");
}

crate::both_engines!(the_demo_introductions_load_once);
