//! Every form refuses a request without the session's token or from another site.

use crate::helpers::TestApp;
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

crate::both_engines!(forms_without_token_are_refused, cross_site_posts_are_refused_even_with_token, a_token_belongs_to_one_session);
