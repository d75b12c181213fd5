//! The e-mails telling a provider that a manager approved or rejected their partner offer.

use crate::messages::{RenderError, Rendered};
use askama::Template;
use std::collections::BTreeMap;
use tremplin_domain::ecosystem::offers::{OFFER_APPROVED_TEMPLATE, OFFER_REJECTED_TEMPLATE};

#[derive(Template)]
#[template(path = "eco_offer_approved/body.txt")]
struct ApprovedText<'a> {
    fr: bool,
    title: &'a str,
    provider: &'a str,
    territory: &'a str,
    ends_on: &'a str,
    note: &'a str,
    offer_link: &'a str,
    mine_link: &'a str,
}

#[derive(Template)]
#[template(path = "eco_offer_approved/body.html")]
struct ApprovedHtml<'a> {
    fr: bool,
    title: &'a str,
    provider: &'a str,
    territory: &'a str,
    ends_on: &'a str,
    note: &'a str,
    offer_link: &'a str,
    mine_link: &'a str,
}

#[derive(Template)]
#[template(path = "eco_offer_rejected/body.txt")]
struct RejectedText<'a> {
    fr: bool,
    title: &'a str,
    provider: &'a str,
    territory: &'a str,
    note: &'a str,
    mine_link: &'a str,
}

#[derive(Template)]
#[template(path = "eco_offer_rejected/body.html")]
struct RejectedHtml<'a> {
    fr: bool,
    title: &'a str,
    provider: &'a str,
    territory: &'a str,
    note: &'a str,
    mine_link: &'a str,
}

/// Whether `template` is one of these e-mails.
pub fn is_offer_template(template: &str) -> bool {
    template == OFFER_APPROVED_TEMPLATE || template == OFFER_REJECTED_TEMPLATE
}

/// A `YYYY-MM-DD` day as written in the message's language.
fn day(fr: bool, iso: &str) -> String {
    match iso.split('-').collect::<Vec<_>>().as_slice() {
        [y, m, d] if fr => format!("{d}/{m}/{y}"),
        _ => iso.to_owned(),
    }
}

/// Renders an offer e-mail.
pub fn render_offer(template: &str, fr: bool, params: &BTreeMap<String, String>, base: &str) -> Result<Rendered, RenderError> {
    let get = |name: &'static str| params.get(name).map(String::as_str).ok_or_else(|| RenderError::MissingParam(template.to_owned(), name));
    let (title, provider, territory, note) = (get("title")?, get("provider")?, get("territory")?, get("note")?);
    let mine_link = format!("{base}{}", get("mine_path")?);
    let pick = |fr_text: String, en_text: String| if fr { fr_text } else { en_text };
    if template == OFFER_APPROVED_TEMPLATE {
        let offer_link = format!("{base}{}", get("offer_path")?);
        let ends_on = day(fr, get("ends_on")?);
        let ends_on = ends_on.as_str();
        return Ok(Rendered {
            subject: pick(format!("Votre offre est validée — {title}"), format!("Your offer is approved — {title}")),
            text: ApprovedText { fr, title, provider, territory, ends_on, note, offer_link: &offer_link, mine_link: &mine_link }
                .render()?,
            html: ApprovedHtml { fr, title, provider, territory, ends_on, note, offer_link: &offer_link, mine_link: &mine_link }
                .render()?,
            attachments: Vec::new(),
        });
    }
    Ok(Rendered {
        subject: pick(format!("Votre offre n'est pas retenue — {title}"), format!("Your offer was not accepted — {title}")),
        text: RejectedText { fr, title, provider, territory, note, mine_link: &mine_link }.render()?,
        html: RejectedHtml { fr, title, provider, territory, note, mine_link: &mine_link }.render()?,
        attachments: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn params() -> BTreeMap<String, String> {
        [
            ("title", "Site WordPress"),
            ("provider", "Chatons d'Anjou"),
            ("territory", "Angers"),
            ("ends_on", "2027-06-30"),
            ("note", "Précisez les conditions."),
            ("offer_path", "/offres/site"),
            ("mine_path", "/offres/mes-propositions"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
    }

    #[test]
    fn both_messages_render_in_both_languages() {
        for fr in [true, false] {
            let approved = render_offer(OFFER_APPROVED_TEMPLATE, fr, &params(), "https://t.example").expect("approved");
            assert!(approved.text.contains("https://t.example/offres/site") && approved.html.contains("Site WordPress"));
            assert!(approved.text.contains(if fr { "30/06/2027" } else { "2027-06-30" }));
            let rejected = render_offer(OFFER_REJECTED_TEMPLATE, fr, &params(), "https://t.example").expect("rejected");
            assert!(rejected.text.contains("Précisez les conditions.") && rejected.subject.contains("Site WordPress"));
        }
        let mut missing = params();
        missing.remove("note");
        assert!(render_offer(OFFER_REJECTED_TEMPLATE, true, &missing, "").is_err());
    }
}
