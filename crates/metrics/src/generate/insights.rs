//! The Insights datasets (formats.md section 1) in Partner Center's published shapes:
//! CustomersAndTenants, SeatsSubscriptionsAndRevenue, OfficeUsage, EMSUsage, DynamicsUsage,
//! PowerBIUsage and AzureUsage.
//!
//! Two deliveries, each with its own published column lists (every header is a published list,
//! verbatim and in the published order; a column the book has no value for is written empty,
//! never dropped):
//! - **programmatic access** (the report API's CSV or TSV file, and its query preview JSON
//!   envelope): the system queries' `SELECT` lists as formats.md's table gives them (with
//!   `PartnerLocation`, the column formats.md and the download reports name); dates ISO
//!   (`2026-03-01`).
//! - **download reports** (the Insights portal's CSV): the 2023 data definitions
//!   (research notes, `published-columns.md` section 2a), with formats.md's spellings where the
//!   two differ (`PGAMpnId`/`MPNId` in OfficeUsage, `PartnerAttachType` in EMSUsage) and
//!   formats.md's AzureUsage list (the data definition's `ServiceLevel1..4`/`ACR_USD` list has
//!   neither `MeterCategory` nor `MonthlySubscriptionLevelACR`, so formats.md's rules would not
//!   detect it as AzureUsage); dates `3/1/2026 12:00:00 AM`; `Product` = `O365` for the Office
//!   365 family; the Seats report without ProductFamily/TotalSoldSeats/TotalAssignedSeats and
//!   with `AvailableSeatsEOP` (seats at the end of the month) and `AvailableSeats` (the
//!   month-over-month difference).
//!
//! Values as real exports have them: countries and markets as names (`United States`; the
//! download reports use the official names, `Korea, Republic of`), partner locations as places
//! with numeric MPN ids, attribution types in their long and short spellings
//! (`Cloud Solution Provider (CSP) Tier 1` / `CSP Tier 1`), `IsAutoRenew` `Y`/`N`.
//!
//! Quirks written on purpose, each of which the loader must absorb without changing a number:
//! - JSON: some rows give their numbers as strings (`"TotalSoldSeats": "12"`); Month values
//!   alternate between `2024-03-01` and `2024-03-01T00:00:00`.
//! - CSV/TSV: RFC 4180 quoting (names with commas, quotes), CRLF line ends, a byte-order mark on
//!   CustomersAndTenants.
//! - All: `IsDuplicateRowForPGA = 1` / `IsACRDuplicateAtPGALevel = 1` copies of some rows
//!   (booked for the global account's own MPN id) that must be skipped, `Inactive` rows for a
//!   month or two after a SKU stops, a `Churned` Seats row (0 seats) in the month a subscription
//!   ends, CustomerSegment left empty where only TopSegment is given, AzureUsage rows with
//!   UsageQuantity 0 in some months an Azure plan consumed nothing.

use super::book::{Book, Customer, Subscription};
use super::catalog::{self, GLOBAL_LOCATION, PARTNER_NAME, PGA_MPN_ID};
use super::rng::SplitMix64;
use super::File;
use crate::date::Month;
use chrono::{Datelike, NaiveDate};
use std::collections::{BTreeMap, BTreeSet};

/// How the datasets are delivered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Delivery {
    /// The report API (CSV, TSV, the query preview JSON).
    Programmatic,
    /// The portal's download reports (CSV).
    Download,
}

/// A cell.
#[derive(Clone, Debug)]
enum V {
    S(String),
    N(i64),
    /// A decimal amount with two decimals, in hundredths (`1234` is `12.34`).
    Cents(i64),
    /// A `Month` column value.
    M(Month),
    /// A date column value.
    D(NaiveDate),
    Empty,
}

fn s(x: &str) -> V {
    V::S(x.to_string())
}

fn opt(x: Option<&str>) -> V {
    x.map_or(V::Empty, s)
}

/// A row: named cells in the same order on every row of a dataset. The writer projects them on
/// the published header; a header column with no cell is written empty.
type Row = Vec<(&'static str, V)>;

struct Table {
    name: &'static str,
    columns: &'static [&'static str],
    rows: Vec<Row>,
    bom: bool,
}

// ---- published column lists ------------------------------------------------------------------

/// CustomersAndTenants, programmatic (formats.md).
#[rustfmt::skip]
pub(crate) const CT_PROGRAMMATIC: &[&str] = &[
    "PGAMpnId", "MpnId", "PartnerName", "CustomerName", "CustomerTpid", "DUNSNumber",
    "CustomerSegment", "TopSegment", "CustomerMarket", "CustomerStatus", "CustomerTenantId",
    "CustomerTenantName", "CustomerTenantCountry", "TenantDomainName", "Product",
    "RawProductName", "ProductPartNumber", "SKU", "Month", "PartnerLocation",
    "PartnerAttributionType", "SalesChannel", "IsDuplicateRowForPGA", "AvailableSeats",
    "BilledRevenueUSD", "AzureConsumedRevenueUSD",
];

/// SeatsSubscriptionsAndRevenue, programmatic (formats.md; `month` lower-case as published).
#[rustfmt::skip]
pub(crate) const SEATS_PROGRAMMATIC: &[&str] = &[
    "PGAMpnId", "MpnId", "SubscriptionId", "SubscriptionStartDate", "SubscriptionEndDate",
    "SubscriptionState", "month", "IsAutoRenew", "CustomerName", "CustomerTenantId",
    "CustomerTpid", "DUNSNumber", "CustomerSegment", "TopSegment", "CustomerMarket",
    "ProductFamily", "ReportingProductName", "Product", "RawProductName", "ProductPartNumber",
    "SKU", "RevSumDivisionName", "PartnerName", "SolutionArea", "PartnerLocation",
    "PartnerAttributionType", "SalesChannel", "PricingLevel", "EnrollmentNumber",
    "IsDuplicateRowForPGA", "SubscriptionStartMonth", "TotalSoldSeats", "TotalAssignedSeats",
    "BilledRevenueUSD", "AzureConsumedRevenueUSD",
];

/// OfficeUsage, programmatic (formats.md, without the optional PGAMpnId the system query lacks).
#[rustfmt::skip]
pub(crate) const OFFICE_PROGRAMMATIC: &[&str] = &[
    "CustomerTenantId", "CustomerTpid", "WorkloadName", "Month", "PaidAvailableUnits",
    "MonthlyActiveUsers", "CustomerName", "CustomerMarket", "CustomerSegment", "MPNId",
    "PartnerName", "PartnerLocation", "PartnerAttributionType", "IsDuplicateRowForPGA",
];

/// DynamicsUsage, programmatic (formats.md).
#[rustfmt::skip]
pub(crate) const DYNAMICS_PROGRAMMATIC: &[&str] = &[
    "SubscriptionId", "SubscriptionStartDate", "SubscriptionEndDate", "SubscriptionStatus",
    "Month", "RevSumDivisionName", "RevSumCategoryName", "SKU", "SKUId", "FreeVsPaidSKU",
    "SalesModel", "DetailedSalesModel", "CustomerName", "CustomerTenantId", "CustomerTpid",
    "CustomerSegment", "CustomerMarket", "MPNId", "PartnerName", "PartnerLocation",
    "PartnerAttachType", "AvailableSeats", "AssignedSeats", "ActiveSeats",
    "DeploymentOpportunity", "ActiveUsagePercent",
];

/// PowerBIUsage, programmatic (formats.md: DynamicsUsage without the RevSum columns, with
/// PartnerHierarchy).
#[rustfmt::skip]
pub(crate) const POWER_BI_PROGRAMMATIC: &[&str] = &[
    "SubscriptionId", "SubscriptionStartDate", "SubscriptionEndDate", "SubscriptionStatus",
    "Month", "SKU", "SKUId", "FreeVsPaidSKU", "SalesModel", "DetailedSalesModel",
    "CustomerName", "CustomerTenantId", "CustomerTpid", "CustomerSegment", "CustomerMarket",
    "MPNId", "PartnerName", "PartnerLocation", "PartnerAttachType", "PartnerHierarchy",
    "AvailableSeats", "AssignedSeats", "ActiveSeats", "DeploymentOpportunity",
    "ActiveUsagePercent",
];

/// EMSUsage, programmatic (formats.md).
#[rustfmt::skip]
pub(crate) const EMS_PROGRAMMATIC: &[&str] = &[
    "SubscriptionId", "SubscriptionStartDate", "SubscriptionEndDate", "SubscriptionStatus",
    "Month", "SKU", "SKUId", "FreeVsPaidSKU", "SalesModel", "DetailedSalesModel",
    "CustomerName", "CustomerTenantId", "CustomerTpid", "CustomerSegment", "CustomerMarket",
    "MPNId", "PartnerName", "PartnerLocation", "PartnerAttachType", "PartnerHierarchy",
    "PaidAvailableUnits", "MonthlyActiveUsers", "AADPPaidAvailableUnits",
    "IntunePaidAvailableUnits", "AzipPaidAvailableUnits", "AADPMonthlyActiveUsers",
    "IntuneMonthlyActiveUsers", "AzipMonthlyActiveUsers",
];

/// AzureUsage (formats.md), both deliveries.
#[rustfmt::skip]
pub(crate) const AZURE: &[&str] = &[
    "PGAMpnId", "SubscriptionId", "SubscriptionStartDate", "SubscriptionEndDate",
    "FirstUseDate", "SubscriptionState", "Month", "ServiceName", "MeterCategory", "UsageUnits",
    "UsageQuantity", "CustomerName", "CustomerTenantId", "CustomerTpid", "CustomerSegment",
    "CustomerMarket", "MpnId", "PartnerName", "PartnerLocation", "PartnerAttributionType",
    "SalesChannel", "EnrollmentNumber", "IsACRDuplicateAtPGALevel", "ResellerID",
    "ResellerName", "MonthlySubscriptionLevelACR", "TotalACR",
];

/// "Customers and revenue" download report (2023 data definitions).
#[rustfmt::skip]
pub(crate) const CT_DOWNLOAD: &[&str] = &[
    "PGAMpnID", "CustomerName", "CustomerTenantId", "CustomerTpid", "DUNSNumber",
    "CustomerSegment", "TopSegment", "CustomerMarket", "CustomerStatus", "CustomerTenantName",
    "CustomerTenantCountry", "TenantDomainName", "Product", "RawProductName", "SKU", "Month",
    "MPNId", "PartnerName", "PartnerLocation", "PartnerAttributionType", "SalesChannel",
    "IndustryName", "VerticalName", "EOU", "IsDuplicateRowForPGA", "AvailableSeats",
    "BilledRevenueUSD", "AzureConsumedRevenueUSD", "CPORRevenue", "CPORPaidSeats",
    "CPORActiveUsers",
];

/// "Subscription details report" download (2023 data definitions; formats.md's description:
/// no ProductFamily/TotalSoldSeats/TotalAssignedSeats, with ResellerID, ResellerName,
/// AvailableSeatsEOP and AvailableSeats).
#[rustfmt::skip]
pub(crate) const SEATS_DOWNLOAD: &[&str] = &[
    "PGAMpnID", "SubscriptionId", "SubscriptionStartDate", "SubscriptionEndDate",
    "SubscriptionState", "Month", "IsAutoRenew", "CustomerName", "CustomerTenantId",
    "CustomerTpid", "DUNSNumber", "CustomerSegment", "TopSegment", "CustomerMarket",
    "ReportingProductName", "Product", "RawProductName", "ProductPartNumber", "SKU",
    "RevSumDivisionName", "SolutionArea", "MPNID", "PartnerName", "PartnerLocation",
    "PartnerAttributionType", "SalesChannel", "IndustryName", "VerticalName", "EOU",
    "PricingLevel", "EnrollmentNumber", "IsDuplicateRowForPGA", "SubscriptionStartMonth",
    "ResellerID", "ResellerName", "AvailableSeatsEOP", "AvailableSeats", "BilledRevenueUSD",
    "AzureConsumedRevenueUSD", "CPORRevenue", "CPORPaidSeats", "CPORActiveUsers",
];

/// "Office 365 license usage report" download (2023 data definitions, with formats.md's
/// `PGAMpnId` and `MPNId` where the definition says `PGAPartnerID` and `PartnerID`).
#[rustfmt::skip]
pub(crate) const OFFICE_DOWNLOAD: &[&str] = &[
    "PGAMpnId", "CustomerTenantId", "CustomerTpid", "WorkloadName", "Month",
    "PaidAvailableUnits", "MonthlyActiveUsers", "CustomerName", "CustomerMarket",
    "CustomerSegment", "IndustryName", "VerticalName", "EOU", "MPNId", "PartnerName",
    "PartnerLocation", "PartnerAttributionType", "IsDuplicateRowForPGA",
];

/// "Enterprise Mobility license usage report" download (2023 data definitions, with formats.md's
/// `PartnerAttachType` where the definition says `PartnerAttributionType`).
#[rustfmt::skip]
pub(crate) const EMS_DOWNLOAD: &[&str] = &[
    "PGAMpnID", "SubscriptionId", "SubscriptionStartDate", "SubscriptionEndDate",
    "SubscriptionStatus", "Month", "SKU", "SKUId", "FreeVsPaidSKU", "SalesModel",
    "DetailedSalesModel", "CustomerName", "CustomerTenantId", "CustomerTpid", "CustomerSegment",
    "CustomerMarket", "IndustryName", "VerticalName", "EOU", "MPNID", "PartnerName",
    "PartnerLocation", "PartnerAttachType", "PartnerHierarchy", "PaidAvailableUnits",
    "MonthlyActiveUsers", "AATPActiveUsage", "MCASActiveUsage", "AADPPaidAvailableUnits",
    "IntunePaidAvailableUnits", "AzipPaidAvailableUnits", "AADPMonthlyActiveUsers",
    "IntuneMonthlyActiveUsers", "AzipMonthlyActiveUsers", "MDM", "MAM", "SSPR",
];

/// "Dynamics 365 license usage report" download (2023 data definitions).
#[rustfmt::skip]
pub(crate) const DYNAMICS_DOWNLOAD: &[&str] = &[
    "PGAMpnID", "SubscriptionId", "SubscriptionStartDate", "SubscriptionEndDate",
    "SubscriptionStatus", "Month", "RevSumDivisionName", "RevSumCategoryName", "SKU", "SKUId",
    "FreeVsPaidSKU", "SalesModel", "DetailedSalesModel", "CustomerName", "CustomerTenantId",
    "CustomerTpid", "CustomerSegment", "CustomerMarket", "IndustryName", "VerticalName", "EOU",
    "MPNID", "PartnerName", "PartnerLocation", "PartnerAttachType", "AvailableSeats",
    "AssignedSeats", "ActiveSeats", "DeploymentOpportunity", "ActiveUsagePercent",
];

/// "Power BI license usage report" download (2023 data definitions).
#[rustfmt::skip]
pub(crate) const POWER_BI_DOWNLOAD: &[&str] = &[
    "PGAMpnID", "SubscriptionId", "SubscriptionStartDate", "SubscriptionEndDate",
    "SubscriptionStatus", "Month", "SKU", "SKUId", "FreeVsPaidSKU", "SalesModel",
    "DetailedSalesModel", "CustomerName", "CustomerTenantId", "CustomerTpid", "CustomerSegment",
    "CustomerMarket", "IndustryName", "VerticalName", "EOU", "MPNId", "PartnerName",
    "PartnerLocation", "PartnerAttachType", "PartnerHierarchy", "AvailableSeats",
    "AssignedSeats", "ActiveSeats", "DeploymentOpportunity", "ActiveUsagePercent",
];

/// The dataset names, in the order the writers write them.
pub const DATASETS: [&str; 7] = [
    "CustomersAndTenants",
    "SeatsSubscriptionsAndRevenue",
    "OfficeUsage",
    "EMSUsage",
    "DynamicsUsage",
    "PowerBIUsage",
    "AzureUsage",
];

// ---- values ----------------------------------------------------------------------------------

/// The writers' own random stream (quirks), separate from the book's.
fn quirks(book: &Book, c: usize) -> SplitMix64 {
    SplitMix64::stream(book.params.seed ^ 0x5155_4952_4B53, c as u64)
}

/// A country code as the exports write it: the English name (programmatic) or the official
/// English name (download reports, e.g. `Korea, Republic of`).
fn country_name(code: Option<&str>, d: Delivery) -> V {
    let Some(code) = code else {
        return V::Empty;
    };
    let i = crate::country::COUNTRIES.binary_search_by(|c| c.0.cmp(code));
    match i.ok().and_then(|i| crate::country::COUNTRIES.get(i)) {
        Some(c) if d == Delivery::Download => s(c.3),
        Some(c) => s(c.1),
        None => s(code),
    }
}

/// An attribution type in one of its published spellings (long about half the time).
fn attribution(a: &str, q: &mut SplitMix64) -> V {
    match catalog::attribution_long(a) {
        Some(long) if q.chance(500_000) => s(long),
        _ => s(a),
    }
}

/// The customer's cells shared by every dataset.
fn customer_cells(c: &Customer, d: Delivery) -> Row {
    vec![
        ("CustomerName", s(&c.name)),
        ("CustomerTenantId", s(&c.id)),
        ("CustomerTenantName", s(&c.name)),
        ("CustomerTenantCountry", country_name(c.country, d)),
        ("TenantDomainName", s(&c.domain)),
        (
            "CustomerSegment",
            if c.segment_only_in_top {
                V::Empty
            } else {
                s(c.segment)
            },
        ),
        ("TopSegment", s(c.top_segment)),
        ("CustomerMarket", country_name(c.market, d)),
    ]
}

/// The partner's cells: the global account, the MPN location (a place and its MPN id) and the
/// partner's name. A PGA duplicate row is booked at the global account's own location.
fn partner_cells(location: Option<&str>, dup: bool) -> Row {
    let (place, mpn) = if dup {
        (Some(GLOBAL_LOCATION.0), GLOBAL_LOCATION.1)
    } else {
        (location, location.map_or("", catalog::mpn_id))
    };
    vec![
        ("PGAMpnId", s(PGA_MPN_ID)),
        ("MpnId", if mpn.is_empty() { V::Empty } else { s(mpn) }),
        ("PartnerName", s(PARTNER_NAME)),
        ("PartnerLocation", opt(place)),
    ]
}

/// The Insights `Product` of a SKU: `O365` in the download reports for the Office 365 family
/// (as older exports say).
fn product(sku: &catalog::Sku, d: Delivery) -> &'static str {
    if d == Delivery::Download && sku.insights_product == "Office 365" {
        "O365"
    } else {
        sku.insights_product
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

/// A subscription's start and end dates (the end of the current term when it has not ended).
fn sub_dates(book: &Book, sub: &Subscription) -> (V, V) {
    let as_of = book.month(book.months() - 1);
    let start = date(book.month(sub.start), sub.start_day);
    let end = match sub.end {
        Some(e) => date(book.month(e), sub.end_day),
        None => {
            let term = if sub.annual { 12 } else { 1 };
            let mut m = sub.start + term;
            while book.month(m) <= as_of {
                m += term;
            }
            date(book.month(m), sub.start_day)
        }
    };
    (start, end)
}

// ---- datasets --------------------------------------------------------------------------------

fn customers_and_tenants(book: &Book, d: Delivery) -> Vec<Row> {
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
            let mut emit = |k: &Key, status: &str, seats: i64, dup: bool, q: &mut SplitMix64| {
                let sku = &catalog::SKUS[k.0.min(catalog::SKUS.len() - 1)];
                let mut row = partner_cells(k.1, dup);
                row.extend(customer_cells(c, d));
                row.extend([
                    ("CustomerStatus", s(status)),
                    ("Product", s(product(sku, d))),
                    ("RawProductName", s(&sku.name.to_uppercase())),
                    ("SKU", s(sku.name)),
                    ("Month", V::M(month)),
                    ("PartnerAttributionType", attribution(k.2, q)),
                    ("SalesChannel", s(k.3)),
                    ("IsDuplicateRowForPGA", V::N(i64::from(dup))),
                    ("AvailableSeats", V::N(seats)),
                ]);
                rows.push(row);
            };
            for (k, &seats) in &active[i] {
                emit(k, "Active", seats, false, q);
                if q.chance(7_000) {
                    emit(k, "Active", seats, true, q);
                }
            }
            for k in &inactive[i] {
                emit(k, "Inactive", 0, false, q);
            }
        }
    }
    rows
}

fn seats(book: &Book, d: Delivery) -> Vec<Row> {
    let months = book.months();
    let mut rows = Vec::new();
    for (ci, c) in book.customers.iter().enumerate() {
        let q = &mut quirks(book, ci ^ 0x4000_0000);
        for sub in &c.subscriptions {
            let (first, stop) = (sub.first(), sub.stop(months));
            if stop <= first {
                continue;
            }
            let sku = sub.sku();
            let (start, end) = sub_dates(book, sub);
            let mut row = |i: i32, state: &str, sold: i64, assigned: i64, before: i64| {
                let mut row = partner_cells(sub.partner_location, false);
                row.extend(customer_cells(c, d));
                row.extend([
                    ("SubscriptionId", s(&sub.id)),
                    ("SubscriptionStartDate", start.clone()),
                    ("SubscriptionEndDate", end.clone()),
                    ("SubscriptionState", s(state)),
                    ("Month", V::M(book.month(i))),
                    ("IsAutoRenew", s(if sub.auto_renew { "Y" } else { "N" })),
                    ("ProductFamily", s(sku.family)),
                    ("ReportingProductName", s(sku.name)),
                    ("Product", s(product(sku, d))),
                    ("RawProductName", s(&sku.name.to_uppercase())),
                    ("SKU", s(sku.name)),
                    ("PartnerAttributionType", attribution(sub.attribution, q)),
                    ("SalesChannel", s(sub.sales_channel)),
                    ("PricingLevel", s(pricing_level(c.segment))),
                    ("IsDuplicateRowForPGA", V::N(0)),
                    ("SubscriptionStartMonth", V::M(book.month(sub.start))),
                    ("TotalSoldSeats", V::N(sold)),
                    ("TotalAssignedSeats", V::N(assigned)),
                    ("AvailableSeatsEOP", V::N(sold)),
                    ("AvailableSeats", V::N(sold - before)),
                ]);
                rows.push(row);
            };
            let mut before = 0;
            for i in first..stop {
                let (sold, assigned) = sub.seats(i);
                // seats before the window are not in the book: the first window row's
                // difference is taken from the seats it starts with
                let prev = if i > first { before } else { sold };
                row(
                    i,
                    "Active",
                    sold,
                    assigned,
                    if i == sub.start { 0 } else { prev },
                );
                before = sold;
            }
            if let Some(e) = sub.end.filter(|&e| e < months) {
                row(e, "Churned", 0, 0, before);
            }
        }
    }
    rows
}

fn office_usage(book: &Book, d: Delivery) -> Vec<Row> {
    let u0 = book.usage_start();
    let mut rows = Vec::new();
    for (ci, c) in book.customers.iter().enumerate() {
        let q = &mut quirks(book, ci ^ 0x8000_0000);
        let main = c.subscriptions.iter().find(|s| s.sku().office);
        let location = main.and_then(|s| s.partner_location);
        let attr = main.map(|s| s.attribution);
        for w in &c.usage {
            for (k, v) in w.months.iter().enumerate() {
                let Some((active, entitled)) = *v else {
                    continue;
                };
                let month = book.month(u0 + k as i32);
                let mut row = |dup: bool, q: &mut SplitMix64| {
                    let mut row = partner_cells(location, dup);
                    row.extend(customer_cells(c, d));
                    row.extend([
                        ("WorkloadName", s(w.workload)),
                        ("Month", V::M(month)),
                        ("PaidAvailableUnits", V::N(entitled)),
                        ("MonthlyActiveUsers", V::N(active)),
                        (
                            "PartnerAttributionType",
                            attr.map_or(V::Empty, |a| attribution(a, q)),
                        ),
                        ("IsDuplicateRowForPGA", V::N(i64::from(dup))),
                    ]);
                    rows.push(row);
                };
                row(false, q);
                if q.chance(10_000) {
                    row(true, q);
                }
            }
        }
    }
    rows
}

/// The rows of the usage datasets keyed by subscription (EMS, Dynamics 365, Power BI): one per
/// subscription and month of the usage window in which it is active.
fn subscription_usage(book: &Book, d: Delivery, family: &str, salt: usize) -> Vec<Row> {
    let months = book.months();
    let u0 = book.usage_start();
    let ems = family == crate::family::EMS;
    let mut rows = Vec::new();
    for (ci, c) in book.customers.iter().enumerate() {
        let q = &mut quirks(book, ci ^ salt);
        for sub in c.subscriptions.iter().filter(|s| s.sku().family == family) {
            let sku = sub.sku();
            let services = catalog::ems_services(sub.sku);
            if ems && !services.contains(&true) {
                continue;
            }
            let (start, end) = sub_dates(book, sub);
            for i in sub.first().max(u0)..sub.stop(months) {
                let (sold, assigned) = sub.seats(i);
                let users = sub.users(i);
                let mut row = partner_cells(sub.partner_location, false);
                row.extend(customer_cells(c, d));
                row.extend([
                    ("SubscriptionId", s(&sub.id)),
                    ("SubscriptionStartDate", start.clone()),
                    ("SubscriptionEndDate", end.clone()),
                    ("SubscriptionStatus", s("Active")),
                    ("Month", V::M(book.month(i))),
                    ("SKU", s(sku.name)),
                    ("PartnerAttachType", attribution(sub.attribution, q)),
                ]);
                if ems {
                    let unit = |k: usize, v: i64| if services[k] { V::N(v) } else { V::Empty };
                    row.extend([
                        ("PaidAvailableUnits", V::N(sold)),
                        (
                            "MonthlyActiveUsers",
                            V::N(users.iter().copied().max().unwrap_or(0)),
                        ),
                        ("AADPPaidAvailableUnits", unit(0, sold)),
                        ("IntunePaidAvailableUnits", unit(1, sold)),
                        ("AzipPaidAvailableUnits", unit(2, sold)),
                        ("AADPMonthlyActiveUsers", unit(0, users[0])),
                        ("IntuneMonthlyActiveUsers", unit(1, users[1])),
                        ("AzipMonthlyActiveUsers", unit(2, users[2])),
                    ]);
                } else {
                    let pct = if sold > 0 {
                        V::Cents(users[0] * 10_000 / sold)
                    } else {
                        V::Empty
                    };
                    row.extend([
                        ("AvailableSeats", V::N(sold)),
                        ("AssignedSeats", V::N(assigned)),
                        ("ActiveSeats", V::N(users[0])),
                        ("ActiveUsagePercent", pct),
                    ]);
                }
                rows.push(row);
            }
        }
    }
    rows
}

/// Hundredths of a usage unit consumed for `acr` cents (a fixed synthetic unit price per
/// meter).
fn quantity(acr: i64, meter: usize) -> i64 {
    const CENTS_PER_UNIT: [i64; 5] = [12, 2, 9, 15, 8];
    acr * 100 / CENTS_PER_UNIT[meter.min(CENTS_PER_UNIT.len() - 1)]
}

/// One row per Azure plan and month in which it is active and consumed (UsageQuantity and
/// MonthlySubscriptionLevelACR > 0); a row with 0 for about half the months it consumed
/// nothing; `IsACRDuplicateAtPGALevel = 1` copies of a few consumed rows.
fn azure_usage(book: &Book, d: Delivery) -> Vec<Row> {
    let months = book.months();
    let mut rows = Vec::new();
    for (ci, c) in book.customers.iter().enumerate() {
        let q = &mut quirks(book, ci ^ 0x2000_0000);
        for sub in c
            .subscriptions
            .iter()
            .filter(|s| s.sku == catalog::AZURE_PLAN)
        {
            let (start, end) = sub_dates(book, sub);
            let (first, stop) = (sub.first(), sub.stop(months));
            let first_use = (first..stop)
                .find(|&i| sub.acr(i) > 0)
                .map_or(V::Empty, |i| date(book.month(i), sub.start_day));
            let (meter, units) = catalog::AZURE_METERS[sub.meter.min(4)];
            for i in first..stop {
                let acr = sub.acr(i);
                if acr == 0 && q.chance(500_000) {
                    continue;
                }
                let mut row = |dup: bool, q: &mut SplitMix64| {
                    let mut row = partner_cells(sub.partner_location, dup);
                    row.extend(customer_cells(c, d));
                    row.extend([
                        ("SubscriptionId", s(&sub.id)),
                        ("SubscriptionStartDate", start.clone()),
                        ("SubscriptionEndDate", end.clone()),
                        ("FirstUseDate", first_use.clone()),
                        ("SubscriptionState", s("Active")),
                        ("Month", V::M(book.month(i))),
                        ("ServiceName", s(meter)),
                        ("MeterCategory", s(meter)),
                        ("UsageUnits", s(units)),
                        ("UsageQuantity", V::Cents(quantity(acr, sub.meter))),
                        ("PartnerAttributionType", attribution(sub.attribution, q)),
                        ("SalesChannel", s(sub.sales_channel)),
                        ("IsACRDuplicateAtPGALevel", V::N(i64::from(dup))),
                        ("MonthlySubscriptionLevelACR", V::Cents(acr)),
                        ("TotalACR", V::Cents(acr)),
                    ]);
                    rows.push(row);
                };
                row(false, q);
                if acr > 0 && q.chance(60_000) {
                    row(true, q);
                }
            }
        }
    }
    rows
}

fn tables(book: &Book, d: Delivery) -> Vec<Table> {
    use crate::family::{DYNAMICS, EMS, POWER_BI};
    let (ct, seats_cols, office, ems, dynamics, power_bi) = match d {
        Delivery::Programmatic => (
            CT_PROGRAMMATIC,
            SEATS_PROGRAMMATIC,
            OFFICE_PROGRAMMATIC,
            EMS_PROGRAMMATIC,
            DYNAMICS_PROGRAMMATIC,
            POWER_BI_PROGRAMMATIC,
        ),
        Delivery::Download => (
            CT_DOWNLOAD,
            SEATS_DOWNLOAD,
            OFFICE_DOWNLOAD,
            EMS_DOWNLOAD,
            DYNAMICS_DOWNLOAD,
            POWER_BI_DOWNLOAD,
        ),
    };
    let t = |name, columns, rows, bom| Table {
        name,
        columns,
        rows,
        bom,
    };
    vec![
        t(DATASETS[0], ct, customers_and_tenants(book, d), true),
        t(DATASETS[1], seats_cols, seats(book, d), false),
        t(DATASETS[2], office, office_usage(book, d), false),
        t(
            DATASETS[3],
            ems,
            subscription_usage(book, d, EMS, 0x1000_0000),
            false,
        ),
        t(
            DATASETS[4],
            dynamics,
            subscription_usage(book, d, DYNAMICS, 0x0800_0000),
            false,
        ),
        t(
            DATASETS[5],
            power_bi,
            subscription_usage(book, d, POWER_BI, 0x0400_0000),
            false,
        ),
        t(DATASETS[6], AZURE, azure_usage(book, d), false),
    ]
}

// ---- rendering -------------------------------------------------------------------------------

/// For each header column, the index of its cell in the dataset's rows (names compared
/// case-insensitively: `MPNID` is the cell `MpnId`), `None` for a column with no value.
fn projection(t: &Table) -> Vec<Option<usize>> {
    let names: Vec<&str> = t
        .rows
        .first()
        .map_or(Vec::new(), |r| r.iter().map(|c| c.0).collect());
    t.columns
        .iter()
        .map(|col| names.iter().position(|n| n.eq_ignore_ascii_case(col)))
        .collect()
}

fn cell<'a>(row: &'a Row, col: &str, at: Option<usize>) -> Option<&'a V> {
    let at = at?;
    match row.get(at) {
        Some((n, v)) if n.eq_ignore_ascii_case(col) => Some(v),
        _ => row
            .iter()
            .find(|c| c.0.eq_ignore_ascii_case(col))
            .map(|c| &c.1),
    }
}

fn cents(n: i64) -> String {
    let sign = if n < 0 { "-" } else { "" };
    format!("{sign}{}.{:02}", (n / 100).abs(), (n % 100).abs())
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

/// The query preview (`testQueryResult`) envelope of a dataset.
fn table_json(t: &Table, seed: u64) -> Vec<u8> {
    let q = &mut SplitMix64::stream(seed ^ 0x4A53_4F4E, t.rows.len() as u64);
    let at = projection(t);
    let mut out = String::with_capacity(t.rows.len() * 600 + 200);
    out.push_str("{\"value\":[");
    for (r, row) in t.rows.iter().enumerate() {
        if r > 0 {
            out.push(',');
        }
        // about one row in twelve gives its numbers as strings
        let strings = q.chance(80_000);
        let full_month = q.chance(300_000);
        out.push('{');
        for (k, (col, at)) in t.columns.iter().zip(&at).enumerate() {
            if k > 0 {
                out.push(',');
            }
            json_str(&mut out, col);
            out.push(':');
            match cell(row, col, *at).unwrap_or(&V::Empty) {
                V::S(x) => json_str(&mut out, x),
                V::N(n) if strings => json_str(&mut out, &n.to_string()),
                V::N(n) => out.push_str(&n.to_string()),
                V::Cents(n) if strings => json_str(&mut out, &cents(*n)),
                V::Cents(n) => out.push_str(&cents(*n)),
                V::M(m) => {
                    let t = if full_month { "T00:00:00" } else { "" };
                    json_str(&mut out, &format!("{m}-01{t}"));
                }
                V::D(d) => json_str(&mut out, &format!("{}T00:00:00", iso_date(*d))),
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

/// Appends one RFC 4180 field for separator `sep`.
pub(crate) fn csv_field(out: &mut String, x: &str, sep: char) {
    if x.contains([sep, '"', '\n', '\r']) || x.starts_with(' ') || x.ends_with(' ') {
        out.push('"');
        out.push_str(&x.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(x);
    }
}

/// A date as the delivery writes it: ISO, or `3/1/2026 12:00:00 AM` in the download reports.
fn render_date(d: NaiveDate, delivery: Delivery) -> String {
    match delivery {
        Delivery::Programmatic => iso_date(d),
        Delivery::Download => format!("{}/{}/{} 12:00:00 AM", d.month(), d.day(), d.year()),
    }
}

fn table_text(t: &Table, sep: char, delivery: Delivery) -> Vec<u8> {
    let at = projection(t);
    let mut out = String::with_capacity(t.rows.len() * 300 + 400);
    if t.bom {
        out.push('\u{feff}');
    }
    for (k, col) in t.columns.iter().enumerate() {
        if k > 0 {
            out.push(sep);
        }
        csv_field(&mut out, col, sep);
    }
    out.push_str("\r\n");
    for row in &t.rows {
        for (k, (col, at)) in t.columns.iter().zip(&at).enumerate() {
            if k > 0 {
                out.push(sep);
            }
            match cell(row, col, *at).unwrap_or(&V::Empty) {
                V::S(x) => csv_field(&mut out, x, sep),
                V::N(n) => out.push_str(&n.to_string()),
                V::Cents(n) => out.push_str(&cents(*n)),
                V::M(m) => {
                    if let Some(d) = m.first_day() {
                        out.push_str(&render_date(d, delivery));
                    }
                }
                V::D(d) => out.push_str(&render_date(*d, delivery)),
                V::Empty => {}
            }
        }
        out.push_str("\r\n");
    }
    out.into_bytes()
}

/// The query preview JSON of every dataset: `<Dataset>.json`.
pub fn write_json(book: &Book) -> Vec<File> {
    tables(book, Delivery::Programmatic)
        .iter()
        .map(|t| (format!("{}.json", t.name), table_json(t, book.params.seed)))
        .collect()
}

/// The report API's CSV (`sep` `,`, `<Dataset>.csv`) or TSV (`sep` tab, `<Dataset>.tsv`).
pub fn write_text(book: &Book, sep: char) -> Vec<File> {
    let ext = if sep == '\t' { "tsv" } else { "csv" };
    tables(book, Delivery::Programmatic)
        .iter()
        .map(|t| {
            (
                format!("{}.{ext}", t.name),
                table_text(t, sep, Delivery::Programmatic),
            )
        })
        .collect()
}

/// The portal's download reports: `<Dataset>.csv`.
pub fn write_download(book: &Book) -> Vec<File> {
    tables(book, Delivery::Download)
        .iter()
        .map(|t| {
            (
                format!("{}.csv", t.name),
                table_text(t, ',', Delivery::Download),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quoting() {
        let mut o = String::new();
        csv_field(&mut o, "O'Brien, \"The\" Bakers", ',');
        assert_eq!(o, "\"O'Brien, \"\"The\"\" Bakers\"");
        let mut o = String::new();
        csv_field(&mut o, "a, b", '\t');
        assert_eq!(o, "a, b");
        let mut o = String::new();
        csv_field(&mut o, "plain", ',');
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
    fn amounts_and_dates() {
        assert_eq!(cents(123_456), "1234.56");
        assert_eq!(cents(5), "0.05");
        assert_eq!(cents(-150), "-1.50");
        let d = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        assert_eq!(render_date(d, Delivery::Programmatic), "2026-03-01");
        assert_eq!(render_date(d, Delivery::Download), "3/1/2026 12:00:00 AM");
    }

    #[test]
    fn country_names() {
        assert_eq!(
            format!("{:?}", country_name(Some("KR"), Delivery::Download)),
            "S(\"Korea, Republic of\")"
        );
        assert_eq!(
            format!("{:?}", country_name(Some("US"), Delivery::Programmatic)),
            "S(\"United States\")"
        );
    }

    /// Every header is the published list (no column twice), and every value the book has
    /// lands in a column: no cell name is left out of a header that has the column.
    #[test]
    fn headers_are_published_lists() {
        let p = super::super::Params {
            customers: 60,
            months: 12,
            ..super::super::Params::default()
        };
        let book = super::super::build(&p).unwrap();
        for d in [Delivery::Programmatic, Delivery::Download] {
            for t in tables(&book, d) {
                let set: BTreeSet<String> =
                    t.columns.iter().map(|c| c.to_ascii_lowercase()).collect();
                assert_eq!(set.len(), t.columns.len(), "{}", t.name);
                assert!(!t.rows.is_empty(), "{} {d:?}", t.name);
                // the columns the loader reads are all filled
                let at = projection(&t);
                for key in ["CustomerTenantId", "Month", "PartnerLocation"] {
                    if let Some(k) = t.columns.iter().position(|c| c.eq_ignore_ascii_case(key)) {
                        assert!(at[k].is_some(), "{} {key}", t.name);
                    }
                }
            }
        }
        // download Seats: the difference columns, no programmatic seat totals
        assert!(SEATS_DOWNLOAD.contains(&"AvailableSeatsEOP"));
        for c in ["ProductFamily", "TotalSoldSeats", "TotalAssignedSeats"] {
            assert!(!SEATS_DOWNLOAD.contains(&c));
            assert!(!CT_DOWNLOAD.contains(&c));
        }
    }
}
