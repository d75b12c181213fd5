//! The e-mail telling a holder their digital passport is issued: the modules of the path, the
//! holder's own link (page, PDF, credential, what to show) and the public verification address.

use crate::messages::{RenderError, Rendered};
use askama::Template;
use std::collections::BTreeMap;
use tremplin_domain::learning::mail::PASSPORT_ISSUED_TEMPLATE;

#[derive(Template)]
#[template(path = "passport_issued/body.txt")]
struct IssuedText<'a> {
    fr: bool,
    name: &'a str,
    territory: &'a str,
    modules: Vec<&'a str>,
    holder_link: &'a str,
    verification_link: &'a str,
}

#[derive(Template)]
#[template(path = "passport_issued/body.html")]
struct IssuedHtml<'a> {
    fr: bool,
    name: &'a str,
    territory: &'a str,
    modules: Vec<&'a str>,
    holder_link: &'a str,
    verification_link: &'a str,
}

/// Whether `template` is this message.
pub fn is_passport_template(template: &str) -> bool {
    template == PASSPORT_ISSUED_TEMPLATE
}

/// Renders the message; links are made absolute with `base`.
pub fn render_passport_issued(fr: bool, params: &BTreeMap<String, String>, base: &str) -> Result<Rendered, RenderError> {
    let get = |name: &'static str| params.get(name).ok_or_else(|| RenderError::MissingParam(PASSPORT_ISSUED_TEMPLATE.to_owned(), name));
    let name = get("holder_name")?;
    let territory = get("territory")?;
    let modules: Vec<&str> = get("modules")?.split('|').filter(|m| !m.is_empty()).collect();
    let holder_link = format!("{base}{}", get("holder_path")?);
    let verification_link = format!("{base}{}", get("verification_path")?);
    let subject = if fr { "Votre passeport numérique est délivré" } else { "Your digital passport is issued" };
    Ok(Rendered {
        subject: subject.to_owned(),
        text: IssuedText {
            fr,
            name,
            territory,
            modules: modules.clone(),
            holder_link: &holder_link,
            verification_link: &verification_link,
        }
        .render()?,
        html: IssuedHtml { fr, name, territory, modules, holder_link: &holder_link, verification_link: &verification_link }.render()?,
        attachments: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_message_lists_the_modules_and_both_links() {
        let params: BTreeMap<String, String> = [
            ("holder_name", "Lina Martin"),
            ("territory", "Angers"),
            ("modules", "Créer son site internet|Se protéger des risques numériques"),
            ("holder_path", "/passeport/P1/tok"),
            ("verification_path", "/passeport/verifier/P1"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
        for fr in [true, false] {
            let mail = render_passport_issued(fr, &params, "https://tremplin.example").expect("rendered");
            for part in [&mail.text, &mail.html] {
                assert!(part.contains("Lina Martin") && part.contains("Angers"), "{part}");
                assert!(part.contains("Se protéger des risques numériques"), "{part}");
                assert!(part.contains("https://tremplin.example/passeport/P1/tok"), "{part}");
                assert!(part.contains("https://tremplin.example/passeport/verifier/P1"), "{part}");
            }
        }
        assert!(render_passport_issued(true, &BTreeMap::new(), "").is_err());
    }
}
