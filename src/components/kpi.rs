//! One summary tile: label, value, change with ▲/▼ in text, comparison and sparkline.

use crate::components::sparkline::Sparkline;
use crate::present::{Tile, Trend};
use leptos::prelude::*;

#[component]
pub fn KpiTile(#[prop(into)] tile: Signal<Option<Tile>>) -> impl IntoView {
    let text =
        move |f: fn(&Tile) -> String| move || tile.with(|t| t.as_ref().map(f).unwrap_or_default());
    let id = tile.with_untracked(|t| t.as_ref().map_or("", |t| t.id));
    let label_id = format!("{id}-label");
    let labelled_by = label_id.clone();
    let trend = move || tile.with(|t| t.as_ref().map_or(Trend::None, |t| t.change.trend));
    // a memo: the sparkline redraws only when its values change
    let spark =
        Memo::new(move |_| tile.with(|t| t.as_ref().map(|t| t.spark.clone()).unwrap_or_default()));
    let spark_label = Signal::derive(text(|t| t.spark_label.clone()));
    view! {
        <article class="pi-card pi-kpi" data-testid=id aria-labelledby=labelled_by>
            <header class="pi-kpi__head">
                <h2 class="pi-kpi__label" id=label_id>
                    {text(|t| t.label.to_string())}
                </h2>
                <span class="pi-kpi__period">{text(|t| t.period.clone())}</span>
            </header>
            <p
                class="pi-kpi__value"
                data-testid="kpi-value"
                title=move || tile.with(|t| t.as_ref().and_then(|t| t.value_reason.clone()))
            >
                {text(|t| t.value.clone())}
            </p>
            <p class="pi-kpi__change">
                <span
                    class=move || format!("pi-badge pi-badge--{}", trend().class())
                    title=move || tile.with(|t| t.as_ref().and_then(|t| t.change.reason.clone()))
                >
                    {text(|t| t.change.text.clone())}
                </span>
                <span class="pi-kpi__compare">{text(|t| t.change.compare.clone())}</span>
                <span class="pi-sr">{move || tile.with(|t| t.as_ref().and_then(|t| t.change.reason.clone()).map(|r| format!(" ({r})")))}</span>
            </p>
            <Sparkline values=spark label=spark_label />
        </article>
    }
}
