//! The Insights datasets (formats.md section 1) as programmatic-access JSON and as CSV
//! downloads: CustomersAndTenants, SeatsSubscriptionsAndRevenue and OfficeUsage.
//!
//! Quirks written on purpose, each of which the loader must absorb without changing a number:
//! - JSON: some rows give their numbers as strings (`"TotalSoldSeats": "12"`); Month values
//!   alternate between `2024-03-01` and `2024-03-01T00:00:00`; countries are alpha-2 codes.
//! - CSV: RFC 4180 quoting (names with commas, quotes), CRLF line ends, a byte-order mark on
//!   CustomersAndTenants, US `M/D/YYYY` dates in its Month column and in the Seats start/end
//!   dates, countries as official English names (`Korea, Republic of`).
//! - Both: `IsDuplicateRowForPGA = 1` copies of some rows (booked at a global account's other
//!   partner location) that must be skipped, `Inactive` rows for a month or two after a SKU
//!   stops, a `Churned` Seats row (0 seats) in the month a subscription ends, and CustomerSegment
//!   left empty where only TopSegment is given.

use super::book::{Book, Customer};
use super::catalog::{self, GLOBAL_LOCATION};
use super::rng::SplitMix64;
use super::File;
use crate::date::Month;
use chrono::{Datelike, NaiveDate};
use std::collections::{BTreeMap, BTreeSet};

/// A cell.
#[derive(Clone, Debug)]
enum V {
    S(String),
    N(i64),
    B(bool),
    /// A `Month` column value.
    M(Month),
    /// A date column value.
    D(NaiveDate),
    /// A country code (rendered as a code in JSON, a name in CSV).
    Country(&'static str),
    Empty,
}

fn s(x: &str) -> V {
    V::S(x.to_string())
}

fn opt(x: Option<&str>) -> V {
    x.map_or(V::Empty, s)
}

/// How a table writes its month and date columns in CSV.
#[derive(Clone, Copy)]
enum DateStyle {
    Iso,
    Us,
    IsoMonth,
}

struct Table {
    name: &'static str,
    columns: &'static [&'static str],
    rows: Vec<Vec<V>>,
    month_style: DateStyle,
    date_style: DateStyle,
    bom: bool,
}

const CT_COLUMNS: &[&str] = &[
    "CustomerTenantId",
    "CustomerName",
    "CustomerTenantCountry",
    "CustomerMarket",
    "CustomerSegment",
    "TopSegment",
    "CustomerStatus",
    "Product",
    "RawProductName",
    "SKU",
    "Month",
    "PartnerLocationID",
    "PartnerAttributionType",
    "SalesChannel",
    "IsDuplicateRowForPGA",
    "AvailableSeats",
];

const SEATS_COLUMNS: &[&str] = &[
    "SubscriptionId",
    "SubscriptionStartDate",
    "SubscriptionEndDate",
    "SubscriptionState",
    "Month",
    "IsAutoRenew",
    "CustomerTenantId",
    "CustomerName",
    "CustomerTenantCountry",
    "CustomerMarket",
    "CustomerSegment",
    "Product",
    "SKU",
    "PartnerLocationID",
    "PartnerAttributionType",
    "SalesChannel",
    "PricingLevel",
    "TotalSoldSeats",
    "TotalAssignedSeats",
];

const USAGE_COLUMNS: &[&str] = &[
    "CustomerTenantId",
    "CustomerName",
    "WorkloadName",
    "Month",
    "PaidAvailableUnits",
    "MonthlyActiveUsers",
    "CustomerMarket",
    "CustomerSegment",
    "PartnerLocationID",
    "PartnerAttributionType",
    "IsDuplicateRowForPGA",
];

/// The writers' own random stream (quirks), separate from the book's.
fn quirks(book: &Book, c: usize) -> SplitMix64 {
    SplitMix64::stream(book.params.seed ^ 0x5155_4952_4B53, c as u64)
}

fn segment(c: &Customer) -> V {
    if c.segment_only_in_top {
        V::Empty
    } else {
        s(c.segment)
    }
}

fn country(c: &Customer) -> V {
    c.country.map_or(V::Empty, V::Country)
}

fn customers_and_tenants(book: &Book) -> Table {
    let months = book.months();
    let mut rows = Vec::new();
    for (ci, c) in book.customers.iter().enumerate() {
        let q = &mut quirks(book, ci);
        type Key = (usize, Option<&'static str>, &'static str, &'static str);
        // month -> fact key -> seats
        let mut active: Vec<BTreeMap<Key, i64>> = vec![BTreeMap::new(); months.max(0) as usize];
        for sub in &c.subscriptions {
            for i in sub.first()..sub.stop(months) {
                if let Some(m) = active.get_mut(i as usize) {
                    let k = (
                        sub.sku,
                        sub.partner_location,
                        sub.attribution,
                        sub.sales_channel,
                    );
                    *m.entry(k).or_default() += sub.seats(i).0;
                }
            }
        }
        let mut inactive: Vec<BTreeSet<Key>> = vec![BTreeSet::new(); active.len()];
        for i in 1..active.len() {
            let stopped: Vec<Key> = active[i - 1]
                .keys()
                .filter(|k| !active[i].contains_key(*k))
                .copied()
                .collect();
            for k in stopped {
                inactive[i].insert(k);
                if i + 1 < active.len() && !active[i + 1].contains_key(&k) && q.chance(500_000) {
                    inactive[i + 1].insert(k);
                }
            }
        }
        for i in 0..active.len() {
            let month = book.month(i as i32);
            let emit = |k: &Key, status: &str, seats: V, dup: bool| {
                let sku = &catalog::SKUS[k.0.min(catalog::SKUS.len() - 1)];
                vec![
                    s(&c.id),
                    s(&c.name),
                    country(c),
                    opt(c.market),
                    segment(c),
                    s(c.top_segment),
                    s(status),
                    s(sku.insights_product),
                    s(&sku.name.to_uppercase()),
                    s(sku.name),
                    V::M(month),
                    if dup { s(GLOBAL_LOCATION) } else { opt(k.1) },
                    s(k.2),
                    s(k.3),
                    V::N(i64::from(dup)),
                    seats,
                ]
            };
            for (k, &seats) in &active[i] {
                rows.push(emit(k, "Active", V::N(seats), false));
                if q.chance(7_000) {
                    rows.push(emit(k, "Active", V::N(seats), true));
                }
            }
            for k in &inactive[i] {
                rows.push(emit(k, "Inactive", V::N(0), false));
            }
        }
    }
    Table {
        name: "CustomersAndTenants",
        columns: CT_COLUMNS,
        rows,
        month_style: DateStyle::Us,
        date_style: DateStyle::Us,
        bom: true,
    }
}

fn pricing_level(segment: &str) -> &'static str {
    match segment {
        "Education" => "Education",
        "Government" => "Government",
        "Nonprofit" => "Charity",
        _ => "Commercial",
    }
}

fn date(m: Month, day: u32) -> V {
    match NaiveDate::from_ymd_opt(m.year(), m.month(), day) {
        Some(d) => V::D(d),
        None => V::Empty,
    }
}

fn seats(book: &Book) -> Table {
    let months = book.months();
    let as_of = book.month(months - 1);
    let mut rows = Vec::new();
    for c in &book.customers {
        for sub in &c.subscriptions {
            let (first, stop) = (sub.first(), sub.stop(months));
            if stop <= first {
                continue;
            }
            let sku = sub.sku();
            let start = date(book.month(sub.start), sub.start_day);
            let end = match sub.end {
                Some(e) => date(book.month(e), sub.end_day),
                None => {
                    // the end of the current term, after the as-of month
                    let term = if sub.annual { 12 } else { 1 };
                    let mut m = sub.start + term;
                    while book.month(m) <= as_of {
                        m += term;
                    }
                    date(book.month(m), sub.start_day)
                }
            };
            let row = |i: i32, state: &str, sold: i64, assigned: i64| {
                vec![
                    s(&sub.id),
                    start.clone(),
                    end.clone(),
                    s(state),
                    V::M(book.month(i)),
                    V::B(sub.auto_renew),
                    s(&c.id),
                    s(&c.name),
                    country(c),
                    opt(c.market),
                    segment(c),
                    s(sku.insights_product),
                    s(sku.name),
                    opt(sub.partner_location),
                    s(sub.attribution),
                    s(sub.sales_channel),
                    s(pricing_level(c.segment)),
                    V::N(sold),
                    V::N(assigned),
                ]
            };
            for i in first..stop {
                let (sold, assigned) = sub.seats(i);
                rows.push(row(i, "Active", sold, assigned));
            }
            if let Some(e) = sub.end.filter(|&e| e < months) {
                rows.push(row(e, "Churned", 0, 0));
            }
        }
    }
    Table {
        name: "SeatsSubscriptionsAndRevenue",
        columns: SEATS_COLUMNS,
        rows,
        month_style: DateStyle::Iso,
        date_style: DateStyle::Us,
        bom: false,
    }
}

fn office_usage(book: &Book) -> Table {
    let u0 = book.usage_start();
    let mut rows = Vec::new();
    for (ci, c) in book.customers.iter().enumerate() {
        let q = &mut quirks(book, ci ^ 0x8000_0000);
        let main = c.subscriptions.iter().find(|s| s.sku().office);
        let location = main.and_then(|s| s.partner_location);
        let attribution = main.map(|s| s.attribution);
        for w in &c.usage {
            for (k, v) in w.months.iter().enumerate() {
                let Some((active, entitled)) = *v else {
                    continue;
                };
                let month = book.month(u0 + k as i32);
                let row = |dup: bool| {
                    vec![
                        s(&c.id),
                        s(&c.name),
                        s(w.workload),
                        V::M(month),
                        V::N(entitled),
                        V::N(active),
                        opt(c.market),
                        segment(c),
                        if dup {
                            s(GLOBAL_LOCATION)
                        } else {
                            opt(location)
                        },
                        opt(attribution),
                        V::N(i64::from(dup)),
                    ]
                };
                rows.push(row(false));
                if q.chance(10_000) {
                    rows.push(row(true));
                }
            }
        }
    }
    Table {
        name: "OfficeUsage",
        columns: USAGE_COLUMNS,
        rows,
        month_style: DateStyle::IsoMonth,
        date_style: DateStyle::Iso,
        bom: false,
    }
}

fn tables(book: &Book) -> [Table; 3] {
    [customers_and_tenants(book), seats(book), office_usage(book)]
}

/// Appends `x` as a JSON string.
pub(crate) fn json_str(out: &mut String, x: &str) {
    out.push('"');
    for ch in x.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

fn iso_date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn table_json(t: &Table, seed: u64) -> Vec<u8> {
    let q = &mut SplitMix64::stream(seed ^ 0x4A53_4F4E, t.rows.len() as u64);
    let mut out = String::with_capacity(t.rows.len() * 400 + 200);
    out.push_str("{\"value\":[");
    for (r, row) in t.rows.iter().enumerate() {
        if r > 0 {
            out.push(',');
        }
        // about one row in twelve gives its numbers as strings
        let strings = q.chance(80_000);
        let full_month = q.chance(300_000);
        out.push('{');
        for (k, (col, v)) in t.columns.iter().zip(row).enumerate() {
            if k > 0 {
                out.push(',');
            }
            json_str(&mut out, col);
            out.push(':');
            match v {
                V::S(x) => json_str(&mut out, x),
                V::N(n) if strings => json_str(&mut out, &n.to_string()),
                V::N(n) => out.push_str(&n.to_string()),
                V::B(b) => out.push_str(if *b { "true" } else { "false" }),
                V::M(m) => {
                    let t = if full_month { "T00:00:00" } else { "" };
                    json_str(&mut out, &format!("{m}-01{t}"));
                }
                V::D(d) => json_str(&mut out, &format!("{}T00:00:00", iso_date(*d))),
                V::Country(code) => json_str(&mut out, code),
                V::Empty => out.push_str("\"\""),
            }
        }
        out.push('}');
    }
    out.push_str(&format!(
        "],\"nextLink\":null,\"totalCount\":{},\"message\":\"\",\"statusCode\":200,\"dataRedacted\":false}}",
        t.rows.len()
    ));
    out.into_bytes()
}

/// The official English name of a country code (e.g. `Korea, Republic of`).
fn official_name(code: &str) -> &str {
    match crate::country::COUNTRIES.binary_search_by(|c| c.0.cmp(code)) {
        Ok(i) => crate::country::COUNTRIES.get(i).map_or(code, |c| c.3),
        Err(_) => code,
    }
}

/// Appends one RFC 4180 field.
pub(crate) fn csv_field(out: &mut String, x: &str) {
    if x.contains([',', '"', '\n', '\r']) || x.starts_with(' ') || x.ends_with(' ') {
        out.push('"');
        out.push_str(&x.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(x);
    }
}

fn render_date(d: NaiveDate, style: DateStyle) -> String {
    match style {
        DateStyle::Iso => iso_date(d),
        DateStyle::Us => format!("{}/{}/{}", d.month(), d.day(), d.year()),
        DateStyle::IsoMonth => format!("{:04}-{:02}", d.year(), d.month()),
    }
}

fn table_csv(t: &Table) -> Vec<u8> {
    let mut out = String::with_capacity(t.rows.len() * 250 + 200);
    if t.bom {
        out.push('\u{feff}');
    }
    for (k, col) in t.columns.iter().enumerate() {
        if k > 0 {
            out.push(',');
        }
        csv_field(&mut out, col);
    }
    out.push_str("\r\n");
    for row in &t.rows {
        for (k, v) in row.iter().enumerate() {
            if k > 0 {
                out.push(',');
            }
            match v {
                V::S(x) => csv_field(&mut out, x),
                V::N(n) => out.push_str(&n.to_string()),
                V::B(b) => out.push_str(if *b { "True" } else { "False" }),
                V::M(m) => {
                    if let Some(d) = m.first_day() {
                        out.push_str(&render_date(d, t.month_style));
                    }
                }
                V::D(d) => out.push_str(&render_date(*d, t.date_style)),
                V::Country(code) => csv_field(&mut out, official_name(code)),
                V::Empty => {}
            }
        }
        out.push_str("\r\n");
    }
    out.into_bytes()
}

pub fn write_json(book: &Book) -> Vec<File> {
    tables(book)
        .iter()
        .map(|t| (format!("{}.json", t.name), table_json(t, book.params.seed)))
        .collect()
}

pub fn write_csv(book: &Book) -> Vec<File> {
    tables(book)
        .iter()
        .map(|t| (format!("{}.csv", t.name), table_csv(t)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quoting() {
        let mut o = String::new();
        csv_field(&mut o, "O'Brien, \"The\" Bakers");
        assert_eq!(o, "\"O'Brien, \"\"The\"\" Bakers\"");
        let mut o = String::new();
        csv_field(&mut o, "plain");
        assert_eq!(o, "plain");
    }

    #[test]
    fn json_escaping() {
        let mut o = String::new();
        json_str(&mut o, "a\"b\\c\u{1}é");
        assert_eq!(o, "\"a\\\"b\\\\c\\u0001é\"");
        let v: Result<String, _> = serde_json::from_str(&o);
        assert_eq!(v.ok().as_deref(), Some("a\"b\\c\u{1}é"));
    }

    #[test]
    fn official_names() {
        assert_eq!(official_name("KR"), "Korea, Republic of");
        assert_eq!(official_name("ZZ"), "ZZ");
    }
}
