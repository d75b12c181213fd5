//! Text folding for search: case, accents and punctuation ignored.

use unicode_normalization::{UnicodeNormalization, char::is_combining_mark};

/// Folds text for comparison: lower case, accents removed, ligatures expanded,
/// hyphens and apostrophes turned into spaces, spaces collapsed.
///
/// `"Saint-Barthélemy-d'Anjou"` becomes `"saint barthelemy d anjou"`.
pub fn fold(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    let mut pending_space = false;
    for c in input.nfd().filter(|c| !is_combining_mark(*c)) {
        let piece: &str = match c {
            'œ' | 'Œ' => "oe",
            'æ' | 'Æ' => "ae",
            'ß' => "ss",
            _ => "",
        };
        if !piece.is_empty() {
            push_word(&mut out, &mut pending_space, piece);
        } else if c.is_alphanumeric() {
            let mut buf = [0u8; 4];
            for lower in c.to_lowercase() {
                push_word(&mut out, &mut pending_space, lower.encode_utf8(&mut buf));
            }
        } else {
            pending_space = !out.is_empty();
        }
    }
    out
}

fn push_word(out: &mut String, pending_space: &mut bool, piece: &str) {
    if *pending_space {
        out.push(' ');
        *pending_space = false;
    }
    out.push_str(piece);
}

/// A URL-friendly slug: folded text with hyphens.
pub fn slugify(input: &str) -> String {
    fold(input).replace(' ', "-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_french_names() {
        assert_eq!(fold("Saint-Barthélemy-d'Anjou"), "saint barthelemy d anjou");
        assert_eq!(fold("  ÉCOUFLANT  "), "ecouflant");
        assert_eq!(fold("Cœur d’Anjou"), "coeur d anjou");
        assert_eq!(slugify("Angers Loire Métropole"), "angers-loire-metropole");
    }
}
