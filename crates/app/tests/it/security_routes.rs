//! Every route of the router, requested by every role (see `route_table`): refused ones answer
//! 401, 403, 404 or a redirect to the login page and change nothing in the database; allowed
//! ones are not refused. And every form refuses a request without its CSRF token.

use crate::coach_fixtures::{booking, coach, slots};
use crate::eco_fixtures::{ANGERS, actor, profile};
use crate::event_fixtures::angers;
use crate::events_staff::{PASSWORD, account, registered, trained_session};
use crate::helpers::{Part, TestApp};
use crate::learning_fixtures::{exec, passport_for};
use crate::route_table::{ROLES, RULES, discovered_routes};
use axum::http::{Method, StatusCode};
use std::collections::{BTreeMap, BTreeSet};
use tremplin_domain::accounts::AccountRepo;
use tremplin_domain::coaching::commands::book_slot;
use tremplin_domain::directory::{ListingInput, ListingKind, save_listing};
use tremplin_domain::ecosystem::ActorKind;
use tremplin_domain::territories::TerritoryRepo;
use tremplin_kernel::{Email, GeoPoint, Locale, Role};
use tremplin_store::Db;

type Identity = (BTreeMap<String, String>, Option<String>);

/// The things the routes' parameters name, and the eight identities, logged in.
struct World {
    values: BTreeMap<&'static str, String>,
    identities: BTreeMap<char, Identity>,
    emails: BTreeMap<char, &'static str>,
}

impl World {
    /// The requested path of a rule, its `{…}` replaced by the fixtures.
    fn path(&self, template: &str) -> String {
        let mut path = template.to_owned();
        for (name, value) in &self.values {
            path = path.replace(&format!("{{{name}}}"), value);
        }
        assert!(!path.contains('{'), "a fixture is missing for {template}");
        path
    }
}

async fn scalar(app: &TestApp, sql: &str) -> String {
    let sql = sqlx::AssertSqlSafe(sql.to_owned());
    match &app.db {
        Db::Sqlite(pool) => sqlx::query_scalar::<_, String>(sql).fetch_one(pool).await.expect("value"),
        Db::Pg(pool) => sqlx::query_scalar::<_, String>(sql).fetch_one(pool).await.expect("value"),
    }
}

/// Angers with a listing, a session and a registration, a coach with an appointment, two
/// ecosystem actors, a passport; Avrillé next door; one account per role.
async fn world(app: &mut TestApp) -> World {
    angers(app).await;
    app.commune_territory("avrille", "Avrillé", "49015").await;
    let avrille = app.db.territory_by_slug("avrille").await.expect("lookup").expect("avrille").id;
    let mut emails = BTreeMap::new();
    let mut identities = BTreeMap::new();

    app.new_visitor();
    app.get("/connexion").await;
    identities.insert('V', app.identity());

    // The member holds an ecosystem profile; another actor is the one they may contact.
    actor(app, "autre@exemple.fr", "acteur-autre", &profile(ActorKind::Project, "Atelier Voisin", ANGERS)).await;
    let actor2 = scalar(app, "SELECT CAST(id AS TEXT) FROM eco_actors WHERE slug = 'acteur-autre'").await;
    actor(app, "membre@exemple.fr", "acteur-membre", &profile(ActorKind::Project, "Boutique Membre", ANGERS)).await;
    emails.insert('M', "membre@exemple.fr");
    identities.insert('M', app.identity());

    let merchant = account(app, "commerce@exemple.fr", Some(Role::Merchant)).await;
    emails.insert('m', "commerce@exemple.fr");
    identities.insert('m', app.identity());
    let listing = ListingInput {
        source: "test".into(),
        source_id: "bakery".into(),
        kind: Some(ListingKind::Shop),
        name: "Boulangerie du Château".into(),
        description: "Pain au levain.".into(),
        address: "2 place du Ralliement".into(),
        postcode: "49000".into(),
        insee: Some("49007".into()),
        point: GeoPoint::new(47.4715, -0.5518),
        category: Some("boulangerie-patisserie".into()),
        ..ListingInput::default()
    };
    save_listing(&app.db, &listing, None, Some("Angers"), 0).await.expect("listing");
    let listing_slug = scalar(app, "SELECT slug FROM listings ORDER BY id LIMIT 1").await;
    let listing_id = scalar(app, "SELECT CAST(id AS TEXT) FROM listings ORDER BY id LIMIT 1").await;
    exec(app, &format!("INSERT INTO listing_owners (listing_id, user_id, created_at) VALUES ({listing_id}, {merchant}, 0)")).await;
    let version = scalar(app, "SELECT COALESCE(CAST(MIN(id) AS TEXT), '999999') FROM listing_versions").await;

    let coach = coach(app, "coach@exemple.fr", "camille-coach", "Camille").await;
    emails.insert('c', "coach@exemple.fr");
    identities.insert('c', app.identity());
    let slot = slots(app, &coach, 14).await.into_iter().next().expect("a free slot");
    let (appointment, beneficiary) = book_slot(&app.db, &app.clock, &coach, &booking(1, slot), Locale::Fr).await.expect("booked");

    let trainer = account(app, "formation@exemple.fr", Some(Role::Trainer)).await;
    emails.insert('t', "formation@exemple.fr");
    identities.insert('t', app.identity());
    let event = trained_session(app, "atelier-securite", 12, 7, &[trainer]).await;
    let registration = registered(app, &event, 1).await;

    app.new_visitor();
    app.sign_up("voisin@exemple.fr", PASSWORD).await;
    let neighbour = app.db.user_by_email(&Email::parse("voisin@exemple.fr").expect("email")).await.expect("lookup").expect("user");
    app.db.grant_role(neighbour.id, avrille, Role::Manager, None, 0).await.expect("grant");
    emails.insert('O', "voisin@exemple.fr");
    identities.insert('O', app.identity());

    account(app, "gestion@exemple.fr", Some(Role::Manager)).await;
    emails.insert('G', "gestion@exemple.fr");
    identities.insert('G', app.identity());

    app.new_visitor();
    app.sign_up("admin@exemple.fr", PASSWORD).await;
    exec(app, "UPDATE users SET is_platform_admin = TRUE WHERE email = 'admin@exemple.fr'").await;
    emails.insert('A', "admin@exemple.fr");
    identities.insert('A', app.identity());

    let passport = passport_for(app, 7).await;

    let values = BTreeMap::from([
        ("t", "angers".to_owned()),
        ("listing", listing_slug),
        ("listing_id", listing_id),
        ("version", version),
        // Claims, reports, exceptions, targets, introductions, offers and diagnostics that do
        // not exist: the territory's or the owner's check answers first, or a 404 does.
        ("claim", "999999".into()),
        ("report", "999999".into()),
        ("exception", "999999".into()),
        ("target", "999999".into()),
        ("eco_report", "999999".into()),
        ("offer", "999999".into()),
        ("intro", "inconnue".into()),
        ("diag", "inconnu".into()),
        ("series", "inconnue".into()),
        ("programme", "inconnu".into()),
        ("event", event.slug.clone()),
        ("reg", registration.public_id.clone()),
        ("coach", coach.slug.clone()),
        ("appt", appointment.public_id.clone()),
        ("benef", beneficiary.public_id.clone()),
        ("actor", "acteur-membre".into()),
        ("actor2", "acteur-autre".into()),
        ("actor_id", actor2),
        ("passport", passport.public_id.clone()),
        // A well-formed secret that is not the right one.
        ("forged", "Zm9yZ2VkLXRva2VuLW9mLTMyLWJ5dGVzLWxvbmctZW5vdWdo".into()),
    ]);
    World { values, identities, emails }
}

/// Row counts of every table, and the latest `updated_at` where there is one (the clock moves
/// before each request, so an update of an existing row shows), minus the tables any request
/// may write: sessions and rate counters.
async fn fingerprint(app: &TestApp) -> BTreeMap<String, String> {
    let tables: Vec<String> = match &app.db {
        Db::Sqlite(pool) => sqlx::query_scalar(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_sqlx%'",
        )
        .fetch_all(pool)
        .await
        .expect("tables"),
        Db::Pg(pool) => {
            sqlx::query_scalar("SELECT tablename::TEXT FROM pg_tables WHERE schemaname = 'public' AND tablename NOT LIKE '_sqlx%'")
                .fetch_all(pool)
                .await
                .expect("tables")
        }
    };
    let with_updates: BTreeSet<String> = match &app.db {
        Db::Sqlite(pool) => {
            let mut found = BTreeSet::new();
            for table in &tables {
                let sql = sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM pragma_table_info('{table}') WHERE name = 'updated_at'"));
                let n: i64 = sqlx::query_scalar(sql).fetch_one(pool).await.expect("columns");
                if n > 0 {
                    found.insert(table.clone());
                }
            }
            found
        }
        Db::Pg(pool) => sqlx::query_scalar(
            "SELECT table_name::TEXT FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'updated_at'",
        )
        .fetch_all(pool)
        .await
        .expect("columns")
        .into_iter()
        .collect(),
    };
    let mut print = BTreeMap::new();
    for table in tables.iter().filter(|t| !["sessions", "rate_events"].contains(&t.as_str())) {
        let latest = if with_updates.contains(table) { "COALESCE(MAX(updated_at), 0)" } else { "0" };
        let sql = sqlx::AssertSqlSafe(format!("SELECT CAST(COUNT(*) AS BIGINT), CAST({latest} AS BIGINT) FROM {table}"));
        let (count, updated): (i64, i64) = match &app.db {
            Db::Sqlite(pool) => sqlx::query_as(sql).fetch_one(pool).await.expect("count"),
            Db::Pg(pool) => sqlx::query_as(sql).fetch_one(pool).await.expect("count"),
        };
        print.insert(table.clone(), format!("{count}/{updated}"));
    }
    print
}

/// Fields that every form's required fields find, so that a form's decoding passes and the
/// request reaches the check of who may send it (unknown fields are ignored). The values
/// name nothing that exists, so that an allowed request changes little.
const FIELDS: [(&str, &str); 7] = [
    ("decision", "reject"),
    ("role", "coach"),
    ("user_id", "999999"),
    // Not an address: no form creates an account or logs in with these fields.
    ("email", "personne-exemple.fr"),
    ("password", "une phrase de passe solide"),
    ("name", "Personne"),
    ("message", "Bonjour"),
];

/// Sends the rule's request as the current identity: forms with the session's token and
/// [`FIELDS`], the upload as multipart, the JSON API with an empty object.
async fn send(app: &mut TestApp, method: &str, path: &str) -> crate::helpers::TestResponse {
    match (method, path.starts_with("/api/")) {
        ("GET", _) => app.get(path).await,
        ("POST", true) => app.request(Method::POST, path, Some(("application/json", b"{}".to_vec())), &[]).await,
        ("POST", false) if path.ends_with("/imports") => {
            let parts = [Part::Text("format", "mediation"), Part::File("file", "lieux.csv", b"id,nom\n")];
            app.post_multipart(path, &parts, true).await
        }
        ("POST", false) => app.post_form(path, &FIELDS).await,
        (other, _) => panic!("no request written for {other} {path}"),
    }
}

/// A refusal: 401, 403, 404, 410 (a link unknown or used up), or a redirect to the login page.
fn refused(response: &crate::helpers::TestResponse) -> bool {
    matches!(response.status, StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN | StatusCode::NOT_FOUND | StatusCode::GONE)
        || (response.status.is_redirection() && response.location().starts_with("/connexion"))
}

async fn every_route_has_a_rule_and_every_rule_a_route(_app: TestApp) {
    let discovered = discovered_routes();
    let ruled: BTreeSet<(String, String)> = RULES.iter().map(|(m, p, _, _)| ((*m).to_owned(), (*p).to_owned())).collect();
    assert_eq!(ruled.len(), RULES.len(), "a route has two rules");
    let unruled: Vec<_> = discovered.difference(&ruled).collect();
    let stale: Vec<_> = ruled.difference(&discovered).collect();
    assert!(
        unruled.is_empty() && stale.is_empty(),
        "routes without an access rule in route_table.rs: {unruled:?}; rules naming no route: {stale:?}"
    );
    assert!(discovered.len() > 200, "the discovery found only {} routes", discovered.len());
}

async fn every_route_with_every_role(mut app: TestApp) {
    let mut world = world(&mut app).await;
    let mut problems = Vec::new();
    let (mut checks, mut refusals, mut allowed_404) = (0, 0, 0);
    for (method, route, template, allowed) in RULES {
        let path = world.path(template);
        for (letter, name) in ROLES {
            if letter == 'V' {
                // A new visitor each time, with a form's token: what one request does (a
                // sign-up logs in) does not carry over to the next.
                app.new_visitor();
                app.get("/connexion").await;
            } else {
                app.set_identity(&world.identities[&letter]);
            }
            let may = allowed.contains(letter);
            app.clock.advance(chrono::TimeDelta::seconds(1));
            let before = if may { BTreeMap::new() } else { fingerprint(&app).await };
            let response = send(&mut app, method, &path).await;
            checks += 1;
            if response.status.is_server_error() {
                problems.push(format!("{method} {route} as {name}: {}", response.status));
            } else if may {
                if refused(&response) && response.status != StatusCode::NOT_FOUND {
                    problems.push(format!("{method} {route} as {name}: allowed but refused ({} {})", response.status, response.location()));
                }
                allowed_404 += usize::from(response.status == StatusCode::NOT_FOUND);
            } else {
                refusals += 1;
                if !refused(&response) {
                    problems.push(format!(
                        "{method} {route} as {name}: should be refused, got {} {}",
                        response.status,
                        response.location()
                    ));
                }
                let after = fingerprint(&app).await;
                let changed: Vec<_> = after.iter().filter(|(t, v)| before.get(*t) != Some(v)).map(|(t, _)| t.clone()).collect();
                if !changed.is_empty() {
                    problems.push(format!("{method} {route} as {name}: refused but changed {changed:?}"));
                }
            }
            // A logout ends the session: log the identity in again. Otherwise keep its
            // cookies as they are now (a session's id may change).
            if letter != 'V' {
                if *route == "/deconnexion" {
                    app.new_visitor();
                    app.log_in(world.emails[&letter], PASSWORD).await;
                }
                world.identities.insert(letter, app.identity());
            }
        }
    }
    println!("{} routes, {checks} route × role checks, {refusals} refusals checked, {allowed_404} allowed answered 404", RULES.len());
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
}

async fn every_form_refuses_a_request_without_its_token(mut app: TestApp) {
    let world = world(&mut app).await;
    let mut problems = Vec::new();
    let mut checked = 0;
    for (method, route, template, _) in RULES.iter().filter(|(m, p, _, _)| *m == "POST" && !p.starts_with("/api/")) {
        app.set_identity(&world.identities[&'A']);
        app.clock.advance(chrono::TimeDelta::seconds(1));
        let before = fingerprint(&app).await;
        let response = app.post_raw(&world.path(template), &[("name", "x"), ("email", "x@exemple.fr")], &[]).await;
        checked += 1;
        if response.status != StatusCode::FORBIDDEN || !response.body.contains("Le formulaire a expiré") {
            problems.push(format!("{method} {route}: {} without a token", response.status));
        }
        if fingerprint(&app).await != before {
            problems.push(format!("{method} {route}: changed the database without a token"));
        }
    }
    println!("{checked} forms refused without their token");
    assert!(checked > 60, "only {checked} forms");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

crate::both_engines!(
    every_route_has_a_rule_and_every_rule_a_route,
    every_route_with_every_role,
    every_form_refuses_a_request_without_its_token
);
