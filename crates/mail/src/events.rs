//! The e-mails of workshop registrations: confirmation (or waitlist), promotion from the
//! waitlist, reminder the day before, invitation to the survey. Each carries, for its confirmed
//! sessions, an iCalendar invitation (`METHOD:REQUEST`, the recipient as attendee) and the
//! check-in QR code as a PNG (mail clients do not show SVG).

use crate::messages::{Attachment, RenderError, Rendered};
use askama::Template;
use chrono::{DateTime, Datelike, Timelike};
use chrono_tz::Europe::Paris;
use std::collections::BTreeMap;
use tremplin_domain::events::mail::{PROMOTION_TEMPLATE, REGISTRATION_TEMPLATE, REMINDER_TEMPLATE, SURVEY_TEMPLATE, SessionMail};
use tremplin_interchange::icalendar::{Calendar, CalendarEvent, Method, PartStat, Person, write_calendar};

/// Media type of the invitation; `method=REQUEST` makes mail clients offer to add it.
pub const ICS_CONTENT_TYPE: &str = "text/calendar; charset=utf-8; method=REQUEST";

/// One session as the templates show it.
pub(crate) struct SessionView {
    title: String,
    when: String,
    place: String,
    online_url: String,
    confirmed: bool,
    position: Option<i64>,
    manage_link: String,
    survey_link: String,
}

macro_rules! event_templates {
    ($($text:ident, $text_path:literal, $html:ident, $html_path:literal;)*) => {$(
        #[derive(Template)]
        #[template(path = $text_path)]
        struct $text<'a> {
            fr: bool,
            sessions: &'a [SessionView],
        }

        #[derive(Template)]
        #[template(path = $html_path)]
        struct $html<'a> {
            fr: bool,
            sessions: &'a [SessionView],
        }
    )*};
}

event_templates! {
    RegistrationText, "event_registration/body.txt", RegistrationHtml, "event_registration/body.html";
    PromotedText, "event_promoted/body.txt", PromotedHtml, "event_promoted/body.html";
    ReminderText, "event_reminder/body.txt", ReminderHtml, "event_reminder/body.html";
    SurveyText, "event_survey/body.txt", SurveyHtml, "event_survey/body.html";
}

/// Whether `template` is one of the workshop e-mails.
pub fn is_event_template(template: &str) -> bool {
    [REGISTRATION_TEMPLATE, PROMOTION_TEMPLATE, REMINDER_TEMPLATE, SURVEY_TEMPLATE].contains(&template)
}

/// The host name of the site without port (`tremplin.example`), for iCalendar UIDs and the
/// organizer address.
pub fn host_of(base_url: &str) -> &str {
    let rest = base_url.split_once("://").map_or(base_url, |(_, rest)| rest);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    host.split(':').next().filter(|h| !h.is_empty()).unwrap_or("localhost")
}

/// The organizer named in invitations: the platform's no-reply address on its own host.
pub fn organizer(base_url: &str) -> Person {
    Person { name: "Tremplin".into(), email: format!("ne-pas-repondre@{}", host_of(base_url)) }
}

/// The stable iCalendar UID of a session (the same in feeds and invitations, so a calendar
/// that has both shows it once).
pub fn session_uid(slug: &str, base_url: &str) -> String {
    format!("{slug}@{}", host_of(base_url))
}

const DAYS_FR: [&str; 7] = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"];
const MONTHS_FR: [&str; 12] =
    ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];
const DAYS_EN: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const MONTHS_EN: [&str; 12] =
    ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/// When a session happens, in words, in Europe/Paris: "jeudi 3 décembre 2026, de 14 h 00 à
/// 16 h 00" or "Thursday 3 December 2026, 2:00 pm to 4:00 pm".
pub fn when_in_words(starts_at: i64, ends_at: i64, fr: bool) -> String {
    let (Some(start), Some(end)) = (DateTime::from_timestamp(starts_at, 0), DateTime::from_timestamp(ends_at, 0)) else {
        return String::new();
    };
    let (start, end) = (start.with_timezone(&Paris), end.with_timezone(&Paris));
    let day = |d: &DateTime<chrono_tz::Tz>| {
        let (weekday, month) = (d.weekday().num_days_from_monday() as usize, d.month0() as usize);
        if fr {
            format!("{} {} {} {}", DAYS_FR[weekday], d.day(), MONTHS_FR[month], d.year())
        } else {
            format!("{} {} {} {}", DAYS_EN[weekday], d.day(), MONTHS_EN[month], d.year())
        }
    };
    let time = |d: &DateTime<chrono_tz::Tz>| {
        if fr {
            format!("{} h {:02}", d.hour(), d.minute())
        } else {
            let (pm, hour) = d.hour12();
            format!("{hour}:{:02} {}", d.minute(), if pm { "pm" } else { "am" })
        }
    };
    match (start.date_naive() == end.date_naive(), fr) {
        (true, true) => format!("{}, de {} à {}", day(&start), time(&start), time(&end)),
        (true, false) => format!("{}, {} to {}", day(&start), time(&start), time(&end)),
        (false, true) => format!("du {} à {} au {} à {}", day(&start), time(&start), day(&end), time(&end)),
        (false, false) => format!("from {}, {} to {}, {}", day(&start), time(&start), day(&end), time(&end)),
    }
}

fn view(session: &SessionMail, fr: bool, base: &str) -> SessionView {
    SessionView {
        title: session.title.clone(),
        when: when_in_words(session.starts_at, session.ends_at, fr),
        place: session.location.clone(),
        online_url: session.online_url.clone(),
        confirmed: session.status == "confirmed",
        position: session.position,
        manage_link: format!("{base}{}", session.manage_path),
        survey_link: session.survey_path.as_ref().map(|p| format!("{base}{p}")).unwrap_or_default(),
    }
}

/// The invitation of a confirmed session, with the recipient as attendee. One file per
/// session: an iTIP `REQUEST` carries the components of one UID only (RFC 5546), and a
/// calendar would otherwise take only the first session of a multi-session registration.
fn invitation(session: &SessionMail, base: &str, recipient: &str, stamp: i64) -> Attachment {
    invitation_revision(session, base, recipient, stamp, 0)
}

/// Like [`invitation`], at revision `sequence` (raised each time the session moves).
pub(crate) fn invitation_revision(session: &SessionMail, base: &str, recipient: &str, stamp: i64, sequence: i64) -> Attachment {
    let event = CalendarEvent {
        uid: session_uid(&session.slug, base),
        summary: session.title.clone(),
        description: format!("{}\n{base}{}", session.title, session.manage_path),
        location: if session.location.is_empty() { session.online_url.clone() } else { session.location.clone() },
        geo: None,
        url: format!("{base}/ateliers/{}", session.slug),
        starts_at: session.starts_at,
        ends_at: session.ends_at,
        cancelled: false,
        categories: Vec::new(),
        organizer: Some(organizer(base)),
        attendee: (!recipient.is_empty()).then(|| (Person { name: String::new(), email: recipient.to_owned() }, PartStat::Accepted)),
        sequence,
    };
    let method = if recipient.is_empty() { Method::Publish } else { Method::Request };
    let text = write_calendar(&Calendar { method, name: None, stamp, events: vec![event] });
    Attachment { name: format!("{}.ics", session.slug), content_type: ICS_CONTENT_TYPE.into(), bytes: text.into_bytes() }
}

/// The check-in QR code of a confirmed session, as a PNG.
fn qr_code(session: &SessionMail, path: &str, base: &str) -> Result<Attachment, RenderError> {
    let png = tremplin_interchange::qr::png(&format!("{base}{path}")).map_err(|e| RenderError::Attachment(e.to_string()))?;
    Ok(Attachment { name: format!("pointage-{}.png", session.slug), content_type: "image/png".into(), bytes: png })
}

/// Renders a workshop e-mail for `recipient`; `stamp` dates the invitation (Unix seconds).
pub(crate) fn render_event(
    template: &str,
    fr: bool,
    params: &BTreeMap<String, String>,
    base: &str,
    recipient: &str,
    stamp: i64,
) -> Result<Rendered, RenderError> {
    let raw = params.get("sessions").ok_or_else(|| RenderError::MissingParam(template.to_owned(), "sessions"))?;
    let sessions: Vec<SessionMail> = serde_json::from_str(raw).map_err(|_| RenderError::MissingParam(template.to_owned(), "sessions"))?;
    let first = sessions.first().ok_or_else(|| RenderError::MissingParam(template.to_owned(), "sessions"))?;
    let views: Vec<SessionView> = sessions.iter().map(|s| view(s, fr, base)).collect();
    let title = if sessions.len() > 1 {
        if fr { format!("{} ateliers", sessions.len()) } else { format!("{} workshops", sessions.len()) }
    } else {
        first.title.clone()
    };
    let pick = |fr_text: String, en_text: String| if fr { fr_text } else { en_text };
    let sessions = &sessions[..];
    let views = &views[..];
    let (subject, text, html, with_calendar) = match template {
        REGISTRATION_TEMPLATE => {
            let any_confirmed = views.iter().any(|v| v.confirmed);
            let subject = if any_confirmed {
                pick(format!("Inscription confirmée : {title}"), format!("Registration confirmed: {title}"))
            } else {
                pick(format!("Liste d'attente : {title}"), format!("Waiting list: {title}"))
            };
            (subject, RegistrationText { fr, sessions: views }.render()?, RegistrationHtml { fr, sessions: views }.render()?, true)
        }
        PROMOTION_TEMPLATE => (
            pick(format!("Une place s'est libérée pour vous : {title}"), format!("A seat is yours: {title}")),
            PromotedText { fr, sessions: views }.render()?,
            PromotedHtml { fr, sessions: views }.render()?,
            true,
        ),
        REMINDER_TEMPLATE => (
            pick(format!("Demain : {title}"), format!("Tomorrow: {title}")),
            ReminderText { fr, sessions: views }.render()?,
            ReminderHtml { fr, sessions: views }.render()?,
            false,
        ),
        SURVEY_TEMPLATE => (
            pick(format!("Votre avis sur « {title} »"), format!("Your opinion on “{title}”")),
            SurveyText { fr, sessions: views }.render()?,
            SurveyHtml { fr, sessions: views }.render()?,
            false,
        ),
        other => return Err(RenderError::UnknownTemplate(other.to_owned())),
    };
    // Per confirmed session: its invitation (not with reminders: the calendar has it since
    // the confirmation), then its check-in code (not with the survey: the session is over).
    let mut attachments = Vec::new();
    for session in sessions.iter().filter(|s| s.status == "confirmed") {
        if with_calendar {
            attachments.push(invitation(session, base, recipient, stamp));
        }
        if let Some(path) = session.check_in_path.as_deref()
            && template != SURVEY_TEMPLATE
        {
            attachments.push(qr_code(session, path, base)?);
        }
    }
    Ok(Rendered { subject, text, html, attachments })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session(status: &str) -> SessionMail {
        SessionMail {
            slug: "atelier-site-web-2026-12-03".into(),
            title: "Créer son site".into(),
            starts_at: 1_796_302_800,
            ends_at: 1_796_310_000,
            location: "Médiathèque Toussaint, Salle 2".into(),
            online_url: String::new(),
            status: status.into(),
            position: (status == "waitlisted").then_some(3),
            manage_path: "/inscriptions/p1/t1".into(),
            check_in_path: (status == "confirmed").then(|| "/pointage/p1/t2".into()),
            survey_path: None,
        }
    }

    #[test]
    fn dates_in_words() {
        assert_eq!(when_in_words(1_796_302_800, 1_796_310_000, true), "jeudi 3 décembre 2026, de 14 h 00 à 16 h 00");
        assert_eq!(when_in_words(1_796_302_800, 1_796_310_000, false), "Thursday 3 December 2026, 2:00 pm to 4:00 pm");
        assert!(when_in_words(1_796_302_800, 1_796_302_800 + 86_400, true).starts_with("du jeudi 3 décembre 2026 à 14 h 00 au vendredi"));
    }

    #[test]
    fn hosts() {
        assert_eq!(host_of("https://tremplin.example/"), "tremplin.example");
        assert_eq!(host_of("http://localhost:8080"), "localhost");
        assert_eq!(organizer("http://localhost:8080").email, "ne-pas-repondre@localhost");
    }

    #[test]
    fn confirmation_carries_the_invitation_and_the_qr_code() {
        let json = serde_json::to_string(&[session("confirmed"), session("waitlisted")]).expect("json");
        let params = BTreeMap::from([("sessions".to_owned(), json)]);
        let mail =
            render_event(REGISTRATION_TEMPLATE, true, &params, "https://t.example", "lea@example.fr", 1_796_000_000).expect("renders");
        assert!(mail.text.contains("jeudi 3 décembre 2026"), "{}", mail.text);
        assert!(mail.text.contains("https://t.example/inscriptions/p1/t1"));
        assert!(mail.text.contains("n° 3"), "{}", mail.text);
        assert!(mail.html.contains("href=\"https://t.example/inscriptions/p1/t1\""));
        let names: Vec<&str> = mail.attachments.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(names, ["atelier-site-web-2026-12-03.ics", "pointage-atelier-site-web-2026-12-03.png"]);
        let ics = String::from_utf8(mail.attachments[0].bytes.clone()).expect("utf-8");
        assert!(ics.contains("METHOD:REQUEST") && ics.contains("mailto:lea@example.fr"));
        assert_eq!(ics.matches("BEGIN:VEVENT").count(), 1, "only the confirmed session");

        let waiting = BTreeMap::from([("sessions".to_owned(), serde_json::to_string(&[session("waitlisted")]).expect("json"))]);
        let mail = render_event(REGISTRATION_TEMPLATE, false, &waiting, "https://t.example", "lea@example.fr", 0).expect("renders");
        assert!(mail.subject.starts_with("Waiting list"));
        assert!(mail.attachments.is_empty());
    }
}
