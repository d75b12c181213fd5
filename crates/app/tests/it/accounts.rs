//! Sign-up, login, login link, logout, password reset.

use crate::helpers::TestApp;
use axum::http::StatusCode;
use chrono::TimeDelta;

const PASSWORD: &str = "une phrase de passe solide";

async fn signup_creates_account_logs_in_and_sends_welcome(mut app: TestApp) {
    let form = app.get("/inscription").await;
    form.assert_status(StatusCode::OK);
    assert!(form.body.contains("Créer mon compte"));
    let response = app.sign_up("zoe@exemple.fr", PASSWORD).await;
    assert_eq!(response.location(), "/compte");
    let account = app.get("/compte").await;
    account.assert_status(StatusCode::OK);
    assert!(account.body.contains("zoe@exemple.fr"));
    assert!(account.body.contains("Votre compte est créé"), "flash message shown once");
    assert!(!app.get("/compte").await.body.contains("Votre compte est créé"), "flash message gone");
    assert_eq!(app.run_pending_jobs().await.sent, 1);
    let mail = app.sent_mail();
    assert_eq!(mail[0].to, "zoe@exemple.fr");
    assert_eq!(mail[0].message.subject, "Bienvenue sur Tremplin");
}

async fn signup_rejects_bad_input_and_keeps_it(mut app: TestApp) {
    app.get("/inscription").await;
    let response = app.post_form("/inscription", &[("email", "pas-un-email"), ("password", "court"), ("display_name", "Zoé <b>")]).await;
    response.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(response.body.contains("role=\"alert\""));
    assert!(response.body.contains("Cette adresse e-mail n"), "email message");
    assert!(response.body.contains("au moins 12 caractères"), "password message");
    assert!(response.body.contains("value=\"pas-un-email\""), "email kept");
    assert!(
        response.body.contains("value=\"Zoé &#60;b&#62;\"") || response.body.contains("value=\"Zoé &lt;b&gt;\""),
        "name kept, escaped: {}",
        response.body
    );
    assert!(!response.body.contains("value=\"court\""), "password never echoed");
    assert_eq!(app.count("users").await, 0);

    // English visitors get English messages.
    app.with_header("accept-language", "en");
    let response = app.post_form("/inscription", &[("email", ""), ("password", PASSWORD)]).await;
    response.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(response.body.contains("Type your e-mail address."));
}

async fn signup_refuses_a_taken_email(mut app: TestApp) {
    app.sign_up("zoe@exemple.fr", PASSWORD).await;
    app.new_visitor();
    app.get("/inscription").await;
    let response = app.post_form("/inscription", &[("email", "ZOE@exemple.fr"), ("password", PASSWORD)]).await;
    response.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(response.body.contains("Un compte existe déjà"));
    assert_eq!(app.count("users").await, 1);
}

async fn login_and_logout(mut app: TestApp) {
    app.sign_up("zoe@exemple.fr", PASSWORD).await;
    let logout = app.post_form("/deconnexion", &[]).await;
    logout.assert_status(StatusCode::SEE_OTHER);
    assert_eq!(logout.location(), "/");
    let protected = app.get("/compte").await;
    protected.assert_status(StatusCode::SEE_OTHER);
    assert_eq!(protected.location(), "/connexion?retour=%2Fcompte");

    app.get("/connexion").await;
    let wrong = app.post_form("/connexion", &[("email", "zoe@exemple.fr"), ("password", "pas le bon mot de passe")]).await;
    wrong.assert_status(StatusCode::UNAUTHORIZED);
    assert!(wrong.body.contains("Adresse e-mail ou mot de passe incorrect"));
    assert!(wrong.body.contains("value=\"zoe@exemple.fr\""), "email kept");

    let unknown = app.post_form("/connexion", &[("email", "personne@exemple.fr"), ("password", PASSWORD)]).await;
    unknown.assert_status(StatusCode::UNAUTHORIZED);

    let ok = app.post_form("/connexion", &[("email", "zoe@exemple.fr"), ("password", PASSWORD), ("retour", "/territoires")]).await;
    ok.assert_status(StatusCode::SEE_OTHER);
    assert_eq!(ok.location(), "/territoires");
    app.get("/compte").await.assert_status(StatusCode::OK);

    // A return address on another site is ignored.
    app.post_form("/deconnexion", &[]).await;
    app.get("/connexion").await;
    let ok = app.post_form("/connexion", &[("email", "zoe@exemple.fr"), ("password", PASSWORD), ("retour", "//evil.example/")]).await;
    assert_eq!(ok.location(), "/compte");
}

async fn login_is_rate_limited_per_email(mut app: TestApp) {
    app.sign_up("zoe@exemple.fr", PASSWORD).await;
    app.new_visitor();
    app.get("/connexion").await;
    for _ in 0..10 {
        app.post_form("/connexion", &[("email", "zoe@exemple.fr"), ("password", "mauvais mot de passe")])
            .await
            .assert_status(StatusCode::UNAUTHORIZED);
    }
    let limited = app.post_form("/connexion", &[("email", "zoe@exemple.fr"), ("password", PASSWORD)]).await;
    limited.assert_status(StatusCode::TOO_MANY_REQUESTS);
    assert!(limited.body.contains("Trop de tentatives"));
    // The window passes.
    app.clock.advance(TimeDelta::minutes(16));
    app.post_form("/connexion", &[("email", "zoe@exemple.fr"), ("password", PASSWORD)]).await.assert_status(StatusCode::SEE_OTHER);
}

async fn login_link_logs_in_once(mut app: TestApp) {
    app.sign_up("zoe@exemple.fr", PASSWORD).await;
    app.run_pending_jobs().await;
    app.new_visitor();
    app.get("/connexion/lien").await.assert_status(StatusCode::OK);
    let sent = app.post_form("/connexion/lien", &[("email", "zoe@exemple.fr")]).await;
    sent.assert_status(StatusCode::OK);
    assert!(sent.body.contains("Si un compte existe pour cette adresse"));
    // An unknown address gets the same answer and no mail.
    let unknown = app.post_form("/connexion/lien", &[("email", "inconnu@exemple.fr")]).await;
    unknown.assert_status(StatusCode::OK);
    assert!(unknown.body.contains("Si un compte existe pour cette adresse"));
    assert_eq!(app.run_pending_jobs().await.sent, 1);
    let link = app.last_link("zoe@exemple.fr", "http://localhost/connexion/lien/");
    assert!(link.len() > "/connexion/lien/".len() + 40, "long token: {link}");

    let confirm = app.get(&link).await;
    confirm.assert_status(StatusCode::OK);
    assert!(confirm.body.contains("Me connecter"));
    let used = app.post_form(&link, &[]).await;
    used.assert_status(StatusCode::SEE_OTHER);
    assert_eq!(used.location(), "/compte");
    assert!(app.get("/compte").await.body.contains("zoe@exemple.fr"));

    app.new_visitor();
    let again = app.get(&link).await;
    again.assert_status(StatusCode::GONE);
    assert!(again.body.contains("déjà servi"));
    let again = app.post_form(&link, &[]).await;
    again.assert_status(StatusCode::GONE);
}

async fn login_link_expires(mut app: TestApp) {
    app.sign_up("zoe@exemple.fr", PASSWORD).await;
    app.new_visitor();
    app.get("/connexion/lien").await;
    app.post_form("/connexion/lien", &[("email", "zoe@exemple.fr")]).await;
    app.run_pending_jobs().await;
    let link = app.last_link("zoe@exemple.fr", "http://localhost/connexion/lien/");
    app.clock.advance(TimeDelta::minutes(16));
    let expired = app.get(&link).await;
    expired.assert_status(StatusCode::GONE);
    assert!(expired.body.contains("Ce lien a expiré"));
    app.post_form(&link, &[]).await.assert_status(StatusCode::GONE);
    app.get("/compte").await.assert_status(StatusCode::SEE_OTHER);
}

async fn password_reset_changes_password(mut app: TestApp) {
    app.sign_up("zoe@exemple.fr", PASSWORD).await;
    app.new_visitor();
    app.get("/mot-de-passe/oublie").await.assert_status(StatusCode::OK);
    app.post_form("/mot-de-passe/oublie", &[("email", "zoe@exemple.fr")]).await.assert_status(StatusCode::OK);
    app.run_pending_jobs().await;
    let link = app.last_link("zoe@exemple.fr", "http://localhost/mot-de-passe/nouveau/");
    // A reset link is not a login link.
    let token = link.rsplit('/').next().expect("token");
    app.get(&format!("/connexion/lien/{token}")).await.assert_status(StatusCode::GONE);

    app.get(&link).await.assert_status(StatusCode::OK);
    let short = app.post_form(&link, &[("password", "court")]).await;
    short.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(short.body.contains("au moins 12 caractères"));
    let done = app.post_form(&link, &[("password", "un tout nouveau mot de passe")]).await;
    done.assert_status(StatusCode::SEE_OTHER);
    assert_eq!(done.location(), "/compte");

    app.new_visitor();
    app.get("/connexion").await;
    app.post_form("/connexion", &[("email", "zoe@exemple.fr"), ("password", PASSWORD)]).await.assert_status(StatusCode::UNAUTHORIZED);
    app.log_in("zoe@exemple.fr", "un tout nouveau mot de passe").await;
    app.new_visitor();
    app.get(&link).await.assert_status(StatusCode::GONE);
}

async fn password_change_ends_other_sessions(mut app: TestApp) {
    app.sign_up("zoe@exemple.fr", PASSWORD).await;
    let first_session = app.cookie("tremplin_session").expect("session cookie").to_owned();
    app.new_visitor();
    app.get("/mot-de-passe/oublie").await;
    app.post_form("/mot-de-passe/oublie", &[("email", "zoe@exemple.fr")]).await;
    app.run_pending_jobs().await;
    let link = app.last_link("zoe@exemple.fr", "http://localhost/mot-de-passe/nouveau/");
    app.get(&link).await;
    app.post_form(&link, &[("password", "un tout nouveau mot de passe")]).await.assert_status(StatusCode::SEE_OTHER);
    // The first browser's session no longer opens the account.
    app.new_visitor();
    let stale = app.request(axum::http::Method::GET, "/compte", None, &[("cookie", &format!("tremplin_session={first_session}"))]).await;
    stale.assert_status(StatusCode::SEE_OTHER);
}

crate::both_engines!(
    signup_creates_account_logs_in_and_sends_welcome,
    signup_rejects_bad_input_and_keeps_it,
    signup_refuses_a_taken_email,
    login_and_logout,
    login_is_rate_limited_per_email,
    login_link_logs_in_once,
    login_link_expires,
    password_reset_changes_password,
    password_change_ends_other_sessions,
);
