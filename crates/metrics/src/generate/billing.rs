//! The billing reconciliation files and the customer list (formats.md section 4) for the same
//! book, headed by the published column lists in their published order (research notes,
//! section 6), dates `M/D/YYYY` as Partner Center writes them:
//!
//! - `invoice_reconciliation_YYYY_MM.csv`, one per month (new commerce, license-based): every
//!   licence subscription from its real start, a cycle charge per term (monthly, or annual
//!   prepaid) from its start day (mid-month anniversaries), seats added mid-cycle as prorated
//!   lines to the end of the period (monthly: the days before the next anniversary, a period
//!   with no month end; annual: to the end of the term), cancellations as a credit of the
//!   quantity in force from the cancellation day to the end of its period, indirect resellers in
//!   `ResellerMPNID`; a line belongs to the invoice of the month it starts in;
//! - `daily_rated_usage.csv` (new commerce, usage-based): one line per Azure plan and day of its
//!   months with consumption (a plan started before the window consumes every month before it),
//!   a single line with Quantity 0 in a month without;
//! - `Customers.csv`: the customer list (Microsoft ID, Company name, Primary domain name,
//!   Relationship).
//!
//! ChargeType values are the published ones: `New` (the new commerce sample), `Cycle fee`,
//! `Cycle instance prorate`, `Prorate fees when cancel` (the charge types page).
//!
//! Read back, a subscription is active in exactly the months the book says (the REST rendering's
//! intervals), Azure plans in every month with consumption between their first and last.

use super::book::{Book, Customer, Subscription};
use super::catalog::{self, Unit};
use super::insights::csv_field;
use super::rng::SplitMix64;
use super::File;
use crate::date::Month;
use chrono::{Datelike, Days, Months, NaiveDate};
use std::collections::BTreeMap;

/// The new commerce invoice reconciliation file's columns, published order.
pub const INVOICE_COLUMNS: [&str; 46] = [
    "PartnerId",
    "CustomerId",
    "CustomerName",
    "CustomerDomainName",
    "CustomerCountry",
    "InvoiceNumber",
    "MPNID",
    "ResellerMPNID",
    "OrderId",
    "OrderDate",
    "ProductId",
    "SkuId",
    "AvailabilityId",
    "SkuName",
    "ProductName",
    "ChargeType",
    "UnitPrice",
    "Quantity",
    "Subtotal",
    "TaxTotal",
    "Total",
    "Currency",
    "PriceAdjustmentDescription",
    "PublisherName",
    "PublisherId",
    "SubscriptionDescription",
    "SubscriptionId",
    "ChargeStartDate",
    "ChargeEndDate",
    "TermAndBillingCycle",
    "EffectiveUnitPrice",
    "UnitType",
    "AlternateId",
    "BillableQuantity",
    "BillingFrequency",
    "PricingCurrency",
    "PCToBCExchangeRate",
    "PCToBCExchangeRateDate",
    "MeterDescription",
    "ReservationOrderId",
    "CreditReasonCode",
    "SubscriptionStartDate",
    "SubscriptionEndDate",
    "ReferenceID",
    "ProductQualifiers",
    "PromotionID",
];

/// The new commerce daily rated usage reconciliation file's columns, published order.
pub const DAILY_USAGE_COLUMNS: [&str; 55] = [
    "PartnerId",
    "PartnerName",
    "CustomerId",
    "CustomerName",
    "CustomerDomainName",
    "CustomerCountry",
    "MPNID",
    "ResellerMPNID",
    "InvoiceNumber",
    "ProductId",
    "SkuId",
    "AvailabilityId",
    "SkuName",
    "ProductName",
    "PublisherName",
    "PublisherId",
    "SubscriptionDescription",
    "SubscriptionId",
    "ChargeStartDate",
    "ChargeEndDate",
    "UsageDate",
    "MeterType",
    "MeterCategory",
    "MeterId",
    "MeterSubCategory",
    "MeterName",
    "MeterRegion",
    "Unit",
    "ResourceLocation",
    "ConsumedService",
    "ResourceGroup",
    "ResourceURI",
    "ChargeType",
    "UnitPrice",
    "Quantity",
    "UnitType",
    "BillingPreTaxTotal",
    "BillingCurrency",
    "PricingPreTaxTotal",
    "PricingCurrency",
    "ServiceInfo1",
    "ServiceInfo2",
    "Tags",
    "AdditionalInfo",
    "EffectiveUnitPrice",
    "PCToBCExchangeRate",
    "PCToBCExchangeRateDate",
    "EntitlementId",
    "EntitlementDescription",
    "PartnerEarnedCreditPercentage",
    "CreditPercentage",
    "CreditType",
    "BenefitOrderId",
    "BenefitId",
    "BenefitType",
];

/// The customer list's columns (the export's documented columns).
pub const CUSTOMER_LIST_COLUMNS: [&str; 4] = [
    "Microsoft ID",
    "Company name",
    "Primary domain name",
    "Relationship",
];

/// The partner's Microsoft Entra tenant id (`PartnerId`).
const PARTNER_ID: &str = "0e195b37-4574-4539-bc42-0e539b9684c0";

fn us_date(d: NaiveDate) -> String {
    format!("{}/{}/{}", d.month(), d.day(), d.year())
}

fn header(columns: &[&str]) -> String {
    let mut out = String::new();
    for (i, c) in columns.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        csv_field(&mut out, c, ',');
    }
    out.push_str("\r\n");
    out
}

/// Appends a row of `columns` with the given (column, value) cells, in column order, the
/// others empty.
fn row(out: &mut String, columns: &[&str], cells: &[(&str, &str)]) {
    let mut next = cells.iter().peekable();
    for (i, c) in columns.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        if let Some((_, v)) = next.next_if(|(k, _)| k == c) {
            csv_field(out, v, ',');
        }
    }
    debug_assert!(next.peek().is_none(), "cells out of column order");
    out.push_str("\r\n");
}

fn invoice_number(m: Month) -> String {
    format!("G{:09}", 100_000 + m.0.rem_euclid(1_000_000_000 - 100_000))
}

fn day(m: Month, d: u32) -> Option<NaiveDate> {
    m.first_day()?
        .checked_add_days(Days::new(u64::from(d.max(1) - 1)))
}

/// The reseller of an indirect sale (a stable MPN id per customer), empty for other channels.
fn reseller(c: &Customer, s: &Subscription) -> String {
    if s.sales_channel == "Indirect reseller" {
        let mut q = SplitMix64::stream(0x5245_5345_4c4c, c.id.len() as u64 ^ hash(&c.id));
        format!("{}", 5_000_000 + q.below(999_999))
    } else {
        String::new()
    }
}

fn hash(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    })
}

fn mpn(s: &Subscription) -> &'static str {
    match s.partner_location.map(catalog::mpn_id) {
        Some(id) if !id.is_empty() => id,
        _ => catalog::PGA_MPN_ID,
    }
}

/// One charge line of a subscription.
struct Line {
    start: NaiveDate,
    end: NaiveDate,
    quantity: i64,
    charge: &'static str,
    term: (NaiveDate, NaiveDate),
}

/// The charge lines of a licence subscription (see the module docs).
fn charge_lines(book: &Book, s: &Subscription, window_end: NaiveDate) -> Vec<Line> {
    let months = book.months();
    let Some(d0) = day(book.month(s.start), s.start_day) else {
        return Vec::new();
    };
    let term = if s.annual { 12 } else { 1 };
    let at = |k: u32| d0.checked_add_months(Months::new(k * term));
    let cancel = s.end.and_then(|e| day(book.month(e), s.end_day));
    let seats = |i: i32| -> i64 {
        let i = i.clamp(s.first(), (s.stop(months) - 1).max(s.first()));
        let k = (i - s.first()) as usize;
        s.sold.get(k).copied().unwrap_or(1).max(1)
    };
    let index = |d: NaiveDate| Month::of(d).0 - book.start.0;
    let mut lines = Vec::new();
    // (period start, end, quantity in force) of each term
    let mut periods: Vec<(NaiveDate, NaiveDate, i64)> = Vec::new();
    let mut k = 0;
    while let (Some(a), Some(next)) = (at(k), at(k + 1)) {
        let b = next.pred_opt().unwrap_or(next);
        let stop = match cancel {
            Some(c) => a >= c && k > 0,
            None => a > window_end,
        };
        if stop || k > 1200 {
            break;
        }
        let q = seats(index(a));
        lines.push(Line {
            start: a,
            end: b,
            quantity: q,
            charge: if k == 0 { "New" } else { "Cycle fee" },
            term: (a, b),
        });
        periods.push((a, b, q));
        k += 1;
    }
    // seats added in a window month
    for i in (s.first() + 1)..s.stop(months) {
        let diff = seats(i) - seats(i - 1);
        if diff <= 0 {
            continue;
        }
        let m = book.month(i);
        let added = if s.annual {
            day(m, s.start_day.clamp(10, 28))
        } else {
            day(m, (s.start_day / 2).max(1))
        };
        let Some(added) = added.filter(|d| cancel.is_none_or(|c| *d < c) && *d <= window_end)
        else {
            continue;
        };
        let Some(p) = periods.iter_mut().find(|p| p.0 <= added && added <= p.1) else {
            continue;
        };
        // monthly: to the day before the next anniversary (the next cycle charge carries the
        // new count), a period without a month end unless the anniversary is the 1st
        let end = if s.annual {
            p.1
        } else if s.start_day > 1 {
            match day(m, s.start_day - 1) {
                Some(e) if e >= added => e,
                _ => continue,
            }
        } else {
            continue;
        };
        if s.annual {
            p.2 += diff;
        }
        lines.push(Line {
            start: added,
            end,
            quantity: diff,
            charge: "Cycle instance prorate",
            term: (p.0, p.1),
        });
    }
    // a cancellation: the rest of its period credited
    if let Some(c) = cancel {
        let p = periods
            .iter()
            .find(|p| p.0 <= c && c <= p.1)
            .or_else(|| periods.first().filter(|p| c < p.0));
        if let Some(&(a, b, q)) = p {
            lines.push(Line {
                start: c.max(a),
                end: b,
                quantity: -q,
                charge: "Prorate fees when cancel",
                term: (a, b),
            });
        }
    }
    lines.retain(|l| l.start <= window_end);
    lines
}

/// Writes the book's billing files (see the module docs).
pub fn write(book: &Book) -> Vec<File> {
    let months = book.months();
    let window_end = book.month(months - 1).last_day().unwrap_or(NaiveDate::MIN);
    let mut invoices: BTreeMap<Month, String> = BTreeMap::new();
    let mut usage = header(&DAILY_USAGE_COLUMNS);
    let mut list = header(&CUSTOMER_LIST_COLUMNS);
    for c in &book.customers {
        let domain = format!(
            "{}.onmicrosoft.com",
            c.domain.split('.').next().unwrap_or("")
        );
        row(
            &mut list,
            &CUSTOMER_LIST_COLUMNS,
            &[
                ("Microsoft ID", &c.id),
                ("Company name", &c.name),
                ("Primary domain name", &domain),
                ("Relationship", "Cloud Reseller"),
            ],
        );
        let country = c.country.unwrap_or("");
        let currency = if country == "US" { "USD" } else { "EUR" };
        for s in &c.subscriptions {
            let sku = s.sku();
            let resell = reseller(c, s);
            if sku.unit == Unit::Plan {
                daily_usage(book, c, s, &resell, &mut usage);
                continue;
            }
            for l in charge_lines(book, s, window_end) {
                let m = Month::of(l.start);
                let out = invoices
                    .entry(m)
                    .or_insert_with(|| header(&INVOICE_COLUMNS));
                let (q, start, end) = (l.quantity.to_string(), us_date(l.start), us_date(l.end));
                let (t0, t1) = (us_date(l.term.0), us_date(l.term.1));
                let invoice = invoice_number(m);
                row(
                    out,
                    &INVOICE_COLUMNS,
                    &[
                        ("PartnerId", PARTNER_ID),
                        ("CustomerId", &c.id),
                        ("CustomerName", &c.name),
                        ("CustomerDomainName", &c.domain),
                        ("CustomerCountry", country),
                        ("InvoiceNumber", &invoice),
                        ("MPNID", mpn(s)),
                        ("ResellerMPNID", &resell),
                        ("OrderDate", &start),
                        ("ProductId", sku.offer_id),
                        ("SkuName", sku.name),
                        ("ProductName", sku.name),
                        ("ChargeType", l.charge),
                        ("Quantity", &q),
                        ("Currency", currency),
                        ("PublisherName", "Microsoft"),
                        ("SubscriptionDescription", sku.name),
                        ("SubscriptionId", &s.id),
                        ("ChargeStartDate", &start),
                        ("ChargeEndDate", &end),
                        ("BillableQuantity", &q),
                        (
                            "BillingFrequency",
                            if s.annual { "Annual" } else { "Monthly" },
                        ),
                        ("PricingCurrency", "USD"),
                        ("SubscriptionStartDate", &t0),
                        ("SubscriptionEndDate", &t1),
                    ],
                );
            }
        }
    }
    let mut files: Vec<File> = invoices
        .into_iter()
        .map(|(m, text)| {
            (
                format!("invoice_reconciliation_{}_{:02}.csv", m.year(), m.month()),
                text.into_bytes(),
            )
        })
        .collect();
    files.push(("daily_rated_usage.csv".to_string(), usage.into_bytes()));
    files.push(("Customers.csv".to_string(), list.into_bytes()));
    files
}

/// The daily rated usage lines of an Azure plan.
fn daily_usage(book: &Book, c: &Customer, s: &Subscription, resell: &str, out: &mut String) {
    let months = book.months();
    let (category, unit) = catalog::AZURE_METERS[s.meter.min(catalog::AZURE_METERS.len() - 1)];
    let sku = s.sku();
    let country = c.country.unwrap_or("");
    for i in s.start..s.stop(months) {
        let m = book.month(i);
        let (Some(first), Some(last)) = (m.first_day(), m.last_day()) else {
            continue;
        };
        // before the window the book has no figures: the plan consumed
        let acr = if i < 0 { 10_000 } else { s.acr(i) };
        let (from, to) = (us_date(first), us_date(last));
        let invoice = invoice_number(Month(m.0 + 1));
        let days = if acr > 0 { last.day() } else { 1 };
        for d in 1..=days {
            let date = us_date(day(m, d).unwrap_or(first));
            // hundredths of a unit, spread over the days; 0 when the month had none
            let q = if acr > 0 {
                let per_day = (acr / i64::from(days)).max(1) + i64::from(d % 7);
                format!("{}.{:02}", per_day / 100, per_day % 100)
            } else {
                "0".to_string()
            };
            row(
                out,
                &DAILY_USAGE_COLUMNS,
                &[
                    ("PartnerId", PARTNER_ID),
                    ("PartnerName", catalog::PARTNER_NAME),
                    ("CustomerId", &c.id),
                    ("CustomerName", &c.name),
                    ("CustomerDomainName", &c.domain),
                    ("CustomerCountry", country),
                    ("MPNID", mpn(s)),
                    ("ResellerMPNID", resell),
                    ("InvoiceNumber", &invoice),
                    ("ProductId", sku.offer_id),
                    ("SkuName", sku.name),
                    ("ProductName", sku.name),
                    ("PublisherName", "Microsoft"),
                    ("SubscriptionDescription", sku.name),
                    ("SubscriptionId", &s.id),
                    ("ChargeStartDate", &from),
                    ("ChargeEndDate", &to),
                    ("UsageDate", &date),
                    ("MeterCategory", category),
                    ("Unit", unit),
                    ("ChargeType", "New"),
                    ("Quantity", &q),
                    ("BillingCurrency", "USD"),
                    ("PricingCurrency", "USD"),
                ],
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_found() {
        let col = |cols: &[&str], name: &str| cols.iter().position(|c| *c == name);
        assert_eq!(col(&INVOICE_COLUMNS, "SubscriptionId"), Some(26));
        assert_eq!(col(&DAILY_USAGE_COLUMNS, "UsageDate"), Some(20));
        assert_eq!(
            us_date(NaiveDate::from_ymd_opt(2020, 9, 1).unwrap_or_default()),
            "9/1/2020"
        );
    }
}
