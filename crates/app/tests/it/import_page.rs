//! The managers' upload page: a dry run first, then the import for real, idempotent, with its
//! report (counts, records left out, rejections by line); the form's errors; only the
//! territory's managers may use it.

use crate::helpers::{Part, TestApp};
use axum::http::StatusCode;
use std::path::PathBuf;
use tremplin_domain::accounts::{AccountRepo, ensure_user};
use tremplin_domain::territories::TerritoryRepo;
use tremplin_kernel::{Email, Role};

const PASSWORD: &str = "une phrase de passe solide";
const PAGE: &str = "/territoires/angers/imports";

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../interchange/tests/fixtures").join(name)).expect("fixture")
}

/// Angers as a territory, its manager (logged in) and an account with no role there.
async fn manager_of_angers(app: &mut TestApp) {
    app.commune_territory("angers", "Angers", "49007").await;
    let territory = app.db.territory_by_slug("angers").await.expect("lookup").expect("territory");
    let manager = ensure_user(&app.db, &app.clock, &Email::parse("gestion@exemple.fr").expect("email"), "Gestion", Some(PASSWORD), false)
        .await
        .expect("manager");
    app.db.grant_role(manager.id, territory.id, Role::Manager, None, 0).await.expect("grant");
    ensure_user(&app.db, &app.clock, &Email::parse("membre@exemple.fr").expect("email"), "Membre", Some(PASSWORD), false)
        .await
        .expect("member");
    app.log_in("gestion@exemple.fr", PASSWORD).await;
}

/// The number shown in `<dd id="{id}">`.
fn count(body: &str, id: &str) -> u64 {
    let marker = format!("id=\"{id}\">");
    let start = body.find(&marker).unwrap_or_else(|| panic!("no {id} in:\n{body}")) + marker.len();
    body[start..].chars().take_while(|c| *c != '<').filter(char::is_ascii_digit).collect::<String>().parse().expect("a count")
}

/// Uploads `content` as `file_name`, in `format`, as a dry run or not.
async fn upload(app: &mut TestApp, format: &str, file_name: &str, content: &[u8], dry_run: bool) -> crate::helpers::TestResponse {
    let mut parts = vec![Part::Text("format", format)];
    if dry_run {
        parts.push(Part::Text("dry_run", "1"));
    }
    parts.push(Part::File("file", file_name, content));
    app.post_multipart(PAGE, &parts, true).await
}

async fn a_manager_tries_then_imports_a_mediation_file(mut app: TestApp) {
    manager_of_angers(&mut app).await;
    let territory_page = app.get("/territoires/angers").await;
    assert!(territory_page.body.contains("href=\"/territoires/angers/imports\""), "linked from the territory page");
    assert!(app.get("/territoires/angers/moderation").await.body.contains("href=\"/territoires/angers/imports\""));
    let form = app.get(PAGE).await;
    form.assert_status(StatusCode::OK);
    let token = app.csrf().expect("token");
    assert!(form.body.contains(&format!("action=\"/territoires/angers/imports?_csrf={token}\" enctype=\"multipart/form-data\"")));
    assert!(form.body.contains("name=\"dry_run\" value=\"1\" aria-describedby=\"dry-run-hint\" checked"), "dry run by default");
    let file = fixture("mediation-lieux.csv");

    let dry = upload(&mut app, "mediation", "lieux.csv", &file, true).await;
    dry.assert_status(StatusCode::OK);
    assert!(dry.body.contains("Résultat de l&#39;essai") || dry.body.contains("Résultat de l'essai"), "{}", dry.body);
    assert!(dry.body.contains("rien n"), "the page says nothing was saved");
    assert!(dry.body.contains("retour=%2Fterritoires%2Fangers%2Fimports\""), "the token stays out of the language switch");
    let new = count(&dry.body, "count-new");
    assert!(new > 0, "{}", dry.body);
    assert_eq!(count(&dry.body, "count-known"), 0);
    assert_eq!(app.count("listings").await, 0, "a dry run saves nothing");
    // The malformed line is named, and places of other communes are left out.
    assert!(dry.body.contains("<th scope=\"row\">ligne 6</th>"), "{}", dry.body);
    assert!(dry.body.contains("hors des communes du territoire"));

    let real = upload(&mut app, "mediation", "lieux.csv", &file, false).await;
    real.assert_status(StatusCode::OK);
    assert!(real.body.contains("Résultat de l"));
    assert_eq!(count(&real.body, "count-created"), new, "the rest of the file is imported");
    assert!(count(&real.body, "count-rejected") >= 1);
    assert!(real.body.contains("<th scope=\"row\">ligne 6</th>"));
    assert_eq!(app.count("listings").await as u64, new);
    let found = app.get("/api/v1/listings?kind=mediation&place=Angers").await.json();
    assert!(found["total"].as_u64().expect("total") >= 1, "{found}");

    let again = upload(&mut app, "mediation", "lieux.csv", &file, false).await;
    again.assert_status(StatusCode::OK);
    assert_eq!((count(&again.body, "count-created"), count(&again.body, "count-updated")), (0, 0), "idempotent");
    assert_eq!(count(&again.body, "count-unchanged"), new);
    assert_eq!(app.count("listings").await as u64, new);
    let dry_again = upload(&mut app, "mediation", "lieux.json", &fixture("mediation-lieux.json"), true).await;
    assert!(count(&dry_again.body, "count-known") > 0, "the JSON form of the standard is read too: {}", dry_again.body);
}

async fn the_form_explains_what_is_wrong(mut app: TestApp) {
    manager_of_angers(&mut app).await;
    app.get(PAGE).await;
    let file = fixture("mediation-lieux.csv");

    let no_file = app.post_multipart(PAGE, &[Part::Text("format", "mediation"), Part::File("file", "", b"")], true).await;
    no_file.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(no_file.body.contains("Choisissez un fichier.") && no_file.body.contains("role=\"alert\""), "{}", no_file.body);
    assert!(no_file.body.contains("value=\"mediation\" checked"), "the format chosen is kept");
    let no_part = app.post_multipart(PAGE, &[Part::Text("format", "mediation")], true).await;
    no_part.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(no_part.body.contains("Choisissez un fichier."));

    let no_format = app.post_multipart(PAGE, &[Part::File("file", "lieux.csv", &file)], true).await;
    no_format.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(no_format.body.contains("Choisissez le format du fichier."));
    let unknown = upload(&mut app, "xls", "lieux.csv", &file, true).await;
    unknown.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(unknown.body.contains("Choisissez le format du fichier."));

    let empty = upload(&mut app, "mediation", "vide.csv", b"", true).await;
    empty.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(empty.body.contains("Ce fichier est vide."));
    let blank = upload(&mut app, "mediation", "blanc.csv", b"\n", false).await;
    blank.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(blank.body.contains("format choisi"), "{}", blank.body);

    let wrong = upload(&mut app, "sirene", "lieux.csv", &file, false).await;
    wrong.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(wrong.body.contains("Ce fichier ne peut pas être lu dans le format choisi."), "{}", wrong.body);
    assert!(wrong.body.contains("missing column"), "the reader's finding is shown: {}", wrong.body);
    let not_json = upload(&mut app, "osm", "lieux.csv", &file, false).await;
    not_json.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(not_json.body.contains("format choisi"));
    assert_eq!(app.count("listings").await, 0);

    app.with_header("accept-language", "en");
    let english = app.post_multipart(PAGE, &[Part::Text("format", "mediation"), Part::File("file", "", b"")], true).await;
    english.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(english.body.contains("Choose a file."), "{}", english.body);
}

async fn a_file_too_large_gets_the_form_back(mut app: TestApp) {
    manager_of_angers(&mut app).await;
    app.get(PAGE).await;
    let mut big = b"id,nom\n".to_vec();
    big.resize(tremplin_web::limits::UPLOAD_LIMIT + 1024, b'x');
    let refused = upload(&mut app, "mediation", "grand.csv", &big, true).await;
    refused.assert_status(StatusCode::PAYLOAD_TOO_LARGE);
    assert!(refused.body.contains("trop gros"), "{}", refused.body);
    assert_eq!(app.count("listings").await, 0);
    // Other pages take no such body.
    let body = vec![b'a'; 3 * 1024 * 1024];
    let elsewhere = app.post_multipart("/annuaire/proposer", &[Part::File("file", "x", &body)], true).await;
    assert!(elsewhere.status.is_client_error(), "{}", elsewhere.status);
}

async fn only_the_territory_managers_may_import(mut app: TestApp) {
    manager_of_angers(&mut app).await;
    app.commune_territory("saumur", "Saumur", "49328").await;
    app.get("/territoires/saumur/imports").await.assert_status(StatusCode::FORBIDDEN);
    app.new_visitor();
    let anonymous = app.get(PAGE).await;
    anonymous.assert_status(StatusCode::SEE_OTHER);
    assert!(anonymous.location().starts_with("/connexion?retour="), "{}", anonymous.location());
    app.log_in("membre@exemple.fr", PASSWORD).await;
    app.get(PAGE).await.assert_status(StatusCode::FORBIDDEN);
    let page = app.get("/territoires/angers").await;
    assert!(!page.body.contains("/territoires/angers/imports"), "no link for others");
    let refused = upload(&mut app, "mediation", "lieux.csv", &fixture("mediation-lieux.csv"), false).await;
    refused.assert_status(StatusCode::FORBIDDEN);
    assert_eq!(app.count("listings").await, 0);
}

crate::both_engines!(
    a_manager_tries_then_imports_a_mediation_file,
    the_form_explains_what_is_wrong,
    a_file_too_large_gets_the_form_back,
    only_the_territory_managers_may_import
);
