//! Workshops and large events: the agenda, session and programme pages, registration,
//! the registrant's own page, and the staff's pages (check-in, attendance, survey results).

pub mod agenda;
pub mod api;
pub mod filters;
pub mod programme;
pub mod register;
pub mod registrant;
pub mod series;
pub mod show;
pub mod view;
// H2: calendars and QR codes.
pub mod calendar;
pub mod feeds;
pub mod registrant_files;
