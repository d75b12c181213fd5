//! Hostile text stored in the fields people type is shown escaped on every page that shows
//! it; `javascript:` addresses never become links; templates carry no inline script, event
//! handler or style; every HTML answer carries a Content-Security-Policy without
//! `unsafe-inline`.

use crate::coach_fixtures::{coach_with, profile as coach_profile};
use crate::eco_fixtures::{ANGERS, actor, profile};
use crate::event_fixtures::session;
use crate::helpers::TestApp;
use crate::learning_fixtures::exec;
use axum::http::header;
use std::path::Path;
use tremplin_domain::directory::{ListingInput, ListingKind, save_listing};
use tremplin_domain::ecosystem::ActorKind;
use tremplin_kernel::GeoPoint;

const SCRIPT: &str = "<script>alert(1)</script>";
const IMG: &str = "\"><img src=x onerror=alert(1)>";
const JS_URL: &str = "javascript:alert(1)";

/// The marks of the payloads, raw (must never appear) and escaped (must appear).
fn assert_escaped(page: &str, body: &str) {
    for raw in ["<script>alert(1)", "<img src=x onerror"] {
        assert!(!body.contains(raw), "{page}: the raw payload {raw:?} is in the page");
    }
    // Askama writes `&#60;`, `&#62;`, `&#34;`; other escapers `&lt;`, `&gt;`, `&quot;`.
    let body = body.replace("&#60;", "&lt;").replace("&#62;", "&gt;").replace("&#34;", "&quot;");
    assert!(body.contains("&lt;script&gt;alert(1)&lt;"), "{page}: the escaped text is missing");
    assert!(body.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"), "{page}: the escaped text is missing");
    let lower = body.to_ascii_lowercase();
    for attribute in ["href=\"javascript:", "href='javascript:", "href=javascript:", "src=\"javascript:"] {
        assert!(!lower.contains(attribute), "{page}: a javascript: address became a link");
    }
}

fn hostile(label: &str) -> String {
    format!("{label} {SCRIPT}{IMG}")
}

async fn hostile_text_is_escaped_on_every_page_showing_it(mut app: TestApp) {
    // A listing: name, description, website, opening remark.
    let listing = ListingInput {
        source: "test".into(),
        source_id: "xss".into(),
        kind: Some(ListingKind::Shop),
        name: hostile("Boutique"),
        description: hostile("Description"),
        website: JS_URL.into(),
        address: hostile("Adresse"),
        postcode: "49000".into(),
        insee: Some("49007".into()),
        point: GeoPoint::new(47.4715, -0.5518),
        category: Some("boulangerie-patisserie".into()),
        ..ListingInput::default()
    };
    save_listing(&app.db, &listing, None, Some("Angers"), 0).await.expect("listing");
    let listing_slug: String = match &app.db {
        tremplin_store::Db::Sqlite(pool) => sqlx::query_scalar("SELECT slug FROM listings").fetch_one(pool).await.expect("slug"),
        tremplin_store::Db::Pg(pool) => sqlx::query_scalar("SELECT slug FROM listings").fetch_one(pool).await.expect("slug"),
    };

    // A workshop: title, description, venue, accessibility, online link.
    session(&app, "atelier-xss", 10, 7).await;
    let text = hostile("Atelier").replace('\'', "''");
    exec(
        &app,
        &format!(
            "UPDATE events SET title = '{text}', description = '{text}', venue_name = '{text}', accessibility = '{text}', online_url = '{JS_URL}' WHERE slug = 'atelier-xss'"
        ),
    )
    .await;

    // A coach's profile.
    let mut coach = coach_profile(&hostile("Coach"));
    coach.presentation = hostile("Présentation");
    coach.structure_name = hostile("Structure");
    coach_with(&mut app, "coach@exemple.fr", "coach-xss", &coach).await;

    // An ecosystem actor: name, presentation, website.
    let mut actor_profile = profile(ActorKind::Project, &hostile("Acteur"), ANGERS);
    actor_profile.presentation = hostile("Présentation");
    actor_profile.website = JS_URL.into();
    actor(&mut app, "acteur@exemple.fr", "acteur-xss", &actor_profile).await;

    // An account's display name, shown on its account page.
    app.new_visitor();
    app.get("/inscription").await;
    app.post_form(
        "/inscription",
        &[("email", "zoe@exemple.fr"), ("password", "une phrase de passe solide"), ("display_name", &hostile("Zoé"))],
    )
    .await
    .assert_status(axum::http::StatusCode::SEE_OTHER);
    let account = app.get("/compte").await;
    assert_escaped("/compte", &account.body);

    // A report on the listing, typed by a visitor, shown to the territory's moderators.
    app.get(&format!("/annuaire/{listing_slug}/signaler")).await;
    app.post_form(&format!("/annuaire/{listing_slug}/signaler"), &[("reason", "wrong"), ("message", &hostile("Signalement"))]).await;

    // The territory's managers read the report.
    crate::events_staff::account(&mut app, "gestion@exemple.fr", Some(tremplin_kernel::Role::Manager)).await;
    let moderation = app.get("/territoires/angers/moderation").await;
    assert!(moderation.body.contains("Signalement"), "the report is listed");
    assert_escaped("/territoires/angers/moderation", &moderation.body);

    app.new_visitor();
    let pages = [
        format!("/annuaire/{listing_slug}"),
        "/annuaire?q=boutique".to_owned(),
        "/ateliers/atelier-xss".to_owned(),
        "/ateliers".to_owned(),
        "/coachs/coach-xss".to_owned(),
        "/ecosysteme/acteurs/acteur-xss".to_owned(),
    ];
    for page in &pages {
        let response = app.get(page).await;
        assert!(response.status.is_success(), "{page}: {}", response.status);
        assert_escaped(page, &response.body);
    }
    // The JSON API returns the text as data (JSON-escaped), never as markup to a browser.
    let api = app.get(&format!("/api/v1/listings/{listing_slug}")).await;
    assert!(api.headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|t| t.starts_with("application/json")));
}

/// Every file under `dir` with the extension `ext`.
fn files(dir: &Path, ext: &str, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("folder").flatten() {
        let path = entry.path();
        if path.is_dir() {
            files(&path, ext, out);
        } else if path.extension().is_some_and(|e| e == ext) {
            out.push(path);
        }
    }
}

async fn templates_have_no_inline_script_handler_or_style(_app: TestApp) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../web/templates");
    let mut templates = Vec::new();
    files(&root, "html", &mut templates);
    assert!(templates.len() > 50, "templates found: {}", templates.len());
    let mut problems = Vec::new();
    for file in &templates {
        let text = std::fs::read_to_string(file).expect("template").to_ascii_lowercase();
        for (at, _) in text.match_indices("<script") {
            let tag = &text[at..at + text[at..].find('>').unwrap_or(0)];
            // JSON-LD is data, not code (its text is made embeddable: no `</script>`).
            if !tag.contains(" src=") && !tag.contains("type=\"application/ld+json\"") {
                problems.push(format!("{}: an inline <script>", file.display()));
            }
        }
        for (at, _) in text.match_indices(" on") {
            let word: String = text[at + 1..].chars().take_while(|c| c.is_ascii_alphabetic()).collect();
            if word.len() > 3 && text[at + 1 + word.len()..].starts_with('=') && text[..at].rfind('<') > text[..at].rfind('>') {
                problems.push(format!("{}: an event handler attribute {word}=", file.display()));
            }
        }
        if text.contains(" style=") || text.contains("<style") {
            problems.push(format!("{}: an inline style", file.display()));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

async fn every_html_answer_carries_the_policy(mut app: TestApp) {
    let mut seen = 0;
    for (method, _, template, allowed) in crate::route_table::RULES {
        if *method != "GET" || template.contains('{') || !allowed.contains('V') {
            continue;
        }
        let response = app.get(template).await;
        let html = response.headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|t| t.starts_with("text/html"));
        if !html {
            continue;
        }
        seen += 1;
        let policy = response.headers.get("content-security-policy").and_then(|v| v.to_str().ok()).unwrap_or_default();
        assert!(policy.contains("default-src") && policy.contains("script-src"), "{template}: {policy:?}");
        assert!(!policy.contains("unsafe-inline") && !policy.contains("unsafe-eval"), "{template}: {policy}");
    }
    // Error pages too.
    let missing = app.get("/nulle-part").await;
    assert!(missing.headers.get("content-security-policy").is_some_and(|p| !p.to_str().unwrap_or_default().contains("unsafe-inline")));
    assert!(seen >= 15, "HTML pages checked: {seen}");
}

crate::both_engines!(
    hostile_text_is_escaped_on_every_page_showing_it,
    templates_have_no_inline_script_handler_or_style,
    every_html_answer_carries_the_policy,
);
