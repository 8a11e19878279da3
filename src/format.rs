//! Display formatting: numbers, percentages, months and dates as text, through the browser's
//! `Intl` in the language shown ([`crate::locale::current`]); French gets a narrow no-break space
//! (U+202F) between thousands and a decimal comma. The formatters are built once per language
//! and kept (building an `Intl` formatter is slow, and the page redraws often). Reading the
//! language is reactive, so text built here follows a change of language. No metric is computed
//! here.

use crate::locale::{self, Locale};
use chrono::{Datelike, NaiveDate};
use js_sys::{Array, Function, Intl, Object, Reflect};
use metrics::Month;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use wasm_bindgen::JsValue;

/// The minus sign used for negative numbers (U+2212, typographically correct and as wide as `+`).
pub const MINUS: char = '\u{2212}';

/// The `Intl` formatters of one language (their bound `format` functions, in the order of
/// [`Which::ALL`]) and the texts they made.
struct Formatters {
    lang: Locale,
    functions: Vec<Function>,
    /// The texts made so far, by formatter and number: the page shows the same numbers again and
    /// again (a range change formats about 400, most of them shown before), and a call into
    /// `Intl` costs far more than a lookup.
    made: RefCell<HashMap<(Which, u64), String>>,
}

/// One of the formatters.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Which {
    /// Whole numbers with grouping.
    Count,
    /// A percentage value with one decimal (`unit: percent`, so `2.46` -> `2.5%` / `2,5 %`).
    Pct,
    /// Short month and year.
    Month,
    /// Day, short month and year.
    Date,
    /// A whole percentage (`25%`, fr `25 %`).
    WholePct,
    /// Kilobytes, rounded up to whole ones.
    Kb,
    /// Megabytes with one decimal, and whole megabytes.
    Mb1,
    Mb0,
}

impl Which {
    const ALL: [Which; 8] = [
        Which::Count,
        Which::Pct,
        Which::Month,
        Which::Date,
        Which::WholePct,
        Which::Kb,
        Which::Mb1,
        Which::Mb0,
    ];

    /// This formatter in `locales`.
    fn function(self, locales: &Array) -> Function {
        let s = JsValue::from_str;
        let number = |o: Object| Intl::NumberFormat::new(locales, &o).format();
        let datetime = |o: Object| Intl::DateTimeFormat::new(locales, &o).format();
        let unit = |unit: &str, digits: u32, min_digits: u32| {
            number(options(&[
                ("style", s("unit")),
                ("unit", s(unit)),
                ("minimumFractionDigits", min_digits.into()),
                ("maximumFractionDigits", digits.into()),
            ]))
        };
        match self {
            Which::Count => number(options(&[("maximumFractionDigits", 0.into())])),
            Which::Pct => unit("percent", 1, 1),
            Which::Month => datetime(options(&[
                ("month", s("short")),
                ("year", s("numeric")),
                ("timeZone", s("UTC")),
            ])),
            Which::Date => datetime(options(&[
                ("day", s("numeric")),
                ("month", s("short")),
                ("year", s("numeric")),
                ("timeZone", s("UTC")),
            ])),
            Which::WholePct => unit("percent", 0, 0),
            Which::Kb => unit("kilobyte", 0, 0),
            Which::Mb1 => unit("megabyte", 1, 1),
            Which::Mb0 => unit("megabyte", 0, 0),
        }
    }
}

// `Formatters::text` finds a formatter at its kind's number: `Which::ALL` must list the kinds
// in their declared order (checked when compiling).
const _: () = {
    let mut i = 0;
    while i < Which::ALL.len() {
        assert!(Which::ALL[i] as usize == i);
        i += 1;
    }
};

/// At most this many texts are kept per language (then they are dropped and made afresh).
const MADE_MAX: usize = 8192;

thread_local! {
    static CACHE: RefCell<Vec<Rc<Formatters>>> = const { RefCell::new(Vec::new()) };
}

fn options(pairs: &[(&str, JsValue)]) -> Object {
    let o = Object::new();
    for (k, v) in pairs {
        let _ = Reflect::set(&o, &JsValue::from_str(k), v);
    }
    o
}

/// The BCP 47 tag handed to Intl.
fn tag(lang: Locale) -> &'static str {
    match lang {
        Locale::en => "en-US",
        Locale::fr => "fr-FR",
    }
}

impl Formatters {
    fn new(lang: Locale) -> Formatters {
        let locales = Array::of1(&JsValue::from_str(tag(lang)));
        Formatters {
            lang,
            functions: Which::ALL.iter().map(|w| w.function(&locales)).collect(),
            made: RefCell::default(),
        }
    }

    /// `x` as `which` writes it.
    fn text(&self, which: Which, x: f64) -> String {
        let key = (which, x.to_bits());
        if let Some(s) = self.made.borrow().get(&key) {
            return s.clone();
        }
        let s = self
            .functions
            .get(which as usize)
            .and_then(|f| f.call1(&JsValue::UNDEFINED, &JsValue::from_f64(x)).ok())
            .and_then(|v| v.as_string())
            .unwrap_or_default();
        let mut made = self.made.borrow_mut();
        if made.len() >= MADE_MAX {
            made.clear();
        }
        made.insert(key, s.clone());
        s
    }
}

/// The formatters of the language shown, built on first use.
fn formatters() -> Rc<Formatters> {
    let lang = locale::current();
    CACHE.with(|c| {
        if let Some(f) = c.borrow().iter().find(|f| f.lang == lang) {
            return f.clone();
        }
        let f = Rc::new(Formatters::new(lang));
        c.borrow_mut().push(f.clone());
        f
    })
}

/// A magnitude with the sign written by us: U+2212 for negatives (Intl writes a hyphen-minus).
fn signed(negative: bool, magnitude: String) -> String {
    if negative {
        format!("{MINUS}{magnitude}")
    } else {
        magnitude
    }
}

/// A count with thousands separators: `1234567` -> `1,234,567` (fr `1 234 567`), `-1234` ->
/// `−1,234`.
pub fn count(n: i64) -> String {
    let f = formatters();
    // as f64: exact up to 2^53, far beyond any count of customers or seats
    signed(n < 0, f.text(Which::Count, n.unsigned_abs() as f64))
}

/// A count with an explicit sign for non-zero values: `34` -> `+34`, `-5` -> `−5`, `0` -> `0`.
pub fn signed_count(n: i64) -> String {
    if n > 0 {
        format!("+{}", count(n))
    } else {
        count(n)
    }
}

/// A percentage magnitude rounded to one decimal: `2.46` -> `2.5%` (fr `2,5 %`), `-8.0` -> `8.0%`.
pub fn pct_abs(p: f64) -> String {
    let f = formatters();
    f.text(Which::Pct, p.abs())
}

/// A percentage rounded to one decimal, keeping its sign: `8.94` -> `8.9%`, `-3.25` -> `−3.3%`
/// (no sign when it rounds to zero).
pub fn pct(p: f64) -> String {
    let s = pct_abs(p);
    signed(p < 0.0 && s != pct_abs(0.0), s)
}

/// A whole percentage: `25` -> `25%` (fr `25 %`).
pub fn whole_pct(p: i64) -> String {
    let f = formatters();
    signed(p < 0, f.text(Which::WholePct, p.unsigned_abs() as f64))
}

/// A size in decimal units, as browsers show file sizes: `1500` -> `2 KB`, `2340000` ->
/// `2.3 MB` (fr `2,3 Mo`), `123400000` -> `123 MB`.
pub fn bytes(n: u64) -> String {
    let f = formatters();
    let mb = n as f64 / 1e6;
    if n < 100_000 {
        f.text(Which::Kb, (n as f64 / 1e3).ceil())
    } else if mb < 10.0 {
        f.text(Which::Mb1, mb)
    } else {
        f.text(Which::Mb0, mb)
    }
}

/// Whether a percentage is shown as zero (`0.0%`) once rounded.
pub fn pct_is_zero(p: f64) -> bool {
    pct_abs(p) == pct_abs(0.0)
}

/// Midnight UTC of a day in milliseconds since 1970, as `Date.UTC` counts them (`NaN` for no day).
fn utc(year: i32, month0: u32, day: u32) -> f64 {
    NaiveDate::from_ymd_opt(year, month0 + 1, day)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map_or(f64::NAN, |t| t.and_utc().timestamp_millis() as f64)
}

/// Short month name and year: `2025-10` -> `Oct 2025` (fr `oct. 2025`).
pub fn month(m: Month) -> String {
    let f = formatters();
    f.text(Which::Month, utc(m.year(), m.month() - 1, 1))
}

/// A span of months in words: `Nov 2025 – Oct 2026`, or one month when both ends are equal.
pub fn month_span(from: Month, to: Month) -> String {
    if from == to {
        month(from)
    } else {
        format!("{} – {}", month(from), month(to))
    }
}

/// A day: `2026-10-31` -> `Oct 31, 2026` (fr `31 oct. 2026`).
pub fn date(d: NaiveDate) -> String {
    let f = formatters();
    f.text(Which::Date, utc(d.year(), d.month0(), d.day()))
}

/// Every month from `from` to `to` inclusive.
pub fn months(from: Month, to: Month) -> impl Iterator<Item = Month> {
    (from.0..=to.0).map(Month)
}
