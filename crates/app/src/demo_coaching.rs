//! The demo's coaches: thirteen advisers and mediators across Maine-et-Loire (a city service,
//! the chambers of commerce and of trades, associations, France services places), each with
//! weekly hours, some with holidays or a one-off opening, and appointments: past ones (some
//! still to record) and upcoming ones. Dates follow the clock; loading twice adds nothing.

use chrono::{Duration, NaiveDate};
use tremplin_domain::accounts::{self, AccountRepo};
use tremplin_domain::coaching::commands::validate_booking;
use tremplin_domain::coaching::records::{NewRecord, RecordInput, RecordRepo};
use tremplin_domain::coaching::slots::{free_slots, local_date};
use tremplin_domain::coaching::{
    Appointment, AppointmentRepo, AvailabilityException, BookOutcome, BookingRules, CoachAudience, CoachProfile, CoachRepo, ExceptionKind,
    Modality, Outcome, StructureKind, WeeklyHours,
};
use tremplin_domain::territories::TerritoryRepo;
use tremplin_kernel::{Clock, Email, Locale, Role};
use tremplin_store::Db;

/// Slug of the demo coach account's profile (conseil@demo.tremplin.example).
pub const DEMO_COACH_SLUG: &str = "camille-conseil";

/// A demo coach: account, territory, structure, base commune, themes, audiences, languages,
/// modalities, radius served, and the hours (weekdays, morning and afternoon spans).
struct DemoCoach {
    email: &'static str,
    name: &'static str,
    slug: &'static str,
    territory: &'static str,
    kind: StructureKind,
    structure: &'static str,
    address: &'static str,
    insee: &'static str,
    presentation: &'static str,
    themes: &'static [&'static str],
    audiences: &'static [CoachAudience],
    languages: &'static [&'static str],
    modalities: &'static [Modality],
    radius_km: Option<f64>,
    weekdays: &'static [u8],
    spans: &'static [(u16, u16)],
}

use CoachAudience::{Business, Resident};
use Modality::{AtBusiness, AtVenue, Phone, Video};

const MORNING: (u16, u16) = (9 * 60, 12 * 60 + 30);
const AFTERNOON: (u16, u16) = (14 * 60, 17 * 60 + 30);

const COACHES: [DemoCoach; 13] = [
    DemoCoach {
        email: "conseil@demo.tremplin.example",
        name: "Camille Conseil",
        slug: DEMO_COACH_SLUG,
        territory: "angers-loire-metropole",
        kind: StructureKind::City,
        structure: "Maison de l'économie numérique d'Angers",
        address: "12 place Imbach, 49100 Angers",
        insee: "49007",
        presentation: "Conseillère numérique pour les commerçants et artisans : créer son site, être trouvé sur les cartes, \
                       commencer à vendre en ligne sans se ruiner.",
        themes: &["website", "visibility", "online_selling"],
        audiences: &[Business],
        languages: &["fr", "en"],
        modalities: &[AtVenue, Phone, Video],
        radius_km: Some(25.0),
        weekdays: &[1, 2, 4, 5],
        spans: &[MORNING, AFTERNOON],
    },
    DemoCoach {
        email: "coach.cci.angers@demo.tremplin.example",
        name: "Mehdi Garnier",
        slug: "mehdi-garnier",
        territory: "maine-et-loire",
        kind: StructureKind::Cci,
        structure: "CCI Maine-et-Loire",
        address: "8 boulevard du Roi René, 49100 Angers",
        insee: "49007",
        presentation: "Conseiller transition numérique à la CCI : boutique en ligne, paiement, sécurité des données, \
                       je viens dans votre commerce.",
        themes: &["online_selling", "website", "security"],
        audiences: &[Business],
        languages: &["fr", "en"],
        modalities: &[AtBusiness, AtVenue, Video],
        radius_km: Some(40.0),
        weekdays: &[1, 2, 3, 4],
        spans: &[MORNING, AFTERNOON],
    },
    DemoCoach {
        email: "coach.cma.cholet@demo.tremplin.example",
        name: "Élodie Marchand",
        slug: "elodie-marchand",
        territory: "maine-et-loire",
        kind: StructureKind::Cma,
        structure: "Chambre de métiers et de l'artisanat, antenne de Cholet",
        address: "24 rue Nationale, 49300 Cholet",
        insee: "49099",
        presentation: "J'accompagne les artisans des Mauges et du Choletais : fiche sur les cartes, avis clients, \
                       réseaux sociaux, devis en ligne.",
        themes: &["visibility", "social_networks", "website"],
        audiences: &[Business],
        languages: &["fr"],
        modalities: &[AtBusiness, Phone],
        radius_km: Some(35.0),
        weekdays: &[2, 3, 5],
        spans: &[MORNING, AFTERNOON],
    },
    DemoCoach {
        email: "mediateur.trelaze@demo.tremplin.example",
        name: "Thomas Roux",
        slug: "thomas-roux",
        territory: "angers-loire-metropole",
        kind: StructureKind::Association,
        structure: "Association Angers Médiation Numérique",
        address: "3 rue Jean Jaurès, 49800 Trélazé",
        insee: "49353",
        presentation: "Médiateur numérique : premiers pas sur ordinateur et smartphone, messagerie, traitement de texte, \
                       démarches en ligne. Patience garantie.",
        themes: &["digital_basics", "online_administration", "office_tools"],
        audiences: &[Resident],
        languages: &["fr"],
        modalities: &[AtVenue],
        radius_km: Some(10.0),
        weekdays: &[1, 3, 5],
        spans: &[(14 * 60, 18 * 60)],
    },
    DemoCoach {
        email: "france-services.avrille@demo.tremplin.example",
        name: "Nadia Haddad",
        slug: "nadia-haddad",
        territory: "angers-loire-metropole",
        kind: StructureKind::MediationPlace,
        structure: "France services Avrillé",
        address: "Place Georges Pompidou, 49240 Avrillé",
        insee: "49015",
        presentation: "Conseillère France services : démarches administratives en ligne, compte ameli, impôts, CAF, \
                       sécurité de vos comptes.",
        themes: &["online_administration", "digital_basics", "security"],
        audiences: &[Resident],
        languages: &["fr", "ar"],
        modalities: &[AtVenue, Phone],
        radius_km: Some(12.0),
        weekdays: &[1, 2, 3, 4, 5],
        spans: &[MORNING],
    },
    DemoCoach {
        email: "coach.saumur@demo.tremplin.example",
        name: "Julien Moreau",
        slug: "julien-moreau",
        territory: "saumur-val-de-loire",
        kind: StructureKind::LocalAuthority,
        structure: "Saumur Val de Loire, service développement économique",
        address: "11 rue du Maréchal Leclerc, 49400 Saumur",
        insee: "49328",
        presentation: "Pour les commerces du Saumurois : site internet, click & collect, être visible des touristes.",
        themes: &["website", "visibility", "online_selling"],
        audiences: &[Business],
        languages: &["fr", "en", "de"],
        modalities: &[AtBusiness, AtVenue, Phone],
        radius_km: Some(30.0),
        weekdays: &[2, 3, 4],
        spans: &[MORNING, AFTERNOON],
    },
    DemoCoach {
        email: "mediatrice.saumur@demo.tremplin.example",
        name: "Léa Fontaine",
        slug: "lea-fontaine",
        territory: "saumur-val-de-loire",
        kind: StructureKind::Association,
        structure: "Saumur Numérique Solidaire",
        address: "2 rue Dacier, 49400 Saumur",
        insee: "49328",
        presentation: "Médiatrice numérique : apprendre à se servir d'une tablette, faire ses démarches, échanger avec ses proches.",
        themes: &["digital_basics", "online_administration", "office_tools"],
        audiences: &[Resident],
        languages: &["fr"],
        modalities: &[AtVenue, Phone],
        radius_km: Some(20.0),
        weekdays: &[1, 2, 4],
        spans: &[AFTERNOON],
    },
    DemoCoach {
        email: "coach.cci.saumur@demo.tremplin.example",
        name: "Marc Lefèvre",
        slug: "marc-lefevre",
        territory: "maine-et-loire",
        kind: StructureKind::Cci,
        structure: "CCI Maine-et-Loire, antenne de Saumur",
        address: "1 rue Beaurepaire, 49400 Saumur",
        insee: "49328",
        presentation: "Cybersécurité des petites entreprises, outils bureautiques en ligne, vente sur les places de marché.",
        themes: &["security", "online_selling", "office_tools"],
        audiences: &[Business],
        languages: &["fr"],
        modalities: &[AtBusiness, Video],
        radius_km: Some(45.0),
        weekdays: &[1, 4, 5],
        spans: &[MORNING, AFTERNOON],
    },
    DemoCoach {
        email: "coach.pontsdece@demo.tremplin.example",
        name: "Sophie Girard",
        slug: "sophie-girard",
        territory: "angers-loire-metropole",
        kind: StructureKind::City,
        structure: "Ville des Ponts-de-Cé, service commerce",
        address: "Rue Abel Boutin-Desvignes, 49130 Les Ponts-de-Cé",
        insee: "49246",
        presentation: "Réseaux sociaux et visibilité pour les commerces de proximité : Instagram, Facebook, fiche sur les cartes.",
        themes: &["social_networks", "visibility"],
        audiences: &[Business],
        languages: &["fr", "es"],
        modalities: &[AtBusiness, AtVenue],
        radius_km: Some(15.0),
        weekdays: &[2, 4],
        spans: &[MORNING, AFTERNOON],
    },
    DemoCoach {
        email: "coach.doue@demo.tremplin.example",
        name: "Antoine Petit",
        slug: "antoine-petit",
        territory: "maine-et-loire",
        kind: StructureKind::Association,
        structure: "Anjou Rural Numérique",
        address: "Place Jean Bégault, 49700 Doué-en-Anjou",
        insee: "49125",
        presentation: "Je me déplace dans les communes rurales, chez vous ou dans votre entreprise : site, démarches, \
                       bureautique, sécurité.",
        themes: &["website", "online_administration", "office_tools", "security"],
        audiences: &[Business, Resident],
        languages: &["fr"],
        modalities: &[AtBusiness, Phone],
        radius_km: Some(30.0),
        weekdays: &[1, 2, 3, 4, 5],
        spans: &[AFTERNOON],
    },
    DemoCoach {
        email: "france-services.segre@demo.tremplin.example",
        name: "Inès Laurent",
        slug: "ines-laurent",
        territory: "maine-et-loire",
        kind: StructureKind::MediationPlace,
        structure: "France services Segré-en-Anjou Bleu",
        address: "Place du Port, 49500 Segré-en-Anjou Bleu",
        insee: "49331",
        presentation: "Accueil et accompagnement pour toutes les démarches en ligne, avec ou sans ordinateur chez vous.",
        themes: &["online_administration", "digital_basics"],
        audiences: &[Resident],
        languages: &["fr"],
        modalities: &[AtVenue, Phone],
        radius_km: Some(20.0),
        weekdays: &[2, 3, 5],
        spans: &[MORNING, AFTERNOON],
    },
    DemoCoach {
        email: "coach.video@demo.tremplin.example",
        name: "Hugo Bernard",
        slug: "hugo-bernard",
        territory: "angers-loire-metropole",
        kind: StructureKind::Cci,
        structure: "CCI Maine-et-Loire, pôle e-commerce",
        address: "8 boulevard du Roi René, 49100 Angers",
        insee: "49007",
        presentation: "Rendez-vous en visio, en français, anglais ou espagnol : boutique en ligne, places de marché, \
                       publicité sur les réseaux sociaux.",
        themes: &["online_selling", "social_networks"],
        audiences: &[Business],
        languages: &["fr", "en", "es"],
        modalities: &[Video],
        radius_km: None,
        weekdays: &[1, 2, 3, 4, 5],
        spans: &[(8 * 60, 12 * 60), (13 * 60, 19 * 60)],
    },
    DemoCoach {
        email: "coach.cma.bauge@demo.tremplin.example",
        name: "Claire Dubois",
        slug: "claire-dubois",
        territory: "maine-et-loire",
        kind: StructureKind::Cma,
        structure: "Chambre de métiers et de l'artisanat, antenne du Baugeois",
        address: "Place de l'Europe, 49150 Baugé-en-Anjou",
        insee: "49018",
        presentation: "Artisans du Baugeois et de la vallée : site vitrine, prise de rendez-vous en ligne, facturation électronique.",
        themes: &["website", "office_tools", "visibility"],
        audiences: &[Business],
        languages: &["fr"],
        modalities: &[AtBusiness, AtVenue, Phone],
        radius_km: Some(30.0),
        weekdays: &[1, 3],
        spans: &[MORNING, AFTERNOON],
    },
];

/// People who book the demo coaches: name, e-mail, business, need, themes.
const PEOPLE: [(&str, &str, &str, &str, &str); 8] = [
    ("Martine Leroux", "martine.leroux@example.fr", "Fleurs de Loire", "Créer un site pour prendre des commandes de bouquets.", "website"),
    ("Paul Chevalier", "paul.chevalier@example.fr", "Garage Chevalier", "Mes horaires sont faux sur les cartes en ligne.", "visibility"),
    ("Aïcha Diallo", "aicha.diallo@example.fr", "", "Je n'arrive pas à faire ma déclaration en ligne.", "online_administration"),
    (
        "Lucas Bernier",
        "lucas.bernier@example.fr",
        "Cave du Château",
        "Vendre nos vins en ligne avec retrait en boutique.",
        "online_selling",
    ),
    ("Chantal Morel", "chantal.morel@example.fr", "Mercerie Morel", "Ouvrir une page Instagram pour la mercerie.", "social_networks"),
    ("Yann Le Gall", "yann.legall@example.fr", "Menuiserie Le Gall", "Nous avons reçu un faux courriel de la banque.", "security"),
    ("Rose Perrin", "rose.perrin@example.fr", "", "Apprendre à envoyer des photos à mes petits-enfants.", "digital_basics"),
    ("Nicolas Faure", "nicolas.faure@example.fr", "Boulangerie Faure", "Un tableur pour suivre les commandes.", "office_tools"),
];

/// Loads the demo coaches with their hours and appointments (nothing when they are there).
pub async fn load(db: &Db, clock: &dyn Clock) -> anyhow::Result<()> {
    if db.coach_slug_taken(DEMO_COACH_SLUG).await? {
        return Ok(());
    }
    let now = clock.now_ts();
    let today = local_date(now);
    for (n, demo) in COACHES.iter().enumerate() {
        let email = Email::parse(demo.email).map_err(|e| anyhow::anyhow!("{}: {e}", demo.email))?;
        let user = accounts::ensure_user(db, clock, &email, demo.name, Some(crate::demo::DEMO_PASSWORD), false)
            .await
            .map_err(|e| anyhow::anyhow!("demo coach {}: {e}", demo.email))?;
        let territory = db.territory_by_slug(demo.territory).await?.ok_or_else(|| anyhow::anyhow!("territory {}", demo.territory))?;
        db.grant_role(user.id, territory.id, Role::Coach, None, now).await?;
        let base = db.communes_in(&[demo.insee.to_owned()]).await?.into_iter().next().and_then(|c| c.point);
        let profile = CoachProfile {
            display_name: demo.name.into(),
            structure_kind: demo.kind,
            structure_name: demo.structure.into(),
            presentation: demo.presentation.into(),
            themes: demo.themes.iter().map(|t| (*t).to_owned()).collect(),
            languages: demo.languages.iter().map(|l| (*l).to_owned()).collect(),
            audiences: demo.audiences.to_vec(),
            zone_communes: vec![demo.insee.to_owned()],
            zone_radius_km: demo.radius_km,
            base_insee: Some(demo.insee.to_owned()),
            base_address: demo.address.into(),
            latitude: base.map(|p| p.lat),
            longitude: base.map(|p| p.lon),
            modalities: demo.modalities.to_vec(),
            accessibility: if n % 3 == 0 {
                "Locaux de plain-pied, accessibles en fauteuil roulant.".into()
            } else {
                "Rendez-vous possible par téléphone pour les personnes qui ne peuvent pas se déplacer.".into()
            },
            rules: BookingRules { appointment_minutes: if n % 4 == 3 { 45 } else { 60 }, ..BookingRules::default() },
            active: true,
        };
        let feed_secret = tremplin_kernel::token::new_token();
        let coach_id = db.create_coach(user.id, territory.id, demo.slug, &profile, &feed_secret, now).await?;
        let hours: Vec<WeeklyHours> = demo
            .weekdays
            .iter()
            .flat_map(|&weekday| {
                demo.spans.iter().map(move |&(starts_minute, ends_minute)| WeeklyHours { weekday, starts_minute, ends_minute })
            })
            .collect();
        db.set_weekly_hours(coach_id, &hours, now).await?;
        add_exceptions(db, coach_id, n, today, now).await?;
    }
    book_demo_appointments(db, now).await
}

/// Holidays for some coaches three weeks ahead, a one-off Saturday opening for another.
async fn add_exceptions(db: &Db, coach_id: i64, n: usize, today: NaiveDate, now: i64) -> anyhow::Result<()> {
    let exception = match n % 4 {
        1 => AvailabilityException {
            id: 0,
            kind: ExceptionKind::Closed,
            first_day: today + Duration::days(21),
            last_day: today + Duration::days(27),
            minutes: None,
            note: "Congés".into(),
        },
        2 => AvailabilityException {
            id: 0,
            kind: ExceptionKind::Open,
            first_day: today + Duration::days(10),
            last_day: today + Duration::days(10),
            minutes: Some((10 * 60, 13 * 60)),
            note: "Permanence au marché".into(),
        },
        _ => return Ok(()),
    };
    db.add_exception(coach_id, &exception, now).await?;
    Ok(())
}

/// Appointments of the demo: for the demo coach, four in the past two weeks (booked a week
/// before each) and three upcoming; one upcoming for each of the others. Past ones are booked
/// "at the time" (the store decides against that moment), with no e-mail.
async fn book_demo_appointments(db: &Db, now: i64) -> anyhow::Result<()> {
    let mut person = PEOPLE.iter().cycle();
    let mut past_booked = Vec::new();
    for demo in &COACHES {
        let coach = db.coach_by_slug(demo.slug).await?.ok_or_else(|| anyhow::anyhow!("demo coach {}", demo.slug))?;
        let today = local_date(now).format("%Y-%m-%d").to_string();
        let availability = db.availabilities(&[&coach], &today).await?.remove(&coach.id).unwrap_or_default();
        let (past, upcoming) = if demo.slug == DEMO_COACH_SLUG { (4, 3) } else { (0, 1) };
        // Past slots: the coach's grid over the last 14 days, seen from a week before each.
        let past_slots: Vec<_> = {
            let from = now - 14 * 86_400;
            let mut seen_before = availability.clone();
            seen_before.rules.notice_hours = 0;
            free_slots(&seen_before, &[], from, from, now - 3600).into_iter().step_by(3).take(past).collect()
        };
        let future_slots: Vec<_> =
            free_slots(&availability, &[], now, now, now + 21 * 86_400).into_iter().step_by(2).take(upcoming).collect();
        for slot in past_slots.into_iter().chain(future_slots) {
            let (name, email, business, need, theme) = person.next().copied().unwrap_or(PEOPLE[0]);
            let form = tremplin_domain::coaching::commands::BookingForm {
                starts_at: slot.starts_at.to_string(),
                modality: coach.modalities[0].as_str().into(),
                themes: vec![theme.into()],
                need: need.into(),
                name: name.into(),
                email: email.into(),
                phone: String::new(),
                business: business.into(),
                consent: true,
            };
            let checked = validate_booking(&coach, &form, Locale::Fr).map_err(|e| anyhow::anyhow!("demo booking: {e:?}"))?;
            let new = tremplin_domain::coaching::NewAppointment {
                coach_id: coach.id,
                slot: checked.slot,
                modality: checked.modality,
                themes: checked.themes,
                need: checked.need,
                booker: checked.booker,
            };
            // Booked a week before the appointment (or now for upcoming ones), without e-mails.
            let booked_at = if slot.starts_at < now { slot.starts_at - 7 * 86_400 } else { now };
            let outcome = db.book(&new, booked_at, &|_, _| Vec::new()).await?;
            if let BookOutcome::Booked(booked) = outcome
                && booked.0.starts_at < now
            {
                past_booked.push(booked.0);
            }
        }
    }
    record_demo_accompaniments(db, &past_booked, now).await
}

/// Records for the two oldest past appointments of the demo coach (one held, one missed); the
/// two others are left for the coach to record.
async fn record_demo_accompaniments(db: &Db, past: &[Appointment], now: i64) -> anyhow::Result<()> {
    let records = [
        RecordInput {
            themes: vec!["website".into(), "visibility".into()],
            duration_minutes: 60,
            outcome: Outcome::InProgress,
            summary: "Choix d'un outil de site gratuit, création de la page d'accueil et de la fiche sur les cartes.".into(),
            next_steps: "Ajouter les photos des bouquets et les horaires ; revoir ensemble la page de commande dans deux semaines.".into(),
            modules: vec!["augmenter-son-trafic".into()],
            validated: vec!["creer-son-site".into()],
            no_show: false,
        },
        RecordInput {
            themes: Vec::new(),
            duration_minutes: 0,
            outcome: Outcome::NotSolved,
            summary: String::new(),
            next_steps: String::new(),
            modules: Vec::new(),
            validated: Vec::new(),
            no_show: true,
        },
    ];
    for (appointment, input) in past.iter().zip(records) {
        let record = NewRecord {
            beneficiary_id: appointment.beneficiary_id,
            coach_id: appointment.coach_id,
            appointment_id: Some(appointment.id),
            occurred_at: appointment.starts_at,
            input,
        };
        db.save_record(&record, appointment.ends_at.min(now)).await?;
    }
    Ok(())
}
