//! Countries: ISO 3166-1 alpha-2 codes and their English and French names.

#[path = "country_table.rs"]
mod table;
pub use table::COUNTRIES;

use std::collections::HashMap;
use std::sync::OnceLock;

/// The upper-case alpha-2 code of a country given as a code (any case) or as an English or
/// French name; `None` when it is not a country.
///
/// # Examples
/// ```
/// use metrics::country::normalize;
/// assert_eq!(normalize("fr"), Some("FR"));
/// assert_eq!(normalize("Germany"), Some("DE"));
/// assert_eq!(normalize("UK"), Some("GB"));
/// assert_eq!(normalize("Atlantis"), None);
/// ```
pub fn normalize(s: &str) -> Option<&'static str> {
    let s = s.trim();
    if s.len() == 2 {
        if s.eq_ignore_ascii_case("UK") {
            return Some("GB");
        }
        let up = s.to_ascii_uppercase();
        return COUNTRIES
            .binary_search_by(|c| c.0.cmp(up.as_str()))
            .ok()
            .map(|i| COUNTRIES[i].0);
    }
    by_name().get(s.to_lowercase().as_str()).copied()
}

/// Lower-case English, official and French names -> code, built once.
fn by_name() -> &'static HashMap<String, &'static str> {
    static NAMES: OnceLock<HashMap<String, &'static str>> = OnceLock::new();
    NAMES.get_or_init(|| {
        let mut m = HashMap::new();
        // French first so that an English name shared with another country's French name wins
        for c in COUNTRIES {
            m.insert(c.2.to_lowercase(), c.0);
        }
        for c in COUNTRIES {
            m.insert(c.3.to_lowercase(), c.0);
            m.insert(c.1.to_lowercase(), c.0);
        }
        m
    })
}

/// The name of a country code in `lang` (`"fr"` for French, anything else English).
pub fn name(code: &str, lang: &str) -> Option<&'static str> {
    COUNTRIES.binary_search_by(|c| c.0.cmp(code)).ok().map(|i| {
        if lang == "fr" {
            COUNTRIES[i].2
        } else {
            COUNTRIES[i].1
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_for_binary_search() {
        assert!(COUNTRIES.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn names_both_languages() {
        assert_eq!(name("DE", "fr"), Some("Allemagne"));
        assert_eq!(name("DE", "en"), Some("Germany"));
        assert_eq!(normalize("Allemagne"), Some("DE"));
        assert_eq!(normalize("united states"), Some("US"));
        assert_eq!(normalize("zz"), None);
    }
}
