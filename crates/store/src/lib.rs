//! Tremplin's persistence: every store trait of the domain implemented once with sea-query
//! and run on SQLite or PostgreSQL through [`Db`].

mod access_log;
mod accompaniments;
mod accounts;
mod appointment_jobs;
mod appointment_manage;
mod appointments;
mod attendance;
mod attendance_completions;
pub mod backup;
mod coach_activity;
mod coaches;
mod completions;
mod credentials;
mod db;
pub mod diagnostics;
mod directory;
mod ecosystem;
mod event_cancelling;
mod event_editing;
mod event_jobs;
mod event_programmes;
mod events;
pub mod health;
pub mod learning;
mod learning_steering;
pub mod outbox;
mod ownership;
pub mod privacy;
pub mod reference;
mod registration_batch;
mod registrations;
pub mod sessions;
pub mod stats;
mod surveys;
mod territories;

pub use db::{AnyRow, Db, Engine, Tx};
/// A value of a row given to [`Tx::insert_rows`] (bulk loads outside this crate: the demo).
pub use sea_query::Value;
pub use sessions::DbSessionStore;

use tremplin_domain::{StoreError, StoreResult};

/// Identifies the schema and reference data of this build, so that test templates built
/// by an older build are never reused.
pub fn fingerprint(engine: Engine) -> String {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    let migrator = match engine {
        Engine::Sqlite => sqlx::migrate!("./migrations/sqlite"),
        Engine::Postgres => sqlx::migrate!("./migrations/postgres"),
    };
    for migration in migrator.iter() {
        migration.version.hash(&mut hasher);
        migration.checksum.hash(&mut hasher);
    }
    reference::fingerprint().hash(&mut hasher);
    learning::catalogue_fingerprint().hash(&mut hasher);
    diagnostics::questionnaire_fingerprint().hash(&mut hasher);
    format!("{:016x}", hasher.finish())
}

/// Brings a database to the current schema, loads the reference geography if missing and
/// writes the shipped module catalogue.
pub async fn prepare(db: &Db) -> StoreResult<()> {
    db.migrate().await.map_err(|e| StoreError(format!("migrations: {e}")))?;
    reference::load_if_empty(db).await?;
    learning::upsert_catalogue(db).await?;
    diagnostics::ensure_platform_questionnaire(db).await
}
