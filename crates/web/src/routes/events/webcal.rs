//! `webcal://` addresses of the iCalendar feeds: calendar applications subscribe to them in
//! one click, while the `https://` link stays beside as the fallback (some mail clients and
//! browsers do not handle `webcal:`; see INTEROP.md §4).

/// The `webcal://` address of `path` (with its query) on the site at `base_url`.
pub fn webcal(base_url: &str, path: &str) -> String {
    let base = base_url.trim_end_matches('/');
    let host = base.strip_prefix("https://").or_else(|| base.strip_prefix("http://")).unwrap_or(base);
    format!("webcal://{host}{path}")
}

#[cfg(test)]
mod tests {
    use super::webcal;

    #[test]
    fn the_scheme_is_replaced_and_the_path_kept() {
        assert_eq!(
            webcal("https://tremplin.example/", "/ateliers.ics?theme=website"),
            "webcal://tremplin.example/ateliers.ics?theme=website"
        );
        assert_eq!(webcal("http://127.0.0.1:8080", "/ateliers/x/agenda.ics"), "webcal://127.0.0.1:8080/ateliers/x/agenda.ics");
    }
}
