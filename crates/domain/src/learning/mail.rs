//! The e-mail telling a holder that their passport is issued. The domain says what it is
//! about; the mail crate renders it.

use super::model::Passport;
use super::tokens::{holder_path, verification_path};
use crate::coaching::Beneficiary;
use crate::notifications::MailRequest;
use tremplin_kernel::{Email, Locale};

/// Template of the message sent when a passport is issued.
pub const PASSPORT_ISSUED_TEMPLATE: &str = "passport_issued";

/// The message to the holder (when they gave an e-mail), with their link and the public
/// verification address; `None` for someone known by phone only.
pub fn passport_issued_mail(passport: &Passport, holder: &Beneficiary, territory_name: &str) -> Option<MailRequest> {
    let email = holder.email.as_deref().and_then(|e| Email::parse(e).ok())?;
    let titles: Vec<&str> = passport.modules.iter().map(|m| m.title.as_str()).collect();
    Some(
        MailRequest::new(PASSPORT_ISSUED_TEMPLATE, email, Locale::default())
            .with("holder_name", passport.holder_name.clone())
            .with("territory", territory_name)
            .with("modules", titles.join("|"))
            .with("holder_path", holder_path(&passport.public_id, &passport.secret))
            .with("verification_path", verification_path(&passport.public_id)),
    )
}

/// Template of the message sent when a passport is revoked.
pub const PASSPORT_REVOKED_TEMPLATE: &str = "passport_revoked";

/// The message telling the holder their passport was revoked, and why; `None` without e-mail.
pub fn passport_revoked_mail(passport: &Passport, holder_email: Option<&str>, territory_name: &str, reason: &str) -> Option<MailRequest> {
    let email = holder_email.and_then(|e| Email::parse(e).ok())?;
    Some(
        MailRequest::new(PASSPORT_REVOKED_TEMPLATE, email, Locale::default())
            .with("holder_name", passport.holder_name.clone())
            .with("territory", territory_name)
            .with("reason", reason)
            .with("verification_path", verification_path(&passport.public_id)),
    )
}
