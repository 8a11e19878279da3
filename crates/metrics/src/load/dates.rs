//! Day or month first: slash and dotted dates read in one order per file, decided from the whole
//! file's evidence and said in the load report (formats.md, "Day or month first").
//!
//! `01/03/2025` is the 3rd of January to Partner Center (month/day, US) and the 1st of March to
//! a European spreadsheet that re-saved the file. The order is never decided per value. The
//! evidence, in order:
//!
//! 1. a reading under which some value has a month above 12 is impossible (`13/03/2025`);
//! 2. the `Month` column always holds the first day of a month: the reading under which every
//!    `Month` value is day 1 wins (`3/1/2025` is month/day);
//! 3. otherwise dotted dates are day/month, and slash dates are day/month in a `;`-separated file
//!    and month/day in any other.
//!
//! The evidence is the whole file's, but the file is read once: rows are read in a provisional
//! order, taken from the first slash or dotted value (its `Month` value when the row has one,
//! which rule 2 nearly always settles) and otherwise rule 3. Only when the whole file's evidence
//! then decides the other order is the file read again in that order (its rows fed so far are
//! rolled back), which a file whose first row already shows its order never needs.
//!
//! When both readings are impossible (some value has a first part above 12, another a second
//! part above 12), rules 2 and 3 choose, and the values that cannot be read that way are
//! problems on their rows.
//!
//! # Examples
//! ```
//! use metrics::load::{load, DayOrder, DateRule, Input};
//! let csv = "CustomerTenantId;CustomerStatus;Month\nt1;Active;01/03/2025\nt1;Active;13/03/2025\n";
//! let loaded = load(&[Input { name: "c.csv", bytes: csv.as_bytes() }]);
//! let reading = loaded.files[0].dates.as_ref().expect("slash dates");
//! assert_eq!(reading.order, DayOrder::DayMonth);
//! assert_eq!(reading.rule, DateRule::Impossible);
//! assert_eq!(reading.to_string(), "dates read as day/month: 13/03/2025 has no month 13");
//! ```

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::cell::{Cell, RefCell};
use std::fmt;

/// The order of the first two parts of a slash or dotted date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DayOrder {
    /// `3/1/2025` is March 1st (Partner Center, US).
    MonthDay,
    /// `01/03/2025` is March 1st (European spreadsheets, dotted dates).
    DayMonth,
}

impl DayOrder {
    fn other(self) -> DayOrder {
        match self {
            DayOrder::MonthDay => DayOrder::DayMonth,
            DayOrder::DayMonth => DayOrder::MonthDay,
        }
    }

    /// `month/day` or `day/month`.
    pub fn as_str(self) -> &'static str {
        match self {
            DayOrder::MonthDay => "month/day",
            DayOrder::DayMonth => "day/month",
        }
    }
}

/// Which rule of formats.md decided a file's [`DayOrder`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateRule {
    /// Rule 1: the other reading gives some value a month above 12.
    Impossible,
    /// Rule 2: every `Month` value is the first of a month in this reading only.
    MonthColumn,
    /// Rule 3: dotted dates are day/month.
    Dots,
    /// Rule 3: slash dates in a `;`-separated file are day/month.
    Semicolon,
    /// Rule 3: slash dates in any other file are month/day, as Partner Center writes them.
    Default,
}

/// How a file's slash or dotted dates were read, and the evidence (the load report's line).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateReading {
    pub order: DayOrder,
    pub rule: DateRule,
    /// The value that decided (rules 1 and 2), else the file's first slash or dotted date.
    pub example: String,
    /// Rule 1: the month the example would have in the other order (13 in `13/03/2025`).
    pub impossible_month: Option<u32>,
    /// Neither order reads every value: the values this order cannot read are problems on
    /// their rows.
    pub conflict: bool,
}

impl fmt::Display for DateReading {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (order, ex) = (self.order.as_str(), &self.example);
        write!(f, "dates read as {order}: ")?;
        match self.rule {
            DateRule::Impossible => {
                let m = self.impossible_month.unwrap_or(13);
                write!(f, "{ex} has no month {m}")?
            }
            DateRule::MonthColumn => write!(
                f,
                "every Month value is the first of a month only when read {order} ({ex})"
            )?,
            DateRule::Dots => write!(f, "dotted dates are day first ({ex})")?,
            DateRule::Semicolon => write!(
                f,
                "no value decides, and the file is `;`-separated as a spreadsheet in Europe saves it ({ex})"
            )?,
            DateRule::Default => write!(
                f,
                "no value decides, and Partner Center writes month/day ({ex})"
            )?,
        }
        if self.conflict {
            write!(
                f,
                "; some values fit neither order and are reported on their rows"
            )?;
        }
        Ok(())
    }
}

/// A slash or dotted date split into its parts: `p/q/yyyy` (or `p.q.yyyy`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Parts {
    p: u32,
    q: u32,
    y: i32,
    dots: bool,
}

impl Parts {
    /// Rule 3 without a file: dotted dates day/month, slash dates month/day.
    pub(crate) fn default_order(self) -> DayOrder {
        if self.dots {
            DayOrder::DayMonth
        } else {
            DayOrder::MonthDay
        }
    }

    /// The date in `order`, `None` when that reading is not a date.
    pub(crate) fn date(self, order: DayOrder) -> Option<NaiveDate> {
        let (m, d) = match order {
            DayOrder::MonthDay => (self.p, self.q),
            DayOrder::DayMonth => (self.q, self.p),
        };
        NaiveDate::from_ymd_opt(self.y, m, d)
    }
}

fn digits(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// `h:mm[:ss] [AM|PM]`, `hh:mm:ss`, as spreadsheets write times after a date.
fn valid_time(t: &str) -> bool {
    let t = t.trim();
    let clock = match t.len().checked_sub(2).and_then(|i| t.get(i..)) {
        Some(s) if s.eq_ignore_ascii_case("AM") || s.eq_ignore_ascii_case("PM") => {
            t.get(..t.len() - 2).unwrap_or("").trim_end()
        }
        _ => t,
    };
    let parts: Vec<&str> = clock.split(':').collect();
    (2..=3).contains(&parts.len())
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 2 && p.bytes().all(|c| c.is_ascii_digit()))
}

/// Splits `M/D/YYYY`, `DD.MM.YYYY`, optionally followed by a time (`12:00:00 AM`).
pub(crate) fn split(s: &str) -> Option<Parts> {
    let s = s.trim();
    let (date, time) = match s.find(' ') {
        Some(i) => (s.get(..i)?, s.get(i + 1..)?),
        None => (s, ""),
    };
    let dots = date.contains('.');
    let sep = if dots { '.' } else { '/' };
    let mut it = date.split(sep);
    let (p, q, y) = (it.next()?, it.next()?, it.next()?);
    if it.next().is_some() || p.len() > 2 || q.len() > 2 || y.len() != 4 {
        return None;
    }
    if !time.trim().is_empty() && !valid_time(time) {
        return None;
    }
    Some(Parts {
        p: digits(p)?,
        q: digits(q)?,
        y: i32::try_from(digits(y)?).ok()?,
        dots,
    })
}

#[derive(Debug)]
struct Evidence {
    /// The first slash or dotted value.
    first: Option<String>,
    dots: bool,
    /// A value whose first part is above 12 (month/day impossible), and that part.
    no_month_day: Option<(String, u32)>,
    /// A value whose second part is above 12 (day/month impossible).
    no_day_month: Option<(String, u32)>,
    /// `Month` values seen, and whether each reading kept every one of them on day 1; a value
    /// that only one reading puts on day 1.
    months: bool,
    month_day_all_first: bool,
    day_month_all_first: bool,
    month_day_example: Option<String>,
    day_month_example: Option<String>,
}

impl Default for Evidence {
    fn default() -> Self {
        Evidence {
            first: None,
            dots: false,
            no_month_day: None,
            no_day_month: None,
            months: false,
            month_day_all_first: true,
            day_month_all_first: true,
            month_day_example: None,
            day_month_example: None,
        }
    }
}

/// One file's date reading: the order in use and the evidence gathered while reading.
#[derive(Debug, Default)]
pub(crate) struct FileDates {
    semicolon: bool,
    /// The order rows are read in: provisional until the file ends, or forced for a second read.
    order: Cell<Option<DayOrder>>,
    ev: RefCell<Evidence>,
}

impl FileDates {
    /// A file's dates; `semicolon` when it is `;`-separated (rule 3).
    pub(crate) fn new(semicolon: bool) -> Self {
        FileDates {
            semicolon,
            ..Default::default()
        }
    }

    /// A second read of the file in the order its first read decided.
    pub(crate) fn forced(semicolon: bool, order: DayOrder) -> Self {
        let d = FileDates::new(semicolon);
        d.order.set(Some(order));
        d
    }

    /// The order rows were read in (`None`: no slash or dotted date was read).
    pub(crate) fn used(&self) -> Option<DayOrder> {
        self.order.get()
    }

    fn rule3(&self, dots: bool) -> (DayOrder, DateRule) {
        if dots {
            (DayOrder::DayMonth, DateRule::Dots)
        } else if self.semicolon {
            (DayOrder::DayMonth, DateRule::Semicolon)
        } else {
            (DayOrder::MonthDay, DateRule::Default)
        }
    }

    /// Reads a slash or dotted value of field `Month` (`is_month`) or any other date field,
    /// gathering the evidence; the date in the file's order, `None` when that reading is not a
    /// date (the caller reports it).
    pub(crate) fn read(&self, text: &str, parts: Parts, is_month: bool) -> Option<NaiveDate> {
        let Parts { p, q, dots, .. } = parts;
        {
            let mut ev = self.ev.borrow_mut();
            if ev.first.is_none() {
                ev.first = Some(text.to_string());
            }
            ev.dots |= dots;
            if p > 12 && ev.no_month_day.is_none() {
                ev.no_month_day = Some((text.to_string(), p));
            }
            if q > 12 && ev.no_day_month.is_none() {
                ev.no_day_month = Some((text.to_string(), q));
            }
            if is_month {
                ev.months = true;
                ev.month_day_all_first &= q == 1;
                ev.day_month_all_first &= p == 1;
                if q == 1 && p != 1 && ev.month_day_example.is_none() {
                    ev.month_day_example = Some(text.to_string());
                }
                if p == 1 && q != 1 && ev.day_month_example.is_none() {
                    ev.day_month_example = Some(text.to_string());
                }
            }
        }
        let order = match self.order.get() {
            Some(o) => o,
            None => {
                let o = self.provisional(parts, is_month);
                self.order.set(Some(o));
                o
            }
        };
        parts.date(order)
    }

    /// The order to read in until the file ends, from its first slash or dotted value.
    fn provisional(&self, Parts { p, q, dots, .. }: Parts, is_month: bool) -> DayOrder {
        let day_month = p > 12 || (is_month && p == 1 && q != 1);
        let month_day = q > 12 || (is_month && q == 1 && p != 1);
        match (day_month, month_day) {
            (true, false) => DayOrder::DayMonth,
            (false, true) => DayOrder::MonthDay,
            _ => self.rule3(dots).0,
        }
    }

    /// The file's reading from all its evidence; `None` when it had no slash or dotted date.
    pub(crate) fn decide(&self) -> Option<DateReading> {
        let ev = self.ev.borrow();
        let first = ev.first.clone()?;
        let conflict = ev.no_month_day.is_some() && ev.no_day_month.is_some();
        let reading = |order, rule, example: String, impossible_month| DateReading {
            order,
            rule,
            example,
            impossible_month,
            conflict,
        };
        match (&ev.no_month_day, &ev.no_day_month) {
            (Some((v, m)), None) => {
                return Some(reading(
                    DayOrder::DayMonth,
                    DateRule::Impossible,
                    v.clone(),
                    Some(*m),
                ))
            }
            (None, Some((v, m))) => {
                return Some(reading(
                    DayOrder::MonthDay,
                    DateRule::Impossible,
                    v.clone(),
                    Some(*m),
                ))
            }
            _ => {}
        }
        if ev.months && ev.month_day_all_first != ev.day_month_all_first {
            let (order, example) = if ev.month_day_all_first {
                (DayOrder::MonthDay, ev.month_day_example.clone())
            } else {
                (DayOrder::DayMonth, ev.day_month_example.clone())
            };
            return Some(reading(
                order,
                DateRule::MonthColumn,
                example.unwrap_or(first),
                None,
            ));
        }
        let (order, rule) = self.rule3(ev.dots);
        Some(reading(order, rule, first, None))
    }

    /// Whether the file must be read again: its rows were read in the other order than the one
    /// its evidence decides.
    pub(crate) fn reread(&self, decided: &Option<DateReading>) -> Option<DayOrder> {
        let d = decided.as_ref()?;
        (self.used() == Some(d.order.other())).then_some(d.order)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(semicolon: bool, month: &[&str], other: &[&str]) -> (DayOrder, DateReading) {
        let f = FileDates::new(semicolon);
        for (vals, is_month) in [(month, true), (other, false)] {
            for v in vals {
                if let Some(p) = split(v) {
                    f.read(v, p, is_month);
                }
            }
        }
        let used = f.used().unwrap_or(DayOrder::MonthDay);
        (used, f.decide().unwrap_or_else(|| panic!("no reading")))
    }

    #[test]
    fn splits_every_form() {
        let p = |p, q, y, dots| Some(Parts { p, q, y, dots });
        assert_eq!(split("3/1/2025"), p(3, 1, 2025, false));
        assert_eq!(split("03/01/2025 12:00:00 AM"), p(3, 1, 2025, false));
        assert_eq!(split("3/1/2025 1:05 pm"), p(3, 1, 2025, false));
        assert_eq!(split("01.03.2025"), p(1, 3, 2025, true));
        assert_eq!(split("01.03.2025 00:00:00"), p(1, 3, 2025, true));
        assert_eq!(split("1/3/25"), None);
        assert_eq!(split("1/3/2025 noon"), None);
        assert_eq!(split("1.3/2025"), None);
        assert_eq!(split("a/b/2025"), None);
    }

    #[test]
    fn rule_1_impossible_reading() {
        let (_, r) = read_all(false, &["01/03/2025"], &["13/03/2025"]);
        assert_eq!(
            (r.order, r.rule),
            (DayOrder::DayMonth, DateRule::Impossible)
        );
        assert_eq!(
            r.to_string(),
            "dates read as day/month: 13/03/2025 has no month 13"
        );
        let (_, r) = read_all(true, &[], &["03/13/2025"]);
        assert_eq!(
            (r.order, r.rule),
            (DayOrder::MonthDay, DateRule::Impossible)
        );
    }

    #[test]
    fn rule_2_month_column() {
        let (used, r) = read_all(true, &["3/1/2025", "4/1/2025"], &["3/5/2025"]);
        assert_eq!(
            (r.order, r.rule),
            (DayOrder::MonthDay, DateRule::MonthColumn)
        );
        assert_eq!(
            used,
            DayOrder::MonthDay,
            "the first Month value set the order"
        );
        assert_eq!(r.example, "3/1/2025");
        let (_, r) = read_all(false, &["01/03/2025"], &[]);
        assert_eq!(
            (r.order, r.rule),
            (DayOrder::DayMonth, DateRule::MonthColumn)
        );
    }

    #[test]
    fn rule_3_by_separator_and_dots() {
        let (_, r) = read_all(false, &["1/1/2025"], &["2/3/2025"]);
        assert_eq!((r.order, r.rule), (DayOrder::MonthDay, DateRule::Default));
        let (_, r) = read_all(true, &["1/1/2025"], &["2/3/2025"]);
        assert_eq!((r.order, r.rule), (DayOrder::DayMonth, DateRule::Semicolon));
        let (_, r) = read_all(false, &[], &["02.03.2025"]);
        assert_eq!((r.order, r.rule), (DayOrder::DayMonth, DateRule::Dots));
    }

    #[test]
    fn conflict_falls_to_the_later_rules() {
        let (_, r) = read_all(false, &["3/1/2025"], &["13/03/2025", "03/13/2025"]);
        assert!(r.conflict);
        assert_eq!(
            (r.order, r.rule),
            (DayOrder::MonthDay, DateRule::MonthColumn)
        );
        assert!(r.to_string().ends_with("reported on their rows"));
    }

    #[test]
    fn a_late_value_asks_for_a_second_read() {
        let f = FileDates::new(false);
        for v in ["1/1/2025", "5/2/2025", "20/2/2025"] {
            if let Some(p) = split(v) {
                f.read(v, p, false);
            }
        }
        let d = f.decide();
        assert_eq!(f.used(), Some(DayOrder::MonthDay));
        assert_eq!(f.reread(&d), Some(DayOrder::DayMonth));
        let again = FileDates::forced(false, DayOrder::DayMonth);
        let p = split("5/2/2025").unwrap_or_else(|| panic!("split"));
        assert_eq!(
            again.read("5/2/2025", p, false),
            NaiveDate::from_ymd_opt(2025, 2, 5)
        );
    }
}
