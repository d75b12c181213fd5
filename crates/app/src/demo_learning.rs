//! The demo's learning: two past workshops of Angers whose attendees were checked in at the
//! door (completing the modules the sessions cover), quizzes passed by a few of them and by the
//! demo merchant, so that a handful of holders complete the default path and get a passport,
//! through the one completion use case (check-in and `record_completions`; never by writing
//! passports). The coach's validations are in the demo records (`demo_coaching`).

use chrono::Duration;
use tremplin_domain::accounts::AccountRepo;
use tremplin_domain::coaching::Booker;
use tremplin_domain::events::attendance::{AttendanceRepo, WalkIn};
use tremplin_domain::events::{Audience, EventRepo, Level, NewEvent, Registrant, Venue};
use tremplin_domain::learning::evidence::quiz_completion;
use tremplin_domain::learning::steering::SteeringRepo;
use tremplin_domain::learning::tokens::holder_path;
use tremplin_domain::learning::{HolderRef, LearningRepo};
use tremplin_domain::territories::TerritoryRepo;
use tremplin_kernel::{Clock, Email, Locale};
use tremplin_store::Db;

/// The past sessions: slug, title, days ago, modules covered.
const PAST_SESSIONS: [(&str, &str, i64, [&str; 2]); 2] = [
    ("demo-passe-site-et-trafic", "Créer son site et le faire connaître", 24, ["creer-son-site", "augmenter-son-trafic"]),
    ("demo-passe-performances-securite", "Un site rapide et sûr", 10, ["ameliorer-ses-performances", "cybersecurite"]),
];

/// Attendees: name, business, e-mail, and which past sessions they came to.
const ATTENDEES: [(&str, &str, &str, [bool; 2]); 6] = [
    ("Léa Moreau", "Fleuriste des Halles", "lea.moreau@demo.tremplin.example", [true, true]),
    ("Thomas Petit", "Garage Petit", "thomas.petit@demo.tremplin.example", [true, true]),
    ("Inès Garnier", "Librairie du Ralliement", "ines.garnier@demo.tremplin.example", [true, true]),
    ("Hugo Lambert", "Association Les Jardins de la Doutre", "hugo.lambert@demo.tremplin.example", [true, false]),
    ("Chloé Fontaine", "Atelier Fontaine, céramique", "chloe.fontaine@demo.tremplin.example", [false, true]),
    ("Nathan Roux", "", "nathan.roux@demo.tremplin.example", [true, false]),
];

/// The demo merchant passes the three historical quizzes: their account's path shows a passport.
const MERCHANT: (&str, &str) = ("commerce@demo.tremplin.example", "Boulangerie du Ralliement");

/// Loads the demo's completions and passports (again without duplicates) and logs the
/// passports' holder links, for the passport pages' browser tests.
pub async fn load(db: &Db, clock: &dyn Clock) -> anyhow::Result<()> {
    let now = clock.now_ts();
    let angers = db.territory_by_slug("angers").await?.ok_or_else(|| anyhow::anyhow!("demo territory angers"))?;
    for (index, (slug, title, days_ago, modules)) in PAST_SESSIONS.iter().enumerate() {
        let event = match db.event_by_slug(slug).await? {
            Some(event) => event,
            None => {
                let starts_at = now - days_ago * 86_400;
                db.create_event(&past_session(angers.id, slug, title, starts_at, modules), now - (days_ago + 14) * 86_400).await?;
                db.event_by_slug(slug).await?.ok_or_else(|| anyhow::anyhow!("demo session {slug}"))?
            }
        };
        for (name, business, email, came) in ATTENDEES {
            if !came[index] {
                continue;
            }
            let registrant = Registrant {
                name: name.into(),
                email: Some(Email::parse(email).map_err(|e| anyhow::anyhow!("{email}: {e}"))?),
                phone: None,
                business: business.into(),
                locale: Locale::Fr,
            };
            // Present at the door: the walk-in is checked in, which completes the modules.
            db.add_walk_in(event.id, &WalkIn { registrant }, event.starts_at + 600).await?;
        }
    }
    // Hugo and Nathan finish the path with the quizzes they passed since.
    let quizzes = ["ameliorer-ses-performances", "cybersecurite"];
    for (name, business, email, _) in ATTENDEES.iter().filter(|a| a.3 == [true, false]) {
        let completions: Vec<_> = quizzes.iter().map(|slug| quiz_completion(slug, 5, 5, now - 2 * 86_400)).collect();
        db.record_completions(&person(angers.id, name, business, email)?, &completions, now).await?;
    }
    let merchant_email = Email::parse(MERCHANT.0).map_err(|e| anyhow::anyhow!("{e}"))?;
    let merchant = db.user_by_email(&merchant_email).await?.ok_or_else(|| anyhow::anyhow!("demo merchant"))?.display_name;
    let historical = tremplin_domain::learning::catalogue::HISTORICAL_MODULES;
    let completions: Vec<_> = historical.iter().map(|slug| quiz_completion(slug, 5, 5, now - 86_400)).collect();
    db.record_completions(&person(angers.id, &merchant, MERCHANT.1, MERCHANT.0)?, &completions, now).await?;
    for (_, _, email, _) in ATTENDEES.iter().chain(std::iter::once(&("", "", MERCHANT.0, [false, false]))) {
        for place in db.holders_by_email(email).await? {
            if let Some(passport) = db.passport_of(place.holder.id).await? {
                tracing::info!(holder = %place.holder.public_id, passport = %passport.public_id,
                    link = %holder_path(&passport.public_id, &passport.secret), "demo passport");
            }
        }
    }
    Ok(())
}

fn person(territory_id: i64, name: &str, business: &str, email: &str) -> anyhow::Result<HolderRef> {
    Ok(HolderRef::Person {
        territory_id,
        person: Booker {
            name: name.into(),
            email: Some(Email::parse(email).map_err(|e| anyhow::anyhow!("{email}: {e}"))?),
            phone: None,
            business: business.into(),
            locale: Locale::Fr,
        },
    })
}

fn past_session(territory_id: i64, slug: &str, title: &str, starts_at: i64, modules: &[&str]) -> NewEvent {
    NewEvent {
        slug: slug.into(),
        territory_id,
        programme_id: None,
        series_id: None,
        title: title.into(),
        description: "Atelier passé de la démonstration : les présences pointées à l'entrée ont validé ses modules.".into(),
        themes: vec!["website".into()],
        modules: modules.iter().map(|m| m.to_string()).collect(),
        audiences: vec![Audience::Professionals],
        level: Level::Beginner,
        language: "fr".into(),
        venue: Venue {
            name: "Médiathèque Toussaint".into(),
            address: "49 rue Toussaint, 49100 Angers".into(),
            insee: Some("49007".into()),
            latitude: Some(47.4707),
            longitude: Some(-0.5561),
            room: "Espace numérique".into(),
            ..Venue::default()
        },
        online_url: String::new(),
        accessibility: "Accessible en fauteuil roulant.".into(),
        starts_at,
        ends_at: starts_at + Duration::hours(2).num_seconds(),
        capacity: 12,
        registration_opens_at: None,
        registration_closes_at: None,
        trainer_ids: Vec::new(),
        created_by: None,
    }
}
