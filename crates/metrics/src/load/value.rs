//! Field values as a row gives them, and their conversion to text, counts, dates and months
//! with the quirks of formats.md (string numbers, empty string = missing, every date form).

use super::dates::{self, FileDates};
use super::fields::F;
use crate::date::{is_far_future, parse_date, Month};
use crate::model::trimmed;
use chrono::NaiveDate;
use std::borrow::Cow;

/// One field of one row, borrowed from the input.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum V<'a> {
    /// The key or column is absent.
    Missing,
    Null,
    Bool(bool),
    Int(i64),
    UInt(u64),
    Float(f64),
    Str(&'a str),
    /// An object or array where a scalar was expected.
    Nested,
    /// CSV bytes that are not UTF-8.
    BadUtf8,
}

/// A row of any container: the loaders read fields through this.
pub(crate) trait RowView {
    fn get(&self, f: F) -> V<'_>;

    /// How the row's file writes dates and decimals (`None`: as Partner Center does, month/day
    /// and a decimal point).
    fn file(&self) -> Option<&FileCtx> {
        None
    }

    /// Whether the row (its file, for delimited text) has the field at all.
    fn has(&self, f: F) -> bool {
        !matches!(self.get(f), V::Missing)
    }
}

/// What holds for every row of one file: its date reading, and whether a comma is its decimal
/// separator (a `;`-separated file, as European spreadsheets save).
#[derive(Debug, Default)]
pub(crate) struct FileCtx {
    pub dates: FileDates,
    pub decimal_comma: bool,
    /// Product families already derived from a name in this file (rows repeat a few names).
    families: std::cell::RefCell<rustc_hash::FxHashMap<Box<str>, &'static str>>,
}

impl FileCtx {
    pub(crate) fn new(dates: FileDates, decimal_comma: bool) -> Self {
        FileCtx {
            dates,
            decimal_comma,
            families: Default::default(),
        }
    }
}

/// `derive(name)` (a product family by formats.md's rules), remembered for the row's file.
pub(crate) fn family_of<R: RowView + ?Sized>(
    r: &R,
    name: &str,
    derive: fn(&str) -> &'static str,
) -> &'static str {
    let Some(ctx) = r.file() else {
        return derive(name);
    };
    if let Some(f) = ctx.families.borrow().get(name) {
        return f;
    }
    let f = derive(name);
    ctx.families.borrow_mut().insert(name.into(), f);
    f
}

/// A row seen with its file's context.
pub(crate) struct InFile<'a, R: ?Sized> {
    pub row: &'a R,
    pub ctx: &'a FileCtx,
}

impl<R: RowView + ?Sized> RowView for InFile<'_, R> {
    fn get(&self, f: F) -> V<'_> {
        self.row.get(f)
    }
    fn has(&self, f: F) -> bool {
        self.row.has(f)
    }
    fn file(&self) -> Option<&FileCtx> {
        Some(self.ctx)
    }
}

/// A number's text with a decimal comma made a point, in a file that writes them so.
fn decimal<'s, R: RowView + ?Sized>(r: &R, t: &'s str) -> Cow<'s, str> {
    match r.file() {
        Some(ctx) if ctx.decimal_comma && t.contains(',') => Cow::Owned(t.replacen(',', ".", 1)),
        _ => Cow::Borrowed(t),
    }
}

/// Why a field cannot be used; becomes a [`super::Problem`] with the row and file.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct FieldError {
    pub field: F,
    pub message: String,
}

pub(crate) type FieldResult<T> = Result<T, FieldError>;

fn err<T>(field: F, message: impl Into<String>) -> FieldResult<T> {
    Err(FieldError {
        field,
        message: message.into(),
    })
}

/// Shortens hostile values quoted in messages.
pub(crate) fn quote(s: &str) -> String {
    let mut out: String = s.chars().take(40).collect();
    if out.len() < s.len() {
        out.push('…');
    }
    format!("`{out}`")
}

/// Text of a field: trimmed, `None` when missing, null or empty. Numbers and booleans become their
/// text (a partner location id may be a JSON number).
pub(crate) fn text<R: RowView + ?Sized>(r: &R, f: F) -> Option<Cow<'_, str>> {
    match r.get(f) {
        V::Str(s) => {
            let s = trimmed(s);
            (!s.is_empty()).then_some(Cow::Borrowed(s))
        }
        V::Int(i) => Some(Cow::Owned(i.to_string())),
        V::UInt(i) => Some(Cow::Owned(i.to_string())),
        V::Float(x) => Some(Cow::Owned(x.to_string())),
        V::Bool(b) => Some(Cow::Borrowed(if b { "true" } else { "false" })),
        V::Missing | V::Null | V::Nested | V::BadUtf8 => None,
    }
}

/// Text of a field, or a problem when the bytes are not UTF-8 or an object stands there.
pub(crate) fn text_checked<R: RowView + ?Sized>(r: &R, f: F) -> FieldResult<Option<Cow<'_, str>>> {
    match r.get(f) {
        V::BadUtf8 => err(f, "not valid UTF-8"),
        V::Nested => err(f, "expected a value, found an object or array"),
        _ => Ok(text(r, f)),
    }
}

fn round_saturating(x: f64) -> i64 {
    // `as` saturates at the i64 bounds (NaN cannot come from JSON or a parsed finite string)
    x.round() as i64
}

/// Parses a count: a JSON number or a string holding one (`"63"`, `" 63 "`, `"63.0"`); floats
/// are rounded, huge values saturate. Empty or null is missing.
pub(crate) fn count<R: RowView + ?Sized>(r: &R, f: F) -> FieldResult<Option<i64>> {
    match r.get(f) {
        V::Missing | V::Null => Ok(None),
        V::Int(i) => Ok(Some(i)),
        V::UInt(u) => Ok(Some(i64::try_from(u).unwrap_or(i64::MAX))),
        V::Float(x) => Ok(Some(round_saturating(x))),
        V::Str(s) => count_str(&decimal(r, s)).map_err(|m| FieldError {
            field: f,
            message: m,
        }),
        V::Bool(_) => err(f, "not a number: a boolean"),
        V::Nested => err(f, "not a number: an object or array"),
        V::BadUtf8 => err(f, "not valid UTF-8"),
    }
}

pub(crate) fn count_str(s: &str) -> Result<Option<i64>, String> {
    let t = trimmed(s);
    if t.is_empty() {
        return Ok(None);
    }
    if let Ok(i) = t.parse::<i64>() {
        return Ok(Some(i));
    }
    match t.parse::<f64>() {
        Ok(x) if x.is_finite() => Ok(Some(round_saturating(x))),
        // only digits (and a sign) that overflowed: saturate
        _ if t
            .trim_start_matches(['-', '+'])
            .bytes()
            .all(|b| b.is_ascii_digit())
            && t.bytes().any(|b| b.is_ascii_digit()) =>
        {
            Ok(Some(if t.starts_with('-') {
                i64::MIN
            } else {
                i64::MAX
            }))
        }
        _ => Err(format!("not a number: {}", quote(t))),
    }
}

/// Parses a fraction or percentage given as a number or numeric string.
pub(crate) fn float<R: RowView + ?Sized>(r: &R, f: F) -> FieldResult<Option<f64>> {
    match r.get(f) {
        V::Missing | V::Null => Ok(None),
        V::Int(i) => Ok(Some(i as f64)),
        V::UInt(u) => Ok(Some(u as f64)),
        V::Float(x) => Ok(Some(x)),
        V::Str(s) => {
            let t = trimmed(s);
            if t.is_empty() {
                return Ok(None);
            }
            match decimal(r, t).parse::<f64>() {
                Ok(x) if x.is_finite() => Ok(Some(x)),
                _ => err(f, format!("not a number: {}", quote(t))),
            }
        }
        V::Bool(_) => err(f, "not a number: a boolean"),
        V::Nested => err(f, "not a number: an object or array"),
        V::BadUtf8 => err(f, "not valid UTF-8"),
    }
}

/// Parses a date in any form of formats.md. Missing, null or empty is `None`.
pub(crate) fn date<R: RowView + ?Sized>(r: &R, f: F) -> FieldResult<Option<NaiveDate>> {
    match r.get(f) {
        V::Missing | V::Null => Ok(None),
        V::Str(s) => {
            let t = trimmed(s);
            if t.is_empty() {
                return Ok(None);
            }
            // slash and dotted dates in the file's day/month order (dates.rs)
            // slash and dotted dates in the file's day/month order (dates.rs); ISO dates, the
            // most common, go straight to the parser
            let split = match (t.as_bytes().get(4), r.file()) {
                (Some(b'-'), _) | (_, None) => None,
                (_, Some(ctx)) => dates::split(t).map(|parts| (ctx, parts)),
            };
            if let Some((ctx, parts)) = split {
                return match ctx.dates.read(t, parts, f == F::Month) {
                    Some(d) => Ok(Some(d)),
                    None => {
                        let order = ctx
                            .dates
                            .used()
                            .map_or("month/day", dates::DayOrder::as_str);
                        let msg =
                            format!("not a date read {order} (the file's order): {}", quote(t));
                        err(f, msg)
                    }
                };
            }
            match parse_date(t) {
                Some(d) => Ok(Some(d)),
                None => err(f, format!("not a date: {}", quote(t))),
            }
        }
        V::Int(i) => err(f, format!("not a date: `{i}`")),
        V::UInt(i) => err(f, format!("not a date: `{i}`")),
        V::Float(x) => err(f, format!("not a date: `{x}`")),
        V::Bool(_) => err(f, "not a date: a boolean"),
        V::Nested => err(f, "not a date: an object or array"),
        V::BadUtf8 => err(f, "not valid UTF-8"),
    }
}

/// An end-like date: a far-future sentinel (`9999-12-14T00:00:00Z`) means "no end" (`None`).
pub(crate) fn end_date<R: RowView + ?Sized>(r: &R, f: F) -> FieldResult<Option<NaiveDate>> {
    Ok(date(r, f)?.filter(|d| !is_far_future(*d)))
}

/// A required month (`Month` columns, `processedDateTime`).
pub(crate) fn month_required<R: RowView + ?Sized>(r: &R, f: F) -> FieldResult<Month> {
    match date(r, f)? {
        Some(d) => Ok(Month::of(d)),
        None => err(f, "missing"),
    }
}

/// True for `true`, `1`, `Yes`, `Y` in any case, as a JSON boolean, number or string
/// (IsDuplicateRowForPGA); anything else is false.
pub(crate) fn flag<R: RowView + ?Sized>(r: &R, f: F) -> bool {
    match r.get(f) {
        V::Bool(b) => b,
        V::Int(i) => i == 1,
        V::UInt(u) => u == 1,
        V::Float(x) => x == 1.0,
        V::Str(s) => {
            let s = trimmed(s);
            ["1", "true", "yes", "y"]
                .iter()
                .any(|t| s.eq_ignore_ascii_case(t))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_from_strings() {
        assert_eq!(count_str("63"), Ok(Some(63)));
        assert_eq!(count_str(" 63 "), Ok(Some(63)));
        assert_eq!(count_str("2.5"), Ok(Some(3)));
        assert_eq!(count_str(""), Ok(None));
        assert_eq!(count_str("99999999999999999999999999"), Ok(Some(i64::MAX)));
        assert_eq!(count_str("-99999999999999999999999999"), Ok(Some(i64::MIN)));
        assert_eq!(count_str("1e400"), Err("not a number: `1e400`".to_string()));
        assert!(count_str("abc").is_err());
        assert!(count_str("-").is_err());
    }

    #[test]
    fn trimmed_is_trim() {
        for s in [
            "",
            " ",
            "a",
            " a",
            "a ",
            "\u{a0}a\u{a0}",
            "a\u{2003}",
            "\té\n",
            "é",
            "a b",
        ] {
            assert_eq!(trimmed(s), s.trim(), "{s:?}");
        }
    }

    #[test]
    fn quote_truncates() {
        let long = "x".repeat(100);
        assert!(quote(&long).chars().count() < 50);
        assert_eq!(quote("é"), "`é`");
    }
}
