//! `insights`: the Partner Insights report, load checks, bundle conversion and the sample
//! generator on the command line, over the same engine as the browser page.
//!
//! Exit codes: 0 success; 2 bad arguments (clap's usage errors are 2 as well), an unreadable or
//! unwritable file, or an input file the loader refused as a whole.

use clap::{Args, Parser, Subcommand};
use metrics::generate::{self, Format, Params};
use metrics::load::{FileReport, Input, Loaded, Status};
use metrics::{Dim, Month, Query};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

// clap (derive) parses the arguments: it is the well-kept standard, it generates `--help` for
// every subcommand from these doc comments, and its usage errors already exit with code 2.

/// Partner Insights: the Partner Center customers dashboard's numbers on the command line.
#[derive(Parser, Debug)]
#[command(name = "insights", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Print the report (metrics.md) of the files as JSON.
    Report(ReportArgs),
    /// Check that each file loads; print what was loaded and every skipped row.
    Validate {
        /// Partner Center exports (Insights CSV/JSON, REST JSON) or bundles.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Convert any accepted input files into one bundle.
    Convert {
        /// Partner Center exports (Insights CSV/JSON, REST JSON) or bundles.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Where to write the bundle.
        #[arg(short, long, value_name = "BUNDLE.json")]
        output: PathBuf,
    },
    /// Write a deterministic synthetic partner book (same seed, same bytes) as the bundle, as
    /// Partner Center Insights datasets in their published shapes, or as REST responses.
    Generate(GenerateArgs),
    /// Write the licence adoption CSV (per customer, product and workload, and the
    /// opportunities): the same bytes as the page's "Export CSV".
    ExportAdoption(ExportArgs),
}

#[derive(Args, Debug)]
struct ExportArgs {
    #[command(flatten)]
    report: ReportArgs,
    /// Where to write the CSV.
    #[arg(short, long, value_name = "OUT.csv")]
    output: PathBuf,
    /// Field separator: `,` or `;` (`;` also writes decimal commas, for European Excel).
    #[arg(long, value_name = "SEP", default_value = ",", value_parser = parse_separator)]
    separator: u8,
}

fn parse_separator(s: &str) -> Result<u8, String> {
    match s {
        "," => Ok(b','),
        ";" => Ok(b';'),
        _ => Err(format!("`{s}`: expected `,` or `;`")),
    }
}

#[derive(Args, Debug)]
struct ReportArgs {
    /// Partner Center exports (Insights CSV/JSON, REST JSON) or bundles.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// First month of the range (default: the last 12 months of the timeline).
    #[arg(long, value_name = "YYYY-MM", value_parser = parse_month)]
    from: Option<Month>,
    /// Last month of the range (default: the as-of month).
    #[arg(long, value_name = "YYYY-MM", value_parser = parse_month)]
    to: Option<Month>,
    /// The as-of date (default: the latest date found in the data).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_day)]
    as_of: Option<chrono::NaiveDate>,
    /// Keep only DIM=VALUE, one value per flag; repeat it: values of one dimension are OR-ed,
    /// dimensions AND-ed. DIM is one of country, market, segment, product, sku,
    /// partner_location, attribution, sales_channel; VALUE `Unknown` is a missing value.
    #[arg(long = "filter", value_name = "DIM=VALUE", value_parser = parse_filter)]
    filters: Vec<(Dim, String)>,
    /// Opportunities: deployment % below this.
    #[arg(long, value_name = "PCT", default_value_t = 50.0, value_parser = parse_pct)]
    deployment_threshold: f64,
    /// Opportunities: usage % below this.
    #[arg(long, value_name = "PCT", default_value_t = 50.0, value_parser = parse_pct)]
    usage_threshold: f64,
}

#[derive(Args, Debug)]
struct GenerateArgs {
    /// Customers in the book.
    #[arg(long, value_name = "N", default_value_t = Params::default().customers)]
    customers: u32,
    /// Months in the window, ending with --end.
    #[arg(long, value_name = "M", default_value_t = Params::default().months)]
    months: u32,
    /// Seed of the generator.
    #[arg(long, value_name = "S", default_value_t = Params::default().seed)]
    seed: u64,
    /// Output format. `bundle`: bundle.json. The Insights datasets CustomersAndTenants,
    /// SeatsSubscriptionsAndRevenue, OfficeUsage, EMSUsage, DynamicsUsage, PowerBIUsage and
    /// AzureUsage, one file each, headers as published: `insights-csv` / `insights-tsv` (the
    /// report API's CSV / TSV files, <Dataset>.csv / .tsv, ISO dates), `insights-json` (the
    /// query preview envelope, <Dataset>.json), `insights-download` (the portal's download
    /// reports, <Dataset>.csv, dates as 3/1/2026 12:00:00 AM, seats as month-over-month
    /// differences). `rest`: customers, subscriptions, licence deployment and usage.
    /// `billing`: the new commerce invoice reconciliation file of every month
    /// (invoice_reconciliation_YYYY_MM.csv), the daily rated usage (daily_rated_usage.csv) and
    /// the customer list (Customers.csv), columns as published, dates M/D/YYYY.
    #[arg(long, value_name = "FORMAT", default_value = "bundle", value_parser = parse_format)]
    format: Format,
    /// Last month of the window (the data is as of its last day).
    #[arg(long, value_name = "YYYY-MM", default_value = "2026-10", value_parser = parse_month)]
    end: Month,
    /// Months of workload and service usage (Office, EMS, Dynamics 365, Power BI), counted back
    /// from --end.
    #[arg(long, value_name = "U", default_value_t = Params::default().usage_months)]
    usage_months: u32,
    /// Directory to write the files into (created when missing).
    #[arg(short, long, value_name = "DIR")]
    output: PathBuf,
}

fn parse_month(s: &str) -> Result<Month, String> {
    let b = s.trim().as_bytes();
    let ok = b.len() == 7 && b[4] == b'-';
    match Month::parse(s).filter(|_| ok) {
        Some(m) => Ok(m),
        None => Err(format!("`{s}` is not a month: expected YYYY-MM")),
    }
}

fn parse_day(s: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| format!("`{s}` is not a date: expected YYYY-MM-DD"))
}

fn parse_pct(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(v) if v.is_finite() && v >= 0.0 => Ok(v),
        _ => Err(format!("`{s}` is not a percentage: expected a number >= 0")),
    }
}

fn parse_filter(s: &str) -> Result<(Dim, String), String> {
    let Some((dim, value)) = s.split_once('=') else {
        return Err(format!("`{s}`: expected DIM=VALUE, e.g. product=Azure"));
    };
    let dim: Dim = dim.parse().map_err(|e| format!("{e}"))?;
    let value = value.trim();
    if value.is_empty() {
        return Err(format!("`{s}`: empty value"));
    }
    Ok((dim, value.to_string()))
}

fn parse_format(s: &str) -> Result<Format, String> {
    s.parse::<Format>().map_err(|e| e.to_string())
}

/// Appends a line to a `String`.
macro_rules! outln {
    ($out:expr, $($arg:tt)*) => {{
        $out.push_str(&format!($($arg)*));
        $out.push('\n');
    }};
}

/// Writes to stdout; a closed pipe (`insights report ... | head`) is not an error.
fn emit(text: &str) -> Res<()> {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Fail(format!("stdout: {e}"))),
        _ => Ok(()),
    }
}

/// A failure to report: the message goes to stderr, the exit code is 2.
struct Fail(String);

type Res<T> = Result<T, Fail>;

fn read_all(files: &[PathBuf]) -> Res<Vec<(String, Vec<u8>)>> {
    files
        .iter()
        .map(|p| {
            std::fs::read(p)
                .map(|b| (p.display().to_string(), b))
                .map_err(|e| Fail(format!("{}: cannot read: {e}", p.display())))
        })
        .collect()
}

fn load(files: &[(String, Vec<u8>)]) -> Loaded {
    let inputs: Vec<Input<'_>> = files
        .iter()
        .map(|(name, bytes)| Input { name, bytes })
        .collect();
    // every core: runs of files parsed side by side give the same dataset as one after another
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    metrics::load::load_parallel(&inputs, threads)
}

/// Prints a file's problems to stderr, one per line (`file:row: field: reason`); returns the
/// refusal message when the file was refused whole.
fn problems_to_stderr(f: &FileReport) -> Option<String> {
    for p in &f.problems {
        eprintln!("{p}");
    }
    let more = f.problem_count.saturating_sub(f.problems.len() as u64);
    if more > 0 {
        eprintln!("{}: {more} more problems not shown", f.name);
    }
    match f.status {
        Status::Refused => Some(
            f.refused
                .clone()
                .unwrap_or_else(|| format!("{}: refused", f.name)),
        ),
        _ => None,
    }
}

fn refuse_any(loaded: &Loaded) -> Res<()> {
    let mut refused = Vec::new();
    for f in &loaded.files {
        if let Some(why) = problems_to_stderr(f) {
            eprintln!("{why}");
            refused.push(f.name.as_str());
        }
    }
    if refused.is_empty() {
        Ok(())
    } else {
        Err(Fail(format!("refused: {}", refused.join(", "))))
    }
}

/// Loads the files and computes the report the arguments ask for.
fn compute(a: &ReportArgs) -> Res<metrics::Report> {
    let files = read_all(&a.files)?;
    let loaded = load(&files);
    refuse_any(&loaded)?;
    let mut q = Query {
        from: a.from,
        to: a.to,
        as_of: a.as_of,
        deployment_threshold: a.deployment_threshold,
        usage_threshold: a.usage_threshold,
        ..Query::default()
    };
    for (dim, value) in &a.filters {
        q.filters.entry(*dim).or_default().push(value.clone());
    }
    Ok(metrics::report(&loaded.dataset, &q))
}

fn report(a: &ReportArgs) -> Res<()> {
    let r = compute(a)?;
    let json = serde_json::to_string_pretty(&r).map_err(|e| Fail(format!("report: {e}")))?;
    emit(&format!("{json}\n"))
}

fn export_adoption(a: &ExportArgs) -> Res<()> {
    let r = compute(&a.report)?;
    let opts = metrics::export::CsvOptions {
        separator: a.separator,
    };
    let Some(csv) = metrics::export::adoption_csv(&r, opts) else {
        return Err(Fail(
            "no usage or deployment facts up to the end of the range: nothing to export".into(),
        ));
    };
    write_file(&a.output, &csv)?;
    eprintln!("wrote {} ({} bytes)", a.output.display(), csv.len());
    Ok(())
}

fn validate(paths: &[PathBuf]) -> Res<()> {
    let files = read_all(paths)?;
    let loaded = load(&files);
    // the loader's own report: each file's dataset, delivery, date reading, notes and problems
    let mut out = metrics::load::load_report_text(&loaded.files);
    let refused = loaded
        .files
        .iter()
        .filter(|f| f.status == Status::Refused)
        .count();
    if let Some(line) = metrics::load::lacking_text(&metrics::load::lacking(&loaded.dataset)) {
        outln!(out, "{line}");
    }
    let ds = &loaded.dataset;
    outln!(
        out,
        "total: {} customers, {} activity facts, {} usage facts, {} consumption facts",
        ds.customers.len(),
        ds.activity.len(),
        ds.usage.len(),
        ds.consumption.len()
    );
    emit(&out)?;
    if refused > 0 {
        return Err(Fail(format!(
            "{refused} of {} files refused",
            loaded.files.len()
        )));
    }
    Ok(())
}

fn write_file(path: &Path, bytes: &[u8]) -> Res<()> {
    std::fs::write(path, bytes).map_err(|e| Fail(format!("{}: cannot write: {e}", path.display())))
}

fn convert(paths: &[PathBuf], output: &Path) -> Res<()> {
    let files = read_all(paths)?;
    let loaded = load(&files);
    refuse_any(&loaded)?;
    let bundle = metrics::bundle::from_dataset(&loaded.dataset);
    let json = serde_json::to_vec(&bundle).map_err(|e| Fail(format!("bundle: {e}")))?;
    write_file(output, &json)
}

fn generate(a: &GenerateArgs) -> Res<()> {
    let p = Params {
        customers: a.customers,
        months: a.months,
        seed: a.seed,
        end: a.end,
        usage_months: a.usage_months,
    };
    let files = generate::generate(&p, a.format).map_err(|e| Fail(e.to_string()))?;
    std::fs::create_dir_all(&a.output)
        .map_err(|e| Fail(format!("{}: cannot create: {e}", a.output.display())))?;
    for (name, bytes) in files {
        let path = a.output.join(&name);
        write_file(&path, &bytes)?;
        eprintln!("wrote {} ({} bytes)", path.display(), bytes.len());
    }
    Ok(())
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Report(a) => report(a),
        Command::Validate { files } => validate(files),
        Command::Convert { files, output } => convert(files, output),
        Command::Generate(a) => generate(a),
        Command::ExportAdoption(a) => export_adoption(a),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Fail(msg)) => {
            eprintln!("insights: {msg}");
            ExitCode::from(2)
        }
    }
}
