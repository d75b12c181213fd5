//! The demo's workshops: "Deux jours du numérique", a two-day event of 40 sessions in five
//! rooms (4,320 seats, the size of Angers' awareness days), and a season of weekly
//! workshops in Angers, Saumur and online, with trainers and a few registrations. Dates
//! follow the clock so the demo always shows upcoming sessions; loading twice adds nothing.

use chrono::{Datelike, Duration, NaiveDate, NaiveTime, TimeZone, Weekday};
use chrono_tz::Europe::Paris;
use tremplin_domain::accounts::{self, AccountRepo};
use tremplin_domain::directory::{DirectoryRepo, ListingInput, ListingKind, save_listing};
use tremplin_domain::events::commands::{RegistrationForm, create_event, free_event_slug, register};
use tremplin_domain::events::{Audience, EventRepo, Level, NewEvent, Venue};
use tremplin_domain::territories::TerritoryRepo;
use tremplin_kernel::{Clock, Email, GeoPoint, Locale, Role};
use tremplin_store::Db;

/// Slug of the two-day event.
pub const DEMO_PROGRAMME_SLUG: &str = "deux-jours-du-numerique";

/// Trainers of the demo besides the demo trainer account: e-mail and name.
const TRAINERS: [(&str, &str); 3] = [
    ("formatrice.loire@demo.tremplin.example", "Julie Martin"),
    ("formateur.maine@demo.tremplin.example", "Karim Benali"),
    ("formatrice.saumur@demo.tremplin.example", "Sophie Leroy"),
];

/// The congress centre of Angers, venue of the two-day event.
fn congress_centre() -> Venue {
    Venue {
        name: "Centre de congrès Jean-Monnet".into(),
        address: "33 boulevard Carnot, 49100 Angers".into(),
        insee: Some("49007".into()),
        latitude: Some(47.4746),
        longitude: Some(-0.5456),
        ..Venue::default()
    }
}

/// Rooms of the two-day event and their seats: 540 per time slot, 4,320 over eight slots.
const ROOMS: [(&str, i64); 5] =
    [("Grand amphithéâtre", 300), ("Salle Loire", 120), ("Salle Maine", 80), ("Atelier A", 20), ("Atelier B", 20)];

/// Sessions of the two-day event: title, theme, audience, level, per room and slot.
const TALKS: [(&str, &str, Audience, Level); 40] = [
    ("Ouverture : le numérique au service du commerce local", "digital_basics", Audience::Public, Level::Beginner),
    ("Être trouvé sur les cartes et les moteurs de recherche", "visibility", Audience::Professionals, Level::Beginner),
    ("Premiers pas avec un smartphone", "digital_basics", Audience::Seniors, Level::Beginner),
    ("Créer son site vitrine en une matinée", "website", Audience::Professionals, Level::Beginner),
    ("Démarches en ligne : impôts, santé, retraite", "online_administration", Audience::Public, Level::Beginner),
    ("Vendre en ligne sans marketplace", "online_selling", Audience::Professionals, Level::Intermediate),
    ("Réseaux sociaux : par où commencer ?", "social_networks", Audience::Professionals, Level::Beginner),
    ("Protéger ses comptes : mots de passe et double authentification", "security", Audience::Public, Level::Beginner),
    ("Atelier : sa fiche d'établissement pas à pas", "visibility", Audience::Professionals, Level::Beginner),
    ("Atelier : tableur pour les associations", "office_tools", Audience::Public, Level::Beginner),
    ("Click & collect : retours d'expérience de commerçants angevins", "online_selling", Audience::Professionals, Level::Beginner),
    ("Mesurer la fréquentation de son site", "website", Audience::Professionals, Level::Intermediate),
    ("Le numérique pour les étudiants entrepreneurs", "digital_basics", Audience::Students, Level::Beginner),
    ("Atelier : photographier ses produits avec un téléphone", "social_networks", Audience::Professionals, Level::Beginner),
    ("Atelier : reconnaître une arnaque en ligne", "security", Audience::Seniors, Level::Beginner),
    ("Paiement en ligne : solutions et frais", "online_selling", Audience::Professionals, Level::Intermediate),
    ("Améliorer la vitesse et l'accessibilité de son site", "website", Audience::Professionals, Level::Advanced),
    ("Visioconférence avec ses proches", "digital_basics", Audience::Seniors, Level::Beginner),
    ("Atelier : publier sur Instagram", "social_networks", Audience::Professionals, Level::Beginner),
    ("Atelier : sauvegarder ses fichiers", "security", Audience::Public, Level::Beginner),
    ("Table ronde : la transformation numérique des TPE", "digital_basics", Audience::Professionals, Level::Beginner),
    ("Référencement local : les avis clients", "visibility", Audience::Professionals, Level::Intermediate),
    ("Facturation électronique : ce qui change", "office_tools", Audience::Professionals, Level::Intermediate),
    ("Atelier : créer sa boutique en ligne", "online_selling", Audience::Professionals, Level::Beginner),
    ("Atelier : France Connect et l'espace santé", "online_administration", Audience::Seniors, Level::Beginner),
    ("Cybersécurité des petites entreprises", "security", Audience::Professionals, Level::Intermediate),
    ("Se former au numérique : les dispositifs du territoire", "digital_basics", Audience::Public, Level::Beginner),
    ("Messagerie et agenda partagés pour les équipes", "office_tools", Audience::Professionals, Level::Beginner),
    ("Atelier : écrire pour le web", "website", Audience::Professionals, Level::Beginner),
    ("Atelier : la newsletter de son commerce", "social_networks", Audience::Professionals, Level::Intermediate),
    ("Conférence : données personnelles et RGPD pour les commerçants", "security", Audience::Professionals, Level::Beginner),
    ("Les logiciels libres pour les associations", "office_tools", Audience::Public, Level::Beginner),
    ("Trouver un emploi en ligne", "online_administration", Audience::Students, Level::Beginner),
    ("Atelier : son premier courriel avec pièce jointe", "digital_basics", Audience::Seniors, Level::Beginner),
    ("Atelier : vendre sur les plateformes locales", "online_selling", Audience::Professionals, Level::Beginner),
    ("Clôture : les prochaines étapes du passeport numérique", "digital_basics", Audience::Public, Level::Beginner),
    ("Google, Meta et les autres : garder la maîtrise de ses données", "security", Audience::Public, Level::Intermediate),
    ("Accessibilité numérique : pour tous les clients", "website", Audience::Professionals, Level::Intermediate),
    ("Atelier : son site sur téléphone", "website", Audience::Professionals, Level::Beginner),
    ("Atelier : répondre aux avis en ligne", "visibility", Audience::Professionals, Level::Beginner),
];

/// Start times (Paris) of the four slots of each day, and their length in minutes.
const SLOTS: [(u32, u32); 4] = [(9, 30), (11, 0), (14, 0), (15, 30)];
const SLOT_MINUTES: i64 = 75;

/// A weekly workshop of the season: title, theme, audience, weekday, hour, minute, seats,
/// venue kind, trainer index (0 = the demo trainer account, then [`TRAINERS`]).
struct Weekly {
    title: &'static str,
    description: &'static str,
    theme: &'static str,
    module: &'static str,
    audience: Audience,
    weekday: Weekday,
    at: (u32, u32),
    minutes: i64,
    capacity: i64,
    place: WeeklyPlace,
    trainer: usize,
}

enum WeeklyPlace {
    Mediatheque,
    Saumur,
    Online,
}

const SEASON: [Weekly; 3] = [
    Weekly {
        title: "Créer le site de son commerce",
        description: "En trois heures, un site vitrine simple à tenir à jour : nom de domaine, pages essentielles, horaires et \
                      coordonnées. Apportez un ordinateur portable si vous en avez un ; sinon, nous en prêtons.",
        theme: "website",
        module: "creer-son-site",
        audience: Audience::Professionals,
        weekday: Weekday::Tue,
        at: (9, 30),
        minutes: 180,
        capacity: 12,
        place: WeeklyPlace::Mediatheque,
        trainer: 0,
    },
    Weekly {
        title: "Premiers pas sur ordinateur",
        description: "Allumer, écrire, naviguer, envoyer un courriel : à votre rythme, en petit groupe.",
        theme: "digital_basics",
        module: "premiers-pas",
        audience: Audience::Seniors,
        weekday: Weekday::Mon,
        at: (10, 0),
        minutes: 120,
        capacity: 8,
        place: WeeklyPlace::Saumur,
        trainer: 3,
    },
    Weekly {
        title: "Sécuriser ses comptes en ligne",
        description: "Mots de passe, double authentification, hameçonnage : une heure en visioconférence pour se protéger.",
        theme: "security",
        module: "cybersecurite",
        audience: Audience::Public,
        weekday: Weekday::Thu,
        at: (18, 0),
        minutes: 60,
        capacity: 30,
        place: WeeklyPlace::Online,
        trainer: 1,
    },
];

/// Weeks in the season.
const SEASON_WEEKS: i64 = 12;

/// The médiathèque of Angers, added to the directory so a session's venue links to it.
fn mediatheque() -> ListingInput {
    ListingInput {
        source: "demo".into(),
        source_id: "mediatheque-toussaint".into(),
        kind: Some(ListingKind::PublicService),
        name: "Médiathèque Toussaint".into(),
        description: "Bibliothèque municipale et espace public numérique.".into(),
        address: "49 rue Toussaint".into(),
        postcode: "49100".into(),
        insee: Some("49007".into()),
        point: GeoPoint::new(47.4707, -0.5561),
        category: Some("espace-public-numerique".into()),
        opening_hours: "Tu-Fr 13:00-18:30; We,Sa 10:00-18:00".into(),
        ..ListingInput::default()
    }
}

/// Unix seconds of a Paris local date and time.
fn paris(date: NaiveDate, hour: u32, minute: u32) -> anyhow::Result<i64> {
    let time = NaiveTime::from_hms_opt(hour, minute, 0).ok_or_else(|| anyhow::anyhow!("time {hour}:{minute}"))?;
    Paris.from_local_datetime(&date.and_time(time)).earliest().map(|t| t.timestamp()).ok_or_else(|| anyhow::anyhow!("no such local time"))
}

/// The first `weekday` strictly after `date`.
fn next_weekday(date: NaiveDate, weekday: Weekday) -> NaiveDate {
    let ahead = (7 + weekday.num_days_from_monday() as i64 - date.weekday().num_days_from_monday() as i64) % 7;
    date + Duration::days(if ahead == 0 { 7 } else { ahead })
}

/// Loads the workshops of the demo (nothing when they are there already).
pub async fn load(db: &Db, clock: &dyn Clock, demo_trainer: i64) -> anyhow::Result<()> {
    if db.programme_by_slug(DEMO_PROGRAMME_SLUG).await?.is_some() {
        return Ok(());
    }
    let now = clock.now_ts();
    let territory = db.territory_by_slug("angers-loire-metropole").await?.ok_or_else(|| anyhow::anyhow!("demo territory"))?;
    let saumur = db.territory_by_slug("saumur-val-de-loire").await?.ok_or_else(|| anyhow::anyhow!("saumur territory"))?;
    let mut trainers = vec![demo_trainer];
    for (email, name) in TRAINERS {
        let email = Email::parse(email).map_err(|e| anyhow::anyhow!("{email}: {e}"))?;
        let user = accounts::ensure_user(db, clock, &email, name, Some(crate::demo::DEMO_PASSWORD), false)
            .await
            .map_err(|e| anyhow::anyhow!("demo trainer {email}: {e}"))?;
        let where_ = if name == "Sophie Leroy" { saumur.id } else { territory.id };
        db.grant_role(user.id, where_, Role::Trainer, None, now).await?;
        trainers.push(user.id);
    }
    save_listing(db, &mediatheque(), Some("Espace public numérique, aide au numérique"), Some("Angers"), now).await?;
    let mediatheque = db.listing_by_slug("mediatheque-toussaint-49007").await?;

    let today =
        chrono::DateTime::from_timestamp(now, 0).map(|t| t.with_timezone(&Paris).date_naive()).ok_or_else(|| anyhow::anyhow!("clock"))?;
    // The two-day event: a Thursday and Friday three weeks ahead.
    let programme = db
        .create_programme(
            territory.id,
            DEMO_PROGRAMME_SLUG,
            "Deux jours du numérique",
            "Deux jours de conférences et d'ateliers gratuits pour les commerçants, artisans, associations et habitants \
             d'Angers Loire Métropole : être trouvé en ligne, vendre sur internet, se protéger, faire ses démarches.",
            now,
        )
        .await?;
    let first_day = next_weekday(today + Duration::days(14), Weekday::Thu);
    for (n, (title, theme, audience, level)) in TALKS.iter().enumerate() {
        let (day, slot, room) = (n / 20, (n % 20) / 5, n % 5);
        let date = first_day + Duration::days(day as i64);
        let starts_at = paris(date, SLOTS[slot].0, SLOTS[slot].1)?;
        let (room_name, seats) = ROOMS[room];
        let event = NewEvent {
            slug: free_event_slug(db, title, starts_at).await?,
            territory_id: territory.id,
            programme_id: Some(programme),
            series_id: None,
            title: (*title).into(),
            description: format!("{title}. Une séance des Deux jours du numérique, gratuite, sur inscription."),
            themes: vec![(*theme).into()],
            modules: Vec::new(),
            audiences: vec![*audience],
            level: *level,
            language: "fr".into(),
            venue: Venue { room: room_name.into(), ..congress_centre() },
            online_url: String::new(),
            accessibility: "Salles de plain-pied, boucle magnétique dans le grand amphithéâtre.".into(),
            starts_at,
            ends_at: starts_at + SLOT_MINUTES * 60,
            capacity: seats,
            registration_opens_at: None,
            registration_closes_at: None,
            trainer_ids: vec![trainers[n % trainers.len()]],
            created_by: None,
        };
        create_event(db, &event, now).await.map_err(|e| anyhow::anyhow!("demo session {title}: {e}"))?;
    }

    // The season of weekly workshops, starting next week.
    for weekly in &SEASON {
        let slug = tremplin_kernel::text::slugify(weekly.title);
        let home = if matches!(weekly.place, WeeklyPlace::Saumur) { saumur.id } else { territory.id };
        let series = db.create_series(home, &slug, weekly.title, now).await?;
        let venue = match weekly.place {
            WeeklyPlace::Mediatheque => Venue {
                listing_id: mediatheque.as_ref().map(|l| l.id),
                name: "Médiathèque Toussaint".into(),
                address: "49 rue Toussaint, 49100 Angers".into(),
                insee: Some("49007".into()),
                latitude: Some(47.4707),
                longitude: Some(-0.5561),
                room: "Espace numérique".into(),
                ..Venue::default()
            },
            WeeklyPlace::Saumur => Venue {
                name: "Maison France services de Saumur".into(),
                address: "2 rue des Carabiniers-de-Monsieur, 49400 Saumur".into(),
                insee: Some("49328".into()),
                latitude: Some(47.2600),
                longitude: Some(-0.0769),
                ..Venue::default()
            },
            WeeklyPlace::Online => Venue::default(),
        };
        let mut date = next_weekday(today, weekly.weekday);
        for _ in 0..SEASON_WEEKS {
            let starts_at = paris(date, weekly.at.0, weekly.at.1)?;
            let event = NewEvent {
                slug: free_event_slug(db, weekly.title, starts_at).await?,
                territory_id: home,
                programme_id: None,
                series_id: Some(series),
                title: weekly.title.into(),
                description: weekly.description.into(),
                themes: vec![weekly.theme.into()],
                modules: vec![weekly.module.into()],
                audiences: vec![weekly.audience],
                level: Level::Beginner,
                language: "fr".into(),
                venue: venue.clone(),
                online_url: if matches!(weekly.place, WeeklyPlace::Online) {
                    "https://visio.demo.tremplin.example/securite".into()
                } else {
                    String::new()
                },
                accessibility: "Accessible en fauteuil roulant. Prévenez-nous pour un besoin particulier.".into(),
                starts_at,
                ends_at: starts_at + weekly.minutes * 60,
                capacity: weekly.capacity,
                registration_opens_at: None,
                registration_closes_at: None,
                trainer_ids: vec![trainers[weekly.trainer]],
                created_by: None,
            };
            create_event(db, &event, now).await.map_err(|e| anyhow::anyhow!("demo session {}: {e}", weekly.title))?;
            date += Duration::days(7);
        }
    }
    register_people(db, clock).await
}

/// A few registrations: the first "Créer le site de son commerce" is full with a waitlist,
/// so the trainer's check-in page and the waitlist have people to show.
async fn register_people(db: &Db, clock: &dyn Clock) -> anyhow::Result<()> {
    let Some(series) = db.series_by_slug("creer-le-site-de-son-commerce").await? else { return Ok(()) };
    let filter =
        tremplin_domain::events::EventFilter { series_id: Some(series.id), ends_after: clock.now_ts(), limit: 2, ..Default::default() };
    let sessions = db.find_events(&filter).await?;
    let people = [
        ("Léa Moreau", "Fleuriste des Halles"),
        ("Thomas Petit", "Garage Petit"),
        ("Inès Garnier", "Librairie du Ralliement"),
        ("Hugo Lambert", "Association Les Jardins de la Doutre"),
        ("Chloé Fontaine", "Atelier Fontaine, céramique"),
        ("Nathan Roux", ""),
        ("Manon Girard", "Épicerie Girard"),
        ("Louis Bonnet", "Cordonnerie Bonnet"),
        ("Camille Dupuis", "Salon Camille"),
        ("Jules Mercier", ""),
        ("Sarah Lefèvre", "Boutique Sarah L."),
        ("Adam Chevalier", "Chevalier Menuiserie"),
        ("Emma Blanc", "Café des Arts"),
        ("Paul Guérin", ""),
    ];
    for (n, (name, business)) in people.iter().enumerate() {
        let form = RegistrationForm {
            name: (*name).into(),
            email: format!("participant{n}@demo.tremplin.example"),
            phone: String::new(),
            business: (*business).into(),
            consent: true,
        };
        // Everyone on the first date (12 seats: two wait), the first four on the second too.
        let take = if n < 4 { sessions.len() } else { 1 };
        register(db, clock, &sessions[..take.min(sessions.len())], &form, Locale::Fr)
            .await
            .map_err(|e| anyhow::anyhow!("demo registration: {e}"))?;
    }
    Ok(())
}
