//! What the geographical section displays, as pure functions with native tests: country names,
//! the grid's search and sort, the map's colour classes and legend, the tooltip and the
//! one-sentence summary. Every number comes from `Report.geo` as is.

use crate::charts::frame::{Tip, TipRow};
use crate::format;
use metrics::report::GeoRow;
use std::cmp::Ordering;

/// What the map is shaded by (and a column of the grid).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Metric {
    Customers,
    Active,
    New,
}

impl Metric {
    pub const ALL: [Metric; 3] = [Metric::Customers, Metric::Active, Metric::New];

    pub fn key(self) -> &'static str {
        match self {
            Metric::Customers => "customers",
            Metric::Active => "active",
            Metric::New => "new",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Metric::Customers => crate::tr!(geo.customers),
            Metric::Active => crate::tr!(geo.active),
            Metric::New => crate::tr!(geo.new_customers),
        }
    }

    /// In a sentence: "current customers".
    pub fn words(self) -> &'static str {
        match self {
            Metric::Customers => crate::tr!(geo.words_customers),
            Metric::Active => crate::tr!(geo.words_active),
            Metric::New => crate::tr!(geo.words_new),
        }
    }

    /// As a heading: "Current customers".
    pub fn title(self) -> &'static str {
        match self {
            Metric::Customers => crate::tr!(geo.title_customers),
            Metric::Active => crate::tr!(geo.title_active),
            Metric::New => crate::tr!(geo.title_new),
        }
    }

    /// The value of a row; `None` for active customers when no usage data is loaded.
    pub fn value(self, r: &GeoRow) -> Option<i64> {
        match self {
            Metric::Customers => Some(r.customers),
            Metric::Active => r.active,
            Metric::New => Some(r.new),
        }
    }

    pub fn pct(self, r: &GeoRow) -> Option<f64> {
        match self {
            Metric::Customers => r.customers_pct,
            Metric::Active => r.active_pct,
            Metric::New => r.new_pct,
        }
    }
}

/// A grid column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Col {
    Country,
    Metric(Metric),
}

impl Col {
    pub const ALL: [Col; 4] = [
        Col::Country,
        Col::Metric(Metric::Customers),
        Col::Metric(Metric::Active),
        Col::Metric(Metric::New),
    ];

    pub fn label(self) -> &'static str {
        match self {
            Col::Country => crate::tr!(dim.country),
            Col::Metric(m) => m.label(),
        }
    }
}

/// The country's name in the language shown, the code itself when the table does not know it,
/// "Unknown country" for no code.
pub fn country_name(code: Option<&str>) -> String {
    match code {
        None => crate::tr!(geo.unknown).to_string(),
        Some(c) => crate::filters::country_name(c).map_or_else(|| c.to_string(), str::to_string),
    }
}

/// The upper-case code of a `geo` URL value when it names a country, else `None`.
pub fn parse_code(v: &str) -> Option<String> {
    let v = v.trim();
    (v.len() == 2)
        .then(|| v.to_ascii_uppercase())
        .filter(|c| metrics::country::name(c, "en").is_some())
}

/// Whether a country matches the search box: a word of its name starts with the text ("Fr"
/// finds France, not South Africa), its name contains it (three letters or more), or it is the
/// code. Case-insensitive; an empty search matches everything.
pub fn matches(name: &str, code: Option<&str>, search: &str) -> bool {
    let needle = search.trim().to_lowercase();
    if needle.is_empty() {
        return true;
    }
    let name = name.to_lowercase();
    code.is_some_and(|c| c.eq_ignore_ascii_case(&needle))
        || name
            .split(|ch: char| !ch.is_alphanumeric())
            .any(|w| w.starts_with(&needle))
        || (needle.chars().count() >= 3 && name.contains(&needle))
}

/// The rows matching `search`, ordered by `col` (`asc` or descending), ties by name. The
/// unknown-country row sorts last by name both ways; a value that is not known sorts last both
/// ways.
pub fn select(rows: &[GeoRow], names: &[String], search: &str, col: Col, asc: bool) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..rows.len().min(names.len()))
        .filter(|&i| matches(&names[i], rows[i].country.as_deref(), search))
        .collect();
    let keys: Vec<String> = names.iter().map(|n| sort_key(n)).collect();
    let by_name = |i: usize, j: usize| keys[i].cmp(&keys[j]);
    idx.sort_by(|&i, &j| {
        let (a, b) = (&rows[i], &rows[j]);
        let o = match col {
            Col::Country => match (a.country.is_none(), b.country.is_none()) {
                (false, false) => dir(by_name(i, j), asc),
                (x, y) => x.cmp(&y),
            },
            Col::Metric(m) => match (m.value(a), m.value(b)) {
                (Some(x), Some(y)) => dir(x.cmp(&y), asc),
                (x, y) => y.is_some().cmp(&x.is_some()),
            },
        };
        o.then_with(|| by_name(i, j))
    });
    idx
}

/// A name as it sorts in a list: lower case with the accents of Latin letters dropped, so that
/// "Åland Islands" sorts with the A's and "Côte d'Ivoire" before "Croatia".
pub fn sort_key(name: &str) -> String {
    name.to_lowercase()
        .chars()
        .map(|c| match c {
            'à'..='å' => 'a',
            'ç' => 'c',
            'è'..='ë' => 'e',
            'ì'..='ï' => 'i',
            'ñ' => 'n',
            'ò'..='ö' | 'ø' => 'o',
            'ù'..='ü' => 'u',
            'ý' | 'ÿ' => 'y',
            c => c,
        })
        .collect()
}

fn dir(o: Ordering, asc: bool) -> Ordering {
    if asc {
        o
    } else {
        o.reverse()
    }
}

/// A grid cell: the count and its share of the total (`—` without a total).
pub fn cell(m: Metric, r: &GeoRow) -> (String, String) {
    match m.value(r) {
        // active customers when no usage data is loaded
        None => (crate::tr!(geo.not_known).to_string(), String::new()),
        Some(v) => (
            format::count(v),
            m.pct(r).map_or_else(|| "—".to_string(), format::pct),
        ),
    }
}

/// The colour classes of the map: up to [`CLASSES`] ranges of values, from quantiles of the
/// non-zero values, each `(low, high)` inclusive and ascending. Zero is not a class: countries
/// without any are drawn neutral.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Scale {
    pub classes: Vec<(i64, i64)>,
}

/// How many shades the map uses at most.
pub const CLASSES: usize = 5;

impl Scale {
    pub fn of(values: impl IntoIterator<Item = i64>) -> Scale {
        let mut vs: Vec<i64> = values.into_iter().filter(|v| *v > 0).collect();
        vs.sort_unstable();
        let (Some(&lo), Some(&hi)) = (vs.first(), vs.last()) else {
            return Scale::default();
        };
        let mut lows = vec![lo];
        for k in 1..CLASSES {
            let t = vs[(k * vs.len()) / CLASSES];
            if lows.last().is_some_and(|l| t > *l) {
                lows.push(t);
            }
        }
        let classes = lows
            .iter()
            .enumerate()
            .map(|(i, &l)| (l, lows.get(i + 1).map_or(hi, |n| n - 1)))
            .collect();
        Scale { classes }
    }

    /// The class of a value, `None` for zero, negative or not known.
    pub fn class_of(&self, v: Option<i64>) -> Option<usize> {
        let v = v.filter(|v| *v > 0)?;
        self.classes.iter().rposition(|(lo, _)| v >= *lo)
    }

    /// The shade (1 = lightest .. [`CLASSES`] = darkest) of a class, spread over the ramp so that
    /// few classes still differ clearly.
    pub fn shade(&self, class: usize) -> usize {
        let n = self.classes.len();
        if n <= 1 {
            return CLASSES - 1;
        }
        1 + (class * (CLASSES - 1) + (n - 1) / 2) / (n - 1)
    }

    /// The legend text of each class: `1–9`, `10–24`, `320`.
    pub fn labels(&self) -> Vec<String> {
        self.classes
            .iter()
            .map(|&(lo, hi)| {
                if lo == hi {
                    format::count(lo)
                } else {
                    let (lo, hi) = (format::count(lo), format::count(hi));
                    crate::tr!(geo.range, lo, hi).to_string()
                }
            })
            .collect()
    }
}

/// The tooltip of a country on the map: its name and the three metrics with their shares (or
/// "no customers" rows of zeros when it has no row).
pub fn tip(name: String, row: Option<&GeoRow>) -> Tip {
    let rows = Metric::ALL
        .into_iter()
        .map(|m| TipRow {
            key: String::new(),
            label: m.label().to_string(),
            value: match row {
                None => "0".to_string(),
                Some(r) => match cell(m, r) {
                    (v, p) if p.is_empty() => v,
                    (value, share) => crate::tr!(geo.value_share, value, share).to_string(),
                },
            },
        })
        .collect();
    Tip { title: name, rows }
}

/// One sentence for screen readers and the page: how many countries, the three largest, and the
/// unknown-country customers.
pub fn summary(rows: &[GeoRow], names: &[String], month: Option<&str>) -> String {
    let known: Vec<usize> = (0..rows.len().min(names.len()))
        .filter(|&i| rows[i].country.is_some() && rows[i].customers > 0)
        .collect();
    if known.is_empty() && rows.iter().all(|r| r.customers == 0) {
        return crate::tr!(geo.none).to_string();
    }
    let n = format::count(known.len() as i64);
    let countries = if known.len() == 1 {
        crate::tr!(geo.country)
    } else {
        crate::tr!(geo.countries)
    };
    let mut s = match month {
        Some(month) => crate::tr!(geo.summary_head_in, month, n, countries).to_string(),
        None => crate::tr!(geo.summary_head, n, countries).to_string(),
    };
    // `rows` come ordered by customers descending (metrics.md)
    let top: Vec<String> = known
        .iter()
        .take(3)
        .map(|&i| {
            let (v, p) = cell(Metric::Customers, &rows[i]);
            crate::tr!(geo.top, name = &names[i], value = v, share = p).to_string()
        })
        .collect();
    if !top.is_empty() {
        s.push_str(&crate::tr!(geo.most_in, list = join_and(&top)).to_string());
    }
    if let Some(u) = rows.iter().find(|r| r.country.is_none() && r.customers > 0) {
        let n = format::count(u.customers);
        s.push_str(&crate::tr!(geo.unknown_n, n).to_string());
    }
    s.push('.');
    s
}

fn join_and(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [a] => a.clone(),
        [rest @ .., last] => crate::tr!(geo.and, list = rest.join(", "), last).to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(c: Option<&str>, customers: i64, active: Option<i64>, new: i64) -> GeoRow {
        GeoRow {
            country: c.map(str::to_string),
            customers,
            customers_pct: Some(customers as f64),
            active,
            active_pct: active.map(|a| a as f64),
            new,
            new_pct: Some(new as f64 / 2.0),
        }
    }

    fn names(rows: &[GeoRow]) -> Vec<String> {
        rows.iter()
            .map(|r| country_name(r.country.as_deref()))
            .collect()
    }

    #[test]
    fn names_come_from_the_country_table() {
        assert_eq!(country_name(Some("FR")), "France");
        assert_eq!(country_name(Some("KR")), "South Korea");
        assert_eq!(country_name(Some("QQ")), "QQ");
        assert_eq!(country_name(None), "Unknown country");
        assert_eq!(parse_code(" fr "), Some("FR".into()));
        assert_eq!(parse_code("QQ"), None);
        assert_eq!(parse_code("FRA"), None);
    }

    #[test]
    fn search_matches_word_starts_and_codes() {
        assert!(matches("France", Some("FR"), "Fr"));
        assert!(!matches("South Africa", Some("ZA"), "Fr"));
        assert!(matches("South Africa", Some("ZA"), "afr"));
        assert!(matches("United Kingdom", Some("GB"), "king"));
        assert!(matches("United Kingdom", Some("GB"), "gb"));
        assert!(matches("Finland", Some("FI"), "land"));
        assert!(matches("Anything", None, "  "));
        assert!(!matches("Unknown country", None, "xx"));
    }

    #[test]
    fn select_sorts_every_column_both_ways() {
        let rows = vec![
            row(Some("US"), 30, Some(20), 1),
            row(Some("FR"), 10, None, 5),
            row(None, 20, Some(5), 3),
            row(Some("DE"), 10, Some(9), 0),
        ];
        let n = names(&rows);
        let sel = |col, asc| select(&rows, &n, "", col, asc);
        let cust = Col::Metric(Metric::Customers);
        assert_eq!(sel(cust, false), [0, 2, 1, 3]); // ties by name: France before Germany
        assert_eq!(sel(cust, true), [1, 3, 2, 0]);
        let active = Col::Metric(Metric::Active);
        assert_eq!(sel(active, false), [0, 3, 2, 1]); // not known last
        assert_eq!(sel(active, true), [2, 3, 0, 1]);
        assert_eq!(sel(Col::Metric(Metric::New), true), [3, 0, 2, 1]);
        assert_eq!(sel(Col::Country, true), [1, 3, 0, 2]); // unknown last
        assert_eq!(sel(Col::Country, false), [0, 3, 1, 2]);
        assert_eq!(select(&rows, &n, "fr", cust, false), [1]);
        assert_eq!(select(&rows, &n, "unknown", cust, false), [2]);
    }

    #[test]
    fn accented_names_sort_with_their_letter() {
        assert_eq!(sort_key("Åland Islands"), "aland islands");
        assert!(sort_key("Côte d'Ivoire") < sort_key("Croatia"));
        assert!(sort_key("Türkiye") < sort_key("Tuvalu"));
        let rows = vec![row(Some("ZW"), 1, None, 0), row(Some("AX"), 1, None, 0)];
        let n = vec!["Zimbabwe".to_string(), "Åland Islands".to_string()];
        assert_eq!(select(&rows, &n, "", Col::Country, true), [1, 0]);
    }
    #[test]
    fn scale_has_quantile_classes_and_zero_is_no_class() {
        let s = Scale::of([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        assert_eq!(s.classes, [(1, 2), (3, 4), (5, 6), (7, 8), (9, 10)]);
        assert_eq!(s.class_of(Some(0)), None);
        assert_eq!(s.class_of(None), None);
        assert_eq!(s.class_of(Some(1)), Some(0));
        assert_eq!(s.class_of(Some(8)), Some(3));
        assert_eq!(s.class_of(Some(99)), Some(4));
        assert_eq!(
            (1..=5).map(|c| s.shade(c - 1)).collect::<Vec<_>>(),
            [1, 2, 3, 4, 5]
        );

        let one = Scale::of([7, 7, 7]);
        assert_eq!(one.classes, [(7, 7)]);
        assert_eq!(one.shade(0), CLASSES - 1);

        let two = Scale::of([1, 1, 1, 1, 500]);
        assert_eq!(two.classes, [(1, 499), (500, 500)]);
        assert_eq!((two.shade(0), two.shade(1)), (1, 5));
        assert_eq!(Scale::of([0, 0]).classes, []);
        assert_eq!(Scale::of([]).class_of(Some(3)), None);
    }
}
