//! The actor store on both engines: a profile round-trips, the contact is read apart, the
//! "offering" filter matches whole identifiers, and an owner's edit never lifts a suspension.

use crate::eco_fixtures::{ANGERS, AVRILLE, SAUMUR, actor, offering, profile};
use crate::helpers::TestApp;
use tremplin_domain::ecosystem::{ActorFilter, ActorKind, ActorRepo, ActorStatus, Sector, Stage, Topic};
use tremplin_kernel::Clock;

async fn profiles_round_trip_and_keep_contacts_apart(mut app: TestApp) {
    let mut written = offering(
        ActorKind::Mentor,
        "Claire Mentor",
        ANGERS,
        &[Topic::Mentoring, Topic::Funding],
        &[Sector::Retail],
        &[Stage::Idea, Stage::Launch],
    );
    written.need_words = "un local".into();
    written.offer_words = "trente ans de commerce".into();
    let claire = actor(&mut app, "claire@example.org", "claire-mentor", &written).await;
    assert_eq!(claire.slug, "claire-mentor");
    assert_eq!(claire.kind, ActorKind::Mentor);
    assert_eq!(claire.offers, vec![Topic::Mentoring, Topic::Funding]);
    assert_eq!(claire.sectors, vec![Sector::Retail]);
    assert_eq!(claire.stages, vec![Stage::Idea, Stage::Launch]);
    assert_eq!(claire.commune.as_deref(), Some("Angers"));
    assert_eq!(claire.territory_slug, "angers");
    assert_eq!(claire.offer_words, "trente ans de commerce");
    assert_eq!(claire.status, ActorStatus::Active);
    let contact = app.db.actor_contact(claire.id).await.expect("contact").expect("some");
    assert_eq!(contact.email, "contact-claire-mentor@example.org");
    // Nothing of the contact is in what every page reads.
    let shown = format!("{claire:?} {}", serde_json::to_string(&claire).expect("json"));
    assert!(!shown.contains("contact-claire") && !shown.contains("06 12"), "{shown}");
}

async fn offering_filter_matches_whole_identifiers(mut app: TestApp) {
    let funder =
        actor(&mut app, "f@example.org", "fonds", &offering(ActorKind::Funder, "Fonds local", AVRILLE, &[Topic::Funding], &[], &[])).await;
    let skills = actor(
        &mut app,
        "s@example.org",
        "atelier",
        &offering(ActorKind::Firm, "Atelier", SAUMUR, &[Topic::Digital, Topic::TechnicalSkills, Topic::Mentoring], &[], &[]),
    )
    .await;
    actor(&mut app, "p@example.org", "projet", &profile(ActorKind::Project, "Projet", ANGERS)).await;
    let names = |actors: Vec<tremplin_domain::ecosystem::Actor>| actors.into_iter().map(|a| a.slug).collect::<Vec<_>>();
    let find = |topic| ActorFilter { offering: Some(topic), active_only: true, ..ActorFilter::default() };
    assert_eq!(names(app.db.find_actors(&find(Topic::Funding)).await.expect("find")), vec![funder.slug.clone()]);
    assert_eq!(names(app.db.find_actors(&find(Topic::Mentoring)).await.expect("find")), vec![skills.slug.clone()]);
    assert_eq!(names(app.db.find_actors(&find(Topic::TechnicalSkills)).await.expect("find")), vec![skills.slug.clone()]);
    assert!(app.db.find_actors(&find(Topic::Premises)).await.expect("find").is_empty());
    // Free offer words make an actor a candidate for any need (matching reads the words).
    let mut worded = offering(ActorKind::Association, "Asso", ANGERS, &[], &[], &[]);
    worded.offer_words = "des locaux partagés".into();
    let asso = actor(&mut app, "a@example.org", "asso", &worded).await;
    assert_eq!(names(app.db.find_actors(&find(Topic::Premises)).await.expect("find")), vec![asso.slug.clone()]);
    assert_eq!(app.db.find_actors(&ActorFilter::default()).await.expect("all").len(), 4);
}

async fn an_owners_edit_never_lifts_a_suspension(mut app: TestApp) {
    let mut written = profile(ActorKind::Distributor, "Halles", ANGERS);
    let halles = actor(&mut app, "h@example.org", "halles", &written).await;
    let now = app.clock.now_ts();
    app.db.set_actor_status(halles.id, ActorStatus::Suspended, "spam", now).await.expect("suspend");
    written.name = "Halles du centre".into();
    app.db.update_actor(halles.id, &written, now).await.expect("update");
    let after = app.db.actor_by_id(halles.id).await.expect("lookup").expect("actor");
    assert_eq!((after.name.as_str(), after.status, after.status_note.as_str()), ("Halles du centre", ActorStatus::Suspended, "spam"));
    let active = ActorFilter { active_only: true, ..ActorFilter::default() };
    assert!(app.db.find_actors(&active).await.expect("find").is_empty());
    // Reinstated, then hidden by its owner.
    app.db.set_actor_status(halles.id, ActorStatus::Active, "", now).await.expect("reinstate");
    written.visible = false;
    app.db.update_actor(halles.id, &written, now).await.expect("hide");
    assert_eq!(app.db.actor_by_id(halles.id).await.expect("lookup").expect("actor").status, ActorStatus::Hidden);
}

crate::both_engines!(
    profiles_round_trip_and_keep_contacts_apart,
    offering_filter_matches_whole_identifiers,
    an_owners_edit_never_lifts_a_suspension
);
