//! Rate limits on sign-up, workshop registration (page and API), coaching booking and
//! introduction requests, counted in the database; request bodies over the limit.
//!
//! The clients are told apart by `X-Forwarded-For` (the test app trusts its proxy). To reach
//! a limit without hundreds of requests, the earlier attempts of the hour are written in
//! `rate_events` as the limiter writes them; the last allowed one and the first refused one
//! go through the router.

use crate::coach_fixtures::{coach, slots};
use crate::coaching_booking::fields;
use crate::ecosystem_intro::pair;
use crate::event_fixtures::session;
use crate::helpers::{Part, TestApp, TestResponse};
use crate::learning_fixtures::exec;
use axum::http::{Method, StatusCode};
use std::sync::Arc;
use tremplin_kernel::Clock;
use tremplin_web::rate_limit::Limit;

const CLIENT: &str = "203.0.113.7";
const OTHER_CLIENT: &str = "198.51.100.9";

/// Writes `n` attempts of this hour in `bucket`, as the limiter does.
async fn earlier_attempts(app: &TestApp, bucket: &str, n: i64) {
    let now = app.clock.now_ts();
    let rows: Vec<String> = (0..n).map(|i| format!("('{bucket}', {})", now - 60 - i)).collect();
    exec(app, &format!("INSERT INTO rate_events (bucket, at) VALUES {}", rows.join(", "))).await;
}

/// A new visitor coming from `client`.
fn visitor_from(app: &mut TestApp, client: &str) {
    app.new_visitor();
    app.with_header("x-forwarded-for", client);
}

async fn sign_up(app: &mut TestApp, client: &str, email: &str) -> TestResponse {
    visitor_from(app, client);
    app.get("/inscription").await;
    app.post_form("/inscription", &[("email", email), ("password", "une phrase de passe solide"), ("display_name", "Zoé")]).await
}

async fn sign_up_is_limited_per_client(mut app: TestApp) {
    let max = Limit::SignUpPerClient.max_per_hour();
    earlier_attempts(&app, &format!("signup-client:{CLIENT}"), max - 1).await;
    sign_up(&mut app, CLIENT, "derniere@exemple.fr").await.assert_status(StatusCode::SEE_OTHER);
    let refused = sign_up(&mut app, CLIENT, "refusee@exemple.fr").await;
    refused.assert_status(StatusCode::TOO_MANY_REQUESTS);
    assert!(refused.body.contains("Trop de comptes ont été créés depuis cette connexion"), "{}", refused.body);
    assert!(refused.body.contains("role=\"alert\""), "the message is announced");
    assert!(refused.body.contains("value=\"refusee@exemple.fr\""), "the input is kept");
    assert!(refused.body.contains("value=\"Zoé\""), "the input is kept");
    assert_eq!(app.count_where("users", "email", "refusee@exemple.fr").await, 0);
    // Another client, and the same one an hour later, may sign up.
    sign_up(&mut app, OTHER_CLIENT, "voisine@exemple.fr").await.assert_status(StatusCode::SEE_OTHER);
    app.clock.advance(chrono::TimeDelta::seconds(3601));
    sign_up(&mut app, CLIENT, "refusee@exemple.fr").await.assert_status(StatusCode::SEE_OTHER);
    // In English too.
    earlier_attempts(&app, &format!("signup-client:{OTHER_CLIENT}"), max).await;
    visitor_from(&mut app, OTHER_CLIENT);
    app.with_header("accept-language", "en");
    app.get("/inscription").await;
    let english = app.post_form("/inscription", &[("email", "en@exemple.fr"), ("password", "une phrase de passe solide")]).await;
    english.assert_status(StatusCode::TOO_MANY_REQUESTS);
    assert!(english.body.contains("Too many accounts were created from this connection"), "{}", english.body);
}

async fn register_page(app: &mut TestApp, client: &str, slug: &str, email: &str) -> TestResponse {
    visitor_from(app, client);
    app.get(&format!("/ateliers/{slug}")).await;
    app.post_form(&format!("/ateliers/{slug}/inscription"), &[("name", "Zoé Martin"), ("email", email), ("consent", "on")]).await
}

async fn register_api(app: &mut TestApp, client: &str, slug: &str, email: &str) -> TestResponse {
    let body = serde_json::json!({"name": "Zoé Martin", "email": email, "consent": true}).to_string();
    app.new_visitor();
    app.request(
        Method::POST,
        &format!("/api/v1/events/{slug}/registrations"),
        Some(("application/json", body.into_bytes())),
        &[("x-forwarded-for", client)],
    )
    .await
}

async fn registration_is_limited_per_client_on_the_page_and_the_api(mut app: TestApp) {
    session(&app, "atelier-site", 500, 7).await;
    let max = Limit::RegistrationPerClient.max_per_hour();
    earlier_attempts(&app, &format!("register-client:{CLIENT}"), max - 2).await;
    register_page(&mut app, CLIENT, "atelier-site", "une@exemple.fr").await.assert_status(StatusCode::SEE_OTHER);
    register_api(&mut app, CLIENT, "atelier-site", "deux@exemple.fr").await.assert_status(StatusCode::CREATED);
    let refused = register_page(&mut app, CLIENT, "atelier-site", "trois@exemple.fr").await;
    refused.assert_status(StatusCode::TOO_MANY_REQUESTS);
    assert!(refused.body.contains("Trop d&#x27;inscriptions") || refused.body.contains("Trop d&#39;inscriptions"), "{}", refused.body);
    assert!(refused.body.contains("value=\"trois@exemple.fr\"") && refused.body.contains("value=\"Zoé Martin\""), "the input is kept");
    let api = register_api(&mut app, CLIENT, "atelier-site", "trois@exemple.fr").await;
    api.assert_status(StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(api.json()["error"]["code"], "rate-limit-registration");
    assert!(api.json()["error"]["message"].as_str().is_some_and(|m| m.starts_with("Trop d'inscriptions")));
    assert_eq!(app.count("registrations").await, 2);
    // A kiosk next door is not affected.
    register_api(&mut app, OTHER_CLIENT, "atelier-site", "trois@exemple.fr").await.assert_status(StatusCode::CREATED);
}

async fn registration_is_limited_per_email_address(mut app: TestApp) {
    for n in 0..3 {
        session(&app, &format!("atelier-{n}"), 50, 7 + n).await;
    }
    let max = Limit::RegistrationPerEmail.max_per_hour();
    earlier_attempts(&app, "register-email:cible@exemple.fr", max - 1).await;
    register_api(&mut app, CLIENT, "atelier-0", "Cible@Exemple.fr").await.assert_status(StatusCode::CREATED);
    // From anywhere, in any case, the address is refused for the hour.
    let refused = register_api(&mut app, OTHER_CLIENT, "atelier-1", "cible@exemple.fr").await;
    refused.assert_status(StatusCode::TOO_MANY_REQUESTS);
    let page = register_page(&mut app, "192.0.2.1", "atelier-2", "CIBLE@exemple.fr").await;
    page.assert_status(StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(app.count("registrations").await, 1);
    register_api(&mut app, CLIENT, "atelier-1", "autre@exemple.fr").await.assert_status(StatusCode::CREATED);
    app.clock.advance(chrono::TimeDelta::seconds(3601));
    register_api(&mut app, OTHER_CLIENT, "atelier-1", "cible@exemple.fr").await.assert_status(StatusCode::CREATED);
}

async fn book_form(app: &mut TestApp, client: &str, n: usize, slot: tremplin_domain::coaching::Slot) -> TestResponse {
    visitor_from(app, client);
    app.get(&format!("/coachs/camille/reserver?debut={}", slot.starts_at)).await;
    let pairs = fields(n, slot);
    let pairs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    app.post_form("/coachs/camille/reserver", &pairs).await
}

async fn booking_is_limited_per_client_and_per_address(mut app: TestApp) {
    let coach = coach(&mut app, "camille@exemple.fr", "camille", "Camille").await;
    let free = slots(&app, &coach, 14).await;
    let max = Limit::BookingPerClient.max_per_hour();
    earlier_attempts(&app, &format!("book-client:{CLIENT}"), max).await;
    let refused = book_form(&mut app, CLIENT, 1, free[1]).await;
    refused.assert_status(StatusCode::TOO_MANY_REQUESTS);
    assert!(refused.body.contains("Trop de rendez-vous ont été demandés"), "{}", refused.body);
    assert!(refused.body.contains("Je voudrais créer le site de ma boutique."), "the input is kept");
    assert_eq!(app.count("appointments").await, 0);
    book_form(&mut app, OTHER_CLIENT, 1, free[1]).await.assert_status(StatusCode::SEE_OTHER);
    // Per address, through the API.
    earlier_attempts(&app, "book-email:personne2@example.fr", Limit::BookingPerEmail.max_per_hour()).await;
    let body = serde_json::json!({"starts_at": free[2].starts_at, "modality": "at_venue", "themes": ["website"],
        "need": "Créer mon site.", "name": "Personne 2", "email": "personne2@example.fr", "consent": true})
    .to_string();
    app.new_visitor();
    let api = app.request(Method::POST, "/api/v1/coaches/camille/appointments", Some(("application/json", body.into_bytes())), &[]).await;
    api.assert_status(StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(api.json()["error"]["code"], "rate-limit-booking");
    assert_eq!(app.count("appointments").await, 1);
}

async fn introduction_requests_are_limited_per_client(mut app: TestApp) {
    pair(&mut app).await;
    let identity = app.identity();
    earlier_attempts(&app, &format!("intro-client:{CLIENT}"), Limit::IntroductionPerClient.max_per_hour()).await;
    app.with_header("x-forwarded-for", CLIENT);
    let message = "Bonjour, je lance une boutique de vélos et je cherche mes premiers clients.";
    app.get("/ecosysteme/acteurs/claire-mentor/mise-en-relation").await;
    let refused = app.post_form("/ecosysteme/acteurs/claire-mentor/mise-en-relation", &[("need", "mentoring"), ("message", message)]).await;
    refused.assert_status(StatusCode::TOO_MANY_REQUESTS);
    assert!(refused.body.contains("Trop de demandes de mise en relation"), "{}", refused.body);
    assert!(refused.body.contains(message), "the message typed is kept");
    assert_eq!(app.count("eco_introductions").await, 0);
    app.set_identity(&identity);
    app.with_header("x-forwarded-for", OTHER_CLIENT);
    let sent = app.post_form("/ecosysteme/acteurs/claire-mentor/mise-en-relation", &[("need", "mentoring"), ("message", message)]).await;
    sent.assert_status(StatusCode::SEE_OTHER);
    assert_eq!(app.count("eco_introductions").await, 1);
}

async fn limits_turned_off_let_everything_through(mut app: TestApp) {
    let settings = tremplin::settings::Settings {
        base_url: crate::helpers::BASE_URL.into(),
        trust_proxy: true,
        rate_limits: false,
        ..Default::default()
    };
    app.router = tremplin_web::router(tremplin::server::state(&settings, app.db.clone(), Arc::new(app.clock.clone())));
    session(&app, "atelier-site", 50, 7).await;
    earlier_attempts(&app, &format!("signup-client:{CLIENT}"), 1000).await;
    earlier_attempts(&app, &format!("register-client:{CLIENT}"), 1000).await;
    sign_up(&mut app, CLIENT, "zoe@exemple.fr").await.assert_status(StatusCode::SEE_OTHER);
    register_api(&mut app, CLIENT, "atelier-site", "zoe@exemple.fr").await.assert_status(StatusCode::CREATED);
}

/// Every route that takes a body refuses one over `BODY_LIMIT` with 413, before reading it.
async fn bodies_over_the_limit_get_413(mut app: TestApp) {
    app.sign_up("zoe@exemple.fr", "une phrase de passe solide").await;
    let token = app.csrf().expect("token");
    let big = format!("_csrf={token}&x={}", "a".repeat(tremplin_web::limits::BODY_LIMIT));
    let posts: Vec<_> = crate::route_table::RULES.iter().filter(|(m, p, _, _)| *m == "POST" && !p.ends_with("/imports")).collect();
    let mut problems = Vec::new();
    for (_, route, _, _) in &posts {
        let path = route.replace('{', "x").replace('}', "");
        let (kind, body) = if route.starts_with("/api/") {
            ("application/json", format!("{{\"x\": \"{}\"}}", "a".repeat(tremplin_web::limits::BODY_LIMIT)))
        } else {
            ("application/x-www-form-urlencoded", big.clone())
        };
        let response = app.request(Method::POST, &path, Some((kind, body.into_bytes())), &[]).await;
        if response.status != StatusCode::PAYLOAD_TOO_LARGE {
            problems.push(format!("{route}: {}", response.status));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // A multipart body elsewhere than the import page is held to the same limit.
    let file = vec![b'a'; tremplin_web::limits::BODY_LIMIT + 1];
    let upload = app.post_multipart("/annuaire/proposer", &[Part::File("file", "x.csv", &file)], true).await;
    // Refused before it is read: too large, or not a body this form takes.
    assert!(matches!(upload.status, StatusCode::PAYLOAD_TOO_LARGE | StatusCode::UNSUPPORTED_MEDIA_TYPE), "{}", upload.status);
    assert_eq!(app.count("listings").await, 0);
}

crate::both_engines!(
    sign_up_is_limited_per_client,
    registration_is_limited_per_client_on_the_page_and_the_api,
    registration_is_limited_per_email_address,
    booking_is_limited_per_client_and_per_address,
    introduction_requests_are_limited_per_client,
    limits_turned_off_let_everything_through,
    bodies_over_the_limit_get_413,
);
