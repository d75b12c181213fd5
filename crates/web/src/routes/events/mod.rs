//! Workshops and large events: the agenda, session and programme pages, registration,
//! the registrant's own page, and the staff's pages (check-in, attendance, survey results).

pub mod filters;
// H2: calendars and QR codes.
pub mod calendar;
pub mod feeds;
pub mod registrant_files;
