//! The page: loads the data through the engine handle, keeps the range, and lays out the
//! sections. Components below render report values; none of them computes a metric.

use crate::adoption::view::AdoptionView;
use crate::components::active::ActiveSection;
use crate::components::adds_churn::AddsChurnSection;
use crate::components::filter_bar::FilterBar;
use crate::components::footer::Footer;
use crate::components::header::Header;
use crate::components::range::RangeControls;
use crate::components::status::{ErrorCard, LoadingCard};
use crate::components::summary::Summary;
use crate::engine::Engine;
use crate::state::{Dashboard, View};
use crate::{source, url};
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
    let filter_engine = StoredValue::new_local(engine.clone());
    crate::adoption::url::restore(dash);
    let urls = params.data_urls();
    let loaded = LocalResource::new({
        let engine = engine.clone();
        move || {
            let engine = engine.clone();
            let urls = urls.clone();
            async move {
                let files = source::fetch_all(&urls).await?;
                let loaded = engine.load(files).await;
                match loaded.refusals() {
                    r if r.is_empty() => Ok(loaded),
                    r => Err(r.join("\n")),
                }
            }
        }
    });
    let generation = Memo::new(move |_| loaded.get().and_then(|r| r.ok()).map(|l| l.generation));
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
        loaded
            .get()
            .and_then(|r| r.ok())
            .map(|l| l.files.into_iter().map(|f| f.name).collect::<Vec<_>>())
            .unwrap_or_default()
    });
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
                {move || match loaded.get() {
                    None => view! { <LoadingCard /> }.into_any(),
                    Some(Err(message)) => view! { <ErrorCard message=message /> }.into_any(),
                    Some(Ok(_)) if dash.view.get() == View::Adoption => {
                        view! {
                            <RangeControls timeline=timeline range=range on_change=on_range />
                            <FilterBar engine=filter_engine generation=generation />
                            <AdoptionView report=report engine=adoption_engine />
                        }
                            .into_any()
                    }
                    Some(Ok(_)) => {
                        view! {
                            <RangeControls timeline=timeline range=range on_change=on_range />
                            <FilterBar engine=filter_engine generation=generation />
                            <Summary report=report />
                            <AddsChurnSection report=report timeline=timeline range=range on_range=on_range />
                            <ActiveSection report=report />
                        }
                            .into_any()
                    }
                }}
            </main>
            <Footer />
        </div>
    }
}
