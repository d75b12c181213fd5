//! Sessions for the workshop tests: a territory (Angers) and sessions in it.

use crate::helpers::TestApp;
use tremplin_domain::events::commands::{RegistrationForm, create_event};
use tremplin_domain::events::{Audience, Event, EventRepo, Level, NewEvent, Venue};
use tremplin_domain::territories::TerritoryRepo;
use tremplin_kernel::Clock;

/// The territory of the workshop tests; created on first use.
pub async fn angers(app: &TestApp) -> i64 {
    if let Some(t) = app.db.territory_by_slug("angers").await.expect("lookup") {
        return t.id;
    }
    app.commune_territory("angers", "Angers", "49007").await;
    app.db.territory_by_slug("angers").await.expect("lookup").expect("angers").id
}

/// A session of `capacity` seats starting `in_days` days from the test clock, in Angers.
pub async fn session(app: &TestApp, slug: &str, capacity: i64, in_days: i64) -> Event {
    let territory_id = angers(app).await;
    let starts_at = app.clock.now_ts() + in_days * 86_400;
    let event = NewEvent {
        slug: slug.into(),
        territory_id,
        programme_id: None,
        series_id: None,
        title: format!("Atelier {slug}"),
        description: "Créer son site en deux heures.".into(),
        themes: vec!["website".into()],
        modules: vec!["create-website".into()],
        audiences: vec![Audience::Professionals],
        level: Level::Beginner,
        language: "fr".into(),
        venue: Venue {
            name: "Médiathèque Toussaint".into(),
            address: "49 rue Toussaint, 49000 Angers".into(),
            insee: Some("49007".into()),
            latitude: Some(47.4695),
            longitude: Some(-0.5567),
            room: "Salle 2".into(),
            ..Venue::default()
        },
        online_url: String::new(),
        accessibility: "Accessible en fauteuil roulant.".into(),
        starts_at,
        ends_at: starts_at + 2 * 3600,
        capacity,
        registration_opens_at: None,
        registration_closes_at: None,
        trainer_ids: Vec::new(),
        created_by: None,
    };
    create_event(&app.db, &event, app.clock.now_ts()).await.expect("session created");
    app.db.event_by_slug(slug).await.expect("lookup").expect("session")
}

/// A valid registration form for person number `n`.
pub fn person(n: usize) -> RegistrationForm {
    RegistrationForm {
        name: format!("Personne {n}"),
        email: format!("personne{n}@example.fr"),
        phone: String::new(),
        business: String::new(),
        consent: true,
    }
}
