//! The passport's signed credential through the real router, on both engines: an Open Badges
//! 3.0 VC-JWT verified by an independent Ed25519 implementation (`ring`) against the
//! published JWKS; a changed byte, an unknown key, a foreign key's signature refused; key
//! rotation keeping what was signed valid and byte-identical.

use crate::events_staff::account;
use crate::helpers::TestApp;
use crate::learning_fixtures::passport_for;
use crate::passport_fixtures::{credential_of, holder_link, part, ring_verify, territory_key, verify_api};
use axum::http::StatusCode;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::Value;
use tremplin_credentials::KeyMaterial;
use tremplin_kernel::Role;

crate::both_engines!(
    the_credential_is_an_open_badge_verified_by_an_independent_implementation,
    a_changed_byte_an_unknown_key_or_a_foreign_key_is_invalid,
    a_rotation_keeps_old_credentials_valid_and_identical,
    a_wrong_holder_token_is_the_same_404_as_an_unknown_passport,
);

async fn jwks(app: &mut TestApp, path: &str) -> Value {
    let response = app.get(path).await;
    response.assert_status(StatusCode::OK);
    assert!(response.headers.get("content-type").and_then(|v| v.to_str().ok()).is_some_and(|t| t.starts_with("application/jwk-set+json")));
    response.json()
}

async fn the_credential_is_an_open_badge_verified_by_an_independent_implementation(mut app: TestApp) {
    let passport = passport_for(&app, 1).await;
    let token = credential_of(&mut app, &passport).await;
    let header: Value = serde_json::from_slice(&part(&token, 0)).expect("header");
    assert_eq!(header["alg"], "EdDSA");
    assert_eq!(header["typ"], "vc+jwt");

    let set = jwks(&mut app, "/territoires/angers/jwks.json").await;
    assert_eq!(set["keys"].as_array().map(Vec::len), Some(1));
    assert_eq!(set["keys"][0]["kid"], header["kid"]);
    assert!(set["keys"][0].get("d").is_none(), "no private part is published");
    let claims = ring_verify(&token, &set).expect("ring verifies our signature");
    // The same key is in the platform's set.
    ring_verify(&token, &jwks(&mut app, "/.well-known/jwks.json").await).expect("platform JWKS");

    assert_eq!(claims["@context"][0], "https://www.w3.org/ns/credentials/v2");
    assert!(claims["@context"][1].as_str().is_some_and(|c| c.contains("/ob/v3p0/")));
    assert_eq!(claims["type"], serde_json::json!(["VerifiableCredential", "OpenBadgeCredential"]));
    assert_eq!(claims["issuer"]["id"], "http://localhost/territoires/angers");
    assert_eq!(claims["issuer"]["type"][0], "Profile");
    assert_eq!(claims["iss"], claims["issuer"]["id"]);
    assert_eq!(claims["id"], format!("http://localhost/passeport/verifier/{}", passport.public_id));
    assert!(claims["validFrom"].as_str().is_some_and(|v| v.ends_with('Z')));
    let achievement = &claims["credentialSubject"]["achievement"];
    let narrative = achievement["criteria"]["narrative"].as_str().expect("criteria");
    for module in &passport.modules {
        assert!(narrative.contains(&module.title), "{narrative}");
    }
    assert_eq!(claims["evidence"].as_array().map(Vec::len), Some(passport.modules.len()));
    assert!(claims["evidence"][0]["narrative"].as_str().is_some_and(|n| n.contains("Preuve quiz")));
    let identity = &claims["credentialSubject"]["identifier"][0];
    assert_eq!(identity["identityType"], "emailAddress");
    assert!(identity["identityHash"].as_str().is_some_and(|h| h.starts_with("sha256$")));
    assert!(!token.contains("personne1"), "the e-mail is only hashed");
    let salt = identity["salt"].as_str().expect("salt");
    let expected = tremplin_credentials::badge::identity_hash("personne1@example.fr", salt);
    assert_eq!(identity["identityHash"], expected);
    assert_eq!(claims["credentialStatus"]["id"], format!("http://localhost/api/v1/passports/{}/verification", passport.public_id));

    // Our own verification agrees, and the JSON download is the same document.
    let (status, answer) = verify_api(&mut app, &token).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(answer["result"], "valid", "{answer}");
    assert_eq!(answer["kid"], header["kid"]);
    let document = app.get(&format!("{}/passeport.json", holder_link(&passport))).await.json();
    assert_eq!(document["credentialSubject"], claims["credentialSubject"]);
    // Downloading again gives the same bytes (deterministic signature, key recorded once).
    assert_eq!(credential_of(&mut app, &passport).await, token);
}

/// Flips one character of a JWT part, keeping it valid base64url.
fn tamper(token: &str, index: usize) -> String {
    let mut parts: Vec<String> = token.split('.').map(str::to_owned).collect();
    let mut bytes = URL_SAFE_NO_PAD.decode(&parts[index]).expect("b64");
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x01;
    parts[index] = URL_SAFE_NO_PAD.encode(bytes);
    parts.join(".")
}

async fn a_changed_byte_an_unknown_key_or_a_foreign_key_is_invalid(mut app: TestApp) {
    let passport = passport_for(&app, 2).await;
    let token = credential_of(&mut app, &passport).await;
    let set = jwks(&mut app, "/territoires/angers/jwks.json").await;
    ring_verify(&token, &set).expect("the original verifies");

    for index in [1, 2] {
        let changed = tamper(&token, index);
        assert!(ring_verify(&changed, &set).is_err(), "ring refuses a changed byte in part {index}");
        let (status, answer) = verify_api(&mut app, &changed).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(answer["result"], "invalid", "{answer}");
        assert_eq!(answer["reason"]["code"], "signature");
        assert!(answer["reason"]["message"].as_str().is_some_and(|m| m.contains("signature")));
    }

    // Signed by a key nobody published, with its own kid: unknown key.
    let foreign = KeyMaterial::from_seed([0xAB; 32]);
    let claims: Value = serde_json::from_slice(&part(&token, 1)).expect("claims");
    let forged = tremplin_credentials::sign(&claims, &foreign.kid, &foreign.private_key, passport.issued_at).expect("forged");
    assert_eq!(verify_api(&mut app, &forged).await.1["reason"]["code"], "unknown_key");
    // Signed by a foreign key under the territory's kid: bad signature.
    let kid = serde_json::from_slice::<Value>(&part(&token, 0)).expect("header")["kid"].as_str().expect("kid").to_owned();
    let impostor = tremplin_credentials::sign(&claims, &kid, &foreign.private_key, passport.issued_at).expect("forged");
    assert!(ring_verify(&impostor, &set).is_err());
    assert_eq!(verify_api(&mut app, &impostor).await.1["reason"]["code"], "signature");

    // Signed by a neighbour territory's real key but naming Angers as issuer: refused.
    app.commune_territory("trelaze", "Trélazé", "49353").await;
    let neighbour = territory_key(&app, "trelaze").await;
    let usurped = tremplin_credentials::sign(&claims, &neighbour.kid, &neighbour.private_key, passport.issued_at).expect("signed");
    assert_eq!(verify_api(&mut app, &usurped).await.1["reason"]["code"], "issuer");

    // Not a JWT; nothing pasted.
    assert_eq!(verify_api(&mut app, "bonjour").await.1["reason"]["code"], "malformed");
    let (status, empty) = verify_api(&mut app, "  ").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(empty["error"]["fields"]["credential"].is_string(), "{empty}");

    // The paste form says the same, beside the field, keeping what was pasted.
    app.new_visitor();
    app.get("/passeport/verifier").await.assert_status(StatusCode::OK);
    let page = app.post_form("/passeport/verifier", &[("credential", &tamper(&token, 1))]).await;
    page.assert_status(StatusCode::OK);
    assert!(page.body.contains("Attestation invalide"), "{}", page.body);
    assert!(page.body.contains("La signature ne correspond pas"));
    let good = app.post_form("/passeport/verifier", &[("credential", &token)]).await;
    assert!(good.body.contains("Passeport valide"), "{}", good.body);
    let blank = app.post_form("/passeport/verifier", &[("credential", "")]).await;
    blank.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(blank.body.contains("id=\"credential-error\" role=\"alert\""));
}

async fn a_rotation_keeps_old_credentials_valid_and_identical(mut app: TestApp) {
    let old = passport_for(&app, 3).await;
    let before = credential_of(&mut app, &old).await;
    account(&mut app, "gestion@example.fr", Some(Role::Manager)).await;
    app.get("/territoires/angers/passeports").await.assert_status(StatusCode::OK);
    app.post_form("/territoires/angers/passeports/cle", &[]).await.assert_status(StatusCode::SEE_OTHER);

    let set = jwks(&mut app, "/territoires/angers/jwks.json").await;
    assert_eq!(set["keys"].as_array().map(Vec::len), Some(2), "the retired key stays published");
    assert_eq!(credential_of(&mut app, &old).await, before, "signed by its recorded key, byte for byte");
    ring_verify(&before, &set).expect("still verifies");
    assert_eq!(verify_api(&mut app, &before).await.1["result"], "valid");

    // A passport issued after the rotation is signed by the new key.
    let new = passport_for(&app, 4).await;
    let after = credential_of(&mut app, &new).await;
    let kid = |t: &str| serde_json::from_slice::<Value>(&part(t, 0)).expect("header")["kid"].clone();
    assert_ne!(kid(&before), kid(&after));
    ring_verify(&after, &set).expect("the new key is published");
    let page = app.get("/territoires/angers/passeports").await;
    assert!(page.body.contains("retirée le"), "{}", page.body);
}

async fn a_wrong_holder_token_is_the_same_404_as_an_unknown_passport(mut app: TestApp) {
    let passport = passport_for(&app, 5).await;
    let good = app.get(&holder_link(&passport)).await;
    good.assert_status(StatusCode::OK);
    assert!(good.body.contains("Personne 1") || good.body.contains("Personne 5"));
    assert_eq!(good.headers.get("cache-control").and_then(|v| v.to_str().ok()), Some("private, no-store"));
    let wrong = app.get(&format!("/passeport/{}/{}", passport.public_id, "x".repeat(43))).await;
    let unknown = app.get(&format!("/passeport/inconnu/{}", "x".repeat(43))).await;
    wrong.assert_status(StatusCode::NOT_FOUND);
    unknown.assert_status(StatusCode::NOT_FOUND);
    assert_eq!(wrong.body.replace(&passport.public_id, ""), unknown.body.replace("inconnu", ""));
    for suffix in ["passeport.pdf", "passeport.jwt", "passeport.json"] {
        app.get(&format!("/passeport/{}/{}/{suffix}", passport.public_id, "x".repeat(43))).await.assert_status(StatusCode::NOT_FOUND);
    }
}
