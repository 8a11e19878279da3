//! What a spreadsheet in most of Europe writes when it opens a Partner Center CSV and saves it
//! again (formats.md: "re-saved by a spreadsheet (`;` separator, day/month dates, decimal
//! commas)"): the separator becomes `;`, every date becomes day/month/year without the time
//! (`D/M/YYYY` or `DD/MM/YYYY`, one style per file), decimal points become decimal commas, and
//! fields are quoted only where the new separator needs it. The file keeps its name; the output
//! starts with a byte-order mark (Excel's "CSV UTF-8") and ends its lines with CRLF.

use super::File;
use chrono::{Datelike, NaiveDate};

/// Splits RFC 4180 text separated by `sep` into records (a leading byte-order mark dropped).
fn parse(text: &str, sep: char) -> Vec<Vec<String>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    let mut any = false;
    while let Some(c) = chars.next() {
        any = true;
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    field.push('"');
                } else {
                    quoted = false;
                }
            } else {
                field.push(c);
            }
        } else if c == '"' {
            quoted = true;
        } else if c == sep {
            record.push(std::mem::take(&mut field));
        } else if c == '\r' || c == '\n' {
            if c == '\r' && chars.peek() == Some(&'\n') {
                chars.next();
            }
            record.push(std::mem::take(&mut field));
            records.push(std::mem::take(&mut record));
            any = false;
        } else {
            field.push(c);
        }
    }
    if any {
        record.push(field);
        records.push(record);
    }
    records
}

/// A date written by Partner Center: ISO (`2026-03-01`, with or without a midnight time) or US
/// (`3/1/2026`, with or without ` 12:00:00 AM`).
fn as_date(x: &str) -> Option<NaiveDate> {
    let x = x.trim();
    if let Some(d) = x.get(..10).filter(|d| d.as_bytes().get(4) == Some(&b'-')) {
        let rest = &x[10..];
        if rest.is_empty() || rest.starts_with("T00:00:00") {
            return NaiveDate::parse_from_str(d, "%Y-%m-%d").ok();
        }
        return None;
    }
    let day = x.strip_suffix(" 12:00:00 AM").unwrap_or(x);
    if day.bytes().all(|b| b.is_ascii_digit() || b == b'/') && day.matches('/').count() == 2 {
        return NaiveDate::parse_from_str(day, "%m/%d/%Y").ok();
    }
    None
}

/// `12.34` -> `12,34` for a number with a decimal point (and nothing else).
fn decimal_comma(x: &str) -> Option<String> {
    let digits = x.strip_prefix('-').unwrap_or(x);
    let (int, frac) = digits.split_once('.')?;
    let ok = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    (ok(int) && ok(frac)).then(|| x.replacen('.', ",", 1))
}

/// The European re-save of a comma-separated CSV file (see the module doc). The day/month
/// style (`D/M/YYYY` or `DD/MM/YYYY`) is chosen from the file's name, so that a set of files
/// shows both.
pub fn resave_european(file: &File) -> File {
    let (name, bytes) = file;
    let text = String::from_utf8_lossy(bytes);
    let padded = name
        .bytes()
        .fold(0u32, |h, b| h.wrapping_mul(31) ^ u32::from(b))
        % 2
        == 0;
    let mut out = String::with_capacity(bytes.len() + 16);
    out.push('\u{feff}');
    for (r, record) in parse(&text, ',').iter().enumerate() {
        for (k, field) in record.iter().enumerate() {
            if k > 0 {
                out.push(';');
            }
            let value = if r == 0 {
                field.clone()
            } else if let Some(d) = as_date(field) {
                if padded {
                    format!("{:02}/{:02}/{}", d.day(), d.month(), d.year())
                } else {
                    format!("{}/{}/{}", d.day(), d.month(), d.year())
                }
            } else if let Some(x) = decimal_comma(field) {
                x
            } else {
                field.clone()
            };
            super::insights::csv_field(&mut out, &value, ';');
        }
        out.push_str("\r\n");
    }
    (name.clone(), out.into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resaves_separator_dates_decimals_and_quoting() {
        let csv = "\u{feff}Name,Month,Start,ACR,Seats\r\n\"Smith, Jones; Co\",2026-03-01,3/13/2026 12:00:00 AM,1234.50,12\r\n\"Say \"\"hi\"\"\",2026-11-01T00:00:00,,0.05,-3\r\n";
        let (name, bytes) = resave_european(&("a.csv".to_string(), csv.as_bytes().to_vec()));
        assert_eq!(name, "a.csv");
        let text = String::from_utf8(bytes).unwrap();
        let padded = text.contains("01/03/2026");
        let (mar, mar13, nov) = if padded {
            ("01/03/2026", "13/03/2026", "01/11/2026")
        } else {
            ("1/3/2026", "13/3/2026", "1/11/2026")
        };
        let expected = format!(
            "\u{feff}Name;Month;Start;ACR;Seats\r\n\"Smith, Jones; Co\";{mar};{mar13};1234,50;12\r\n\"Say \"\"hi\"\"\";{nov};;0,05;-3\r\n"
        );
        assert_eq!(text, expected);
    }

    #[test]
    fn both_day_styles_occur() {
        let csv = b"Month\r\n2026-03-01\r\n".to_vec();
        let styles: std::collections::BTreeSet<bool> = ["a.csv", "b.csv", "c.csv", "d.csv"]
            .iter()
            .map(|n| {
                let out = resave_european(&(n.to_string(), csv.clone())).1;
                String::from_utf8(out).unwrap().contains("01/03/2026")
            })
            .collect();
        assert_eq!(styles.len(), 2);
    }

    #[test]
    fn not_dates_not_numbers() {
        assert_eq!(as_date("4310551"), None);
        assert_eq!(as_date("1/2"), None);
        assert_eq!(decimal_comma("1.2.3"), None);
        assert_eq!(decimal_comma("Exchange Online (Plan 1)"), None);
        assert_eq!(decimal_comma("-0.50").as_deref(), Some("-0,50"));
    }
}
