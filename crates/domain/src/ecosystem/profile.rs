//! The profile form of an actor, as typed, and its checking into an [`ActorProfile`]. The
//! commune and the listing are looked up by the caller (they need the store): this checks
//! everything else, and says which of them is missing.

use super::model::{Actor, ActorProfile, Contact};
use super::vocabulary::{ActorKind, Sector, Stage, Topic, parse_list};
use crate::accounts::FieldError;
use tremplin_kernel::{Email, Phone};

/// Longest name and contact name.
pub const SHORT_TEXT: usize = 150;
/// Longest presentation.
pub const LONG_TEXT: usize = 2000;
/// Longest free words (needs or offers).
pub const WORDS_TEXT: usize = 500;

/// The fields as typed (kept to fill the form again on a 422).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProfileInput {
    /// Kind identifier.
    pub kind: String,
    /// Name shown.
    pub name: String,
    /// Presentation.
    pub presentation: String,
    /// Sector identifiers ticked.
    pub sectors: Vec<String>,
    /// Stage identifiers ticked.
    pub stages: Vec<String>,
    /// Need identifiers ticked.
    pub needs: Vec<String>,
    /// Offer identifiers ticked.
    pub offers: Vec<String>,
    /// Needs in free words.
    pub need_words: String,
    /// Offers in free words.
    pub offer_words: String,
    /// Commune: INSEE code, postcode or name.
    pub commune: String,
    /// Slug of one of the account's listings, or empty.
    pub listing: String,
    /// Website.
    pub website: String,
    /// Person to ask for.
    pub contact_name: String,
    /// E-mail.
    pub contact_email: String,
    /// Phone.
    pub contact_phone: String,
    /// Shown in the ecosystem.
    pub visible: bool,
}

impl ProfileInput {
    /// A blank form for a new profile: visible, the account's name as contact.
    pub fn blank(display_name: &str, email: &str) -> Self {
        ProfileInput { contact_name: display_name.into(), contact_email: email.into(), visible: true, ..ProfileInput::default() }
    }

    /// The form of an existing profile; `listing` is its listing's slug, `commune` its INSEE code.
    pub fn of(actor: &Actor, contact: &Contact) -> Self {
        let ids = |values: Vec<&'static str>| values.into_iter().map(str::to_owned).collect();
        ProfileInput {
            kind: actor.kind.as_str().into(),
            name: actor.name.clone(),
            presentation: actor.presentation.clone(),
            sectors: ids(actor.sectors.iter().map(|s| s.as_str()).collect()),
            stages: ids(actor.stages.iter().map(|s| s.as_str()).collect()),
            needs: ids(actor.needs.iter().map(|s| s.as_str()).collect()),
            offers: ids(actor.offers.iter().map(|s| s.as_str()).collect()),
            need_words: actor.need_words.clone(),
            offer_words: actor.offer_words.clone(),
            commune: actor.insee.clone().unwrap_or_default(),
            listing: actor.listing_slug.clone().unwrap_or_default(),
            website: actor.website.clone(),
            contact_name: contact.name.clone(),
            contact_email: contact.email.clone(),
            contact_phone: contact.phone.clone(),
            visible: actor.status != super::ActorStatus::Hidden,
        }
    }

    /// Reads a submitted form (repeated keys for the lists).
    pub fn from_pairs(pairs: Vec<(String, String)>) -> Self {
        let mut input = ProfileInput::default();
        for (key, value) in pairs {
            let value = value.trim().to_owned();
            match key.as_str() {
                "kind" => input.kind = value,
                "name" => input.name = value,
                "presentation" => input.presentation = value,
                "sectors" => input.sectors.push(value),
                "stages" => input.stages.push(value),
                "needs" => input.needs.push(value),
                "offers" => input.offers.push(value),
                "need_words" => input.need_words = value,
                "offer_words" => input.offer_words = value,
                "commune" => input.commune = value,
                "listing" => input.listing = value,
                "website" => input.website = value,
                "contact_name" => input.contact_name = value,
                "contact_email" => input.contact_email = value,
                "contact_phone" => input.contact_phone = value,
                "visible" => input.visible = matches!(value.as_str(), "true" | "on" | "1"),
                _ => {}
            }
        }
        input
    }

    /// Whether a box is ticked (`list` = sectors, stages, needs or offers).
    pub fn ticked(&self, list: &str, value: &str) -> bool {
        let values = match list {
            "sectors" => &self.sectors,
            "stages" => &self.stages,
            "needs" => &self.needs,
            _ => &self.offers,
        };
        values.iter().any(|v| v == value)
    }

    /// Checks every field but the commune's and the listing's existence; the profile has no
    /// commune, position nor listing yet (the caller sets them).
    pub fn parse(&self) -> Result<ActorProfile, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut error = |field: &'static str, key: &'static str| errors.push(FieldError { field, key });
        let kind = ActorKind::parse(&self.kind);
        if kind.is_none() {
            error("kind", "eco-actors-error-kind");
        }
        if self.name.is_empty() || self.name.chars().count() > SHORT_TEXT {
            error("name", "eco-actors-error-name");
        }
        if self.presentation.is_empty() || self.presentation.chars().count() > LONG_TEXT {
            error("presentation", "eco-actors-error-presentation");
        }
        let sectors = parse_list(&self.sectors, Sector::ALL, Sector::parse);
        if sectors.is_empty() || self.sectors.iter().any(|s| Sector::parse(s).is_none()) {
            error("sectors", "eco-actors-error-sectors");
        }
        let stages = parse_list(&self.stages, Stage::ALL, Stage::parse);
        if self.stages.iter().any(|s| Stage::parse(s).is_none()) {
            error("stages", "eco-actors-error-stages");
        } else if matches!(kind, Some(ActorKind::Project | ActorKind::Firm)) && stages.len() != 1 {
            error("stages", "eco-actors-error-own-stage");
        }
        let needs = parse_list(&self.needs, Topic::ALL, Topic::parse);
        let offers = parse_list(&self.offers, Topic::ALL, Topic::parse);
        if self.needs.iter().chain(&self.offers).any(|t| Topic::parse(t).is_none()) {
            error("needs", "eco-actors-error-topics");
        } else if needs.is_empty() && offers.is_empty() && self.need_words.is_empty() && self.offer_words.is_empty() {
            error("needs", "eco-actors-error-nothing");
        }
        if self.need_words.chars().count() > WORDS_TEXT {
            error("need_words", "eco-actors-error-words");
        }
        if self.offer_words.chars().count() > WORDS_TEXT {
            error("offer_words", "eco-actors-error-words");
        }
        if self.commune.is_empty() && self.listing.is_empty() {
            error("commune", "eco-actors-error-commune-required");
        }
        let website = if self.website.is_empty() || self.website.contains("://") {
            self.website.clone()
        } else {
            format!("https://{}", self.website)
        };
        let website_ok = website.is_empty()
            || ((website.starts_with("https://") || website.starts_with("http://"))
                && website.split("://").nth(1).is_some_and(|rest| rest.contains('.') && !rest.contains(char::is_whitespace))
                && website.chars().count() <= 300);
        if !website_ok {
            error("website", "eco-actors-error-website");
        }
        if self.contact_name.is_empty() || self.contact_name.chars().count() > SHORT_TEXT {
            error("contact_name", "eco-actors-error-contact-name");
        }
        let email = Email::parse(&self.contact_email);
        if email.is_err() {
            error("contact_email", "eco-actors-error-contact-email");
        }
        let phone =
            if self.contact_phone.is_empty() { Some(String::new()) } else { Phone::parse(&self.contact_phone).ok().map(|p| p.display()) };
        if phone.is_none() {
            error("contact_phone", "eco-actors-error-contact-phone");
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(ActorProfile {
            kind,
            name: self.name.clone(),
            presentation: self.presentation.clone(),
            sectors,
            stages,
            needs,
            offers,
            need_words: self.need_words.clone(),
            offer_words: self.offer_words.clone(),
            insee: None,
            latitude: None,
            longitude: None,
            listing_id: None,
            website,
            contact: Contact {
                name: self.contact_name.clone(),
                email: email.map(|e| e.as_str().to_owned()).unwrap_or_default(),
                phone: phone.unwrap_or_default(),
            },
            visible: self.visible,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn good() -> ProfileInput {
        ProfileInput {
            kind: "project".into(),
            name: "Épicerie vrac".into(),
            presentation: "Une épicerie sans emballage.".into(),
            sectors: vec!["retail".into()],
            stages: vec!["launch".into()],
            needs: vec!["mentoring".into()],
            commune: "49007".into(),
            website: "epicerie.example".into(),
            contact_name: "Alex".into(),
            contact_email: "Alex@Example.org".into(),
            contact_phone: "06 12 34 56 78".into(),
            visible: true,
            ..ProfileInput::default()
        }
    }

    #[test]
    fn a_good_form_parses() {
        let profile = good().parse().expect("valid");
        assert_eq!(profile.kind, Some(ActorKind::Project));
        assert_eq!(profile.stages, vec![Stage::Launch]);
        assert_eq!(profile.website, "https://epicerie.example");
        assert_eq!(profile.contact.email, "alex@example.org");
    }

    #[test]
    fn a_project_gives_exactly_one_stage_a_mentor_any() {
        let two = ProfileInput { stages: vec!["idea".into(), "launch".into()], ..good() };
        let keys: Vec<&str> = two.parse().expect_err("refused").iter().map(|e| e.key).collect();
        assert_eq!(keys, ["eco-actors-error-own-stage"]);
        let mentor = ProfileInput { kind: "mentor".into(), offers: vec!["mentoring".into()], ..two };
        assert!(mentor.parse().is_ok());
    }

    #[test]
    fn every_field_is_checked() {
        let bad = ProfileInput {
            kind: "robot".into(),
            name: String::new(),
            presentation: String::new(),
            sectors: vec![],
            stages: vec!["someday".into()],
            needs: vec!["magic".into()],
            need_words: "x".repeat(501),
            offer_words: "x".repeat(501),
            commune: String::new(),
            website: "ftp://x".into(),
            contact_name: String::new(),
            contact_email: "nope".into(),
            contact_phone: "abc".into(),
            ..good()
        };
        let fields: Vec<&str> = bad.parse().expect_err("refused").iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            [
                "kind",
                "name",
                "presentation",
                "sectors",
                "stages",
                "needs",
                "need_words",
                "offer_words",
                "commune",
                "website",
                "contact_name",
                "contact_email",
                "contact_phone"
            ]
        );
    }
}
