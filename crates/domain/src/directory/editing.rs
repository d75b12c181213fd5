//! What owners and managers edit on a listing, checked field by field, and the snapshot kept
//! in the listing's history after each change.

use super::hours::Hours;
use super::model::{Amenity, Listing};
use crate::accounts::FieldError;
use serde::{Deserialize, Serialize};
use tremplin_kernel::Email;

/// The fields an owner may change. Also the JSON snapshot stored in `listing_versions`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct EditableFields {
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
    /// Street address.
    pub address: String,
    /// Postcode.
    pub postcode: String,
    /// Phone, international form.
    pub phone: String,
    /// Public e-mail.
    pub email: String,
    /// Website.
    pub website: String,
    /// OSM opening hours.
    pub opening_hours: String,
    /// Category slug.
    pub category: Option<String>,
    /// Services, by stable identifier.
    pub amenities: Vec<String>,
}

/// Names of the editable fields, as stored in `hand_edited` and `changed_fields`.
pub const FIELD_NAMES: [&str; 10] =
    ["name", "description", "address", "postcode", "phone", "email", "website", "opening_hours", "category", "amenities"];

impl EditableFields {
    /// The editable part of a listing.
    pub fn of(listing: &Listing) -> Self {
        EditableFields {
            name: listing.name.clone(),
            description: listing.description.clone(),
            address: listing.address.clone(),
            postcode: listing.postcode.clone(),
            phone: listing.phone.clone(),
            email: listing.email.clone(),
            website: listing.website.clone(),
            opening_hours: listing.opening_hours.clone(),
            category: listing.category.clone(),
            amenities: listing.amenities.iter().map(|a| a.as_str().to_owned()).collect(),
        }
    }

    /// The names of the fields that differ from `other`.
    pub fn changed_from(&self, other: &EditableFields) -> Vec<&'static str> {
        let mut mine = self.amenities.clone();
        mine.sort();
        let mut theirs = other.amenities.clone();
        theirs.sort();
        let pairs: [(&str, bool); 10] = [
            ("name", self.name != other.name),
            ("description", self.description != other.description),
            ("address", self.address != other.address),
            ("postcode", self.postcode != other.postcode),
            ("phone", self.phone != other.phone),
            ("email", self.email != other.email),
            ("website", self.website != other.website),
            ("opening_hours", self.opening_hours != other.opening_hours),
            ("category", self.category != other.category),
            ("amenities", mine != theirs),
        ];
        pairs.into_iter().filter_map(|(name, changed)| changed.then_some(name)).collect()
    }

    /// The services as values.
    pub fn amenity_values(&self) -> Vec<Amenity> {
        self.amenities.iter().filter_map(|a| Amenity::parse(a)).collect()
    }
}

/// Longest name.
pub const MAX_NAME: usize = 120;
/// Longest description.
pub const MAX_DESCRIPTION: usize = 2000;

/// A French or international phone number in international form (`+33241000000`), if it is one.
pub fn normalize_phone(raw: &str) -> Option<String> {
    let digits: String = raw.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect();
    if let Some(rest) = digits.strip_prefix("+") {
        return (8..=15).contains(&rest.len()).then(|| format!("+{rest}")).filter(|_| rest.chars().all(|c| c.is_ascii_digit()));
    }
    if let Some(rest) = digits.strip_prefix("0033") {
        return (rest.len() == 9).then(|| format!("+33{rest}"));
    }
    if digits.len() == 10 && digits.starts_with('0') && digits.chars().all(|c| c.is_ascii_digit()) {
        return Some(format!("+33{}", &digits[1..]));
    }
    None
}

/// Checks and normalises what a form sent. `known_category` tells whether a slug exists.
pub fn validate(mut fields: EditableFields, known_category: impl Fn(&str) -> bool) -> Result<EditableFields, Vec<FieldError>> {
    let mut errors = Vec::new();
    let trim = |s: &mut String| *s = s.trim().to_owned();
    for value in [
        &mut fields.name,
        &mut fields.description,
        &mut fields.address,
        &mut fields.postcode,
        &mut fields.phone,
        &mut fields.email,
        &mut fields.website,
        &mut fields.opening_hours,
    ] {
        trim(value);
    }
    if fields.name.is_empty() {
        errors.push(FieldError { field: "name", key: "error-listing-name-empty" });
    } else if fields.name.chars().count() > MAX_NAME {
        errors.push(FieldError { field: "name", key: "error-listing-name-long" });
    }
    if fields.description.chars().count() > MAX_DESCRIPTION {
        errors.push(FieldError { field: "description", key: "error-listing-description-long" });
    }
    let postcode_ok = fields.postcode.is_empty() || (fields.postcode.len() == 5 && fields.postcode.chars().all(|c| c.is_ascii_digit()));
    if !postcode_ok {
        errors.push(FieldError { field: "postcode", key: "error-postcode" });
    }
    if !fields.phone.is_empty() {
        match normalize_phone(&fields.phone) {
            Some(phone) => fields.phone = phone,
            None => errors.push(FieldError { field: "phone", key: "error-phone" }),
        }
    }
    if !fields.email.is_empty() {
        match Email::parse(&fields.email) {
            Ok(email) => fields.email = email.to_string(),
            Err(_) => errors.push(FieldError { field: "email", key: "error-email-invalid" }),
        }
    }
    if !fields.website.is_empty() {
        if !fields.website.contains("://") {
            fields.website = format!("https://{}", fields.website);
        }
        let ok = (fields.website.starts_with("https://") || fields.website.starts_with("http://"))
            && fields.website.split("://").nth(1).is_some_and(|rest| rest.contains('.') && !rest.contains(char::is_whitespace));
        if !ok {
            errors.push(FieldError { field: "website", key: "error-website" });
        }
    }
    if !fields.opening_hours.is_empty() && Hours::parse(&fields.opening_hours).is_err() {
        errors.push(FieldError { field: "opening_hours", key: "error-hours-value" });
    }
    if let Some(category) = fields.category.as_deref().filter(|c| !c.is_empty()) {
        if !known_category(category) {
            errors.push(FieldError { field: "category", key: "error-category" });
        }
    } else {
        fields.category = None;
    }
    if fields.amenities.iter().any(|a| Amenity::parse(a).is_none()) {
        errors.push(FieldError { field: "amenities", key: "error-service" });
    }
    fields.amenities.sort();
    fields.amenities.dedup();
    if errors.is_empty() { Ok(fields) } else { Err(errors) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_are_normalised() {
        assert_eq!(normalize_phone("02 41 00 00 00").as_deref(), Some("+33241000000"));
        assert_eq!(normalize_phone("+33 6 12 34 56 78").as_deref(), Some("+33612345678"));
        assert_eq!(normalize_phone("0033241000000").as_deref(), Some("+33241000000"));
        assert_eq!(normalize_phone("12"), None);
    }

    #[test]
    fn validation_explains_each_field() {
        let fields = EditableFields {
            name: " ".into(),
            postcode: "4900".into(),
            phone: "abc".into(),
            email: "x@".into(),
            website: "pas un site".into(),
            opening_hours: "Lu-Ve 9h-18h".into(),
            category: Some("inconnue".into()),
            amenities: vec!["teleportation".into()],
            ..EditableFields::default()
        };
        let errors = validate(fields, |_| false).expect_err("invalid");
        let fields: Vec<&str> = errors.iter().map(|e| e.field).collect();
        assert_eq!(fields, vec!["name", "postcode", "phone", "email", "website", "opening_hours", "category", "amenities"]);
        let ok = validate(
            EditableFields {
                name: "Boulangerie".into(),
                website: "boulangerie.fr".into(),
                opening_hours: "Mo-Fr 08:00-19:00".into(),
                ..EditableFields::default()
            },
            |_| true,
        )
        .expect("valid");
        assert_eq!(ok.website, "https://boulangerie.fr");
    }
}
