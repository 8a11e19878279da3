//! The page: loads the data through the engine handle, keeps the range, and lays out the
//! sections. Components below render report values; none of them computes a metric.

use crate::adoption::view::AdoptionView;
use crate::components::active::ActiveSection;
use crate::components::adds_churn::AddsChurnSection;
use crate::components::footer::Footer;
use crate::components::header::Header;
use crate::components::range::RangeControls;
use crate::components::status::LoadingCard;
use crate::components::summary::Summary;
use crate::engine::Engine;
use crate::loading::view::{DropOverlay, LoadPanel, NothingLoaded};
use crate::loading::{Current, Loader};
use crate::state::{Dashboard, View};
use crate::url;
use leptos::prelude::*;
use metrics::Report;
use std::sync::Arc;

#[component]
pub fn App() -> impl IntoView {
    let params = url::current();
    let dash = Dashboard::new(params.from, params.to);
    dash.filters.set(params.filters.clone());
    provide_context(dash);

    let handle = window_event_listener(leptos::ev::resize, move |_| {
        dash.viewport.update(|n| *n = n.wrapping_add(1))
    });
    on_cleanup(move || handle.remove());

    let engine = Engine::new();
    let adoption_engine = StoredValue::new_local(engine.clone());
    crate::adoption::url::restore(dash);
    let loader = Loader::start(engine.clone(), params.data_urls());
    let generation = Memo::new(move |_| loader.generation());
    let query = Memo::new(move |_| dash.query());
    let report = LocalResource::new(move || {
        let generation = generation.get();
        let query = query.get();
        let engine = engine.clone();
        async move {
            match generation {
                Some(_) => engine.report(query).await,
                None => None,
            }
        }
    });
    let report: Signal<Option<Arc<Report>>> = Signal::derive(move || report.get().flatten());

    let files = Memo::new(move |_| {
        loader.current.with(|c| {
            c.iter()
                .flat_map(|c| c.files.iter().map(|f| f.name.clone()))
                .collect::<Vec<_>>()
        })
    });
    let usable = Memo::new(move |_| loader.current.with(|c| c.as_ref().map(Current::usable)));
    let as_of = Memo::new(move |_| report.with(|r| r.as_ref().and_then(|r| r.as_of)));
    let timeline = Memo::new(move |_| report.with(|r| r.as_ref().and_then(|r| r.timeline)));
    let range = Memo::new(move |_| report.with(|r| r.as_ref().and_then(|r| r.range)));

    let on_range = Callback::new(move |(a, b)| {
        dash.set_range(a, b);
        if let (Some(a), Some(b)) = (dash.from.get_untracked(), dash.to.get_untracked()) {
            url::write_range(a, b);
        }
    });

    view! {
        <div class="pi-app">
            <Header as_of=as_of files=files view=dash.view on_view=Callback::new(move |v| crate::adoption::url::set_view(dash, v)) />
            <main class="pi-main" id="main">
                <LoadPanel loader=loader />
                {move || match usable.get() {
                    None => view! { <LoadingCard /> }.into_any(),
                    Some(false) => view! { <NothingLoaded loader=loader /> }.into_any(),
                    Some(true) if dash.view.get() == View::Adoption => {
                        view! {
                            <RangeControls timeline=timeline range=range on_change=on_range />
                            <AdoptionView report=report engine=adoption_engine />
                        }
                            .into_any()
                    }
                    Some(true) => {
                        view! {
                            <RangeControls timeline=timeline range=range on_change=on_range />
                            <Summary report=report />
                            <AddsChurnSection report=report timeline=timeline range=range on_range=on_range />
                            <ActiveSection report=report />
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
