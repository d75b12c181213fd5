//! Workshops and large events: the agenda, session and programme pages, registration,
//! the registrant's own page, and the staff's pages (check-in, attendance, survey results).

pub mod filters;
