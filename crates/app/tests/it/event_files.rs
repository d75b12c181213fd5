//! Calendars and QR codes of workshops, through the router: the agenda feed and its filters,
//! a territory's feed, one session's file, the registrant's invitation (METHOD:REQUEST with
//! them as attendee), and the check-in QR code decoded by `zbarimg`. Every calendar is read
//! back by an independent parser (the `ical` crate).

use crate::event_fixtures::{person, session};
use crate::helpers::{BASE_URL, TestApp, TestResponse};
use axum::http::StatusCode;
use tremplin_domain::events::commands::register;
use tremplin_domain::events::tokens::{Purpose, check_in_path, token_for};
use tremplin_domain::events::{Event, RegistrationOutcome};
use tremplin_kernel::{Clock, Locale};

/// Runs a statement written the same way for both engines.
pub async fn sql(app: &TestApp, statement: &str) {
    let statement = sqlx::AssertSqlSafe(statement.to_owned());
    match &app.db {
        tremplin_store::Db::Sqlite(pool) => sqlx::query(statement).execute(pool).await.map(|_| ()),
        tremplin_store::Db::Pg(pool) => sqlx::query(statement).execute(pool).await.map(|_| ()),
    }
    .expect("statement");
}

/// A parsed VEVENT: its properties as (name, params, value).
type Props = Vec<(String, Vec<(String, Vec<String>)>, String)>;

/// Checks the framing the parser forgives (CRLF, 75-octet lines), then parses the calendar:
/// its own properties and its events.
pub fn parse_calendar(text: &str) -> (Props, Vec<Props>) {
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n") && text.ends_with("END:VCALENDAR\r\n"), "{text}");
    assert!(!text.replace("\r\n", "").contains('\n'), "bare line feed");
    assert!(text.split("\r\n").all(|line| line.len() <= 75), "line over 75 octets");
    let calendar = ical::IcalParser::new(text.as_bytes()).next().expect("a calendar").expect("valid iCalendar");
    let props = |list: &[ical::property::Property]| -> Props {
        list.iter().map(|p| (p.name.clone(), p.params.clone().unwrap_or_default(), p.value.clone().unwrap_or_default())).collect()
    };
    let own = props(&calendar.properties);
    for required in ["VERSION", "PRODID", "CALSCALE", "METHOD"] {
        assert!(own.iter().any(|(n, _, _)| n == required), "{required} missing");
    }
    let events: Vec<Props> = calendar.events.iter().map(|e| props(&e.properties)).collect();
    for event in &events {
        for required in ["UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "STATUS"] {
            assert!(event.iter().any(|(n, _, _)| n == required), "{required} missing in an event");
        }
    }
    (own, events)
}

/// The value of property `name`.
pub fn value<'a>(props: &'a Props, name: &str) -> &'a str {
    props.iter().find(|(n, _, _)| n == name).map(|(_, _, v)| v.as_str()).unwrap_or_default()
}

fn uids(events: &[Props]) -> Vec<String> {
    let mut uids: Vec<String> = events.iter().map(|e| value(e, "UID").to_owned()).collect();
    uids.sort();
    uids
}

fn assert_calendar(response: &TestResponse) {
    response.assert_status(StatusCode::OK);
    assert_eq!(response.headers.get("content-type").and_then(|v| v.to_str().ok()), Some("text/calendar; charset=utf-8"));
}

async fn registered(app: &TestApp, event: &Event, n: usize) -> RegistrationOutcome {
    register(&app.db, &app.clock, std::slice::from_ref(event), &person(n), Locale::Fr).await.expect("registered").remove(0)
}

async fn agenda_feed_follows_the_filters(app: TestApp) {
    let mut app = app;
    session(&app, "atelier-site", 10, 3).await;
    session(&app, "atelier-securite", 10, 5).await;
    session(&app, "atelier-annule", 10, 6).await;
    sql(&app, "UPDATE events SET themes = 'security', title = 'Sécurité : mots de passe, sauvegardes; et le reste' WHERE slug = 'atelier-securite'")
        .await;
    sql(&app, "UPDATE events SET status = 'cancelled' WHERE slug = 'atelier-annule'").await;

    let response = app.get("/ateliers.ics").await;
    assert_calendar(&response);
    assert!(response.headers.get("cache-control").and_then(|v| v.to_str().ok()).is_some_and(|v| v.contains("max-age")));
    let (own, events) = parse_calendar(&response.body);
    assert_eq!(value(&own, "METHOD"), "PUBLISH");
    assert_eq!(value(&own, "X-WR-CALNAME"), "Ateliers Tremplin");
    assert_eq!(uids(&events), ["atelier-annule@localhost", "atelier-securite@localhost", "atelier-site@localhost"]);
    let cancelled = events.iter().find(|e| value(e, "UID") == "atelier-annule@localhost").expect("cancelled one");
    assert_eq!(value(cancelled, "STATUS"), "CANCELLED", "subscribers learn that it is called off");
    let security = events.iter().find(|e| value(e, "UID") == "atelier-securite@localhost").expect("security");
    assert_eq!(value(security, "SUMMARY"), "Sécurité : mots de passe\\, sauvegardes\\; et le reste");
    assert_eq!(value(security, "URL"), format!("{BASE_URL}/ateliers/atelier-securite"));

    // The same filters as the agenda page.
    let (_, events) = parse_calendar(&app.get("/ateliers.ics?theme=security").await.body);
    assert_eq!(uids(&events), ["atelier-securite@localhost"]);
    let (_, events) = parse_calendar(&app.get("/ateliers.ics?place=Angers&audience=professionals").await.body);
    assert_eq!(events.len(), 3);
    let (_, events) = parse_calendar(&app.get("/ateliers.ics?audience=seniors").await.body);
    assert!(events.is_empty());
    // Midday of the fourth day, whatever the hour now: after the first session, before the second.
    let day = chrono::DateTime::from_timestamp(app.clock.now_ts() + 4 * 86_400 + 43_200, 0).expect("date").format("%Y-%m-%d").to_string();
    let (_, events) = parse_calendar(&app.get(&format!("/ateliers.ics?from={day}")).await.body);
    assert_eq!(uids(&events), ["atelier-annule@localhost", "atelier-securite@localhost"]);
    app.get("/ateliers.ics?theme=cooking").await.assert_status(StatusCode::BAD_REQUEST);
}

async fn territory_feed_and_single_session(app: TestApp) {
    let mut app = app;
    let event = session(&app, "atelier-angers", 10, 3).await;
    session(&app, "atelier-saumur", 10, 3).await;
    app.commune_territory("saumur", "Saumur", "49328").await;
    sql(&app, "UPDATE events SET territory_id = (SELECT id FROM territories WHERE slug = 'saumur') WHERE slug = 'atelier-saumur'").await;

    let response = app.get("/territoires/angers/ateliers.ics").await;
    assert_calendar(&response);
    let (own, events) = parse_calendar(&response.body);
    assert_eq!(value(&own, "X-WR-CALNAME"), "Ateliers — Angers");
    assert_eq!(uids(&events), ["atelier-angers@localhost"]);
    let (_, events) = parse_calendar(&app.get("/territoires/saumur/ateliers.ics").await.body);
    assert_eq!(uids(&events), ["atelier-saumur@localhost"]);
    app.get("/territoires/nulle-part/ateliers.ics").await.assert_status(StatusCode::NOT_FOUND);

    let response = app.get("/ateliers/atelier-angers/agenda.ics").await;
    assert_calendar(&response);
    let (_, events) = parse_calendar(&response.body);
    assert_eq!(events.len(), 1);
    let one = &events[0];
    assert_eq!(value(one, "SUMMARY"), event.title);
    assert_eq!(value(one, "GEO"), "47.469500;-0.556700");
    assert!(value(one, "LOCATION").starts_with("Médiathèque Toussaint\\, Salle 2"));
    let start = chrono::DateTime::from_timestamp(event.starts_at, 0).expect("start").format("%Y%m%dT%H%M%SZ").to_string();
    assert_eq!(value(one, "DTSTART"), start);
    app.get("/ateliers/inconnu/agenda.ics").await.assert_status(StatusCode::NOT_FOUND);
}

async fn registrant_invitation_names_them(app: TestApp) {
    let mut app = app;
    let event = session(&app, "atelier-invitation", 1, 3).await;
    let first = registered(&app, &event, 1).await;
    let second = registered(&app, &event, 2).await;
    let manage = |o: &RegistrationOutcome| format!("/inscriptions/{}/{}", o.public_id, token_for(&o.secret, Purpose::Manage));

    let response = app.get(&format!("{}/agenda.ics", manage(&first))).await;
    assert_calendar(&response);
    assert_eq!(response.headers.get("cache-control").and_then(|v| v.to_str().ok()), Some("private, no-store"));
    let (own, events) = parse_calendar(&response.body);
    assert_eq!(value(&own, "METHOD"), "REQUEST");
    let attendee = events[0].iter().find(|(n, _, _)| n == "ATTENDEE").expect("attendee");
    assert_eq!(attendee.2, "mailto:personne1@example.fr");
    let param = |name: &str| attendee.1.iter().find(|(k, _)| k == name).map(|(_, v)| v.join(",")).unwrap_or_default();
    assert_eq!(param("PARTSTAT"), "ACCEPTED");
    assert_eq!(param("CN").trim_matches('"'), "Personne 1");
    assert!(value(&events[0], "ORGANIZER").starts_with("mailto:"));
    assert_eq!(value(&events[0], "UID"), "atelier-invitation@localhost", "the same UID as in the feeds");

    // On the waitlist: tentative.
    let (_, events) = parse_calendar(&app.get(&format!("{}/agenda.ics", manage(&second))).await.body);
    let attendee = events[0].iter().find(|(n, _, _)| n == "ATTENDEE").expect("attendee");
    assert!(attendee.1.iter().any(|(k, v)| k == "PARTSTAT" && v.join(",") == "TENTATIVE"));

    // Another purpose's token, or a made-up one, opens nothing.
    let check_in = format!("/inscriptions/{}/{}/agenda.ics", first.public_id, token_for(&first.secret, Purpose::CheckIn));
    app.get(&check_in).await.assert_status(StatusCode::NOT_FOUND);
    app.get(&format!("/inscriptions/{}/{}/agenda.ics", first.public_id, "x".repeat(43))).await.assert_status(StatusCode::NOT_FOUND);
}

async fn qr_code_decodes_to_the_check_in_link(app: TestApp) {
    let mut app = app;
    let event = session(&app, "atelier-qr", 1, 1).await;
    let first = registered(&app, &event, 1).await;
    let second = registered(&app, &event, 2).await;
    let manage = |o: &RegistrationOutcome| format!("/inscriptions/{}/{}", o.public_id, token_for(&o.secret, Purpose::Manage));

    let response = app.get(&format!("{}/qr.svg", manage(&first))).await;
    response.assert_status(StatusCode::OK);
    assert_eq!(response.headers.get("content-type").and_then(|v| v.to_str().ok()), Some("image/svg+xml"));
    let decoded = zbar_decode(response.body.as_bytes(), "svg");
    assert_eq!(decoded, format!("{BASE_URL}{}", check_in_path(&first.public_id, &first.secret)));

    // Only a confirmed registration has a code to show at the door.
    app.get(&format!("{}/qr.svg", manage(&second))).await.assert_status(StatusCode::NOT_FOUND);
    let survey = format!("/inscriptions/{}/{}/qr.svg", first.public_id, token_for(&first.secret, Purpose::Survey));
    app.get(&survey).await.assert_status(StatusCode::NOT_FOUND);
}

/// Every href or src of a page that contains `needle`, `&amp;` decoded.
fn links(body: &str, needle: &str) -> Vec<String> {
    let mut found = Vec::new();
    for attr in ["href=\"", "src=\""] {
        for (at, _) in body.match_indices(attr) {
            let rest = &body[at + attr.len()..];
            let link = &rest[..rest.find('"').unwrap_or(rest.len())];
            if link.contains(needle) {
                found.push(link.replace("&amp;", "&"));
            }
        }
    }
    found
}

async fn pages_link_to_the_calendars_and_the_code(app: TestApp) {
    let mut app = app;
    let event = session(&app, "atelier-liens", 5, 3).await;
    let outcome = registered(&app, &event, 1).await;

    let agenda = app.get("/ateliers?theme=website").await;
    let feed = links(&agenda.body, ".ics");
    assert_eq!(
        feed,
        ["webcal://localhost/ateliers.ics?theme=website", "/ateliers.ics?theme=website"],
        "the agenda offers its filters as a feed, as webcal:// and as the https fallback"
    );
    let (_, events) = parse_calendar(&app.get(&feed[1]).await.body);
    assert_eq!(uids(&events), ["atelier-liens@localhost"]);

    let page = app.get("/ateliers/atelier-liens").await;
    let file = links(&page.body, ".ics");
    assert_eq!(file, ["/ateliers/atelier-liens/agenda.ics", "webcal://localhost/ateliers/atelier-liens/agenda.ics"]);
    assert_calendar(&app.get(&file[0]).await);

    let manage = format!("/inscriptions/{}/{}", outcome.public_id, token_for(&outcome.secret, Purpose::Manage));
    let registrant = app.get(&manage).await;
    registrant.assert_status(StatusCode::OK);
    let qr = links(&registrant.body, "qr.svg");
    assert_eq!(qr.len(), 1, "{}", registrant.body);
    let image = app.get(&qr[0]).await;
    image.assert_status(StatusCode::OK);
    assert_eq!(zbar_decode(image.body.as_bytes(), "svg"), format!("{BASE_URL}{}", check_in_path(&outcome.public_id, &outcome.secret)));
    let invitation = links(&registrant.body, "agenda.ics");
    assert_eq!(invitation.len(), 1);
    let (own, _) = parse_calendar(&app.get(&invitation[0]).await.body);
    assert_eq!(value(&own, "METHOD"), "REQUEST");
}

/// Decodes a QR code image with `zbarimg` (Debian's zbar-tools, installed by scripts/test).
pub fn zbar_decode(image: &[u8], extension: &str) -> String {
    let path = std::env::temp_dir().join(format!("tremplin-qr-{}.{extension}", tremplin_kernel::token::new_public_id()));
    std::fs::write(&path, image).expect("write image");
    let output = std::process::Command::new("zbarimg").args(["--raw", "-q"]).arg(&path).output();
    let _ = std::fs::remove_file(&path);
    let output = output.expect("zbarimg runs (apt-get install zbar-tools)");
    assert!(output.status.success(), "zbarimg found no code: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).trim().to_owned()
}

crate::both_engines!(
    agenda_feed_follows_the_filters,
    territory_feed_and_single_session,
    registrant_invitation_names_them,
    qr_code_decodes_to_the_check_in_link,
    pages_link_to_the_calendars_and_the_code
);
