//! Partner attribution types (`PartnerAttributionType`, `PartnerAttachType`) in one spelling.
//!
//! Partner Center publishes them long and short: `Cloud Solution Provider (CSP) Tier 1` and
//! `CSP Tier 1`, `Claiming Partner of Record (CPOR)` and `CPOR`, `Digital Partner of Record
//! (DPOR)` and `DPOR`, `Partner Admin Link (PAL)` and `PAL`. A value of the form
//! `Words (ABBR) rest` is the category `ABBR rest` (formats.md, section 1 notes); any other
//! value (`Advisor`, `Deal Registration`, `CPOR - FRP`) is kept as it is, trimmed.

use std::borrow::Cow;

/// The canonical short form of an attribution type.
///
/// # Examples
/// ```
/// use metrics::attribution::canonical;
/// assert_eq!(canonical("Cloud Solution Provider (CSP) Tier 1"), "CSP Tier 1");
/// assert_eq!(canonical("Claiming Partner of Record (CPOR)"), "CPOR");
/// assert_eq!(canonical(" CPOR - FRP "), "CPOR - FRP");
/// assert_eq!(canonical("Advisor"), "Advisor");
/// ```
pub fn canonical(s: &str) -> Cow<'_, str> {
    let s = s.trim();
    let Some(open) = s.find('(') else {
        return Cow::Borrowed(s);
    };
    let (words, rest) = (s[..open].trim(), &s[open + 1..]);
    let Some(close) = rest.find(')') else {
        return Cow::Borrowed(s);
    };
    let (abbr, tail) = (rest[..close].trim(), rest[close + 1..].trim());
    // `Words (ABBR)`: words before, one token of capitals and digits inside
    let is_abbr = !abbr.is_empty()
        && abbr
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    if words.is_empty() || !is_abbr {
        return Cow::Borrowed(s);
    }
    if tail.is_empty() {
        Cow::Borrowed(abbr)
    } else {
        Cow::Owned(format!("{abbr} {tail}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_and_short_spellings_are_one_category() {
        for (long, short) in [
            ("Cloud Solution Provider (CSP) Tier 1", "CSP Tier 1"),
            ("Claiming Partner of Record (CPOR)", "CPOR"),
            ("Digital Partner of Record (DPOR)", "DPOR"),
            ("Partner Admin Link (PAL)", "PAL"),
            ("  Cloud Solution Provider (CSP)  Tier 2 ", "CSP Tier 2"),
        ] {
            assert_eq!(canonical(long), short);
            assert_eq!(canonical(short), short);
        }
    }

    #[test]
    fn other_values_are_kept() {
        for v in [
            "Advisor",
            "Deal Registration",
            "CPOR - FRP",
            "(CSP)",
            "A (b) c",
            "x (Y",
        ] {
            assert_eq!(canonical(v), v.trim());
        }
        assert_eq!(canonical(""), "");
    }
}
