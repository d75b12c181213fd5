//! The registration API over HTTP: confirmed, waitlisted with the position, already
//! registered, errors as JSON in the caller's language, cancellation with the link's token
//! only, many simultaneous requests never overbooking, and the OpenAPI document.

use crate::event_fixtures::session;
use crate::events_public::post_json;
use crate::helpers::TestApp;
use axum::http::{Method, StatusCode};
use serde_json::{Value, json};
use tremplin_domain::events::tokens::{Purpose, token_for};
use tremplin_domain::events::{EventRepo, RegistrationRepo, RegistrationStatus};

async fn api_registration(mut app: TestApp) {
    session(&app, "site-web", 1, 3).await;
    let sessions_before = app.count("sessions").await;
    let first =
        post_json(&mut app, "/api/v1/events/site-web/registrations", json!({"name": "Léa", "email": "lea@example.fr", "consent": true}))
            .await;
    first.assert_status(StatusCode::CREATED);
    assert!(first.headers.get("set-cookie").is_none(), "no session for the API");
    let body = first.json();
    assert_eq!(body["registration"]["status"], "confirmed");
    assert_eq!(body["registration"]["position"], Value::Null);
    assert_eq!(body["registration"]["already"], false);
    let manage_url = body["registration"]["manage_url"].as_str().expect("manage url").to_owned();
    assert!(manage_url.starts_with("http://localhost/inscriptions/"));

    let second = post_json(
        &mut app,
        "/api/v1/events/site-web/registrations",
        json!({"name": "Paul", "phone": "06 12 34 56 78", "consent": true, "locale": "en"}),
    )
    .await;
    second.assert_status(StatusCode::CREATED);
    assert_eq!(
        (second.json()["registration"]["status"].clone(), second.json()["registration"]["position"].clone()),
        (json!("waitlisted"), json!(1))
    );
    let paul = second.json()["registration"]["public_id"].as_str().expect("id").to_owned();

    let again =
        post_json(&mut app, "/api/v1/events/site-web/registrations", json!({"name": "Léa M.", "email": "Lea@Example.fr", "consent": true}))
            .await;
    again.assert_status(StatusCode::OK);
    assert_eq!(again.json()["registration"]["already"], true);

    let bad = post_json(&mut app, "/api/v1/events/site-web/registrations", json!({"name": "", "email": "nope", "consent": false})).await;
    bad.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    let error = bad.json();
    assert_eq!(error["error"]["code"], "invalid-form");
    assert!(
        error["error"]["fields"]["name"].is_string()
            && error["error"]["fields"]["email"].is_string()
            && error["error"]["fields"]["consent"].is_string()
    );
    let english =
        post_json(&mut app, "/api/v1/events/site-web/registrations", json!({"email": "x@example.fr", "consent": true, "locale": "en"}))
            .await;
    english.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(english.json()["error"]["fields"]["name"], "Enter your name.");
    let garbled =
        app.request(Method::POST, "/api/v1/events/site-web/registrations", Some(("application/json", b"{not json".to_vec())), &[]).await;
    assert!(garbled.status.is_client_error(), "{}", garbled.status);
    assert!(garbled.json()["error"]["message"].is_string(), "a JSON error, not axum's text");
    post_json(&mut app, "/api/v1/events/inconnu/registrations", json!({"name": "X", "email": "x@example.fr", "consent": true}))
        .await
        .assert_status(StatusCode::NOT_FOUND);
    assert_eq!(app.count("registrations").await, 2);
    assert_eq!(app.count("sessions").await, sessions_before, "cookie-less requests create no session");

    // Cancel with the wrong token: nothing happens; with the right one, Paul gets the seat.
    let (public_id, token) = manage_url.trim_start_matches("http://localhost/inscriptions/").split_once('/').expect("id/token");
    let (public_id, token) = (public_id.to_owned(), token.to_owned());
    let secret_of = app.db.registration_by_public_id(&public_id).await.expect("lookup").expect("registration").secret;
    let check_in_token = token_for(&secret_of, Purpose::CheckIn);
    for wrong in ["x".repeat(43), check_in_token] {
        post_json(&mut app, &format!("/api/v1/registrations/{public_id}/cancel"), json!({"token": wrong}))
            .await
            .assert_status(StatusCode::NOT_FOUND);
    }
    let reg = app.db.registration_by_public_id(&public_id).await.expect("lookup").expect("registration");
    assert_eq!(reg.status, RegistrationStatus::Confirmed, "a wrong token cancels nothing");
    let ok = post_json(&mut app, &format!("/api/v1/registrations/{public_id}/cancel"), json!({"token": token})).await;
    ok.assert_status(StatusCode::OK);
    assert_eq!(ok.json()["registration"]["status"], "cancelled");
    let paul = app.db.registration_by_public_id(&paul).await.expect("lookup").expect("paul");
    assert_eq!(paul.status, RegistrationStatus::Confirmed);

    // Closed once the session started.
    app.clock.advance(chrono::TimeDelta::days(4));
    let closed =
        post_json(&mut app, "/api/v1/events/site-web/registrations", json!({"name": "Zoé", "email": "zoe@example.fr", "consent": true}))
            .await;
    closed.assert_status(StatusCode::CONFLICT);
    assert_eq!(closed.json()["error"]["code"], "registration-closed");
}

async fn many_api_registrations_at_once(app: TestApp) {
    session(&app, "affluence", 10, 3).await;
    let mut tasks = Vec::new();
    for n in 0..40 {
        let router = app.router.clone();
        tasks.push(tokio::spawn(async move {
            use tower::ServiceExt;
            let body = json!({"name": format!("Personne {n}"), "email": format!("p{n}@example.fr"), "consent": true}).to_string();
            let request = axum::http::Request::post("/api/v1/events/affluence/registrations")
                .header("host", "localhost")
                .header("content-type", "application/json")
                .body(axum::body::Body::from(body))
                .expect("request");
            let response = router.oneshot(request).await.expect("response");
            assert_eq!(response.status(), StatusCode::CREATED);
            let bytes = axum::body::to_bytes(response.into_body(), usize::MAX).await.expect("body");
            let json: Value = serde_json::from_slice(&bytes).expect("json");
            (json["registration"]["status"].as_str().expect("status").to_owned(), json["registration"]["position"].as_i64())
        }));
    }
    let mut confirmed = 0;
    let mut positions = Vec::new();
    for task in tasks {
        match task.await.expect("task") {
            (status, None) if status == "confirmed" => confirmed += 1,
            (_, Some(position)) => positions.push(position),
            other => panic!("unexpected answer {other:?}"),
        }
    }
    assert_eq!(confirmed, 10, "never more confirmed than seats");
    positions.sort_unstable();
    assert_eq!(positions, (1..=30).collect::<Vec<i64>>(), "every waiting person has their own place in line");
    let event = app.db.event_by_slug("affluence").await.expect("lookup").expect("event");
    assert_eq!((event.confirmed, event.waitlisted), (10, 30));
}

async fn api_is_documented(mut app: TestApp) {
    let document = app.get("/api/v1/openapi.json").await.json();
    for path in [
        "/api/v1/events",
        "/api/v1/events/{slug}",
        "/api/v1/events/{slug}/registrations",
        "/api/v1/registrations",
        "/api/v1/registrations/{public_id}/cancel",
    ] {
        assert!(document["paths"][path].is_object(), "{path} missing from the OpenAPI document");
    }
    assert!(document["components"]["schemas"]["RegistrationDto"].is_object());
}

crate::both_engines!(api_registration, many_api_registrations_at_once, api_is_documented);
