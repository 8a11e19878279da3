//! The load report (`load-report`): one row per file with its dataset, delivery, date reading,
//! notes, rows and problems; an archive's files each as a row of their own under it; then what no
//! loaded file provides. Every text here is built from the engine's structured report in the
//! language shown (the engine's English sentences are for the command line); file names and
//! values from the data are rendered as text, never as HTML.

use super::{Loader, Origin};
use crate::format;
use leptos::ev;
use leptos::prelude::*;
use metrics::load::{
    describe_format, flat_reports, DateReading, DateRule, DayOrder, Delivery, FileNote, FileReport,
    Lacking, Status,
};
use wasm_bindgen::JsCast;

/// Problems listed per file before "and N more".
pub const SHOWN_PROBLEMS: usize = 5;

/// What a file is, in words, with its container:
/// `insights:customers_and_tenants`, `csv` -> `Insights CustomersAndTenants (CSV)`.
pub fn format_label(format: &str, container: &str) -> String {
    let (kind, what) = format.split_once(':').unwrap_or((format, ""));
    let shape = match container {
        "csv" | "csv;" => "CSV",
        "tsv" => "TSV",
        "unknown" | "" | "zip" | "gzip" => "",
        _ => "JSON",
    };
    let what = what.replace('_', " ");
    let base = match (kind, what.as_str()) {
        // the datasets' own names (Partner Center's, in any language)
        ("insights", _) => describe_format(format),
        ("rest", what) => crate::tr!(load.api, what).to_string(),
        ("bundle", _) => crate::tr!(load.bundle).to_string(),
        ("not_used", what) => crate::tr!(load.not_used_fmt, what).to_string(),
        ("archive", "gzip") => crate::tr!(load.archive_gzip).to_string(),
        ("archive", _) => crate::tr!(load.archive_zip).to_string(),
        ("unknown", _) => crate::tr!(load.unknown).to_string(),
        (k, "") => k.to_string(),
        (k, w) => format!("{k}: {w}"),
    };
    if shape.is_empty() {
        base
    } else {
        format!("{base} ({shape})")
    }
}

/// How an Insights dataset reached the partner, in words.
pub fn delivery_text(d: Delivery) -> String {
    match d {
        Delivery::ProgrammaticCsv => crate::tr!(load.delivery_programmatic_csv),
        Delivery::ProgrammaticTsv => crate::tr!(load.delivery_programmatic_tsv),
        Delivery::QueryPreview => crate::tr!(load.delivery_query_preview),
        Delivery::DownloadReport => crate::tr!(load.delivery_download_report),
        Delivery::SpreadsheetResave => crate::tr!(load.delivery_spreadsheet_resave),
        #[allow(unreachable_patterns)]
        other => other.as_str(),
    }
    .to_string()
}

/// How a file's dates were read and the evidence: `Dates read as day/month: 13/03/2025 has no
/// month 13` (the engine's sentence, built again in the language shown).
pub fn dates_text(d: &DateReading) -> String {
    let order = match d.order {
        DayOrder::MonthDay => crate::tr!(load.month_day),
        DayOrder::DayMonth => crate::tr!(load.day_month),
    };
    let ex = d.example.as_str();
    let why = match d.rule {
        DateRule::Impossible => {
            let m = d.impossible_month.unwrap_or(13).to_string();
            crate::tr!(load.dates_impossible, ex, m).to_string()
        }
        DateRule::MonthColumn => crate::tr!(load.dates_month_column, order, ex).to_string(),
        DateRule::Dots => crate::tr!(load.dates_dots, ex).to_string(),
        DateRule::Semicolon => crate::tr!(load.dates_semicolon, ex).to_string(),
        DateRule::Default => crate::tr!(load.dates_default, ex).to_string(),
    };
    let mut s = crate::tr!(load.dates_read, order, why).to_string();
    if d.conflict {
        s.push_str(crate::tr!(load.dates_conflict));
    }
    s
}

/// A file's note in words.
pub fn note_text(n: FileNote) -> String {
    match n {
        FileNote::NoSeatTotals => crate::tr!(load.note_no_seat_totals),
        FileNote::PartnerLocationFromMpnId => crate::tr!(load.note_location_mpn),
        FileNote::NoPartnerLocation => crate::tr!(load.note_no_location),
        FileNote::CustomerListOnly => crate::tr!(load.note_customer_list_only),
    }
    .to_string()
}

/// What no loaded file provides: `No loaded file provides: partner location, sales channel`
/// (`None` when every file together provides everything).
pub fn lacking_text(lacking: &[Lacking]) -> Option<String> {
    (!lacking.is_empty()).then(|| {
        let what: Vec<&str> = lacking
            .iter()
            .map(|l| match l {
                Lacking::Country => crate::tr!(load.lack_country),
                Lacking::Market => crate::tr!(load.lack_market),
                Lacking::Segment => crate::tr!(load.lack_segment),
                Lacking::PartnerLocation => crate::tr!(load.lack_partner_location),
                Lacking::Attribution => crate::tr!(load.lack_attribution),
                Lacking::SalesChannel => crate::tr!(load.lack_sales_channel),
                Lacking::Subscriptions => crate::tr!(load.lack_subscriptions),
                Lacking::ActiveUsage => crate::tr!(load.lack_active_usage),
                Lacking::Deployment => crate::tr!(load.lack_deployment),
                Lacking::Usage => crate::tr!(load.lack_usage),
                #[allow(unreachable_patterns)]
                other => other.as_str(),
            })
            .collect();
        crate::tr!(load.lacking, what = what.join(", ")).to_string()
    })
}

/// The one-line summary of a load: `3 files · 2,140 rows used · 12 skipped · 1 refused` (the
/// files inside an archive count one by one).
pub fn summary(files: &[FileReport]) -> String {
    let files = flat_reports(files);
    let n = files.len();
    let used: u64 = files.iter().map(|f| f.rows_used).sum();
    let skipped: u64 = files.iter().map(|f| f.rows_skipped).sum();
    let refused = files.iter().filter(|f| f.status == Status::Refused).count();
    let files = if n == 1 {
        crate::tr!(load.file)
    } else {
        crate::tr!(load.files)
    };
    let (n, used) = (format::count(n as i64), format::count(used as i64));
    let mut s = crate::tr!(load.summary, n, files, used).to_string();
    if skipped > 0 {
        let n = format::count(skipped as i64);
        s.push_str(&crate::tr!(load.skipped_n, n).to_string());
    }
    if refused > 0 {
        let n = format::count(refused as i64);
        s.push_str(&crate::tr!(load.refused_n, n).to_string());
    }
    s
}

/// The report of the current load, collapsed unless a file has a problem (the user's choice
/// then holds across reloads), and what no loaded file provides below it.
#[component]
pub fn LoadReport(loader: Loader) -> impl IntoView {
    let files = Memo::new(move |_| loader.current.with(|c| c.as_ref().map(|c| c.files.clone())));
    let lacking = Memo::new(move |_| {
        loader
            .current
            .with(|c| c.as_ref().map(|c| c.lacking.clone()).unwrap_or_default())
    });
    let has_problems = move || {
        files.with(|f| {
            f.as_ref().is_some_and(|f| {
                f.iter()
                    .any(|f| f.status == Status::Refused || f.problem_count > 0)
            })
        })
    };
    // the user's open/closed choice for the report survives reloads (remove, add)
    let user_open = RwSignal::new(None::<bool>);
    let on_toggle = move |e: ev::Event| {
        if let Some(d) = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok())
        {
            user_open.set(Some(d.open()));
        }
    };
    let report = move || {
        // tracked: the report is built again in another language
        crate::locale::current();
        let files = files.get()?;
        let open = user_open.get_untracked().unwrap_or_else(has_problems);
        let origins: Vec<bool> = loader.current.with_untracked(|c| {
            c.as_ref()
                .map(|c| {
                    c.entries
                        .iter()
                        .map(|e| e.origin == Origin::Local)
                        .collect()
                })
                .unwrap_or_default()
        });
        Some(view! {
            <details class="pi-load__report" data-testid="load-report" open=open on:toggle=on_toggle>
                <summary>
                    <span class="pi-load__title">{crate::tr!(load.report)}</span>
                    <span class="pi-load__summary">{summary(&files)}</span>
                </summary>
                <ul class="pi-load__files">
                    {files
                        .into_iter()
                        .enumerate()
                        .map(|(i, f)| {
                            let local = origins.get(i).copied().unwrap_or(false);
                            view! { <FileRow file=f index=i local=local loader=loader /> }
                        })
                        .collect_view()}
                </ul>
            </details>
        })
    };
    let lacking_line = move || {
        crate::locale::current();
        let text = lacking_text(&lacking.get())?;
        Some(view! {
            <p class="pi-load__lacking" data-testid="load-lacking">
                <span>{text}</span>
                <span class="pi-load__lacking-hint">{crate::tr!(load.lacking_hint)}</span>
            </p>
        })
    };
    view! {
        {report}
        {lacking_line}
    }
}

/// The class and text of a file's badge.
fn badge_of(file: &FileReport) -> (&'static str, &'static str) {
    match file.status {
        Status::Loaded if file.rows_used == 0 => (crate::tr!(load.no_rows), "pi-load__badge--warn"),
        Status::Loaded if file.problem_count > 0 => {
            (crate::tr!(load.with_problems), "pi-load__badge--warn")
        }
        Status::Loaded => (crate::tr!(load.loaded), "pi-load__badge--ok"),
        Status::NotUsed => (crate::tr!(load.not_used), "pi-load__badge--muted"),
        Status::Refused => (crate::tr!(load.refused), "pi-load__badge--bad"),
    }
}

/// A file the user loaded: its name, badge and remove button over its report; an archive's
/// files follow, each as a row of its own.
#[component]
fn FileRow(file: FileReport, index: usize, local: bool, loader: Loader) -> impl IntoView {
    let (badge, badge_class) = badge_of(&file);
    let name = file.name.clone();
    let remove_label = crate::tr!(load.remove_name, name = &name).to_string();
    let source = if local {
        crate::tr!(load.from_disk)
    } else {
        crate::tr!(load.fetched)
    };
    let inner: Vec<FileReport> = flat_reports(&file.entries).into_iter().cloned().collect();
    let archive = (!inner.is_empty()).then(|| {
        let n = format::count(inner.len() as i64);
        let inside = if inner.len() == 1 {
            crate::tr!(load.inside_one, n).to_string()
        } else {
            crate::tr!(load.inside_many, n).to_string()
        };
        let label = crate::tr!(load.files_in, name = &file.name).to_string();
        view! {
            <p class="pi-load__inside">{format!("{} · {inside}", format_label(&file.format, &file.container))}</p>
            <ul class="pi-load__entries" aria-label=label>
                {inner.into_iter().map(|f| view! { <EntryRow file=f /> }).collect_view()}
            </ul>
        }
    });
    let is_archive = archive.is_some();
    let class = row_class(&file);
    view! {
        <li class=class>
            <div class="pi-load__head">
                <span class="pi-load__name" title=source>{name}</span>
                <span class=format!("pi-load__badge {badge_class}")>{badge}</span>
                <button
                    type="button"
                    class="pi-load-btn pi-load-btn--small"
                    aria-label=remove_label
                    on:click=move |_| loader.remove(index)
                >
                    {crate::tr!(load.remove)}
                </button>
            </div>
            {if is_archive {
                // the archive's own refusal, if any; its files say the rest
                file.refused.clone().map(|why| view! { <p class="pi-load__refused">{why}</p> }).into_any()
            } else {
                view! { <FileFacts file=file /> }.into_any()
            }}
            {archive}
        </li>
    }
}

/// A file inside an archive: named `archive.zip/inner.csv`, removed with its archive.
#[component]
fn EntryRow(file: FileReport) -> impl IntoView {
    let (badge, badge_class) = badge_of(&file);
    let class = row_class(&file);
    let name = file.name.clone();
    view! {
        <li class=class>
            <div class="pi-load__head">
                <span class="pi-load__name">{name}</span>
                <span class=format!("pi-load__badge {badge_class}")>{badge}</span>
            </div>
            <FileFacts file=file />
        </li>
    }
}

fn row_class(f: &FileReport) -> &'static str {
    match f.status {
        Status::Refused => "pi-load__file pi-load__file--refused",
        _ if f.problem_count > 0 || f.rows_used == 0 => "pi-load__file pi-load__file--warn",
        _ => "pi-load__file",
    }
}

/// What was read from one file: dataset, delivery, rows, date reading, notes and its first
/// problems (or why it was refused).
#[component]
fn FileFacts(file: FileReport) -> impl IntoView {
    if let Some(why) = file.refused.clone() {
        return view! { <p class="pi-load__refused">{why}</p> }.into_any();
    }
    let skipped: Vec<String> = file
        .skipped
        .iter()
        .map(|(why, n)| format!("{why}: {}", format::count(*n as i64)))
        .collect();
    let shown: Vec<_> = file.problems.iter().take(SHOWN_PROBLEMS).cloned().collect();
    let more = file.problem_count.saturating_sub(shown.len() as u64);
    let delivery = file.delivery.map(delivery_text);
    let dates = file.dates.as_ref().map(dates_text);
    let notes: Vec<String> = file.notes.iter().copied().map(note_text).collect();
    view! {
        <dl class="pi-load__facts">
            <div><dt>{crate::tr!(load.dataset)}</dt><dd class="pi-load__format">{format_label(&file.format, &file.container)}</dd></div>
            {delivery.map(|d| view! {
                <div><dt>{crate::tr!(load.delivery)}</dt><dd class="pi-load__delivery">{d}</dd></div>
            })}
            <div><dt>{crate::tr!(load.rows_used)}</dt><dd class="pi-load__used">{format::count(file.rows_used as i64)}</dd></div>
            <div><dt>{crate::tr!(load.skipped)}</dt><dd class="pi-load__skipped">{format::count(file.rows_skipped as i64)}</dd></div>
            {(!skipped.is_empty()).then(|| view! {
                <div><dt>{crate::tr!(load.why_skipped)}</dt><dd>{skipped.join(" · ")}</dd></div>
            })}
        </dl>
        {(dates.is_some() || !notes.is_empty()).then(|| view! {
            <ul class="pi-load__notes">
                {dates.map(|d| view! { <li class="pi-load__dates">{d}</li> })}
                {notes.into_iter().map(|n| view! { <li class="pi-load__note">{n}</li> }).collect_view()}
            </ul>
        })}
        {(!shown.is_empty()).then(|| view! {
            <table class="pi-load__problems">
                <caption class="pi-sr">{crate::tr!(load.problems_in, name = &file.name).to_string()}</caption>
                <thead><tr><th scope="col">{crate::tr!(load.row)}</th><th scope="col">{crate::tr!(load.field)}</th><th scope="col">{crate::tr!(load.problem)}</th></tr></thead>
                <tbody>
                    {shown.into_iter().map(|p| view! {
                        <tr><td>{p.row}</td><td>{p.field}</td><td>{p.message}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        })}
        {(more > 0).then(|| view! {
            <p class="pi-load__more">{
                let n = format::count(more as i64);
                if more == 1 { crate::tr!(load.more_one, n).to_string() } else { crate::tr!(load.more_many, n).to_string() }
            }</p>
        })}
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_labels() {
        assert_eq!(
            format_label("insights:customers_and_tenants", "csv"),
            "Insights CustomersAndTenants (CSV)"
        );
        assert_eq!(
            format_label("insights:office_usage", "tsv"),
            "Insights OfficeUsage (TSV)"
        );
        assert_eq!(
            format_label("rest:subscription", "rest-collection"),
            "Partner Center API: subscription (JSON)"
        );
        assert_eq!(
            format_label("bundle", "bundle"),
            "Partner Insights bundle (JSON)"
        );
        assert_eq!(
            format_label("not_used:invoice", "json-array"),
            "Not used by the dashboard: invoice (JSON)"
        );
        assert_eq!(format_label("archive:zip", "zip"), "Zip archive");
        assert_eq!(format_label("unknown", "unknown"), "Unknown");
    }
}
