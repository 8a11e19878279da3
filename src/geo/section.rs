//! The section: the selected metric and country (the `geo` URL parameter), the map beside the
//! grid, and the offer to filter the whole page by the selected country.

use super::grid::GeoGrid;
use super::map::GeoMap;
use super::present::{self, Metric};
use crate::components::empty::EmptyState;
use crate::format;
use crate::state::Dashboard;
use crate::url;
use leptos::prelude::*;
use metrics::report::GeoRow;
use metrics::{Dim, Report};
use std::sync::Arc;
use worldmap::World;

/// The report's geo rows with their display names (same order).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct GeoData {
    pub rows: Vec<GeoRow>,
    pub names: Vec<String>,
}

impl GeoData {
    pub fn of(rows: &[GeoRow]) -> GeoData {
        GeoData {
            names: rows
                .iter()
                .map(|r| present::country_name(r.country.as_deref()))
                .collect(),
            rows: rows.to_vec(),
        }
    }

    /// The row of a country code.
    pub fn row(&self, code: &str) -> Option<&GeoRow> {
        self.rows
            .iter()
            .find(|r| r.country.as_deref() == Some(code))
    }
}

#[component]
pub fn GeoSection(#[prop(into)] report: Signal<Option<Arc<Report>>>) -> impl IntoView {
    let dash = expect_context::<Dashboard>();
    let world = LocalResource::new(super::world::load);
    let world_ok: Signal<Option<Arc<World>>> =
        Signal::derive(move || world.get().and_then(|r| r.ok()));
    let world_err: Signal<Option<String>> =
        Signal::derive(move || world.get().and_then(|r| r.err()));

    let data = Memo::new(move |_| {
        report.with(|r| r.as_ref().map(|r| GeoData::of(&r.geo)).unwrap_or_default())
    });
    let metric = RwSignal::new(Metric::Customers);
    // the selection is the URL's `geo` (a link, Back/Forward and pi:set-state reach it)
    let selected = url::bind("geo", |v| v.and_then(present::parse_code));
    let active_known = Memo::new(move |_| data.with(|d| d.rows.iter().any(|r| r.active.is_some())));
    // without usage data the map cannot be shaded by active customers
    let shade_by = Memo::new(move |_| match metric.get() {
        Metric::Active if !active_known.get() => Metric::Customers,
        m => m,
    });
    let on_select = Callback::new(move |code: Option<String>| {
        url::write("geo", code.as_deref());
        selected.set(code);
    });
    let on_filter = Callback::new(move |code: String| {
        dash.filters.update(|f| {
            let values = f.entry(Dim::Country).or_default();
            if !values.iter().any(|v| v.eq_ignore_ascii_case(&code)) {
                values.push(code);
            }
        });
        dash.filters.with_untracked(url::write_filters);
    });
    let filtered_by = Signal::derive(move || {
        dash.filters
            .with(|f| f.get(&Dim::Country).cloned())
            .unwrap_or_default()
    });

    let month = Memo::new(move |_| {
        report.with(|r| r.as_ref().and_then(|r| r.range).map(|s| (s.from, s.to)))
    });
    let sub = move || match month.get() {
        Some((a, b)) => crate::tr!(
            geo.sub,
            month = format::month(b),
            span = format::month_span(a, b)
        )
        .to_string(),
        None => String::new(),
    };
    let summary = Signal::derive(move || {
        let m = month.get().map(|(_, b)| format::month(b));
        data.with(|d| present::summary(&d.rows, &d.names, m.as_deref()))
    });

    let segment = move |m: Metric| {
        let disabled = move || m == Metric::Active && !active_known.get();
        view! {
            <label class="pi-seg__item" class:pi-seg__item--off=disabled>
                <input
                    type="radio"
                    name="geo-metric"
                    value=m.key()
                    class="pi-sr"
                    prop:checked=move || shade_by.get() == m
                    disabled=disabled
                    on:change=move |_| metric.set(m)
                />
                <span>{m.label()}</span>
            </label>
        }
    };

    view! {
        <section class="pi-card pi-geo" data-testid="section-geo" aria-labelledby="geo-title">
            <header class="pi-card__head pi-chart__head">
                <div>
                    <h2 class="pi-card__title" id="geo-title">{crate::tr!(geo.title)}</h2>
                    <p class="pi-card__sub">{sub}</p>
                </div>
                <div class="pi-seg" role="radiogroup" aria-label=crate::tr!(geo.shade_by)>
                    {Metric::ALL.into_iter().map(segment).collect_view()}
                </div>
            </header>
            <EmptyState report=report />
            <p class="pi-chart__summary" id="geo-summary">{move || summary.get()}</p>
            <div class="pi-geo__body">
                <GeoMap
                    world=world_ok
                    error=world_err
                    data=data
                    metric=shade_by
                    selected=selected
                    filtered_by=filtered_by
                    on_select=on_select
                    on_filter=on_filter
                />
                <GeoGrid
                    data=data
                    world=world_ok
                    selected=selected
                    on_select=Callback::new(move |c| on_select.run(Some(c)))
                />
            </div>
        </section>
    }
}
