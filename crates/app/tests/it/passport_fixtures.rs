//! Helpers of the passport tests: the holder's link, raw downloads, the verification API,
//! and an Ed25519 check made by `ring`, an implementation independent of ours.

use crate::helpers::TestApp;
use axum::body::{Body, to_bytes};
use axum::http::{Method, Request, StatusCode, header};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::Value;
use tower::ServiceExt;
use tremplin_domain::learning::Passport;
use tremplin_domain::learning::tokens::holder_path;

/// The holder's page of a passport.
pub fn holder_link(passport: &Passport) -> String {
    holder_path(&passport.public_id, &passport.secret)
}

/// `GET path` as bytes (PDF), with status and content type.
pub async fn get_bytes(app: &TestApp, path: &str) -> (StatusCode, String, Vec<u8>) {
    let request = Request::builder().uri(path).header(header::HOST, "localhost").body(Body::empty()).expect("request");
    let response = app.router.clone().oneshot(request).await.expect("infallible router");
    let status = response.status();
    let content_type = response.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    let bytes = to_bytes(response.into_body(), usize::MAX).await.expect("body");
    (status, content_type, bytes.to_vec())
}

/// The holder's VC-JWT.
pub async fn credential_of(app: &mut TestApp, passport: &Passport) -> String {
    let response = app.get(&format!("{}/passeport.jwt", holder_link(passport))).await;
    response.assert_status(StatusCode::OK);
    assert_eq!(response.headers.get(header::CACHE_CONTROL).and_then(|v| v.to_str().ok()), Some("private, no-store"));
    response.body.trim().to_owned()
}

/// `POST /api/v1/passports/verify` with `credential`.
pub async fn verify_api(app: &mut TestApp, credential: &str) -> (StatusCode, Value) {
    let body = serde_json::to_vec(&serde_json::json!({ "credential": credential })).expect("json");
    let response = app.request(Method::POST, "/api/v1/passports/verify", Some(("application/json", body)), &[]).await;
    (response.status, response.json())
}

/// `GET /api/v1/passports/{id}/verification`.
pub async fn status_api(app: &mut TestApp, public_id: &str) -> (StatusCode, Value) {
    let response = app.get(&format!("/api/v1/passports/{public_id}/verification")).await;
    (response.status, response.json())
}

/// Decodes a base64url part of a JWT.
pub fn part(token: &str, index: usize) -> Vec<u8> {
    let piece = token.split('.').nth(index).expect("three parts");
    URL_SAFE_NO_PAD.decode(piece).expect("base64url")
}

/// Checks a JWS with `ring` against the published JWKS, by `kid`: `Ok(payload)` when the
/// signature holds. Nothing of our signing code is used.
pub fn ring_verify(token: &str, jwks: &Value) -> Result<Value, String> {
    let header: Value = serde_json::from_slice(&part(token, 0)).map_err(|e| e.to_string())?;
    if header["alg"] != "EdDSA" {
        return Err(format!("alg {}", header["alg"]));
    }
    let kid = header["kid"].as_str().ok_or("no kid")?;
    let jwk = jwks["keys"].as_array().and_then(|keys| keys.iter().find(|k| k["kid"] == kid)).ok_or("kid not published")?;
    assert_eq!((jwk["kty"].as_str(), jwk["crv"].as_str()), (Some("OKP"), Some("Ed25519")));
    let public = URL_SAFE_NO_PAD.decode(jwk["x"].as_str().ok_or("no x")?).map_err(|e| e.to_string())?;
    let (signing_input, _) = token.rsplit_once('.').ok_or("no signature")?;
    let key = ring::signature::UnparsedPublicKey::new(&ring::signature::ED25519, public);
    key.verify(signing_input.as_bytes(), &part(token, 2)).map_err(|_| "bad signature".to_owned())?;
    serde_json::from_slice(&part(token, 1)).map_err(|e| e.to_string())
}

/// The active signing key of the territory `slug` (created if it has none).
pub async fn territory_key(app: &TestApp, slug: &str) -> tremplin_domain::learning::credentials::CredentialKey {
    use tremplin_domain::learning::credentials::{CredentialRepo, NewKey};
    use tremplin_domain::territories::TerritoryRepo;
    use tremplin_kernel::Clock;
    let territory = app.db.territory_by_slug(slug).await.expect("lookup").expect("territory");
    let material = tremplin_credentials::KeyMaterial::from_seed([territory.id as u8; 32]);
    let candidate = NewKey { kid: material.kid, public_key: material.public_key, private_key: material.private_key };
    app.db.active_key_or_insert(territory.id, &candidate, app.clock.now_ts()).await.expect("key")
}

/// `12/03/2026`: a day as the passport prints it (Europe/Paris).
pub fn paris_day(ts: i64) -> String {
    chrono::DateTime::from_timestamp(ts, 0)
        .map(|d| d.with_timezone(&chrono_tz::Europe::Paris).format("%d/%m/%Y").to_string())
        .unwrap_or_default()
}
