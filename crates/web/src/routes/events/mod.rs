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
// H3: the staff side (sessions created, check-in, attendance, survey and its results).
pub mod attendance_list;
pub mod capacity;
pub mod check_in_link;
pub mod create;
pub mod create_form;
pub mod edit;
pub mod manage;
pub mod mine;
pub mod presence;
pub mod staff;
pub mod staff_cancel;
pub mod survey;
pub mod survey_results;
pub mod venue_field;
pub mod walk_in;
// H4: large events from the staff side, and webcal links.
pub mod programme_create;
pub mod programme_field;
pub mod webcal;
// H6: staff call off a whole session.
pub mod call_off;
