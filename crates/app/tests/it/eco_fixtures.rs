//! Actors of the ecosystem for its tests: profiles built field by field, and accounts that
//! hold them.

use crate::event_fixtures::angers;
use crate::events_staff::account;
use crate::helpers::TestApp;
use tremplin_domain::ecosystem::{Actor, ActorKind, ActorProfile, ActorRepo, Contact, Sector, Stage, Topic};
use tremplin_kernel::Clock;

/// Town halls of the test communes: INSEE code, latitude, longitude.
pub const ANGERS: (&str, f64, f64) = ("49007", 47.4698, -0.5527);
/// Avrillé, 4 km north of Angers.
pub const AVRILLE: (&str, f64, f64) = ("49015", 47.5069, -0.5886);
/// Saumur, 45 km east of Angers.
pub const SAUMUR: (&str, f64, f64) = ("49328", 47.2600, -0.0769);

/// A visible profile of `kind` named `name` in `commune`, with a contact built from the name
/// (`contact-<slug of name>@example.org`, phone `06 12 34 56 78`), no needs nor offers.
pub fn profile(kind: ActorKind, name: &str, commune: (&str, f64, f64)) -> ActorProfile {
    let local = tremplin_kernel::text::slugify(name);
    ActorProfile {
        kind: Some(kind),
        name: name.into(),
        presentation: format!("{name}, à votre écoute."),
        insee: Some(commune.0.into()),
        latitude: Some(commune.1),
        longitude: Some(commune.2),
        website: String::new(),
        contact: Contact { name: format!("Contact {name}"), email: format!("contact-{local}@example.org"), phone: "06 12 34 56 78".into() },
        visible: true,
        ..ActorProfile::default()
    }
}

/// [`profile`] offering `offers` in `sectors` to `stages`.
pub fn offering(
    kind: ActorKind,
    name: &str,
    commune: (&str, f64, f64),
    offers: &[Topic],
    sectors: &[Sector],
    stages: &[Stage],
) -> ActorProfile {
    ActorProfile { offers: offers.to_vec(), sectors: sectors.to_vec(), stages: stages.to_vec(), ..profile(kind, name, commune) }
}

/// An account `email` in Angers (no role, logged in on `app`) holding `profile` under `slug`.
pub async fn actor(app: &mut TestApp, email: &str, slug: &str, profile: &ActorProfile) -> Actor {
    let user_id = account(app, email, None).await;
    let territory = angers(app).await;
    let id = app.db.create_actor(user_id, territory, slug, profile, app.clock.now_ts()).await.expect("actor created");
    app.db.actor_by_id(id).await.expect("lookup").expect("actor")
}
