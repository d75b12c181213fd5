//! Whether a path is complete: pure, so the store decides with it under the holder's lock.

use std::collections::HashSet;

/// The path's modules not completed yet, in the path's order.
pub fn missing<'a>(path: &'a [String], completed: &HashSet<String>) -> Vec<&'a str> {
    path.iter().filter(|slug| !completed.contains(slug.as_str())).map(String::as_str).collect()
}

/// Whether every module of a (non-empty) path is completed.
pub fn is_complete(path: &[String], completed: &HashSet<String>) -> bool {
    !path.is_empty() && missing(path, completed).is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(slugs: &[&str]) -> HashSet<String> {
        slugs.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_path_is_complete_when_every_module_is_done() {
        let path = vec!["a".to_string(), "b".to_string()];
        assert!(!is_complete(&path, &set(&["a"])));
        assert_eq!(missing(&path, &set(&["a"])), vec!["b"]);
        assert!(is_complete(&path, &set(&["b", "a", "c"])));
        assert!(!is_complete(&[], &set(&["a"])), "an empty path issues nothing");
    }
}
