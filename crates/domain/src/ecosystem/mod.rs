//! The local ecosystem: profiles of actors (project holders, firms, mentors, funders,
//! distributors, associations, training bodies) with their needs and offers in one shared
//! vocabulary; matching a need with the actors who offer it; introductions between two actors
//! with double opt-in (contact details only once both agreed) and the meetings of a mentoring
//! relationship; and the neutral catalogue of partner offers that managers approve.

pub mod catalogue;
pub mod intro_jobs;
pub mod intro_mail;
pub mod introductions;
pub mod matching;
pub mod model;
pub mod offer_form;
pub mod offers;
pub mod policy;
pub mod profile;
pub mod repo;
pub mod reports;
pub mod vocabulary;

pub use model::*;
pub use repo::{ActorFilter, ActorRepo};
pub use vocabulary::*;
