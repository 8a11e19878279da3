//! A deterministic synthetic partner book, written in every format the dashboard reads.
//!
//! [`build`] simulates a book of customers over a window of months from a seed: acquisitions
//! spread over time (about a third already customers when the window opens), monthly churn of
//! 1-2 %, some churned customers coming back months later, subscriptions starting and stopping,
//! add-on products, upgrades, seats that drift, deployment (assigned / sold), Office workload
//! usage (active / entitled), Dynamics 365, Power BI and EMS service usage (active users per
//! subscription, per service for EMS), and Azure plan consumption (most months, now and then
//! none), with the occasional ratio above 100 % that real data shows. Partner locations are the
//! partner's MPN locations, published as places (`United States`); attribution types are
//! formats.md's published ones.
//! The writers then render the same book as:
//!
//! - [`Format::Bundle`]: the project's bundle (`bundle.json`),
//! - [`Format::InsightsCsv`], [`Format::InsightsTsv`], [`Format::InsightsJson`]: the Insights
//!   report API's CSV and TSV files and its query preview envelope (`{"value": [...],
//!   "nextLink": null, "totalCount": N, ...}`), one file per dataset of [`DATASETS`]
//!   (CustomersAndTenants, SeatsSubscriptionsAndRevenue, OfficeUsage, EMSUsage, DynamicsUsage,
//!   PowerBIUsage, AzureUsage), each headed by the system query's published column list
//!   (formats.md), dates ISO,
//! - [`Format::InsightsDownload`]: the Insights portal's download reports of the same datasets,
//!   headed by the published data definitions, dates `3/1/2026 12:00:00 AM`, `O365` products,
//!   and seats only as `AvailableSeatsEOP` and the month-over-month `AvailableSeats` (so no
//!   deployment figures from the Seats report),
//! - [`Format::Rest`]: Partner Center REST responses (customers, subscriptions, commercial
//!   licence deployment and usage),
//! - [`Format::Billing`]: the billing reconciliation files (an invoice reconciliation per
//!   month, the daily rated usage) and the customer list, as `billing.rs` describes,
//!
//! and [`resave_european`] turns any comma CSV into what a European spreadsheet saves.
//!
//! The bundle and the Insights renderings give the same [`crate::report()`] by construction
//! (the loader reading formats.md's contract):
//! - a bundle subscription is a month interval; the Seats dataset has one `Active` row per month
//!   of that interval (plus one `Churned` row, with 0 seats, in the month it ends);
//!   CustomersAndTenants rows mirror the subscriptions' active months per customer, SKU, partner
//!   location, attribution and channel (plus `Inactive` rows after a stop, and
//!   `IsDuplicateRowForPGA` copies the loader must skip);
//! - the bundle's deployment series (per customer, family and SKU) are exactly the Seats rows'
//!   TotalSoldSeats / TotalAssignedSeats;
//! - its workload series without a product are OfficeUsage; its series with a product and a SKU
//!   and workload `Entra ID P1/P2`, `Intune` or `Information Protection` are EMSUsage's
//!   per-service units (entitled) and active users; those with workload `Dynamics 365` /
//!   `Power BI` are DynamicsUsage / PowerBIUsage (sold = entitled = AvailableSeats, assigned =
//!   AssignedSeats, active = ActiveSeats);
//! - its `consumption` holds, per customer, the months of the AzureUsage rows with UsageQuantity
//!   and MonthlySubscriptionLevelACR above 0 (the `IsACRDuplicateAtPGALevel` copies aside).
//!
//! The CSV, TSV, JSON and European re-saved renderings therefore report alike, and alike the
//! bundle. The download reports report like the bundle without its Seats deployment series.
//! The REST rendering is the same book seen through the REST API (real start dates, statuses
//! instead of months, licence figures for the last month only, no service usage or
//! consumption), so its report is close but not identical.
//!
//! The same parameters give the same bytes on every platform: see [`rng`] for the generator and
//! why no floating point is used.
//!
//! # Examples
//! ```
//! use metrics::generate::{generate, Format, Params, DATASETS};
//! let p = Params { customers: 20, months: 6, ..Params::default() };
//! let files = generate(&p, Format::InsightsJson)?;
//! assert_eq!(files.len(), DATASETS.len());
//! assert_eq!(files, generate(&p, Format::InsightsJson)?);
//! # Ok::<(), metrics::generate::ParamError>(())
//! ```

mod billing;
pub mod book;
pub mod catalog;
mod insights;
mod resave;
mod rest;
pub mod rng;

pub use book::{Book, Customer, Subscription, WorkloadUsage};
pub use insights::DATASETS;
pub use resave::resave_european;

use crate::bundle::{
    Bundle, BundleConsumption, BundleCustomer, BundleSubscription, BundleUsage, FORMAT, VERSION,
};
use crate::date::Month;
use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;

/// A generated file: its name and its bytes.
pub type File = (String, Vec<u8>);

/// What to generate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Params {
    /// Customers in the book (every one of them is a customer at some time in the window).
    pub customers: u32,
    /// Months in the window, ending with `end`.
    pub months: u32,
    pub seed: u64,
    /// The last month of the window; the data is as of its last day.
    pub end: Month,
    /// Workload and service usage (OfficeUsage, EMSUsage, DynamicsUsage, PowerBIUsage, the
    /// bundle's workload series) covers the last this many months; deployment (seats sold /
    /// assigned) and Azure consumption cover the whole window.
    pub usage_months: u32,
}

impl Default for Params {
    /// 2,000 customers, 36 months to 2026-10, seed 42, 13 months of usage (so the default
    /// 12-month range has usage in its baseline month too): the committed sample.
    fn default() -> Self {
        Params {
            customers: 2000,
            months: 36,
            seed: 42,
            end: Month::new(2026, 10),
            usage_months: 13,
        }
    }
}

/// Largest accepted values, so that a typo cannot ask for terabytes.
pub const MAX_CUSTOMERS: u32 = 1_000_000;
pub const MAX_MONTHS: u32 = 600;

/// Parameters out of range.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ParamError {
    #[error("months: must be between 1 and {MAX_MONTHS}, got {0}")]
    Months(u32),
    #[error("customers: must be at most {MAX_CUSTOMERS}, got {0}")]
    Customers(u32),
    #[error("end: month {0} out of range (years 1900-8999)")]
    End(Month),
}

impl Params {
    /// Checks the ranges.
    ///
    /// # Errors
    /// [`ParamError`] naming the parameter out of range.
    pub fn check(&self) -> Result<(), ParamError> {
        if self.months == 0 || self.months > MAX_MONTHS {
            return Err(ParamError::Months(self.months));
        }
        if self.customers > MAX_CUSTOMERS {
            return Err(ParamError::Customers(self.customers));
        }
        let first = Month(self.end.0 - self.months as i32 - 40);
        if first.year() < 1900 || self.end.year() > 8999 {
            return Err(ParamError::End(self.end));
        }
        Ok(())
    }
}

/// An output format of the generator.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// The project's bundle, `bundle.json`.
    Bundle,
    /// The Insights report API's query preview envelope, `<Dataset>.json`.
    InsightsJson,
    /// The Insights report API's CSV file, `<Dataset>.csv`.
    InsightsCsv,
    /// The Insights report API's TSV file, `<Dataset>.tsv`.
    InsightsTsv,
    /// The Insights portal's download reports, `<Dataset>.csv`.
    InsightsDownload,
    /// Partner Center REST responses.
    Rest,
    /// The billing reconciliation files (one invoice reconciliation per month, the daily rated
    /// usage) and the customer list.
    Billing,
}

impl Format {
    pub const ALL: [Format; 7] = [
        Format::Bundle,
        Format::InsightsJson,
        Format::InsightsCsv,
        Format::InsightsTsv,
        Format::InsightsDownload,
        Format::Rest,
        Format::Billing,
    ];

    /// `bundle`, `insights-json`, `insights-csv`, `insights-tsv`, `insights-download`, `rest`
    /// or `billing`.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Bundle => "bundle",
            Format::InsightsJson => "insights-json",
            Format::InsightsCsv => "insights-csv",
            Format::InsightsTsv => "insights-tsv",
            Format::InsightsDownload => "insights-download",
            Format::Rest => "rest",
            Format::Billing => "billing",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A format name that is not one of [`Format::ALL`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown format `{0}`: expected one of bundle, insights-json, insights-csv, insights-tsv, \
     insights-download, rest, billing"
)]
pub struct UnknownFormat(pub String);

impl FromStr for Format {
    type Err = UnknownFormat;
    fn from_str(s: &str) -> Result<Format, UnknownFormat> {
        Format::ALL
            .into_iter()
            .find(|f| f.as_str().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| UnknownFormat(s.to_string()))
    }
}

/// Simulates the book of `p`.
///
/// # Errors
/// [`ParamError`] when a parameter is out of range.
pub fn build(p: &Params) -> Result<Book, ParamError> {
    p.check()?;
    Ok(book::build(p))
}

/// Builds the book of `p` and writes it in `format`.
///
/// # Errors
/// [`ParamError`] when a parameter is out of range.
pub fn generate(p: &Params, format: Format) -> Result<Vec<File>, ParamError> {
    Ok(write(&build(p)?, format))
}

/// Writes a book in `format`.
pub fn write(book: &Book, format: Format) -> Vec<File> {
    match format {
        Format::Bundle => write_bundle(book),
        Format::InsightsJson => insights::write_json(book),
        Format::InsightsCsv => insights::write_text(book, ','),
        Format::InsightsTsv => insights::write_text(book, '\t'),
        Format::InsightsDownload => insights::write_download(book),
        Format::Rest => rest::write(book),
        Format::Billing => billing::write(book),
    }
}

/// `bundle.json`: [`bundle`] as compact JSON.
pub fn write_bundle(book: &Book) -> Vec<File> {
    vec![("bundle.json".to_string(), to_json(&bundle(book)))]
}

/// The query preview JSON of every dataset of [`DATASETS`]: `<Dataset>.json`.
pub fn write_insights_json(book: &Book) -> Vec<File> {
    insights::write_json(book)
}

/// The report API's CSV file of every dataset of [`DATASETS`]: `<Dataset>.csv`.
pub fn write_insights_csv(book: &Book) -> Vec<File> {
    insights::write_text(book, ',')
}

/// The report API's TSV file of every dataset of [`DATASETS`]: `<Dataset>.tsv`.
pub fn write_insights_tsv(book: &Book) -> Vec<File> {
    insights::write_text(book, '\t')
}

/// The portal's download report of every dataset of [`DATASETS`]: `<Dataset>.csv`.
pub fn write_insights_download(book: &Book) -> Vec<File> {
    insights::write_download(book)
}

/// `customers.json`, `subscriptions.json`, `license_deployment.json`, `license_usage.json`.
pub fn write_rest(book: &Book) -> Vec<File> {
    rest::write(book)
}

/// `invoice_reconciliation_YYYY_MM.csv` per month, `daily_rated_usage.csv`, `Customers.csv`.
pub fn write_billing(book: &Book) -> Vec<File> {
    billing::write(book)
}

/// Compact JSON of a value that cannot fail to serialize (string keys, no maps with other keys).
pub(crate) fn to_json<T: serde::Serialize>(v: &T) -> Vec<u8> {
    let mut out = Vec::new();
    if serde_json::to_writer(&mut out, v).is_err() {
        out.clear();
    }
    out
}

/// Counts per window month.
type Cells = BTreeMap<i32, (i64, i64)>;

/// Splits `(month, values)` pairs into runs of consecutive months.
fn runs<T: Copy>(cells: &BTreeMap<i32, T>) -> Vec<(i32, Vec<T>)> {
    let mut out: Vec<(i32, Vec<T>)> = Vec::new();
    for (&m, &v) in cells {
        match out.last_mut() {
            Some((from, vals)) if *from + vals.len() as i32 == m => vals.push(v),
            _ => out.push((m, vec![v])),
        }
    }
    out
}

/// The book as a bundle: the window's subscriptions as month intervals, deployment series per
/// customer, product and SKU (the sums of the Seats rows), Office workload series per customer
/// and workload, EMS / Dynamics 365 / Power BI series per customer, product, SKU and workload
/// (the sums of those datasets' rows), and the months each customer consumed Azure. Series never
/// contain `null`: a gap starts a new series.
pub fn bundle(book: &Book) -> Bundle {
    let months = book.months();
    let month = |i: i32| book.month(i).to_string();
    let mut customers = Vec::new();
    let mut subscriptions = Vec::new();
    let mut usage = Vec::new();
    let mut consumption = Vec::new();
    for c in &book.customers {
        customers.push(BundleCustomer {
            id: c.id.clone(),
            name: Some(c.name.clone()),
            country: c.country.map(str::to_string),
            market: c.market.map(str::to_string),
            segment: Some(c.segment.to_string()),
        });
        let mut deployment: BTreeMap<(&str, &str), Cells> = BTreeMap::new();
        for s in &c.subscriptions {
            let (first, stop) = (s.first(), s.stop(months));
            if stop <= first {
                continue;
            }
            let sku = s.sku();
            subscriptions.push(BundleSubscription {
                customer_id: c.id.clone(),
                id: Some(s.id.clone()),
                product: sku.family.to_string(),
                sku: Some(sku.name.to_string()),
                partner_location: s.partner_location.map(str::to_string),
                attribution: Some(s.attribution.to_string()),
                sales_channel: Some(s.sales_channel.to_string()),
                start: month(first),
                end: s.end.map(month),
                end_unknown: false,
                commitment_end: None,
            });
            let cells = deployment.entry((sku.family, sku.name)).or_default();
            for i in first..stop {
                let (sold, assigned) = s.seats(i);
                let cell = cells.entry(i).or_default();
                cell.0 += sold;
                cell.1 += assigned;
            }
            // the Seats dataset's `Churned` row: 0 seats in the month it ends
            if let Some(e) = s.end.filter(|&e| e < months) {
                cells.entry(e).or_default();
            }
        }
        for ((family, sku), cells) in &deployment {
            for (from, vals) in runs(cells) {
                usage.push(BundleUsage {
                    customer_id: c.id.clone(),
                    product: Some(family.to_string()),
                    sku: Some(sku.to_string()),
                    workload: None,
                    from: month(from),
                    sold: vals.iter().map(|v| Some(v.0)).collect(),
                    assigned: vals.iter().map(|v| Some(v.1)).collect(),
                    active: Vec::new(),
                    entitled: Vec::new(),
                });
            }
        }
        // workload series under the names the engine uses (OneDrive counts with SharePoint),
        // summed as the report sums them
        let u0 = book.usage_start();
        let mut workloads: BTreeMap<(usize, &str), Cells> = BTreeMap::new();
        for w in &c.usage {
            let name = crate::family::workload(w.workload);
            let order = catalog::WORKLOADS
                .iter()
                .position(|x| x.0 == name)
                .map_or(usize::MAX, |p| p);
            let cells = workloads.entry((order, name)).or_default();
            for (k, v) in w.months.iter().enumerate() {
                if let Some((a, e)) = v {
                    let cell = cells.entry(u0 + k as i32).or_default();
                    cell.0 += a;
                    cell.1 += e;
                }
            }
        }
        // EMS (per service), Dynamics 365 and Power BI usage of each subscription, keyed by
        // family, SKU and workload: what EMSUsage, DynamicsUsage and PowerBIUsage give
        let mut services: BTreeMap<(&str, &str, &str), BTreeMap<i32, [i64; 4]>> = BTreeMap::new();
        let mut consumed = std::collections::BTreeSet::new();
        for s in &c.subscriptions {
            let sku = s.sku();
            let ems = catalog::ems_services(s.sku);
            let seats_usage =
                sku.family == crate::family::DYNAMICS || sku.family == crate::family::POWER_BI;
            for i in s.first().max(u0)..s.stop(months) {
                let (sold, assigned) = s.seats(i);
                let users = s.users(i);
                if seats_usage {
                    let cell = services
                        .entry((sku.family, sku.name, sku.family))
                        .or_default()
                        .entry(i)
                        .or_default();
                    // sold = entitled = AvailableSeats, assigned, active = ActiveSeats
                    cell[0] += sold;
                    cell[1] += assigned;
                    cell[2] += users[0];
                    cell[3] += sold;
                }
                for (k, service) in catalog::EMS_SERVICES.iter().enumerate() {
                    if ems[k] {
                        let cell = services
                            .entry((sku.family, sku.name, service))
                            .or_default()
                            .entry(i)
                            .or_default();
                        cell[2] += users[k];
                        cell[3] += sold;
                    }
                }
            }
            for i in s.first()..s.stop(months) {
                if s.acr(i) > 0 {
                    consumed.insert(i);
                }
            }
        }
        for ((family, sku, workload), cells) in &services {
            let deployment = *family != crate::family::EMS;
            for (from, vals) in runs(cells) {
                let series = |k: usize| vals.iter().map(|v| Some(v[k])).collect();
                usage.push(BundleUsage {
                    customer_id: c.id.clone(),
                    product: Some(family.to_string()),
                    sku: Some(sku.to_string()),
                    workload: Some(workload.to_string()),
                    from: month(from),
                    sold: if deployment { series(0) } else { Vec::new() },
                    assigned: if deployment { series(1) } else { Vec::new() },
                    active: series(2),
                    entitled: series(3),
                });
            }
        }
        if !consumed.is_empty() {
            consumption.push(BundleConsumption {
                customer_id: c.id.clone(),
                product: crate::family::AZURE.to_string(),
                months: consumed.iter().map(|&i| month(i)).collect(),
            });
        }
        for ((_, workload), cells) in &workloads {
            for (from, vals) in runs(cells) {
                usage.push(BundleUsage {
                    customer_id: c.id.clone(),
                    product: None,
                    sku: None,
                    workload: Some(workload.to_string()),
                    from: month(from),
                    sold: Vec::new(),
                    assigned: Vec::new(),
                    active: vals.iter().map(|v| Some(v.0)).collect(),
                    entitled: vals.iter().map(|v| Some(v.1)).collect(),
                });
            }
        }
    }
    Bundle {
        format: FORMAT.to_string(),
        version: VERSION,
        as_of: book.month(months - 1).last_day(),
        customers,
        subscriptions,
        usage,
        consumption,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_parse() {
        for f in Format::ALL {
            assert_eq!(f.as_str().parse::<Format>(), Ok(f));
        }
        assert!("xml".parse::<Format>().is_err());
    }

    #[test]
    fn params_are_checked() {
        let p = Params {
            months: 0,
            ..Params::default()
        };
        assert_eq!(build(&p).err(), Some(ParamError::Months(0)));
    }

    #[test]
    fn runs_split_on_gaps() {
        let m: BTreeMap<i32, u8> = [(1, 1), (2, 2), (4, 4)].into_iter().collect();
        assert_eq!(runs(&m), vec![(1, vec![1, 2]), (4, vec![4])]);
    }
}
