//! Communes, departments, regions and the territories a deployment defines over them.

pub mod commands;
pub mod model;
pub mod repo;

pub use commands::*;
pub use model::*;
pub use repo::TerritoryRepo;
