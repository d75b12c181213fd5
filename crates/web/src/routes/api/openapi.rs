//! `GET /api/v1/openapi.json`.

use axum::Json;
use std::collections::BTreeMap;
use utoipa::openapi::path::{Operation, ParameterIn};
use utoipa::openapi::{Content, Ref, RefOr, Response};
use utoipa::{Modify, OpenApi, ToSchema};

/// Every error of the API: `{"error": {"code", "message", "fields"?}}`, the message in the
/// caller's language (`Accept-Language`, or the body's `locale`).
#[derive(Debug, ToSchema)]
#[schema(example = json!({"error": {"code": "invalid-form", "message": "Certains champs sont à corriger.", "fields": {"email": "Adresse e-mail invalide."}}}))]
pub struct ErrorBody {
    /// What went wrong.
    pub error: ErrorDetail,
}

/// The error itself.
#[derive(Debug, ToSchema)]
pub struct ErrorDetail {
    /// Stable machine-readable code (`not-found`, `invalid-form`, `rate-limited`, …).
    pub code: String,
    /// Human-readable message, in French or English.
    pub message: String,
    /// For invalid input: a message per field, by field name.
    pub fields: Option<BTreeMap<String, String>>,
}

/// The errors that the framework answers before a handler runs, and the outage every
/// operation may meet, added to every `/api/` operation that does not say them already; and
/// the error schema on every error response without a body of its own. Done here, once,
/// so that a new operation cannot forget them.
struct ErrorResponses;

impl Modify for ErrorResponses {
    fn modify(&self, doc: &mut utoipa::openapi::OpenApi) {
        for (path, item) in doc.paths.paths.iter_mut() {
            if !path.starts_with("/api/") {
                continue;
            }
            let operations = [&mut item.get, &mut item.post, &mut item.put, &mut item.delete, &mut item.patch];
            for operation in operations.into_iter().flatten() {
                complete_errors(operation);
            }
        }
    }
}

fn complete_errors(operation: &mut Operation) {
    let has = |operation: &Operation, place: ParameterIn| {
        operation.parameters.iter().flatten().any(|p| matches!(p, RefOr::T(p) if p.parameter_in == place))
    };
    let mut missing: Vec<(&str, &str)> = Vec::new();
    if has(operation, ParameterIn::Query) {
        missing.push(("400", "A parameter is malformed (e.g. a number that is not one)"));
    }
    if has(operation, ParameterIn::Path) {
        missing.push(("404", "Nothing has this identifier"));
    }
    if operation.request_body.is_some() {
        missing.push(("400", "The body is not valid JSON"));
        missing.push(("413", "The body is larger than 2 MB"));
        missing.push(("415", "The `Content-Type` is not `application/json`"));
        missing.push(("422", "The JSON does not have the documented shape (a missing or mistyped field)"));
    }
    missing.push(("503", "The database does not answer; try again later"));
    for (status, description) in missing {
        operation.responses.responses.entry(status.to_owned()).or_insert_with(|| RefOr::T(Response::new(description)));
    }
    for (status, response) in operation.responses.responses.iter_mut() {
        let is_error = status.starts_with('4') || status.starts_with('5');
        if let (true, RefOr::T(response)) = (is_error, response)
            && response.content.is_empty()
        {
            response.content.insert("application/json".to_owned(), RefOr::T(Content::new(Some(Ref::from_schema_name("ErrorBody")))));
        }
    }
}

/// The OpenAPI document of the public API.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Tremplin API",
        description = "Open API of a Tremplin deployment. Data under Licence Ouverte 2.0 unless stated otherwise. \
Every error is `{\"error\": {\"code\", \"message\"}}` JSON (schema `ErrorBody`), in French or English \
after `Accept-Language`. No operation needs an account, except the ecosystem's introductions (a session \
cookie from `/connexion`). Writes take no CSRF token (no cookie is read)."
    ),
    modifiers(&ErrorResponses),
    paths(
        super::places::search,
        super::territories::list,
        crate::routes::directory::search::api,
        crate::routes::directory::show::api,
        crate::routes::directory::show::hours_api,
        crate::routes::events::agenda::api,
        crate::routes::events::show::api,
        crate::routes::events::api::register_one,
        crate::routes::events::api::register_many,
        crate::routes::events::api::cancel,
        crate::routes::coaching::finder::api::list,
        crate::routes::coaching::finder::api::detail,
        crate::routes::coaching::booking::api::book,
        crate::routes::learning::diagnostic::api::questionnaire,
        crate::routes::learning::diagnostic::api::create,
        crate::routes::learning::modules::api::list,
        crate::routes::learning::modules::api::detail,
        crate::routes::learning::passport::api::verification,
        crate::routes::learning::passport::api::verify,
        crate::routes::stats::opendata::api::stats,
        // Ecosystem — part A
        crate::routes::ecosystem::actors::api::matches,
        crate::routes::ecosystem::actors::api::actor,
        // Ecosystem — part B (introductions; their schemas are collected from the responses)
        crate::routes::ecosystem::introductions::api::list,
        crate::routes::ecosystem::introductions::api::detail,
        // Ecosystem — part C
        crate::routes::ecosystem::offers::api::list,
        document,
        crate::routes::ops::healthz,
        crate::routes::ops::readyz
    ),
    components(schemas(
        ErrorBody,
        ErrorDetail,
        super::places::PlaceDto,
        crate::routes::learning::diagnostic::api::QuestionnaireDto,
        crate::routes::learning::diagnostic::api::DiagnosticBody,
        crate::routes::learning::diagnostic::api::DiagnosticDto,
        crate::routes::learning::diagnostic::api::AxisDto,
        crate::routes::learning::diagnostic::recommend::Recommendations,
        crate::routes::learning::diagnostic::recommend::ModuleLink,
        crate::routes::learning::diagnostic::recommend::WorkshopLink,
        crate::routes::learning::diagnostic::recommend::CoachLink,
        super::territories::TerritoryDto,
        crate::routes::directory::search::ListingPageDto,
        crate::routes::directory::search::ListingHitDto,
        crate::routes::directory::show::HoursDto,
        crate::routes::events::agenda::AgendaDto,
        crate::routes::events::view::EventDto,
        crate::routes::events::view::VenueDto,
        crate::routes::events::api::PersonBody,
        crate::routes::events::api::MultiBody,
        crate::routes::events::api::CancelBody,
        crate::routes::events::api::RegistrationDto,
        crate::routes::coaching::finder::api::FinderDto,
        crate::routes::coaching::finder::api::RankedCoachDto,
        crate::routes::coaching::finder::api::CoachDto,
        crate::routes::coaching::finder::api::CoachDetailDto,
        crate::routes::coaching::finder::api::SlotDto,
        crate::routes::coaching::booking::api::AppointmentBody,
        crate::routes::coaching::booking::api::AppointmentDto,
        crate::routes::learning::modules::api::ModuleListDto,
        crate::routes::learning::modules::api::ModuleDetailDto,
        crate::routes::learning::modules::api::ModuleDto,
        crate::routes::learning::modules::api::ResourceDto,
        crate::routes::learning::modules::api::QuestionDto,
        crate::routes::learning::passport::view::VerificationDto,
        crate::routes::learning::passport::view::VerifiedModuleDto,
        crate::routes::learning::passport::api::VerifyBody,
        crate::routes::learning::passport::api::ReasonDto,
        crate::routes::learning::passport::api::CredentialCheckDto,
        // Ecosystem — part C
        crate::routes::ecosystem::offers::api::OfferCatalogueDto,
        crate::routes::ecosystem::offers::api::OfferCategoryDto,
        crate::routes::ecosystem::offers::api::OfferDto,
        crate::routes::stats::opendata::api::StatsDto,
        crate::routes::stats::opendata::api::StatsTerritoryDto,
        crate::routes::stats::opendata::api::LicenceDto,
        crate::routes::stats::opendata::api::SuppressionDto,
        crate::routes::stats::opendata::api::MonthDto,
        crate::routes::stats::opendata::api::CountDto,
        crate::routes::stats::opendata::api::AverageDto,
        crate::routes::stats::opendata::api::AveragesDto
    ))
)]
pub struct ApiDoc;

/// This document (OpenAPI 3.1), to generate a client or drive a test tool from.
#[utoipa::path(get, path = "/api/v1/openapi.json", tag = "meta",
    responses((status = 200, description = "The OpenAPI document", content_type = "application/json")))]
pub async fn document() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
