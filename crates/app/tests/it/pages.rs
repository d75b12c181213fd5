//! What every page shares: language, security headers, error pages, operations endpoints.

use crate::helpers::TestApp;
use axum::http::{StatusCode, header};

async fn pages_are_french_first_with_an_english_switch(mut app: TestApp) {
    let home = app.get("/").await;
    home.assert_status(StatusCode::OK);
    assert!(home.body.contains("<html lang=\"fr\">"));
    assert!(home.body.contains("href=\"#contenu\""), "skip link");
    assert!(home.body.contains("<main id=\"contenu\""));
    assert!(home.body.contains("hreflang=\"en\""));

    let switch = app.get("/langue/en?retour=%2Fterritoires").await;
    switch.assert_status(StatusCode::SEE_OTHER);
    assert_eq!(switch.location(), "/territoires");
    assert_eq!(app.cookie("lang"), Some("en"));
    let english = app.get("/territoires").await;
    assert!(english.body.contains("<html lang=\"en\">"));
    assert!(english.body.contains("Territories"));
    app.get("/langue/fr?retour=https://evil.example").await;
    assert_eq!(app.cookie("lang"), Some("fr"));

    app.new_visitor();
    app.with_header("accept-language", "en-GB,en;q=0.9");
    assert!(app.get("/").await.body.contains("<html lang=\"en\">"));
}

async fn security_headers_on_every_response(mut app: TestApp) {
    for path in ["/", "/connexion", "/api/v1/places?q=angers", "/nexiste-pas"] {
        let response = app.get(path).await;
        let csp = response.headers.get(header::CONTENT_SECURITY_POLICY).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
        assert!(csp.contains("default-src 'self'") && !csp.contains("unsafe-inline"), "{path}: {csp}");
        assert_eq!(response.headers.get(header::X_CONTENT_TYPE_OPTIONS).map(|v| v.as_bytes()), Some(&b"nosniff"[..]), "{path}");
        assert!(response.headers.contains_key("x-request-id"), "{path}");
    }
}

async fn pages_request_nothing_from_other_sites(mut app: TestApp) {
    for path in ["/", "/territoires", "/connexion", "/inscription", "/lieux?q=angers", "/annuaire?q=boulangerie&place=Angers"] {
        let body = app.get(path).await.body;
        for pattern in ["src=\"http", "href=\"http", "src=\"//", "href=\"//", "url(http", "@import"] {
            assert!(!body.contains(pattern), "{path} refers to another site: {pattern}");
        }
        assert!(!body.contains(" style=\""), "{path} has an inline style, refused by the CSP");
        assert!(!body.contains("<script>"), "{path} has an inline script, refused by the CSP");
    }
}

async fn error_pages_in_both_languages(mut app: TestApp) {
    let fr = app.get("/nexiste-pas").await;
    fr.assert_status(StatusCode::NOT_FOUND);
    assert!(fr.body.contains("Erreur 404") && fr.body.contains("<html lang=\"fr\">"));
    app.with_header("accept-language", "en");
    let en = app.get("/nexiste-pas").await;
    assert!(en.body.contains("Error 404") && en.body.contains("does not exist"));
    let api = app.get("/api/v1/nothing").await;
    api.assert_status(StatusCode::NOT_FOUND);
    assert_eq!(api.json()["error"]["code"], "not-found");
    let territory = app.get("/territoires/inconnu").await;
    territory.assert_status(StatusCode::NOT_FOUND);
    assert!(territory.body.contains("Error 404"));
}

async fn malformed_paths_queries_and_forms_get_our_error_pages(mut app: TestApp) {
    let page = app.get("/territoires/maine-et-loire?page=deux").await;
    page.assert_status(StatusCode::BAD_REQUEST);
    assert!(page.body.contains("Erreur 400") && page.body.contains("La demande n"), "{}", page.body);
    assert!(!page.body.contains("Failed to deserialize"), "no English parser message");
    let api = app.get("/api/v1/places?q=angers&limit=beaucoup").await;
    api.assert_status(StatusCode::BAD_REQUEST);
    assert_eq!(api.json()["error"]["code"], "bad-request");
    app.sign_up("zoe@exemple.fr", "une phrase de passe solide").await;
    let form = app.post_form("/annuaire/inconnue/historique/abc/restaurer", &[]).await;
    form.assert_status(StatusCode::BAD_REQUEST);
    assert!(form.body.contains("<html lang=\"fr\">"));
}

async fn operations_endpoints(mut app: TestApp) {
    app.get("/healthz").await.assert_status(StatusCode::OK);
    let ready = app.get("/readyz").await;
    ready.assert_status(StatusCode::OK);
    let metrics = app.get("/metrics").await;
    metrics.assert_status(StatusCode::OK);
    assert!(metrics.body.contains("http_requests_total"), "{}", metrics.body);
    let openapi = app.get("/api/v1/openapi.json").await.json();
    assert!(openapi["openapi"].as_str().expect("version").starts_with("3."));
    for path in ["/api/v1/places", "/api/v1/territories", "/healthz", "/readyz"] {
        assert!(openapi["paths"][path].is_object(), "{path} documented");
    }
    let css = app.get("/static/app.css").await;
    css.assert_status(StatusCode::OK);
    assert!(css.headers.get(header::CACHE_CONTROL).is_some());
}

async fn readiness_fails_when_the_database_is_gone(mut app: TestApp) {
    app.db.close().await;
    app.get("/readyz").await.assert_status(StatusCode::SERVICE_UNAVAILABLE);
    app.get("/healthz").await.assert_status(StatusCode::OK);
}

async fn visitors_without_cookies_create_no_session(mut app: TestApp) {
    for path in ["/", "/territoires", "/lieux?q=angers", "/api/v1/places?q=angers", "/nexiste-pas"] {
        let response = app.get(path).await;
        assert!(response.headers.get(header::SET_COOKIE).is_none(), "{path} set a cookie");
    }
    assert_eq!(app.count("sessions").await, 0);
}

crate::both_engines!(
    pages_are_french_first_with_an_english_switch,
    security_headers_on_every_response,
    pages_request_nothing_from_other_sites,
    error_pages_in_both_languages,
    malformed_paths_queries_and_forms_get_our_error_pages,
    operations_endpoints,
    readiness_fails_when_the_database_is_gone,
    visitors_without_cookies_create_no_session,
);
