//! The frame every chart shares: title, one-sentence summary, HTML legend toggles, the canvas
//! (accessible name, redrawn on resize), an HTML tooltip that follows the nearest column (mouse
//! or arrow keys), and the "view as table" alternative. All text is set through the view as text
//! nodes, never parsed as HTML: data-derived strings are hostile input.

use super::canvas::{use_size, use_visible};
use super::projection::Bands;
use super::tabs::{TabSet, Tabs};
use crate::components::empty::{emptied, EmptyState};
use leptos::callback::UnsyncCallback;
use leptos::html;
use leptos::prelude::*;
use metrics::Report;
use std::sync::Arc;
use web_sys::HtmlCanvasElement;

/// One legend toggle. `key` names the item in the URL (`hide`) or in the section's callback;
/// `swatch` is its colour in CSS (`pi-swatch--{swatch}`).
#[derive(Clone, Debug, PartialEq)]
pub struct LegendItem {
    pub key: String,
    pub label: String,
    pub on: bool,
    pub swatch: String,
}

impl LegendItem {
    /// A series whose CSS swatch is named after its key.
    pub fn series(key: &str, label: &str, on: bool) -> Self {
        LegendItem {
            key: key.to_string(),
            label: label.to_string(),
            on,
            swatch: key.to_string(),
        }
    }
}

/// The "view as table" alternative of a chart.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    pub caption: String,
    pub head: Vec<String>,
    pub rows: Vec<Vec<String>>,
    /// When set, each row's first cell is a button that passes the cell's text to the frame's
    /// `on_row` (a product table opens that product's SKUs).
    pub action: Option<String>,
}

/// One line of the tooltip; `key` is its CSS swatch (`pi-swatch--{key}`).
#[derive(Clone, Debug, PartialEq)]
pub struct TipRow {
    pub key: String,
    pub label: String,
    pub value: String,
}

/// The tooltip of one column.
#[derive(Clone, Debug, PartialEq)]
pub struct Tip {
    pub title: String,
    pub rows: Vec<TipRow>,
}

/// What drawing needs: the canvas and its CSS size. The draw callback returns the bands it
/// used, so that hover maps the pointer to the same columns.
pub type Draw = UnsyncCallback<(HtmlCanvasElement, f64, f64), Option<Bands>>;

#[component]
pub fn ChartFrame(
    /// `data-testid` of the section (also the prefix of element ids).
    testid: &'static str,
    title: &'static str,
    #[prop(into)] sub: Signal<String>,
    /// One sentence saying what the chart shows (read by screen readers with the canvas).
    #[prop(into)]
    summary: Signal<String>,
    #[prop(into)] label: Signal<String>,
    #[prop(into)] legend: Signal<Vec<LegendItem>>,
    /// Called with the key of a legend item when it is pressed.
    on_toggle: Callback<String>,
    #[prop(into)] table: Signal<Table>,
    /// Words shown instead of the chart when there is nothing to draw.
    #[prop(into)]
    empty: Signal<Option<String>>,
    draw: Draw,
    tip: Callback<usize, Option<Tip>>,
    /// Tabs above the chart: the rest of the frame becomes their tab panel.
    #[prop(optional)]
    tabs: Option<TabSet>,
    /// The legend selects one item (a drill-down) instead of switching series on and off.
    #[prop(optional)]
    select: bool,
    /// The legend's length follows the data (a category per item, without a cap): it keeps one
    /// height, about two lines and a half, and scrolls past them. A filter that changes its
    /// categories then does not move the chart and the sections below it, which made the browser
    /// lay out, paint and rasterise them again; and a book with a hundred categories does not
    /// push the chart off the screen.
    #[prop(optional)]
    long_legend: bool,
    /// What the keyboard does on the plot (its accessible name); months by default.
    #[prop(optional)]
    hint: Option<&'static str>,
    /// A click on the plot, in CSS pixels from its top-left corner.
    #[prop(optional)]
    on_click: Option<Callback<(f64, f64)>>,
    /// A second table under the first (a drill-down).
    #[prop(optional)]
    extra_table: Option<Signal<Option<Table>>>,
    /// The action of tables with [`Table::action`]: called with the row's first cell.
    #[prop(optional)]
    on_row: Option<Callback<String>>,
    /// Controls shown between the legend and the plot (a range slider).
    #[prop(optional)]
    children: Option<Children>,
    /// The report drawn: when given and the filters or the range leave no customer, the
    /// section shows the shared empty state instead of the chart.
    #[prop(optional, into)]
    report: Option<Signal<Option<Arc<Report>>>>,
) -> impl IntoView {
    let nothing = report.map(emptied);
    let nothing = move || nothing.is_some_and(|m| m.get());
    let canvas = NodeRef::<html::Canvas>::new();
    let plot = NodeRef::<html::Div>::new();
    let size = use_size(plot);
    let visible = use_visible(plot);
    // reactive: the tooltip's place follows the first draw after the chart scrolled into view
    let bands = RwSignal::new(None::<Bands>);
    // the chart changed while off screen and was not drawn since
    let stale = StoredValue::new(true);
    let hover = RwSignal::new(None::<usize>);
    let as_table = RwSignal::new(false);
    let summary_id = format!("{testid}-summary");
    let title_id = format!("{testid}-title");
    let labelled_by = title_id.clone();

    // Synchronises the canvas (outside the reactive world) with the data, the legend and the
    // size; the draw callback reads the signals it depends on. Off screen it reads none of them
    // and draws when scrolled into view.
    let repaint = use_context::<crate::state::Dashboard>().map(|d| d.repaint);
    Effect::new(move |_| {
        if let Some(r) = repaint {
            r.track();
        }
        let (w, h) = size.get();
        if !visible.get() {
            stale.set_value(true);
            return;
        }
        if let Some(c) = canvas.get() {
            let c: HtmlCanvasElement = c;
            bands.set(draw.run((c, w, h)));
            stale.set_value(false);
        }
    });
    // Draws now what is stale: a pointer or a key can reach the chart before the
    // IntersectionObserver says it is on screen; the PNG needs the current picture too.
    let draw_now = move || {
        if stale.get_value() {
            if let Some(c) = canvas.get_untracked() {
                let (w, h) = size.get_untracked();
                bands.set(draw.run((c, w, h)));
                stale.set_value(false);
            }
        }
    };

    let at = move |x: f64| bands.with_untracked(|b| b.and_then(|b| b.nearest(x)));
    let n = move || bands.with_untracked(|b| b.map_or(0, |b| b.n));
    let on_move = move |ev: leptos::ev::MouseEvent| {
        draw_now();
        let i = at(f64::from(ev.offset_x()));
        if hover.get_untracked() != i {
            hover.set(i);
        }
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        draw_now();
        let n = n();
        if n == 0 {
            return;
        }
        let next = match (ev.key().as_str(), hover.get_untracked()) {
            ("ArrowRight", None) | ("Home", _) => Some(0),
            ("ArrowLeft", None) | ("End", _) => Some(n - 1),
            ("ArrowRight", Some(i)) => Some((i + 1).min(n - 1)),
            ("ArrowLeft", Some(i)) => Some(i.saturating_sub(1)),
            ("Escape", _) => None,
            _ => return,
        };
        ev.prevent_default();
        hover.set(next);
    };
    let tip_now = Memo::new(move |_| hover.get().and_then(|i| tip.run(i).map(|t| (i, t))));
    let geometry = move || {
        let i = tip_now.with(|t| t.as_ref().map(|(i, _)| *i))?;
        size.track();
        bands.with(|b| b.map(|b| (b.column(i, 0.0), b.center(i), b.right - b.left, b.left)))
    };

    let legend_view = move || {
        legend
            .get()
            .into_iter()
            .map(|item| {
                let LegendItem { key, label, on, swatch } = item;
                let title = match (select, on) {
                    (true, true) => crate::tr!(chart.legend_selected),
                    (true, false) => crate::tr!(chart.legend_show_detail),
                    (false, true) => crate::tr!(chart.legend_hide),
                    (false, false) => crate::tr!(chart.legend_show),
                };
                view! {
                    <button
                        type="button"
                        class="pi-legend__item"
                        data-testid="legend-item"
                        data-key=key.clone()
                        aria-pressed=on.to_string()
                        title=title
                        on:click=move |_| on_toggle.run(key.clone())
                    >
                        <span class=format!("pi-swatch pi-swatch--{swatch}") aria-hidden="true"></span>
                        {label}
                    </button>
                }
            })
            .collect_view()
    };
    let panel = tabs.as_ref().map(|t| (t.panel_id(), t.labelled_by()));
    let tabs_view = tabs.map(|set| view! { <Tabs set=set /> });

    view! {
        <section class="pi-card pi-chart" data-testid=testid aria-labelledby=labelled_by>
            <header class="pi-card__head pi-chart__head">
                <div>
                    <h2 class="pi-card__title" id=title_id>{title}</h2>
                    <p class="pi-card__sub">{move || sub.get()}</p>
                </div>
                <div class="pi-chart__actions">
                    <button
                        type="button"
                        class="pi-chart__toggle"
                        class:pi-hidden=nothing
                        aria-label=crate::tr!(chart.png_label, title).to_string()
                        title=crate::tr!(chart.png_title)
                        data-testid="chart-png"
                        on:click=move |_| {
                            // off screen the canvas may show an older report: draw it now
                            draw_now();
                            if let Some(c) = canvas.get_untracked() {
                                super::png::download(&c, title, testid);
                            }
                        }
                    >
                        "PNG"
                    </button>
                    <button
                        type="button"
                        class="pi-chart__toggle"
                        class:pi-hidden=nothing
                        aria-pressed=move || as_table.get().to_string()
                        on:click=move |_| as_table.update(|t| *t = !*t)
                    >
                        {move || {
                            if as_table.get() {
                                crate::tr!(chart.view_chart)
                            } else {
                                crate::tr!(chart.view_table)
                            }
                        }}
                    </button>
                </div>
            </header>
            {tabs_view}
            <div
                class="pi-chart__body"
                role=panel.as_ref().map(|_| "tabpanel")
                id=panel.as_ref().map(|p| p.0.clone())
                aria-labelledby=move || panel.as_ref().map(|p| p.1.get())
            >
                <p class="pi-chart__summary" id=summary_id.clone() class:pi-hidden=nothing>{move || summary.get()}</p>
                <div
                    class="pi-legend"
                    class:pi-hidden=nothing
                    class:pi-legend--select=select
                    class:pi-legend--long=long_legend
                    role="group"
                    aria-label=if select {
                        crate::tr!(chart.legend_select)
                    } else {
                        crate::tr!(chart.legend_series)
                    }
                >
                    {legend_view}
                </div>
                {children.map(|c| c())}
                {report.map(|r| view! { <EmptyState report=r /> })}
                <Show when=move || empty.with(Option::is_some) && !nothing()>
                    <p class="pi-chart__empty pi-muted">{move || empty.get()}</p>
                </Show>
                <div
                    class="pi-chart__plot"
                    class:pi-hidden=move || as_table.get() || empty.with(Option::is_some) || nothing()
                    node_ref=plot
                    tabindex="0"
                    aria-label=hint.unwrap_or(crate::tr!(chart.hint_months))
                    on:mousemove=on_move
                    on:mouseleave=move |_| hover.set(None)
                    on:keydown=on_key
                    on:blur=move |_| hover.set(None)
                    on:click=move |ev: leptos::ev::MouseEvent| {
                        if let Some(cb) = on_click {
                            draw_now();
                            cb.run((f64::from(ev.offset_x()), f64::from(ev.offset_y())));
                        }
                    }
                >
                    <canvas
                        class="pi-chart__canvas"
                        node_ref=canvas
                        role="img"
                        aria-label=move || label.get()
                        aria-describedby=summary_id
                    ></canvas>
                    {move || {
                        geometry()
                            .map(|((x0, x1), _, _, _)| {
                                view! {
                                    <div
                                        class="pi-chart__hover"
                                        aria-hidden="true"
                                        style:left=format!("{x0:.1}px")
                                        style:width=format!("{:.1}px", x1 - x0)
                                    ></div>
                                }
                            })
                    }}
                    <div class="pi-chart__tip-live pi-sr" aria-live="polite">
                        {move || tip_now.with(|t| t.as_ref().map(|(_, t)| spoken(t)))}
                    </div>
                    {move || {
                        let (_, t) = tip_now.get()?;
                        let (_, center, width, left) = geometry()?;
                        let right_half = center - left > width * 0.55;
                        Some(tip_card(t, center, None, right_half))
                    }}
                </div>
                <Show when=move || as_table.get() && !nothing()>
                    <DataTable table=table on_row=on_row />
                    {extra_table.map(|t| move || t.get().map(|t| view! { <DataTable table=Signal::stored(t) on_row=on_row /> }))}
                </Show>
            </div>
        </section>
    }
}

/// A "view as table" table: a caption for screen readers, column heads, and row heads in the
/// first column (buttons when the table has an action).
#[component]
fn DataTable(
    #[prop(into)] table: Signal<Table>,
    on_row: Option<Callback<String>>,
) -> impl IntoView {
    view! {
        <div class="pi-chart__table-wrap">
            <table class="pi-chart__table" data-testid="chart-table">
                <caption class="pi-sr">{move || table.with(|t| t.caption.clone())}</caption>
                <thead>
                    <tr>
                        {move || {
                            table
                                .with(|t| t.head.clone())
                                .into_iter()
                                .map(|h| view! { <th scope="col">{h}</th> })
                                .collect_view()
                        }}
                    </tr>
                </thead>
                <tbody>
                    {move || {
                        let action = table.with(|t| t.action.clone());
                        table
                            .with(|t| t.rows.clone())
                            .into_iter()
                            .map(|row| {
                                let mut cells = row.into_iter();
                                let first = cells.next().unwrap_or_default();
                                let head = match (&action, on_row) {
                                    (Some(verb), Some(cb)) => {
                                        let key = first.clone();
                                        view! {
                                            <button
                                                type="button"
                                                class="pi-chart__row-action"
                                                title=verb.clone()
                                                on:click=move |_| cb.run(key.clone())
                                            >
                                                {first}
                                            </button>
                                        }
                                            .into_any()
                                    }
                                    _ => first.into_any(),
                                };
                                view! {
                                    <tr>
                                        <th scope="row">{head}</th>
                                        {cells.map(|c| view! { <td>{c}</td> }).collect_view()}
                                    </tr>
                                }
                            })
                            .collect_view()
                    }}
                </tbody>
            </table>
        </div>
    }
}

/// The tooltip card shared by the charts and the world map, at `left` (and `top`, else the
/// stylesheet's) CSS pixels in its plot, flipped to the left of that point when `flip`. A row
/// with an empty `key` has no swatch.
pub fn tip_card(t: Tip, left: f64, top: Option<f64>, flip: bool) -> impl IntoView {
    view! {
        <div
            class="pi-chart__tip"
            data-testid="chart-tooltip"
            class:pi-chart__tip--left=flip
            style:left=format!("{left:.1}px")
            style:top=top.map(|y| format!("{y:.1}px"))
            aria-hidden="true"
        >
            <p class="pi-chart__tip-title">{t.title}</p>
            <dl class="pi-chart__tip-rows">
                {t
                    .rows
                    .into_iter()
                    .map(|r| {
                        view! {
                            <div class="pi-chart__tip-row">
                                <dt>
                                    {(!r.key.is_empty())
                                        .then(|| {
                                            view! {
                                                <span class=format!("pi-swatch pi-swatch--{}", r.key) aria-hidden="true"></span>
                                            }
                                        })}
                                    {r.label}
                                </dt>
                                <dd>{r.value}</dd>
                            </div>
                        }
                    })
                    .collect_view()}
            </dl>
        </div>
    }
}

/// The tooltip as one sentence for the live region: `Mar 2026: New 4, Churned 2.`
pub fn spoken(t: &Tip) -> String {
    let parts: Vec<String> = t
        .rows
        .iter()
        .map(|r| format!("{} {}", r.label, r.value))
        .collect();
    crate::tr!(chart.spoken, title = &t.title, rows = parts.join(", ")).to_string()
}

/// The subtitle of a monthly customers chart: "Customers per month, Nov 2025 – Oct 2026".
pub fn customers_per_month(first: Option<metrics::Month>, last: Option<metrics::Month>) -> String {
    match (first, last) {
        (Some(a), Some(b)) => crate::tr!(
            chart.customers_per_month,
            period = crate::format::month_span(a, b)
        )
        .to_string(),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tooltips_are_spoken_as_one_sentence() {
        let t = Tip {
            title: "Mar 2026".into(),
            rows: vec![
                TipRow {
                    key: "new".into(),
                    label: "New".into(),
                    value: "4".into(),
                },
                TipRow {
                    key: "churned".into(),
                    label: "Churned".into(),
                    value: "\u{2212}2".into(),
                },
            ],
        };
        assert_eq!(spoken(&t), "Mar 2026: New 4, Churned \u{2212}2.");
    }
}
