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

/// Other spellings of country names in Partner Center's exports and in common English (Microsoft
/// writes its market names its own way: `Korea`, `Russia`, `Turkey`, `Hong Kong SAR`,
/// `Congo (DRC)`, `Côte d’Ivoire` with a typographic apostrophe, ...).
const ALIASES: &[(&str, &str)] = &[
    ("usa", "US"),
    ("united states of america", "US"),
    ("great britain", "GB"),
    ("korea", "KR"),
    ("republic of korea", "KR"),
    ("russia", "RU"),
    ("turkey", "TR"),
    ("turkiye", "TR"),
    ("czech republic", "CZ"),
    ("hong kong sar", "HK"),
    ("macao sar", "MO"),
    ("macau", "MO"),
    ("macau sar", "MO"),
    ("congo (drc)", "CD"),
    ("democratic republic of the congo", "CD"),
    ("congo drc", "CD"),
    ("côte d’ivoire", "CI"),
    ("cote d'ivoire", "CI"),
    ("ivory coast", "CI"),
    ("brunei", "BN"),
    ("micronesia", "FM"),
    ("palestinian authority", "PS"),
    ("palestine", "PS"),
    ("cape verde", "CV"),
    ("swaziland", "SZ"),
    ("macedonia", "MK"),
    ("macedonia, fyro", "MK"),
    ("st kitts and nevis", "KN"),
    ("st lucia", "LC"),
    ("st vincent and the grenadines", "VC"),
    ("vatican city", "VA"),
    ("the netherlands", "NL"),
    ("curacao", "CW"),
    ("reunion", "RE"),
    ("burma", "MM"),
    ("myanmar (burma)", "MM"),
    ("bahamas, the", "BS"),
    ("gambia, the", "GM"),
];

/// Lower-case English, official, French names and [`ALIASES`] -> code, built once.
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
        for (name, code) in ALIASES {
            m.insert(name.to_string(), code);
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

    #[test]
    fn partner_center_spellings() {
        for (name, code) in [
            ("United States", "US"),
            ("United Kingdom", "GB"),
            ("Korea", "KR"),
            ("Russia", "RU"),
            ("Turkey", "TR"),
            ("Türkiye", "TR"),
            ("Hong Kong SAR", "HK"),
            ("Congo (DRC)", "CD"),
            ("Côte d’Ivoire", "CI"),
            ("Czechia", "CZ"),
            ("Vietnam", "VN"),
            ("Taiwan", "TW"),
        ] {
            assert_eq!(normalize(name), Some(code), "{name}");
        }
        assert!(ALIASES.iter().all(|(_, c)| name(c, "en").is_some()));
    }
}
