//! Integration tests: every test speaks HTTP to the real router on a fresh database, and
//! runs once on SQLite and once on PostgreSQL (see `both_engines!`).

mod helpers;

mod exports;
mod import_page;
mod imports;
mod learning_completions;
mod learning_diagnostic;
mod learning_diagnostic_demo;
mod learning_diagnostic_versions;
mod learning_fixtures;
mod learning_sources;
mod learning_steering;
mod passport_credentials;
mod passport_fixtures;
mod passport_pdf;
mod passport_verification;

mod accounts;
mod cli;
mod coach_fixtures;
mod coaching_account_links;
mod coaching_booking;
mod coaching_booking_agenda;
mod coaching_booking_changes;
mod coaching_booking_rules;
mod coaching_finder;
mod coaching_finder_edit;
mod coaching_records;
mod coaching_records_access;
mod coaching_records_activity;
mod csrf;
mod demo;
mod directory;
mod directory_owners;
mod event_files;
mod event_fixtures;
mod event_load;
mod event_mail_jobs;
mod event_rules;
mod events_api;
mod events_cancelling;
mod events_changes;
mod events_check_in;
mod events_programmes;
mod events_public;
mod events_staff;
mod events_survey;
mod mail_smtp;
mod pages;
mod places;
mod roles;
mod schema;
mod stats_exact;
mod stats_fixtures;
mod territories;
