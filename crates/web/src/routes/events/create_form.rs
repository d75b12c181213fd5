//! The session form of the staff (create now, edit later): the fields as typed, parsed into
//! a [`NewEvent`] with errors per field. Dates and times are typed in Europe/Paris.

use super::venue_field::venue;
use crate::state::AppState;
use chrono::{Days, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use chrono_tz::Europe::Paris;
use tremplin_domain::accounts::FieldError;
use tremplin_domain::events::commands::check_new_event;
use tremplin_domain::events::{Audience, Event, Level, NewEvent, THEMES, Venue};

/// Most sessions a weekly series creates at once.
pub const MAX_REPEAT: u32 = 52;
/// Longest text fields.
use tremplin_domain::learning::catalogue;

const TEXT_MAX: usize = 5_000;

/// The form as typed (kept to fill it again).
#[derive(Debug, Clone, Default)]
pub struct EventFields {
    /// Title.
    pub title: String,
    /// Description.
    pub description: String,
    /// Theme slugs ticked.
    pub themes: Vec<String>,
    /// Catalogue modules the session covers (slugs ticked): attending completes them.
    pub modules: Vec<String>,
    /// Audiences ticked.
    pub audiences: Vec<String>,
    /// Level.
    pub level: String,
    /// Language tag.
    pub language: String,
    /// Directory place slug.
    pub venue_place: String,
    /// Venue name.
    pub venue_name: String,
    /// Venue address.
    pub venue_address: String,
    /// Commune name or postcode.
    pub venue_commune: String,
    /// Room.
    pub room: String,
    /// Online link.
    pub online_url: String,
    /// Trainer account ids ticked.
    pub trainers: Vec<String>,
    /// Date `YYYY-MM-DD`.
    pub date: String,
    /// Start `HH:MM`.
    pub start_time: String,
    /// End `HH:MM`.
    pub end_time: String,
    /// Seats.
    pub capacity: String,
    /// Registration opens (`YYYY-MM-DDTHH:MM`), optional.
    pub registration_opens_at: String,
    /// Registration closes, optional.
    pub registration_closes_at: String,
    /// Accessibility notes.
    pub accessibility: String,
    /// Number of weekly sessions (1 = one session).
    pub repeat: String,
    /// Slug of the large event the session belongs to (empty: none).
    pub programme: String,
}

impl EventFields {
    /// Reads the posted pairs (checkboxes repeat their name).
    pub fn from_pairs(pairs: Vec<(String, String)>) -> Self {
        let mut f = EventFields::default();
        for (key, value) in pairs {
            match key.as_str() {
                "title" => f.title = value,
                "description" => f.description = value,
                "themes" => f.themes.push(value),
                "modules" => f.modules.push(value),
                "audiences" => f.audiences.push(value),
                "level" => f.level = value,
                "language" => f.language = value,
                "venue_place" => f.venue_place = value,
                "venue_name" => f.venue_name = value,
                "venue_address" => f.venue_address = value,
                "venue_commune" => f.venue_commune = value,
                "room" => f.room = value,
                "online_url" => f.online_url = value,
                "trainers" => f.trainers.push(value),
                "date" => f.date = value,
                "start_time" => f.start_time = value,
                "end_time" => f.end_time = value,
                "capacity" => f.capacity = value,
                "registration_opens_at" => f.registration_opens_at = value,
                "registration_closes_at" => f.registration_closes_at = value,
                "accessibility" => f.accessibility = value,
                "repeat" => f.repeat = value,
                "programme" => f.programme = value,
                _ => {}
            }
        }
        f
    }

    /// An empty form with the usual defaults.
    pub fn blank() -> Self {
        EventFields {
            level: Level::Beginner.as_str().into(),
            language: "fr".into(),
            capacity: "12".into(),
            repeat: "1".into(),
            audiences: vec![Audience::Public.as_str().into()],
            ..EventFields::default()
        }
    }

    /// The form filled with a session's fields (to edit it).
    pub fn from_event(event: &Event) -> Self {
        let local = |ts: i64, format: &str| {
            chrono::DateTime::from_timestamp(ts, 0).map(|d| d.with_timezone(&Paris).format(format).to_string()).unwrap_or_default()
        };
        let listed = event.venue.listing_slug.clone().unwrap_or_default();
        EventFields {
            title: event.title.clone(),
            description: event.description.clone(),
            themes: event.themes.clone(),
            modules: event.modules.clone(),
            audiences: event.audiences.iter().map(|a| a.as_str().to_owned()).collect(),
            level: event.level.as_str().into(),
            language: event.language.clone(),
            venue_name: if listed.is_empty() { event.venue.name.clone() } else { String::new() },
            venue_address: if listed.is_empty() { event.venue.address.clone() } else { String::new() },
            venue_commune: if listed.is_empty() { event.venue.commune.clone().unwrap_or_default() } else { String::new() },
            venue_place: listed,
            room: event.venue.room.clone(),
            online_url: event.online_url.clone(),
            trainers: event.trainers.iter().map(|t| t.user_id.to_string()).collect(),
            date: local(event.starts_at, "%Y-%m-%d"),
            start_time: local(event.starts_at, "%H:%M"),
            end_time: local(event.ends_at, "%H:%M"),
            capacity: event.capacity.to_string(),
            registration_opens_at: event.registration_opens_at.map(|t| local(t, "%Y-%m-%dT%H:%M")).unwrap_or_default(),
            registration_closes_at: event.registration_closes_at.map(|t| local(t, "%Y-%m-%dT%H:%M")).unwrap_or_default(),
            accessibility: event.accessibility.clone(),
            repeat: "1".into(),
            programme: event.programme_slug.clone().unwrap_or_default(),
        }
    }

    /// Whether a theme is ticked.
    pub fn has_theme(&self, slug: &&str) -> bool {
        self.themes.iter().any(|t| t == slug)
    }

    /// Whether a module is ticked.
    pub fn has_module(&self, slug: &str) -> bool {
        self.modules.iter().any(|m| m == slug)
    }

    /// The catalogue's modules (slug, title), offered as checkboxes.
    pub fn module_choices(&self) -> Vec<(&'static str, &'static str)> {
        catalogue::modules().iter().map(|m| (m.slug.as_str(), m.title.as_str())).collect()
    }

    /// Whether `audience` is ticked.
    pub fn has_audience(&self, audience: &Audience) -> bool {
        self.audiences.iter().any(|a| a == audience.as_str())
    }

    /// Whether a trainer is ticked.
    pub fn has_trainer(&self, user_id: &i64) -> bool {
        self.trainers.iter().any(|t| t.trim() == user_id.to_string())
    }
}

/// A local date and time in Europe/Paris as Unix seconds (the earlier one when the clock
/// goes back; none when it jumps over it).
fn paris_ts(date: NaiveDate, time: NaiveTime) -> Option<i64> {
    Paris.from_local_datetime(&date.and_time(time)).earliest().map(|d| d.timestamp())
}

fn parse_time(value: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(value.trim(), "%H:%M").ok()
}

fn parse_moment(value: &str) -> Result<Option<i64>, ()> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    let parsed = NaiveDateTime::parse_from_str(value, "%Y-%m-%dT%H:%M").or_else(|_| NaiveDateTime::parse_from_str(value, "%Y-%m-%d %H:%M"));
    match parsed {
        Ok(at) => paris_ts(at.date(), at.time()).map(Some).ok_or(()),
        Err(_) => Err(()),
    }
}

fn too_long(value: &str) -> bool {
    value.chars().count() > TEXT_MAX
}

/// A session parsed from the form, and how many weekly sessions to create.
pub struct Parsed {
    /// The first session (slug empty: given when created).
    pub event: NewEvent,
    /// The first day, to shift the following weeks in local time.
    pub date: NaiveDate,
    /// Sessions to create (1 = no series).
    pub repeat: u32,
}

/// The starts, ends and registration window of the `week`-th session of a series (0 = the
/// first), moved by whole weeks in local time so that 18:00 stays 18:00 across a change of
/// summer time.
pub fn shifted(parsed: &Parsed, week: u32) -> Option<(i64, i64, Option<i64>, Option<i64>)> {
    if week == 0 {
        let e = &parsed.event;
        return Some((e.starts_at, e.ends_at, e.registration_opens_at, e.registration_closes_at));
    }
    let day = parsed.date.checked_add_days(Days::new(u64::from(week) * 7))?;
    let local = |ts: i64| chrono::DateTime::from_timestamp(ts, 0).map(|d| d.with_timezone(&Paris).time());
    let start = paris_ts(day, local(parsed.event.starts_at)?)?;
    let delta = start - parsed.event.starts_at;
    let e = &parsed.event;
    Some((start, e.ends_at + delta, e.registration_opens_at.map(|t| t + delta), e.registration_closes_at.map(|t| t + delta)))
}

/// Parses and checks the form. `allowed_trainers` are the accounts that may be ticked;
/// `author_trainer` is added when the author is a trainer.
pub async fn parse(
    state: &AppState,
    fields: &EventFields,
    territory_id: i64,
    allowed_trainers: &[i64],
    author: i64,
    author_is_trainer: bool,
) -> Result<Parsed, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut push = |field: &'static str, key: &'static str| errors.push(FieldError { field, key });
    for (field, value) in [("description", &fields.description), ("accessibility", &fields.accessibility)] {
        if too_long(value) {
            push(field, "staff-error-too-long");
        }
    }
    if fields.title.trim().chars().count() > 200 {
        push("title", "staff-error-too-long");
    }
    let audiences: Vec<Audience> = fields.audiences.iter().filter_map(|a| Audience::parse(a)).collect();
    if audiences.len() != fields.audiences.len() {
        push("audiences", "event-error-audience-unknown");
    } else if audiences.is_empty() {
        push("audiences", "staff-error-audience-required");
    }
    let level = Level::parse(&fields.level).unwrap_or_else(|| {
        push("level", "staff-error-level");
        Level::Beginner
    });
    let language = fields.language.trim().to_ascii_lowercase();
    if !(2..=8).contains(&language.len()) || !language.chars().all(|c| c.is_ascii_alphabetic() || c == '-') {
        push("language", "staff-error-language");
    }
    let mut modules: Vec<String> = fields.modules.iter().map(|m| m.trim().to_owned()).filter(|m| !m.is_empty()).collect();
    modules.dedup();
    if modules.iter().any(|slug| !catalogue::modules().iter().any(|m| &m.slug == slug)) {
        push("modules", "module-error-unknown");
    }
    let mut trainer_ids = Vec::new();
    for t in &fields.trainers {
        match t.trim().parse::<i64>() {
            Ok(id) if allowed_trainers.contains(&id) => trainer_ids.push(id),
            _ => push("trainers", "staff-error-trainer"),
        }
    }
    if author_is_trainer && !trainer_ids.contains(&author) {
        trainer_ids.push(author);
    }
    trainer_ids.sort_unstable();
    trainer_ids.dedup();
    let date = NaiveDate::parse_from_str(fields.date.trim(), "%Y-%m-%d").ok();
    if date.is_none() {
        push("date", "event-error-date");
    }
    let start = parse_time(&fields.start_time);
    if start.is_none() {
        push("start_time", "staff-error-time");
    }
    let end = parse_time(&fields.end_time);
    if end.is_none() {
        push("ends_at", "staff-error-time");
    }
    let capacity = fields.capacity.trim().parse::<i64>().unwrap_or(-1);
    let opens = parse_moment(&fields.registration_opens_at).unwrap_or_else(|()| {
        push("registration_opens_at", "staff-error-moment");
        None
    });
    let closes = parse_moment(&fields.registration_closes_at).unwrap_or_else(|()| {
        push("registration_closes_at", "staff-error-moment");
        None
    });
    let repeat = match fields.repeat.trim() {
        "" => 1,
        value => match value.parse::<u32>() {
            Ok(n) if (1..=MAX_REPEAT).contains(&n) => n,
            _ => {
                push("repeat", "staff-error-repeat");
                1
            }
        },
    };
    let venue = match venue(state, fields).await {
        Ok(venue) => venue,
        Err(e) => {
            errors.push(e);
            Venue::default()
        }
    };
    let (starts_at, ends_at) = match (date, start, end) {
        (Some(d), Some(s), Some(e)) => (paris_ts(d, s).unwrap_or(0), paris_ts(d, e).unwrap_or(0)),
        _ => (0, 1),
    };
    let event = NewEvent {
        slug: String::new(),
        territory_id,
        programme_id: None,
        series_id: None,
        title: fields.title.trim().to_owned(),
        description: fields.description.trim().to_owned(),
        themes: fields.themes.iter().map(|t| t.trim().to_owned()).collect(),
        modules,
        audiences,
        level,
        language,
        venue,
        online_url: fields.online_url.trim().to_owned(),
        accessibility: fields.accessibility.trim().to_owned(),
        starts_at,
        ends_at,
        capacity,
        registration_opens_at: opens,
        registration_closes_at: closes,
        trainer_ids,
        created_by: Some(author),
    };
    if let Err(rules) = check_new_event(&event) {
        for rule in rules {
            if !errors.iter().any(|e| e.field == rule.field) {
                errors.push(rule);
            }
        }
    }
    match date {
        Some(date) if errors.is_empty() => Ok(Parsed { event, date, repeat }),
        _ => Err(errors),
    }
}

/// Every theme, for the checkboxes.
pub fn themes() -> Vec<&'static str> {
    THEMES.to_vec()
}
