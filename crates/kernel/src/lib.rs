//! Shared vocabulary of Tremplin, used by every layer: typed identifiers, roles,
//! validated newtypes ("parse, don't validate"), geographic points, text folding
//! for search, the injected clock and random tokens.

pub mod clock;
pub mod email;
pub mod geo;
pub mod locale;
pub mod page;
pub mod phone;
pub mod role;
pub mod text;
pub mod token;

pub use clock::{Clock, FixedClock, SystemClock};
pub use email::Email;
pub use geo::GeoPoint;
pub use locale::Locale;
pub use page::Page;
pub use phone::Phone;
pub use role::Role;
