//! Rendering an outbox message into subject, text and HTML.

use askama::Template;
use std::collections::BTreeMap;
use tremplin_kernel::Locale;

/// A message ready to send.
#[derive(Debug, Clone, PartialEq)]
pub struct Rendered {
    /// Subject line.
    pub subject: String,
    /// Plain-text body.
    pub text: String,
    /// HTML body.
    pub html: String,
    /// Files attached (an invitation, a QR code), in order.
    pub attachments: Vec<Attachment>,
}

/// A file attached to a message.
#[derive(Debug, Clone, PartialEq)]
pub struct Attachment {
    /// File name shown to the recipient.
    pub name: String,
    /// Media type, with parameters (`text/calendar; charset=utf-8; method=REQUEST`).
    pub content_type: String,
    /// Content.
    pub bytes: Vec<u8>,
}

/// Why a message cannot be rendered (a bug or a corrupted outbox row: never retried).
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// No such template.
    #[error("unknown mail template {0}")]
    UnknownTemplate(String),
    /// A value the template needs is missing.
    #[error("mail template {0} lacks the value {1}")]
    MissingParam(String, &'static str),
    /// An attachment could not be built.
    #[error("attachment: {0}")]
    Attachment(String),
    /// Askama failed.
    #[error(transparent)]
    Askama(#[from] askama::Error),
}

#[derive(Template)]
#[template(path = "login_link/body.txt")]
struct LoginLinkText<'a> {
    fr: bool,
    link: &'a str,
}

#[derive(Template)]
#[template(path = "login_link/body.html")]
struct LoginLinkHtml<'a> {
    fr: bool,
    link: &'a str,
}

#[derive(Template)]
#[template(path = "password_reset/body.txt")]
struct PasswordResetText<'a> {
    fr: bool,
    link: &'a str,
}

#[derive(Template)]
#[template(path = "password_reset/body.html")]
struct PasswordResetHtml<'a> {
    fr: bool,
    link: &'a str,
}

#[derive(Template)]
#[template(path = "welcome/body.txt")]
struct WelcomeText<'a> {
    fr: bool,
    link: &'a str,
}

#[derive(Template)]
#[template(path = "welcome/body.html")]
struct WelcomeHtml<'a> {
    fr: bool,
    link: &'a str,
}

#[derive(Template)]
#[template(path = "claim_code/body.txt")]
struct ClaimCodeText<'a> {
    listing: &'a str,
    code: &'a str,
}

#[derive(Template)]
#[template(path = "claim_code/body.html")]
struct ClaimCodeHtml<'a> {
    listing: &'a str,
    code: &'a str,
}

/// Renders `template` for `locale` with `params`; links are made absolute with `base_url`.
pub fn render(template: &str, locale: Locale, params: &BTreeMap<String, String>, base_url: &str) -> Result<Rendered, RenderError> {
    render_to(template, locale, params, base_url, "", 0)
}

/// Like [`render`], for `recipient` (named as the attendee of calendar invitations) at `now`
/// (Unix seconds, the invitations' `DTSTAMP`).
pub fn render_to(
    template: &str,
    locale: Locale,
    params: &BTreeMap<String, String>,
    base_url: &str,
    recipient: &str,
    now: i64,
) -> Result<Rendered, RenderError> {
    let fr = locale == Locale::Fr;
    let base = base_url.trim_end_matches('/');
    if template == tremplin_domain::events::mail::CHANGED_TEMPLATE {
        return crate::event_changes::render_changed(fr, params, base, recipient, now);
    }
    if crate::event_cancelled::is_cancelled_template(template) {
        return crate::event_cancelled::render_cancelled(fr, params, base, recipient, now);
    }
    if crate::appointments::is_appointment_template(template) {
        return crate::appointments::render_appointment(template, fr, params, base, recipient, now);
    }
    if crate::eco_introductions::is_intro_template(template) {
        return crate::eco_introductions::render_intro(template, fr, params, base);
    }
    if crate::eco_offers::is_offer_template(template) {
        return crate::eco_offers::render_offer(template, fr, params, base);
    }
    if crate::passports::is_passport_template(template) {
        return crate::passports::render_passport(template, fr, params, base);
    }
    if crate::privacy::is_privacy_template(template) {
        return crate::privacy::render_privacy(template, fr, params, base);
    }
    if crate::events::is_event_template(template) {
        return crate::events::render_event(template, fr, params, base, recipient, now);
    }
    let token = |name: &'static str| params.get(name).ok_or_else(|| RenderError::MissingParam(template.to_owned(), name));
    let pick = |fr_text: &str, en_text: &str| if fr { fr_text.to_owned() } else { en_text.to_owned() };
    match template {
        "login_link" => {
            let link = format!("{base}/connexion/lien/{}", token("token")?);
            Ok(Rendered {
                subject: pick("Votre lien de connexion à Tremplin", "Your Tremplin login link"),
                text: LoginLinkText { fr, link: &link }.render()?,
                html: LoginLinkHtml { fr, link: &link }.render()?,
                attachments: Vec::new(),
            })
        }
        "password_reset" => {
            let link = format!("{base}/mot-de-passe/nouveau/{}", token("token")?);
            Ok(Rendered {
                subject: pick("Choisir un nouveau mot de passe Tremplin", "Choose a new Tremplin password"),
                text: PasswordResetText { fr, link: &link }.render()?,
                html: PasswordResetHtml { fr, link: &link }.render()?,
                attachments: Vec::new(),
            })
        }
        "welcome" => {
            let link = format!("{base}/connexion");
            Ok(Rendered {
                subject: pick("Bienvenue sur Tremplin", "Welcome to Tremplin"),
                text: WelcomeText { fr, link: &link }.render()?,
                html: WelcomeHtml { fr, link: &link }.render()?,
                attachments: Vec::new(),
            })
        }
        "claim_code" => {
            // Sent to a business's own address, whose language we do not know: French.
            let (listing, code) = (token("listing")?, token("code")?);
            Ok(Rendered {
                subject: format!("Code pour gérer la fiche « {listing} » sur Tremplin"),
                text: ClaimCodeText { listing, code }.render()?,
                html: ClaimCodeHtml { listing, code }.render()?,
                attachments: Vec::new(),
            })
        }
        other => Err(RenderError::UnknownTemplate(other.to_owned())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn login_link_in_both_languages() {
        let params = BTreeMap::from([("token".to_owned(), "abc".to_owned())]);
        let fr = render("login_link", Locale::Fr, &params, "https://t.example/").expect("renders");
        assert!(fr.text.contains("https://t.example/connexion/lien/abc"));
        assert!(fr.subject.contains("connexion"));
        let en = render("login_link", Locale::En, &params, "https://t.example").expect("renders");
        assert!(en.html.contains("href=\"https://t.example/connexion/lien/abc\""));
        assert!(matches!(render("login_link", Locale::Fr, &BTreeMap::new(), ""), Err(RenderError::MissingParam(..))));
    }
}
