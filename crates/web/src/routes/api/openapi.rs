//! `GET /api/v1/openapi.json`.

use axum::Json;
use utoipa::OpenApi;

/// The OpenAPI document of the public API.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "Tremplin API",
        description = "Open API of a Tremplin deployment. Data under Licence Ouverte 2.0 unless stated otherwise."
    ),
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
        crate::routes::ops::healthz,
        crate::routes::ops::readyz
    ),
    components(schemas(
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

/// The document as JSON.
pub async fn document() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
