//! The load panel: open or drop files (add to or replace the data), the per-file load report
//! (`load-report`), progress with a cancel button, and the drop overlay. Every file name,
//! message and value is rendered as text, never as HTML.

use super::{Current, Loader, Mode, Origin, Progress};
use crate::format;
use crate::format::bytes as megabytes;
use leptos::ev;
use leptos::prelude::*;
use metrics::load::{FileReport, Status};
use wasm_bindgen::JsCast;

/// Problems listed per file before "and N more".
pub const SHOWN_PROBLEMS: usize = 5;

/// `insights:customers_and_tenants`, `csv` -> `Insights export: customers and tenants (CSV)`.
pub fn format_label(format: &str, container: &str) -> String {
    let (kind, what) = format.split_once(':').unwrap_or((format, ""));
    let what = what.replace('_', " ");
    let shape = match container {
        "csv" => "CSV",
        "unknown" | "" => "",
        _ => "JSON",
    };
    let base = match (kind, what.as_str()) {
        ("insights", what) => crate::tr!(load.csv_export, what).to_string(),
        ("rest", what) => crate::tr!(load.api, what).to_string(),
        ("bundle", _) => crate::tr!(load.bundle).to_string(),
        ("not_used", what) => crate::tr!(load.not_used_fmt, what).to_string(),
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

/// The one-line summary of a load: `3 files · 2,140 rows used · 12 skipped · 1 refused`.
pub fn summary(files: &[FileReport]) -> String {
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

/// What the progress line says.
pub fn progress_text(p: &Progress) -> String {
    if p.parsing {
        let total = megabytes(p.total.unwrap_or(p.read).max(p.read));
        return crate::tr!(load.parsing, read = megabytes(p.read), total).to_string();
    }
    let of = match p.total {
        Some(t) if t > 0 => crate::tr!(
            load.of_pct,
            read = megabytes(p.read),
            total = megabytes(t),
            pct = format::whole_pct((p.read.saturating_mul(100) / t).min(100) as i64)
        )
        .to_string(),
        _ => megabytes(p.read),
    };
    let (index, count) = (format::count(p.index as i64), format::count(p.count as i64));
    crate::tr!(load.reading, name = &p.name, index, count, of).to_string()
}

/// The files of a file list (input or drop).
fn files_of(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    let Some(list) = list else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

#[component]
pub fn LoadPanel(loader: Loader) -> impl IntoView {
    let on_pick = move |e: ev::Event| {
        let Some(input) = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let files = files_of(input.files());
        // so that picking the same file again loads it again
        input.set_value("");
        loader.open(files);
    };
    let files = Memo::new(move |_| loader.current.with(|c| c.as_ref().map(|c| c.files.clone())));
    let is_sample = Memo::new(move |_| {
        loader
            .current
            .with(|c| c.as_ref().is_none_or(Current::is_sample))
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
    let mode_radio = move |m: Mode, label: fn() -> &'static str| {
        view! {
            <label class="pi-load__mode">
                <input
                    type="radio"
                    name="pi-load-mode"
                    prop:checked=move || loader.mode.get() == m
                    on:change=move |_| loader.mode.set(m)
                />
                {label}
            </label>
        }
    };
    view! {
        <section class="pi-card pi-load" aria-label=move || crate::tr!(load.label)>
            <div class="pi-load__bar">
                <label class="pi-load-btn pi-load-btn--primary pi-load__pick">
                    <input
                        class="pi-sr"
                        type="file"
                        multiple=true
                        data-testid="file-input"
                        on:change=on_pick
                    />
                    <svg viewBox="0 0 20 20" aria-hidden="true" class="pi-load__icon">
                        <path d="M10 13V3M6 7l4-4 4 4M3 13v3a1 1 0 0 0 1 1h12a1 1 0 0 0 1-1v-3" />
                    </svg>
                    {move || crate::tr!(load.open)}
                </label>
                <fieldset class="pi-load__modes">
                    <legend class="pi-sr">{move || crate::tr!(load.new_files)}</legend>
                    {mode_radio(Mode::Replace, || crate::tr!(load.replace))}
                    {mode_radio(Mode::Add, || crate::tr!(load.add))}
                </fieldset>
                <span class="pi-load__hint">{move || crate::tr!(load.hint)}</span>
                <button
                    type="button"
                    class="pi-load-btn"
                    class:pi-hidden=move || is_sample.get()
                    on:click=move |_| loader.sample()
                >
                    {move || crate::tr!(load.back)}
                </button>
            </div>
            {move || {
                loader
                    .progress
                    .get()
                    .map(|p| {
                        let pct = p
                            .total
                            .filter(|t| *t > 0 && !p.parsing)
                            .map(|t| (p.read.saturating_mul(100) / t).min(100));
                        view! {
                            <div class="pi-load__progress" role="status" aria-live="polite">
                                <progress max="100" value=pct.map(|v| v.to_string())></progress>
                                <span>{progress_text(&p)}</span>
                                <button type="button" class="pi-load-btn" on:click=move |_| loader.cancel()>
                                    {crate::tr!(load.cancel)}
                                </button>
                            </div>
                        }
                    })
            }}
            {move || {
                loader.stopped.get().map(|names| {
                    view! {
                        <p class="pi-load__stopped" role="alert" data-testid="load-stopped">
                            {crate::tr!(load.stopped, names = names.join(", ")).to_string()}
                        </p>
                    }
                })
            }}
            {move || {
                // tracked: the report is built again in another language
                crate::locale::current();
                files
                    .get()
                    .map(|files| {
                        let open = user_open.get_untracked().unwrap_or_else(has_problems);
                        let origins: Vec<bool> = loader
                            .current
                            .with_untracked(|c| {
                                c.as_ref()
                                    .map(|c| c.entries.iter().map(|e| e.origin == Origin::Local).collect())
                                    .unwrap_or_default()
                            });
                        view! {
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
                        }
                    })
            }}
        </section>
    }
}

#[component]
fn FileRow(file: FileReport, index: usize, local: bool, loader: Loader) -> impl IntoView {
    let (badge, badge_class) = match file.status {
        Status::Loaded if file.rows_used == 0 => (crate::tr!(load.no_rows), "pi-load__badge--warn"),
        Status::Loaded if file.problem_count > 0 => {
            (crate::tr!(load.with_problems), "pi-load__badge--warn")
        }
        Status::Loaded => (crate::tr!(load.loaded), "pi-load__badge--ok"),
        Status::NotUsed => (crate::tr!(load.not_used), "pi-load__badge--muted"),
        Status::Refused => (crate::tr!(load.refused), "pi-load__badge--bad"),
    };
    let skipped: Vec<String> = file
        .skipped
        .iter()
        .map(|(why, n)| format!("{why}: {}", format::count(*n as i64)))
        .collect();
    let shown: Vec<_> = file.problems.iter().take(SHOWN_PROBLEMS).cloned().collect();
    let more = file.problem_count.saturating_sub(shown.len() as u64);
    let name = file.name.clone();
    let remove_label = crate::tr!(load.remove_name, name = &name).to_string();
    let source = if local {
        crate::tr!(load.from_disk)
    } else {
        crate::tr!(load.fetched)
    };
    view! {
        <li class="pi-load__file" class:pi-load__file--refused=file.status == Status::Refused
            class:pi-load__file--warn=file.status != Status::Refused && (file.problem_count > 0 || file.rows_used == 0)>
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
            {match file.refused.clone() {
                Some(why) => view! { <p class="pi-load__refused">{why}</p> }.into_any(),
                None => view! {
                    <dl class="pi-load__facts">
                        <div><dt>{crate::tr!(load.format)}</dt><dd class="pi-load__format">{format_label(&file.format, &file.container)}</dd></div>
                        <div><dt>{crate::tr!(load.rows_used)}</dt><dd class="pi-load__used">{format::count(file.rows_used as i64)}</dd></div>
                        <div><dt>{crate::tr!(load.skipped)}</dt><dd class="pi-load__skipped">{format::count(file.rows_skipped as i64)}</dd></div>
                        <div class:pi-hidden=skipped.is_empty()><dt>{crate::tr!(load.why_skipped)}</dt><dd>{skipped.join(" · ")}</dd></div>
                    </dl>
                }
                .into_any(),
            }}
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
        </li>
    }
}

/// Shown instead of the dashboard when nothing usable loaded: an alert naming the files when
/// some were given (the load report above says why for each), else a plain status.
#[component]
pub fn NothingLoaded(loader: Loader) -> impl IntoView {
    let names = Memo::new(move |_| {
        loader.current.with(|c| {
            c.iter()
                .flat_map(|c| c.files.iter().map(|f| f.name.clone()))
                .collect::<Vec<_>>()
        })
    });
    move || {
        let names = names.get();
        if names.is_empty() {
            view! {
                <section class="pi-card pi-empty" role="status">
                    <h2>{crate::tr!(load.no_data)}</h2>
                    <p>{crate::tr!(load.no_file)}</p>
                </section>
            }
            .into_any()
        } else {
            view! {
                <section class="pi-card pi-error" role="alert">
                    <h2 class="pi-error__title">{crate::tr!(load.failed)}</h2>
                    <p>{crate::tr!(load.failed_text, names = names.join(", ")).to_string()}</p>
                </section>
            }
            .into_any()
        }
    }
}

/// A full-page overlay while files are dragged over the page; dropping loads them.
#[component]
pub fn DropOverlay(loader: Loader) -> impl IntoView {
    let over = RwSignal::new(false);
    let has_files = |e: &web_sys::DragEvent| {
        e.data_transfer()
            .map(|d| {
                d.types()
                    .includes(&wasm_bindgen::JsValue::from_str("Files"), 0)
            })
            .unwrap_or(false)
    };
    let h1 = window_event_listener(ev::dragover, move |e| {
        if has_files(&e) {
            e.prevent_default();
            if let Some(d) = e.data_transfer() {
                d.set_drop_effect("copy");
            }
            over.set(true);
        }
    });
    let h2 = window_event_listener(ev::dragleave, move |e| {
        // leaving the window (no element under the pointer any more)
        if e.related_target().is_none() {
            over.set(false);
        }
    });
    let h3 = window_event_listener(ev::drop, move |e| {
        over.set(false);
        if has_files(&e) {
            e.prevent_default();
            loader.open(files_of(e.data_transfer().and_then(|d| d.files())));
        }
    });
    on_cleanup(move || {
        h1.remove();
        h2.remove();
        h3.remove();
    });
    let mode = move || match loader.mode.get() {
        Mode::Replace => crate::tr!(load.mode_replace),
        Mode::Add => crate::tr!(load.mode_add),
    };
    view! {
        <div class="pi-drop" class:pi-drop--on=move || over.get() aria-hidden="true">
            <div class="pi-drop__box">
                <p class="pi-drop__title">{move || crate::tr!(load.drop_title)}</p>
                <p class="pi-drop__hint">{mode}{move || crate::tr!(load.drop_hint)}</p>
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_labels() {
        assert_eq!(
            format_label("insights:customers_and_tenants", "csv"),
            "Insights export: customers and tenants (CSV)"
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
        assert_eq!(format_label("unknown", "unknown"), "Unknown");
    }
}
