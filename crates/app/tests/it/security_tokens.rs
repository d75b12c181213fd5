//! Secrets in links are unguessable, expire where they should, serve once where they should,
//! and serve one purpose: a login link does not reset a password, one registration's link
//! does not open another, a check-in code does not cancel, one person's appointment or
//! passport link does not open another's.

use crate::coach_fixtures::{booking, coach, slots};
use crate::event_fixtures::session;
use crate::events_staff::{PASSWORD, registered};
use crate::helpers::TestApp;
use crate::learning_fixtures::{exec, passport_for};
use crate::passport_fixtures::holder_link;
use axum::http::StatusCode;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::TimeDelta;
use std::collections::HashSet;
use tremplin_domain::coaching::commands::book_slot;
use tremplin_domain::coaching::tokens::appointment_path;
use tremplin_domain::events::tokens::{Purpose, check_in_path, manage_path, token_for};
use tremplin_kernel::Locale;
use tremplin_kernel::token::{new_public_id, new_token};

#[test]
fn link_secrets_are_256_bits_and_never_repeat() {
    let tokens: HashSet<String> = (0..10_000).map(|_| new_token()).collect();
    assert_eq!(tokens.len(), 10_000);
    for token in tokens.iter().take(100) {
        assert_eq!(URL_SAFE_NO_PAD.decode(token).expect("base64").len(), 32, "256 bits");
    }
    // Every bit position takes both values over the sample (no stuck bits).
    let mut ones = [0u32; 256];
    for token in &tokens {
        for (i, byte) in URL_SAFE_NO_PAD.decode(token).expect("base64").iter().enumerate() {
            for bit in 0..8 {
                ones[i * 8 + bit] += u32::from((byte >> bit) & 1);
            }
        }
    }
    assert!(ones.iter().all(|&n| (4_500..5_500).contains(&n)), "biased bits: {ones:?}");
    // Public identifiers are not secrets but are still unguessable (96 bits).
    let ids: HashSet<String> = (0..10_000).map(|_| new_public_id()).collect();
    assert_eq!(ids.len(), 10_000);
    // Workshop links are SHA-256 of a 256-bit secret and the purpose.
    let secret = tremplin_domain::events::tokens::new_secret();
    assert_eq!(URL_SAFE_NO_PAD.decode(&secret).expect("base64").len(), 32);
    assert_ne!(token_for(&secret, Purpose::Manage), token_for(&secret, Purpose::CheckIn));
    assert_ne!(token_for(&secret, Purpose::CheckIn), token_for(&secret, Purpose::Survey));
}

async fn mailed_link(app: &mut TestApp, form: &str, prefix: &str) -> String {
    app.new_visitor();
    app.get(form).await;
    app.post_form(form, &[("email", "zoe@exemple.fr")]).await.assert_status(StatusCode::OK);
    app.run_pending_jobs().await;
    app.last_link("zoe@exemple.fr", prefix)
}

async fn account_links_serve_one_purpose_once_and_expire(mut app: TestApp) {
    app.sign_up("zoe@exemple.fr", PASSWORD).await;
    let login = mailed_link(&mut app, "/connexion/lien", "http://localhost/connexion/lien/").await;
    let login_token = login.rsplit('/').next().expect("token").to_owned();
    // A login link does not reset the password.
    app.new_visitor();
    app.get(&format!("/mot-de-passe/nouveau/{login_token}")).await.assert_status(StatusCode::GONE);
    app.get("/connexion").await;
    let reset = app.post_form(&format!("/mot-de-passe/nouveau/{login_token}"), &[("password", "un tout nouveau mot de passe")]).await;
    reset.assert_status(StatusCode::GONE);
    app.new_visitor();
    app.log_in("zoe@exemple.fr", PASSWORD).await;
    // … and still logs in once (the failed reset did not use it up).
    app.new_visitor();
    app.get(&login).await;
    app.post_form(&login, &[]).await.assert_status(StatusCode::SEE_OTHER);

    // A reset link expires.
    let reset = mailed_link(&mut app, "/mot-de-passe/oublie", "http://localhost/mot-de-passe/nouveau/").await;
    app.clock.advance(TimeDelta::hours(2));
    app.new_visitor();
    app.get("/connexion").await;
    app.post_form(&reset, &[("password", "un tout nouveau mot de passe")]).await.assert_status(StatusCode::GONE);
    app.new_visitor();
    app.log_in("zoe@exemple.fr", PASSWORD).await;
    // A fresh one serves once.
    let reset = mailed_link(&mut app, "/mot-de-passe/oublie", "http://localhost/mot-de-passe/nouveau/").await;
    app.get(&reset).await;
    app.post_form(&reset, &[("password", "un tout nouveau mot de passe")]).await.assert_status(StatusCode::SEE_OTHER);
    app.new_visitor();
    app.get("/connexion").await;
    app.post_form(&reset, &[("password", "encore un autre mot de passe")]).await.assert_status(StatusCode::GONE);
    app.new_visitor();
    app.log_in("zoe@exemple.fr", "un tout nouveau mot de passe").await;
}

async fn workshop_links_open_their_own_registration_for_their_own_purpose(mut app: TestApp) {
    // The session starts within the day, so that check-in links are live.
    let event = session(&app, "atelier-jeton", 10, 0).await;
    app.clock.advance(TimeDelta::hours(-1));
    let first = registered(&app, &event, 1).await;
    let second = registered(&app, &event, 2).await;
    app.get(&manage_path(&first.public_id, &first.secret)).await.assert_status(StatusCode::OK);
    // One registration's token does not open another.
    let crossed = format!("/inscriptions/{}/{}", second.public_id, token_for(&first.secret, Purpose::Manage));
    app.get(&crossed).await.assert_status(StatusCode::NOT_FOUND);
    app.get("/ateliers").await;
    app.post_form(&format!("{crossed}/annuler"), &[]).await.assert_status(StatusCode::NOT_FOUND);
    // The check-in code does not cancel nor open the person's page.
    let check_in_token = token_for(&first.secret, Purpose::CheckIn);
    let with_check_in = format!("/inscriptions/{}/{check_in_token}", first.public_id);
    app.get(&with_check_in).await.assert_status(StatusCode::NOT_FOUND);
    app.post_form(&format!("{with_check_in}/annuler"), &[]).await.assert_status(StatusCode::NOT_FOUND);
    let api = app
        .request(
            axum::http::Method::POST,
            &format!("/api/v1/registrations/{}/cancel", first.public_id),
            Some(("application/json", format!("{{\"token\": \"{check_in_token}\"}}").into_bytes())),
            &[],
        )
        .await;
    api.assert_status(StatusCode::NOT_FOUND);
    assert_eq!(app.count_where("registrations", "status", "cancelled").await, 0);
    // The manage link does not check in; the check-in link does, for its own registration only.
    let manage_as_check_in = format!("/pointage/{}/{}", first.public_id, token_for(&first.secret, Purpose::Manage));
    // (Checking in is the staff's act: a visitor is sent to log in first; a trainer of the
    // session gets 404 for a wrong token.)
    let trainer = crate::events_staff::account(&mut app, "formation@exemple.fr", Some(tremplin_kernel::Role::Trainer)).await;
    exec(&app, &format!("INSERT INTO event_trainers (event_id, user_id) VALUES ({}, {trainer})", event.id)).await;
    app.post_form(&manage_as_check_in, &[]).await.assert_status(StatusCode::NOT_FOUND);
    let crossed_check_in = format!("/pointage/{}/{check_in_token}", second.public_id);
    app.post_form(&crossed_check_in, &[]).await.assert_status(StatusCode::NOT_FOUND);
    let present: i64 = match &app.db {
        tremplin_store::Db::Sqlite(pool) => {
            sqlx::query_scalar("SELECT COUNT(*) FROM registrations WHERE checked_in_at IS NOT NULL").fetch_one(pool).await.expect("count")
        }
        tremplin_store::Db::Pg(pool) => {
            sqlx::query_scalar("SELECT COUNT(*) FROM registrations WHERE checked_in_at IS NOT NULL").fetch_one(pool).await.expect("count")
        }
    };
    assert_eq!(present, 0);
    // The right code, for its own registration, does check in.
    app.post_form(&check_in_path(&first.public_id, &first.secret), &[]).await;
    assert_eq!(app.count_where("registrations", "public_id", &first.public_id).await, 1);
    let present: i64 = match &app.db {
        tremplin_store::Db::Sqlite(pool) => {
            sqlx::query_scalar("SELECT COUNT(*) FROM registrations WHERE checked_in_at IS NOT NULL").fetch_one(pool).await.expect("count")
        }
        tremplin_store::Db::Pg(pool) => {
            sqlx::query_scalar("SELECT COUNT(*) FROM registrations WHERE checked_in_at IS NOT NULL").fetch_one(pool).await.expect("count")
        }
    };
    assert_eq!(present, 1, "the check-in code works for its own registration");
}

async fn appointment_and_passport_links_open_their_own_only(mut app: TestApp) {
    let coach = coach(&mut app, "camille@exemple.fr", "camille", "Camille").await;
    let free = slots(&app, &coach, 14).await;
    let (first, _) = book_slot(&app.db, &app.clock, &coach, &booking(1, free[0]), Locale::Fr).await.expect("booked");
    let (second, _) = book_slot(&app.db, &app.clock, &coach, &booking(2, free[1]), Locale::Fr).await.expect("booked");
    app.new_visitor();
    let own = appointment_path(&first.public_id, &first.secret);
    app.get(&own).await.assert_status(StatusCode::OK);
    let token = own.rsplit('/').next().expect("token");
    let crossed = format!("/rendez-vous/{}/{token}", second.public_id);
    app.get(&crossed).await.assert_status(StatusCode::NOT_FOUND);
    app.get("/coachs").await;
    app.post_form(&format!("{crossed}/annuler"), &[]).await.assert_status(StatusCode::NOT_FOUND);
    assert_eq!(app.count_where("appointments", "status", "cancelled").await, 0);
    // A workshop-style token for the same secret is not an appointment token.
    let workshop_style = format!("/rendez-vous/{}/{}", first.public_id, token_for(&first.secret, Purpose::Manage));
    app.get(&workshop_style).await.assert_status(StatusCode::NOT_FOUND);

    let one = passport_for(&app, 1).await;
    let two = passport_for(&app, 2).await;
    app.get(&holder_link(&one)).await.assert_status(StatusCode::OK);
    let token = holder_link(&one).rsplit('/').next().expect("token").to_owned();
    app.get(&format!("/passeport/{}/{token}", two.public_id)).await.assert_status(StatusCode::NOT_FOUND);
    app.get(&format!("/passeport/{}/{token}/passeport.json", two.public_id)).await.assert_status(StatusCode::NOT_FOUND);
}

crate::both_engines!(
    account_links_serve_one_purpose_once_and_expire,
    workshop_links_open_their_own_registration_for_their_own_purpose,
    appointment_and_passport_links_open_their_own_only,
);
