//! Every form refuses a request without the session's token or from another site.

use crate::helpers::{Part, TestApp};
use axum::http::StatusCode;

async fn forms_without_token_are_refused(mut app: TestApp) {
    app.get("/connexion").await;
    for path in ["/connexion", "/inscription", "/connexion/lien", "/mot-de-passe/oublie", "/deconnexion"] {
        let refused = app.post_raw(path, &[("email", "zoe@exemple.fr"), ("password", "une phrase de passe solide")], &[]).await;
        refused.assert_status(StatusCode::FORBIDDEN);
        assert!(refused.body.contains("Le formulaire a expiré"), "{path}: {}", refused.body);
    }
    let wrong = app
        .post_raw("/inscription", &[("_csrf", "forged"), ("email", "zoe@exemple.fr"), ("password", "une phrase de passe solide")], &[])
        .await;
    wrong.assert_status(StatusCode::FORBIDDEN);
    assert_eq!(app.count("users").await, 0);
}

async fn cross_site_posts_are_refused_even_with_token(mut app: TestApp) {
    app.get("/inscription").await;
    let token = app.csrf().expect("token");
    let fields = [("_csrf", token.as_str()), ("email", "zoe@exemple.fr"), ("password", "une phrase de passe solide")];
    app.post_raw("/inscription", &fields, &[("origin", "https://evil.example")]).await.assert_status(StatusCode::FORBIDDEN);
    app.post_raw("/inscription", &fields, &[("sec-fetch-site", "cross-site")]).await.assert_status(StatusCode::FORBIDDEN);
    assert_eq!(app.count("users").await, 0);
    app.post_raw("/inscription", &fields, &[("origin", "http://localhost"), ("sec-fetch-site", "same-origin")])
        .await
        .assert_status(StatusCode::SEE_OTHER);
}

async fn a_token_belongs_to_one_session(mut app: TestApp) {
    app.get("/inscription").await;
    let token = app.csrf().expect("token");
    app.new_visitor();
    app.get("/inscription").await;
    let refused = app
        .post_raw(
            "/inscription",
            &[("_csrf", token.as_str()), ("email", "zoe@exemple.fr"), ("password", "une phrase de passe solide")],
            &[],
        )
        .await;
    refused.assert_status(StatusCode::FORBIDDEN);
}

async fn multipart_forms_carry_the_token_in_the_query_string(mut app: TestApp) {
    app.get("/inscription").await;
    let token = app.csrf().expect("token");
    let fields = [Part::Text("email", "zoe@exemple.fr"), Part::Text("password", "une phrase de passe solide")];
    let without = app.post_multipart("/inscription", &fields, false).await;
    without.assert_status(StatusCode::FORBIDDEN);
    assert!(without.body.contains("Le formulaire a expiré"), "{}", without.body);
    // A multipart body is not read by the check: a token inside it does not count.
    let in_body = [Part::Text("_csrf", token.as_str()), fields[0].clone(), fields[1].clone()];
    app.post_multipart("/inscription", &in_body, false).await.assert_status(StatusCode::FORBIDDEN);
    app.post_multipart("/inscription?_csrf=forged", &fields, false).await.assert_status(StatusCode::FORBIDDEN);
    // Only multipart requests may carry it in the query string.
    let query = format!("/inscription?_csrf={token}");
    app.post_raw(&query, &[("email", "zoe@exemple.fr"), ("password", "une phrase de passe solide")], &[])
        .await
        .assert_status(StatusCode::FORBIDDEN);
    // With the token, the check lets it through (this page only reads urlencoded forms, so its
    // handler is the one that refuses it).
    let through = app.post_multipart("/inscription", &fields, true).await;
    assert!(through.status != StatusCode::FORBIDDEN && through.status.is_client_error(), "{}", through.status);
    assert_eq!(app.count("users").await, 0);
}

crate::both_engines!(
    forms_without_token_are_refused,
    cross_site_posts_are_refused_even_with_token,
    a_token_belongs_to_one_session,
    multipart_forms_carry_the_token_in_the_query_string
);
