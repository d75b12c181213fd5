//! Personal data (RGPD): how long each kind is kept, what a person can download and erase,
//! and the staff access log. The retention periods are settings (`retention_*`); the daily
//! retention job enforces them and the processings register shows them.

pub mod access_log;
pub mod processings;
pub mod retention;

pub use access_log::{AccessEntry, AccessFilter, AccessKind, AccessLogRepo, NewAccess, Subject};
pub use retention::RetentionPolicy;
pub mod catalogue;
