//! Tremplin's e-mail: the messages (askama templates per message and language), the
//! transports (SMTP, log for development, memory for tests) and the outbox worker.

pub mod appointments;
pub mod eco_introductions;
pub mod eco_offers;
pub mod event_cancelled;
pub mod event_changes;
pub mod events;
pub mod messages;
pub mod passports;
pub mod privacy;
pub mod transport;
pub mod worker;

pub use messages::{Attachment, Rendered, render, render_to};
pub use transport::{Mailer, MemoryTransport, SentMail, Transport};
pub use worker::{DeliveryReport, deliver_due};
