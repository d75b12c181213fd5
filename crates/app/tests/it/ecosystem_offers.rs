//! The partner offers catalogue through the real router on both engines: submission and its
//! messages, review by the managers of the territory only, e-mail to the submitter, a
//! department's offer in its communes' catalogue, expiry at the end of the last Paris day,
//! the neutral order in the page and the API, and the CSRF token.

use crate::events_staff::{account, as_user};
use crate::helpers::TestApp;
use crate::stats_fixtures::{Tree, tree};
use axum::http::StatusCode;
use chrono::{TimeZone, Utc};
use tremplin_domain::accounts::{AccountRepo, NewUser};
use tremplin_domain::ecosystem::offers::{OfferDraft, OfferRepo};
use tremplin_domain::ecosystem::{OfferCategory, Pricing};
use tremplin_domain::territories::TerritoryRepo;
use tremplin_kernel::{Clock, Email, Locale, Role};
use tremplin_web::i18n::Tr;

/// Text as the pages write it (askama escapes quotes).
fn escaped(text: &str) -> String {
    text.replace('&', "&amp;").replace('\'', "&#39;").replace('"', "&quot;").replace('<', "&lt;").replace('>', "&gt;")
}

/// Whether a page shows `text` (with either escape of the apostrophe).
fn shows(body: &str, text: &str) -> bool {
    let e = escaped(text);
    body.contains(&e) || body.contains(&e.replace("&#39;", "&#x27;"))
}

/// A French message.
fn fr(key: &str) -> String {
    Tr::new(Locale::Fr).t(key)
}

/// A draft running from `starts_on` to `ends_on`.
fn draft(provider: &str, title: &str, category: OfferCategory, open_source: bool, pricing: Pricing, ends_on: &str) -> OfferDraft {
    OfferDraft {
        provider: provider.into(),
        title: title.into(),
        category,
        description: format!("{title}, par {provider}."),
        pricing,
        price_terms: if pricing == Pricing::Preferential { "-30 % la première année".into() } else { String::new() },
        conditions: "Entreprises de moins de 10 salariés.".into(),
        data_shared: format!("Nom et e-mail du gérant pour {title}"),
        open_source,
        licence: if open_source { "GPL-3.0".into() } else { String::new() },
        url: format!("https://{}.example/offre", tremplin_kernel::text::slugify(provider)),
        starts_on: "2020-01-01".into(),
        ends_on: ends_on.into(),
    }
}

/// The platform's reviewer of the offers approved directly in the store.
async fn reviewer(app: &TestApp) -> i64 {
    let email = Email::parse("relecture@example.org").expect("email");
    if let Some(user) = app.db.user_by_email(&email).await.expect("lookup") {
        return user.id;
    }
    let new = NewUser {
        email,
        display_name: "Relecture".into(),
        password_hash: None,
        locale: Locale::Fr,
        is_platform_admin: true,
        created_at: app.clock.now_ts(),
    };
    app.db.create_user(&new, None).await.expect("store").map(|u| u.id).unwrap_or_default()
}

/// An approved offer of `territory`; returns its slug.
async fn approved(app: &TestApp, territory: i64, slug: &str, draft: &OfferDraft) -> String {
    let now = app.clock.now_ts();
    let reviewer = reviewer(app).await;
    let id = app.db.create_offer(territory, None, slug, draft, now).await.expect("offer").expect("no limit without an account");
    assert!(app.db.decide_offer(id, true, "", reviewer, now, |_| None).await.expect("decided"));
    slug.to_owned()
}

/// A manager of `territory` (logged in on `app`).
async fn manager_of(app: &mut TestApp, email: &str, territory: i64) {
    let id = account(app, email, None).await;
    app.db.grant_role(id, territory, Role::Manager, None, 0).await.expect("grant");
}

/// The fields of a valid submission for Angers ending `ends_on`.
fn good_form<'a>(title: &'a str, ends_on: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("territory", "angers"),
        ("provider", "Hébergeurs Angevins"),
        ("title", title),
        ("category", "website"),
        ("description", "Un site vitrine WordPress hébergé en Anjou."),
        ("pricing", "free"),
        ("price_terms", ""),
        ("conditions", "Commerces de moins de 10 salariés."),
        ("data_shared", "Aucune donnée"),
        ("open_source", "true"),
        ("licence", "GPL-2.0"),
        ("url", "https://hebergeurs-angevins.example/site"),
        ("starts_on", ""),
        ("ends_on", ends_on),
    ]
}

/// The date a year from the clock, `YYYY-MM-DD`.
fn in_a_year(app: &TestApp) -> String {
    (app.clock.now() + chrono::Duration::days(365)).format("%Y-%m-%d").to_string()
}

async fn each_message_shows_with_the_input_kept(mut app: TestApp) {
    tree(&app).await;
    account(&mut app, "fournisseur@example.org", None).await;
    app.get("/offres/proposer").await.assert_status(StatusCode::OK);
    let blank = app.post_form("/offres/proposer", &[("provider", "Gardé tel quel")]).await;
    blank.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    for key in [
        "eco-offer-error-territory",
        "eco-offer-error-title",
        "eco-offer-error-category",
        "eco-offer-error-description",
        "eco-offer-error-pricing",
        "eco-offer-error-data-shared",
        "eco-offer-error-url",
        "eco-offer-error-ends-on",
    ] {
        assert!(shows(&blank.body, &fr(key)), "{key} missing:\n{}", blank.body);
    }
    assert!(shows(&blank.body, "value=\"Gardé tel quel\"") || blank.body.contains("value=\"Gardé tel quel\""), "{}", blank.body);
    assert!(blank.body.contains("role=\"alert\""));
    let end = in_a_year(&app);
    let cases: Vec<(&str, &str, &str)> = vec![
        ("pricing", "preferential", "eco-offer-error-price-terms"),
        ("licence", "", "eco-offer-error-licence"),
        ("url", "ftp://hebergeurs.example", "eco-offer-error-url"),
        ("ends_on", "2001-01-01", "eco-offer-error-ends-past"),
        ("ends_on", "2099-01-01", "eco-offer-error-too-long-period"),
        ("starts_on", "demain", "eco-offer-error-starts-on"),
        ("provider", "", "eco-offer-error-provider"),
        ("territory", "atlantide", "eco-offer-error-territory"),
    ];
    for (field, value, key) in cases {
        let mut form = good_form("Site vitrine", &end);
        form.retain(|(f, _)| *f != field);
        form.push((field, value));
        let refused = app.post_form("/offres/proposer", &form).await;
        refused.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
        assert!(shows(&refused.body, &fr(key)), "{field}={value}: {key} missing:\n{}", refused.body);
        assert!(refused.body.contains("Un site vitrine WordPress hébergé en Anjou."), "description kept");
    }
    let reversed = [("starts_on", "2099-02-01"), ("ends_on", "2099-01-01")];
    let mut form = good_form("Site vitrine", &end);
    form.retain(|(f, _)| !matches!(*f, "starts_on" | "ends_on"));
    form.extend(reversed);
    let refused = app.post_form("/offres/proposer", &form).await;
    assert!(shows(&refused.body, &fr("eco-offer-error-ends-before-start")), "{}", refused.body);
    assert_eq!(app.count("partner_offers").await, 0);
}

async fn an_offer_shows_once_a_manager_of_its_territory_approves_it(mut app: TestApp) {
    let t: Tree = tree(&app).await;
    account(&mut app, "fournisseur@example.org", None).await;
    let end = in_a_year(&app);
    let sent = app.post_form("/offres/proposer", &good_form("Site vitrine solidaire", &end)).await;
    sent.assert_status(StatusCode::SEE_OTHER);
    assert_eq!(sent.location(), "/offres/mes-propositions");
    let mine = app.get("/offres/mes-propositions").await;
    assert!(mine.body.contains("Site vitrine solidaire") && mine.body.contains(&fr("eco-offer-status-submitted")), "{}", mine.body);
    assert_eq!(mine.headers.get("cache-control").and_then(|v| v.to_str().ok()), Some("private, no-store"));
    let slug: String = app.db.territory_offers(&[t.angers]).await.expect("offers")[0].slug.clone();
    // Not shown before approval, to anyone but its submitter and the managers.
    assert!(!app.get("/offres").await.body.contains("Site vitrine solidaire"));
    app.get(&format!("/offres/{slug}")).await.assert_status(StatusCode::OK);
    app.new_visitor();
    app.get(&format!("/offres/{slug}")).await.assert_status(StatusCode::NOT_FOUND);
    let review = "/territoires/angers/offres";
    let anonymous = app.get(review).await;
    anonymous.assert_status(StatusCode::SEE_OTHER);
    assert!(anonymous.location().starts_with("/connexion"));
    // A member of Angers, a manager of Saumur (the neighbour): refused.
    account(&mut app, "membre@example.org", Some(Role::Member)).await;
    app.get(review).await.assert_status(StatusCode::FORBIDDEN);
    app.post_form(&format!("{review}/{slug}/decision"), &[("decision", "approve")]).await.assert_status(StatusCode::FORBIDDEN);
    manager_of(&mut app, "saumur@example.org", t.saumur).await;
    app.get(review).await.assert_status(StatusCode::FORBIDDEN);
    app.post_form(&format!("{review}/{slug}/decision"), &[("decision", "approve")]).await.assert_status(StatusCode::FORBIDDEN);
    app.post_form(&format!("/territoires/saumur/offres/{slug}/decision"), &[("decision", "approve")])
        .await
        .assert_status(StatusCode::NOT_FOUND);
    // The manager of Angers sees the queue; a rejection needs a note.
    manager_of(&mut app, "angers@example.org", t.angers).await;
    let queue = app.get(review).await;
    queue.assert_status(StatusCode::OK);
    assert!(queue.body.contains("Site vitrine solidaire"), "{}", queue.body);
    let refused = app.post_form(&format!("{review}/{slug}/decision"), &[("decision", "reject"), ("note", " ")]).await;
    refused.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(shows(&refused.body, &fr("eco-offer-error-note")), "{}", refused.body);
    app.post_form(&format!("{review}/{slug}/decision"), &[("decision", "approve")]).await.assert_status(StatusCode::SEE_OTHER);
    let catalogue = app.get("/offres").await;
    assert!(catalogue.body.contains("Site vitrine solidaire"), "{}", catalogue.body);
    assert!(catalogue.body.contains("Données transmises au fournisseur :</strong> Aucune donnée"), "{}", catalogue.body);
    // The submitter is told, by e-mail.
    assert_eq!(app.count_where("outbox", "template", "eco_offer_approved").await, 1);
    app.run_pending_jobs().await;
    let mail = app
        .sent_mail()
        .into_iter()
        .find(|m| m.to == "fournisseur@example.org" && m.message.subject.contains("validée"))
        .expect("mail to the submitter");
    assert!(mail.message.text.contains("Site vitrine solidaire") && mail.message.text.contains(&format!("/offres/{slug}")));
    // Deciding twice changes nothing; the submitter withdraws it.
    app.post_form(&format!("{review}/{slug}/decision"), &[("decision", "reject"), ("note", "Trop tard")])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    assert_eq!(app.count_where("outbox", "template", "eco_offer_rejected").await, 0);
    as_user(&mut app, "fournisseur@example.org").await;
    app.get("/offres/mes-propositions").await;
    app.post_form(&format!("/offres/mes-propositions/{slug}/retirer"), &[]).await.assert_status(StatusCode::SEE_OTHER);
    assert!(!app.get("/offres").await.body.contains("Site vitrine solidaire"));
    // Someone else's offer cannot be withdrawn by a stranger.
    as_user(&mut app, "membre@example.org").await;
    app.get("/offres").await;
    app.post_form(&format!("/offres/mes-propositions/{slug}/retirer"), &[]).await.assert_status(StatusCode::NOT_FOUND);
}

async fn a_rejection_is_mailed_with_its_note(mut app: TestApp) {
    let t = tree(&app).await;
    account(&mut app, "fournisseur@example.org", None).await;
    let end = in_a_year(&app);
    app.post_form("/offres/proposer", &good_form("Boutique douteuse", &end)).await.assert_status(StatusCode::SEE_OTHER);
    let slug: String = app.db.territory_offers(&[t.angers]).await.expect("offers")[0].slug.clone();
    // A manager of the department decides for its communes.
    manager_of(&mut app, "departement@example.org", t.department).await;
    app.get("/territoires/maine-et-loire/offres").await.assert_status(StatusCode::OK);
    app.post_form(&format!("/territoires/maine-et-loire/offres/{slug}/decision"), &[("decision", "reject"), ("note", "Prix non précisé")])
        .await
        .assert_status(StatusCode::SEE_OTHER);
    app.run_pending_jobs().await;
    let mail =
        app.sent_mail().into_iter().find(|m| m.to == "fournisseur@example.org" && m.message.subject.contains("retenue")).expect("mail");
    assert!(mail.message.text.contains("Prix non précisé"), "{}", mail.message.text);
    as_user(&mut app, "fournisseur@example.org").await;
    let mine = app.get("/offres/mes-propositions").await;
    assert!(mine.body.contains("Prix non précisé") && mine.body.contains(&fr("eco-offer-status-rejected")), "{}", mine.body);
    assert!(!app.get("/offres").await.body.contains("Boutique douteuse"));
}

async fn a_departments_offer_holds_in_its_communes_not_a_communes_in_its_neighbour(mut app: TestApp) {
    let t = tree(&app).await;
    let end = in_a_year(&app);
    approved(&app, t.department, "dep", &draft("Département", "Offre départementale", OfferCategory::Payment, false, Pricing::Free, &end))
        .await;
    approved(&app, t.angers, "ang", &draft("Angers Pay", "Offre angevine", OfferCategory::Payment, false, Pricing::Free, &end)).await;
    let saumur = app.get("/offres?territory=saumur&category=").await;
    saumur.assert_status(StatusCode::OK);
    assert!(saumur.body.contains("Offre départementale") && !saumur.body.contains("Offre angevine"), "{}", saumur.body);
    let angers = app.get("/offres?territory=angers").await;
    assert!(angers.body.contains("Offre départementale") && angers.body.contains("Offre angevine"));
    let everything = app.get("/offres").await;
    assert!(everything.body.contains("Offre départementale") && everything.body.contains("Offre angevine"));
    let json = app.get("/api/v1/ecosystem/offers?territory=saumur").await.json();
    let titles: Vec<&str> = json["categories"][0]["free"].as_array().expect("free").iter().filter_map(|o| o["title"].as_str()).collect();
    assert_eq!(titles, vec!["Offre départementale"]);
    app.get("/offres?territory=atlantide").await.assert_status(StatusCode::NOT_FOUND);
    let unknown = app.get("/api/v1/ecosystem/offers?territory=atlantide").await;
    unknown.assert_status(StatusCode::NOT_FOUND);
    assert!(unknown.json()["error"]["code"].is_string());
    let bad = app.get("/api/v1/ecosystem/offers?category=jetpack").await;
    bad.assert_status(StatusCode::BAD_REQUEST);
    assert!(bad.json()["error"]["fields"]["category"].is_string(), "{}", bad.body);
    app.get("/offres?category=jetpack").await.assert_status(StatusCode::BAD_REQUEST);
    let _ = t.nantes;
}

async fn an_offer_shows_on_its_last_paris_day_and_is_gone_the_next(mut app: TestApp) {
    let t = tree(&app).await;
    // 30 June 2026, 23:30 in Paris (21:30 UTC, summer time).
    app.clock.set(Utc.with_ymd_and_hms(2026, 6, 30, 21, 30, 0).single().expect("instant"));
    approved(
        &app,
        t.angers,
        "fin-juin",
        &draft("Caisse Loire", "Caisse jusqu'à fin juin", OfferCategory::Accounting, false, Pricing::Preferential, "2026-06-30"),
    )
    .await;
    assert!(app.get("/offres").await.body.contains("Caisse Loire"));
    assert!(app.get("/api/v1/ecosystem/offers").await.body.contains("Caisse Loire"));
    app.get("/offres/fin-juin").await.assert_status(StatusCode::OK);
    // One minute past midnight in Paris.
    app.clock.set(Utc.with_ymd_and_hms(2026, 6, 30, 22, 1, 0).single().expect("instant"));
    assert!(!app.get("/offres").await.body.contains("Caisse Loire"));
    let json = app.get("/api/v1/ecosystem/offers").await;
    assert!(!json.body.contains("Caisse Loire"), "{}", json.body);
    app.get("/offres/fin-juin").await.assert_status(StatusCode::NOT_FOUND);
    // Managers still see it, marked as ended.
    manager_of(&mut app, "angers@example.org", t.angers).await;
    let review = app.get("/territoires/angers/offres").await;
    assert!(review.body.contains("Caisse Loire") && review.body.contains(&fr("eco-offer-expired")), "{}", review.body);
}

async fn the_order_is_neutral_whatever_the_submission_order(mut app: TestApp) {
    let t = tree(&app).await;
    let end = in_a_year(&app);
    use OfferCategory::{Training, Website};
    use Pricing::{Free, Preferential};
    // Submitted in an order that is none of the catalogue's.
    let offers = [
        ("w1", draft("Zèbre Web", "Site clé en main", Website, false, Preferential, &end)),
        ("w2", draft("Atelier Libre", "Nextcloud hébergé", Website, true, Preferential, &end)),
        ("w3", draft("Élan numérique", "Site gratuit", Website, false, Free, &end)),
        ("w4", draft("alpha hébergement", "Page gratuite", Website, false, Free, &end)),
        ("w5", draft("Bureau libre", "WordPress", Website, true, Free, &end)),
        ("t1", draft("École du web", "Formation", Training, false, Free, &end)),
    ];
    for (slug, d) in offers.iter().rev() {
        approved(&app, t.angers, slug, d).await;
    }
    let page = app.get("/offres").await;
    let at = |text: &str| page.body.find(text).unwrap_or_else(|| panic!("{text} missing"));
    let expected = ["Atelier Libre", "Bureau libre", "alpha hébergement", "Élan numérique", "Zèbre Web", "École du web"];
    for pair in expected.windows(2) {
        assert!(at(pair[0]) < at(pair[1]), "{} should come before {}", pair[0], pair[1]);
    }
    assert!(shows(&page.body, &fr("eco-offer-order")));
    assert!(page.body.contains("Données transmises au fournisseur :"));
    assert!(shows(&page.body, "Nom et e-mail du gérant pour Nextcloud hébergé"));
    assert!(page.body.contains("rel=\"noopener\""));
    let json = app.get("/api/v1/ecosystem/offers").await.json();
    let column = |category: usize, column: &str| -> Vec<String> {
        json["categories"][category][column]
            .as_array()
            .expect("column")
            .iter()
            .map(|o| o["provider"].as_str().unwrap_or_default().to_owned())
            .collect()
    };
    assert_eq!(json["categories"][0]["category"], "website");
    assert_eq!(column(0, "open_source"), vec!["Atelier Libre", "Bureau libre"]);
    assert_eq!(column(0, "free"), vec!["alpha hébergement", "Élan numérique"]);
    assert_eq!(column(0, "preferential"), vec!["Zèbre Web"]);
    assert_eq!(json["categories"][1]["category"], "training");
    let first = &json["categories"][0]["open_source"][0];
    assert_eq!(first["data_shared"], "Nom et e-mail du gérant pour Nextcloud hébergé");
    assert_eq!((first["open_source"].as_bool(), first["licence"].as_str()), (Some(true), Some("GPL-3.0")));
    assert_eq!((first["pricing"].as_str(), first["ends_on"].as_str()), (Some("preferential"), Some(end.as_str())));
    assert!(first["price_terms"].is_string() && first["conditions"].is_string() && first["url"].is_string());
    let training = app.get("/api/v1/ecosystem/offers?category=training").await.json();
    assert_eq!(training["categories"].as_array().map(Vec::len), Some(1));
    let doc = app.get("/api/v1/openapi.json").await.json();
    assert!(doc["paths"]["/api/v1/ecosystem/offers"]["get"].is_object());
    app.with_header("accept-language", "en");
    let english = app.get("/offres").await;
    assert!(english.body.contains("Data shared with the provider:") && english.body.contains("Open-source software"));
}

async fn a_form_without_its_token_is_refused(mut app: TestApp) {
    let t = tree(&app).await;
    account(&mut app, "fournisseur@example.org", None).await;
    let end = in_a_year(&app);
    app.post_raw("/offres/proposer", &good_form("Sans jeton", &end), &[]).await.assert_status(StatusCode::FORBIDDEN);
    assert_eq!(app.count("partner_offers").await, 0);
    let slug = approved(&app, t.angers, "o", &draft("P", "T", OfferCategory::Office, false, Pricing::Free, &end)).await;
    manager_of(&mut app, "angers@example.org", t.angers).await;
    app.post_raw(&format!("/territoires/angers/offres/{slug}/retirer"), &[], &[]).await.assert_status(StatusCode::FORBIDDEN);
    assert!(app.get("/offres").await.body.contains("/offres/o\""));
}

async fn an_account_has_at_most_ten_offers_awaiting_review(mut app: TestApp) {
    tree(&app).await;
    account(&mut app, "fournisseur@example.org", None).await;
    let end = in_a_year(&app);
    for n in 0..10 {
        let title = format!("Offre {n}");
        app.post_form("/offres/proposer", &good_form(&title, &end)).await.assert_status(StatusCode::SEE_OTHER);
    }
    let refused = app.post_form("/offres/proposer", &good_form("Offre de trop", &end)).await;
    refused.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    assert!(shows(&refused.body, &fr("eco-offer-error-too-many")), "{}", refused.body);
    assert_eq!(app.count("partner_offers").await, 10);
    // Withdrawing one frees a place.
    let slug =
        app.db.territory_offers(&[app.db.territory_by_slug("angers").await.expect("lookup").expect("angers").id]).await.expect("offers")[0]
            .slug
            .clone();
    app.get("/offres/mes-propositions").await;
    app.post_form(&format!("/offres/mes-propositions/{slug}/retirer"), &[]).await.assert_status(StatusCode::SEE_OTHER);
    app.post_form("/offres/proposer", &good_form("Offre de trop", &end)).await.assert_status(StatusCode::SEE_OTHER);
}

crate::both_engines!(
    an_account_has_at_most_ten_offers_awaiting_review,
    each_message_shows_with_the_input_kept,
    an_offer_shows_once_a_manager_of_its_territory_approves_it,
    a_rejection_is_mailed_with_its_note,
    a_departments_offer_holds_in_its_communes_not_a_communes_in_its_neighbour,
    an_offer_shows_on_its_last_paris_day_and_is_gone_the_next,
    the_order_is_neutral_whatever_the_submission_order,
    a_form_without_its_token_is_refused
);
