//! The summary section: five KPI tiles and customers by product.

use crate::components::by_product::ByProduct;
use crate::components::empty::{emptied, EmptyState};
use crate::components::kpi::KpiTile;
use crate::format;
use crate::present::{self, Tile};
use leptos::prelude::*;
use metrics::Report;
use std::sync::Arc;

#[component]
pub fn Summary(#[prop(into)] report: Signal<Option<Arc<Report>>>) -> impl IntoView {
    let tiles =
        Memo::new(move |_| report.with(|r| r.as_deref().map(present::tiles).unwrap_or_default()));
    let has_data = Memo::new(move |_| tiles.with(|t| !t.is_empty()));
    let nothing = emptied(report);
    let bars = Memo::new(move |_| {
        report.with(|r| {
            r.as_deref()
                .map(|r| present::bars(&r.summary.by_product))
                .unwrap_or_default()
        })
    });
    let current = Memo::new(move |_| {
        report.with(|r| {
            r.as_ref()
                .and_then(|r| r.range)
                .map(|s| format::month(s.to))
        })
    });
    view! {
        <section class="pi-summary" aria-label=move || crate::tr!(summary.label)>
            <Show
                when=move || has_data.get()
                fallback=|| {
                    view! {
                        <div class="pi-card pi-empty">
                            <h2>{move || crate::tr!(summary.no_activity)}</h2>
                            <p>{move || crate::tr!(summary.no_activity_text)}</p>
                        </div>
                    }
                }
            >
                <Show when=move || nothing.get()>
                    <div class="pi-card">
                        <EmptyState report=report />
                    </div>
                </Show>
                <div class="pi-kpis" class:pi-hidden=move || nothing.get()>
                    {(0..5)
                        .map(|i| {
                            let tile: Signal<Option<Tile>> = Memo::new(move |_| {
                                    tiles.with(|t| t.get(i).cloned())
                                })
                                .into();
                            view! { <KpiTile tile=tile /> }
                        })
                        .collect_view()}
                </div>
                <Show when=move || !nothing.get()>
                    <ByProduct bars=bars month=current />
                </Show>
            </Show>
        </section>
    }
}
