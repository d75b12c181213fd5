//! Where rendered messages go.

use crate::messages::Rendered;
use lettre::message::header::ContentType;
use lettre::message::{Attachment as MailAttachment, Mailbox, MultiPart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::sync::{Arc, Mutex};

/// A message as handed to the transport, kept by [`MemoryTransport`] for tests.
#[derive(Debug, Clone)]
pub struct SentMail {
    /// Recipient.
    pub to: String,
    /// Subject and bodies.
    pub message: Rendered,
}

/// Keeps messages in memory (tests).
#[derive(Debug, Clone, Default)]
pub struct MemoryTransport(Arc<Mutex<Vec<SentMail>>>);

impl MemoryTransport {
    /// Every message sent so far.
    pub fn sent(&self) -> Vec<SentMail> {
        self.0.lock().map(|v| v.clone()).unwrap_or_default()
    }
}

/// How mail leaves the application.
#[derive(Clone)]
pub enum Transport {
    /// A real SMTP server.
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    /// Development: written to the log (the only place personal data may reach a log,
    /// and only when an operator chose this transport).
    Log,
    /// Tests.
    Memory(MemoryTransport),
}

/// SMTP settings.
#[derive(Debug, Clone)]
pub struct SmtpSettings {
    /// Host name.
    pub host: String,
    /// Port (587 for STARTTLS, 465 for TLS, 25 or any for plain).
    pub port: u16,
    /// `starttls`, `tls` or `none`.
    pub security: String,
    /// Login, if the server wants one.
    pub username: Option<String>,
    /// Password.
    pub password: Option<String>,
}

/// Why a transport could not be built or could not send.
#[derive(Debug, thiserror::Error)]
pub enum TransportError {
    /// Bad configuration.
    #[error("{0}")]
    Config(String),
    /// The server refused or could not be reached.
    #[error("smtp: {0}")]
    Smtp(#[from] lettre::transport::smtp::Error),
    /// The message could not be built.
    #[error("message: {0}")]
    Message(String),
}

impl Transport {
    /// An SMTP transport.
    pub fn smtp(settings: &SmtpSettings) -> Result<Self, TransportError> {
        let tls = || TlsParameters::new(settings.host.clone()).map_err(|e| TransportError::Config(format!("smtp tls: {e}")));
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&settings.host).port(settings.port);
        builder = match settings.security.as_str() {
            "starttls" => builder.tls(Tls::Required(tls()?)),
            "tls" => builder.tls(Tls::Wrapper(tls()?)),
            "none" => builder.tls(Tls::None),
            other => return Err(TransportError::Config(format!("smtp_security must be starttls, tls or none, not {other:?}"))),
        };
        if let (Some(user), Some(password)) = (&settings.username, &settings.password) {
            builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
        }
        Ok(Transport::Smtp(builder.timeout(Some(std::time::Duration::from_secs(20))).build()))
    }
}

/// A transport with the sender address.
#[derive(Clone)]
pub struct Mailer {
    /// Where messages go.
    pub transport: Transport,
    /// The `From:` address.
    pub from: Mailbox,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = match self.transport {
            Transport::Smtp(_) => "smtp",
            Transport::Log => "log",
            Transport::Memory(_) => "memory",
        };
        f.debug_struct("Mailer").field("transport", &kind).field("from", &self.from.to_string()).finish()
    }
}

impl Mailer {
    /// Sends one message.
    pub async fn send(&self, to: &str, message: &Rendered) -> Result<(), TransportError> {
        match &self.transport {
            Transport::Memory(memory) => {
                if let Ok(mut sent) = memory.0.lock() {
                    sent.push(SentMail { to: to.to_owned(), message: message.clone() });
                }
                Ok(())
            }
            Transport::Log => {
                let attachments: Vec<String> =
                    message.attachments.iter().map(|a| format!("{} ({}, {} bytes)", a.name, a.content_type, a.bytes.len())).collect();
                tracing::info!(target: "tremplin::mail", to, subject = %message.subject, body = %message.text,
                    attachments = %attachments.join(", "), "mail (log transport)");
                Ok(())
            }
            Transport::Smtp(smtp) => {
                let to: Mailbox = to.parse().map_err(|e| TransportError::Message(format!("recipient: {e}")))?;
                let email = Message::builder()
                    .from(self.from.clone())
                    .to(to)
                    .subject(message.subject.clone())
                    .multipart(multipart(message)?)
                    .map_err(|e| TransportError::Message(e.to_string()))?;
                smtp.send(email).await?;
                Ok(())
            }
        }
    }
}

/// The body: text and HTML as alternatives; with attachments, that alternative first in a
/// multipart/mixed, then each file.
fn multipart(message: &Rendered) -> Result<MultiPart, TransportError> {
    let alternative = MultiPart::alternative_plain_html(message.text.clone(), message.html.clone());
    if message.attachments.is_empty() {
        return Ok(alternative);
    }
    let mut mixed = MultiPart::mixed().multipart(alternative);
    for attachment in &message.attachments {
        let content_type =
            ContentType::parse(&attachment.content_type).map_err(|e| TransportError::Message(format!("content type: {e}")))?;
        mixed = mixed.singlepart(MailAttachment::new(attachment.name.clone()).body(attachment.bytes.clone(), content_type));
    }
    Ok(mixed)
}
