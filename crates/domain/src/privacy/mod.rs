//! Personal data (RGPD): how long each kind is kept, what a person can download and erase,
//! and the staff access log. The retention periods are settings (`retention_*`); the daily
//! retention job enforces them and the processings register shows them.

pub mod retention;

pub use retention::RetentionPolicy;
pub mod catalogue;
