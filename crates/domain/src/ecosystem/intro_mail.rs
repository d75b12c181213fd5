//! The e-mails of introductions. None carries a contact detail of either side: the request
//! gives the requester's name, the need, the message and a link; the acceptance gives a link
//! to the page where the contacts are shown, behind the login.

use super::introductions::{IntroStatus, Introduction, NewIntroduction, Party};
use crate::notifications::MailRequest;
use tremplin_kernel::Email;

/// A new request, to the recipient.
pub const REQUEST_TEMPLATE: &str = "eco_intro_request";
/// The request was accepted, to the requester.
pub const ACCEPTED_TEMPLATE: &str = "eco_intro_accepted";
/// The request was declined, to the requester.
pub const DECLINED_TEMPLATE: &str = "eco_intro_declined";
/// A request still waits (3 and 7 days), to the recipient.
pub const REMINDER_TEMPLATE: &str = "eco_intro_reminder";
/// A request expired without answer (14 days), to the requester.
pub const EXPIRED_TEMPLATE: &str = "eco_intro_expired";

/// Every template of introductions.
pub const TEMPLATES: [&str; 5] = [REQUEST_TEMPLATE, ACCEPTED_TEMPLATE, DECLINED_TEMPLATE, REMINDER_TEMPLATE, EXPIRED_TEMPLATE];

/// Path of an introduction's page.
pub fn intro_path(public_id: &str) -> String {
    format!("/ecosysteme/mises-en-relation/{public_id}")
}

fn to(template: &'static str, party: &Party) -> Option<MailRequest> {
    let email = Email::parse(&party.mail_to).ok()?;
    Some(MailRequest::new(template, email, party.locale))
}

/// The new request, to the recipient.
pub fn new_request(requester: &Party, recipient: &Party, new: &NewIntroduction) -> Option<MailRequest> {
    Some(
        to(REQUEST_TEMPLATE, recipient)?
            .with("requester_name", requester.name.clone())
            .with("recipient_name", recipient.name.clone())
            .with("need", new.need.as_str())
            .with("message", new.message.clone())
            .with("path", intro_path(&new.public_id)),
    )
}

fn about(template: &'static str, party: &Party, intro: &Introduction) -> Option<MailRequest> {
    Some(
        to(template, party)?
            .with("requester_name", intro.requester.name.clone())
            .with("recipient_name", intro.recipient.name.clone())
            .with("need", intro.need.as_str())
            .with("path", intro_path(&intro.public_id)),
    )
}

/// The answer, to the requester (accepted or declined; nothing for other statuses).
pub fn answered(intro: &Introduction, status: IntroStatus) -> Option<MailRequest> {
    let template = match status {
        IntroStatus::Accepted => ACCEPTED_TEMPLATE,
        IntroStatus::Declined => DECLINED_TEMPLATE,
        _ => return None,
    };
    about(template, &intro.requester, intro)
}

/// A reminder (`number` 1 or 2), to the recipient.
pub fn reminder(intro: &Introduction, number: i64) -> Option<MailRequest> {
    Some(about(REMINDER_TEMPLATE, &intro.recipient, intro)?.with("message", intro.message.clone()).with("number", number.to_string()))
}

/// The expiry, to the requester.
pub fn expired(intro: &Introduction) -> Option<MailRequest> {
    about(EXPIRED_TEMPLATE, &intro.requester, intro)
}
