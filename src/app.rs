//! The page: loads the data through the engine handle, keeps the range, and lays out the
//! sections. Components below render report values; none of them computes a metric.

use crate::adoption::view::AdoptionView;
use crate::components::active::ActiveSection;
use crate::components::adds_churn::AddsChurnSection;
use crate::components::deferred::Deferred;
use crate::components::distribution::DistributionSection;
use crate::components::filter_bar::FilterBar;
use crate::components::footer::Footer;
use crate::components::header::Header;
use crate::components::products::ProductsSection;
use crate::components::range::RangeControls;
use crate::components::status::LoadingCard;
use crate::components::summary::Summary;
use crate::components::trend::TrendSection;
use crate::engine::Engine;
use crate::geo::section::GeoSection;
use crate::loading::view::{DropOverlay, LoadPanel, NothingLoaded};
use crate::loading::{Current, Loader};
use crate::state::{Dashboard, View};
use crate::url;
use leptos::prelude::*;
use leptos_router::components::Router;
use leptos_router::hooks::use_query_map;
use metrics::Report;
use std::sync::Arc;
use wasm_bindgen::JsValue;

/// The page: the app inside leptos_router's `<Router>`, which owns the URL (the page's state).
#[component]
pub fn Page() -> impl IntoView {
    view! {
        <Router>
            <App />
        </Router>
    }
}

#[component]
pub fn App() -> impl IntoView {
    url::install();
    crate::locale::install();
    let params = url::current();
    let dash = Dashboard::new(params.from, params.to);
    provide_context(dash);
    follow_url(dash);
    crate::theme::install(dash);

    let engine = Engine::new();
    let adoption_engine = StoredValue::new_local(engine.clone());
    let filter_engine = StoredValue::new_local(engine.clone());
    let loader = Loader::start(engine.clone(), params.data_urls());
    // a host portal's pi:load replaces the data with its files
    let host = crate::embed::install(
        dash,
        crate::embed::Handlers {
            load: Callback::new(move |files: Vec<(String, Vec<u8>)>| {
                loader.given(
                    files
                        .into_iter()
                        .map(|(name, bytes)| crate::engine::FileBytes {
                            name,
                            bytes: bytes.into(),
                        })
                        .collect(),
                );
            }),
        },
    );
    let generation = Memo::new(move |_| loader.generation());
    let query = Memo::new(move |_| dash.query());
    // The customers view asks for the report without its adoption half (most of its bytes, which
    // the worker encodes and the page decodes on every change); the adoption view asks for it
    // whole, and until that answer arrives it sees no report (its loading state), never a report
    // whose missing adoption half would read as "no licence data".
    let adoption = Memo::new(move |_| dash.view.get() == View::Adoption);
    let report = LocalResource::new(move || {
        let generation = generation.get();
        let query = query.get();
        let adoption = adoption.get();
        let engine = engine.clone();
        async move {
            let report = match generation {
                Some(_) => engine.report_with(query, adoption).await,
                None => None,
            };
            mark_report();
            (adoption, report)
        }
    });
    let latest: Signal<Option<Arc<Report>>> =
        Signal::derive(move || report.get().and_then(|(_, r)| r));
    let report: Signal<Option<Arc<Report>>> = Signal::derive(move || {
        report
            .get()
            .and_then(|(whole, r)| (whole || !adoption.get()).then_some(r))
            .flatten()
    });
    free_when_idle(latest);

    let files = Memo::new(move |_| {
        loader.current.with(|c| {
            c.iter()
                .flat_map(|c| c.files.iter().map(|f| f.name.clone()))
                .collect::<Vec<_>>()
        })
    });
    let usable = Memo::new(move |_| loader.current.with(|c| c.as_ref().map(Current::usable)));
    // the header and the range controls read any report (their figures do not depend on the
    // adoption half), so switching views does not blank them
    let as_of = Memo::new(move |_| latest.with(|r| r.as_ref().and_then(|r| r.as_of)));
    let timeline = Memo::new(move |_| latest.with(|r| r.as_ref().and_then(|r| r.timeline)));
    let range = Memo::new(move |_| latest.with(|r| r.as_ref().and_then(|r| r.range)));

    let on_range = Callback::new(move |(a, b)| {
        dash.set_range(a, b);
        if let (Some(a), Some(b)) = (dash.from.get_untracked(), dash.to.get_untracked()) {
            url::write_range(a, b);
        }
    });

    if let Some(host) = host {
        // pi:loaded once the first report of a load is ready (it carries the as-of date);
        // pi:error when nothing usable loaded
        let sent = StoredValue::new(None::<u32>);
        Effect::new(move |_| {
            let Some(current) = loader.current.get() else {
                return;
            };
            if sent.get_value() == Some(current.generation) {
                return;
            }
            if !current.usable() {
                sent.set_value(Some(current.generation));
                let names: Vec<&str> = current.files.iter().map(|f| f.name.as_str()).collect();
                host.error(&format!(
                    "nothing usable could be loaded from {}",
                    names.join(", ")
                ));
                return;
            }
            let Some(as_of) = as_of.get() else { return };
            sent.set_value(Some(current.generation));
            host.send(&crate::embed::message(
                "pi:loaded",
                &[
                    ("files", crate::embed::files_array(&current.files).into()),
                    ("as_of", JsValue::from_str(&as_of.to_string())),
                ],
            ));
        });
    }
    // the sections are built again in another language: their text is read when they are built
    // (the state they show lives in the URL and the Dashboard)
    let usable = Signal::derive(move || {
        crate::locale::current();
        usable.get()
    });
    let embed = url::use_param("embed");
    let embedded = move || embed.with(|e| e.as_deref() == Some("1"));

    view! {
        <div class="pi-app" class:pi-app--embedded=embedded>
            <a class="pi-skip" href="#main" on:click=skip_to_main>{move || crate::tr!(app.skip)}</a>
            <Show when=move || !embedded()>
            <Header as_of=as_of files=files view=dash.view on_view=Callback::new(move |v| crate::adoption::url::set_view(dash, v)) />
            </Show>
            <main class="pi-main" id="main" tabindex="-1">
                <LoadPanel loader=loader />
                {move || match usable.get() {
                    None => view! { <LoadingCard /> }.into_any(),
                    Some(false) => view! { <NothingLoaded loader=loader /> }.into_any(),
                    Some(true) if dash.view.get() == View::Adoption => {
                        view! {
                            <RangeControls timeline=timeline range=range on_change=on_range />
                            <FilterBar engine=filter_engine generation=generation />
                            <AdoptionView report=report engine=adoption_engine />
                        }
                            .into_any()
                    }
                    Some(true) => {
                        view! {
                            <RangeControls timeline=timeline range=range on_change=on_range />
                            <FilterBar engine=filter_engine generation=generation />
                            <Deferred report=report let:report><Summary report=report /></Deferred>
                            <Deferred report=report let:report><GeoSection report=report /></Deferred>
                            <Deferred report=report let:report><AddsChurnSection report=report timeline=timeline range=range on_range=on_range /></Deferred>
                            <Deferred report=report let:report><DistributionSection report=report /></Deferred>
                            <Deferred report=report let:report><ProductsSection report=report /></Deferred>
                            <Deferred report=report let:report><TrendSection report=report timeline=timeline range=range on_range=on_range /></Deferred>
                            <Deferred report=report let:report><ActiveSection report=report /></Deferred>
                        }
                            .into_any()
                    }
                }}
            </main>
            <Footer />
            <DropOverlay loader=loader />
        </div>
    }
}

/// A user-timing mark `pi-report` (only the newest is kept) where a report has arrived and the
/// sections start to redraw: `bench/interaction.js` times the redraw from it.
fn mark_report() {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        p.clear_marks_with_mark_name("pi-report");
        let _ = p.mark("pi-report");
    }
}

/// Keeps the page state equal to the URL's parameters: at start, and whenever the URL changes
/// by Back/Forward, a link or a host's `pi:set-state`. (The page's own writes set the state and
/// the URL together, so for them this finds nothing to change.)
fn follow_url(dash: Dashboard) {
    let q = use_query_map();
    Effect::new(move |_| {
        let (p, view) = q.with(|q| {
            (
                url::params_of(q),
                crate::adoption::url::parse_view(q.get_str("view")),
            )
        });
        let theme = p.theme.unwrap_or_default();
        if dash.from.get_untracked() != p.from {
            dash.from.set(p.from);
        }
        if dash.to.get_untracked() != p.to {
            dash.to.set(p.to);
        }
        if dash.filters.with_untracked(|f| *f != p.filters) {
            dash.filters.set(p.filters);
        }
        if dash.view.get_untracked() != view {
            dash.view.set(view);
        }
        if dash.theme.get_untracked() != theme {
            dash.theme.set(theme);
        }
    });
}

/// Keeps the report shown last until the browser is idle after the next one arrived: freeing a
/// report (about 1 ms at 2,000 customers) then happens after the new one is painted, not in the
/// middle of the update.
fn free_when_idle(report: Signal<Option<Arc<Report>>>) {
    use wasm_bindgen::JsCast;
    let held = StoredValue::new_local(None::<Arc<Report>>);
    Effect::new(move |_| {
        let next = report.get();
        let Some(prev) = held
            .try_update_value(|h| std::mem::replace(h, next))
            .flatten()
        else {
            return;
        };
        let Some(w) = web_sys::window() else { return };
        let free = wasm_bindgen::closure::Closure::once_into_js(move || drop(prev));
        let f: &js_sys::Function = free.unchecked_ref();
        // at the latest after 300 ms: a slider dragged without a pause must not pile up reports
        let by = web_sys::IdleRequestOptions::new();
        by.set_timeout(300);
        if w.request_idle_callback_with_options(f, &by).is_err() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(f, 100);
        }
    });
}

/// The skip link moves the keyboard focus to the content itself (a plain `#main` link would
/// only scroll, and the router would take the click as a navigation).
fn skip_to_main(ev: leptos::ev::MouseEvent) {
    use wasm_bindgen::JsCast;
    ev.prevent_default();
    if let Some(main) = document()
        .get_element_by_id("main")
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = main.focus();
        main.scroll_into_view();
    }
}
