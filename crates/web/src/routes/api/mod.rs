//! The JSON API under `/api/v1`, described by an OpenAPI document.

pub mod openapi;
pub mod places;
pub mod territories;
