//! Calendar months and the date forms Partner Center exports use.
//!
//! A [`Month`] is a small integer (`year * 12 + month0`) so that timelines are plain ranges and
//! per-month counts are vectors indexed by `month - t0`.

use chrono::{Datelike, NaiveDate};
use std::fmt;

/// A calendar month, `year * 12 + (month - 1)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month(pub i32);

impl Month {
    /// The month of `year` and `month` (1..=12).
    ///
    /// # Examples
    /// ```
    /// use metrics::date::Month;
    /// assert_eq!(Month::new(2024, 3).to_string(), "2024-03");
    /// ```
    pub fn new(year: i32, month: u32) -> Month {
        Month(year * 12 + month as i32 - 1)
    }

    /// The month a date falls in.
    pub fn of(d: NaiveDate) -> Month {
        Month::new(d.year(), d.month())
    }

    pub fn year(self) -> i32 {
        self.0.div_euclid(12)
    }

    /// 1..=12
    pub fn month(self) -> u32 {
        self.0.rem_euclid(12) as u32 + 1
    }

    pub fn first_day(self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year(), self.month(), 1)
    }

    /// The last day of the month.
    pub fn last_day(self) -> Option<NaiveDate> {
        Month(self.0 + 1).first_day().and_then(|d| d.pred_opt())
    }

    /// Parses `YYYY-MM` (also accepts any date form [`parse_date`] accepts).
    pub fn parse(s: &str) -> Option<Month> {
        parse_date(s).map(Month::of)
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year(), self.month())
    }
}

/// `YYYY-MM` in text formats (JSON); the month's number in binary ones (the page's messages to
/// and from its engine worker, postcard), where a report's hundreds of months were written and
/// read back as text on every change.
impl serde::Serialize for Month {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if s.is_human_readable() {
            s.collect_str(self)
        } else {
            s.serialize_i32(self.0)
        }
    }
}

impl<'de> serde::Deserialize<'de> for Month {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        if !d.is_human_readable() {
            return <i32 as serde::Deserialize>::deserialize(d).map(Month);
        }
        let s = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(d)?;
        Month::parse(&s).ok_or_else(|| serde::de::Error::custom(format!("not a month: {s}")))
    }
}

/// One of a few fixed names (spelled as a path so that serde's derive does not ask `'de:
/// 'static` of the types that hold one).
pub type Name = &'static str;

/// `name` as the one of `known` it equals (fields that hold one of a few fixed names, read back
/// from their serialized form).
pub(crate) fn known<E: serde::de::Error>(
    name: &str,
    known: &[&'static str],
) -> Result<&'static str, E> {
    known
        .iter()
        .find(|k| **k == name)
        .copied()
        .ok_or_else(|| E::unknown_variant(name, &[]))
}

/// Dates on or after this year mean "no end" (`9999-12-14T00:00:00Z`).
pub const FAR_FUTURE_YEAR: i32 = 9000;

/// True when a date is a "no end" sentinel.
pub fn is_far_future(d: NaiveDate) -> bool {
    d.year() >= FAR_FUTURE_YEAR
}

fn digits(s: &[u8]) -> Option<u32> {
    if s.is_empty() || s.len() > 4 || !s.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(s.iter().fold(0u32, |a, d| a * 10 + u32::from(d - b'0')))
}

/// Parses every date form of formats.md: `2024-03`, `2024-03-01`, `2024-03-01T00:00:00`,
/// `2024-03-01T00:00:00Z`, `2021-10-15T21:28:19.3058617Z`, `2017-03-09T00:00:00+00:00`, and the
/// US `3/1/2024` and the dotted `01.03.2024` (optionally followed by a time, as spreadsheet
/// exports write it: `3/1/2024 12:00:00 AM`). A month alone is
/// the first day of that month. The time of day is ignored: activity is judged per month and the
/// as-of date is a day.
///
/// Returns `None` for anything else (the caller reports the field).
///
/// # Examples
/// ```
/// use metrics::date::parse_date;
/// use chrono::NaiveDate;
/// let d = NaiveDate::from_ymd_opt(2024, 3, 1);
/// assert_eq!(parse_date("3/1/2024"), d);
/// assert_eq!(parse_date("2024-03"), d);
/// assert_eq!(parse_date("2024-03-01T10:00:00.123+02:00"), d);
/// assert_eq!(parse_date("yesterday"), None);
/// ```
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    let b = s.as_bytes();
    if b.len() >= 7 && b[4] == b'-' {
        // ISO: YYYY-MM[-DD[Thh:mm:ss[.f][Z|±hh:mm]]]
        let y = digits(&b[0..4])? as i32;
        let m = digits(&b[5..7])?;
        if b.len() == 7 {
            return NaiveDate::from_ymd_opt(y, m, 1);
        }
        if b.len() < 10 || b[7] != b'-' {
            return None;
        }
        let d = digits(&b[8..10])?;
        let date = NaiveDate::from_ymd_opt(y, m, d)?;
        if b.len() == 10 {
            return Some(date);
        }
        if (b[10] == b'T' || b[10] == b't' || b[10] == b' ') && valid_time(&b[11..]) {
            return Some(date);
        }
        return None;
    }
    // M/D/YYYY as Partner Center writes it, DD.MM.YYYY, either with a time: without a file to
    // decide the order (load/dates.rs), slashes are month/day and dots day/month
    let parts = crate::load::dates::split(s)?;
    parts.date(parts.default_order())
}

/// `hh:mm[:ss[.fraction]][Z|±hh:mm|±hhmm]`
fn valid_time(t: &[u8]) -> bool {
    let n = t.len();
    if n < 5 || t[2] != b':' || digits(&t[0..2]).is_none() || digits(&t[3..5]).is_none() {
        return false;
    }
    let mut i = 5;
    if i < n && t[i] == b':' {
        if n < i + 3 || digits(&t[i + 1..i + 3]).is_none() {
            return false;
        }
        i += 3;
        if i < n && t[i] == b'.' {
            i += 1;
            let start = i;
            while i < n && t[i].is_ascii_digit() {
                i += 1;
            }
            if i == start {
                return false;
            }
        }
    }
    let zone = &t[i..];
    match zone {
        [] | [b'Z'] | [b'z'] => true,
        [b'+' | b'-', h1, h2, b':', m1, m2] | [b'+' | b'-', h1, h2, m1, m2] => {
            [h1, h2, m1, m2].iter().all(|c| c.is_ascii_digit())
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dd).unwrap_or_default()
    }

    #[test]
    fn every_documented_form() {
        assert_eq!(parse_date("2024-03"), Some(d(2024, 3, 1)));
        assert_eq!(parse_date("2024-03-01"), Some(d(2024, 3, 1)));
        assert_eq!(parse_date("2024-03-01T00:00:00"), Some(d(2024, 3, 1)));
        assert_eq!(parse_date("2024-03-01T00:00:00Z"), Some(d(2024, 3, 1)));
        assert_eq!(
            parse_date("2021-10-15T21:28:19.3058617Z"),
            Some(d(2021, 10, 15))
        );
        assert_eq!(parse_date("2017-03-09T00:00:00+00:00"), Some(d(2017, 3, 9)));
        assert_eq!(parse_date("3/1/2024"), Some(d(2024, 3, 1)));
        assert_eq!(parse_date("12/31/2023"), Some(d(2023, 12, 31)));
        assert_eq!(parse_date("3/1/2024 12:00:00 AM"), Some(d(2024, 3, 1)));
        assert_eq!(parse_date(" 2024-03-01 "), Some(d(2024, 3, 1)));
        assert_eq!(parse_date("01.03.2024"), Some(d(2024, 3, 1)));
    }

    #[test]
    fn far_future_is_no_end() {
        let x = parse_date("9999-12-14T00:00:00Z");
        assert!(x.is_some_and(is_far_future));
        assert!(!is_far_future(d(2030, 1, 1)));
    }

    #[test]
    fn rejects_garbage() {
        for s in [
            "",
            "2024",
            "2024-13",
            "2024-02-30",
            "13/1/2024",
            "1/1/24",
            "2024-03-01X",
            "abc",
            "2024-03-01T25",
            "1/2/3/2024",
            "٢٠٢٤-03",
        ] {
            assert_eq!(parse_date(s), None, "{s}");
        }
    }

    #[test]
    fn month_arithmetic() {
        let m = Month::new(2024, 1);
        assert_eq!(Month(m.0 - 1).to_string(), "2023-12");
        assert_eq!(m.last_day(), Some(d(2024, 1, 31)));
        assert_eq!(Month::new(2024, 2).last_day(), Some(d(2024, 2, 29)));
        assert_eq!(Month::parse("2024-02"), Some(Month::new(2024, 2)));
    }

    #[test]
    fn months_are_yyyy_mm_in_json() {
        let m = Month::new(2024, 2);
        assert_eq!(
            serde_json::to_string(&m).ok().as_deref(),
            Some("\"2024-02\"")
        );
        assert_eq!(serde_json::from_str::<Month>("\"2024-02\"").ok(), Some(m));
        assert!(serde_json::from_str::<Month>("24217").is_err());
    }
}
