//! Coaches, their availability, the people they help, appointments and accompaniment records.

use chrono::NaiveDate;
use serde::Serialize;

vocabulary! {
    /// The kind of structure a coach works for.
    StructureKind {
        /// Chamber of commerce and industry.
        Cci => "cci",
        /// Chamber of trades and crafts.
        Cma => "cma",
        /// A city or its services.
        City => "city",
        /// An intercommunality, a department or a region.
        LocalAuthority => "local_authority",
        /// An association (digital mediation …).
        Association => "association",
        /// A public digital-mediation place (France services, médiathèque …).
        MediationPlace => "mediation_place",
        /// Anything else.
        Other => "other",
    }
}

vocabulary! {
    /// How an appointment takes place.
    Modality {
        /// The coach comes to the business.
        AtBusiness => "at_business",
        /// At the coach's venue.
        AtVenue => "at_venue",
        /// By phone.
        Phone => "phone",
        /// By video call.
        Video => "video",
    }
}

vocabulary! {
    /// Who a coach helps.
    CoachAudience {
        /// Businesses, shops, crafts, associations.
        Business => "business",
        /// Residents, for their own use.
        Resident => "resident",
    }
}

vocabulary! {
    /// What came of an accompaniment.
    Outcome {
        /// The need was met.
        Solved => "solved",
        /// Work goes on; another appointment or steps to take.
        InProgress => "in_progress",
        /// Sent to a workshop, another coach or a partner.
        Referred => "referred",
        /// Nothing could be done.
        NotSolved => "not_solved",
    }
}

/// The themes coaches work on: the workshops' vocabulary (see `events::THEMES`), so a need
/// found in one place leads to the other.
pub use crate::events::{THEMES, is_theme};

/// Languages a coach may speak (ISO 639-1), in display order.
pub const LANGUAGES: [&str; 8] = ["fr", "en", "es", "de", "it", "pt", "ar", "br"];

/// When a coach takes appointments: one span of a weekday, in Europe/Paris local time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct WeeklyHours {
    /// ISO weekday, 1 = Monday … 7 = Sunday.
    pub weekday: u8,
    /// Minutes after local midnight.
    pub starts_minute: u16,
    /// Minutes after local midnight (after `starts_minute`; at most 24 × 60).
    pub ends_minute: u16,
}

/// Whether an exception closes or opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ExceptionKind {
    /// Holidays, training, sick leave: no appointment then.
    Closed,
    /// A one-off opening beyond the weekly hours.
    Open,
}

impl ExceptionKind {
    /// Stable identifier.
    pub fn as_str(self) -> &'static str {
        match self {
            ExceptionKind::Closed => "closed",
            ExceptionKind::Open => "open",
        }
    }

    /// Parses the stable identifier.
    pub fn parse(value: &str) -> Option<Self> {
        match value.trim() {
            "closed" => Some(ExceptionKind::Closed),
            "open" => Some(ExceptionKind::Open),
            _ => None,
        }
    }
}

/// A change to the weekly hours over a run of local days.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AvailabilityException {
    /// Internal id (to remove it).
    pub id: i64,
    /// Closed or open.
    pub kind: ExceptionKind,
    /// First local day.
    pub first_day: NaiveDate,
    /// Last local day (inclusive).
    pub last_day: NaiveDate,
    /// The part of each day, in minutes after local midnight; `None` is the whole day (only
    /// for closures: an opening always says its hours).
    pub minutes: Option<(u16, u16)>,
    /// Why ("Congés", "Permanence au salon …").
    pub note: String,
}

/// How a coach's appointments are laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct BookingRules {
    /// Length of an appointment.
    pub appointment_minutes: u16,
    /// Free time kept after each appointment (and before the next one).
    pub buffer_minutes: u16,
    /// Most appointments in a local day.
    pub max_per_day: u16,
    /// Slots start at least this many hours after now.
    pub notice_hours: u16,
    /// Slots are offered up to this many days ahead.
    pub horizon_days: u16,
}

impl Default for BookingRules {
    fn default() -> Self {
        BookingRules { appointment_minutes: 60, buffer_minutes: 15, max_per_day: 4, notice_hours: 24, horizon_days: 42 }
    }
}

/// Everything slots are computed from.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Availability {
    /// Weekly hours.
    pub weekly: Vec<WeeklyHours>,
    /// Exceptions.
    pub exceptions: Vec<AvailabilityException>,
    /// Layout of appointments.
    pub rules: BookingRules,
}

/// A free slot, in UTC Unix seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Slot {
    /// Start.
    pub starts_at: i64,
    /// End.
    pub ends_at: i64,
}

/// A coach: the public profile and what the finder ranks on.
#[derive(Debug, Clone, Serialize)]
pub struct Coach {
    /// Internal id.
    #[serde(skip)]
    pub id: i64,
    /// Their account.
    #[serde(skip)]
    pub user_id: i64,
    /// Their account's e-mail, where new appointments are told (never shown).
    #[serde(skip)]
    pub email: String,
    /// Public identifier in URLs.
    pub slug: String,
    /// Territory they work for.
    #[serde(skip)]
    pub territory_id: i64,
    /// Its slug.
    pub territory_slug: String,
    /// Its name.
    pub territory_name: String,
    /// Name shown.
    pub display_name: String,
    /// Kind of structure.
    pub structure_kind: StructureKind,
    /// Name of the structure ("CCI Maine-et-Loire").
    pub structure_name: String,
    /// Short presentation (plain text).
    pub presentation: String,
    /// Themes (see [`THEMES`]).
    pub themes: Vec<String>,
    /// Languages spoken (see [`LANGUAGES`]).
    pub languages: Vec<String>,
    /// Who they help.
    pub audiences: Vec<CoachAudience>,
    /// Communes served (INSEE codes), besides the radius.
    pub zone_communes: Vec<String>,
    /// Served within this distance of their base, if set.
    pub zone_radius_km: Option<f64>,
    /// Base commune (INSEE).
    pub base_insee: Option<String>,
    /// Its name.
    pub base_commune: Option<String>,
    /// Address of their venue.
    pub base_address: String,
    /// Latitude of the base.
    pub latitude: Option<f64>,
    /// Longitude of the base.
    pub longitude: Option<f64>,
    /// How appointments take place.
    pub modalities: Vec<Modality>,
    /// Accessibility of the venue and of the coach (sign language, large print …).
    pub accessibility: String,
    /// Layout of appointments.
    pub rules: BookingRules,
    /// Secret of the coach's private calendar feed.
    #[serde(skip)]
    pub feed_secret: String,
    /// Shown in the finder and bookable.
    pub active: bool,
}

/// A coach profile as written (created or edited).
#[derive(Debug, Clone, PartialEq)]
pub struct CoachProfile {
    /// Name shown.
    pub display_name: String,
    /// Kind of structure.
    pub structure_kind: StructureKind,
    /// Name of the structure.
    pub structure_name: String,
    /// Presentation.
    pub presentation: String,
    /// Themes.
    pub themes: Vec<String>,
    /// Languages.
    pub languages: Vec<String>,
    /// Audiences.
    pub audiences: Vec<CoachAudience>,
    /// Communes served (INSEE).
    pub zone_communes: Vec<String>,
    /// Radius served around the base.
    pub zone_radius_km: Option<f64>,
    /// Base commune (INSEE).
    pub base_insee: Option<String>,
    /// Venue address.
    pub base_address: String,
    /// Base position (from the address or the commune).
    pub latitude: Option<f64>,
    /// Base position.
    pub longitude: Option<f64>,
    /// Modalities.
    pub modalities: Vec<Modality>,
    /// Accessibility.
    pub accessibility: String,
    /// Layout of appointments.
    pub rules: BookingRules,
    /// Shown and bookable.
    pub active: bool,
}

/// Whether an appointment holds or was cancelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AppointmentStatus {
    /// Holds its slot.
    Booked,
    /// Cancelled by the person or the coach; the slot is free again.
    Cancelled,
}

impl AppointmentStatus {
    /// Stable identifier.
    pub fn as_str(self) -> &'static str {
        match self {
            AppointmentStatus::Booked => "booked",
            AppointmentStatus::Cancelled => "cancelled",
        }
    }

    /// Parses the stable identifier (unknown values read as cancelled, which frees nothing).
    pub fn parse(value: &str) -> Self {
        if value == "booked" { AppointmentStatus::Booked } else { AppointmentStatus::Cancelled }
    }
}

/// Whether the beneficiary is a business (or association) or a resident.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BeneficiaryKind {
    /// A business, shop, craft or association.
    Business,
    /// A person, for their own use.
    Resident,
}

impl BeneficiaryKind {
    /// Stable identifier.
    pub fn as_str(self) -> &'static str {
        match self {
            BeneficiaryKind::Business => "business",
            BeneficiaryKind::Resident => "resident",
        }
    }

    /// Parses the stable identifier (unknown values read as resident).
    pub fn parse(value: &str) -> Self {
        if value == "business" { BeneficiaryKind::Business } else { BeneficiaryKind::Resident }
    }
}

/// A business or person helped in a territory. Personal data: name, e-mail, phone.
#[derive(Debug, Clone, Serialize)]
pub struct Beneficiary {
    /// Internal id.
    #[serde(skip)]
    pub id: i64,
    /// Public identifier in URLs.
    pub public_id: String,
    /// Territory where they are helped.
    #[serde(skip)]
    pub territory_id: i64,
    /// Business or resident.
    pub kind: BeneficiaryKind,
    /// Name of the person.
    pub name: String,
    /// E-mail.
    pub email: Option<String>,
    /// Phone.
    pub phone: Option<String>,
    /// Business name (empty for a resident).
    pub business: String,
    /// Unix seconds.
    pub created_at: i64,
}

/// Who books: the details typed on the booking form, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Booker {
    /// Name.
    pub name: String,
    /// E-mail, if given.
    pub email: Option<tremplin_kernel::Email>,
    /// Phone, if given.
    pub phone: Option<tremplin_kernel::Phone>,
    /// Business (empty for a resident).
    pub business: String,
    /// Language for messages.
    pub locale: tremplin_kernel::Locale,
}

impl Booker {
    /// What recognises the same person in a territory: the e-mail, else the phone.
    pub fn person_key(&self) -> String {
        match (&self.email, &self.phone) {
            (Some(email), _) => format!("email:{}", email.as_str()),
            (None, Some(phone)) => format!("phone:{}", phone.as_str()),
            (None, None) => String::new(),
        }
    }

    /// Business when a business name was given, else resident.
    pub fn kind(&self) -> BeneficiaryKind {
        if self.business.is_empty() { BeneficiaryKind::Resident } else { BeneficiaryKind::Business }
    }
}

/// An appointment with a coach.
#[derive(Debug, Clone, Serialize)]
pub struct Appointment {
    /// Internal id.
    #[serde(skip)]
    pub id: i64,
    /// Public identifier in URLs.
    pub public_id: String,
    /// The coach.
    #[serde(skip)]
    pub coach_id: i64,
    /// The person or business.
    #[serde(skip)]
    pub beneficiary_id: i64,
    /// Unix seconds (UTC).
    pub starts_at: i64,
    /// Unix seconds (UTC).
    pub ends_at: i64,
    /// How it takes place.
    pub modality: Modality,
    /// Themes of the need.
    pub themes: Vec<String>,
    /// The need, in the person's words.
    pub need: String,
    /// Booked or cancelled.
    pub status: AppointmentStatus,
    /// Language of the person's messages.
    pub locale: String,
    /// Seed of the person's link tokens.
    #[serde(skip)]
    pub secret: String,
    /// iCalendar SEQUENCE: bumped when the appointment moves or is cancelled.
    pub sequence: i64,
    /// Unix seconds.
    pub created_at: i64,
    /// Unix seconds, when cancelled.
    pub cancelled_at: Option<i64>,
}

/// A booking as the store writes it.
#[derive(Debug, Clone)]
pub struct NewAppointment {
    /// The coach.
    pub coach_id: i64,
    /// The slot.
    pub slot: Slot,
    /// Modality.
    pub modality: Modality,
    /// Themes.
    pub themes: Vec<String>,
    /// The need.
    pub need: String,
    /// Who books.
    pub booker: Booker,
}

/// An accompaniment record: what a coach did with a beneficiary.
#[derive(Debug, Clone, Serialize)]
pub struct Accompaniment {
    /// Internal id.
    #[serde(skip)]
    pub id: i64,
    /// Public identifier.
    pub public_id: String,
    /// The beneficiary.
    #[serde(skip)]
    pub beneficiary_id: i64,
    /// The coach who wrote it.
    #[serde(skip)]
    pub coach_id: i64,
    /// The coach's name.
    pub coach_name: String,
    /// The appointment it follows, if any.
    #[serde(skip)]
    pub appointment_id: Option<i64>,
    /// When it took place (Unix seconds).
    pub occurred_at: i64,
    /// Minutes spent.
    pub duration_minutes: i64,
    /// Themes worked on.
    pub themes: Vec<String>,
    /// What came of it.
    pub outcome: Outcome,
    /// What was done (plain text).
    pub summary: String,
    /// Next steps agreed.
    pub next_steps: String,
    /// Modules advised.
    pub modules: Vec<String>,
    /// Modules validated by the coach (each a completion with its evidence).
    pub validated: Vec<String>,
    /// The person did not come.
    pub no_show: bool,
    /// Unix seconds.
    pub created_at: i64,
}
