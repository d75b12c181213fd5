//! The ecosystem's tables: actor profiles (`eco_actors`), introductions and their meetings,
//! reports, and partner offers.

mod actors;
mod intro_jobs;
mod introductions;
mod offers;
mod reports;
