//! Display formatting: numbers, percentages, months and dates as text. Pure functions; no metric
//! is computed here.

use chrono::{Datelike, NaiveDate};
use metrics::Month;

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// The minus sign used for negative numbers (U+2212, typographically correct and as wide as `+`).
pub const MINUS: char = '\u{2212}';

/// A count with thousands separators: `1234567` -> `1,234,567`, `-1234` -> `−1,234`.
pub fn count(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push(MINUS);
    }
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// A count with an explicit sign for non-zero values: `34` -> `+34`, `-5` -> `−5`, `0` -> `0`.
pub fn signed_count(n: i64) -> String {
    if n > 0 {
        format!("+{}", count(n))
    } else {
        count(n)
    }
}

/// A percentage magnitude rounded to one decimal: `2.46` -> `2.5%`, `-8.0` -> `8.0%`.
pub fn pct_abs(p: f64) -> String {
    format!("{:.1}%", p.abs())
}

/// A percentage rounded to one decimal, keeping its sign: `8.94` -> `8.9%`.
pub fn pct(p: f64) -> String {
    let s = format!("{:.1}%", p.abs());
    if p < 0.0 && s != "0.0%" {
        format!("{MINUS}{s}")
    } else {
        s
    }
}

/// Short month name and year: `2025-10` -> `Oct 2025`.
pub fn month(m: Month) -> String {
    format!("{} {}", MONTHS[(m.month() - 1) as usize], m.year())
}

/// A span of months in words: `Nov 2025 – Oct 2026`, or one month when both ends are equal.
pub fn month_span(from: Month, to: Month) -> String {
    if from == to {
        month(from)
    } else {
        format!("{} – {}", month(from), month(to))
    }
}

/// A day: `2026-10-31` -> `31 Oct 2026`.
pub fn date(d: NaiveDate) -> String {
    format!("{} {} {}", d.day(), MONTHS[d.month0() as usize], d.year())
}

/// Every month from `from` to `to` inclusive.
pub fn months(from: Month, to: Month) -> impl Iterator<Item = Month> {
    (from.0..=to.0).map(Month)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_have_thousands_separators() {
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(1000), "1,000");
        assert_eq!(count(1234567), "1,234,567");
        assert_eq!(count(-1234), "\u{2212}1,234");
        assert_eq!(count(i64::MIN), "\u{2212}9,223,372,036,854,775,808");
    }

    #[test]
    fn signed_counts() {
        assert_eq!(signed_count(34), "+34");
        assert_eq!(signed_count(0), "0");
        assert_eq!(signed_count(-1500), "\u{2212}1,500");
    }

    #[test]
    fn percentages_round_to_one_decimal() {
        assert_eq!(pct_abs(2.46), "2.5%");
        assert_eq!(pct_abs(-8.0), "8.0%");
        assert_eq!(pct(8.94), "8.9%");
        assert_eq!(pct(-0.01), "0.0%");
        assert_eq!(pct(-3.25), "\u{2212}3.2%");
    }

    #[test]
    fn months_and_dates_in_words() {
        assert_eq!(month(Month::new(2025, 10)), "Oct 2025");
        assert_eq!(
            month_span(Month::new(2025, 11), Month::new(2026, 10)),
            "Nov 2025 – Oct 2026"
        );
        assert_eq!(
            month_span(Month::new(2025, 1), Month::new(2025, 1)),
            "Jan 2025"
        );
        let d = NaiveDate::from_ymd_opt(2026, 10, 31).unwrap();
        assert_eq!(date(d), "31 Oct 2026");
        let all: Vec<_> = months(Month::new(2025, 11), Month::new(2026, 2)).collect();
        assert_eq!(all.len(), 4);
        assert_eq!(all[3], Month::new(2026, 2));
    }
}
