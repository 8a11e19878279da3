//! CSV export of the adoption section: the page's "Export CSV" button and
//! `insights export-adoption` write the same bytes.
//!
//! One tidy table, one row per figure shown on screen: `customer` rows (totals), `product` rows
//! (deployment per product family), `workload` rows (usage per workload), `portfolio` rows, and
//! `opportunity` rows. UTF-8 with a byte-order mark (so Excel reads accents), RFC 4180 quoting,
//! `,` or `;` as separator (`;` also writes decimal commas, as European Excel expects), and text
//! cells that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, tab or
//! carriage return) prefixed with `'`.

use crate::report::{Adoption, Report};
use chrono::NaiveDate;

/// Export settings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CsvOptions {
    /// `b','` or `b';'`.
    pub separator: u8,
}

impl Default for CsvOptions {
    fn default() -> Self {
        CsvOptions { separator: b',' }
    }
}

impl CsvOptions {
    /// `;`-separated with decimal commas, for European Excel.
    pub fn european() -> Self {
        CsvOptions { separator: b';' }
    }
}

/// The header of the adoption CSV.
pub const HEADER: [&str; 15] = [
    "level",
    "customer_id",
    "customer_name",
    "key",
    "sold",
    "assigned",
    "deployment_pct",
    "active",
    "entitled",
    "usage_pct",
    "over_100",
    "unassigned",
    "inactive",
    "reasons",
    "month",
];

/// A file name carrying the as-of date: `partner-insights-adoption-2026-10-31.csv`.
pub fn file_name(as_of: Option<NaiveDate>) -> String {
    match as_of {
        Some(d) => format!("partner-insights-adoption-{d}.csv"),
        None => "partner-insights-adoption.csv".to_string(),
    }
}

/// Makes a text cell safe to open in a spreadsheet.
///
/// # Examples
/// ```
/// use metrics::export::neutralise;
/// assert_eq!(neutralise("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
/// assert_eq!(neutralise("Contoso"), "Contoso");
/// ```
pub fn neutralise(s: &str) -> String {
    match s.as_bytes().first() {
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r') => format!("'{s}"),
        _ => s.to_string(),
    }
}

struct Row<'a> {
    level: &'static str,
    id: &'a str,
    name: &'a str,
    key: &'a str,
    nums: [Option<i64>; 4],
    pcts: [Option<f64>; 2],
    over_100: Option<bool>,
    gaps: [Option<i64>; 2],
    reasons: String,
}

/// The adoption CSV of a report; `None` when the report has no adoption section.
pub fn adoption_csv(report: &Report, opts: CsvOptions) -> Option<Vec<u8>> {
    report
        .adoption
        .as_ref()
        .map(|a| adoption_section_csv(a, opts))
}

/// The adoption CSV of an adoption section.
pub fn adoption_section_csv(a: &Adoption, opts: CsvOptions) -> Vec<u8> {
    let decimal_comma = opts.separator == b';';
    let pct = |p: Option<f64>| {
        p.map(|p| {
            let s = format!("{p:.1}");
            if decimal_comma {
                s.replace('.', ",")
            } else {
                s
            }
        })
        .unwrap_or_default()
    };
    let num = |n: Option<i64>| n.map(|n| n.to_string()).unwrap_or_default();
    let month = a.month.to_string();
    let mut rows: Vec<Row<'_>> = Vec::new();
    let p = &a.portfolio;
    rows.push(Row {
        level: "portfolio",
        id: "",
        name: "",
        key: "",
        nums: [
            Some(p.sold),
            Some(p.assigned),
            Some(p.active),
            Some(p.entitled),
        ],
        pcts: [p.deployment_pct, p.usage_pct],
        over_100: Some(p.over_100),
        gaps: [Some(p.sold - p.assigned), Some(p.entitled - p.active)],
        reasons: String::new(),
    });
    for w in &p.by_workload {
        rows.push(Row {
            level: "portfolio_workload",
            id: "",
            name: "",
            key: &w.key,
            nums: [None, None, Some(w.active), Some(w.entitled)],
            pcts: [None, w.usage_pct],
            over_100: Some(w.over_100),
            gaps: [None, Some(w.entitled - w.active)],
            reasons: String::new(),
        });
    }
    for d in &p.by_product {
        rows.push(Row {
            level: "portfolio_product",
            id: "",
            name: "",
            key: &d.key,
            nums: [Some(d.sold), Some(d.assigned), None, None],
            pcts: [d.deployment_pct, None],
            over_100: Some(d.over_100),
            gaps: [Some(d.sold - d.assigned), None],
            reasons: String::new(),
        });
    }
    for c in &a.customers {
        rows.push(Row {
            level: "customer",
            id: &c.id,
            name: &c.name,
            key: "",
            nums: [
                Some(c.sold),
                Some(c.assigned),
                Some(c.active),
                Some(c.entitled),
            ],
            pcts: [c.deployment_pct, c.usage_pct],
            over_100: Some(c.over_100),
            gaps: [Some(c.sold - c.assigned), Some(c.entitled - c.active)],
            reasons: String::new(),
        });
        for d in &c.products {
            rows.push(Row {
                level: "product",
                id: &c.id,
                name: &c.name,
                key: &d.key,
                nums: [Some(d.sold), Some(d.assigned), None, None],
                pcts: [d.deployment_pct, None],
                over_100: Some(d.over_100),
                gaps: [Some(d.sold - d.assigned), None],
                reasons: String::new(),
            });
        }
        for w in &c.workloads {
            rows.push(Row {
                level: "workload",
                id: &c.id,
                name: &c.name,
                key: &w.key,
                nums: [None, None, Some(w.active), Some(w.entitled)],
                pcts: [None, w.usage_pct],
                over_100: Some(w.over_100),
                gaps: [None, Some(w.entitled - w.active)],
                reasons: String::new(),
            });
        }
    }
    for o in &a.opportunities {
        rows.push(Row {
            level: "opportunity",
            id: &o.id,
            name: &o.name,
            key: "",
            nums: [None; 4],
            pcts: [o.deployment_pct, o.usage_pct],
            over_100: None,
            gaps: [Some(o.unassigned), Some(o.inactive)],
            reasons: o.reasons.join(" "),
        });
    }

    let mut out = vec![0xEF, 0xBB, 0xBF];
    {
        let mut w = csv::WriterBuilder::new()
            .delimiter(opts.separator)
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        // Writing to a Vec cannot fail; a failed record would only shorten the file.
        let _ = w.write_record(HEADER);
        for r in rows {
            let record = [
                r.level.to_string(),
                neutralise(r.id),
                neutralise(r.name),
                neutralise(r.key),
                num(r.nums[0]),
                num(r.nums[1]),
                pct(r.pcts[0]),
                num(r.nums[2]),
                num(r.nums[3]),
                pct(r.pcts[1]),
                r.over_100.map(|b| b.to_string()).unwrap_or_default(),
                num(r.gaps[0]),
                num(r.gaps[1]),
                r.reasons,
                month.clone(),
            ];
            let _ = w.write_record(&record);
        }
        let _ = w.flush();
    }
    out
}
