//! The public pages of workshops over HTTP: the agenda and its filters, the session page and
//! its schema.org data, registration by form (confirmed, waitlisted, already), the
//! registrant's page and cancellation promoting the waitlist, large events with one
//! registration for several sessions, links that cannot be guessed, and no registrant's
//! name or e-mail on any public page or API answer. The registration API: `events_api`.

use crate::event_fixtures::{angers, session};
use crate::helpers::TestApp;
use axum::http::{Method, StatusCode};
use serde_json::{Value, json};
use tremplin_domain::events::commands::create_event;
use tremplin_domain::events::tokens::{Purpose, token_for};
use tremplin_domain::events::{Audience, EventRepo, Level, NewEvent, RegistrationRepo, RegistrationStatus, Venue};
use tremplin_domain::territories::TerritoryRepo;
use tremplin_kernel::Clock;

/// A session built from the fixture's defaults, changed by `edit`.
pub async fn custom(app: &TestApp, slug: &str, capacity: i64, in_days: i64, edit: impl FnOnce(&mut NewEvent)) {
    let territory_id = angers(app).await;
    let starts_at = app.clock.now_ts() + in_days * 86_400;
    let mut event = NewEvent {
        slug: slug.into(),
        territory_id,
        programme_id: None,
        series_id: None,
        title: format!("Atelier {slug}"),
        description: "Une description.".into(),
        themes: vec!["website".into()],
        modules: vec![],
        audiences: vec![Audience::Professionals],
        level: Level::Beginner,
        language: "fr".into(),
        venue: Venue {
            name: "Médiathèque Toussaint".into(),
            address: "49 rue Toussaint, 49000 Angers".into(),
            insee: Some("49007".into()),
            commune: Some("Angers".into()),
            latitude: Some(47.4695),
            longitude: Some(-0.5567),
            ..Venue::default()
        },
        online_url: String::new(),
        accessibility: String::new(),
        starts_at,
        ends_at: starts_at + 7200,
        capacity,
        registration_opens_at: None,
        registration_closes_at: None,
        trainer_ids: vec![],
        created_by: None,
    };
    edit(&mut event);
    create_event(&app.db, &event, app.clock.now_ts()).await.expect("session created");
}

/// A POST with a JSON body, without cookies.
pub async fn post_json(app: &mut TestApp, path: &str, body: Value) -> crate::helpers::TestResponse {
    app.request(Method::POST, path, Some(("application/json", body.to_string().into_bytes())), &[]).await
}

/// The slugs of the API's agenda for a query.
async fn slugs(app: &mut TestApp, query: &str) -> Vec<String> {
    let response = app.get(&format!("/api/v1/events?{query}")).await;
    response.assert_status(StatusCode::OK);
    response.json()["events"].as_array().expect("events").iter().map(|e| e["slug"].as_str().expect("slug").to_owned()).collect()
}

/// The date `days` from the test clock, `YYYY-MM-DD` (UTC: the sessions compared are days
/// apart, so the hour of Paris makes no difference).
fn date_in(app: &TestApp, days: i64) -> String {
    let at = chrono::DateTime::from_timestamp(app.clock.now_ts() + days * 86_400, 0).expect("date");
    at.format("%Y-%m-%d").to_string()
}

/// The person fields of a form.
fn person_fields<'a>(name: &'a str, email: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![("name", name), ("email", email), ("phone", ""), ("business", ""), ("consent", "yes")]
}

async fn agenda_filters(mut app: TestApp) {
    app.commune_territory("saumur", "Saumur", "49328").await;
    let saumur = app.db.territory_by_slug("saumur").await.expect("lookup").expect("saumur").id;
    custom(&app, "angers-site", 1, 3, |_| {}).await;
    custom(&app, "saumur-securite", 10, 10, |e| {
        e.territory_id = saumur;
        e.themes = vec!["security".into()];
        e.audiences = vec![Audience::Seniors];
        e.venue = Venue {
            name: "Mairie de Saumur".into(),
            address: "Rue Molière, 49400 Saumur".into(),
            insee: Some("49328".into()),
            commune: Some("Saumur".into()),
            latitude: Some(47.2600),
            longitude: Some(-0.0769),
            ..Venue::default()
        };
    })
    .await;
    custom(&app, "en-ligne", 50, 40, |e| {
        e.themes = vec!["digital_basics".into()];
        e.audiences = vec![Audience::Public];
        e.venue = Venue::default();
        e.online_url = "https://visio.example/atelier".into();
    })
    .await;
    // The Angers session is full.
    post_json(&mut app, "/api/v1/events/angers-site/registrations", json!({"name": "Léa", "email": "lea@example.fr", "consent": true}))
        .await
        .assert_status(StatusCode::CREATED);

    assert_eq!(slugs(&mut app, "").await, ["angers-site", "saumur-securite", "en-ligne"], "by start");
    assert_eq!(slugs(&mut app, "theme=security").await, ["saumur-securite"]);
    assert_eq!(slugs(&mut app, "audience=public").await, ["en-ligne"]);
    assert_eq!(slugs(&mut app, "place=Angers").await, ["angers-site"], "in the commune");
    assert_eq!(slugs(&mut app, "place=Angers&radius_km=20").await, ["angers-site"], "Saumur is 50 km away");
    assert_eq!(slugs(&mut app, "place=Angers&radius_km=50").await, ["angers-site", "saumur-securite"]);
    assert_eq!(slugs(&mut app, "lat=47.26&lon=-0.08&radius_km=5").await, ["saumur-securite"]);
    assert_eq!(slugs(&mut app, "free_seats=true").await, ["saumur-securite", "en-ligne"]);
    let (to, from) = (format!("to={}", date_in(&app, 5)), format!("from={}", date_in(&app, 20)));
    assert_eq!(slugs(&mut app, &to).await, ["angers-site"]);
    assert_eq!(slugs(&mut app, &from).await, ["en-ligne"]);
    assert_eq!(slugs(&mut app, "territory=saumur").await, ["saumur-securite"]);

    let page = app.get("/ateliers?theme=security&audience=seniors").await;
    page.assert_status(StatusCode::OK);
    assert!(page.body.contains("href=\"/ateliers/saumur-securite\"") && !page.body.contains("href=\"/ateliers/angers-site\""));
    assert!(page.body.contains("Sécurité numérique") && page.body.contains("Seniors") && page.body.contains("Débutant"));
    assert!(page.body.contains("10 places restantes"), "{}", page.body);
    assert!(page.body.contains("value=\"security\" selected"), "filters kept");
    assert!(page.body.contains("href=\"/ateliers.ics?theme=security&#38;audience=seniors\""), "feed with the same filters: {}", page.body);
    let all = app.get("/ateliers").await;
    assert!(all.body.contains("Complet — liste d&#39;attente") || all.body.contains("Complet — liste d'attente"), "{}", all.body);
    assert!(all.body.contains("En ligne"));

    let bad = app.get("/ateliers?theme=cuisine&from=demain&place=Nullepart-sur-Rien").await;
    bad.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.body.contains("role=\"alert\"") && bad.body.contains("Thème inconnu") && bad.body.contains("AAAA-MM-JJ"));
    assert!(bad.body.contains("value=\"demain\"") && bad.body.contains("value=\"Nullepart-sur-Rien\""), "input kept");
    let api = app.get("/api/v1/events?audience=martians").await;
    api.assert_status(StatusCode::BAD_REQUEST);
    assert!(api.json()["error"]["fields"]["audience"].is_string());
}

async fn session_page_with_schema_org_data(mut app: TestApp) {
    let event = session(&app, "site-web", 12, 3).await;
    let page = app.get("/ateliers/site-web").await;
    page.assert_status(StatusCode::OK);
    for text in [
        "Atelier site-web",
        "Créer son site en deux heures.",
        "Salle 2",
        "Accessible en fauteuil roulant.",
        "create-website",
        "Site internet",
        "Professionnels",
        "12 places restantes",
        "href=\"/ateliers/site-web/agenda.ics\"",
        "12 mois",
        "name=\"consent\"",
    ] {
        assert!(page.body.contains(text), "missing {text}");
    }
    let start = page.body.find("<script type=\"application/ld+json\">").expect("JSON-LD") + 35;
    let end = page.body[start..].find("</script>").expect("end") + start;
    let data: Value = serde_json::from_str(&page.body[start..end]).expect("JSON-LD parses");
    assert_eq!(data["@type"], "Event");
    assert_eq!(data["name"], "Atelier site-web");
    let starts = chrono::DateTime::parse_from_rfc3339(data["startDate"].as_str().expect("start")).expect("ISO 8601 with offset");
    assert_eq!(starts.timestamp(), event.starts_at);
    let start_text = data["startDate"].as_str().expect("start");
    assert!(start_text.ends_with("+01:00") || start_text.ends_with("+02:00"), "Europe/Paris offset: {start_text}");
    assert_eq!(data["eventStatus"], "https://schema.org/EventScheduled");
    assert_eq!(data["eventAttendanceMode"], "https://schema.org/OfflineEventAttendanceMode");
    assert_eq!(data["location"]["@type"], "Place");
    assert_eq!(data["location"]["address"]["@type"], "PostalAddress");
    assert_eq!(data["location"]["geo"]["latitude"], 47.4695);
    assert_eq!(data["organizer"]["name"], "Angers");
    assert_eq!(data["offers"]["price"], 0);
    assert_eq!(data["offers"]["priceCurrency"], "EUR");
    assert_eq!(data["offers"]["availability"], "https://schema.org/InStock");
    assert_eq!((data["maximumAttendeeCapacity"].as_i64(), data["remainingAttendeeCapacity"].as_i64()), (Some(12), Some(12)));
    assert_eq!(data["audience"][0]["audienceType"], "Professionnels");
    assert_eq!(data["inLanguage"], "fr");

    let api = app.get("/api/v1/events/site-web").await;
    api.assert_status(StatusCode::OK);
    assert_eq!(api.json()["seats_left"], 12);
    app.get("/api/v1/events/inconnu").await.assert_status(StatusCode::NOT_FOUND);
    app.get("/ateliers/inconnu").await.assert_status(StatusCode::NOT_FOUND);

    // Closed: no form, a sentence instead.
    app.clock.advance(chrono::TimeDelta::days(4));
    let closed = app.get("/ateliers/site-web").await;
    assert!(!closed.body.contains("name=\"consent\"") && closed.body.contains("Les inscriptions à cette séance sont closes."));
}

async fn form_errors_keep_input_in_both_languages(mut app: TestApp) {
    session(&app, "site-web", 12, 3).await;
    app.get("/ateliers/site-web").await;
    let fields = [("name", " "), ("email", "pas-un-email"), ("phone", ""), ("business", "Boulangerie Martin")];
    let response = app.post_form("/ateliers/site-web/inscription", &fields).await;
    response.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(response.body.contains("role=\"alert\""));
    for text in ["Indiquez votre nom.", "Cochez la case", "value=\"pas-un-email\"", "value=\"Boulangerie Martin\""] {
        assert!(response.body.contains(text), "missing {text}");
    }
    assert!(response.body.contains("aria-invalid=\"true\""));
    assert_eq!(app.count("registrations").await, 0);

    app.new_visitor();
    app.with_header("accept-language", "en");
    app.get("/ateliers/site-web").await;
    let response = app.post_form("/ateliers/site-web/inscription", &[("name", "Lea"), ("email", ""), ("phone", "")]).await;
    response.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(response.body.contains("Enter your name") || response.body.contains("e-mail address or a phone"), "{}", response.body);
    assert!(response.body.contains("value=\"Lea\""));
}

async fn register_then_cancel_promotes_the_waitlist(mut app: TestApp) {
    session(&app, "site-web", 1, 3).await;
    app.get("/ateliers/site-web").await;
    let first = app.post_form("/ateliers/site-web/inscription", &person_fields("Léa Martin", "lea@example.fr")).await;
    first.assert_status(StatusCode::SEE_OTHER);
    let lea_page = first.location().to_owned();
    assert!(lea_page.starts_with("/inscriptions/"), "{lea_page}");
    let page = app.get(&lea_page).await;
    page.assert_status(StatusCode::OK);
    assert!(page.body.contains("votre place est confirmée"), "flash: {}", page.body);
    assert!(page.body.contains(&format!("src=\"{lea_page}/qr.svg\"")) && page.body.contains(&format!("href=\"{lea_page}/agenda.ics\"")));

    // The same person again is recognised.
    let again = app.post_form("/ateliers/site-web/inscription", &person_fields("Léa", "LEA@example.fr")).await;
    assert_eq!(again.location(), lea_page);
    assert!(app.get(&lea_page).await.body.contains("déjà inscrit"));

    app.new_visitor();
    app.get("/ateliers/site-web").await;
    let second = app.post_form("/ateliers/site-web/inscription", &person_fields("Paul Durand", "paul@example.fr")).await;
    let paul_page = second.location().to_owned();
    let page = app.get(&paul_page).await;
    assert!(page.body.contains("liste d&#39;attente") || page.body.contains("liste d'attente"));
    assert!(page.body.contains("position 1"), "{}", page.body);
    assert!(!page.body.contains("qr.svg"), "no check-in code while waiting");
    assert!(!page.body.contains("Léa"), "nobody else's name");

    app.new_visitor();
    app.get(&lea_page).await;
    let outbox_before = app.count("outbox").await;
    let cancelled = app.post_form(&format!("{lea_page}/annuler"), &[]).await;
    cancelled.assert_status(StatusCode::SEE_OTHER);
    assert_eq!(cancelled.location(), lea_page);
    let page = app.get(&lea_page).await;
    assert!(page.body.contains("Votre inscription est annulée.") && page.body.contains("Inscription annulée."));
    assert!(app.get(&paul_page).await.body.contains("Inscription confirmée"), "Paul got the seat");
    app.run_pending_jobs().await;
    // Paul's e-mail is queued with the cancellation (its templates belong to the mail part).
    assert_eq!(app.count("outbox").await, outbox_before + 1, "Paul is told");
}

async fn large_event_registers_several_sessions_at_once(mut app: TestApp) {
    let territory_id = angers(&app).await;
    let now = app.clock.now_ts();
    let programme_id = app
        .db
        .create_programme(territory_id, "deux-jours", "Deux jours du numérique", "Deux jours d'ateliers.", now)
        .await
        .expect("programme");
    for (slug, room, capacity, day) in [("ouverture", "Grand amphi", 1, 3), ("reseaux", "Salle A", 10, 3), ("securite", "Salle B", 10, 4)] {
        custom(&app, slug, capacity, day, |e| {
            e.programme_id = Some(programme_id);
            e.venue.room = room.into();
        })
        .await;
    }
    post_json(&mut app, "/api/v1/events/ouverture/registrations", json!({"name": "Léa", "email": "lea@example.fr", "consent": true})).await;
    let page = app.get("/evenements/deux-jours").await;
    page.assert_status(StatusCode::OK);
    for text in [
        "Deux jours du numérique",
        "Grand amphi",
        "Salle A",
        "Salle B",
        "value=\"ouverture\"",
        "value=\"securite\"",
        "href=\"/ateliers/reseaux\"",
    ] {
        assert!(page.body.contains(text), "missing {text}");
    }
    assert_eq!(page.body.matches("<h2 id=\"day-").count(), 2, "two days");
    assert!(!page.body.contains("Léa"), "no registrant's name");

    let mut fields = person_fields("Paul Durand", "paul@example.fr");
    fields.extend([("session", "ouverture"), ("session", "securite")]);
    let result = app.post_form("/evenements/deux-jours/inscription", &fields).await;
    result.assert_status(StatusCode::OK);
    assert!(result.body.contains("position 1") && result.body.contains("Inscription confirmée"), "{}", result.body);
    assert_eq!(result.body.matches("href=\"/inscriptions/").count(), 2);

    let none = app.post_form("/evenements/deux-jours/inscription", &person_fields("Paul Durand", "paul@example.fr")).await;
    none.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(none.body.contains("Choisissez au moins une séance.") && none.body.contains("value=\"Paul Durand\""));

    let api = post_json(
        &mut app,
        "/api/v1/registrations",
        json!({"sessions": ["reseaux", "securite"], "name": "Paul", "email": "paul@example.fr", "consent": true}),
    )
    .await;
    api.assert_status(StatusCode::CREATED);
    let list = api.json()["registrations"].as_array().expect("registrations").clone();
    let states: Vec<(String, bool)> =
        list.iter().map(|r| (r["status"].as_str().expect("status").to_owned(), r["already"].as_bool().expect("already"))).collect();
    assert_eq!(states, [("confirmed".to_owned(), false), ("confirmed".to_owned(), true)]);
    post_json(
        &mut app,
        "/api/v1/registrations",
        json!({"sessions": ["nope"], "name": "Paul", "email": "paul@example.fr", "consent": true}),
    )
    .await
    .assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    app.get("/evenements/inconnu").await.assert_status(StatusCode::NOT_FOUND);
}

async fn links_cannot_be_guessed_nor_reused(mut app: TestApp) {
    session(&app, "site-web", 5, 3).await;
    let body =
        post_json(&mut app, "/api/v1/events/site-web/registrations", json!({"name": "Léa", "email": "lea@example.fr", "consent": true}))
            .await
            .json();
    let public_id = body["registration"]["public_id"].as_str().expect("id").to_owned();
    let registration = app.db.registration_by_public_id(&public_id).await.expect("lookup").expect("registration");
    let wrong = app.get(&format!("/inscriptions/{public_id}/{}", "A".repeat(43))).await;
    wrong.assert_status(StatusCode::NOT_FOUND);
    assert!(wrong.body.contains("Lien non valide"));
    let check_in = token_for(&registration.secret, Purpose::CheckIn);
    app.get(&format!("/inscriptions/{public_id}/{check_in}")).await.assert_status(StatusCode::NOT_FOUND);
    app.get(&format!("/inscriptions/inconnu/{check_in}")).await.assert_status(StatusCode::NOT_FOUND);
    app.get("/ateliers/site-web").await;
    app.post_form(&format!("/inscriptions/{public_id}/{check_in}/annuler"), &[]).await.assert_status(StatusCode::NOT_FOUND);
    let still = app.db.registration_by_public_id(&public_id).await.expect("lookup").expect("registration");
    assert_eq!(still.status, RegistrationStatus::Confirmed);
    let manage = token_for(&registration.secret, Purpose::Manage);
    app.get(&format!("/inscriptions/{public_id}/{manage}")).await.assert_status(StatusCode::OK);
}

async fn public_pages_never_show_registrants(mut app: TestApp) {
    let territory_id = angers(&app).await;
    let now = app.clock.now_ts();
    let programme_id = app.db.create_programme(territory_id, "forum", "Forum", "", now).await.expect("programme");
    let series_id = app.db.create_series(territory_id, "mardis", "Les mardis du numérique", now).await.expect("series");
    custom(&app, "secret-session", 1, 3, |e| {
        e.programme_id = Some(programme_id);
        e.series_id = Some(series_id);
    })
    .await;
    for (name, email) in [("Gaspard Confidentiel", "gaspard@prive.example"), ("Ophélie Discrète", "ophelie@prive.example")] {
        post_json(
            &mut app,
            "/api/v1/events/secret-session/registrations",
            json!({"name": name, "email": email, "phone": "06 99 88 77 66", "business": "Entreprise Secrète", "consent": true}),
        )
        .await;
    }
    for path in [
        "/ateliers",
        "/ateliers/secret-session",
        "/evenements/forum",
        "/ateliers/serie/mardis",
        "/api/v1/events",
        "/api/v1/events/secret-session",
    ] {
        let response = app.get(path).await;
        response.assert_status(StatusCode::OK);
        for private in ["Gaspard", "Ophélie", "prive.example", "Entreprise Secrète", "99 88 77", "+33699887766"] {
            assert!(!response.body.contains(private), "{path} shows {private}");
        }
    }
    let series = app.get("/ateliers/serie/mardis").await;
    assert!(series.body.contains("Les mardis du numérique") && series.body.contains("href=\"/ateliers/secret-session\""));
    let page = app.get("/ateliers/secret-session").await;
    assert!(page.body.contains("href=\"/evenements/forum\"") && page.body.contains("href=\"/ateliers/serie/mardis\""));
    assert!(page.body.contains("liste d&#39;attente (1 personne)") || page.body.contains("liste d'attente (1 personne)"), "{}", page.body);
}

async fn venue_from_the_directory_is_linked(mut app: TestApp) {
    use tremplin_domain::directory::{DirectoryRepo, ListingInput, ListingKind, save_listing};
    let input = ListingInput {
        source: "test".into(),
        source_id: "mediatheque".into(),
        kind: Some(ListingKind::Mediation),
        name: "Médiathèque Toussaint".into(),
        address: "49 rue Toussaint".into(),
        postcode: "49000".into(),
        insee: Some("49007".into()),
        point: tremplin_kernel::GeoPoint::new(47.4695, -0.5567),
        ..ListingInput::default()
    };
    save_listing(&app.db, &input, None, Some("Angers"), 0).await.expect("listing saved");
    let listing = app.db.listing_by_slug("mediatheque-toussaint-49007").await.expect("lookup").expect("listing");
    custom(&app, "a-la-mediatheque", 8, 3, |e| e.venue.listing_id = Some(listing.id)).await;
    let page = app.get("/ateliers/a-la-mediatheque").await;
    page.assert_status(StatusCode::OK);
    assert!(page.body.contains("href=\"/annuaire/mediatheque-toussaint-49007\""), "{}", page.body);
    let api = app.get("/api/v1/events/a-la-mediatheque").await.json();
    assert_eq!(api["venue"]["listing_slug"], "mediatheque-toussaint-49007");
    let start = page.body.find("<script type=\"application/ld+json\">").expect("JSON-LD") + 35;
    let end = page.body[start..].find("</script>").expect("end") + start;
    let data: Value = serde_json::from_str(&page.body[start..end]).expect("JSON-LD parses");
    assert_eq!(data["location"]["url"], "http://localhost/annuaire/mediatheque-toussaint-49007");
}

crate::both_engines!(
    venue_from_the_directory_is_linked,
    agenda_filters,
    session_page_with_schema_org_data,
    form_errors_keep_input_in_both_languages,
    register_then_cancel_promotes_the_waitlist,
    large_event_registers_several_sessions_at_once,
    links_cannot_be_guessed_nor_reused,
    public_pages_never_show_registrants,
);
