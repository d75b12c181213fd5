//! The e-mails about a holder's digital passport: issued (with their private link and the
//! public verification address) and revoked (with the reason).

use crate::messages::{RenderError, Rendered};
use askama::Template;
use std::collections::BTreeMap;
use tremplin_domain::learning::mail::{PASSPORT_ISSUED_TEMPLATE, PASSPORT_REVOKED_TEMPLATE};

#[derive(Template)]
#[template(path = "passport_issued/body.txt")]
struct IssuedText<'a> {
    fr: bool,
    name: &'a str,
    territory: &'a str,
    modules: Vec<&'a str>,
    holder_link: &'a str,
    verify_link: &'a str,
}

#[derive(Template)]
#[template(path = "passport_issued/body.html")]
struct IssuedHtml<'a> {
    fr: bool,
    name: &'a str,
    territory: &'a str,
    modules: Vec<&'a str>,
    holder_link: &'a str,
    verify_link: &'a str,
}

#[derive(Template)]
#[template(path = "passport_revoked/body.txt")]
struct RevokedText<'a> {
    fr: bool,
    name: &'a str,
    territory: &'a str,
    reason: &'a str,
    verify_link: &'a str,
}

#[derive(Template)]
#[template(path = "passport_revoked/body.html")]
struct RevokedHtml<'a> {
    fr: bool,
    name: &'a str,
    territory: &'a str,
    reason: &'a str,
    verify_link: &'a str,
}

/// Whether `template` is one of these e-mails.
pub fn is_passport_template(template: &str) -> bool {
    template == PASSPORT_ISSUED_TEMPLATE || template == PASSPORT_REVOKED_TEMPLATE
}

/// Renders a passport e-mail.
pub fn render_passport(template: &str, fr: bool, params: &BTreeMap<String, String>, base: &str) -> Result<Rendered, RenderError> {
    let get = |name: &'static str| params.get(name).map(String::as_str).ok_or_else(|| RenderError::MissingParam(template.to_owned(), name));
    let (name, territory) = (get("holder_name")?, get("territory")?);
    let verify_link = format!("{base}{}", get("verification_path")?);
    let pick = |fr_text: String, en_text: String| if fr { fr_text } else { en_text };
    if template == PASSPORT_ISSUED_TEMPLATE {
        let holder_link = format!("{base}{}", get("holder_path")?);
        let modules: Vec<&str> = get("modules")?.split('|').filter(|m| !m.is_empty()).collect();
        let text = IssuedText { fr, name, territory, modules: modules.clone(), holder_link: &holder_link, verify_link: &verify_link };
        let html = IssuedHtml { fr, name, territory, modules, holder_link: &holder_link, verify_link: &verify_link };
        return Ok(Rendered {
            subject: pick(format!("Votre passeport numérique — {territory}"), format!("Your digital passport — {territory}")),
            text: text.render()?,
            html: html.render()?,
            attachments: Vec::new(),
        });
    }
    let reason = get("reason")?;
    Ok(Rendered {
        subject: pick(
            format!("Votre passeport numérique a été révoqué — {territory}"),
            format!("Your digital passport was revoked — {territory}"),
        ),
        text: RevokedText { fr, name, territory, reason, verify_link: &verify_link }.render()?,
        html: RevokedHtml { fr, name, territory, reason, verify_link: &verify_link }.render()?,
        attachments: Vec::new(),
    })
}
