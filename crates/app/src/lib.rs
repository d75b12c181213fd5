//! The `tremplin` binary's library: settings, start-up, the background worker and the
//! demo territory. Kept as a library so that integration tests drive the same code.

pub mod activity_rows;
pub mod backup;
pub mod bench;
pub mod demo;
pub mod demo_coaching;
pub mod demo_diagnostic;
pub mod demo_ecosystem_actors;
pub mod demo_ecosystem_intros;
pub mod demo_ecosystem_offers;
pub mod demo_events;
pub mod demo_learning;
pub mod demo_passport;
pub mod demo_stats;
pub mod import;
pub mod server;
pub mod settings;
pub mod worker;
