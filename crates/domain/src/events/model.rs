//! Workshops, large events and registrations.

use serde::Serialize;

/// Who a workshop is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    /// Residents, anyone.
    Public,
    /// Businesses, merchants, associations.
    Professionals,
    /// Pupils and students.
    Students,
    /// Older people.
    Seniors,
}

impl Audience {
    /// Every audience.
    pub const ALL: [Audience; 4] = [Audience::Public, Audience::Professionals, Audience::Students, Audience::Seniors];

    /// Stable identifier (database, URLs, API).
    pub fn as_str(self) -> &'static str {
        match self {
            Audience::Public => "public",
            Audience::Professionals => "professionals",
            Audience::Students => "students",
            Audience::Seniors => "seniors",
        }
    }

    /// Parses the stable identifier.
    pub fn parse(value: &str) -> Option<Self> {
        Audience::ALL.into_iter().find(|a| a.as_str() == value.trim())
    }

    /// The schema.org `audienceType` text, in French.
    pub fn label_fr(self) -> &'static str {
        match self {
            Audience::Public => "Grand public",
            Audience::Professionals => "Professionnels",
            Audience::Students => "Étudiants et élèves",
            Audience::Seniors => "Seniors",
        }
    }
}

/// How much a participant should already know.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// No prerequisite.
    Beginner,
    /// Some practice.
    Intermediate,
    /// Experienced users.
    Advanced,
}

impl Level {
    /// Every level.
    pub const ALL: [Level; 3] = [Level::Beginner, Level::Intermediate, Level::Advanced];

    /// Stable identifier.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Beginner => "beginner",
            Level::Intermediate => "intermediate",
            Level::Advanced => "advanced",
        }
    }

    /// Parses the stable identifier.
    pub fn parse(value: &str) -> Option<Self> {
        Level::ALL.into_iter().find(|l| l.as_str() == value.trim())
    }
}

/// The themes of workshops (the same vocabulary as the coaches' themes, so a need found
/// in one place leads to the other).
pub const THEMES: [&str; 8] =
    ["website", "visibility", "social_networks", "online_selling", "security", "online_administration", "office_tools", "digital_basics"];

/// Whether `slug` is one of the [`THEMES`].
pub fn is_theme(slug: &str) -> bool {
    THEMES.contains(&slug)
}

/// Whether a session takes place or was called off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EventStatus {
    /// Takes place.
    Scheduled,
    /// Called off: no registration, shown as cancelled.
    Cancelled,
}

impl EventStatus {
    /// Stable identifier.
    pub fn as_str(self) -> &'static str {
        match self {
            EventStatus::Scheduled => "scheduled",
            EventStatus::Cancelled => "cancelled",
        }
    }

    /// Parses the stable identifier (unknown values read as scheduled).
    pub fn parse(value: &str) -> Self {
        if value == "cancelled" { EventStatus::Cancelled } else { EventStatus::Scheduled }
    }
}

/// Where a session happens.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Venue {
    /// A place of the directory, by id, when the venue is one.
    #[serde(skip)]
    pub listing_id: Option<i64>,
    /// The directory place's slug, for a link.
    pub listing_slug: Option<String>,
    /// Name of the place ("Médiathèque Toussaint").
    pub name: String,
    /// Street address.
    pub address: String,
    /// Commune INSEE code.
    pub insee: Option<String>,
    /// Commune name.
    pub commune: Option<String>,
    /// Latitude.
    pub latitude: Option<f64>,
    /// Longitude.
    pub longitude: Option<f64>,
    /// Room within the place (large events).
    pub room: String,
}

/// A session: one workshop at one time, the unit people register for.
#[derive(Debug, Clone, Serialize)]
pub struct Event {
    /// Internal id.
    #[serde(skip)]
    pub id: i64,
    /// Public identifier in URLs.
    pub slug: String,
    /// Organising territory.
    #[serde(skip)]
    pub territory_id: i64,
    /// Its slug.
    pub territory_slug: String,
    /// Its name.
    pub territory_name: String,
    /// The large event it belongs to.
    #[serde(skip)]
    pub programme_id: Option<i64>,
    /// Its slug.
    pub programme_slug: Option<String>,
    /// Its title.
    pub programme_title: Option<String>,
    /// The weekly series it belongs to.
    #[serde(skip)]
    pub series_id: Option<i64>,
    /// Its slug.
    pub series_slug: Option<String>,
    /// Title.
    pub title: String,
    /// Description (plain text).
    pub description: String,
    /// Theme slugs (see [`THEMES`]).
    pub themes: Vec<String>,
    /// Module references (the catalogue comes with the learning capability).
    pub modules: Vec<String>,
    /// Audiences.
    pub audiences: Vec<Audience>,
    /// Level.
    pub level: Level,
    /// Language tag of the session (`fr`, `en` …).
    pub language: String,
    /// Where, when in person.
    pub venue: Venue,
    /// Link to join, when online.
    pub online_url: String,
    /// Access for people with disabilities, practical notes.
    pub accessibility: String,
    /// Unix seconds (UTC).
    pub starts_at: i64,
    /// Unix seconds (UTC).
    pub ends_at: i64,
    /// Seats.
    pub capacity: i64,
    /// Seats taken by confirmed registrations.
    pub confirmed: i64,
    /// People waiting for a seat.
    pub waitlisted: i64,
    /// Registration opens (Unix seconds), if not at once.
    pub registration_opens_at: Option<i64>,
    /// Registration closes (Unix seconds); by default when the session starts.
    pub registration_closes_at: Option<i64>,
    /// Scheduled or cancelled.
    pub status: EventStatus,
    /// iCalendar `SEQUENCE`: how many times its time or place changed (see `editing`).
    pub sequence: i64,
    /// Trainers' display names.
    pub trainers: Vec<Trainer>,
}

/// A trainer of a session.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Trainer {
    /// Account id.
    #[serde(skip)]
    pub user_id: i64,
    /// Name shown.
    pub name: String,
}

impl Event {
    /// Seats still free.
    pub fn seats_left(&self) -> i64 {
        (self.capacity - self.confirmed).max(0)
    }

    /// Whether the session happens online only.
    pub fn is_online(&self) -> bool {
        !self.online_url.is_empty() && self.venue.name.is_empty() && self.venue.address.is_empty()
    }

    /// Whether registration is open at `now`.
    pub fn registration_open(&self, now: i64) -> bool {
        self.status == EventStatus::Scheduled
            && self.registration_opens_at.is_none_or(|at| now >= at)
            && now < self.registration_closes_at.unwrap_or(self.starts_at)
    }
}

/// A large event: many sessions in several rooms over several days.
#[derive(Debug, Clone, Serialize)]
pub struct Programme {
    /// Internal id.
    #[serde(skip)]
    pub id: i64,
    /// Public identifier.
    pub slug: String,
    /// Organising territory.
    #[serde(skip)]
    pub territory_id: i64,
    /// Title ("Deux jours du numérique").
    pub title: String,
    /// Description.
    pub description: String,
}

/// The same workshop every week.
#[derive(Debug, Clone, Serialize)]
pub struct Series {
    /// Internal id.
    #[serde(skip)]
    pub id: i64,
    /// Public identifier.
    pub slug: String,
    /// Organising territory.
    #[serde(skip)]
    pub territory_id: i64,
    /// Title.
    pub title: String,
}

/// A session to create, validated.
#[derive(Debug, Clone)]
pub struct NewEvent {
    /// Unique slug.
    pub slug: String,
    /// Organising territory.
    pub territory_id: i64,
    /// Large event, if part of one.
    pub programme_id: Option<i64>,
    /// Series, if part of one.
    pub series_id: Option<i64>,
    /// Title.
    pub title: String,
    /// Description.
    pub description: String,
    /// Theme slugs.
    pub themes: Vec<String>,
    /// Module references.
    pub modules: Vec<String>,
    /// Audiences.
    pub audiences: Vec<Audience>,
    /// Level.
    pub level: Level,
    /// Language tag.
    pub language: String,
    /// Venue.
    pub venue: Venue,
    /// Online link.
    pub online_url: String,
    /// Accessibility notes.
    pub accessibility: String,
    /// Unix seconds.
    pub starts_at: i64,
    /// Unix seconds.
    pub ends_at: i64,
    /// Seats.
    pub capacity: i64,
    /// Registration opens.
    pub registration_opens_at: Option<i64>,
    /// Registration closes.
    pub registration_closes_at: Option<i64>,
    /// Trainer account ids.
    pub trainer_ids: Vec<i64>,
    /// Author.
    pub created_by: Option<i64>,
}

/// Where a registration stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RegistrationStatus {
    /// Has a seat.
    Confirmed,
    /// Waits for a seat.
    Waitlisted,
    /// Cancelled by the person or staff.
    Cancelled,
}

impl RegistrationStatus {
    /// Stable identifier.
    pub fn as_str(self) -> &'static str {
        match self {
            RegistrationStatus::Confirmed => "confirmed",
            RegistrationStatus::Waitlisted => "waitlisted",
            RegistrationStatus::Cancelled => "cancelled",
        }
    }

    /// Parses the stable identifier (unknown values read as cancelled: they hold no seat).
    pub fn parse(value: &str) -> Self {
        match value {
            "confirmed" => RegistrationStatus::Confirmed,
            "waitlisted" => RegistrationStatus::Waitlisted,
            _ => RegistrationStatus::Cancelled,
        }
    }
}

/// A person registered for a session. `name`, `email`, `phone` and `business` are
/// personal data: shown to the session's trainers and the territory's staff only.
#[derive(Debug, Clone, Serialize)]
pub struct Registration {
    /// Internal id.
    #[serde(skip)]
    pub id: i64,
    /// Public identifier (in the person's links, with a token).
    pub public_id: String,
    /// Session.
    #[serde(skip)]
    pub event_id: i64,
    /// Name.
    pub name: String,
    /// E-mail.
    pub email: Option<String>,
    /// Phone (E.164).
    pub phone: Option<String>,
    /// Business or association.
    pub business: String,
    /// Language for messages.
    pub locale: String,
    /// Status.
    pub status: RegistrationStatus,
    /// Seed of the person's tokens (never shown).
    #[serde(skip)]
    pub secret: String,
    /// Added at the door.
    pub walk_in: bool,
    /// Unix seconds.
    pub created_at: i64,
    /// Unix seconds, when present.
    pub checked_in_at: Option<i64>,
}

/// A person's details for a registration, validated.
#[derive(Debug, Clone)]
pub struct Registrant {
    /// Name.
    pub name: String,
    /// E-mail, if given.
    pub email: Option<tremplin_kernel::Email>,
    /// Phone, if given.
    pub phone: Option<tremplin_kernel::Phone>,
    /// Business or association (may be empty).
    pub business: String,
    /// Language for messages.
    pub locale: tremplin_kernel::Locale,
}

impl Registrant {
    /// What recognises the same person on one session: the e-mail, else the phone.
    pub fn person_key(&self) -> String {
        match (&self.email, &self.phone) {
            (Some(email), _) => format!("email:{}", email.as_str()),
            (None, Some(phone)) => format!("phone:{}", phone.as_str()),
            (None, None) => String::new(),
        }
    }
}

/// The result of one registration request for one session.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RegistrationOutcome {
    /// The session's slug.
    pub event_slug: String,
    /// The registration's public id.
    pub public_id: String,
    /// Confirmed or waitlisted.
    pub status: RegistrationStatus,
    /// Place in the waitlist (1 = next), when waitlisted.
    pub position: Option<i64>,
    /// The person was registered already: nothing changed.
    pub already: bool,
    /// Seed of the person's tokens (to build their links; never serialised).
    #[serde(skip)]
    pub secret: String,
}

/// A waitlisted person who just got a seat.
#[derive(Debug, Clone, PartialEq)]
pub struct Promotion {
    /// Registration id.
    pub registration_id: i64,
    /// Public id.
    pub public_id: String,
    /// Seed of their tokens.
    pub secret: String,
    /// E-mail, if they gave one.
    pub email: Option<String>,
    /// Language.
    pub locale: String,
}
