//! A small territory tree and raw activity for the statistics tests. Activity is written with
//! plain SQL on purpose: the statistics must follow any write, whichever code path makes it
//! (the triggers mark it), so the tests do not go through the domain.

use crate::helpers::TestApp;
use crate::learning_fixtures::exec;
use tremplin_domain::territories::{NewTerritory, TerritoryKind, TerritoryRepo};

/// Ids of the tree: a region holding a department holding two communes (Angers, Saumur), and a
/// neighbouring commune (Nantes) outside it.
#[derive(Debug, Clone, Copy)]
pub struct Tree {
    pub region: i64,
    pub department: i64,
    pub angers: i64,
    pub saumur: i64,
    pub nantes: i64,
}

/// Creates the tree.
pub async fn tree(app: &TestApp) -> Tree {
    let territories = [
        ("pays-de-la-loire", "Pays de la Loire", TerritoryKind::Region, None, vec!["49007", "49328"]),
        ("maine-et-loire", "Maine-et-Loire", TerritoryKind::Department, Some("pays-de-la-loire"), vec!["49007", "49328"]),
        ("angers", "Angers", TerritoryKind::Commune, Some("maine-et-loire"), vec!["49007"]),
        ("saumur", "Saumur", TerritoryKind::Commune, Some("maine-et-loire"), vec!["49328"]),
        ("nantes", "Nantes", TerritoryKind::Commune, None, vec!["44109"]),
    ];
    for (slug, name, kind, parent, communes) in territories {
        let new = NewTerritory {
            slug: slug.into(),
            name: name.into(),
            kind,
            parent_slug: parent.map(str::to_owned),
            communes: communes.into_iter().map(str::to_owned).collect(),
        };
        app.db.upsert_territory(&new).await.expect("territory");
    }
    let id = async |slug: &str| app.db.territory_by_slug(slug).await.expect("lookup").expect("territory").id;
    Tree {
        region: id("pays-de-la-loire").await,
        department: id("maine-et-loire").await,
        angers: id("angers").await,
        saumur: id("saumur").await,
        nantes: id("nantes").await,
    }
}

/// A workshop `id` in `territory` from `starts_at` for two hours, with `capacity` seats, for
/// `audiences` (`a|b`).
pub async fn workshop(app: &TestApp, id: i64, territory: i64, starts_at: i64, capacity: i64, audiences: &str) {
    exec(
        app,
        &format!(
            "INSERT INTO events (id, slug, territory_id, title, description, themes, modules, audiences, level, language, venue_name, \
             venue_address, room, online_url, accessibility, starts_at, ends_at, capacity, confirmed, status, created_at, updated_at) \
             VALUES ({id}, 'atelier-{id}', {territory}, 'Atelier {id}', '', 'website', '', '{audiences}', 'beginner', 'fr', 'Salle', \
             '', '', '', '', {starts_at}, {ends}, {capacity}, 0, 'scheduled', 0, 0)",
            ends = starts_at + 7200
        ),
    )
    .await;
}

/// Registration `id` of `person` (a person key, or empty for a walk-in known by name only).
pub async fn register(app: &TestApp, id: i64, event: i64, person: &str, status: &str) {
    exec(
        app,
        &format!(
            "INSERT INTO registrations (id, public_id, event_id, person_key, name, business, locale, status, secret, walk_in, \
             consent_at, created_at) VALUES ({id}, 'r{id}', {event}, '{person}', 'Personne', '', 'fr', '{status}', 's', FALSE, 0, 0)"
        ),
    )
    .await;
}

/// A beneficiary `id` of `kind` (`business` or `resident`) with `person` key in `territory`.
pub async fn beneficiary(app: &TestApp, id: i64, territory: i64, person: &str, kind: &str) {
    exec(
        app,
        &format!(
            "INSERT INTO beneficiaries (id, public_id, territory_id, person_key, kind, name, business, created_at, updated_at) \
             VALUES ({id}, 'b{id}', {territory}, '{person}', '{kind}', 'Personne', '', 0, 0)"
        ),
    )
    .await;
}

/// An accompaniment record `id` by `coach` for `beneficiary`.
pub async fn accompaniment(app: &TestApp, id: i64, beneficiary: i64, coach: i64, at: i64, minutes: i64, no_show: bool) {
    exec(
        app,
        &format!(
            "INSERT INTO accompaniments (id, public_id, beneficiary_id, coach_id, occurred_at, duration_minutes, themes, outcome, \
             summary, next_steps, modules, no_show, created_at, updated_at) \
             VALUES ({id}, 'a{id}', {beneficiary}, {coach}, {at}, {minutes}, '', '', '', '', '', {no_show}, 0, 0)"
        ),
    )
    .await;
}

/// A diagnostic `id` in `territory` with two axis scores and an overall score.
pub async fn diagnostic(app: &TestApp, id: i64, territory: i64, at: i64, strategy: i64, presence: i64, level: &str) {
    let overall = (strategy + presence) / 2;
    exec(
        app,
        &format!(
            "INSERT INTO diagnostics (id, public_id, questionnaire_id, territory_id, audience, answers, axis_scores, overall_score, \
             level, created_at) VALUES ({id}, 'd{id}', (SELECT MIN(id) FROM questionnaires), {territory}, 'business', '{{}}', \
             '[{{\"axis\":\"strategy\",\"percent\":{strategy}}},{{\"axis\":\"presence\",\"percent\":{presence}}}]', {overall}, \
             '{level}', {at})"
        ),
    )
    .await;
}

/// A passport `id` for `beneficiary` issued by `territory`.
pub async fn passport(app: &TestApp, id: i64, beneficiary: i64, territory: i64, at: i64) {
    exec(
        app,
        &format!(
            "INSERT INTO passports (id, public_id, secret, beneficiary_id, territory_id, holder_name, business, modules, show_name, \
             show_modules, issued_at) VALUES ({id}, 'p{id}', 's', {beneficiary}, {territory}, 'Personne', '', '[]', FALSE, FALSE, {at})"
        ),
    )
    .await;
}

/// A published listing `id` in commune `insee`.
pub async fn listing(app: &TestApp, id: i64, insee: &str, website: &str, click_collect: bool) {
    exec(
        app,
        &format!(
            "INSERT INTO listings (id, slug, source, source_id, kind, name, description, address, postcode, insee, tags, phone, email, \
             website, social, click_collect, delivery, online_shop, appointment, wheelchair, opening_hours, status, search_name, \
             search_body, created_at, updated_at) VALUES ({id}, 'l{id}', 'test', '{id}', 'shop', 'Commerce {id}', '', '', '', '{insee}', \
             '', '', '', '{website}', '', {click_collect}, FALSE, FALSE, FALSE, FALSE, '', 'published', '', '', 0, 0)"
        ),
    )
    .await;
}
