//! Loading: detect each file's format by content, parse it from bytes, validate rows and feed
//! the facts to a [`DatasetBuilder`] (formats.md; metrics.md "Facts").
//!
//! - Detection never looks at the file name. After an optional UTF-8 byte-order mark and
//!   whitespace, `{` or `[` means JSON, anything else is tried as CSV (comma or `;`, sniffed from
//!   the header line). A JSON document is an Insights envelope (`value`), a commercial analytics
//!   envelope (`Value`/`@nextLink`), a REST collection (`items`), a bare array of rows, a single
//!   resource, or the project's bundle. The dataset or resource is then recognised from the keys
//!   (columns) of the first row, or from `attributes.objectType` ([`FileReport::format`]).
//! - JSON rows are streamed from the bytes (no value tree); CSV records are read with the `csv`
//!   crate. Keys match case-insensitively; each distinct key is resolved once per position.
//! - A row that cannot be used is skipped and reported as a [`Problem`]
//!   (`file:row: field: reason`); the rest of the file still loads. A file that is not JSON/CSV,
//!   is invalid JSON (even truncated at the very end), or matches no format, is refused whole:
//!   whatever it had fed is rolled back, and [`FileReport::refused`] says what was expected.
//! - Nothing panics, whatever the bytes.
//!
//! # Examples
//! ```
//! use metrics::load::{load, Input, Status};
//! let csv = "CustomerTenantId,CustomerName,CustomerStatus,Month\nt1,Contoso,Active,2024-03\n";
//! let loaded = load(&[Input { name: "c.csv", bytes: csv.as_bytes() }]);
//! let f = &loaded.files[0];
//! assert_eq!(f.status, Status::Loaded);
//! assert_eq!(f.format, "insights:customers_and_tenants");
//! assert_eq!((f.rows_read, f.rows_used), (1, 1));
//! assert_eq!(loaded.dataset.customers.len(), 1);
//! ```

mod archive;
mod billing;
mod bundle_file;
mod csv;
pub(crate) mod dates;
mod detect;
mod fields;
mod json;
mod map;
mod value;

pub use dates::{DateReading, DateRule, DayOrder};

use crate::model::{Dataset, DatasetBuilder};
use archive::Packed;
use detect::{detect, Format, EXPECTED};
use fields::{Present, F};
use map::Outcome;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use value::{FileCtx, InFile, RowView};

/// One input file.
#[derive(Clone, Copy, Debug)]
pub struct Input<'a> {
    pub name: &'a str,
    pub bytes: &'a [u8],
}

/// What became of a file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Its rows were loaded (some may have been skipped; see the problems).
    #[default]
    Loaded,
    /// Recognised as Partner Center data the dashboard does not use (not an error).
    NotUsed,
    /// Not JSON/CSV, or no known format: nothing was loaded from it.
    Refused,
}

impl Status {
    /// `loaded`, `not_used` or `refused`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Loaded => "loaded",
            Status::NotUsed => "not_used",
            Status::Refused => "refused",
        }
    }
}

/// A row that could not be used: `file:row: field: reason` (lowercase, no trailing period).
/// `row` is the 1-based data row (the CSV header is not counted; in JSON, the element of the row
/// array; in a bundle, the record counted across customers, subscriptions and usage).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{file}:{row}: {field}: {message}")]
pub struct Problem {
    pub file: String,
    pub row: u64,
    pub field: String,
    pub message: String,
}

/// Why a whole file was refused. The message names the file and says what was expected.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LoadError {
    #[error("{file}: empty file: expected {expected}", expected = EXPECTED)]
    Empty { file: String },
    #[error("{file}: not JSON or CSV text ({what}): expected {expected}", expected = EXPECTED)]
    NotText { file: String, what: &'static str },
    #[error("{file}: not valid JSON ({reason}): expected {expected}", expected = EXPECTED)]
    Json { file: String, reason: String },
    #[error("{file}: the JSON document is {found}, not rows: expected {expected}", expected = EXPECTED)]
    JsonShape { file: String, found: &'static str },
    #[error("{file}: not a CSV file ({reason}): expected {expected}", expected = EXPECTED)]
    Csv { file: String, reason: String },
    #[error("{file}: {what} matches no known format (found {keys}): expected {expected}", expected = EXPECTED)]
    NoFormat {
        file: String,
        what: &'static str,
        keys: String,
    },
    #[error("{file}: partner-insights-bundle: {reason}")]
    Bundle { file: String, reason: String },
    #[error("{file}: {reason}")]
    Archive { file: String, reason: String },
}

/// The most problems kept per file ([`FileReport::problem_count`] counts them all).
pub const MAX_PROBLEMS: usize = 50;

/// What was loaded from one file.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FileReport {
    pub name: String,
    /// The format, a stable machine string: `insights:customers_and_tenants`,
    /// `insights:seats_subscriptions_revenue`, `insights:office_usage`,
    /// `insights:dynamics_usage`, `rest:customer`, `rest:subscription`,
    /// `rest:subscription_analytics`, `rest:license_deployment`, `rest:license_usage`,
    /// `rest:customer_license_deployment`, `rest:customer_license_usage`,
    /// `rest:partner_license_totals`, `billing:invoice_reconciliation`,
    /// `billing:daily_rated_usage`, `partner_center:customer_list`, `bundle`,
    /// `not_used:<what>` (e.g. `not_used:invoice`, `not_used:legacy_license_reconciliation`,
    /// `not_used:empty` for a container with no rows), or `unknown` when refused.
    pub format: String,
    /// `csv` (comma), `csv;` (semicolon), `tsv` (tab), `json-envelope`, `analytics-envelope`,
    /// `rest-collection`, `json-array`, `single-resource`, `bundle`, or `unknown`.
    pub container: String,
    /// How an Insights dataset was delivered (`None` for other files).
    pub delivery: Option<Delivery>,
    /// How its slash or dotted dates were read, and why (`None`: it had none).
    pub dates: Option<DateReading>,
    /// What the file lacks or how a column was read, said once per file.
    pub notes: Vec<FileNote>,
    pub status: Status,
    /// The refusal message (names the file, says what was expected).
    pub refused: Option<String>,
    /// Data rows read (for a bundle: customers + subscriptions + usage series).
    pub rows_read: u64,
    /// Rows that fed the dataset.
    pub rows_used: u64,
    /// Rows skipped: with a problem, or on purpose (PGA duplicates); see `skipped`.
    pub rows_skipped: u64,
    /// Skipped rows per reason.
    pub skipped: BTreeMap<String, u64>,
    /// Rows whose customer was given by name only (matched by name within the load).
    pub matched_by_name: u64,
    /// The first [`MAX_PROBLEMS`] problems.
    pub problems: Vec<Problem>,
    pub problem_count: u64,
    /// Invoice reconciliation: distinct InvoiceNumber values.
    pub invoices: u64,
    /// Invoice reconciliation: charge (and credit) lines used.
    pub charge_lines: u64,
    /// Daily rated usage: lines with a Quantity above 0 (consumption).
    pub consumption_lines: u64,
    /// Billing files and the customer list: distinct customers its used rows name.
    pub customers_named: u64,
    /// A zip or gzip archive: the report of each file inside it, named `archive.zip/inner.csv`
    /// (its counts above are their sums). (No field of a report is skipped when empty: the
    /// page's engine worker sends reports in postcard, which is not self-describing.)
    pub entries: Vec<FileReport>,
}

/// How an Insights dataset reached the partner (formats.md section 1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Delivery {
    /// The Insights report API's file, CSV.
    ProgrammaticCsv,
    /// The Insights report API's file, TSV (or rows copied out of a spreadsheet).
    ProgrammaticTsv,
    /// The report API's query preview (`testQueryResult`) or a bare JSON array of rows.
    QueryPreview,
    /// A download report of the Insights portal: its own columns (`AvailableSeatsEOP`,
    /// `ResellerID`) or its dates (`3/1/2025 12:00:00 AM`).
    DownloadReport,
    /// Either of these re-saved by a spreadsheet in Europe: `;`-separated, decimal commas.
    SpreadsheetResave,
}

impl Delivery {
    pub fn as_str(self) -> &'static str {
        match self {
            Delivery::ProgrammaticCsv => "programmatic access, CSV",
            Delivery::ProgrammaticTsv => "programmatic access, TSV",
            Delivery::QueryPreview => "query preview, JSON",
            Delivery::DownloadReport => "download report",
            Delivery::SpreadsheetResave => "re-saved by a spreadsheet (`;`, decimal commas)",
        }
    }
}

/// What a file lacks, or how one of its columns was read: said once per file, so that an empty
/// chart is explained and nothing is guessed silently.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FileNote {
    /// A SeatsSubscriptionsAndRevenue download report: no `TotalSoldSeats` /
    /// `TotalAssignedSeats`; its `AvailableSeatsEOP` and month-over-month `AvailableSeats` are
    /// not seat totals, so the file gives no deployment figures.
    NoSeatTotals,
    /// No `PartnerLocation` column: the partner location is the location's MPN id (`MPNId`).
    PartnerLocationFromMpnId,
    /// No partner location column at all (`PartnerLocation`, `MPNId`).
    NoPartnerLocation,
    /// The customer list loaded with nothing that gives subscriptions: it names customers, and
    /// the dashboard counts customers by their subscriptions (formats.md section 4).
    CustomerListOnly,
}

impl FileNote {
    pub fn as_str(self) -> &'static str {
        match self {
            FileNote::NoSeatTotals => {
                "no TotalSoldSeats or TotalAssignedSeats (a download report): no deployment \
                 figures; AvailableSeatsEOP and AvailableSeats (a month-over-month difference) \
                 are not read as seats"
            }
            FileNote::PartnerLocationFromMpnId => {
                "no PartnerLocation column: partner locations are the MPNId values"
            }
            FileNote::NoPartnerLocation => {
                "no PartnerLocation or MPNId column: partner location Unknown"
            }
            FileNote::CustomerListOnly => {
                "the customer list names customers but carries no subscriptions: add the \
                 invoice reconciliation files (Billing > Invoices, reconciliation file) and the \
                 daily rated usage file, or Insights CustomersAndTenants or \
                 SeatsSubscriptionsAndRevenue exports"
            }
        }
    }
}

/// What the dashboard shows that no loaded file provides: said on the page and by
/// `insights validate`, so that a chart of `Unknown` only, or a blank figure, is explained.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lacking {
    Country,
    Market,
    Segment,
    PartnerLocation,
    Attribution,
    SalesChannel,
    /// No subscription id: the subscriptions tile is blank.
    Subscriptions,
    /// No usage fact with an active count and no consumption: active customers are blank.
    ActiveUsage,
    /// No seats sold or assigned: no deployment figures.
    Deployment,
    /// No active or entitled counts: no usage figures in licence adoption.
    Usage,
}

impl Lacking {
    pub fn as_str(self) -> &'static str {
        match self {
            Lacking::Country => "country",
            Lacking::Market => "market",
            Lacking::Segment => "segment",
            Lacking::PartnerLocation => "partner location",
            Lacking::Attribution => "attribution type",
            Lacking::SalesChannel => "sales channel",
            Lacking::Subscriptions => "subscription ids",
            Lacking::ActiveUsage => "usage or consumption (active customers)",
            Lacking::Deployment => "seats sold and assigned (deployment)",
            Lacking::Usage => "active and entitled licences (usage)",
        }
    }
}

/// What no file of a load provides (nothing when nothing was loaded).
///
/// # Examples
/// ```
/// use metrics::load::{lacking, load, Input, Lacking};
/// let csv = "CustomerTenantId,CustomerStatus,Month\nt1,Active,2024-03\n";
/// let l = load(&[Input { name: "c.csv", bytes: csv.as_bytes() }]);
/// assert!(lacking(&l.dataset).contains(&Lacking::PartnerLocation));
/// ```
pub fn lacking(ds: &Dataset) -> Vec<Lacking> {
    use crate::model::UNKNOWN;
    if ds.customers.is_empty() {
        return Vec::new();
    }
    let none = |col: &[u32]| col.iter().all(|v| *v == UNKNOWN);
    let (cs, a, u) = (&ds.customers, &ds.activity, &ds.usage);
    let mut out = Vec::new();
    for (l, col) in [
        (Lacking::Country, &cs.country),
        (Lacking::Market, &cs.market),
        (Lacking::Segment, &cs.segment),
    ] {
        if none(col) {
            out.push(l);
        }
    }
    if !a.is_empty() {
        for (l, col) in [
            (Lacking::PartnerLocation, &a.partner_location),
            (Lacking::Attribution, &a.attribution),
            (Lacking::SalesChannel, &a.sales_channel),
        ] {
            if none(col) {
                out.push(l);
            }
        }
    }
    if !ds.has_subscription_ids {
        out.push(Lacking::Subscriptions);
    }
    if !ds.has_active_counts {
        out.push(Lacking::ActiveUsage);
    }
    let any = |cols: [&Vec<Option<i64>>; 2]| cols.iter().any(|c| c.iter().any(Option::is_some));
    if !any([&u.sold, &u.assigned]) {
        out.push(Lacking::Deployment);
    }
    if !any([&u.active, &u.entitled]) {
        out.push(Lacking::Usage);
    }
    out
}

/// The dataset and a report per file.
#[derive(Clone, Debug, Default)]
pub struct Loaded {
    pub dataset: Dataset,
    pub files: Vec<FileReport>,
}

/// Reason of rows skipped with a problem.
const WITH_PROBLEM: &str = "row cannot be used (see problems)";

/// Row counts and problems of the file being loaded.
#[derive(Debug, Default)]
pub(crate) struct Counters {
    pub rows_read: u64,
    pub rows_used: u64,
    pub rows_skipped: u64,
    skipped: BTreeMap<&'static str, u64>,
    problems: Vec<Problem>,
    problem_count: u64,
    /// Invoices, charge and consumption lines, customers named (billing files, customer list).
    tally: billing::Tally,
}

impl Counters {
    /// Skips a row with a problem.
    pub(crate) fn problem(&mut self, file: &str, row: u64, field: &str, message: String) {
        self.skip(WITH_PROBLEM);
        self.note(file, row, field, message);
    }

    /// Records a problem (the caller counts the row).
    fn note(&mut self, file: &str, row: u64, field: &str, message: String) {
        self.problem_count += 1;
        if self.problems.len() < MAX_PROBLEMS {
            self.problems.push(Problem {
                file: file.to_string(),
                row,
                field: field.to_string(),
                message,
            });
        }
    }

    /// Skips a row on purpose.
    pub(crate) fn skip(&mut self, reason: &'static str) {
        self.rows_skipped += 1;
        *self.skipped.entry(reason).or_insert(0) += 1;
    }
}

/// Feeds rows of one file: detects the format on the first row that has one, then maps rows.
struct Loader<'b, 'f> {
    b: &'b mut DatasetBuilder,
    file: &'f str,
    format: Option<Format>,
    /// The fields of the row the format was detected on (the header, for delimited text).
    columns: Present,
    ctx: FileCtx,
    n: Counters,
    /// Rows seen before the format was known (first few kept for problems).
    undetected: u64,
    undetected_rows: Vec<u64>,
}

impl<'b, 'f> Loader<'b, 'f> {
    fn new(b: &'b mut DatasetBuilder, file: &'f str, ctx: FileCtx) -> Self {
        Loader {
            b,
            file,
            format: None,
            columns: Present::default(),
            ctx,
            n: Counters::default(),
            undetected: 0,
            undetected_rows: Vec::new(),
        }
    }

    fn row<R: RowView>(&mut self, r: &R, present: Present, row: u64) {
        self.n.rows_read += 1;
        if self.format.is_none() {
            let ot = value::text(r, F::ObjectType);
            match detect(present, ot.as_deref()) {
                Some(f) => {
                    self.format = Some(f);
                    self.columns = present;
                    // rows before the first recognisable one are skipped with a problem
                    for row in std::mem::take(&mut self.undetected_rows) {
                        self.n.problem(
                            self.file,
                            row,
                            "row",
                            "matches no known format".to_string(),
                        );
                    }
                    let rest = self.undetected.saturating_sub(MAX_PROBLEMS as u64);
                    for _ in 0..rest {
                        self.n.skip(WITH_PROBLEM);
                    }
                    self.n.problem_count += rest;
                }
                None => {
                    self.undetected += 1;
                    if self.undetected_rows.len() < MAX_PROBLEMS {
                        self.undetected_rows.push(row);
                    }
                    return;
                }
            }
        }
        let Some(fmt) = &self.format else { return };
        let r = InFile {
            row: r,
            ctx: &self.ctx,
        };
        match map::map_row(fmt, self.b, &r, row, &mut self.n.tally) {
            Ok(Outcome::Used) => self.n.rows_used += 1,
            Ok(Outcome::Skip(reason)) => self.n.skip(reason),
            Ok(Outcome::NotUsed) => {}
            Err(e) => self.n.problem(self.file, row, e.field.name(), e.message),
        }
    }
}

impl<'de> json::Sink<'de> for Loader<'_, '_> {
    fn row(&mut self, row: &json::RowBuf<'de>, n: u64) {
        Loader::row(self, row, row.present, n);
    }

    fn not_object(&mut self, n: u64, found: &'static str) {
        self.n.rows_read += 1;
        self.n.problem(
            self.file,
            n,
            "row",
            format!("expected an object, found {found}"),
        );
    }
}

/// Loads any number of files into one dataset.
///
/// Never panics; every file gets a [`FileReport`] (in input order).
pub fn load(inputs: &[Input<'_>]) -> Loaded {
    let mut session = Session::new();
    for i in inputs {
        session.add(*i);
    }
    session.finish()
}

/// [`load`] on several threads (natively; the page's engine runs on one): the files are split
/// into `threads` runs of consecutive files of about the same size, each run is loaded on its
/// own thread, and the runs are joined in order ([`DatasetBuilder::append`]), which gives the
/// dataset and reports [`load`] gives.
#[cfg(not(target_arch = "wasm32"))]
pub fn load_parallel(inputs: &[Input<'_>], threads: usize) -> Loaded {
    let total: usize = inputs.iter().map(|i| i.bytes.len()).sum();
    let threads = threads.clamp(1, inputs.len().max(1));
    // cut where the running total passes each k/threads of the bytes
    let mut runs: Vec<&[Input<'_>]> = Vec::with_capacity(threads);
    let (mut start, mut seen) = (0, 0usize);
    for (i, input) in inputs.iter().enumerate() {
        seen += input.bytes.len();
        let k = runs.len() + 1;
        if k < threads && seen * threads >= total * k && i + 1 < inputs.len() {
            runs.push(&inputs[start..=i]);
            start = i + 1;
        }
    }
    runs.push(&inputs[start..]);
    let load_run = |run: &[Input<'_>]| {
        let mut s = Session::new();
        for i in run {
            s.add(*i);
        }
        s
    };
    let mut sessions: Vec<Session> = std::thread::scope(|scope| {
        let rest: Vec<_> = runs
            .iter()
            .skip(1)
            .map(|run| scope.spawn(move || load_run(run)))
            .collect();
        let mut out = vec![load_run(runs.first().copied().unwrap_or(&[]))];
        // a thread that panicked (it cannot: the loader never panics) would lose its files: run
        // them again here rather than lose them
        for (h, run) in rest.into_iter().zip(runs.iter().skip(1)) {
            out.push(h.join().unwrap_or_else(|_| load_run(run)));
        }
        out
    });
    let mut first = sessions.remove(0);
    for s in sessions {
        first.b.append(s.b);
        first.files.extend(s.files);
    }
    first.finish()
}

/// A load fed one file at a time, so that a caller can drop each file's bytes as soon as they
/// are parsed ([`load`] of the same files in the same order gives the same result).
#[derive(Default)]
pub struct Session {
    b: DatasetBuilder,
    files: Vec<FileReport>,
}

impl Session {
    pub fn new() -> Self {
        Self::default()
    }

    /// Loads one more file; returns what became of it. A zip or gzip file is opened and each
    /// file inside is loaded as if on its own ([`FileReport::entries`]).
    pub fn add(&mut self, input: Input<'_>) -> &FileReport {
        let rep = match archive::sniff(input.bytes) {
            Packed::Plain => load_entry(&mut self.b, input.name, input.bytes),
            packed => load_archive(&mut self.b, input.name, input.bytes, packed, 0),
        };
        self.files.push(rep);
        // just pushed, so never the fallback
        self.files.last().unwrap_or(&EMPTY_REPORT)
    }

    /// The dataset of every file added, and their reports in the order they were added.
    pub fn finish(self) -> Loaded {
        let dataset = self.b.finish();
        let mut files = self.files;
        // a customer list with nothing that makes activity says which files to add
        if dataset.activity.is_empty() {
            fn note(f: &mut FileReport) {
                for e in &mut f.entries {
                    note(e);
                }
                if f.status == Status::Loaded
                    && f.format == Format::CustomerList.id()
                    && !f.notes.contains(&FileNote::CustomerListOnly)
                {
                    f.notes.push(FileNote::CustomerListOnly);
                }
            }
            files.iter_mut().for_each(note);
        }
        Loaded { dataset, files }
    }
}

/// Loads one file (not an archive) into its own [`FileReport`].
fn load_entry(b: &mut DatasetBuilder, name: &str, bytes: &[u8]) -> FileReport {
    let idx = b.begin_file(name) as usize;
    let mut rep = load_one(b, name, bytes);
    rep.matched_by_name = if rep.status == Status::Loaded {
        b.name_rows.get(idx).copied().unwrap_or(0)
    } else {
        0
    };
    rep
}

/// The most uncompressed bytes taken out of one archive (a zip bomb stops there): what one load
/// can hold, 2 GB in the page, more natively.
const ARCHIVE_LIMIT: u64 = if cfg!(target_pointer_width = "32") {
    2 << 30
} else {
    64 << 30
};

/// Loads the files of a zip or gzip archive, each as if loaded on its own and named
/// `archive.zip/inner.csv`; an archive inside it is opened too (one level deep).
fn load_archive(
    b: &mut DatasetBuilder,
    name: &str,
    bytes: &[u8],
    packed: Packed,
    depth: u32,
) -> FileReport {
    let mut entries = Vec::new();
    let expanded = archive::expand_each(name, bytes, ARCHIVE_LIMIT, &mut |inner, data| {
        entries.push(match data {
            Ok(data) => match archive::sniff(data) {
                Packed::Plain => load_entry(b, inner, data),
                nested if depth == 0 => load_archive(b, inner, data, nested, 1),
                _ => refused(
                    inner,
                    LoadError::Archive {
                        file: inner.into(),
                        reason: "an archive inside an archive inside an archive is not opened"
                            .into(),
                    },
                ),
            },
            Err(reason) => refused(
                inner,
                LoadError::Archive {
                    file: inner.into(),
                    reason,
                },
            ),
        });
    });
    if let Err(reason) = expanded {
        return refused(
            name,
            LoadError::Archive {
                file: name.into(),
                reason,
            },
        );
    }
    let (format, container) = match packed {
        Packed::Gzip => ("archive:gzip", "gzip"),
        _ => ("archive:zip", "zip"),
    };
    let any = |st: Status| entries.iter().any(|e| e.status == st);
    let status = if any(Status::Loaded) {
        Status::Loaded
    } else if any(Status::NotUsed) {
        Status::NotUsed
    } else {
        Status::Refused
    };
    let refused = (status == Status::Refused).then(|| {
        LoadError::Archive {
            file: name.into(),
            reason: if entries.is_empty() {
                "it holds no file".into()
            } else {
                "no file inside it could be read (see each file)".into()
            },
        }
        .to_string()
    });
    FileReport {
        name: name.to_string(),
        format: format.to_string(),
        container: container.to_string(),
        status,
        refused,
        rows_read: entries.iter().map(|e| e.rows_read).sum(),
        rows_used: entries.iter().map(|e| e.rows_used).sum(),
        rows_skipped: entries.iter().map(|e| e.rows_skipped).sum(),
        problem_count: entries.iter().map(|e| e.problem_count).sum(),
        invoices: entries.iter().map(|e| e.invoices).sum(),
        charge_lines: entries.iter().map(|e| e.charge_lines).sum(),
        consumption_lines: entries.iter().map(|e| e.consumption_lines).sum(),
        customers_named: entries.iter().map(|e| e.customers_named).sum(),
        entries,
        ..Default::default()
    }
}

static EMPTY_REPORT: FileReport = FileReport {
    name: String::new(),
    format: String::new(),
    container: String::new(),
    delivery: None,
    dates: None,
    notes: Vec::new(),
    status: Status::Loaded,
    refused: None,
    rows_read: 0,
    rows_used: 0,
    rows_skipped: 0,
    skipped: BTreeMap::new(),
    matched_by_name: 0,
    problems: Vec::new(),
    problem_count: 0,
    invoices: 0,
    charge_lines: 0,
    consumption_lines: 0,
    customers_named: 0,
    entries: Vec::new(),
};

const BOM: &[u8] = b"\xEF\xBB\xBF";

fn refused(name: &str, e: LoadError) -> FileReport {
    FileReport {
        name: name.to_string(),
        format: "unknown".to_string(),
        container: "unknown".to_string(),
        status: Status::Refused,
        refused: Some(e.to_string()),
        ..Default::default()
    }
}

fn report(name: &str, fmt: String, container: &str, status: Status, n: Counters) -> FileReport {
    FileReport {
        name: name.to_string(),
        format: fmt,
        container: container.to_string(),
        delivery: None,
        dates: None,
        notes: Vec::new(),
        status,
        refused: None,
        rows_read: n.rows_read,
        rows_used: n.rows_used,
        rows_skipped: n.rows_skipped,
        skipped: n
            .skipped
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
        matched_by_name: 0,
        problems: n.problems,
        problem_count: n.problem_count,
        invoices: n.tally.invoices(),
        charge_lines: n.tally.charge_lines,
        consumption_lines: n.tally.consumption_lines,
        customers_named: n.tally.customers_named(),
        entries: Vec::new(),
    }
}

fn status_of(f: &Format) -> Status {
    match f {
        Format::NotUsed(_) => Status::NotUsed,
        _ => Status::Loaded,
    }
}

/// Lists names for a message: `` `a`, `b`, `c` `` (at most 12, each shortened).
fn list(names: &[String]) -> String {
    let names: Vec<&String> = names.iter().filter(|n| !n.trim().is_empty()).collect();
    if names.is_empty() {
        return "no keys".to_string();
    }
    let mut out = names
        .iter()
        .take(12)
        .map(|k| value::quote(k.trim()))
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > 12 {
        out.push_str(", …");
    }
    out
}

fn load_one(b: &mut DatasetBuilder, name: &str, bytes: &[u8]) -> FileReport {
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    let start = bytes
        .iter()
        .position(|c| !c.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    let Some(&first) = bytes.get(start) else {
        return refused(name, LoadError::Empty { file: name.into() });
    };
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let what = "UTF-16 text; save it as UTF-8";
        return refused(
            name,
            LoadError::NotText {
                file: name.into(),
                what,
            },
        );
    }
    let head = bytes.get(..bytes.len().min(8192)).unwrap_or(bytes);
    if memchr::memchr(0, head).is_some() {
        let what = "binary data";
        return refused(
            name,
            LoadError::NotText {
                file: name.into(),
                what,
            },
        );
    }
    if first == b'{' || first == b'[' {
        load_json(b, name, bytes)
    } else {
        load_csv(b, name, bytes)
    }
}

fn load_bundle(b: &mut DatasetBuilder, name: &str, bytes: &[u8]) -> FileReport {
    let mut n = Counters::default();
    match bundle_file::load(b, bytes, name, &mut n) {
        Ok(()) => report(name, Format::Bundle.id(), "bundle", Status::Loaded, n),
        Err(reason) => refused(
            name,
            LoadError::Bundle {
                file: name.into(),
                reason,
            },
        ),
    }
}

/// One read of a file's rows (a file may be read twice, see `dates.rs`).
struct Pass {
    format: Option<Format>,
    columns: Present,
    ctx: FileCtx,
    n: Counters,
}

impl Pass {
    fn of(ld: Loader<'_, '_>) -> Pass {
        Pass {
            format: ld.format,
            columns: ld.columns,
            ctx: ld.ctx,
            n: ld.n,
        }
    }
}

/// Reads a file's rows with `read`, and a second time in the other day/month order when the
/// whole file's evidence decides it (the first pass's rows are rolled back): see `dates.rs`.
fn read_rows<E>(
    b: &mut DatasetBuilder,
    semicolon: bool,
    mut read: impl FnMut(&mut DatasetBuilder, FileCtx) -> Result<Pass, E>,
) -> Result<(Pass, Option<DateReading>), E> {
    let cp = b.checkpoint();
    let ctx = |dates| FileCtx::new(dates, semicolon);
    let pass = read(b, ctx(dates::FileDates::new(semicolon)))?;
    let decided = pass.ctx.dates.decide();
    match pass.ctx.dates.reread(&decided) {
        None => Ok((pass, decided)),
        Some(order) => {
            b.rollback(cp);
            let again = read(b, ctx(dates::FileDates::forced(semicolon, order)))?;
            Ok((again, decided))
        }
    }
}

/// The report of a file whose rows were read.
fn rows_report(
    name: &str,
    container: &str,
    pass: Pass,
    dates: Option<DateReading>,
) -> Option<FileReport> {
    let fmt = pass.format?;
    let delivery = delivery(&fmt, container, pass.columns, dates.is_some());
    let notes = notes(&fmt, pass.columns);
    let mut rep = report(name, fmt.id(), container, status_of(&fmt), pass.n);
    rep.delivery = delivery;
    rep.dates = dates;
    rep.notes = notes;
    Some(rep)
}

/// How an Insights dataset was delivered, from its container, columns and date style.
fn delivery(
    fmt: &Format,
    container: &str,
    columns: Present,
    slash_dates: bool,
) -> Option<Delivery> {
    if !fmt.is_insights() {
        return None;
    }
    Some(match container {
        "csv;" => Delivery::SpreadsheetResave,
        "tsv" => Delivery::ProgrammaticTsv,
        // columns only the download reports have (SeatsSubscriptionsAndRevenue's seats at month
        // end, AzureUsage's ACR_USD; ResellerID is in the programmatic AzureUsage too)
        "csv" if slash_dates || columns.has(F::AvailableSeatsEop) || columns.has(F::AcrUsd) => {
            Delivery::DownloadReport
        }
        "csv" => Delivery::ProgrammaticCsv,
        _ => Delivery::QueryPreview,
    })
}

/// What a file lacks, from the columns of the row its format was detected on.
fn notes(fmt: &Format, columns: Present) -> Vec<FileNote> {
    let mut out = Vec::new();
    if !fmt.is_insights() {
        return out;
    }
    let activity = matches!(
        fmt,
        Format::CustomersAndTenants | Format::SeatsSubscriptionsRevenue
    );
    if activity && !columns.has(F::PartnerLocation) && !columns.has(F::PartnerLocationId) {
        out.push(if columns.has(F::MpnId) {
            FileNote::PartnerLocationFromMpnId
        } else {
            FileNote::NoPartnerLocation
        });
    }
    if *fmt == Format::SeatsSubscriptionsRevenue
        && !columns.has(F::TotalSoldSeats)
        && !columns.has(F::TotalAssignedSeats)
    {
        out.push(FileNote::NoSeatTotals);
    }
    out
}

fn load_json(b: &mut DatasetBuilder, name: &str, bytes: &[u8]) -> FileReport {
    // A bundle names its format first (the engine writes it so): look for it at the start only,
    // not through hundreds of MB of rows. A bundle whose `format` comes later is found below,
    // when its rows match no format.
    let named_at_start = bundle_file::is_bundle_head(bytes);
    if named_at_start && bundle_file::is_bundle(bytes) {
        return load_bundle(b, name, bytes);
    }
    let cp = b.checkpoint();
    let mut parsed = None;
    let read = read_rows(b, false, |b, ctx| {
        let mut ld = Loader::new(b, name, ctx);
        let out = json::parse(bytes, &mut ld)?;
        parsed = Some(out);
        Ok::<_, serde_json::Error>(Pass::of(ld))
    });
    let ((pass, dates), out) = match (read, parsed) {
        (Ok(read), Some(out)) => (read, out),
        (Err(e), _) => {
            b.rollback(cp);
            let reason = e.to_string();
            return refused(
                name,
                LoadError::Json {
                    file: name.into(),
                    reason,
                },
            );
        }
        // a read that succeeded has parsed
        (Ok(_), None) => return refused(name, LoadError::Empty { file: name.into() }),
    };
    let container = match out.container {
        Ok(c) => c,
        Err(found) => {
            b.rollback(cp);
            return refused(
                name,
                LoadError::JsonShape {
                    file: name.into(),
                    found,
                },
            );
        }
    };
    // no format: a bundle whose `format` came after the first 4 KiB (checked once, and only here)
    if pass.format.is_none() && !named_at_start && bundle_file::is_bundle(bytes) {
        b.rollback(cp);
        return load_bundle(b, name, bytes);
    }
    let rows_read = pass.n.rows_read;
    if let Some(rep) = rows_report(name, container.as_str(), pass, dates) {
        return rep;
    }
    if rows_read == 0 {
        // an envelope or array without rows: nothing to load, nothing wrong
        return report(
            name,
            "not_used:empty".to_string(),
            container.as_str(),
            Status::NotUsed,
            Counters {
                rows_read,
                ..Counters::default()
            },
        );
    }
    b.rollback(cp);
    let what = if out.first_keys.is_empty() {
        "the document"
    } else {
        "the first row"
    };
    let keys = if out.first_keys.is_empty() {
        "no row objects".to_string()
    } else {
        format!("keys {}", list(&out.first_keys))
    };
    refused(
        name,
        LoadError::NoFormat {
            file: name.into(),
            what,
            keys,
        },
    )
}

fn load_csv(b: &mut DatasetBuilder, name: &str, bytes: &[u8]) -> FileReport {
    let delim = csv::sniff_delimiter(bytes);
    let reader = || {
        ::csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delim)
            .from_reader(bytes)
    };
    let mut rdr = reader();
    let mut rec = ::csv::ByteRecord::new();
    match rdr.read_byte_record(&mut rec) {
        Ok(true) => {}
        Ok(false) => return refused(name, LoadError::Empty { file: name.into() }),
        Err(e) => {
            let reason = e.to_string();
            return refused(
                name,
                LoadError::Csv {
                    file: name.into(),
                    reason,
                },
            );
        }
    }
    let header = csv::Header::new(&rec);
    // where the data rows start; the whole file checked as UTF-8 once (then no field is)
    let data_start = usize::try_from(rdr.position().byte()).unwrap_or(usize::MAX);
    let text = std::str::from_utf8(bytes).ok();
    let Some(fmt) = detect(header.present, None) else {
        let keys = format!("columns {}", list(&header.names));
        let what = "the first line";
        return refused(
            name,
            LoadError::NoFormat {
                file: name.into(),
                what,
                keys,
            },
        );
    };
    let read = read_rows(b, delim == b';', |b, ctx| {
        let mut ld = Loader::new(b, name, ctx);
        ld.format = Some(fmt.clone());
        ld.columns = header.present;
        let mut row = 0u64;
        if let Some(text) = text {
            // valid UTF-8 throughout: split in place (csv.rs, `Records`)
            let mut records = csv::Records::new(text, data_start, delim);
            while let Some(r) = records.next_record(&header) {
                row += 1;
                ld.row(&r, header.present, row);
            }
            return Ok(Pass::of(ld));
        }
        let mut rdr = reader();
        // the header again (it was read above)
        let _ = rdr.read_byte_record(&mut rec);
        loop {
            match rdr.read_byte_record(&mut rec) {
                Ok(true) => {
                    row += 1;
                    let r = csv::CsvRow::new(&header, &rec);
                    ld.row(&r, header.present, row);
                }
                Ok(false) => break,
                Err(e) => {
                    // cannot happen with byte records from memory; report and stop rather than loop
                    ld.n.note(name, row + 1, "row", format!("invalid CSV: {e}"));
                    break;
                }
            }
        }
        Ok::<_, std::convert::Infallible>(Pass::of(ld))
    });
    let container = match delim {
        b';' => "csv;",
        b'\t' => "tsv",
        _ => "csv",
    };
    let Ok((pass, dates)) = read;
    rows_report(name, container, pass, dates)
        .unwrap_or_else(|| refused(name, LoadError::Empty { file: name.into() }))
}

/// The reports of the files a load read: an archive's files (`archive.zip/inner.csv`) in place
/// of the archive.
pub fn flat_reports(files: &[FileReport]) -> Vec<&FileReport> {
    fn walk<'a>(f: &'a FileReport, out: &mut Vec<&'a FileReport>) {
        if f.entries.is_empty() {
            out.push(f);
        } else {
            for e in &f.entries {
                walk(e, out);
            }
        }
    }
    let mut out = Vec::new();
    for f in files {
        walk(f, &mut out);
    }
    out
}

/// The dataset or resource a [`FileReport::format`] names, in words, as `insights validate`
/// says it (`insights:customers_and_tenants` -> `Insights CustomersAndTenants`); a format it
/// does not know comes back as it is.
///
/// # Examples
/// ```
/// use metrics::load::describe_format;
/// assert_eq!(describe_format("insights:power_bi_usage"), "Insights PowerBIUsage");
/// assert_eq!(describe_format("not_used:insights_profile"), "Partner Center insights profile");
/// ```
pub fn describe_format(format: &str) -> String {
    detect::describe(format)
}

/// A human-readable report of a load, one block per file, for the command line's `validate`.
///
/// # Examples
/// ```
/// use metrics::load::{load, load_report_text, Input};
/// let l = load(&[Input { name: "x.bin", bytes: b"\0\x01" }]);
/// let text = load_report_text(&l.files);
/// assert!(text.starts_with("x.bin: refused"));
/// ```
pub fn load_report_text(files: &[FileReport]) -> String {
    // an archive's files are reported one by one, each as if loaded on its own
    let files = flat_reports(files);
    let mut out = String::new();
    let (mut loaded, mut not_used, mut refused, mut problems) = (0, 0, 0, 0u64);
    for f in &files {
        problems += f.problem_count;
        match f.status {
            Status::Refused => {
                refused += 1;
                let _ = writeln!(out, "{}: refused", f.name);
                if let Some(r) = &f.refused {
                    let _ = writeln!(out, "  {r}");
                }
                continue;
            }
            Status::NotUsed => {
                not_used += 1;
                let _ = writeln!(
                    out,
                    "{}: recognised as {} ({}), not used by the dashboard: {} rows",
                    f.name,
                    detect::describe(&f.format),
                    f.container,
                    f.rows_read
                );
            }
            Status::Loaded => {
                loaded += 1;
                let _ = write!(
                    out,
                    "{}: loaded as {} ({}",
                    f.name,
                    detect::describe(&f.format),
                    f.container,
                );
                if let Some(d) = f.delivery {
                    let _ = write!(out, ", {}", d.as_str());
                }
                let _ = write!(
                    out,
                    "): {} rows read, {} used, {} skipped",
                    f.rows_read, f.rows_used, f.rows_skipped
                );
                if f.matched_by_name > 0 {
                    let _ = write!(out, ", {} matched to a customer by name", f.matched_by_name);
                }
                out.push('\n');
                if let Some(line) = billing_counts(f) {
                    let _ = writeln!(out, "  {line}");
                }
                if let Some(d) = &f.dates {
                    let _ = writeln!(out, "  {d}");
                }
                for n in &f.notes {
                    let _ = writeln!(out, "  {}", n.as_str());
                }
                for (reason, k) in &f.skipped {
                    let _ = writeln!(out, "  skipped {k}: {reason}");
                }
            }
        }
        for p in &f.problems {
            let _ = writeln!(out, "  {p}");
        }
        let more = f.problem_count.saturating_sub(f.problems.len() as u64);
        if more > 0 {
            let _ = writeln!(out, "  … and {more} more problems");
        }
    }
    let _ = writeln!(
        out,
        "{} files: {loaded} loaded, {not_used} not used, {refused} refused; {problems} problems",
        files.len()
    );
    out
}

/// What a billing file or the customer list counted: `2 invoices, 340 charge lines, 12
/// customers named` (`None` for other files).
pub fn billing_counts(f: &FileReport) -> Option<String> {
    let mut parts = Vec::new();
    let plural = |n: u64, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    if f.format == Format::InvoiceReconciliation.id() {
        parts.push(plural(f.invoices, "invoice", "invoices"));
        parts.push(plural(f.charge_lines, "charge line", "charge lines"));
    }
    if f.format == Format::DailyRatedUsage.id() {
        parts.push(plural(
            f.consumption_lines,
            "consumption line",
            "consumption lines",
        ));
    }
    if parts.is_empty() && f.format != Format::CustomerList.id() {
        return None;
    }
    parts.push(plural(
        f.customers_named,
        "customer named",
        "customers named",
    ));
    Some(parts.join(", "))
}

/// The line of [`load_report_text`]'s companion: what the loaded files do not provide.
pub fn lacking_text(lacking: &[Lacking]) -> Option<String> {
    (!lacking.is_empty()).then(|| {
        let what: Vec<&str> = lacking.iter().map(|l| l.as_str()).collect();
        format!("no loaded file provides: {}", what.join(", "))
    })
}
