//! Coaches for the coaching tests: a coach account in Angers with weekday hours, and a
//! valid booking form.

use crate::event_fixtures::angers;
use crate::events_staff::account;
use crate::helpers::TestApp;
use tremplin_domain::coaching::commands::BookingForm;
use tremplin_domain::coaching::slots::free_slots;
use tremplin_domain::coaching::{BookingRules, Coach, CoachAudience, CoachProfile, CoachRepo, Modality, Slot, StructureKind, WeeklyHours};
use tremplin_kernel::{Clock, Role};

/// A profile in Angers: website and visibility, French, on site and by phone, hour-long
/// appointments with 15 minutes' buffer, no notice, eight weeks ahead.
pub fn profile(name: &str) -> CoachProfile {
    CoachProfile {
        display_name: name.into(),
        structure_kind: StructureKind::Cci,
        structure_name: "CCI Maine-et-Loire".into(),
        presentation: "J'aide les commerces à être trouvés en ligne.".into(),
        themes: vec!["website".into(), "visibility".into()],
        languages: vec!["fr".into()],
        audiences: vec![CoachAudience::Business],
        zone_communes: vec!["49007".into()],
        zone_radius_km: Some(20.0),
        base_insee: Some("49007".into()),
        base_address: "8 boulevard du Roi René, 49100 Angers".into(),
        latitude: Some(47.4698),
        longitude: Some(-0.5527),
        modalities: vec![Modality::AtVenue, Modality::Phone],
        accessibility: "Locaux accessibles en fauteuil roulant.".into(),
        rules: BookingRules { appointment_minutes: 60, buffer_minutes: 15, max_per_day: 4, notice_hours: 0, horizon_days: 56 },
        active: true,
    }
}

/// A coach account (`email`, coach role in Angers, logged in on `app`) with `profile` and
/// hours Monday to Friday 09:00–12:00 and 14:00–17:00.
pub async fn coach_with(app: &mut TestApp, email: &str, slug: &str, profile: &CoachProfile) -> Coach {
    let user_id = account(app, email, Some(Role::Coach)).await;
    let territory = angers(app).await;
    let now = app.clock.now_ts();
    let id = app.db.create_coach(user_id, territory, slug, profile, &format!("secret-{slug}"), now).await.expect("coach created");
    let hours: Vec<WeeklyHours> = (1..=5)
        .flat_map(|weekday| {
            [
                WeeklyHours { weekday, starts_minute: 9 * 60, ends_minute: 12 * 60 },
                WeeklyHours { weekday, starts_minute: 14 * 60, ends_minute: 17 * 60 },
            ]
        })
        .collect();
    app.db.set_weekly_hours(id, &hours, now).await.expect("hours");
    app.db.coach_by_id(id).await.expect("lookup").expect("coach")
}

/// [`coach_with`] the default [`profile`].
pub async fn coach(app: &mut TestApp, email: &str, slug: &str, name: &str) -> Coach {
    coach_with(app, email, slug, &profile(name)).await
}

/// The coach's free slots over the next `days` days, from the test clock.
pub async fn slots(app: &TestApp, coach: &Coach, days: i64) -> Vec<Slot> {
    let now = app.clock.now_ts();
    let today = tremplin_domain::coaching::slots::local_date(now).format("%Y-%m-%d").to_string();
    let availability = app.db.availabilities(&[coach], &today).await.expect("availability").remove(&coach.id).expect("coach");
    let booked = app.db.booked_slots(&[coach.id], now, now + days * 86_400).await.expect("booked").remove(&coach.id).unwrap_or_default();
    free_slots(&availability, &booked, now, now, now + days * 86_400)
}

/// A valid booking form for person number `n` at `slot`, on site.
pub fn booking(n: usize, slot: Slot) -> BookingForm {
    BookingForm {
        starts_at: slot.starts_at.to_string(),
        modality: "at_venue".into(),
        themes: vec!["website".into()],
        need: "Je voudrais créer le site de ma boutique.".into(),
        name: format!("Personne {n}"),
        email: format!("personne{n}@example.fr"),
        phone: String::new(),
        business: format!("Boutique {n}"),
        consent: true,
    }
}
