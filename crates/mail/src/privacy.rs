//! The e-mails about a person's own data: the link to see or erase it (people without an
//! account, or without a password), and the warning before an inactive account is erased.

use crate::messages::{RenderError, Rendered};
use askama::Template;
use std::collections::BTreeMap;

/// The link to see (`purpose` = `download`) or erase (`erase`) one's data.
pub const PRIVACY_LINK_TEMPLATE: &str = "privacy_link";
/// The warning a month before an inactive account is erased.
pub const ACCOUNT_INACTIVE_TEMPLATE: &str = "account_inactive";

#[derive(Template)]
#[template(path = "privacy_link/body.txt")]
struct LinkText<'a> {
    fr: bool,
    erase: bool,
    link: &'a str,
}

#[derive(Template)]
#[template(path = "privacy_link/body.html")]
struct LinkHtml<'a> {
    fr: bool,
    erase: bool,
    link: &'a str,
}

#[derive(Template)]
#[template(path = "account_inactive/body.txt")]
struct InactiveText<'a> {
    fr: bool,
    link: &'a str,
}

#[derive(Template)]
#[template(path = "account_inactive/body.html")]
struct InactiveHtml<'a> {
    fr: bool,
    link: &'a str,
}

/// Whether `template` is one of these e-mails.
pub fn is_privacy_template(template: &str) -> bool {
    template == PRIVACY_LINK_TEMPLATE || template == ACCOUNT_INACTIVE_TEMPLATE
}

/// Renders one of these e-mails.
pub fn render_privacy(template: &str, fr: bool, params: &BTreeMap<String, String>, base: &str) -> Result<Rendered, RenderError> {
    let pick = |fr_text: &str, en_text: &str| if fr { fr_text.to_owned() } else { en_text.to_owned() };
    if template == ACCOUNT_INACTIVE_TEMPLATE {
        let link = format!("{base}/connexion");
        return Ok(Rendered {
            subject: pick("Votre compte Tremplin sera effacé dans un mois", "Your Tremplin account will be erased in a month"),
            text: InactiveText { fr, link: &link }.render()?,
            html: InactiveHtml { fr, link: &link }.render()?,
            attachments: Vec::new(),
        });
    }
    let get = |name: &'static str| params.get(name).map(String::as_str).ok_or_else(|| RenderError::MissingParam(template.to_owned(), name));
    let erase = get("purpose")? == "erase";
    let link = format!("{base}/donnees-personnelles/{}/{}", if erase { "effacement" } else { "lien" }, get("token")?);
    Ok(Rendered {
        subject: if erase {
            pick("Confirmer l'effacement de vos données Tremplin", "Confirm the erasure of your Tremplin data")
        } else {
            pick("Vos données personnelles sur Tremplin", "Your personal data on Tremplin")
        },
        text: LinkText { fr, erase, link: &link }.render()?,
        html: LinkHtml { fr, erase, link: &link }.render()?,
        attachments: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_by_purpose_in_both_languages() {
        let mut params = BTreeMap::new();
        params.insert("token".to_owned(), "abc".to_owned());
        params.insert("purpose".to_owned(), "erase".to_owned());
        let fr = render_privacy(PRIVACY_LINK_TEMPLATE, true, &params, "https://t.example").expect("renders");
        assert!(fr.text.contains("https://t.example/donnees-personnelles/effacement/abc"), "{}", fr.text);
        assert!(fr.subject.contains("effacement"));
        params.insert("purpose".to_owned(), "download".to_owned());
        let en = render_privacy(PRIVACY_LINK_TEMPLATE, false, &params, "https://t.example").expect("renders");
        assert!(en.text.contains("/donnees-personnelles/lien/abc") && en.subject.contains("personal data"), "{}", en.text);
        let inactive = render_privacy(ACCOUNT_INACTIVE_TEMPLATE, true, &BTreeMap::new(), "https://t.example").expect("renders");
        assert!(inactive.text.contains("https://t.example/connexion"));
    }
}
