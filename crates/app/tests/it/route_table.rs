//! The access rule of every route of the router, and the discovery of the routes from the web
//! crate's source, so that a route added without a rule fails `security_routes`.
//!
//! axum's `Router` does not list its routes, so the discovery reads `crates/web/src/**/*.rs`
//! for `.route(PATH, get(..).post(..))` calls (over several lines too; a path given by a
//! constant is looked up in the same folder). Code after `#[cfg(test)]` is skipped.
//!
//! A rule names the roles allowed, one letter each, among the eight identities the test
//! plays (see `ROLES`): `V` visitor, `M` member (an account, no role), `m` merchant (owner of
//! the listing), `c` coach (a coach of Angers, with its profile, booked for the appointment),
//! `t` trainer (trainer of the session), `O` manager of another territory, `G` manager of
//! Angers, `A` platform admin. Every other identity must be refused (401, 403, 404 or a
//! redirect to `/connexion`) and change nothing.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The identities the test plays, in the order of the letters of the rules.
pub const ROLES: [(char, &str); 8] = [
    ('V', "visitor"),
    ('M', "member"),
    ('m', "merchant"),
    ('c', "coach"),
    ('t', "trainer"),
    ('O', "manager of another territory"),
    ('G', "manager of the territory"),
    ('A', "platform admin"),
];

/// Anyone, signed in or not: public pages, the public API, forms anyone may send.
pub const PUBLIC: &str = "VMmctOGA";
/// Any signed-in account.
pub const SIGNED_IN: &str = "MmctOGA";
/// Nobody: the secret of the link is in the URL, and the test sends a forged one.
pub const LINK: &str = "";
/// Managers of the thing's territory (or one containing it) and platform admins.
pub const MANAGERS: &str = "GA";
/// Platform admins only.
pub const ADMINS: &str = "A";
/// The listing's owner and the territory's managers.
pub const LISTING_EDITORS: &str = "mGA";
/// The session's trainers and the territory's staff.
pub const SESSION_STAFF: &str = "tGA";
/// The coach (their own space, their appointments and follow-ups).
pub const COACH: &str = "c";
/// The coach and the staff of the territory who steer coaching.
pub const COACH_AND_MANAGERS: &str = "cGA";
/// Staff who create workshops in the territory: its trainers and managers.
pub const WORKSHOP_MAKERS: &str = "tGA";

/// One route's rule: method, path as written in the router, the path requested (its
/// `{…}` are fixtures, see `security_routes::World`), the roles allowed.
pub type Rule = (&'static str, &'static str, &'static str, &'static str);

/// Every route of the router and who may use it.
pub const RULES: &[Rule] = &[
    // Home, places, directory.
    ("GET", "/", "/", PUBLIC),
    ("GET", "/lieux", "/lieux", PUBLIC),
    ("GET", "/annuaire", "/annuaire", PUBLIC),
    ("GET", "/annuaire/proposer", "/annuaire/proposer", PUBLIC),
    ("POST", "/annuaire/proposer", "/annuaire/proposer", PUBLIC),
    ("GET", "/annuaire/{slug}", "/annuaire/{listing}", PUBLIC),
    ("GET", "/annuaire/{slug}/modifier", "/annuaire/{listing}/modifier", LISTING_EDITORS),
    ("POST", "/annuaire/{slug}/modifier", "/annuaire/{listing}/modifier", LISTING_EDITORS),
    ("GET", "/annuaire/{slug}/revendiquer", "/annuaire/{listing}/revendiquer", SIGNED_IN),
    ("POST", "/annuaire/{slug}/revendiquer", "/annuaire/{listing}/revendiquer", SIGNED_IN),
    ("POST", "/annuaire/{slug}/revendiquer/code", "/annuaire/{listing}/revendiquer/code", SIGNED_IN),
    ("GET", "/annuaire/{slug}/signaler", "/annuaire/{listing}/signaler", PUBLIC),
    ("POST", "/annuaire/{slug}/signaler", "/annuaire/{listing}/signaler", PUBLIC),
    ("GET", "/annuaire/{slug}/historique", "/annuaire/{listing}/historique", LISTING_EDITORS),
    ("POST", "/annuaire/{slug}/historique/{version}/restaurer", "/annuaire/{listing}/historique/{version}/restaurer", MANAGERS),
    ("GET", "/territoires/{slug}/moderation", "/territoires/{t}/moderation", MANAGERS),
    ("POST", "/territoires/{slug}/moderation/revendications/{claim}", "/territoires/{t}/moderation/revendications/{claim}", MANAGERS),
    (
        "POST",
        "/territoires/{slug}/moderation/signalements/{report}/clore",
        "/territoires/{t}/moderation/signalements/{report}/clore",
        MANAGERS,
    ),
    ("POST", "/territoires/{slug}/moderation/fiches/{listing}", "/territoires/{t}/moderation/fiches/{listing_id}", MANAGERS),
    ("GET", "/territoires/{slug}/imports", "/territoires/{t}/imports", MANAGERS),
    ("POST", "/territoires/{slug}/imports", "/territoires/{t}/imports", MANAGERS),
    // Territories and teams.
    ("GET", "/territoires", "/territoires", PUBLIC),
    ("GET", "/territoires/{slug}", "/territoires/{t}", PUBLIC),
    ("GET", "/territoires/{slug}/equipe", "/territoires/{t}/equipe", MANAGERS),
    ("POST", "/territoires/{slug}/equipe", "/territoires/{t}/equipe", MANAGERS),
    ("POST", "/territoires/{slug}/equipe/retirer", "/territoires/{t}/equipe/retirer", MANAGERS),
    // Accounts.
    ("GET", "/inscription", "/inscription", PUBLIC),
    ("POST", "/inscription", "/inscription", PUBLIC),
    ("GET", "/connexion", "/connexion", PUBLIC),
    ("POST", "/connexion", "/connexion", PUBLIC),
    ("GET", "/connexion/lien", "/connexion/lien", PUBLIC),
    ("POST", "/connexion/lien", "/connexion/lien", PUBLIC),
    ("GET", "/connexion/lien/{token}", "/connexion/lien/{forged}", LINK),
    ("POST", "/connexion/lien/{token}", "/connexion/lien/{forged}", LINK),
    ("POST", "/deconnexion", "/deconnexion", PUBLIC),
    ("GET", "/mot-de-passe/oublie", "/mot-de-passe/oublie", PUBLIC),
    ("POST", "/mot-de-passe/oublie", "/mot-de-passe/oublie", PUBLIC),
    ("GET", "/mot-de-passe/nouveau/{token}", "/mot-de-passe/nouveau/{forged}", LINK),
    ("POST", "/mot-de-passe/nouveau/{token}", "/mot-de-passe/nouveau/{forged}", LINK),
    ("GET", "/compte", "/compte", SIGNED_IN),
    // Personal data: the staff access log, the processings register, the privacy notice.
    ("GET", "/territoires/{slug}/journal-acces", "/territoires/{t}/journal-acces", MANAGERS),
    ("GET", "/territoires/{slug}/journal-acces.csv", "/territoires/{t}/journal-acces.csv", MANAGERS),
    ("GET", "/territoires/{slug}/registre-des-traitements", "/territoires/{t}/registre-des-traitements", MANAGERS),
    ("GET", "/confidentialite", "/confidentialite", PUBLIC),
    // Personal data: the person's own (download, erasure; by e-mailed link without an account).
    ("GET", "/compte/donnees", "/compte/donnees", SIGNED_IN),
    ("GET", "/compte/donnees.json", "/compte/donnees.json", SIGNED_IN),
    ("GET", "/compte/effacement", "/compte/effacement", SIGNED_IN),
    ("POST", "/compte/effacement", "/compte/effacement", SIGNED_IN),
    ("GET", "/donnees-personnelles", "/donnees-personnelles", PUBLIC),
    ("POST", "/donnees-personnelles", "/donnees-personnelles", PUBLIC),
    ("GET", "/donnees-personnelles/lien/{token}", "/donnees-personnelles/lien/{forged}", LINK),
    ("POST", "/donnees-personnelles/lien/{token}", "/donnees-personnelles/lien/{forged}", LINK),
    ("GET", "/donnees-personnelles/effacement/{token}", "/donnees-personnelles/effacement/{forged}", LINK),
    ("POST", "/donnees-personnelles/effacement/{token}", "/donnees-personnelles/effacement/{forged}", LINK),
    ("GET", "/langue/{tag}", "/langue/en", PUBLIC),
    // Open data.
    ("GET", "/donnees", "/donnees", PUBLIC),
    ("GET", "/donnees/catalogue.json", "/donnees/catalogue.json", PUBLIC),
    ("GET", "/donnees/{slug}/{file}", "/donnees/{t}/annuaire.csv", PUBLIC),
    ("GET", "/donnees/statistiques", "/donnees/statistiques", PUBLIC),
    ("GET", "/donnees/statistiques.csv", "/donnees/statistiques.csv", PUBLIC),
    // Workshops, public side and the registrant's links.
    ("GET", "/ateliers", "/ateliers", PUBLIC),
    ("GET", "/ateliers/{slug}", "/ateliers/{event}", PUBLIC),
    ("POST", "/ateliers/{slug}/inscription", "/ateliers/{event}/inscription", PUBLIC),
    ("GET", "/ateliers/serie/{slug}", "/ateliers/serie/{series}", PUBLIC),
    ("GET", "/evenements/{slug}", "/evenements/{programme}", PUBLIC),
    ("POST", "/evenements/{slug}/inscription", "/evenements/{programme}/inscription", PUBLIC),
    ("GET", "/inscriptions/{public_id}/{token}", "/inscriptions/{reg}/{forged}", LINK),
    ("POST", "/inscriptions/{public_id}/{token}/annuler", "/inscriptions/{reg}/{forged}/annuler", LINK),
    ("GET", "/ateliers.ics", "/ateliers.ics", PUBLIC),
    ("GET", "/territoires/{slug}/ateliers.ics", "/territoires/{t}/ateliers.ics", PUBLIC),
    ("GET", "/ateliers/{slug}/agenda.ics", "/ateliers/{event}/agenda.ics", PUBLIC),
    ("GET", "/inscriptions/{public_id}/{token}/agenda.ics", "/inscriptions/{reg}/{forged}/agenda.ics", LINK),
    ("GET", "/inscriptions/{public_id}/{token}/qr.svg", "/inscriptions/{reg}/{forged}/qr.svg", LINK),
    ("GET", "/pointage/{public_id}/{token}", "/pointage/{reg}/{forged}", LINK),
    ("POST", "/pointage/{public_id}/{token}", "/pointage/{reg}/{forged}", LINK),
    ("GET", "/enquete/{public_id}/{token}", "/enquete/{reg}/{forged}", LINK),
    ("POST", "/enquete/{public_id}/{token}", "/enquete/{reg}/{forged}", LINK),
    // Workshops, staff side.
    ("GET", "/territoires/{slug}/ateliers/nouveau", "/territoires/{t}/ateliers/nouveau", WORKSHOP_MAKERS),
    ("POST", "/territoires/{slug}/ateliers/nouveau", "/territoires/{t}/ateliers/nouveau", WORKSHOP_MAKERS),
    ("GET", "/territoires/{slug}/ateliers/enquetes", "/territoires/{t}/ateliers/enquetes", MANAGERS),
    ("GET", "/territoires/{slug}/evenements/nouveau", "/territoires/{t}/evenements/nouveau", MANAGERS),
    ("POST", "/territoires/{slug}/evenements/nouveau", "/territoires/{t}/evenements/nouveau", MANAGERS),
    ("GET", "/mes-ateliers", "/mes-ateliers", SIGNED_IN),
    ("GET", "/ateliers/{slug}/gestion", "/ateliers/{event}/gestion", SESSION_STAFF),
    ("GET", "/ateliers/{slug}/modifier", "/ateliers/{event}/modifier", SESSION_STAFF),
    ("POST", "/ateliers/{slug}/modifier", "/ateliers/{event}/modifier", SESSION_STAFF),
    ("POST", "/ateliers/{slug}/capacite", "/ateliers/{event}/capacite", SESSION_STAFF),
    ("POST", "/ateliers/{slug}/presence/{public_id}", "/ateliers/{event}/presence/{reg}", SESSION_STAFF),
    ("POST", "/ateliers/{slug}/annulation/{public_id}", "/ateliers/{event}/annulation/{reg}", SESSION_STAFF),
    ("POST", "/ateliers/{slug}/sur-place", "/ateliers/{event}/sur-place", SESSION_STAFF),
    ("GET", "/ateliers/{slug}/presence.csv", "/ateliers/{event}/presence.csv", SESSION_STAFF),
    ("GET", "/ateliers/{slug}/presence/imprimer", "/ateliers/{event}/presence/imprimer", SESSION_STAFF),
    ("GET", "/ateliers/{slug}/annuler", "/ateliers/{event}/annuler", SESSION_STAFF),
    ("POST", "/ateliers/{slug}/annuler", "/ateliers/{event}/annuler", SESSION_STAFF),
    // Public JSON API (no session; errors are JSON).
    ("GET", "/api/v1/places", "/api/v1/places", PUBLIC),
    ("GET", "/api/v1/territories", "/api/v1/territories", PUBLIC),
    ("GET", "/api/v1/listings", "/api/v1/listings", PUBLIC),
    ("GET", "/api/v1/listings/{slug}", "/api/v1/listings/{listing}", PUBLIC),
    ("GET", "/api/v1/opening-hours", "/api/v1/opening-hours", PUBLIC),
    ("GET", "/api/v1/events", "/api/v1/events", PUBLIC),
    ("GET", "/api/v1/events/{slug}", "/api/v1/events/{event}", PUBLIC),
    ("POST", "/api/v1/events/{slug}/registrations", "/api/v1/events/{event}/registrations", PUBLIC),
    ("POST", "/api/v1/registrations", "/api/v1/registrations", PUBLIC),
    ("POST", "/api/v1/registrations/{public_id}/cancel", "/api/v1/registrations/{reg}/cancel", LINK),
    ("GET", "/api/v1/openapi.json", "/api/v1/openapi.json", PUBLIC),
    ("GET", "/api/v1/coaches", "/api/v1/coaches", PUBLIC),
    ("GET", "/api/v1/coaches/{slug}", "/api/v1/coaches/{coach}", PUBLIC),
    ("POST", "/api/v1/coaches/{slug}/appointments", "/api/v1/coaches/{coach}/appointments", PUBLIC),
    ("GET", "/api/v1/ecosystem/matches", "/api/v1/ecosystem/matches", PUBLIC),
    ("GET", "/api/v1/ecosystem/actors/{slug}", "/api/v1/ecosystem/actors/{actor}", PUBLIC),
    ("GET", "/api/v1/ecosystem/introductions", "/api/v1/ecosystem/introductions", SIGNED_IN),
    ("GET", "/api/v1/ecosystem/introductions/{public_id}", "/api/v1/ecosystem/introductions/{intro}", "M"),
    ("GET", "/api/v1/ecosystem/offers", "/api/v1/ecosystem/offers", PUBLIC),
    ("GET", "/api/v1/diagnostic/questionnaire", "/api/v1/diagnostic/questionnaire", PUBLIC),
    ("POST", "/api/v1/diagnostics", "/api/v1/diagnostics", PUBLIC),
    ("GET", "/api/v1/modules", "/api/v1/modules", PUBLIC),
    ("GET", "/api/v1/modules/{slug}", "/api/v1/modules/creer-son-site", PUBLIC),
    ("GET", "/api/v1/passports/{public_id}/verification", "/api/v1/passports/{passport}/verification", PUBLIC),
    ("POST", "/api/v1/passports/verify", "/api/v1/passports/verify", PUBLIC),
    ("GET", "/api/v1/stats", "/api/v1/stats", PUBLIC),
    // Operations and static files.
    ("GET", "/healthz", "/healthz", PUBLIC),
    ("GET", "/readyz", "/readyz", PUBLIC),
    ("GET", "/metrics", "/metrics", PUBLIC),
    ("GET", "/static/app.css", "/static/app.css", PUBLIC),
    ("GET", "/static/places.js", "/static/places.js", PUBLIC),
    ("GET", "/static/near-me.js", "/static/near-me.js", PUBLIC),
    ("GET", "/static/check-in.js", "/static/check-in.js", PUBLIC),
    ("GET", "/static/favicon.svg", "/static/favicon.svg", PUBLIC),
    // Coaching: finder, booking, the person's links, the coach's space, the territory's view.
    ("GET", "/coachs", "/coachs", PUBLIC),
    ("GET", "/coachs/{slug}", "/coachs/{coach}", PUBLIC),
    ("GET", "/coachs/{slug}/reserver", "/coachs/{coach}/reserver", PUBLIC),
    ("POST", "/coachs/{slug}/reserver", "/coachs/{coach}/reserver", PUBLIC),
    ("GET", "/coachs/{slug}/agenda-prive.ics", "/coachs/{coach}/agenda-prive.ics?cle={forged}", LINK),
    ("GET", "/rendez-vous/{public_id}/{token}", "/rendez-vous/{appt}/{forged}", LINK),
    ("GET", "/rendez-vous/{public_id}/{token}/agenda.ics", "/rendez-vous/{appt}/{forged}/agenda.ics", LINK),
    ("GET", "/rendez-vous/{public_id}/{token}/annuler", "/rendez-vous/{appt}/{forged}/annuler", LINK),
    ("POST", "/rendez-vous/{public_id}/{token}/annuler", "/rendez-vous/{appt}/{forged}/annuler", LINK),
    ("GET", "/rendez-vous/{public_id}/{token}/deplacer", "/rendez-vous/{appt}/{forged}/deplacer", LINK),
    ("POST", "/rendez-vous/{public_id}/{token}/deplacer", "/rendez-vous/{appt}/{forged}/deplacer", LINK),
    ("GET", "/rendez-vous/{public_id}/{token}/suivi", "/rendez-vous/{appt}/{forged}/suivi", LINK),
    ("GET", "/rendez-vous/{public_id}/{token}/suivi.json", "/rendez-vous/{appt}/{forged}/suivi.json", LINK),
    ("GET", "/espace-coach", "/espace-coach", SIGNED_IN),
    ("POST", "/espace-coach/rendez-vous/{public_id}/annuler", "/espace-coach/rendez-vous/{appt}/annuler", COACH_AND_MANAGERS),
    ("POST", "/espace-coach/agenda-prive/renouveler", "/espace-coach/agenda-prive/renouveler", COACH),
    ("GET", "/espace-coach/profil", "/espace-coach/profil", COACH),
    ("POST", "/espace-coach/profil", "/espace-coach/profil", COACH),
    ("GET", "/espace-coach/disponibilites", "/espace-coach/disponibilites", COACH),
    ("POST", "/espace-coach/disponibilites", "/espace-coach/disponibilites", COACH),
    ("POST", "/espace-coach/disponibilites/exceptions", "/espace-coach/disponibilites/exceptions", COACH),
    (
        "POST",
        "/espace-coach/disponibilites/exceptions/{id}/supprimer",
        "/espace-coach/disponibilites/exceptions/{exception}/supprimer",
        COACH,
    ),
    ("GET", "/espace-coach/rendez-vous/{public_id}/compte-rendu", "/espace-coach/rendez-vous/{appt}/compte-rendu", COACH),
    ("POST", "/espace-coach/rendez-vous/{public_id}/compte-rendu", "/espace-coach/rendez-vous/{appt}/compte-rendu", COACH),
    ("GET", "/espace-coach/beneficiaires", "/espace-coach/beneficiaires", COACH),
    ("GET", "/espace-coach/beneficiaires/{public_id}", "/espace-coach/beneficiaires/{benef}", COACH_AND_MANAGERS),
    ("GET", "/espace-coach/beneficiaires/{public_id}/compte-rendu", "/espace-coach/beneficiaires/{benef}/compte-rendu", COACH),
    ("POST", "/espace-coach/beneficiaires/{public_id}/compte-rendu", "/espace-coach/beneficiaires/{benef}/compte-rendu", COACH),
    ("GET", "/espace-coach/beneficiaires/{public_id}/partager", "/espace-coach/beneficiaires/{benef}/partager", COACH_AND_MANAGERS),
    ("POST", "/espace-coach/beneficiaires/{public_id}/partager", "/espace-coach/beneficiaires/{benef}/partager", COACH_AND_MANAGERS),
    ("GET", "/territoires/{slug}/coachs", "/territoires/{t}/coachs", MANAGERS),
    ("POST", "/territoires/{slug}/coachs", "/territoires/{t}/coachs", MANAGERS),
    ("GET", "/territoires/{slug}/accompagnements", "/territoires/{t}/accompagnements", MANAGERS),
    ("GET", "/territoires/{slug}/coachs/activite", "/territoires/{t}/coachs/activite", MANAGERS),
    ("GET", "/territoires/{slug}/coachs/activite.csv", "/territoires/{t}/coachs/activite.csv", MANAGERS),
    // Ecosystem.
    ("GET", "/ecosysteme", "/ecosysteme", PUBLIC),
    ("GET", "/ecosysteme/profil", "/ecosysteme/profil", SIGNED_IN),
    ("POST", "/ecosysteme/profil", "/ecosysteme/profil", SIGNED_IN),
    ("GET", "/ecosysteme/acteurs/{slug}", "/ecosysteme/acteurs/{actor2}", PUBLIC),
    ("GET", "/ecosysteme/acteurs/{slug}/mise-en-relation", "/ecosysteme/acteurs/{actor2}/mise-en-relation", SIGNED_IN),
    ("POST", "/ecosysteme/acteurs/{slug}/mise-en-relation", "/ecosysteme/acteurs/{actor2}/mise-en-relation", SIGNED_IN),
    ("GET", "/ecosysteme/acteurs/{slug}/signaler", "/ecosysteme/acteurs/{actor2}/signaler", SIGNED_IN),
    ("POST", "/ecosysteme/acteurs/{slug}/signaler", "/ecosysteme/acteurs/{actor2}/signaler", SIGNED_IN),
    ("GET", "/ecosysteme/mises-en-relation", "/ecosysteme/mises-en-relation", SIGNED_IN),
    ("GET", "/ecosysteme/mises-en-relation/{public_id}", "/ecosysteme/mises-en-relation/{intro}", "M"),
    ("POST", "/ecosysteme/mises-en-relation/{public_id}/reponse", "/ecosysteme/mises-en-relation/{intro}/reponse", ""),
    ("POST", "/ecosysteme/mises-en-relation/{public_id}/retrait", "/ecosysteme/mises-en-relation/{intro}/retrait", "M"),
    ("POST", "/ecosysteme/mises-en-relation/{public_id}/rencontres", "/ecosysteme/mises-en-relation/{intro}/rencontres", "M"),
    ("GET", "/territoires/{slug}/ecosysteme", "/territoires/{t}/ecosysteme", MANAGERS),
    (
        "POST",
        "/territoires/{slug}/ecosysteme/acteurs/{actor}/suspendre",
        "/territoires/{t}/ecosysteme/acteurs/{actor_id}/suspendre",
        MANAGERS,
    ),
    (
        "POST",
        "/territoires/{slug}/ecosysteme/acteurs/{actor}/retablir",
        "/territoires/{t}/ecosysteme/acteurs/{actor_id}/retablir",
        MANAGERS,
    ),
    (
        "POST",
        "/territoires/{slug}/ecosysteme/signalements/{id}/clore",
        "/territoires/{t}/ecosysteme/signalements/{eco_report}/clore",
        MANAGERS,
    ),
    ("GET", "/offres", "/offres", PUBLIC),
    ("GET", "/offres/proposer", "/offres/proposer", SIGNED_IN),
    ("POST", "/offres/proposer", "/offres/proposer", SIGNED_IN),
    ("GET", "/offres/mes-propositions", "/offres/mes-propositions", SIGNED_IN),
    ("POST", "/offres/mes-propositions/{offer}/retirer", "/offres/mes-propositions/{offer}/retirer", "M"),
    ("GET", "/offres/{offer}", "/offres/{offer}", PUBLIC),
    ("GET", "/territoires/{slug}/offres", "/territoires/{t}/offres", MANAGERS),
    ("POST", "/territoires/{slug}/offres/{offer}/decision", "/territoires/{t}/offres/{offer}/decision", MANAGERS),
    ("POST", "/territoires/{slug}/offres/{offer}/retirer", "/territoires/{t}/offres/{offer}/retirer", MANAGERS),
    // Learning: diagnostic, modules, paths, passports.
    ("GET", "/diagnostic", "/diagnostic", PUBLIC),
    ("POST", "/diagnostic", "/diagnostic", PUBLIC),
    ("GET", "/diagnostic/resultats/{public_id}", "/diagnostic/resultats/{diag}", "M"),
    ("GET", "/diagnostic/historique", "/diagnostic/historique", SIGNED_IN),
    ("GET", "/diagnostic/plateforme", "/diagnostic/plateforme", ADMINS),
    ("POST", "/diagnostic/plateforme", "/diagnostic/plateforme", ADMINS),
    ("GET", "/territoires/{slug}/diagnostic", "/territoires/{t}/diagnostic", MANAGERS),
    ("POST", "/territoires/{slug}/diagnostic", "/territoires/{t}/diagnostic", MANAGERS),
    ("GET", "/modules", "/modules", PUBLIC),
    ("GET", "/modules/{slug}", "/modules/creer-son-site", PUBLIC),
    ("GET", "/modules/{slug}/quiz", "/modules/creer-son-site/quiz", PUBLIC),
    ("POST", "/modules/{slug}/quiz", "/modules/creer-son-site/quiz", PUBLIC),
    ("GET", "/mon-parcours", "/mon-parcours", SIGNED_IN),
    ("GET", "/territoires/{slug}/parcours", "/territoires/{t}/parcours", MANAGERS),
    ("POST", "/territoires/{slug}/parcours", "/territoires/{t}/parcours", MANAGERS),
    ("GET", "/territoires/{slug}/parcours/passeports.csv", "/territoires/{t}/parcours/passeports.csv", MANAGERS),
    ("GET", "/passeport/verifier", "/passeport/verifier", PUBLIC),
    ("POST", "/passeport/verifier", "/passeport/verifier", PUBLIC),
    ("GET", "/passeport/verifier/{public_id}", "/passeport/verifier/{passport}", PUBLIC),
    ("GET", "/passeport/{public_id}/{token}", "/passeport/{passport}/{forged}", LINK),
    ("POST", "/passeport/{public_id}/{token}", "/passeport/{passport}/{forged}", LINK),
    ("GET", "/passeport/{public_id}/{token}/passeport.pdf", "/passeport/{passport}/{forged}/passeport.pdf", LINK),
    ("GET", "/passeport/{public_id}/{token}/passeport.jwt", "/passeport/{passport}/{forged}/passeport.jwt", LINK),
    ("GET", "/passeport/{public_id}/{token}/passeport.json", "/passeport/{passport}/{forged}/passeport.json", LINK),
    ("GET", "/territoires/{slug}/jwks.json", "/territoires/{t}/jwks.json", PUBLIC),
    ("GET", "/.well-known/jwks.json", "/.well-known/jwks.json", PUBLIC),
    ("GET", "/territoires/{slug}/passeports", "/territoires/{t}/passeports", MANAGERS),
    ("GET", "/territoires/{slug}/passeports/{public_id}/revoquer", "/territoires/{t}/passeports/{passport}/revoquer", MANAGERS),
    ("POST", "/territoires/{slug}/passeports/{public_id}/revoquer", "/territoires/{t}/passeports/{passport}/revoquer", MANAGERS),
    ("POST", "/territoires/{slug}/passeports/cle", "/territoires/{t}/passeports/cle", MANAGERS),
    // Steering.
    ("GET", "/pilotage", "/pilotage?territoire={t}", MANAGERS),
    ("GET", "/pilotage/export.csv", "/pilotage/export.csv?territoire={t}", MANAGERS),
    ("GET", "/pilotage/objectifs", "/pilotage/objectifs?territoire={t}", MANAGERS),
    ("POST", "/pilotage/objectifs", "/pilotage/objectifs?territoire={t}", MANAGERS),
    ("GET", "/pilotage/objectifs/{id}/supprimer", "/pilotage/objectifs/{target}/supprimer", MANAGERS),
    ("POST", "/pilotage/objectifs/{id}/supprimer", "/pilotage/objectifs/{target}/supprimer", MANAGERS),
];

/// The web crate's source folder.
pub fn web_src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../web/src")
}

pub fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir).expect("web sources").flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The text between the parenthesis opened just before `start` and its match.
pub fn balanced(text: &str, start: usize) -> &str {
    let mut depth = 1;
    for (i, c) in text[start..].char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return &text[start..start + i];
                }
            }
            _ => {}
        }
    }
    &text[start..]
}

/// The value of `const NAME: &str = "…"` in the Rust files of `dir`.
fn constant(dir: &Path, name: &str) -> Option<String> {
    let mut files = Vec::new();
    rust_files(dir, &mut files);
    let marker = format!("const {name}: &str = \"");
    files.iter().find_map(|file| {
        let text = std::fs::read_to_string(file).ok()?;
        let start = text.find(&marker)? + marker.len();
        Some(text[start..start + text[start..].find('"')?].to_owned())
    })
}

/// Every (method, path) the router serves, read from the web crate's source.
pub fn discovered_routes() -> BTreeSet<(String, String)> {
    let mut files = Vec::new();
    rust_files(&web_src(), &mut files);
    let mut routes = BTreeSet::new();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("source");
        let text = text.split("#[cfg(test)]").next().unwrap_or_default();
        for (at, _) in text.match_indices(".route(") {
            let call = balanced(text, at + ".route(".len());
            let first = call.trim_start();
            let path = if let Some(rest) = first.strip_prefix('"') {
                rest[..rest.find('"').expect("closing quote")].to_owned()
            } else {
                let name: String = first.chars().take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':').collect();
                let name = name.rsplit("::").next().unwrap_or_default().to_owned();
                let dir = file.parent().expect("folder");
                constant(dir, &name).unwrap_or_else(|| panic!("{}: the path constant {name} was not found", file.display()))
            };
            let rest = &call[call.find(',').unwrap_or(call.len())..];
            for method in ["get", "post", "put", "patch", "delete"] {
                for (i, _) in rest.match_indices(&format!("{method}(")) {
                    let before = rest[..i].chars().next_back().unwrap_or(' ');
                    if !(before.is_alphanumeric() || before == '_') {
                        routes.insert((method.to_uppercase(), path.clone()));
                    }
                }
            }
        }
    }
    routes
}
