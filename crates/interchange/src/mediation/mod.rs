//! The national standard of digital-mediation places ("lieux de médiation numérique",
//! LaMednum v1.0.2, Frictionless Table Schema, Licence Ouverte 2.0): CSV
//! ([`MediationCsvReader`], [`write_mediation_csv`]) and JSON, an array of objects with the same
//! field names ([`MediationJsonReader`], [`write_mediation_json`]).
//!
//! | standard | listing |
//! |---|---|
//! | `id` (required) | `source_id` (`source` = `mediation`); on export, the listing's slug |
//! | `pivot` | [`ImportedListing::siret`] when a SIRET; on export the SIRET given by the caller, else `00000000000000`, the placeholder the national cartography uses when the SIRET is unknown |
//! | `nom` (required) | name |
//! | `commune`, `code_postal`, `code_insee` | commune name, postcode, INSEE code |
//! | `adresse` (+ `, complement_adresse`) | address |
//! | `latitude`, `longitude` | position |
//! | `telephone` | phone, international form (exported only when it fits the schema's pattern) |
//! | `courriels` | e-mail (the first) |
//! | `site_web` | website (the first address that is not a social network) and social pages |
//! | `horaires` | opening hours, verbatim |
//! | `presentation_detail`, else `presentation_resume` | description; on export the resume is the description cut to 280 characters, the detail the whole text when longer |
//! | `typologie` | tags `typologie:CODE` |
//! | `services`, `publics_specifiquement_adresses`, `prise_en_charge_specifique`, `frais_a_charge`, `dispositif_programmes_nationaux`, `formations_labels`, `modalites_acces`, `modalites_accompagnement`, `itinerance` | tags, the schema's spelling; values outside the lists are dropped ([`vocabulary`]) |
//! | `date_maj` | on export, the listing's `updated_at` (date in Europe/Paris) |
//! | `source` | on export, the collecting structure given by the caller |
//!
//! Kind: mediation. Category: `tiers-lieu-fablab` when the typology has `TIERS_LIEUX` or
//! `FABLAB`, else `espace-public-numerique` (each only if present in the categories given).
//! Multi-valued fields are split on `|` (the v1 separator) and `;` (older files).

mod csv;
mod json;
pub mod vocabulary;

pub use self::csv::{MediationCsvReader, write_mediation_csv};
pub use self::json::{MediationJsonReader, write_mediation_json};

use crate::categories::CategoryIndex;
use crate::record::{ImportItem, ImportedListing, Rejection};
use crate::text::{clean_siret, normalize_phone, split_values};
use chrono::DateTime;
use tremplin_domain::directory::{Listing, ListingInput, ListingKind};
use tremplin_kernel::GeoPoint;
use vocabulary::{VOCABULARIES, canonical, field_of_tag};

/// The fields of the standard, in the schema's order (the CSV header).
pub const FIELDS: [&str; 32] = [
    "id",
    "pivot",
    "nom",
    "commune",
    "code_postal",
    "code_insee",
    "adresse",
    "complement_adresse",
    "latitude",
    "longitude",
    "typologie",
    "telephone",
    "courriels",
    "site_web",
    "horaires",
    "presentation_resume",
    "presentation_detail",
    "source",
    "itinerance",
    "structure_parente",
    "date_maj",
    "services",
    "publics_specifiquement_adresses",
    "prise_en_charge_specifique",
    "frais_a_charge",
    "dispositif_programmes_nationaux",
    "formations_labels",
    "autres_formations_labels",
    "modalites_acces",
    "modalites_accompagnement",
    "fiche_acces_libre",
    "prise_rdv",
];

/// The pivot written when no SIRET is known (what the national cartography's tools write).
pub const PIVOT_PLACEHOLDER: &str = "00000000000000";

/// Prefix of the tags that hold typology codes.
pub const TYPOLOGY_TAG_PREFIX: &str = "typologie:";

/// Maximum length of `presentation_resume`, in characters.
const RESUME_MAX_CHARS: usize = 280;

/// Hosts whose addresses are social pages rather than a website.
const SOCIAL_HOSTS: [&str; 9] =
    ["facebook.com", "fb.com", "instagram.com", "linkedin.com", "twitter.com", "x.com", "youtube.com", "tiktok.com", "mastodon"];

/// One place in the standard's fields, values as text, in [`FIELDS`] order.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Fields(Vec<String>);

impl Fields {
    fn empty() -> Self {
        Fields(vec![String::new(); FIELDS.len()])
    }

    pub(crate) fn get(&self, name: &str) -> &str {
        FIELDS.iter().position(|f| *f == name).and_then(|i| self.0.get(i)).map(|v| v.trim()).unwrap_or("")
    }

    pub(crate) fn set(&mut self, name: &str, value: impl Into<String>) {
        if let Some(i) = FIELDS.iter().position(|f| *f == name) {
            self.0[i] = value.into();
        }
    }

    /// Name and value of each field, in order.
    pub(crate) fn pairs(&self) -> impl Iterator<Item = (&'static str, &str)> {
        FIELDS.iter().copied().zip(self.0.iter().map(String::as_str))
    }
}

/// Builds [`Fields`] from named values (a CSV row, a JSON object); unknown names are ignored.
pub(crate) fn fields_from(named: impl IntoIterator<Item = (String, String)>) -> Fields {
    let mut fields = Fields::empty();
    for (name, value) in named {
        let name = name.trim_start_matches('\u{feff}').trim().to_lowercase();
        fields.set(&name, value);
    }
    fields
}

fn is_social(url: &str) -> bool {
    let lower = url.to_lowercase();
    let host = lower.split("://").nth(1).unwrap_or(&lower).split('/').next().unwrap_or("");
    SOCIAL_HOSTS.iter().any(|s| host == *s || host.ends_with(&format!(".{s}")) || (!s.contains('.') && host.contains(s)))
}

/// `site_web` values: split on `|`, and on `;` only before another address (a `;` may sit in a
/// URL's query).
fn split_urls(value: &str) -> Vec<String> {
    let mut urls: Vec<String> = Vec::new();
    for piece in value.split('|') {
        for (i, part) in piece.split(';').enumerate() {
            let starts_url = part.trim_start().starts_with("http") || part.trim_start().starts_with("www.");
            match urls.last_mut() {
                Some(last) if i > 0 && !starts_url => {
                    last.push(';');
                    last.push_str(part);
                }
                _ => urls.push(part.to_owned()),
            }
        }
    }
    urls.into_iter().map(|u| u.trim().to_owned()).filter(|u| !u.is_empty()).collect()
}

fn coordinate(fields: &Fields, name: &str) -> Result<Option<f64>, String> {
    match fields.get(name) {
        "" => Ok(None),
        text => text.replace(',', ".").parse::<f64>().map(Some).map_err(|_| format!("{name} \"{text}\" is not a number")),
    }
}

/// The listing of one place, or why not.
pub(crate) fn to_listing(fields: &Fields, location: String, index: &CategoryIndex) -> ImportItem {
    let reject = |reason: String| Rejection::new(location.clone(), reason);
    let id = fields.get("id");
    if id.is_empty() {
        return Err(reject("missing id".into()));
    }
    let name = fields.get("nom");
    if name.is_empty() {
        return Err(reject("no name".into()));
    }
    let point = match (coordinate(fields, "latitude").map_err(&reject)?, coordinate(fields, "longitude").map_err(&reject)?) {
        (Some(lat), Some(lon)) => Some(GeoPoint::new(lat, lon).ok_or_else(|| reject(format!("invalid coordinates {lat}, {lon}")))?),
        (None, None) => None,
        _ => return Err(reject("latitude without longitude, or the reverse".into())),
    };
    let typologies: Vec<String> = split_values(fields.get("typologie"), &['|', ';', ',']).into_iter().map(|t| t.to_uppercase()).collect();
    let mut tags: Vec<String> = typologies.iter().map(|t| format!("{TYPOLOGY_TAG_PREFIX}{t}")).collect();
    for (field, _) in VOCABULARIES {
        for value in split_values(fields.get(field), &['|', ';']) {
            if let Some(spelled) = canonical(field, &value).map(str::to_owned).filter(|v| !tags.contains(v)) {
                tags.push(spelled);
            }
        }
    }
    let (social, websites): (Vec<String>, Vec<String>) = split_urls(fields.get("site_web")).into_iter().partition(|u| is_social(u));
    let mut websites = websites.into_iter();
    let website = websites.next().unwrap_or_default();
    let social: Vec<String> = social.into_iter().chain(websites).collect();
    let third_place = typologies.iter().any(|t| t == "TIERS_LIEUX" || t == "FABLAB");
    let category = third_place.then(|| index.by_slug("tiers-lieu-fablab")).flatten().or_else(|| index.by_slug("espace-public-numerique"));
    let address = match fields.get("complement_adresse") {
        "" => fields.get("adresse").to_owned(),
        complement => format!("{}, {complement}", fields.get("adresse")),
    };
    let description = match fields.get("presentation_detail") {
        "" => fields.get("presentation_resume"),
        detail => detail,
    };
    let input = ListingInput {
        source: "mediation".into(),
        source_id: id.to_owned(),
        kind: Some(ListingKind::Mediation),
        name: name.to_owned(),
        description: description.to_owned(),
        address,
        postcode: fields.get("code_postal").to_owned(),
        insee: Some(fields.get("code_insee").to_owned()).filter(|c| !c.is_empty()),
        point,
        category: category.map(|c| c.slug.clone()),
        naf_code: None,
        tags,
        phone: split_values(fields.get("telephone"), &['|', ';']).first().map(|p| normalize_phone(p)).unwrap_or_default(),
        email: split_values(fields.get("courriels"), &['|', ';', ',']).into_iter().next().unwrap_or_default(),
        website,
        social,
        amenities: Vec::new(),
        opening_hours: fields.get("horaires").to_owned(),
        ..ListingInput::default()
    };
    let commune = Some(fields.get("commune").to_owned()).filter(|c| !c.is_empty());
    Ok(ImportedListing { input, commune, siret: clean_siret(fields.get("pivot")) })
}

/// Whether a phone number fits the schema's pattern (`+33` and 6 to 9 digits …).
fn fits_phone_pattern(phone: &str) -> bool {
    const CODES: [&str; 10] = ["+33", "+590", "+594", "+262", "+596", "+269", "+687", "+689", "+508", "+681"];
    CODES
        .iter()
        .any(|code| phone.strip_prefix(code).is_some_and(|rest| (6..=9).contains(&rest.len()) && rest.bytes().all(|b| b.is_ascii_digit())))
}

/// Whether an INSEE code fits the schema's pattern.
fn fits_insee_pattern(code: &str) -> bool {
    let b = code.as_bytes();
    b.len() == 5
        && b[2..].iter().all(u8::is_ascii_digit)
        && match (b[0], b[1]) {
            (b'2', second) => matches!(second, b'A' | b'B' | b'1'..=b'9'),
            (first, second) => matches!(first, b'0' | b'1' | b'3'..=b'9') && second.is_ascii_digit(),
        }
}

/// The date of a Unix time in Europe/Paris, `YYYY-MM-DD`.
fn paris_date(unix_seconds: i64) -> String {
    DateTime::from_timestamp(unix_seconds, 0)
        .map(|d| d.with_timezone(&chrono_tz::Europe::Paris).format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

/// The fields of a listing of kind mediation, or why it cannot be written (a required field
/// missing). `siret` is the pivot when known.
pub(crate) fn from_listing(listing: &Listing, siret: Option<String>, collector: &str) -> Result<Fields, String> {
    let commune = listing.commune.as_deref().map(str::trim).unwrap_or("");
    let postcode = listing.postcode.trim();
    if commune.is_empty() {
        return Err("no commune".into());
    }
    if postcode.len() != 5 || !postcode.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("postcode \"{postcode}\" is not five digits"));
    }
    if listing.address.trim().is_empty() {
        return Err("no address".into());
    }
    let mut fields = Fields::empty();
    fields.set("id", listing.slug.as_str());
    fields.set("pivot", siret.and_then(|s| clean_siret(&s)).unwrap_or_else(|| PIVOT_PLACEHOLDER.to_owned()));
    fields.set("nom", listing.name.trim());
    fields.set("commune", commune);
    fields.set("code_postal", postcode);
    fields.set("code_insee", listing.insee.as_deref().filter(|c| fits_insee_pattern(c)).unwrap_or(""));
    fields.set("adresse", listing.address.trim());
    if let Some(p) = listing.point {
        fields.set("latitude", p.lat.to_string());
        fields.set("longitude", p.lon.to_string());
    }
    let mut lists: Vec<(&str, Vec<&str>)> = Vec::new();
    let mut typologies = Vec::new();
    for tag in &listing.tags {
        if let Some(code) = tag.strip_prefix(TYPOLOGY_TAG_PREFIX) {
            typologies.push(code.trim());
        } else if let Some((field, value)) = field_of_tag(tag) {
            match lists.iter_mut().find(|(f, _)| *f == field) {
                Some((_, values)) if !values.contains(&value) => values.push(value),
                Some(_) => {}
                None => lists.push((field, vec![value])),
            }
        }
    }
    fields.set("typologie", typologies.join("|"));
    for (field, values) in lists {
        fields.set(field, values.join("|"));
    }
    let phone = normalize_phone(&listing.phone);
    fields.set("telephone", if fits_phone_pattern(&phone) { phone } else { String::new() });
    fields.set("courriels", listing.email.trim());
    let urls: Vec<&str> =
        std::iter::once(listing.website.trim()).chain(listing.social.iter().map(|s| s.trim())).filter(|u| !u.is_empty()).collect();
    fields.set("site_web", urls.join("|"));
    fields.set("horaires", listing.opening_hours.trim());
    let description = listing.description.trim();
    if description.chars().count() <= RESUME_MAX_CHARS {
        fields.set("presentation_resume", description);
    } else {
        let cut: String = description.chars().take(RESUME_MAX_CHARS - 1).collect();
        fields.set("presentation_resume", format!("{}…", cut.trim_end()));
        fields.set("presentation_detail", description);
    }
    fields.set("source", collector.trim());
    fields.set("date_maj", paris_date(listing.updated_at));
    Ok(fields)
}

/// What an export of the standard wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MediationExport {
    /// Places written.
    pub written: usize,
    /// Listings of another kind, not written.
    pub other_kinds: usize,
    /// Mediation listings left out because a required field is missing (location: the slug).
    pub left_out: Vec<Rejection>,
}

impl MediationExport {
    /// The fields to write for a listing, counting the ones left out.
    pub(crate) fn consider(
        &mut self,
        listing: &Listing,
        siret_of: &impl Fn(&Listing) -> Option<String>,
        collector: &str,
    ) -> Option<Fields> {
        if listing.kind != ListingKind::Mediation {
            self.other_kinds += 1;
            return None;
        }
        match from_listing(listing, siret_of(listing), collector) {
            Ok(fields) => {
                self.written += 1;
                Some(fields)
            }
            Err(reason) => {
                self.left_out.push(Rejection::new(listing.slug.clone(), reason));
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_split_and_social_pages_recognised() {
        assert_eq!(
            split_urls("https://a.fr/?p=1;2|https://www.facebook.com/x; https://b.fr"),
            vec!["https://a.fr/?p=1;2".to_owned(), "https://www.facebook.com/x".to_owned(), "https://b.fr".to_owned()]
        );
        assert!(is_social("https://m.facebook.com/page"));
        assert!(!is_social("https://www.angers.fr/"));
    }

    #[test]
    fn patterns() {
        assert!(fits_phone_pattern("+33241054000"));
        assert!(!fits_phone_pattern("+3324105400012"));
        assert!(!fits_phone_pattern("0241054000"));
        assert!(fits_insee_pattern("49007") && fits_insee_pattern("2A004") && !fits_insee_pattern("20004") && !fits_insee_pattern("4900"));
        assert_eq!(paris_date(1_767_222_000), "2026-01-01");
    }
}
