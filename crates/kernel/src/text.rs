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

/// Small words that carry no meaning in a search ("boulangerie de la gare").
const STOP_WORDS: [&str; 22] = [
    "a", "au", "aux", "c", "chez", "d", "de", "des", "du", "en", "et", "l", "la", "le", "les", "ou", "par", "pour", "s", "sur", "un", "une",
];

/// Light French stemming: the plural marks `s` and `x` are dropped from words longer than
/// three letters ("boulangeries" → "boulangerie", "bijoux" → "bijou"), so that singular and
/// plural meet. Applied the same way to indexed text and to queries.
pub fn stem(word: &str) -> &str {
    if word.len() > 3 && (word.ends_with('s') || word.ends_with('x')) && !word.ends_with("ss") { &word[..word.len() - 1] } else { word }
}

/// The words of a text as the search index holds them: folded, stemmed, without stop words,
/// in order, duplicates kept out.
pub fn search_words(input: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for word in fold(input).split(' ') {
        if word.is_empty() || STOP_WORDS.contains(&word) {
            continue;
        }
        let stemmed = stem(word).to_owned();
        if !words.contains(&stemmed) {
            words.push(stemmed);
        }
    }
    words
}

/// Levenshtein distance, stopping early once it exceeds `max` (returns `max + 1` then).
pub fn edit_distance_within(a: &str, b: &str, max: usize) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > max {
        return max + 1;
    }
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut current = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        if current.iter().min().copied().unwrap_or(0) > max {
            return max + 1;
        }
        previous = current;
    }
    previous[b.len()].min(max + 1)
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

    #[test]
    fn search_words_fold_stem_and_drop_stop_words() {
        assert_eq!(search_words("Les Boulangeries de la Gare"), vec!["boulangerie", "gare"]);
        assert_eq!(search_words("Bijoux & Cadeaux, bijoux"), vec!["bijou", "cadeau"]);
        assert_eq!(search_words("Pressing express"), vec!["pressing", "express"]);
        assert_eq!(stem("bus"), "bus");
    }

    #[test]
    fn edit_distance() {
        assert_eq!(edit_distance_within("boulangerie", "boulangeire", 2), 2);
        assert_eq!(edit_distance_within("boulangerie", "boulangrie", 1), 1);
        assert_eq!(edit_distance_within("fleuriste", "fleuriste", 1), 0);
        assert_eq!(edit_distance_within("pharmacie", "garage", 1), 2);
    }
}
