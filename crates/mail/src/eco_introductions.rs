//! The e-mails of the ecosystem's introductions: one template pair for the five messages
//! (`kind` picks the text). None carries a contact detail: the links lead to the page where
//! the contacts are shown, behind the login, once both sides agreed.

use crate::messages::{RenderError, Rendered};
use askama::Template;
use std::collections::BTreeMap;
use tremplin_domain::ecosystem::intro_mail::{
    ACCEPTED_TEMPLATE, DECLINED_TEMPLATE, EXPIRED_TEMPLATE, REMINDER_TEMPLATE, REQUEST_TEMPLATE, TEMPLATES,
};

#[derive(Template)]
#[template(path = "eco_introduction/body.txt")]
struct IntroText<'a> {
    fr: bool,
    kind: &'a str,
    requester: &'a str,
    recipient: &'a str,
    need: &'a str,
    message: &'a str,
    link: &'a str,
}

#[derive(Template)]
#[template(path = "eco_introduction/body.html")]
struct IntroHtml<'a> {
    fr: bool,
    kind: &'a str,
    requester: &'a str,
    recipient: &'a str,
    need: &'a str,
    message: &'a str,
    link: &'a str,
}

/// Whether `template` is one of these e-mails.
pub fn is_intro_template(template: &str) -> bool {
    TEMPLATES.contains(&template)
}

/// The need's label (the web's translations are not at hand here).
fn need_label(fr: bool, need: &str) -> String {
    let (fr_label, en_label) = match need {
        "mentoring" => ("mentorat", "mentoring"),
        "funding" => ("financement", "funding"),
        "premises" => ("locaux", "premises"),
        "distribution" => ("canal de distribution", "distribution channel"),
        "technical_skills" => ("compétences techniques", "technical skills"),
        "first_customers" => ("premiers clients", "first customers"),
        "digital" => ("outils et présence numériques", "digital tools and presence"),
        "marketing" => ("marketing et communication", "marketing and communication"),
        "legal_advice" => ("conseil juridique, comptable, administratif", "legal, accounting and administrative advice"),
        "recruitment" => ("recrutement", "recruitment"),
        "training" => ("formation", "training"),
        "suppliers" => ("fournisseurs et achats groupés", "suppliers and group purchasing"),
        "partnership" => ("partenariats", "partnerships"),
        other => (other, other),
    };
    if fr { fr_label.to_owned() } else { en_label.to_owned() }
}

/// Renders an introduction e-mail.
pub fn render_intro(template: &str, fr: bool, params: &BTreeMap<String, String>, base: &str) -> Result<Rendered, RenderError> {
    let get = |name: &'static str| params.get(name).map(String::as_str).ok_or_else(|| RenderError::MissingParam(template.to_owned(), name));
    let (requester, recipient) = (get("requester_name")?, get("recipient_name")?);
    let need = need_label(fr, get("need")?);
    let link = format!("{base}{}", get("path")?);
    let message = params.get("message").map(String::as_str).unwrap_or_default();
    let (kind, subject) = match template {
        REQUEST_TEMPLATE => (
            "request",
            if fr { format!("{requester} demande une mise en relation") } else { format!("{requester} asks for an introduction") },
        ),
        REMINDER_TEMPLATE => (
            "reminder",
            if fr { format!("Rappel : {requester} attend votre réponse") } else { format!("Reminder: {requester} awaits your answer") },
        ),
        ACCEPTED_TEMPLATE => (
            "accepted",
            if fr { format!("{recipient} a accepté la mise en relation") } else { format!("{recipient} accepted the introduction") },
        ),
        DECLINED_TEMPLATE => (
            "declined",
            if fr { format!("{recipient} a décliné la mise en relation") } else { format!("{recipient} declined the introduction") },
        ),
        EXPIRED_TEMPLATE => (
            "expired",
            if fr { "Votre demande de mise en relation a expiré".to_owned() } else { "Your introduction request expired".to_owned() },
        ),
        other => return Err(RenderError::UnknownTemplate(other.to_owned())),
    };
    let text = IntroText { fr, kind, requester, recipient, need: &need, message, link: &link };
    let html = IntroHtml { fr, kind, requester, recipient, need: &need, message, link: &link };
    Ok(Rendered { subject, text: text.render()?, html: html.render()?, attachments: Vec::new() })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params(message: &str) -> BTreeMap<String, String> {
        [
            ("requester_name", "Alex"),
            ("recipient_name", "Claire"),
            ("need", "mentoring"),
            ("path", "/ecosysteme/mises-en-relation/abc"),
            ("message", message),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
    }

    #[test]
    fn every_introduction_mail_renders_in_both_languages_with_its_link() {
        for template in TEMPLATES {
            for fr in [true, false] {
                let mail = render_intro(template, fr, &params("Bonjour <b>"), "https://t.example").expect("renders");
                assert!(mail.text.contains("https://t.example/ecosysteme/mises-en-relation/abc"), "{template}");
                assert!(mail.html.contains("href=\"https://t.example/ecosysteme/mises-en-relation/abc\""), "{template}");
                assert!(!mail.html.contains("<b>"), "the message is escaped in HTML");
            }
        }
        let fr = render_intro(REQUEST_TEMPLATE, true, &params("Un message"), "").expect("renders");
        assert!(fr.text.contains("mentorat") && fr.subject.contains("Alex"));
        let en = render_intro(ACCEPTED_TEMPLATE, false, &params(""), "").expect("renders");
        assert!(en.text.contains("accepted") && en.subject.contains("Claire"));
    }
}
