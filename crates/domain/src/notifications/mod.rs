//! Messages the domain asks to send. They are stored in an outbox in the same transaction
//! as the change that causes them, and delivered by the mail worker, so nothing is lost
//! when the mail server is down.

use std::collections::BTreeMap;
use tremplin_kernel::{Email, Locale};

/// An e-mail to send: which message, to whom, in which language, with which values.
#[derive(Debug, Clone, PartialEq)]
pub struct MailRequest {
    /// Template identifier (a folder of the mail crate), e.g. `login_link`.
    pub template: &'static str,
    /// Recipient.
    pub to: Email,
    /// Language of the recipient.
    pub locale: Locale,
    /// Values the template needs (never logged).
    pub params: BTreeMap<String, String>,
}

impl MailRequest {
    /// A request with no values yet.
    pub fn new(template: &'static str, to: Email, locale: Locale) -> Self {
        Self { template, to, locale, params: BTreeMap::new() }
    }

    /// Adds a value.
    pub fn with(mut self, key: &str, value: impl Into<String>) -> Self {
        self.params.insert(key.to_owned(), value.into());
        self
    }
}
