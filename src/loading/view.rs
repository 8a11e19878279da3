//! The load panel: open or drop files (add to or replace the data), progress with a cancel
//! button, the load report (`super::report`), and the drop overlay. Every file name, message and
//! value is rendered as text, never as HTML.

use super::report::LoadReport;
pub use super::report::{format_label, summary, SHOWN_PROBLEMS};
use super::{Current, Loader, Mode, Progress};
use crate::format;
use crate::format::bytes as megabytes;
use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// What the file input offers to pick: the extensions Partner Center's exports come with (the
/// picker can still show every file; a file is read by its content, never by its name).
pub const ACCEPT: &str = ".csv,.tsv,.txt,.json,.zip,.gz";

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
    let is_sample = Memo::new(move |_| {
        loader
            .current
            .with(|c| c.as_ref().is_none_or(Current::is_sample))
    });
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
                        accept=ACCEPT
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
            <LoadReport loader=loader />
        </section>
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
