//! Small text clean-ups shared by the formats.

/// A phone number in the international form Tremplin stores (`+33241000000`), from what
/// people write (`02 41 00 00 00`, `+33 (0)2 41 00 00 00`, `0033 2 41…`). Overseas
/// departments get their own country codes (`0262…` → `+262262…`). Only the first number
/// of a list (`;`, `,` or `/`) is kept. Anything else (short numbers) is returned trimmed.
pub fn normalize_phone(raw: &str) -> String {
    let first = raw.split([';', ',', '/']).next().unwrap_or("").trim();
    let without_trunk = first.replace("(0)", "");
    let digits: String = without_trunk.chars().filter(char::is_ascii_digit).collect();
    let international = without_trunk.trim_start().starts_with('+');
    if international {
        return format!("+{digits}");
    }
    if let Some(rest) = digits.strip_prefix("00").filter(|r| r.len() > 8) {
        return format!("+{rest}");
    }
    if digits.len() == 10 && digits.starts_with('0') {
        return format!("{}{}", overseas_country_code(&digits), &digits[1..]);
    }
    first.to_owned()
}

/// The country code of a French national number (ten digits starting with 0).
fn overseas_country_code(national: &str) -> &'static str {
    match &national[..4] {
        "0590" | "0690" | "0691" => "+590",
        "0594" | "0694" => "+594",
        "0596" | "0696" | "0697" => "+596",
        "0262" | "0263" | "0692" | "0693" | "0269" | "0639" => "+262",
        "0508" => "+508",
        _ => "+33",
    }
}

/// Words kept in lower case inside a title-cased French name.
const FRENCH_PARTICLES: [&str; 16] = ["a", "à", "au", "aux", "d", "de", "des", "du", "en", "et", "l", "la", "le", "les", "sous", "sur"];

/// `BOULANGERIE DE LA GARE` → `Boulangerie de la Gare`; `SAINT-BARTHELEMY-D'ANJOU` →
/// `Saint-Barthelemy-d'Anjou`. Text that already has lower-case letters is left alone.
pub fn title_case_if_upper(text: &str) -> String {
    title_case_words(text, true)
}

/// Title case of upper-case text, French particles (`de`, `la`, `d'` …) in lower case, the first
/// word too unless `capitalize_first`. Text that already has lower-case letters is only trimmed.
pub fn title_case_words(text: &str, capitalize_first: bool) -> String {
    let text = text.trim();
    if text.chars().any(char::is_lowercase) {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut word = String::new();
    let mut first_word = capitalize_first;
    for c in text.chars() {
        if c.is_alphanumeric() {
            word.push(c);
        } else {
            push_title_word(&mut out, &word, first_word);
            first_word &= word.is_empty();
            word.clear();
            out.push(c);
        }
    }
    push_title_word(&mut out, &word, first_word);
    out
}

fn push_title_word(out: &mut String, word: &str, keep_capital: bool) {
    if word.is_empty() {
        return;
    }
    let lower = word.to_lowercase();
    if !keep_capital && FRENCH_PARTICLES.contains(&lower.as_str()) {
        out.push_str(&lower);
        return;
    }
    let mut chars = lower.chars();
    if let Some(first) = chars.next() {
        out.extend(first.to_uppercase());
        out.push_str(chars.as_str());
    }
}

/// The values of a multi-valued field, trimmed, empty ones dropped.
pub fn split_values(value: &str, separators: &[char]) -> Vec<String> {
    value.split(separators).map(str::trim).filter(|v| !v.is_empty()).map(str::to_owned).collect()
}

/// Whether a string is exactly 14 ASCII digits (a SIRET).
pub fn is_siret(value: &str) -> bool {
    value.len() == 14 && value.bytes().all(|b| b.is_ascii_digit())
}

/// A SIRET written with spaces or dots (`434 933 123 00029`), if it has 14 digits once
/// cleaned and is not the all-zero placeholder.
pub fn clean_siret(value: &str) -> Option<String> {
    let compact: String = value.chars().filter(|c| !c.is_whitespace() && *c != '.' && *c != '-').collect();
    (is_siret(&compact) && compact.bytes().any(|b| b != b'0')).then_some(compact)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_become_international() {
        assert_eq!(normalize_phone("02 41 05 40 00"), "+33241054000");
        assert_eq!(normalize_phone("+33 (0)2 41 05 40 00"), "+33241054000");
        assert_eq!(normalize_phone("+33 2 41 05 40 00;+33 6 12 34 56 78"), "+33241054000");
        assert_eq!(normalize_phone("0033 2.41.05.40.00"), "+33241054000");
        assert_eq!(normalize_phone("02 41 05 40"), "02 41 05 40");
        assert_eq!(normalize_phone("0262 21 34 56"), "+262262213456");
        assert_eq!(normalize_phone("0690 12 34 56"), "+590690123456");
        assert_eq!(normalize_phone("+358 5 288824"), "+3585288824");
        assert_eq!(normalize_phone("3631"), "3631");
        assert_eq!(normalize_phone(""), "");
    }

    #[test]
    fn upper_case_names_are_title_cased() {
        assert_eq!(title_case_if_upper("BOULANGERIE DE LA GARE"), "Boulangerie de la Gare");
        assert_eq!(title_case_if_upper("SAINT-BARTHELEMY-D'ANJOU"), "Saint-Barthelemy-d'Anjou");
        assert_eq!(title_case_if_upper("LE PETIT ATELIER"), "Le Petit Atelier");
        assert_eq!(title_case_if_upper("Chez Paul"), "Chez Paul");
        assert_eq!(title_case_if_upper("RUE DU 8 MAI 1945"), "Rue du 8 Mai 1945");
    }

    #[test]
    fn sirets() {
        assert_eq!(clean_siret("434 933 123 00029").as_deref(), Some("43493312300029"));
        assert_eq!(clean_siret("00000000000000"), None);
        assert_eq!(clean_siret("W491234567"), None);
    }
}
