//! Tremplin's web layer: the axum router, pages (askama, French first), the JSON API,
//! and the middleware every request goes through.

pub mod auth;
pub mod client;
pub mod csrf;
pub mod error;
pub mod flash;
pub mod i18n;
pub mod limits;
pub mod locale;
pub mod observability;
pub mod opendata;
pub mod pages;
pub mod rate_limit;
pub mod routes;
pub mod security;
pub mod spreadsheet;
pub mod state;

pub use state::{AppState, WebConfig};

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderName, Request};
use axum::middleware::{from_fn, from_fn_with_state};
use axum::routing::{get, post};
use axum_login::AuthManagerLayerBuilder;
use routes::{accounts, api, assets, directory, events, home, opendata as opendata_pages, ops, places, territories};
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::TraceLayer;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};
use tremplin_store::DbSessionStore;

/// Sessions last two weeks of inactivity.
const SESSION_DAYS: i64 = 14;

/// The whole application as one router.
pub fn router(state: AppState) -> Router {
    observability::init();
    let session_layer = SessionManagerLayer::new(DbSessionStore::new(state.db.clone(), state.clock.clone()))
        .with_name("tremplin_session")
        .with_secure(state.config.secure_cookies)
        .with_same_site(SameSite::Lax)
        .with_http_only(true)
        .with_expiry(Expiry::OnInactivity(time::Duration::days(SESSION_DAYS)));
    let auth_layer = AuthManagerLayerBuilder::new(auth::Backend::new(state.db.clone()), session_layer).build();
    let hsts = state.config.base_url.starts_with("https://");
    let request_id = HeaderName::from_static("x-request-id");

    let pages = Router::new()
        .route("/", get(home::show))
        .route("/lieux", get(places::show))
        .route("/annuaire", get(directory::search::page))
        .route("/annuaire/proposer", get(directory::propose::show).post(directory::propose::submit))
        .route("/annuaire/{slug}", get(directory::show::page))
        .route("/annuaire/{slug}/modifier", get(directory::edit::show).post(directory::edit::submit))
        .route("/annuaire/{slug}/revendiquer", get(directory::claim::show).post(directory::claim::start))
        .route("/annuaire/{slug}/revendiquer/code", post(directory::claim::confirm))
        .route("/annuaire/{slug}/signaler", get(directory::report::show).post(directory::report::submit))
        .route("/annuaire/{slug}/historique", get(directory::history::show))
        .route("/annuaire/{slug}/historique/{version}/restaurer", post(directory::history::restore))
        .route("/territoires/{slug}/moderation", get(directory::moderation::show))
        .route("/territoires/{slug}/moderation/revendications/{claim}", post(directory::moderation::decide_claim))
        .route("/territoires/{slug}/moderation/signalements/{report}/clore", post(directory::moderation::close_report))
        .route("/territoires/{slug}/moderation/fiches/{listing}", post(directory::moderation::decide_listing))
        .route("/territoires", get(territories::list::show))
        .route("/territoires/{slug}", get(territories::show::show))
        .route("/territoires/{slug}/equipe", get(territories::team::show).post(territories::team::grant))
        .route("/territoires/{slug}/equipe/retirer", post(territories::team::revoke))
        .route("/inscription", get(accounts::signup::show).post(accounts::signup::submit))
        .route("/connexion", get(accounts::login::show).post(accounts::login::submit))
        .route("/connexion/lien", get(accounts::login_link::show_request).post(accounts::login_link::submit_request))
        .route("/connexion/lien/{token}", get(accounts::login_link::show_confirm).post(accounts::login_link::confirm))
        .route("/deconnexion", post(accounts::logout::submit))
        .route("/mot-de-passe/oublie", get(accounts::password_reset::show_request).post(accounts::password_reset::submit_request))
        .route("/mot-de-passe/nouveau/{token}", get(accounts::password_reset::show_reset).post(accounts::password_reset::submit_reset))
        .route("/compte", get(accounts::account::show))
        .route("/langue/{tag}", get(locale::switch))
        .route("/donnees", get(opendata_pages::page))
        .route("/donnees/catalogue.json", get(opendata_pages::catalogue))
        .route("/donnees/{slug}/{file}", get(opendata_pages::download))
        // Events, public side (H1): agenda, session, programme and series pages, registration,
        // the registrant's own page.
        .route("/ateliers", get(events::agenda::page))
        .route("/ateliers/{slug}", get(events::show::page))
        .route("/ateliers/{slug}/inscription", post(events::register::submit))
        .route("/ateliers/serie/{slug}", get(events::series::page))
        .route("/evenements/{slug}", get(events::programme::page))
        .route("/evenements/{slug}/inscription", post(events::programme::submit))
        .route("/inscriptions/{public_id}/{token}", get(events::registrant::page))
        .route("/inscriptions/{public_id}/{token}/annuler", post(events::registrant::cancel));

    // Workshops, H2: iCalendar feeds and files, the check-in QR code.
    let event_files = Router::new()
        .route("/ateliers.ics", get(routes::events::feeds::agenda))
        .route("/territoires/{slug}/ateliers.ics", get(routes::events::feeds::territory))
        .route("/ateliers/{slug}/agenda.ics", get(routes::events::feeds::session))
        .route("/inscriptions/{public_id}/{token}/agenda.ics", get(routes::events::registrant_files::agenda))
        .route("/inscriptions/{public_id}/{token}/qr.svg", get(routes::events::registrant_files::qr));

    // Workshops, the staff side (H3): creating sessions, the staff page of a session
    // (capacity, registrants, check-in by hand or by QR code, walk-ins, cancellation),
    // attendance lists, the satisfaction survey and its results.
    let events_staff = Router::new()
        .route("/territoires/{slug}/ateliers/nouveau", get(events::create::show).post(events::create::submit))
        .route("/territoires/{slug}/ateliers/enquetes", get(events::survey_results::show))
        .route("/mes-ateliers", get(events::mine::show))
        .route("/ateliers/{slug}/gestion", get(events::manage::show))
        .route("/ateliers/{slug}/modifier", get(events::edit::show).post(events::edit::submit))
        .route("/ateliers/{slug}/capacite", post(events::capacity::submit))
        .route("/ateliers/{slug}/presence/{public_id}", post(events::presence::submit))
        .route("/ateliers/{slug}/annulation/{public_id}", post(events::staff_cancel::submit))
        .route("/ateliers/{slug}/sur-place", post(events::walk_in::submit))
        .route("/ateliers/{slug}/presence.csv", get(events::attendance_list::download))
        .route("/ateliers/{slug}/presence/imprimer", get(events::attendance_list::print))
        .route("/pointage/{public_id}/{token}", get(events::check_in_link::show).post(events::check_in_link::submit))
        .route("/enquete/{public_id}/{token}", get(events::survey::show).post(events::survey::submit))
        // H4: staff create large events.
        .route("/territoires/{slug}/evenements/nouveau", get(events::programme_create::show).post(events::programme_create::submit))
        // H6: staff call off a whole session.
        .route("/ateliers/{slug}/annuler", get(events::call_off::show).post(events::call_off::submit));

    let api = Router::new()
        .route("/api/v1/places", get(api::places::search))
        .route("/api/v1/territories", get(api::territories::list))
        .route("/api/v1/listings", get(directory::search::api))
        .route("/api/v1/listings/{slug}", get(directory::show::api))
        .route("/api/v1/opening-hours", get(directory::show::hours_api))
        // Events API, public side (H1).
        .route("/api/v1/events", get(events::agenda::api))
        .route("/api/v1/events/{slug}", get(events::show::api))
        .route("/api/v1/events/{slug}/registrations", post(events::api::register_one))
        .route("/api/v1/registrations", post(events::api::register_many))
        .route("/api/v1/registrations/{public_id}/cancel", post(events::api::cancel))
        .route("/api/v1/openapi.json", get(api::openapi::document));

    let operations = Router::new()
        .route("/healthz", get(ops::healthz))
        .route("/readyz", get(ops::readyz))
        .route("/metrics", get(ops::metrics))
        .route("/static/app.css", get(assets::css))
        .route("/static/places.js", get(assets::places_js))
        .route("/static/near-me.js", get(assets::near_me_js))
        .route("/static/check-in.js", get(assets::check_in_js))
        .route("/static/favicon.svg", get(assets::favicon));

    // The one route that takes large bodies: the import upload, read by its handler within
    // its own limit (so that a file too large gets the form back with a message).
    let uploads = Router::new()
        .route("/territoires/{slug}/imports", get(directory::imports::show).post(directory::imports::submit))
        .layer(DefaultBodyLimit::max(limits::UPLOAD_LIMIT));

    Router::new()
        .merge(pages)
        .merge(event_files)
        .merge(events_staff)
        .merge(routes::coaching::router())
        .merge(routes::learning::router())
        .merge(routes::ecosystem::router())
        .merge(routes::stats::router())
        .merge(routes::privacy::router())
        .merge(api)
        .merge(operations)
        .layer(RequestBodyLimitLayer::new(limits::BODY_LIMIT))
        .merge(uploads)
        .layer(from_fn_with_state(state.clone(), csrf::verify))
        .layer(auth_layer)
        .layer(from_fn(error::session_store_outage))
        .layer(from_fn(error::render_errors))
        .layer(from_fn(observability::track))
        .layer(from_fn(move |req, next| security::headers(hsts, req, next)))
        .layer(CompressionLayer::new())
        .layer(from_fn(limits::deadline))
        .layer(
            TraceLayer::new_for_http().make_span_with(|request: &Request<_>| {
                let id = request.headers().get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
                // The path only, never the query string: it may hold personal data or tokens.
                tracing::info_span!("request", method = %request.method(), path = %observability::redact_path(request.uri().path()), request_id = %id)
            }),
        )
        .layer(PropagateRequestIdLayer::new(request_id.clone()))
        .layer(SetRequestIdLayer::new(request_id, MakeRequestUuid))
        .with_state(state)
}
